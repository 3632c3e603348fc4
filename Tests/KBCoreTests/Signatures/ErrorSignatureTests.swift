import Testing

@testable import KBCore

@Suite struct ErrorSignatureTests {
    // MARK: - Masks

    struct Case: CustomTestStringConvertible, Sendable {
        var line: String
        var text: String
        var testDescription: String { line }
    }

    static let decoration: [Case] = [
        Case(line: "\u{1B}[1;31mError:\u{1B}[0m Cannot find module 'express'", text: "cannot find module ‹str›"),
        Case(line: "\u{1B}]0;title\u{07}\u{1B}[36mTypeError:\u{1B}[0m x is not a function", text: "typeerror: x is not a function"),
        Case(line: "2022-05-28T00:20:04.1234567Z fatal: repository not found", text: "repository not found"),
        Case(line: "[12:01:02] TypeError: x is not a function", text: "typeerror: x is not a function"),
        Case(line: "[2024-01-01 10:00:00] connection refused", text: "connection refused"),
        Case(line: "2024-01-01 10:00:00,123 ERROR connection refused", text: "connection refused"),
        Case(line: "2024-01-01T10:00:00+09:00 connection refused", text: "connection refused"),
        Case(line: "#16 ERROR: failed to solve", text: "failed to solve"),
        Case(line: "#16 0.532 npm ERR! code E403", text: "code e403"),
        Case(line: "##[error]Docker login failed", text: "docker login failed"),
        Case(line: "::error file=app.js,line=1::Build failed", text: "build failed"),
        Case(line: "[ERROR] build failed to start", text: "build failed to start"),
        Case(line: "npm error code E403", text: "code e403"),
        Case(line: "Error: listen EADDRINUSE: address already in use", text: "listen eaddrinuse: address already in use"),
        Case(line: "error: failed to push some refs", text: "failed to push some refs"),
        Case(line: "fatal: not a git repository", text: "not a git repository"),
        Case(line: "Uncaught TypeError: x is not a function", text: "typeerror: x is not a function"),
        Case(line: "Uncaught (in promise) TypeError: x is not a function", text: "typeerror: x is not a function"),
        Case(line: "Caused by: java.io.IOException: broken pipe", text: "java.io.ioexception: broken pipe"),
        Case(line: "buildx failed with: ERROR: failed to solve", text: "buildx failed with: failed to solve"),
        Case(line: "  Permission   DENIED\t(publickey).  ", text: "permission denied (publickey)"),
        Case(line: "TypeError: \"x\" is not a function. (V8-based & Firefox & Safari)", text: "typeerror: ‹str› is not a function"),
        Case(
            line: "TypeError: Right-hand side of 'instanceof' is not callable (Chrome)",
            text: "typeerror: right-hand side of ‹str› is not callable"),
        Case(line: "RangeError: radix must be an integer (Firefox) (Safari)", text: "rangeerror: radix must be an integer"),
        Case(line: "open failed (EACCES)", text: "open failed (eacces)"),
        Case(line: "SyntaxError: missing ) after argument list (Edge, Chromium-based)", text: "syntaxerror: missing ) after argument list"),
    ]

