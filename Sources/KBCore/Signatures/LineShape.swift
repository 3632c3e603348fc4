/// What a line of pasted output is, judged by its shape alone: blank, a separator,
/// a progress report, a stack frame, echoed source code, or text worth reading.
///
/// ``Triage`` uses it to drop the noise of logs and crash output before it looks
/// for error lines. Everything is decided on UTF-8 bytes, without regular
/// expressions, because logs can be large.
enum LineShape: UInt8 {
    /// Nothing but spaces (or a bare timestamp).
    case blank
    /// `-----`, `=====`, `*****`, box drawing.
    case separator
    /// A caret or tilde line pointing into the line above: `   ^^^^`.
    case caret
    /// Downloads, pulls, pushes, percentages, BuildKit status lines.
    case progress
    /// A stack frame: `at f (file.js:1:2)`, `--> src/main.rs:4:5`, `goroutine 1 [running]:`.
    case frame
    /// A Python frame, `File "x.py", line 3, in f`; the next, deeper line is code.
    case pythonFrame
    /// A bare source location, `/app/index.js:4` or `/app/main.go:12 +0x1d`; the next line is code.
    case location
    /// A rustc source gutter, `4 |     let w = v;`, or an annotation, `= note: …`.
    case gutter
    /// A footer or summary that never identifies an error: `Node.js v20.20.2`,
    /// `Process completed with exit code 1`, `aborting due to 1 previous error`.
    case footer
    /// Source code echoed by crash output (decided from the neighbouring lines).
    case code
    /// Anything else.
    case text

    typealias Bytes = UTF8Text.Bytes

    /// The shape of the content `[c, e)` of a line (after CI decoration).
    static func of(_ s: Bytes, _ c: Int, _ e: Int) -> LineShape {
        guard c < e else { return .blank }
        if let shape = punctuationOnly(s, c, e) { return shape }
        let first = s[c]
        switch first {
        case UInt8(ascii: "a"):
            if UTF8Text.matchesExactly(s, c, e, "at "), isJavaScriptOrJavaFrame(s, c + 3, e) { return .frame }
        case UInt8(ascii: "F"):
            if UTF8Text.matchesExactly(s, c, e, "File \""), UTF8Text.find(s, c + 6, e, "\", line ") != nil {
                return .pythonFrame
            }
        case UInt8(ascii: "-"):
            if UTF8Text.matchesExactly(s, c, e, "--> ") { return .frame }
        case UInt8(ascii: ":"):
            if UTF8Text.matchesExactly(s, c, e, "::: ") { return .frame }
        case UInt8(ascii: "."):
            if UTF8Text.matchesExactly(s, c, e, "..."), isMoreFrames(s, c + 3, e) { return .frame }
        case UInt8(ascii: "g"):
            if UTF8Text.matchesExactly(s, c, e, "goroutine "), c + 10 < e, UTF8Text.isDigit(s[c + 10]) { return .frame }
        case UInt8(ascii: "c"):
            if UTF8Text.matchesExactly(s, c, e, "created by ") { return .frame }
        case UInt8(ascii: "T"):
            if UTF8Text.matchesExactly(s, c, e, "Traceback (most recent call last)") { return .frame }
        case UInt8(ascii: "N"):
            if UTF8Text.matchesExactly(s, c, e, "Node.js v"), isVersionTail(s, c + 9, e) { return .footer }
        case UInt8(ascii: "="):
            if UTF8Text.matchesExactly(s, c, e, "= note:") || UTF8Text.matchesExactly(s, c, e, "= help:") { return .gutter }
        default:
            break
        }
        if isGutter(s, c, e) { return .gutter }
        if isLocation(s, c, e) { return .location }
        if isGoFunction(s, c, e) || isNativeFrame(s, c, e) { return .frame }
        if isProgress(s, c, e) { return .progress }
        return .text
    }

