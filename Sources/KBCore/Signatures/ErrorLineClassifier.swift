/// Scores how much a line of text reads as an error message.
///
/// The score is `0` for a line with no sign of an error and grows towards `1` with
/// the strength of the evidence:
///
/// - 1.0: a typed error or exception with its message (`TypeError: …`,
///   `java.io.IOException: …`), `npm ERR!`, `##[error]`, `::error`;
/// - 0.9: `error:`, `error[E0382]`, `ERROR`, `fatal:`, `FATAL`, `panic:`, `panicked`,
///   `Segmentation fault`;
/// - 0.8: `denied`, `Forbidden`, `Unauthorized`, HTTP statuses (`403 Forbidden`,
///   `HTTP/1.1 500`), `failed to`, `failed with`, `unexpected status`, `ERR_*` codes,
///   errno and npm codes (`EACCES`, `ENOSPC`, `E403`), `no space left`, `out of memory`;
/// - 0.6: `cannot`, `can't`, `could not`, `unable to`, `no such`, `not found`,
///   `not allowed`, `is not a function`, `is not defined`, `failed`, `refused`, a typed
///   error name alone, and the Japanese and Korean words エラー, 失敗, 拒否, 権限, 例外,
///   에러, 오류, 실패, 거부, 권한;
/// - 0.3 to 0.5: `invalid`, `illegal`, `unexpected`, `missing`, `timeout`, `abort`,
///   `error` or `exception` in a sentence, `Traceback`.
///
/// Each further distinct piece of evidence adds 0.1, up to 1. Words inside paths
/// and file names (`/var/log/error.log`, `error-stack-parser`) and negated words
/// (`0 errors`, `no errors`) do not count. A line its tool marks as a warning
/// (`npm WARN`, `warning:`, `[WARN]`) scores 0 unless it scores as strong evidence.
///
/// ```swift
/// ErrorLineClassifier.score("TypeError: x is not a function")   // 1.0
/// ErrorLineClassifier.score("npm ERR! code E403")                // 1.0
/// ErrorLineClassifier.score("Step 3/7 : RUN npm ci")             // 0.0
/// ```
public enum ErrorLineClassifier {
    /// The score at or above which a line is strong evidence of an error.
    public static let strongScore = 0.9

    /// How much `line` reads as an error, from `0` (not at all) to `1`.
    public static func score(_ line: some StringProtocol) -> Double {
        line.utf8.withContiguousStorageIfAvailable { score(utf8: $0) }
            ?? Array(line.utf8).withUnsafeBufferPointer { score(utf8: $0) }
    }

    /// Whether the line starts with an error marker: a typed error or exception
    /// (`TypeError:`, `java.io.IOException:`), `error:`, `error[E0382]:`, `fatal:`,
    /// `panic:`, `npm ERR!`, `##[error]` or an error code such as `EACCES:`, after
    /// CI decoration and an optional `Uncaught` or `Caused by:`.
    ///
    /// Used to accept prose and source-code lines only when they are plainly a
    /// quoted error message rather than a sentence or code that mentions one.
    public static func startsWithErrorMarker(_ line: some StringProtocol) -> Bool {
        line.utf8.withContiguousStorageIfAvailable { startsWithErrorMarker(utf8: $0) }
            ?? Array(line.utf8).withUnsafeBufferPointer { startsWithErrorMarker(utf8: $0) }
    }

    // MARK: - Scoring

    static func score(utf8 s: UTF8Text.Bytes) -> Double {
        if s.contains(0x1B) {
            return LinePrefix.removingEscapes(s).withUnsafeBufferPointer { score(utf8: $0) }
        }
        var scan = Scan(s: s)
        scan.run()
        let value = scan.result
        // A line its tool marks as a warning is not an error unless it names one plainly.
        if value > 0, value < strongScore, isWarning(s) { return 0 }
        return value
    }

