/// Finds the error messages an article is about, so that they can be indexed as
/// ``ErrorSignature``s.
///
/// Sources, from strongest to weakest:
/// 1. the `declared` list from the front matter (`errors:`), always kept;
/// 2. fenced (```` ``` ````, `~~~`) and indented code blocks:
///    - every line of a code block in a section headed "Message", "Error message",
///      "エラーメッセージ", "メッセージ", "메시지" or "오류 메시지" (as MDN writes them);
///    - comments (`//`, `#`, `/* */`, `<!-- -->`, and trailing ones such as
///      `obj.map(f); // TypeError: obj.map is not a function`) that quote an error: they
///      start with a typed name or an error marker, possibly after `Uncaught`, `Throws`
///      or `Expected output:`;
///    - lines of terminal output (`console`, `plain`, `sh`, no info string…) that read
///      as errors, except commands typed at a prompt;
///    - lines of source code only when they start with an error marker, as console
///      output pasted into a `js` block does (`Uncaught TypeError: …`);
/// 3. inline code spans that read as errors (a lone word only if it is an error code
///    such as `EACCES`);
/// 4. prose lines that start with an error marker and score as strong evidence.
///
/// Messages of a single token that is not an error code (a bare `SyntaxError` in a
/// comment) are too vague to index, except in a Message section or the front matter.
/// MDN macros (`{{jsxref("TypeError")}}`) are skipped. Messages are de-duplicated by
/// signature hash, keeping the strongest source, and at most
/// ``maxErrorsPerArticle`` are returned, declared ones first, then in document order.
///
/// ```swift
/// let errors = ErrorExtractor.extract(markdown: body, declared: frontMatter.errors)
/// errors.map(\.signature.text)   // ["typeerror: ‹str› is not a function", …]
/// ```
public enum ErrorExtractor {
    /// The most messages kept for one article.
    public static let maxErrorsPerArticle = 64

    /// Lines of a code block (outside a message section) must score this much.
    static let codeLineScore = 0.5
    /// Inline code spans must score this much.
    static let inlineCodeScore = 0.6