    static let values: [Case] = [
        Case(line: "RangeError: Invalid array length 4294967296", text: "rangeerror: invalid array length ‹num›"),
        Case(line: "RangeError: Invalid count value: -1", text: "rangeerror: invalid count value: ‹num›"),
        Case(line: "RangeError: The number 1.5 cannot be converted", text: "rangeerror: the number ‹num› cannot be converted"),
        Case(line: "timed out after 30s", text: "timed out after ‹num›"),
        Case(line: "Container 9eb82f04c782 exited", text: "container ‹hex› exited"),
        Case(line: "segfault at 0x7ffd1d2a", text: "segfault at ‹hex›"),
        Case(
            line: "fetch failed for sha256:2d5e8a8a51bc341fd5f2eed6d91455c3a3d147e91a14298fc564b5dc519c1666",
            text: "fetch failed for ‹digest›"),
        Case(line: "request 550e8400-e29b-41d4-a716-446655440000 failed", text: "request ‹uuid› failed"),
        Case(line: "unsupported version v0.0.10 of plugin", text: "unsupported version ‹ver› of plugin"),
        Case(line: "requires node 18.17.0 or newer", text: "requires node ‹ver› or newer"),
        Case(line: "requires 2.0.0-beta.1", text: "requires ‹ver›"),
        Case(line: "pull access denied for acme/api:v1", text: "pull access denied for ‹image›"),
        Case(line: "manifest for node:20-alpine not found", text: "manifest for ‹image› not found"),
        Case(line: "tag api:latest not found", text: "tag ‹image› not found"),
        Case(line: "failed to push ghcr.io/acme/api:latest", text: "failed to push ‹image›"),
        Case(line: "failed to push acme/api", text: "failed to push ‹image›"),
        Case(line: "pull docker.io/library/node:20@sha256:2d5e8a8a51bc341f failed", text: "pull ‹image› failed"),
        Case(
            line: "failed to fetch https://registry.npmjs.org/express/-/express-4.18.2.tgz: timeout",
            text: "failed to fetch ‹url›: timeout"),
        Case(line: "see http://example.com/a_(b) for help", text: "see ‹url› for help"),
        Case(line: "clone git@github.com:acme/api.git failed", text: "clone ‹url› failed"),
        Case(line: "getaddrinfo ENOTFOUND registry.npmjs.org", text: "getaddrinfo enotfound ‹host›"),
        Case(line: "connect to localhost:3000 refused", text: "connect to ‹host› refused"),
        Case(line: "connect ECONNREFUSED 127.0.0.1:5432", text: "connect econnrefused ‹ip›"),
        Case(line: "invalid author bob@example.com", text: "invalid author ‹email›"),
        Case(line: "certificate expired at 2024-01-01T00:00:00Z", text: "certificate expired at ‹time›"),
        Case(line: "deadline 12:01:02 exceeded", text: "deadline ‹time› exceeded"),
    ]

    static let paths: [Case] = [
        Case(
            line: "Error: ENOENT: no such file or directory, open /home/dev/app/config.json",
            text: "enoent: no such file or directory, open ‹path›"),
        Case(line: "failed at /home/dev/app/index.js:4:8", text: "failed at ‹path›"),
        Case(line: "failed at (/home/dev/app/index.js:4:8)", text: "failed at (‹path›)"),
        Case(line: "cannot open C:\\Users\\dev\\app.js", text: "cannot open ‹path›"),
        Case(line: "cannot open \\\\server\\share\\app.js", text: "cannot open ‹path›"),
        Case(line: "loaded from node:internal/modules/cjs/loader:1521:14", text: "loaded from ‹path›"),
        Case(line: "src/main.rs:4:20: cannot borrow", text: "‹path›: cannot borrow"),
        Case(line: "index.js:4:8 failed", text: "‹path› failed"),
        Case(line: "./scripts/build.sh failed", text: "‹path› failed"),
        Case(line: "~/.npmrc is invalid", text: "‹path› is invalid"),
        Case(line: "src/app.ts(10,5): cannot find name", text: "‹path›: cannot find name"),
    ]