    /// Whether the line starts with a warning marker: `npm WARN`, `warning:`,
    /// `WARNING:`, `WARN `, `[WARN]`, `[warning]`, `##[warning]`, `::warning`, `W:`.
    static func isWarning(_ s: UTF8Text.Bytes) -> Bool {
        let end = s.count
        var i = LinePrefix.skipCI(s, 0, end)
        if UTF8Text.matchesExactly(s, i, end, "npm ") || UTF8Text.matchesExactly(s, i, end, "yarn ") {
            i = LinePrefix.skipSpaces(s, i + 4, end)
        }
        if i < end, s[i] == UInt8(ascii: "[") || s[i] == UInt8(ascii: ":") { i += 1 }
        if i < end, s[i] == UInt8(ascii: ":") { i += 1 }
        if UTF8Text.matches(s, i, end, "warn") {
            let j = i + 4
            return j == end || !UTF8Text.isAlpha(s[j]) || UTF8Text.matches(s, j, end, "ing")
        }
        return UTF8Text.matchesExactly(s, i, end, "W: ")
    }

    /// Word kinds that matter as context for the next words.
    private enum Kind: UInt8 {
        case other, negation, zero, not, be, could, unable, no, failed, unexpected, status, timed, out, of, segmentation
        case a, http, errno, noSpace
    }

    private struct Scan {
        let s: UTF8Text.Bytes
        var best = 0.0
        var count = 0
        var nonASCII = false
        var wordIndex = 0
        var prev: Kind = .other
        var prev2: Kind = .other
        /// Index of the last `not` and whether it followed `is`/`are`/`was`/`does`.
        var notIndex = -10
        var notAfterBe = false
        var statusIndex = -10
        var httpIndex = -10

        init(s: UTF8Text.Bytes) { self.s = s }

        var result: Double { count == 0 ? 0 : min(1, best + 0.1 * Double(count - 1)) }

        @inline(__always)
        mutating func add(_ value: Double) {
            count += 1
            if value > best { best = value }
        }

        mutating func run() {
            let end = s.count
            var i = 0
            while i < end {
                let b = s[i]
                if b >= 0x80 {
                    nonASCII = true
                    i += 1
                    continue
                }
                guard UTF8Text.isWord(b) else {
                    i += 1
                    continue
                }
                var j = i + 1
                while j < end && s[j] < 0x80 && UTF8Text.isWord(s[j]) { j += 1 }
                word(i, j)
                wordIndex += 1
                i = j
            }
            if nonASCII { scanCJK() }
        }