    /// Extracts the error messages of an article.
    ///
    /// - Parameters:
    ///   - markdown: The Markdown body. A leading front matter block (`---` … `---`)
    ///     is skipped if present; line numbers count from the first line of `markdown`.
    ///   - declared: Messages declared in the front matter; kept even if they do not
    ///     read as errors, unless nothing meaningful remains after normalization.
    public static func extract(markdown: String, declared: [String]) -> [ExtractedError] {
        var collector = Collector()
        for message in declared {
            collector.add(message, source: .frontMatter, line: 0, always: true)
        }
        let lines = splitLines(markdown)

        var state = BlockState()
        var index = frontMatterEnd(lines)
        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            index += 1
            if let fence = state.fence {
                if isClosingFence(line, fence) {
                    state.fence = nil
                } else {
                    codeLine(line, number: number, kind: fence.kind, into: &collector)
                }
                continue
            }
            let indent = leadingIndent(line)
            let content = trimmed(line)
            if content.isEmpty {
                state.previousBlank = true
                continue
            }
            defer { state.previousBlank = false }
            if let fence = fenceOpening(content) {
                let kind: BlockKind = state.messageSection ? .message : (isOutputInfo(fence.info) ? .output : .source)
                state.fence = Fence(character: fence.character, length: fence.length, kind: kind)
                state.indentedCode = false
                continue
            }
            if indent >= 4 && (state.indentedCode || (state.previousBlank && !state.listContext)) {
                state.indentedCode = true
                codeLine(content, number: number, kind: state.messageSection ? .message : .output, into: &collector)
                continue
            }
            state.indentedCode = false
            if let heading = heading(content) {
                if isMessageHeading(heading.title) {
                    state.messageSection = true
                    state.messageLevel = heading.level
                } else if heading.level <= state.messageLevel {
                    state.messageSection = false
                    state.messageLevel = 0
                }
                state.listContext = false
                proseLine(heading.title, number: number, into: &collector)
                continue
            }
            state.listContext = isListItem(content) || (indent >= 2 && state.listContext)
            proseLine(content, number: number, into: &collector)
        }
        return collector.items
    }

    // MARK: - Block state

    enum BlockKind {
        /// A code block under a "Message" heading: every line is a message.
        case message
        /// Terminal output (`plain`, `console`, `sh`, no info string…).
        case output
        /// Source code in a programming language.
        case source
    }

    struct Fence {
        var character: Character
        var length: Int
        var kind: BlockKind
    }

    private struct BlockState {
        var fence: Fence? = nil
        var messageSection = false
        var messageLevel = 0
        var previousBlank = true
        var listContext = false
        var indentedCode = false
    }

    private struct Collector {
        var items: [ExtractedError] = []
        var indexByHash: [UInt64: Int] = [:]

        /// Adds a message. Unless `always`, a message of a single token that is not an
        /// error code (a bare `SyntaxError` in a comment) is too vague to be indexed.
        mutating func add(_ raw: some StringProtocol, source: ExtractedError.Source, line: Int, always: Bool = false) {
            let text = String(ErrorExtractor.trimmed(Substring(raw)))
            guard !text.isEmpty, let signature = ErrorSignature(line: text) else { return }
            if !always, signature.tokens.count < 2, ErrorLineClassifier.score(text) < 0.8 { return }
            if let k = indexByHash[signature.hash] {
                if source.strength > items[k].source.strength {
                    items[k] = ExtractedError(raw: text, source: source, line: line, signature: signature)
                }
                return
            }
            guard items.count < ErrorExtractor.maxErrorsPerArticle else { return }
            indexByHash[signature.hash] = items.count
            items.append(ExtractedError(raw: text, source: source, line: line, signature: signature))
        }
    }

    // MARK: - Lines

    private static func codeLine(_ line: Substring, number: Int, kind: BlockKind, into collector: inout Collector) {
        let text = trimmed(Substring(removingMacros(line)))
        guard !text.isEmpty else { return }
        if let comment = commentText(text, kind: kind) {
            guard !comment.isEmpty else { return }
            if kind == .message {
                collector.add(comment, source: .messageSection, line: number, always: true)
            } else if let message = quotedErrorInComment(comment), ErrorLineClassifier.score(message) >= codeLineScore {
                collector.add(message, source: .codeBlock, line: number)
            }
            return
        }
        switch kind {
        case .message:
            collector.add(text, source: .messageSection, line: number, always: true)
        case .output:
            if isPrompt(text) { return }
            if ErrorLineClassifier.score(text) >= codeLineScore {
                collector.add(text, source: .codeBlock, line: number)
            }
        case .source:
            // Console output pasted into a source block (`Uncaught TypeError: …`), but not
            // code that merely starts like one (`error: onError,` in an object literal).
            if let last = text.utf8.last, ",;{([".utf8.contains(last) { return }
            if ErrorLineClassifier.startsWithErrorMarker(text), ErrorLineClassifier.score(text) >= ErrorLineClassifier.strongScore {
                collector.add(text, source: .codeBlock, line: number)
            }
        }
    }

    private static func proseLine(_ line: Substring, number: Int, into collector: inout Collector) {
        let text = removingMacros(line)
        guard !text.isEmpty else { return }
        for span in inlineCodeSpans(text) where ErrorLineClassifier.score(span) >= inlineCodeScore {
            // A lone word in code is a value or an API name (`denied`, `TypeError`)
            // unless it is an error code (`EACCES`, `ERR_REQUIRE_ESM`, `E0382`).
            if !isSingleWord(span) || ErrorLineClassifier.score(span) >= 0.8 && isCodeLike(span) {
                collector.add(span, source: .inlineCode, line: number)
            }
        }
        // Most prose is not an error: check the raw line before cleaning it up.
        guard ErrorLineClassifier.score(text) >= ErrorLineClassifier.strongScore else { return }
        let plain = plainProse(text)
        if ErrorLineClassifier.startsWithErrorMarker(plain), ErrorLineClassifier.score(plain) >= ErrorLineClassifier.strongScore {
            collector.add(plain, source: .prose, line: number)
        }
    }

    // MARK: - Markdown helpers

    /// Lines split on `\n`, `\r\n` and `\r` (scanning UTF-8, which is much faster than
    /// `Character`s, and where `\r\n` is two code units rather than one character).
    static func splitLines(_ text: String) -> [Substring] {
        let whole = Substring(text)
        let utf8 = whole.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let b = utf8[index]
            if b == 0x0A || b == 0x0D {
                lines.append(whole[start..<index])
                var next = utf8.index(after: index)
                if b == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                index = next
            } else {
                index = utf8.index(after: index)
            }
        }
        lines.append(whole[start..<utf8.endIndex])
        return lines
    }

    /// Index of the first body line after a leading `---` front matter block.
    private static func frontMatterEnd(_ lines: [Substring]) -> Int {
        guard let first = lines.first, trimmed(first) == "---" else { return 0 }
        var k = 1
        while k < lines.count {
            let t = trimmed(lines[k])
            if t == "---" || t == "..." { return k + 1 }
            k += 1
        }
        return 0
    }

    static func trimmed(_ s: Substring) -> Substring {
        var a = s.startIndex
        var b = s.endIndex
        let utf8 = s.utf8
        while a < b, UTF8Text.isSpace(utf8[a]) { a = utf8.index(after: a) }
        while b > a, UTF8Text.isSpace(utf8[utf8.index(before: b)]) { b = utf8.index(before: b) }
        return s[a..<b]
    }

    private static func leadingIndent(_ s: Substring) -> Int {
        var n = 0
        for c in s {
            if c == " " {
                n += 1
            } else if c == "\t" {
                n += 4 - n % 4
            } else {
                break
            }
        }
        return n
    }

    private static func fenceOpening(_ content: Substring) -> (character: Character, length: Int, info: Substring)? {
        guard let c = content.first, c == "`" || c == "~" else { return nil }
        let run = content.prefix { $0 == c }
        guard run.count >= 3 else { return nil }
        let info = trimmed(content[run.endIndex...])
        if c == "`" && contains(info, "`") { return nil }
        return (c, run.count, info)
    }

    private static func isClosingFence(_ line: Substring, _ fence: Fence) -> Bool {
        let content = trimmed(line)
        guard content.first == fence.character else { return false }
        let run = content.prefix { $0 == fence.character }
        return run.count >= fence.length && run.count == content.count
    }

    /// Info strings of blocks that hold terminal output rather than source code.
    private static func isOutputInfo(_ info: Substring) -> Bool {
        let language = info.prefix { !$0.isWhitespace && $0 != "{" && $0 != "," }.lowercased()
        return outputLanguages.contains(language)
    }

    private static let outputLanguages: Set<String> = [
        "", "plain", "plaintext", "text", "txt", "console", "log", "output", "terminal", "sh", "bash", "zsh", "shell",
        "sh-session", "shell-session", "shellsession", "console-output", "powershell", "ps", "ps1", "pwsh", "cmd", "bat",
        "batch", "nohighlight", "none", "ansi", "stderr",
    ]

    private static func heading(_ content: Substring) -> (level: Int, title: Substring)? {
        let hashes = content.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let rest = content[hashes.endIndex...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = trimmed(rest)
        while title.last == "#" { title = title.dropLast() }
        return (hashes.count, trimmed(title))
    }

    private static func isMessageHeading(_ title: Substring) -> Bool {
        var t = title.lowercased()
        while let last = t.last, last == ":" || last == "：" { t.removeLast() }
        return messageHeadings.contains(t.trimmingSpaces())
    }

    private static let messageHeadings: Set<String> = [
        "message", "messages", "error message", "error messages", "エラーメッセージ", "メッセージ", "메시지", "메세지",
        "오류 메시지", "오류 메세지", "에러 메시지", "에러 메세지",
    ]

    private static func isListItem(_ content: Substring) -> Bool {
        if let c = content.first, c == "-" || c == "*" || c == "+" {
            return content.dropFirst().first == " "
        }
        let digits = content.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return false }
        let rest = content[digits.endIndex...]
        return (rest.first == "." || rest.first == ")") && rest.dropFirst().first == " "
    }

    /// Removes MDN macros such as `{{jsxref("TypeError")}}`.
    static func removingMacros(_ s: Substring) -> Substring {
        guard contains(s, "{{") else { return s }
        let utf8 = s.utf8
        var result = ""
        var copyFrom = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            guard utf8[index] == UInt8(ascii: "{"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "{") else {
                index = next
                continue
            }
            // Find the closing "}}".
            var close = utf8.index(after: next)
            var found = false
            while close < utf8.endIndex {
                let after = utf8.index(after: close)
                if utf8[close] == UInt8(ascii: "}"), after < utf8.endIndex, utf8[after] == UInt8(ascii: "}") {
                    found = true
                    close = utf8.index(after: after)
                    break
                }
                close = after
            }
            result += s[copyFrom..<index]
            guard found else { return Substring(result) }
            copyFrom = close
            index = close
        }
        result += s[copyFrom..<utf8.endIndex]
        return Substring(result)
    }

    /// The text of a comment, if the line is a comment or ends with one.
    /// Returns `""` for lines that are comments without text or not worth reading
    /// (a shebang).
    private static func commentText(_ text: Substring, kind: BlockKind) -> Substring? {
        if text.hasPrefix("//") { return trimmed(text.drop { $0 == "/" }) }
        if text.hasPrefix("#!") { return "" }
        if text == "#" || text.hasPrefix("# ") { return trimmed(text.dropFirst()) }
        if text.hasPrefix("<!--") {
            var inner = text.dropFirst(4)
            if inner.hasSuffix("-->") { inner = inner.dropLast(3) }
            return trimmed(inner)
        }
        if text.hasPrefix("/*") {
            var inner = text.dropFirst(2).drop { $0 == "*" }
            if inner.hasSuffix("*/") { inner = inner.dropLast(2) }
            return trimmed(inner)
        }
        if kind == .source, text.hasPrefix("* ") || text == "*" || text == "*/" {
            var inner = text.dropFirst()
            if inner.hasSuffix("*/") { inner = inner.dropLast(2) }
            return trimmed(inner)
        }
        guard kind != .message else { return nil }
        // A trailing comment: `code; // comment` (not the `//` of a URL).
        let utf8 = text.utf8
        var previous = UInt8(ascii: " ")
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let c = utf8[index]
            let next = utf8.index(after: index)
            if c == UInt8(ascii: "/"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "/"),
                previous == UInt8(ascii: " ") || previous == UInt8(ascii: ";") || previous == UInt8(ascii: ")")
                    || previous == UInt8(ascii: "}") || previous == UInt8(ascii: ",")
            {
                return trimmed(text[next...].drop { $0 == "/" })
            }
            if kind == .source, c == UInt8(ascii: "#"), previous == UInt8(ascii: " "), next < utf8.endIndex,
                utf8[next] == UInt8(ascii: " ")
            {
                return trimmed(text[next...])
            }
            previous = c
            index = next
        }
        return nil
    }

    /// The error message a code comment quotes, if it quotes one: the comment must
    /// start with a typed error name (`TypeError: …`, `SyntaxError JSON.parse: …`) or
    /// another error marker, possibly after `Uncaught`, `Throws`, `Logs`, `Expected
    /// output:` or an arrow. Comments that talk about errors (`throws a TypeError`,
    /// `if you can't be certain`) are not messages.
    static func quotedErrorInComment(_ comment: Substring) -> Substring? {
        var text = comment
        for lead: String in ["expected output:", "output:", "throws:", "throws", "logs:", "logs", "=>", "->", "→"] {
            let utf8 = text.utf8
            let n = lead.utf8.count
            guard utf8.count > n, zip(utf8.prefix(n), lead.utf8).allSatisfy({ UTF8Text.lower($0) == $1 }) else { continue }
            let rest = text[utf8.index(utf8.startIndex, offsetBy: n)...]
            guard let first = rest.utf8.first, first == 0x20 || lead.utf8.last.map({ !UTF8Text.isAlpha($0) }) == true else { continue }
            text = trimmed(rest)
            break
        }
        if ErrorLineClassifier.startsWithErrorMarker(text) { return text }
        // A typed name followed by a space: `SyntaxError JSON.parse: unexpected character`.
        let name = text.utf8.prefix { UTF8Text.isWord($0) }
        guard name.count >= 6, let first = name.first, UTF8Text.isUpper(first) else { return nil }
        let nameText = Substring(name)
        if nameText.hasSuffix("Error") || nameText.hasSuffix("Exception"), name.endIndex < text.utf8.endIndex,
            text.utf8[name.endIndex] == 0x20
        {
            return text
        }
        return nil
    }

    /// Whether the text has no spaces (one word, an identifier or a code).
    private static func isSingleWord(_ text: Substring) -> Bool {
        !text.utf8.contains(0x20)
    }

    /// Whether a single word looks like an error code: upper-case letters, digits and
    /// underscores only.
    private static func isCodeLike(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { UTF8Text.isUpper($0) || UTF8Text.isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// Whether a line of terminal output is a command typed at a prompt.
    private static func isPrompt(_ text: Substring) -> Bool {
        text.hasPrefix("$ ") || text.hasPrefix("% ") || text.hasPrefix("> ") || text.hasPrefix("PS>") || text.hasPrefix("PS ")
            || text.hasPrefix("C:\\>")
    }

    /// The contents of the inline code spans of a line.
    private static func inlineCodeSpans(_ text: Substring) -> [Substring] {
        guard contains(text, "`") else { return [] }
        let utf8 = text.utf8
        let tick = UInt8(ascii: "`")
        func run(from i: Substring.Index) -> Substring.Index {
            var j = i
            while j < utf8.endIndex && utf8[j] == tick { j = utf8.index(after: j) }
            return j
        }
        var spans: [Substring] = []
        var index = utf8.startIndex
        while index < utf8.endIndex {
            guard utf8[index] == tick else {
                index = utf8.index(after: index)
                continue
            }
            let contentStart = run(from: index)
            let length = utf8.distance(from: index, to: contentStart)
            var search = contentStart
            var found: (Substring.Index, Substring.Index)? = nil
            while search < utf8.endIndex {
                if utf8[search] == tick {
                    let closingEnd = run(from: search)
                    if utf8.distance(from: search, to: closingEnd) == length {
                        found = (search, closingEnd)
                        break
                    }
                    search = closingEnd
                } else {
                    search = utf8.index(after: search)
                }
            }
            guard let (closeStart, closeEnd) = found else {
                index = contentStart
                continue
            }
            let content = trimmed(text[contentStart..<closeStart])
            if !content.isEmpty { spans.append(content) }
            index = closeEnd
        }
        return spans
    }

    /// A prose line without list markers, block quote markers, emphasis or backticks.
    private static func plainProse(_ text: Substring) -> String {
        var t = trimmed(text)
        while t.first == ">" { t = trimmed(t.dropFirst()) }
        if isListItem(t) {
            t = trimmed(t.drop { $0 != " " })
        }
        var result = String(t)
        for marker: StaticString in ["**", "__", "`"] where contains(Substring(result), marker) {
            result = result.replacing(marker.description, with: "")
        }
        return result
    }

    /// Whether `s` contains the ASCII literal `lit` (compared byte by byte).
    private static func contains(_ s: Substring, _ lit: StaticString) -> Bool {
        var s = s
        return s.withUTF8 { UTF8Text.find($0, 0, $0.count, lit) != nil }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(ErrorExtractor.trimmed(Substring(self)))
    }
}