    static let quotes: [Case] = [
        Case(line: "SyntaxError: Unexpected token 'export'", text: "syntaxerror: unexpected token ‹str›"),
        Case(line: "SyntaxError: Unexpected token \"export\"", text: "syntaxerror: unexpected token ‹str›"),
        Case(line: "SyntaxError: Unexpected token `export`", text: "syntaxerror: unexpected token ‹str›"),
        Case(line: "SyntaxError: Unexpected token `export'", text: "syntaxerror: unexpected token ‹str›"),
        Case(line: "SyntaxError: Unexpected token “export”", text: "syntaxerror: unexpected token ‹str›"),
        Case(line: "SyntaxError: Unexpected token ‘export’", text: "syntaxerror: unexpected token ‹str›"),
        Case(line: "SyntaxError: Unexpected token «export»", text: "syntaxerror: unexpected token ‹str›"),
        Case(line: "TypeError: can't redefine 'it's'", text: "typeerror: can't redefine ‹str›"),
        Case(line: "TypeError: can’t redefine “x”", text: "typeerror: can't redefine ‹str›"),
        Case(line: "SyntaxError: Unexpected token '??'", text: "syntaxerror: unexpected token ‹str›"),
        Case(
            line: "SyntaxError: Invalid regular expression: /[z-a]/: Range out of order in character class",
            text: "syntaxerror: invalid regular expression: ‹regex›: range out of order in character class"),
        Case(
            line: "SyntaxError: Invalid regular expression: /(?<a>)(?<a>)/u: Duplicate capture group name",
            text: "syntaxerror: invalid regular expression: ‹regex›: duplicate capture group name"),
    ]

    static let meaning: [Case] = [
        Case(line: "unexpected status: 403 Forbidden", text: "unexpected status: 403 forbidden"),
        Case(line: "HTTP/1.1 500 Internal Server Error", text: "http/‹num› 500 internal server error"),
        Case(line: "request returned 502", text: "request returned 502"),
        Case(line: "retrying 403 times", text: "retrying ‹num› times"),
        Case(line: "denied: permission_denied: write_package", text: "denied: permission_denied: write_package"),
        Case(line: "Error [ERR_REQUIRE_ESM]: require() of ES Module", text: "error [err_require_esm]: require() of es module"),
        Case(line: "error[E0382]: borrow of moved value: `v`", text: "error[e0382]: borrow of moved value: ‹str›"),
        Case(line: "npm ERR! code EACCES", text: "code eacces"),
        Case(line: "input/output error", text: "input/output error"),
        Case(line: "「is not a function」と言われる", text: "「is not a function」と言われる"),
    ]

    @Test("strips decoration", arguments: decoration)
    func strips(_ c: Case) throws {
        #expect(try #require(ErrorSignature(line: c.line)).text == c.text)
    }

    @Test("masks variable values", arguments: values)
    func masksValues(_ c: Case) throws {
        #expect(try #require(ErrorSignature(line: c.line)).text == c.text)
    }

    @Test("masks paths with line and column", arguments: paths)
    func masksPaths(_ c: Case) throws {
        #expect(try #require(ErrorSignature(line: c.line)).text == c.text)
    }

    @Test("masks each quote style", arguments: quotes)
    func masksQuotes(_ c: Case) throws {
        #expect(try #require(ErrorSignature(line: c.line)).text == c.text)
    }

    @Test("keeps words that carry meaning", arguments: meaning)
    func keepsMeaning(_ c: Case) throws {
        #expect(try #require(ErrorSignature(line: c.line)).text == c.text)
    }

    // MARK: - Apart and together

    static let apart: [(String, String)] = [
        ("TypeError: foo is not a function", "TypeError: foo is not a constructor"),
        ("TypeError: \"x\" is not a function", "TypeError: \"x\" is not a constructor"),
        ("npm ERR! code E403", "npm ERR! code E404"),
        ("unexpected status: 403 Forbidden", "unexpected status: 401 Unauthorized"),
        ("HTTP/1.1 500 Internal Server Error", "HTTP/1.1 502 Bad Gateway"),
        ("error[E0382]: borrow of moved value: `v`", "error[E0505]: borrow of moved value: `v`"),
        ("TypeError: Cannot read properties of undefined (reading 'x')", "TypeError: Cannot read properties of null (reading 'x')"),
        ("ReferenceError: x is not defined", "TypeError: x is not defined"),
        ("Error: EACCES: permission denied", "Error: EPERM: permission denied"),
    ]