        mutating func word(_ a: Int, _ b: Int) {
            let end = s.count
            let length = b - a
            let before: UInt8 = a > 0 ? s[a - 1] : 0x20
            let after: UInt8 = b < end ? s[b] : 0x20
            let after2: UInt8 = b + 1 < end ? s[b + 1] : 0x20
            let glued =
                before == UInt8(ascii: "/") || before == UInt8(ascii: "\\") || before == UInt8(ascii: "-")
                || before == UInt8(ascii: "@") || before == UInt8(ascii: ".") || after == UInt8(ascii: "/")
                || after == UInt8(ascii: "\\") || after == UInt8(ascii: "-")
                || (after == UInt8(ascii: ".") && UTF8Text.isAlnum(after2)) || before >= 0x80 || after >= 0x80
            let negated = prev == .negation || prev == .zero
            var kind: Kind = .other
            defer {
                prev2 = prev
                prev = kind
            }

            // Typed errors and exceptions: TypeError, java.io.IOException. A member of the
            // type (`TypeError.prototype`, `MediaError.code`) is an API name, not an error.
            if length >= 6, UTF8Text.isUpper(s[a]) {
                let member = after == UInt8(ascii: ".") && UTF8Text.isAlpha(after2)
                if UTF8Text.matchesExactly(s, b - 5, b, "Error") {
                    if !member { add(after == UInt8(ascii: ":") ? 1.0 : 0.6) }
                    return
                }
                if length >= 9, UTF8Text.matchesExactly(s, b - 9, b, "Exception") {
                    if !member { add(after == UInt8(ascii: ":") ? 1.0 : (length == 9 ? 0.5 : 0.6)) }
                    return
                }
            }
            let first = UTF8Text.lower(s[a])
            let upper = isAllUpper(a, b)

            // Error codes: ERR_REQUIRE_ESM, EACCES, E403, E0382.
            if s[a] == UInt8(ascii: "E") && length >= 3 {
                if length > 4, UTF8Text.matchesExactly(s, a, b, "ERR_") {
                    add(0.8)
                    return
                }
                if length <= 24, isNumberedCode(a, b) || isErrnoName(a, b, before: before, after: after) {
                    add(0.8)
                }
            }

            // HTTP statuses: 403 Forbidden, HTTP/1.1 500, status 502.
            if UTF8Text.isDigit(s[a]) {
                if length == 1 && s[a] == UInt8(ascii: "0") { kind = .zero }
                if length == 3, s[a] == UInt8(ascii: "4") || s[a] == UInt8(ascii: "5"),
                    UTF8Text.isDigit(s[a + 1]), UTF8Text.isDigit(s[a + 2])
                {
                    if wordIndex - httpIndex <= 3 {
                        add(0.8)
                    } else if prev == .status {
                        add(0.6)
                    }
                    statusIndex = wordIndex
                }
                return
            }
            if statusIndex == wordIndex - 1,
                SignatureNormalizer.reasonPhraseWords.contains(where: { UTF8Text.equals(s, a, b, $0) })
            {
                add(0.8)
            }

            // Phrases that complete a `not`: not found, is not a function…
            if wordIndex - notIndex == 1 || (wordIndex - notIndex == 2 && prev == .a) {
                if UTF8Text.equals(s, a, b, "found") || UTF8Text.equals(s, a, b, "allowed")
                    || UTF8Text.equals(s, a, b, "permitted")
                {
                    add(0.6)
                } else if UTF8Text.equals(s, a, b, "supported") || UTF8Text.equals(s, a, b, "recognized")
                    || UTF8Text.equals(s, a, b, "installed")
                {
                    add(0.5)
                } else if notAfterBe,
                    UTF8Text.equals(s, a, b, "function") || UTF8Text.equals(s, a, b, "defined")
                        || UTF8Text.equals(s, a, b, "constructor") || UTF8Text.equals(s, a, b, "iterable")
                        || UTF8Text.equals(s, a, b, "callable") || UTF8Text.equals(s, a, b, "valid")
                        || UTF8Text.equals(s, a, b, "extensible")
                {
                    add(0.6)
                }
            }

            switch first {
            case UInt8(ascii: "a"):
                if length == 1 || UTF8Text.equals(s, a, b, "an") {
                    kind = .a
                } else if UTF8Text.equals(s, a, b, "are") {
                    kind = .be
                } else if !glued,
                    UTF8Text.equals(s, a, b, "abort") || UTF8Text.equals(s, a, b, "aborted")
                        || UTF8Text.equals(s, a, b, "aborting")
                {
                    add(0.5)
                }
            case UInt8(ascii: "c"):
                if UTF8Text.equals(s, a, b, "cannot") {
                    add(0.6)
                } else if UTF8Text.equals(s, a, b, "can") || UTF8Text.equals(s, a, b, "couldn") {
                    if isApostropheT(b) { add(0.6) }
                } else if UTF8Text.equals(s, a, b, "could") {
                    kind = .could
                } else if UTF8Text.equals(s, a, b, "code") {
                    kind = .status
                }
            case UInt8(ascii: "d"):
                if !glued, UTF8Text.equals(s, a, b, "denied") {
                    add(0.8)
                } else if UTF8Text.equals(s, a, b, "does") || UTF8Text.equals(s, a, b, "did") {
                    kind = .be
                }
            case UInt8(ascii: "e"):
                if UTF8Text.equals(s, a, b, "error") {
                    errorWord(a, b, upper: upper, glued: glued, negated: negated, before: before, after: after)
                } else if UTF8Text.equals(s, a, b, "errors") {
                    if upper { add(0.9) } else if !glued && !negated { add(0.4) }
                } else if UTF8Text.equals(s, a, b, "err") {
                    if upper && after == UInt8(ascii: "!") {
                        add(a >= 4 && UTF8Text.matches(s, a - 4, a, "npm ") ? 1.0 : 0.9)
                    } else if after == UInt8(ascii: ":") || after == UInt8(ascii: "!") {
                        add(0.8)
                    }
                } else if UTF8Text.equals(s, a, b, "errno") {
                    kind = .errno
                    add(0.6)
                } else if !glued, UTF8Text.equals(s, a, b, "exception") {
                    add(0.4)
                }
            case UInt8(ascii: "f"):
                if UTF8Text.equals(s, a, b, "failed") {
                    kind = .failed
                    if upper { add(0.8) } else if !glued && !negated { add(0.6) }
                } else if UTF8Text.equals(s, a, b, "fail") {
                    if upper { add(0.8) } else if !glued && !negated { add(0.4) }
                } else if UTF8Text.equals(s, a, b, "failure") || UTF8Text.equals(s, a, b, "failures") {
                    if !glued && !negated { add(0.5) }
                } else if UTF8Text.equals(s, a, b, "fatal") {
                    if upper || after == UInt8(ascii: ":") { add(0.9) } else if !glued { add(0.6) }
                } else if !glued, UTF8Text.equals(s, a, b, "forbidden") {
                    add(0.8)
                } else if prev == .segmentation, UTF8Text.equals(s, a, b, "fault") {
                    add(0.9)
                }
            case UInt8(ascii: "h"):
                if UTF8Text.equals(s, a, b, "http"), after == UInt8(ascii: "/") {
                    httpIndex = wordIndex
                    kind = .http
                }
            case UInt8(ascii: "i"):
                if UTF8Text.equals(s, a, b, "is") {
                    kind = .be
                } else if !glued, UTF8Text.equals(s, a, b, "invalid") || UTF8Text.equals(s, a, b, "illegal") {
                    add(0.4)
                }
            case UInt8(ascii: "k"):
                if !glued, UTF8Text.equals(s, a, b, "killed") { add(0.4) }
            case UInt8(ascii: "l"):
                if prev == .noSpace, UTF8Text.equals(s, a, b, "left") { add(0.8) }
            case UInt8(ascii: "m"):
                if prev == .of && prev2 == .out, UTF8Text.equals(s, a, b, "memory") {
                    add(0.8)
                } else if !glued, UTF8Text.equals(s, a, b, "missing") || UTF8Text.equals(s, a, b, "mismatch") {
                    add(0.3)
                }
            case UInt8(ascii: "n"):
                if UTF8Text.equals(s, a, b, "not") {
                    kind = .not
                    if prev == .could { add(0.6) }
                    notAfterBe = prev == .be
                    notIndex = wordIndex
                } else if UTF8Text.equals(s, a, b, "no") {
                    kind = .negation
                }
            case UInt8(ascii: "o"):
                if UTF8Text.equals(s, a, b, "out") {
                    kind = .out
                    if prev == .timed { add(0.5) }
                } else if UTF8Text.equals(s, a, b, "of") {
                    kind = .of
                }
            case UInt8(ascii: "p"):
                if UTF8Text.equals(s, a, b, "panic") {
                    if after == UInt8(ascii: ":") || upper { add(0.9) } else if !glued { add(0.5) }
                } else if UTF8Text.equals(s, a, b, "panicked") {
                    add(0.9)
                }
            case UInt8(ascii: "r"):
                if !glued, UTF8Text.equals(s, a, b, "refused") { add(0.6) }
            case UInt8(ascii: "s"):
                if prev == .negation, UTF8Text.equals(s, a, b, "such") {
                    add(0.6)
                } else if prev == .negation, UTF8Text.equals(s, a, b, "space") {
                    kind = .noSpace
                } else if UTF8Text.equals(s, a, b, "status") {
                    kind = .status
                    if prev == .unexpected { add(0.8) }
                } else if UTF8Text.equals(s, a, b, "segmentation") {
                    kind = .segmentation
                }
            case UInt8(ascii: "t"):
                if UTF8Text.equals(s, a, b, "to") {
                    if prev == .unable { add(0.6) }
                    if prev == .failed && !negated { add(0.8) }
                } else if UTF8Text.equals(s, a, b, "timed") {
                    kind = .timed
                } else if !glued, UTF8Text.equals(s, a, b, "timeout") {
                    add(0.4)
                } else if UTF8Text.equals(s, a, b, "traceback") {
                    add(0.5)
                }
            case UInt8(ascii: "u"):
                if UTF8Text.equals(s, a, b, "unable") {
                    kind = .unable
                } else if !glued, UTF8Text.equals(s, a, b, "unauthorized") || UTF8Text.equals(s, a, b, "unauthorised") {
                    add(0.8)
                } else if UTF8Text.equals(s, a, b, "unexpected") {
                    kind = .unexpected
                    if !glued { add(0.4) }
                } else if !glued, UTF8Text.equals(s, a, b, "unsupported") {
                    add(0.4)
                }
            case UInt8(ascii: "w"):
                if UTF8Text.equals(s, a, b, "was") || UTF8Text.equals(s, a, b, "were") {
                    kind = .be
                } else if UTF8Text.equals(s, a, b, "without") {
                    kind = .negation
                } else if UTF8Text.equals(s, a, b, "with") {
                    if prev == .failed && !negated { add(0.8) }
                }
            default:
                break
            }
        }

