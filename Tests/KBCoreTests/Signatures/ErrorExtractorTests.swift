import Testing

@testable import KBCore

@Suite struct ErrorExtractorTests {
    static let mdnPage = """
        ---
        title: 'TypeError: "x" is not a function'
        slug: Web/JavaScript/Reference/Errors/Not_a_function
        ---

        The JavaScript exception "is not a function" occurs when there was an attempt to call a
        value from a function, but the value is not actually a function.

        ## Message

        ```plain
        TypeError: "x" is not a function. (V8-based & Firefox & Safari)
        AggregateError (Safari)
        ```

        ## Error type

        {{jsxref("TypeError")}}

        ## Examples

        ```js example-bad
        const x = document.getElementByID("foo");
        // TypeError: document.getElementByID is not a function
        ```

        ```js
        obj.map((num) => num * 2); // TypeError: obj.map is not a function
        numbers.map((num) => num * 2); // [2, 8, 18]
        throw new TypeError("failed to parse");
        // returns undefined
        /* RangeError: precision -1 out of range */
        import fs from "fs"; // SyntaxError
        ```
        """

    @Test("reads every line of a Message block and error comments in code")
    func mdnMessageSection() {
        let errors = ErrorExtractor.extract(markdown: Self.mdnPage, declared: [])
        #expect(
            errors.map(\.raw) == [
                "TypeError: \"x\" is not a function. (V8-based & Firefox & Safari)",
                "AggregateError (Safari)",
                "TypeError: document.getElementByID is not a function",
                "TypeError: obj.map is not a function",
                "RangeError: precision -1 out of range",
            ])
        #expect(errors.map(\.source) == [.messageSection, .messageSection, .codeBlock, .codeBlock, .codeBlock])
        #expect(errors.map(\.line) == [12, 13, 24, 28, 32])
        #expect(errors[0].signature.text == "typeerror: ‹str› is not a function")
        #expect(errors[1].signature.text == "aggregateerror")
    }

    static let messageHeadings = ["エラーメッセージ", "メッセージ", "메시지", "오류 메시지", "Error message", "Messages"]

    @Test("localized Message headings", arguments: messageHeadings)
    func localizedHeadings(_ heading: String) {
        let markdown = """
            ## \(heading)

            ```js
            Object doesn't support property or method {x}
            ```

            ## 例

            ```js
            Object doesn't support property or method {y}
            ```
            """
        let errors = ErrorExtractor.extract(markdown: markdown, declared: [])
        #expect(errors.map(\.raw) == ["Object doesn't support property or method {x}"])
        #expect(errors.first?.line == 4)
    }

    @Test("prose and inline code")
    func proseAndInlineCode() {
        let markdown = """
            If the push fails with `denied: permission_denied: write_package`, the token lacks the scope.
            Calling `getElementById` works, and `TypeError` alone is too vague.

            - npm ERR! code E403
            - A TypeError is thrown when a value is not a function.
            > **TypeError: Cannot read properties of undefined (reading 'x')**

            The build fails with a permission error.
            """
        let errors = ErrorExtractor.extract(markdown: markdown, declared: [])
        #expect(
            errors.map(\.raw) == [
                "denied: permission_denied: write_package",
                "npm ERR! code E403",
                "TypeError: Cannot read properties of undefined (reading 'x')",
            ])
        #expect(errors.map(\.source) == [.inlineCode, .prose, .prose])
        #expect(errors.map(\.line) == [1, 4, 6])
    }

    @Test("terminal output blocks, tilde fences and indented code")
    func outputBlocks() {
        let markdown = """
            Pushing fails:

            ```console
            $ docker push ghcr.io/acme/api:latest
            The push refers to repository [ghcr.io/acme/api]
            denied: permission_denied: write_package
            ```

            ~~~
            fatal: could not read Username for 'https://github.com': No such device or address
            ~~~

            Or with an older client:

                Error response from daemon: unauthorized: authentication required
                Login Succeeded

            - A list item

                continued in the item, not code: failed to do something
            """
        let errors = ErrorExtractor.extract(markdown: markdown, declared: [])
        #expect(
            errors.map(\.raw) == [
                "denied: permission_denied: write_package",
                "fatal: could not read Username for 'https://github.com': No such device or address",
                "Error response from daemon: unauthorized: authentication required",
            ])
        #expect(errors.map(\.line) == [6, 10, 15])
    }

    @Test("declared errors come first and are always kept")
    func declared() {
        let errors = ErrorExtractor.extract(
            markdown: "## Message\n\n```\nTypeError: \"x\" is not a function\n```\n",
            declared: ["Login Succeeded", "12345", "TypeError: 'y' is not a function"])
        #expect(errors.map(\.raw) == ["Login Succeeded", "TypeError: 'y' is not a function"])
        #expect(errors.map(\.source) == [.frontMatter, .frontMatter])
        #expect(errors.map(\.line) == [0, 0])
    }

    @Test("duplicates keep the strongest source")
    func duplicates() {
        let markdown = """
            Seen as `npm ERR! code E403` in the log:

            ```
            npm ERR! code E403
            ```
            """
        let errors = ErrorExtractor.extract(markdown: markdown, declared: [])
        #expect(errors.count == 1)
        #expect(errors.first?.source == .codeBlock)
        #expect(errors.first?.line == 4)
    }

    @Test("MDN macros are skipped")
    func macros() {
        let markdown = """
            {{jsxref("TypeError")}}: {{jsxref("Array.prototype.map()")}} is used wrongly.
            {{EmbedInteractiveExample("pages/js/errors.html")}}
            """
        #expect(ErrorExtractor.extract(markdown: markdown, declared: []).isEmpty)
    }

    @Test("at most maxErrorsPerArticle messages")
    func cap() {
        let lines = (0..<100).map { "TypeError: thing\($0)x is not a function" }.joined(separator: "\n")
        let errors = ErrorExtractor.extract(markdown: "## Message\n\n```\n\(lines)\n```\n", declared: [])
        #expect(errors.count == ErrorExtractor.maxErrorsPerArticle)
        #expect(errors.first?.raw == "TypeError: thing0x is not a function")
    }

    @Test("CRLF line endings")
    func crlf() {
        let markdown = "## Message\r\n\r\n```\r\nRangeError: Invalid array length\r\n```\r\n"
        let errors = ErrorExtractor.extract(markdown: markdown, declared: [])
        #expect(errors.map(\.raw) == ["RangeError: Invalid array length"])
        #expect(errors.first?.line == 4)
    }
}