    @Test("different errors stay apart", arguments: apart)
    func staysApart(_ pair: (String, String)) throws {
        let a = try #require(ErrorSignature(line: pair.0))
        let b = try #require(ErrorSignature(line: pair.1))
        #expect(a.text != b.text)
        #expect(a.hash != b.hash)
        #expect(a.tokens != b.tokens)
    }

    static let together: [(String, String)] = [
        ("TypeError: \"foo\" is not a function", "TypeError: 'bar' is not a function"),
        ("Error: ENOENT: no such file or directory, open '/home/a/x.json'", "Error: ENOENT: no such file or directory, open 'C:\\b\\y.yaml'"),
        ("failed at /home/dev/app/index.js:4:8", "failed at /srv/other/main.js:120:1"),
        ("RangeError: Invalid array length 12", "RangeError: Invalid array length 4294967296"),
        (
            "2022-05-28T00:20:04.1234567Z #16 ERROR: failed to push ghcr.io/acme/api:latest: denied: permission_denied: write_package",
            "2023-01-02T11:22:33.0000001Z #9 ERROR: failed to push ghcr.io/other/web:v2: denied: permission_denied: write_package"
        ),
        ("\u{1B}[31mTypeError: x is not a function\u{1B}[0m", "TypeError: x is not a function"),
        ("Uncaught TypeError: x is not a function", "TypeError: x is not a function"),
        ("TypeError: x is not a constructor (V8-based & Firefox & Safari)", "TypeError: x is not a constructor"),
        ("SyntaxError: Delete of an unqualified identifier in strict mode.", "SyntaxError: Delete of an unqualified identifier in strict mode"),
        ("ＴｙｐｅＥｒｒｏｒ： ｘ is not a function", "TypeError: x is not a function"),
        ("Container 9eb82f04c782 exited", "Container 3f0a81c9d2b4 exited"),
        ("request 550e8400-e29b-41d4-a716-446655440000 failed", "request 123e4567-e89b-12d3-a456-426614174000 failed"),
    ]

    @Test("the same error meets itself", arguments: together)
    func meets(_ pair: (String, String)) throws {
        let a = try #require(ErrorSignature(line: pair.0))
        let b = try #require(ErrorSignature(line: pair.1))
        #expect(a.text == b.text)
        #expect(a.hash == b.hash)
    }

    @Test("a wrapped message shares the meaningful tokens of the bare one")
    func wrappedMessageContainsBareTokens() throws {
        let wrapped = try #require(ErrorSignature(line: "buildx failed with: ERROR: denied: permission_denied: write_package"))
        let bare = try #require(ErrorSignature(line: "denied: permission_denied: write_package"))
        #expect(bare.tokens == ["denied", "permission_denied", "write_package"])
        #expect(Set(bare.tokens).isSubset(of: Set(wrapped.tokens)))
        #expect(wrapped.hash != bare.hash)
    }

    // MARK: - Hash, tokens, clues

    @Test("hash is FNV-1a 64 of the template, stable across runs")
    func hashIsStable() throws {
        #expect(try #require(ErrorSignature(line: "foobar")).hash == 0x8594_4171_f739_67e8)
        let signature = try #require(ErrorSignature(line: "TypeError: \"x\" is not a function. (V8-based & Firefox & Safari)"))
        #expect(signature.text == "typeerror: ‹str› is not a function")
        #expect(signature.hash == 0x28ed_5b99_fd59_aa73)
        let ghcr = try #require(ErrorSignature(line: "#16 ERROR: failed to push ghcr.io/acme/api:latest: denied: permission_denied: write_package"))
        #expect(ghcr.hash == 0x3e96_d147_d4e3_bb25)
        #expect(ErrorSignature.version >= 1)
    }