        mutating func errorWord(_ a: Int, _ b: Int, upper: Bool, glued: Bool, negated: Bool, before: UInt8, after: UInt8) {
            // ##[error] and ::error are GitHub workflow commands.
            if before == UInt8(ascii: "["), a >= 3, UTF8Text.matchesExactly(s, a - 3, a, "##["), after == UInt8(ascii: "]") {
                add(1.0)
                return
            }
            if before == UInt8(ascii: ":"), a >= 2, s[a - 2] == UInt8(ascii: ":"), a == 2 || s[a - 3] == 0x20 {
                add(1.0)
                return
            }
            if after == UInt8(ascii: ":") || after == UInt8(ascii: "[") || (upper && before != UInt8(ascii: ".")) {
                add(0.9)
                return
            }
            // Node: `Error [ERR_REQUIRE_ESM]: …`.
            if s[a] == UInt8(ascii: "E"), after == 0x20, b + 1 < s.count, s[b + 1] == UInt8(ascii: "[") {
                add(0.9)
                return
            }
            if !glued && !negated { add(0.4) }
        }

        func isAllUpper(_ a: Int, _ b: Int) -> Bool {
            var letters = 0
            for k in a..<b {
                if UTF8Text.isLower(s[k]) { return false }
                if UTF8Text.isUpper(s[k]) { letters += 1 }
            }
            return letters > 1
        }

