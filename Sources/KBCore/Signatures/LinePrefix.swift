/// Recognizes the decoration that logging systems put around an error message:
/// ANSI colours, CI timestamps, BuildKit step numbers, workflow commands, log
/// levels and wrapper prefixes such as `error:`, and the engine annotations MDN
/// appends to its message lists.
///
/// Used both by ``ErrorSignature`` (which strips all of it) and by ``Triage``
/// (which strips only the CI decoration before deciding what a line is).
enum LinePrefix {
    typealias Bytes = UTF8Text.Bytes

    // MARK: - Cleaning

    /// Removes ANSI escape sequences and control characters. Tabs and other
    /// spacing become plain spaces; zero-width characters are dropped.
    static func clean(_ s: Bytes) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        let end = s.count
        var i = 0
        while i < end {
            let b = s[i]
            if b == 0x1B {
                i = skipEscape(s, i, end)
                continue
            }
            if b < 0x20 || b == 0x7F {
                out.append(0x20)
                i += 1
                continue
            }
            if b < 0x80 {
                out.append(b)
                i += 1
                continue
            }
            let (u, length) = UTF8Text.decode(s, i, end)
            if UTF8Text.isUnicodeSpace(u) {
                out.append(0x20)
            } else if u.value >= 0x80 && u.value < 0xA0 {
                out.append(0x20)  // C1 controls
            } else if !UTF8Text.isInvisible(u) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: s[i..<i + length]))
            }
            i += length
        }
        return out
    }

    /// Removes ANSI escape sequences only, keeping line breaks and everything else.
    static func removingEscapes(_ s: Bytes) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        let end = s.count
        var i = 0
        while i < end {
            if s[i] == 0x1B {
                i = skipEscape(s, i, end)
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// Index after the escape sequence that starts at `i` (which holds ESC).
    static func skipEscape(_ s: Bytes, _ i: Int, _ end: Int) -> Int {
        var j = i + 1
        guard j < end else { return j }
        switch s[j] {
        case UInt8(ascii: "["):  // CSI: parameters, intermediates, final byte 0x40–0x7E
            j += 1
            while j < end && !(s[j] >= 0x40 && s[j] <= 0x7E) { j += 1 }
            return min(j + 1, end)
        case UInt8(ascii: "]"):  // OSC: until BEL or ESC \
            j += 1
            while j < end {
                if s[j] == 0x07 { return j + 1 }
                if s[j] == 0x1B { return min(j + 2, end) }
                j += 1
            }
            return end
        default:
            return j + 1
        }
    }

    // MARK: - CI decoration

    /// Skips leading spaces, CI timestamps (`2022-05-28T00:20:04.1234567Z`,
    /// `[12:01:02]`, `2024-01-01 10:00:00,123`), BuildKit step numbers with an
    /// optional elapsed time (`#16 `, `#16 0.532 `) and GitHub workflow commands
    /// (`##[error]`, `::error file=x::`). Returns the index of the content.
    static func skipCI(_ s: Bytes, _ start: Int, _ end: Int) -> Int {
        var i = skipSpaces(s, start, end)
        var sawStep = false
        while i < end {
            let before = i
            if let j = timestamp(s, i, end) {
                i = j
            } else if s[i] == UInt8(ascii: "["), let j = timestamp(s, i + 1, end), j < end,
                s[j] == UInt8(ascii: "]")
            {
                i = j + 1
            } else if !sawStep, let j = buildKitStep(s, i, end) {
                i = j
                sawStep = true
            } else if let j = workflowCommand(s, i, end) {
                i = j
            }
            if i == before { break }
            i = skipSpaces(s, i, end)
        }
        return i
    }

    /// Skips everything ``skipCI(_:_:_:)`` skips and also log levels (`[ERROR]`,
    /// `ERROR `), tool prefixes (`npm ERR!`) and wrapper prefixes that carry no
    /// meaning of their own (`Error:`, `error:`, `fatal:`, `Uncaught`, `Caused by:`).
    /// Typed names such as `TypeError:` and `error[E0382]:` are kept.
    static func skipAll(_ s: Bytes, _ start: Int, _ end: Int) -> Int {
        var i = skipCI(s, start, end)
        while i < end {
            let before = i
            if let j = bracketedLevel(s, i, end) {
                i = j
            } else if let j = toolPrefix(s, i, end) {
                i = j
            } else if let j = wrapperWord(s, i, end) {
                i = j
            } else if let j = upperLevelWord(s, i, end) {
                i = j
            } else {
                i = skipCI(s, i, end)
            }
            if i == before { break }
            i = skipSpaces(s, i, end)
        }
        return i
    }

    @inline(__always)
    static func skipSpaces(_ s: Bytes, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end && UTF8Text.isSpace(s[i]) { i += 1 }
        return i
    }

    @inline(__always)
    private static func digits(_ s: Bytes, _ i: Int, _ end: Int, count: Int) -> Bool {
        guard end - i >= count else { return false }
        for k in 0..<count where !UTF8Text.isDigit(s[i + k]) { return false }
        return true
    }

    /// Matches `hh:mm` with optional `:ss` and fraction; returns the end.
    private static func clock(_ s: Bytes, _ i: Int, _ end: Int) -> Int? {
        guard digits(s, i, end, count: 2), i + 2 < end, s[i + 2] == UInt8(ascii: ":"),
            digits(s, i + 3, end, count: 2)
        else { return nil }
        var j = i + 5
        if j + 2 < end, s[j] == UInt8(ascii: ":"), digits(s, j + 1, end, count: 2) {
            j += 3
            if j + 1 < end, s[j] == UInt8(ascii: ".") || s[j] == UInt8(ascii: ","), UTF8Text.isDigit(s[j + 1]) {
                j += 1
                while j < end && UTF8Text.isDigit(s[j]) { j += 1 }
            }
        }
        return j
    }

    /// Matches an ISO 8601-like timestamp (date and time) or a bare time of day with
    /// seconds, followed by a space, `]` or the end. Returns the end of the timestamp.
    static func timestamp(_ s: Bytes, _ i: Int, _ end: Int) -> Int? {
        guard i < end, UTF8Text.isDigit(s[i]) else { return nil }
        var j: Int
        if digits(s, i, end, count: 4), i + 10 <= end, s[i + 4] == UInt8(ascii: "-"),
            digits(s, i + 5, end, count: 2), s[i + 7] == UInt8(ascii: "-"), digits(s, i + 8, end, count: 2)
        {
            j = i + 10
            guard j < end, s[j] == UInt8(ascii: "T") || s[j] == UInt8(ascii: " "),
                let k = clock(s, j + 1, end)
            else { return nil }
            j = k
            if j < end, s[j] == UInt8(ascii: "Z") {
                j += 1
            } else if j < end, s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-"), digits(s, j + 1, end, count: 2) {
                j += 3
                if j < end, s[j] == UInt8(ascii: ":") { j += 1 }
                if digits(s, j, end, count: 2) { j += 2 }
            }
        } else if let k = clock(s, i, end), k - i >= 8 {
            j = k
        } else {
            return nil
        }
        guard j == end || UTF8Text.isSpace(s[j]) || s[j] == UInt8(ascii: "]") else { return nil }
        return j
    }

    /// Matches a BuildKit step prefix `#16 ` with an optional elapsed time `0.532 `.
    static func buildKitStep(_ s: Bytes, _ i: Int, _ end: Int) -> Int? {
        guard i + 2 < end, s[i] == UInt8(ascii: "#"), UTF8Text.isDigit(s[i + 1]) else { return nil }
        var j = i + 1
        while j < end && UTF8Text.isDigit(s[j]) { j += 1 }
        guard j == end || s[j] == UInt8(ascii: " ") else { return nil }
        j = skipSpaces(s, j, end)
        // Elapsed seconds: digits '.' digits followed by a space.
        var k = j
        while k < end && UTF8Text.isDigit(s[k]) { k += 1 }
        if k > j, k + 1 < end, s[k] == UInt8(ascii: ".") {
            var m = k + 1
            while m < end && UTF8Text.isDigit(s[m]) { m += 1 }
            if m > k + 1, m == end || s[m] == UInt8(ascii: " ") { j = m }
        }
        return j
    }

    /// Matches `##[error]`, `##[group]`… and `::error file=x,line=1::`.
    static func workflowCommand(_ s: Bytes, _ i: Int, _ end: Int) -> Int? {
        if UTF8Text.matchesExactly(s, i, end, "##[") {
            var j = i + 3
            while j < end && UTF8Text.isAlpha(s[j]) { j += 1 }
            if j > i + 3, j < end, s[j] == UInt8(ascii: "]") { return j + 1 }
            return nil
        }
        if UTF8Text.matchesExactly(s, i, end, "::") {
            var j = i + 2
            while j < end && UTF8Text.isAlpha(s[j]) { j += 1 }
            guard j > i + 2 else { return nil }
            // Parameters up to the closing "::".
            while j + 1 < end {
                if s[j] == UInt8(ascii: ":") && s[j + 1] == UInt8(ascii: ":") { return j + 2 }
                j += 1
            }
        }
        return nil
    }

    private static func isLevelWord(_ s: Bytes, _ start: Int, _ end: Int) -> Bool {
        switch end - start {
        case 1: return UTF8Text.matches(s, start, end, "e")
        case 3: return UTF8Text.equals(s, start, end, "err")
        case 4:
            return UTF8Text.equals(s, start, end, "warn") || UTF8Text.equals(s, start, end, "info")
                || UTF8Text.equals(s, start, end, "crit")
        case 5:
            return UTF8Text.equals(s, start, end, "error") || UTF8Text.equals(s, start, end, "debug")
                || UTF8Text.equals(s, start, end, "trace") || UTF8Text.equals(s, start, end, "fatal")
        case 6: return UTF8Text.equals(s, start, end, "notice")
        case 7: return UTF8Text.equals(s, start, end, "warning")
        case 8: return UTF8Text.equals(s, start, end, "critical")
        default: return false
        }
    }

    /// Matches `[ERROR]`, `[error]`, `[WARN]`, `[INFO]`… followed by a space or the end.
    static func bracketedLevel(_ s: Bytes, _ i: Int, _ end: Int) -> Int? {
        guard i < end, s[i] == UInt8(ascii: "[") else { return nil }
        var j = i + 1
        while j < end && UTF8Text.isAlpha(s[j]) { j += 1 }
        guard j < end, s[j] == UInt8(ascii: "]"), isLevelWord(s, i + 1, j) else { return nil }
        return j + 1
    }

    /// Matches `npm ERR!`, `npm error`, `npm warn`, `yarn error`…
    static func toolPrefix(_ s: Bytes, _ i: Int, _ end: Int) -> Int? {
        var j: Int
        if UTF8Text.matchesExactly(s, i, end, "npm ") {
            j = i + 4
        } else if UTF8Text.matchesExactly(s, i, end, "yarn ") || UTF8Text.matchesExactly(s, i, end, "pnpm ") {
            j = i + 5
        } else {
            return nil
        }
        if UTF8Text.matchesExactly(s, j, end, "ERR!") { return j + 4 }
        if UTF8Text.matches(s, j, end, "error ") || UTF8Text.matches(s, j, end, "error:") { return j + 6 }
        if UTF8Text.matches(s, j, end, "warn ") { return j + 5 }
        return nil
    }

    /// Matches a wrapper word that adds nothing to the message: `Error:`, `error:`,
    /// `fatal:`, `ERR:`, `E:`, `Uncaught `, `Uncaught (in promise) `, `Caused by: `.
    static func wrapperWord(_ s: Bytes, _ i: Int, _ end: Int) -> Int? {
        var j = i
        while j < end && UTF8Text.isAlpha(s[j]) { j += 1 }
        guard j > i else { return nil }
        let wordEnd = j
        if j < end, s[j] == UInt8(ascii: ":"), j + 1 == end || s[j + 1] == UInt8(ascii: " ") {
            switch wordEnd - i {
            case 1: if UTF8Text.matches(s, i, end, "e") { return j + 1 }
            case 3: if UTF8Text.equals(s, i, wordEnd, "err") { return j + 1 }
            case 5:
                if UTF8Text.equals(s, i, wordEnd, "error") || UTF8Text.equals(s, i, wordEnd, "fatal") {
                    return j + 1
                }
            default: break
            }
        }
        if UTF8Text.equals(s, i, wordEnd, "uncaught"), j < end, s[j] == UInt8(ascii: " ") {
            j += 1
            if UTF8Text.matches(s, j, end, "(in promise) ") { j += 13 }
            return j
        }
        if UTF8Text.equals(s, i, wordEnd, "caused"), UTF8Text.matches(s, j, end, " by:") { return j + 4 }
        return nil
    }

    /// Matches an upper-case log level followed by a space: `ERROR `, `FATAL `, `CRITICAL `.
    static func upperLevelWord(_ s: Bytes, _ i: Int, _ end: Int) -> Int? {
        for word: StaticString in ["ERROR ", "FATAL ", "CRITICAL "] where UTF8Text.matchesExactly(s, i, end, word) {
            return i + word.utf8CodeUnitCount
        }
        return nil
    }

    // MARK: - Engine annotations

    /// Returns the end of the message once trailing engine annotations such as
    /// `(V8-based)`, `(Firefox)` or `(V8-based & Firefox & Safari)` are removed.
    ///
    /// The rule is general: a trailing parenthetical is an annotation when every item
    /// of it (separated by `&`, `,`, `/`, `|` or `and`) names a JavaScript engine,
    /// browser or runtime, or ends with `-based`.
    static func trimEngineAnnotations(_ s: Bytes, _ start: Int, _ end: Int) -> Int {
        var end = end
        while true {
            while end > start && UTF8Text.isSpace(s[end - 1]) { end -= 1 }
            guard end > start, s[end - 1] == UInt8(ascii: ")") else { return end }
            var open = end - 2
            while open >= start && s[open] != UInt8(ascii: "(") && s[open] != UInt8(ascii: ")") { open -= 1 }
            guard open >= start, s[open] == UInt8(ascii: "("), isEngineList(s, open + 1, end - 1) else { return end }
            end = open
        }
    }

    private static func isEngineList(_ s: Bytes, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var items = 0
        while i < end {
            // Separator or space.
            let b = s[i]
            if UTF8Text.isSpace(b) || b == UInt8(ascii: "&") || b == UInt8(ascii: ",") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "|")
            {
                i += 1
                continue
            }
            var j = i
            while j < end, UTF8Text.isAlnum(s[j]) || s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: ".") { j += 1 }
            guard j > i else { return false }
            if !UTF8Text.equals(s, i, j, "and") {
                guard isEngineName(s, i, j) else { return false }
                items += 1
            }
            i = j
        }
        return items > 0
    }

    private static func isEngineName(_ s: Bytes, _ start: Int, _ end: Int) -> Bool {
        if end - start > 6, UTF8Text.matches(s, end - 6, end, "-based") { return true }
        for name in engineNames where UTF8Text.equals(s, start, end, name) { return true }
        return false
    }

    private static let engineNames: [StaticString] = [
        "v8", "firefox", "safari", "chrome", "chromium", "edge", "spidermonkey", "javascriptcore", "jsc",
        "webkit", "gecko", "blink", "node", "node.js", "nodejs", "deno", "bun", "opera", "ie", "hermes",
        "quickjs",
    ]
}