    @Test("tokens drop placeholders and single letters")
    func tokensOfTemplate() throws {
        let signature = try #require(ErrorSignature(line: "TypeError: Cannot use 'in' operator to search for 'x' in 'y'"))
        #expect(signature.tokens == ["typeerror", "cannot", "use", "operator", "to", "search", "for", "in"])
        let code = try #require(ErrorSignature(line: "Error [ERR_REQUIRE_ESM]: require() of ES Module /app/x.js"))
        #expect(code.tokens == ["error", "err_require_esm", "require", "of", "es", "module"])
    }

    static let rawTokens: [(String, [String])] = [
        ("x is not a function", ["is", "not", "function"]),
        ("GHCR への push が権限エラー", ["ghcr", "への", "push", "が権", "権限", "限エ", "エラ", "ラー"]),
        ("push가 권한 오류로 실패", ["push", "가", "권한", "오류", "류로", "실패"]),
        ("が", ["が"]),
        ("Permission_Denied permission_denied", ["permission_denied"]),
        ("ＪＳＯＮ.parse エラー", ["json", "parse", "エラ", "ラー"]),
        ("Ça a échoué", ["ça", "échoué"]),
        ("‹str› is ‹num›", ["is"]),
    ]

    @Test("tokens(of:) tokenizes raw text like templates", arguments: rawTokens)
    func tokensOfRawText(_ c: (String, [String])) {
        #expect(ErrorSignature.tokens(of: c.0) == c.1)
    }

    @Test("masked values stay as clues")
    func clues() throws {
        #expect(try #require(ErrorSignature(line: "SyntaxError: \"undefined\" is not valid JSON")).clues == ["undefined"])
        #expect(try #require(ErrorSignature(line: "TypeError: \"x\" is not a function")).clues == ["x"])
        #expect(
            try #require(ErrorSignature(line: "TypeError: Cannot create property 'language' on string 'en'")).clues == ["language", "en"])
        #expect(try #require(ErrorSignature(line: "RangeError: Invalid count value: -1")).clues == ["-1"])
        #expect(try #require(ErrorSignature(line: "SyntaxError: Unexpected token '??'")).clues == ["??"])
        #expect(try #require(ErrorSignature(line: "failed to push ghcr.io/Acme/API:latest")).clues == ["ghcr.io/acme/api:latest"])
        // Paths, URLs, e-mail addresses and random ids are not clues.
        let private_ = try #require(ErrorSignature(line: "bob@example.com cannot open /home/bob/x.js at https://x.io id 9eb82f04c782"))
        #expect(private_.clues.isEmpty)
    }

    static let junk = [
        "", "   ", "12345", "----", "/home/dev/app/index.js:4:8", "0x1d 9eb82f04c782", "https://example.com/x", "'x'", "x",
        "#16 0.532", "2022-05-28T00:20:04.1234567Z", "Error:", "[ERROR]", "(V8-based & Firefox)", "3/7 1.2MB / 3.4MB",
    ]

    @Test("nothing meaningful gives nil", arguments: junk)
    func junkIsNil(_ line: String) {
        #expect(ErrorSignature(line: line) == nil)
    }

    @Test("accepts any StringProtocol")
    func substrings() throws {
        let log = "noise\nTypeError: x is not a function\nmore"
        let line = log.split(separator: "\n")[1]
        #expect(try #require(ErrorSignature(line: line)).text == "typeerror: x is not a function")
    }

    @Test("very long lines are cut, not rejected")
    func longLine() throws {
        let line = "TypeError: x is not a function " + String(repeating: "é", count: 10_000)
        let signature = try #require(ErrorSignature(line: line))
        #expect(signature.text.hasPrefix("typeerror: x is not a function"))
        #expect(signature.text.utf8.count <= 4096)
    }

    @Test(
        "hostile input does not crash",
        arguments: ["\"", "'", "`", "“", "‹", "‹str", "/", "\\\\", "C:", "::", "#", "\u{0}", "🙂 failed 🙂", "مرفوض: failed"])
    func hostile(_ line: String) {
        _ = ErrorSignature(line: line)
        _ = ErrorSignature(line: line + " " + line + " error")
    }
}