        /// `can't`, `can’t`, `couldn't`.
        func isApostropheT(_ b: Int) -> Bool {
            let end = s.count
            if b + 1 < end, s[b] == UInt8(ascii: "'"), s[b + 1] | 0x20 == UInt8(ascii: "t") { return true }
            if b + 3 < end, s[b] == 0xE2, s[b + 1] == 0x80, s[b + 2] == 0x99, s[b + 3] | 0x20 == UInt8(ascii: "t") {
                return true
            }
            return false
        }

        /// `EACCES`, `ENOENT`, `EAI_AGAIN`: a well-known errno or npm code, or `E` and
        /// upper-case letters used as a code (`code EFOO`, `errno EFOO`). Other upper-case
        /// words that start with `E` (`EXPOSE`, `ECDSA`, `ELEMENT_NODE`) are not codes.
        func isErrnoName(_ a: Int, _ b: Int, before: UInt8, after: UInt8) -> Bool {
            guard b - a >= 3, before != UInt8(ascii: "."), before != UInt8(ascii: "_") else { return false }
            for k in (a + 1)..<b where !(UTF8Text.isUpper(s[k]) || UTF8Text.isDigit(s[k]) || s[k] == UInt8(ascii: "_")) {
                return false
            }
            if ErrorLineClassifier.errorCodes.contains(where: { UTF8Text.equals(s, a, b, $0) }) { return true }
            guard !ErrorLineClassifier.upperCaseWordsStartingWithE.contains(where: { UTF8Text.equals(s, a, b, $0) }) else {
                return false
            }
            return prev == .status || prev == .errno
        }

        /// `E403`, `E0382`: `E` and three or four digits.
        func isNumberedCode(_ a: Int, _ b: Int) -> Bool {
            guard b - a == 4 || b - a == 5 else { return false }
            for k in (a + 1)..<b where !UTF8Text.isDigit(s[k]) { return false }
            return true
        }

        /// One pass over the line: each Japanese or Korean error word counts once.
        mutating func scanCJK() {
            let words = ErrorLineClassifier.cjkErrorWords
            var found: UInt32 = 0
            let end = s.count
            var i = 0
            while i < end {
                let b = s[i]
                if b >= 0xE0 {
                    for (k, word) in words.enumerated() where word.utf8Start[0] == b && found & (1 << k) == 0 {
                        if UTF8Text.matchesExactly(s, i, end, word) {
                            found |= 1 << k
                            add(0.6)
                        }
                    }
                }
                i += 1
            }
        }
    }

    // MARK: - Leading marker