    /// Separators and carets: only punctuation from a small set (or box drawing).
    private static func punctuationOnly(_ s: Bytes, _ c: Int, _ e: Int) -> LineShape? {
        var marks = 0
        var carets = 0
        var other = false
        var i = c
        while i < e {
            let b = s[i]
            switch b {
            case 0x20:
                break
            case UInt8(ascii: "^"):
                carets += 1
                marks += 1
            case UInt8(ascii: "~"):
                marks += 1
            case UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "#"),
                UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"),
                UInt8(ascii: ":"):
                other = true
                marks += 1
            case 0xE2 where i + 2 < e && (s[i + 1] == 0x94 || s[i + 1] == 0x95):  // U+2500–U+257F box drawing
                other = true
                marks += 1
                i += 2
            default:
                return nil
            }
            i += 1
        }
        if carets > 0 && !other { return .caret }
        if !other && marks > 0 { return .caret }  // tildes only
        return marks >= 3 ? .separator : nil
    }

    /// After `at `: `f (file.js:1:2)`, `file.js:1:2`, `com.x.Y(Y.java:10)`, `<anonymous>`.
    private static func isJavaScriptOrJavaFrame(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        guard c < e else { return false }
        if s[e - 1] == UInt8(ascii: ")") {
            var i = c
            while i < e && s[i] != UInt8(ascii: "(") { i += 1 }
            return i < e - 1
        }
        if UTF8Text.find(s, c, e, "<anonymous>") != nil { return true }
        return endsWithLineNumber(s, c, e)
    }

    /// `:12` or `:12:5` at the end.
    private static func endsWithLineNumber(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        var i = e
        var groups = 0
        while groups < 2 {
            var j = i
            while j > c && UTF8Text.isDigit(s[j - 1]) { j -= 1 }
            guard j < i, j > c, s[j - 1] == UInt8(ascii: ":") else { break }
            groups += 1
            i = j - 1
        }
        return groups > 0 && i > c
    }

    /// Java's `... 3 more`.
    private static func isMoreFrames(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        var i = LinePrefix.skipSpaces(s, c, e)
        let digits = i
        while i < e && UTF8Text.isDigit(s[i]) { i += 1 }
        return i > digits && UTF8Text.matchesExactly(s, i, e, " more")
    }

    private static func isVersionTail(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        guard c < e, UTF8Text.isDigit(s[c]) else { return false }
        for i in c..<e where !(UTF8Text.isAlnum(s[i]) || s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: "-")) {
            return false
        }
        return true
    }

    /// rustc source gutter: optional line number, spaces, `|`.
    private static func isGutter(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        var i = c
        while i < e && UTF8Text.isDigit(s[i]) { i += 1 }
        while i < e && s[i] == 0x20 { i += 1 }
        // The `|` is followed by a space or ends the line.
        return i < e && s[i] == UInt8(ascii: "|") && (i + 1 == e || s[i + 1] == 0x20)
    }

    /// A single token ending with `:line` (`/app/index.js:4`, `main.go:12`), optionally
    /// followed by a Go program counter offset (`+0x1d`).
    private static func isLocation(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        var tokenEnd = c
        while tokenEnd < e && s[tokenEnd] != 0x20 { tokenEnd += 1 }
        if tokenEnd < e {
            // Only ` +0x…` may follow.
            let rest = LinePrefix.skipSpaces(s, tokenEnd, e)
            guard UTF8Text.matchesExactly(s, rest, e, "+0x") else { return false }
            for i in (rest + 3)..<e where !UTF8Text.isHex(s[i]) { return false }
        }
        guard endsWithLineNumber(s, c, tokenEnd) else { return false }
        for i in c..<tokenEnd where s[i] == UInt8(ascii: "/") || s[i] == UInt8(ascii: "\\") || s[i] == UInt8(ascii: ".") {
            return true
        }
        return false
    }

    /// A Go frame function line: `main.main()`, `main.(*Server).run(0xc000010000)`.
    private static func isGoFunction(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        guard s[e - 1] == UInt8(ascii: ")"), UTF8Text.isAlpha(s[c]) || s[c] == UInt8(ascii: "_") else { return false }
        var i = c
        var dot = false
        while i < e && s[i] != UInt8(ascii: "(") {
            let b = s[i]
            if b == UInt8(ascii: ".") {
                dot = true
            } else if !(UTF8Text.isWord(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: "-")) {
                return false
            }
            i += 1
        }
        guard dot, i < e else { return false }
        // `main.(*T).f(...)`: the first `(` may be a receiver.
        var depth = 0
        while i < e {
            if s[i] == UInt8(ascii: "(") { depth += 1 }
            if s[i] == UInt8(ascii: ")") { depth -= 1 }
            if s[i] == 0x20 && depth == 0 { return false }
            i += 1
        }
        return depth == 0
    }

    /// A native frame: `0  libswiftCore.so  0x00007f…`, `#3 0x000055…`.
    private static func isNativeFrame(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        var i = c
        if s[i] == UInt8(ascii: "#") { i += 1 }
        let digits = i
        while i < e && UTF8Text.isDigit(s[i]) { i += 1 }
        guard i > digits, i < e, s[i] == 0x20 else { return false }
        i = LinePrefix.skipSpaces(s, i, e)
        if UTF8Text.matchesExactly(s, i, e, "0x") { return true }
        while i < e && s[i] != 0x20 { i += 1 }
        i = LinePrefix.skipSpaces(s, i, e)
        return UTF8Text.matchesExactly(s, i, e, "0x")
    }

    // MARK: Progress

    private static let progressPrefixes: [StaticString] = [
        "downloading", "downloaded ", "download complete", "pulling fs layer", "pulling from", "pull complete",
        "waiting", "verifying checksum", "extracting", "already exists", "digest: sha256", "status: downloaded",
        "status: image is up to date", "preparing", "pushing", "pushed", "layer already exists", "mounted from",
        "fetching ", "fetched ", "receiving objects", "resolving deltas", "counting objects", "compressing objects",
        "writing objects", "unpacking objects", "enumerating objects", "remote: enumerating", "remote: counting",
        "remote: compressing", "remote: total", "progress:", "exporting", "writing image", "naming to", "transferring",
        "resolve ", "load build definition", "load .dockerignore", "load metadata", "[internal]", "unpacking to",
        "sha256:", "done ", "cached",
    ]

    /// Download, pull and push progress, BuildKit status lines, percentages and size counters.
    static func isProgress(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        var p = c
        // `9eb82f04c782: Pulling fs layer`
        if e - c > 14, s[c + 12] == UInt8(ascii: ":"), s[c + 13] == 0x20 {
            var hex = true
            for i in c..<(c + 12) where !UTF8Text.isLowerHex(s[i]) {
                hex = false
                break
            }
            if hex { p = c + 14 }
        }
        for prefix in progressPrefixes where UTF8Text.matches(s, p, e, prefix) { return true }
        if UTF8Text.equals(s, p, e, "done") { return true }
        var percent = false
        var bar = false
        var i = c
        while i < e {
            let b = s[i]
            if b == UInt8(ascii: "%"), i > c, UTF8Text.isDigit(s[i - 1]) {
                percent = true
            } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "|") || b == UInt8(ascii: "=") || b == UInt8(ascii: "#") {
                bar = true
            } else if b == UInt8(ascii: "B"), isSizeCounter(s, c, i, e) {
                return true
            }
            i += 1
        }
        return percent && (bar || e - c <= 40)
    }

    /// `1.2MB / 3.4MB`, `12kB/40kB`: a size (ending with the `B` at `b`) followed by `/` and a number.
    private static func isSizeCounter(_ s: Bytes, _ c: Int, _ b: Int, _ e: Int) -> Bool {
        var i = b - 1
        if i >= c, s[i] == UInt8(ascii: "i") { i -= 1 }
        guard i >= c,
            s[i] == UInt8(ascii: "k") || s[i] == UInt8(ascii: "K") || s[i] == UInt8(ascii: "M")
                || s[i] == UInt8(ascii: "G") || UTF8Text.isDigit(s[i])
        else { return false }
        if !UTF8Text.isDigit(s[i]) { i -= 1 }
        if i >= c, s[i] == 0x20 { i -= 1 }
        guard i >= c, UTF8Text.isDigit(s[i]) else { return false }
        var j = LinePrefix.skipSpaces(s, b + 1, e)
        guard j < e, s[j] == UInt8(ascii: "/") else { return false }
        j = LinePrefix.skipSpaces(s, j + 1, e)
        return j < e && UTF8Text.isDigit(s[j])
    }

    // MARK: Footers

    private static let footerPhrases: [StaticString] = [
        "process completed with exit code", "aborting due to", "due to 1 previous error", "previous errors",
        "due to previous error", "for more information about this error", "a complete log of this run can be found",
        "during handling of the above exception", "the above exception was the direct cause",
    ]

    /// Whether an error-looking line is only a summary or footer that never identifies
    /// the error (checked for candidate error lines only).
    static func isFooter(_ s: Bytes, _ c: Int, _ e: Int) -> Bool {
        for phrase in footerPhrases where UTF8Text.find(s, c, e, phrase) != nil { return true }
        return false
    }
}
