import Testing

@testable import KBCore

@Suite struct ErrorLineClassifierTests {
    static let strong = [
        "TypeError: x is not a function",
        "Uncaught ReferenceError: prices is not defined",
        "java.lang.NullPointerException: Cannot invoke \"String.length()\"",
        "ModuleNotFoundError: No module named 'requests'",
        "error[E0382]: borrow of moved value: `v`",
        "error: failed to push some refs to 'https://github.com/acme/api.git'",
        "fatal: could not read Username for 'https://github.com': No such device or address",
        "FATAL: password authentication failed for user \"app\"",
        "ERROR: failed to solve: failed to push ghcr.io/acme/api:latest: unexpected status: 403 Forbidden",
        "#16 ERROR: failed to push ghcr.io/acme/api:latest: denied: permission_denied: write_package",
        "2022-05-28T00:20:04.1234567Z ##[error]buildx failed with: ERROR: failed to solve",
        "::error file=app.js,line=1::Build failed",
        "npm ERR! code E403",
        "panic: runtime error: index out of range [5] with length 3",
        "thread 'main' panicked at src/main.rs:4:5",
        "Segmentation fault (core dumped)",
        "Error [ERR_REQUIRE_ESM]: require() of ES Module",
    ]

    @Test("strong evidence scores at least 0.9", arguments: strong)
    func strongLines(_ line: String) {
        let score = ErrorLineClassifier.score(line)
        #expect(score >= ErrorLineClassifier.strongScore)
        #expect(score <= 1)
    }

    static let medium = [
        "denied: permission_denied: write_package",
        "unexpected status: 403 Forbidden",
        "HTTP/1.1 500 Internal Server Error",
        "401 Unauthorized",
        "request failed with status 502",
        "code ERR_INVALID_ARG_TYPE",
        "open /root/.npmrc EACCES",
        "Permission denied (publickey).",
        "could not resolve host: github.com",
        "Unable to locate package libfoo",
        "cannot find module 'express'",
        "can't open file",
        "can’t open file",
        "ls: x: No such file or directory",
        "repository not found",
        "x is not a function",
        "prices is not defined",
        "Method not allowed",
        "write /var/lib/docker/tmp: no space left on device",
        "connection refused",
        "Invalid regular expression flags",
        "Illegal break statement",
        "unexpected end of JSON input",
        "FAIL src/app.test.ts",
        "GHCR への push が権限エラーで失敗する",
        "패키지 쓰기 권한이 거부되었습니다",
        "오류가 발생했습니다",
    ]

    @Test("error words and phrases score above 0", arguments: medium)
    func mediumLines(_ line: String) {
        #expect(ErrorLineClassifier.score(line) > 0)
    }

    static let quiet = [
        "",
        "Step 3/7 : RUN npm ci",
        "#10 exporting layers 0.9s done",
        "added 142 packages, and audited 143 packages in 5s",
        "found 0 vulnerabilities",
        "Tests: 0 failed, 12 passed",
        "Build succeeded with no errors",
        "COPY src/errors.ts ./",
        "tail -f /var/log/nginx/error.log",
        "npm http fetch GET 200 https://registry.npmjs.org/error-stack-parser 12ms",
        "npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.",
        "warning: unused variable: `x`",
        "EXPOSE 8080",
        "Login Succeeded!",
        "Uploading artifact 404 bytes",
        "window.onerror = handler",
    ]

    @Test("lines that do not read as errors score 0", arguments: quiet)
    func quietLines(_ line: String) {
        #expect(ErrorLineClassifier.score(line) == 0)
    }

    @Test("more evidence scores higher")
    func ordering() {
        let weak = ErrorLineClassifier.score("invalid input")
        let medium = ErrorLineClassifier.score("cannot open file")
        let strong = ErrorLineClassifier.score("TypeError: cannot open file")
        #expect(0 < weak && weak < medium && medium < strong)
        #expect(ErrorLineClassifier.score("denied") < ErrorLineClassifier.score("denied: permission_denied: unauthorized"))
    }

    @Test("ANSI colours do not hide the evidence")
    func ansi() {
        #expect(ErrorLineClassifier.score("\u{1B}[1;31mError:\u{1B}[0m Cannot find module 'express'") >= 0.9)
    }

    static let markers: [(String, Bool)] = [
        ("TypeError: x is not a function", true),
        ("Uncaught TypeError: x", true),
        ("java.io.IOException: broken pipe", true),
        ("error[E0382]: borrow of moved value", true),
        ("Error [ERR_REQUIRE_ESM]: require()", true),
        ("fatal: not a git repository", true),
        ("npm ERR! code E403", true),
        ("##[error]Process completed", true),
        ("EACCES: permission denied", true),
        ("2024-01-01T00:00:00Z panic: boom", true),
        ("AggregateError", true),
        ("If you see TypeError: x, read on", false),
        ("The function failed: denied", false),
        ("throw new TypeError('x')", false),
        ("A TypeError is thrown", false),
    ]

    @Test("leading error markers", arguments: markers)
    func leadingMarker(_ c: (String, Bool)) {
        #expect(ErrorLineClassifier.startsWithErrorMarker(c.0) == c.1)
    }
}