    static func startsWithErrorMarker(utf8 s: UTF8Text.Bytes) -> Bool {
        let end = s.count
        // GitHub workflow commands, possibly after a timestamp (skipCI would strip them).
        var i = LinePrefix.skipSpaces(s, 0, end)
        if let j = LinePrefix.timestamp(s, i, end) { i = LinePrefix.skipSpaces(s, j, end) }
        if UTF8Text.matches(s, i, end, "##[error]") || UTF8Text.matches(s, i, end, "::error") { return true }
        i = LinePrefix.skipCI(s, 0, end)
        if UTF8Text.matchesExactly(s, i, end, "npm ERR!") { return true }
        if let j = LinePrefix.bracketedLevel(s, i, end), UTF8Text.matches(s, i, j, "[e") { return true }
        if UTF8Text.matches(s, i, end, "uncaught ") {
            i = LinePrefix.skipSpaces(s, i + 9, end)
            if UTF8Text.matches(s, i, end, "(in promise) ") { i += 13 }
        } else if UTF8Text.matches(s, i, end, "caused by: ") {
            i += 11
        }
        // A dotted, typed name: TypeError, java.io.IOException, Error, error, fatal, panic.
        var j = i
        var lastSegment = i
        while j < end, UTF8Text.isWord(s[j]) || s[j] == UInt8(ascii: ".") || s[j] == UInt8(ascii: "$") {
            if s[j] == UInt8(ascii: ".") { lastSegment = j + 1 }
            j += 1
        }
        guard j > i else { return false }
        let after: UInt8 = j < end ? s[j] : 0
        let a = lastSegment
        let length = j - a
        if after == UInt8(ascii: ":") || after == UInt8(ascii: "[") || (after == 0x20 && j + 1 < end && s[j + 1] == UInt8(ascii: "[")) {
            if length >= 5, UTF8Text.matches(s, j - 5, j, "error") { return true }
            if length >= 9, UTF8Text.matches(s, j - 9, j, "exception") { return true }
            if UTF8Text.equals(s, a, j, "fatal") || UTF8Text.equals(s, a, j, "panic") { return true }
        }
        if after == UInt8(ascii: ":") {
            // Error codes: EACCES:, ERR_INVALID_ARG_TYPE:, E403:.
            var code = Scan(s: s)
            code.word(a, j)
            if code.best >= 0.8, s[a] == UInt8(ascii: "E") { return true }
        }
        if j == end, length >= 6, UTF8Text.isUpper(s[a]), UTF8Text.matchesExactly(s, j - 5, j, "Error") { return true }
        return false
    }

    // MARK: - Tables

    /// Upper-case words that start with `E` but are not errno names.
    static let upperCaseWordsStartingWithE: [StaticString] = [
        "error", "errors", "else", "elif", "eval", "exec", "exit", "expose", "entrypoint", "echo", "export", "empty",
        "enabled", "enable", "event", "events", "example", "exists", "expected", "external", "each", "extra", "except",
        "enum", "edge", "edit", "email", "end", "ending", "engine", "entry", "env", "equal", "every", "exclude",
        "execute", "extracting", "export", "eof", "etag", "east", "emerg",
    ]

    /// Well-known errno names and npm error codes.
    static let errorCodes: [StaticString] = [
        "e2big", "eacces", "eaddrinuse", "eaddrnotavail", "eagain", "eai_again", "ealready", "ebadengine", "ebadf",
        "ebadplatform", "ebusy", "ecanceled", "echild", "econnaborted", "econnrefused", "econnreset", "edeadlk",
        "edestaddrreq", "edquot", "eexist", "efault", "efbig", "ehostdown", "ehostunreach", "eilseq", "einprogress",
        "eintegrity", "eintr", "einval", "eio", "eisconn", "eisdir", "ejsonparse", "elifecycle", "eloop", "emfile",
        "emlink", "emsgsize", "enametoolong", "eneedauth", "enetdown", "enetreset", "enetunreach", "enfile", "enobufs",
        "enodev", "enoent", "enoexec", "enolck", "enomem", "enospc", "enosys", "enotconn", "enotdir", "enotempty",
        "enotfound", "enotsock", "enotsup", "enotty", "enxio", "eopnotsupp", "eotp", "eoverflow", "eperm", "epipe",
        "eproto", "eprotonosupport", "erange", "eresolve", "erofs", "espipe", "esrch", "estale", "etimedout",
        "etxtbsy", "eunsupportedprotocol", "ewouldblock", "exdev",
    ]

    /// Japanese and Korean words that mark an error message.
    static let cjkErrorWords: [StaticString] = [
        "エラー", "失敗", "拒否", "権限", "例外", "見つかりません", "できません",
        "에러", "오류", "실패", "거부", "권한", "예외", "찾을 수 없", "할 수 없",
    ]
}
