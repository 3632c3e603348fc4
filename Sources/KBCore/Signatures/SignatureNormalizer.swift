import Foundation

/// Turns one line of error output into a template: decoration stripped, variable
/// parts masked with ``ErrorSignature/Mask`` placeholders, case folded, whitespace
/// collapsed. The masked values are returned as clues.
///
/// This is the single normalization used at ingest and at query time; any change
/// to its output must bump ``ErrorSignature/version``.
enum SignatureNormalizer {
    typealias Bytes = UTF8Text.Bytes

    /// Lines longer than this are cut (at a character boundary) before normalizing.
    static let maxInputBytes = 4096
    /// At most this many clues are kept per line.
    static let maxClues = 16
    /// Clues longer than this (in UTF-8 bytes) are dropped.
    static let maxClueBytes = 80

    struct Result {
        var text: String
        var clues: [String]
    }

    static func normalize(_ raw: Bytes) -> Result {
        let limited = UnsafeBufferPointer(rebasing: raw[0..<UTF8Text.characterBoundary(raw, atMost: maxInputBytes)])
        let cleaned: [UInt8]
        if UTF8Text.hasNonASCII(limited) {
            // NFKC folds full-width letters, digits, quotes and colons to ASCII, so that
            // `ＴｙｐｅＥｒｒｏｒ：` and `TypeError:` meet.
            var folded = String(decoding: limited, as: UTF8.self).precomposedStringWithCompatibilityMapping
            cleaned = folded.withUTF8 { LinePrefix.clean($0) }
        } else {
            cleaned = LinePrefix.clean(limited)
        }
        return cleaned.withUnsafeBufferPointer { s in
            var scanner = Scanner(s: s)
            scanner.run()
            return Result(text: String(decoding: scanner.out, as: UTF8.self), clues: scanner.clues)
        }
    }
}

// MARK: - Scanner

extension SignatureNormalizer {
    private struct Scanner {
        let s: Bytes
        var start = 0
        var end = 0
        var out: [UInt8] = []
        var clues: [String] = []
        var clueSet: Set<String> = []
        /// Range in `out` of the last word emitted (masks do not count).
        var lastWord: Range<Int>? = nil

        init(s: Bytes) {
            self.s = s
            out.reserveCapacity(s.count)
        }

        // MARK: Driver

        mutating func run() {
            start = LinePrefix.skipAll(s, 0, s.count)
            end = LinePrefix.trimEngineAnnotations(s, start, s.count)
            var i = start
            while i < end {
                let c = s[i]
                if UTF8Text.isSpace(c) {
                    emitSpace()
                    i += 1
                    continue
                }
                if c >= 0x80 {
                    i = nonASCII(i)
                    continue
                }
                if let j = masked(i) {
                    i = j
                    continue
                }
                if UTF8Text.isWord(c) {
                    i = atom(i)
                    continue
                }
                out.append(c)
                i += 1
            }
            finish()
        }

        /// Trims trailing spaces and sentence punctuation.
        mutating func finish() {
            while let last = out.last,
                last == 0x20 || last == UInt8(ascii: ".") || last == UInt8(ascii: ":") || last == UInt8(ascii: ";")
                    || last == UInt8(ascii: ",")
            {
                out.removeLast()
            }
        }

        // MARK: Emitting

        @inline(__always)
        mutating func emitSpace() {
            if let last = out.last, last != 0x20 { out.append(0x20) }
        }

        mutating func emit(_ mask: ErrorSignature.Mask, clue: Range<Int>? = nil) {
            out.append(contentsOf: mask.placeholderUTF8)
            guard let clue else { return }
            var a = clue.lowerBound
            var b = clue.upperBound
            while a < b && UTF8Text.isSpace(s[a]) { a += 1 }
            while b > a && UTF8Text.isSpace(s[b - 1]) { b -= 1 }
            guard b > a, b - a <= SignatureNormalizer.maxClueBytes, clues.count < SignatureNormalizer.maxClues else {
                return
            }
            var bytes: [UInt8] = []
            UTF8Text.appendLowercased(s, a, b, to: &bytes)
            let value = String(decoding: bytes, as: UTF8.self)
            if clueSet.insert(value).inserted { clues.append(value) }
        }

        mutating func emitWord(_ a: Int, _ b: Int) {
            let wordStart = out.count
            UTF8Text.appendLowercased(s, a, b, to: &out)
            lastWord = wordStart..<out.count
        }

        func lastWordIs(_ words: [StaticString]) -> Bool {
            guard let range = lastWord else { return false }
            return out.withUnsafeBufferPointer { o in
                words.contains { UTF8Text.equals(o, range.lowerBound, range.upperBound, $0) }
            }
        }

        // MARK: Boundaries

        /// Whether the character before `i` is not part of a word.
        func atBoundary(_ i: Int) -> Bool {
            guard i > start else { return true }
            let p = s[i - 1]
            if p < 0x80 { return !UTF8Text.isWord(p) }
            var k = i - 1
            while k > start && s[k] & 0xC0 == 0x80 { k -= 1 }
            return !UTF8Text.isWordScalar(UTF8Text.decode(s, k, end).scalar)
        }

        /// Whether a path may start at `i`: at the start, or after a space, an opening
        /// bracket, a quote, `=`, `:` or `,`.
        func pathMayStart(_ i: Int) -> Bool {
            guard i > start else { return true }
            switch s[i - 1] {
            case 0x20, UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "="), UInt8(ascii: "\""),
                UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "<"),
                UInt8(ascii: ">"):
                return true
            default:
                return false
            }
        }

        // MARK: Non-ASCII

        mutating func nonASCII(_ i: Int) -> Int {
            let (u, length) = UTF8Text.decode(s, i, end)
            if let close = SignatureNormalizer.closingQuote(for: u.value), atBoundary(i),
                let j = quoted(i, openLength: length, close: close)
            {
                return j
            }
            if UTF8Text.isWordScalar(u) { return atom(i) }
            // A typographic apostrophe inside a word reads as ASCII: can’t → can't.
            if u.value == 0x2019, i > start, !atBoundary(i), i + length < end, UTF8Text.isAlpha(s[i + length]) {
                out.append(UInt8(ascii: "'"))
                return i + length
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: s[i..<i + length]))
            return i + length
        }

        // MARK: Quotes

        /// Masks a quoted value whose opening quote (of `openLength` bytes) is at `i`.
        mutating func quoted(_ i: Int, openLength: Int, close: [UInt8]) -> Int? {
            let contentStart = i + openLength
            let limit = min(end, contentStart + 512)
            var j = contentStart
            let first = close[0]
            while j < limit {
                if s[j] == first, j + close.count <= end {
                    var same = true
                    for k in 1..<close.count where s[j + k] != close[k] {
                        same = false
                        break
                    }
                    if same {
                        let after = j + close.count
                        // An apostrophe inside a word does not close a single-quoted value.
                        if close == [UInt8(ascii: "'")], after < end, UTF8Text.isAlnum(s[after]) {
                            j += 1
                            continue
                        }
                        // A backslash-escaped double quote does not close.
                        if close == [UInt8(ascii: "\"")], j > contentStart, s[j - 1] == UInt8(ascii: "\\") {
                            j += 1
                            continue
                        }
                        // In Chinese, Japanese or Korean prose, quotes mark a phrase (often
                        // the message itself), not a value: leave it to be read as words.
                        if after < end, s[after] >= 0x80, UTF8Text.isCJK(UTF8Text.decode(s, after, end).scalar) {
                            return nil
                        }
                        emit(.str, clue: contentStart..<j)
                        return after
                    }
                }
                j += 1
            }
            return nil
        }

        // MARK: Masks that start at a word boundary

        /// Tries every mask that can start at `i`; returns the index after it.
        mutating func masked(_ i: Int) -> Int? {
            let c = s[i]
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                guard atBoundary(i) else { return nil }
                return quoted(i, openLength: 1, close: [c])
            case UInt8(ascii: "`"):
                // `x` and the older `x' style.
                guard atBoundary(i) else { return nil }
                return quoted(i, openLength: 1, close: [c]) ?? quoted(i, openLength: 1, close: [UInt8(ascii: "'")])
            case UInt8(ascii: "/"):
                guard pathMayStart(i) else { return nil }
                if let j = regexLiteral(i) {
                    emit(.regex)
                    return j
                }
                return path(i)
            case UInt8(ascii: "~"), UInt8(ascii: "."):
                guard pathMayStart(i) else { return nil }
                return path(i)
            case UInt8(ascii: "\\"):
                guard pathMayStart(i), i + 2 < end, s[i + 1] == UInt8(ascii: "\\"), UTF8Text.isWord(s[i + 2]) else {
                    return nil
                }
                return windowsPath(i)
            default:
                break
            }
            guard UTF8Text.isAlnum(c), atBoundary(i) else { return nil }
            if UTF8Text.isDigit(c) || UTF8Text.isHex(c) {
                if let j = uuid(i) {
                    emit(.uuid)
                    return j
                }
            }
            if UTF8Text.isDigit(c) {
                if let j = midlineTimestamp(i) {
                    emit(.time)
                    return j
                }
                if c == UInt8(ascii: "0"), i + 2 < end, s[i + 1] | 0x20 == UInt8(ascii: "x"), UTF8Text.isHex(s[i + 2]) {
                    var j = i + 2
                    while j < end && UTF8Text.isHex(s[j]) { j += 1 }
                    if j == end || !UTF8Text.isWord(s[j]) {
                        emit(.hex)
                        return j
                    }
                }
            } else {
                if let j = url(i) {
                    emit(.url)
                    return j
                }
                if let j = digest(i) {
                    emit(.digest)
                    return j
                }
                if i + 2 < end, s[i + 1] == UInt8(ascii: ":"), s[i + 2] == UInt8(ascii: "\\") || s[i + 2] == UInt8(ascii: "/"),
                    i + 3 < end, s[i + 3] != UInt8(ascii: "/")
                {
                    return windowsPath(i)
                }
                if let j = schemePath(i) { return j }
            }
            if let j = email(i) { return j }
            return compound(i)
        }

        /// `scheme://…` up to a space, quote or angle bracket.
        func url(_ i: Int) -> Int? {
            var j = i
            while j < end,
                UTF8Text.isAlnum(s[j]) || s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: ".")
                    || s[j] == UInt8(ascii: "-")
            {
                j += 1
            }
            guard j > i, UTF8Text.matchesExactly(s, j, end, "://") else { return nil }
            j += 3
            var parens = 0
            while j < end {
                let b = s[j]
                if UTF8Text.isSpace(b) || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "`")
                    || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
                {
                    break
                }
                if b == UInt8(ascii: "(") { parens += 1 }
                if b == UInt8(ascii: ")") {
                    if parens == 0 { break }
                    parens -= 1
                }
                if b >= 0x80 {
                    let (u, length) = UTF8Text.decode(s, j, end)
                    if UTF8Text.isWordScalar(u) {
                        j += length
                        continue
                    }
                    break
                }
                j += 1
            }
            return trimTrailing(i, j, ".,;:!?")
        }

        /// `sha256:<hex>` and friends.
        func digest(_ i: Int) -> Int? {
            var j = i
            while j < end && UTF8Text.isAlnum(s[j]) { j += 1 }
            guard j < end, s[j] == UInt8(ascii: ":"),
                UTF8Text.matches(s, i, j, "sha") || UTF8Text.equals(s, i, j, "md5") || UTF8Text.equals(s, i, j, "blake3")
            else { return nil }
            var k = j + 1
            while k < end && UTF8Text.isHex(s[k]) { k += 1 }
            guard k - j - 1 >= 8, k == end || !UTF8Text.isWord(s[k]) else { return nil }
            return k
        }

        /// `8-4-4-4-12` hexadecimal groups.
        func uuid(_ i: Int) -> Int? {
            guard end - i >= 36 else { return nil }
            for k in 0..<36 {
                let b = s[i + k]
                if k == 8 || k == 13 || k == 18 || k == 23 {
                    if b != UInt8(ascii: "-") { return nil }
                } else if !UTF8Text.isHex(b) {
                    return nil
                }
            }
            let j = i + 36
            return j == end || !UTF8Text.isWord(s[j]) ? j : nil
        }

        /// A date (`2024-01-01`, optionally with a time and zone) or a time of day
        /// with seconds (`12:01:02`, `00:20:04.123`) inside the message.
        func midlineTimestamp(_ i: Int) -> Int? {
            func digits(_ k: Int, _ n: Int) -> Bool {
                guard end - k >= n else { return false }
                for m in 0..<n where !UTF8Text.isDigit(s[k + m]) { return false }
                return true
            }
            func clock(_ k: Int) -> Int? {
                guard digits(k, 2), k + 2 < end, s[k + 2] == UInt8(ascii: ":"), digits(k + 3, 2) else { return nil }
                var j = k + 5
                guard j + 2 < end, s[j] == UInt8(ascii: ":"), digits(j + 1, 2) else { return j }
                j += 3
                if j + 1 < end, s[j] == UInt8(ascii: ".") || s[j] == UInt8(ascii: ","), UTF8Text.isDigit(s[j + 1]) {
                    j += 1
                    while j < end && UTF8Text.isDigit(s[j]) { j += 1 }
                }
                return j
            }
            var j: Int
            if digits(i, 4), i + 10 <= end, s[i + 4] == UInt8(ascii: "-"), digits(i + 5, 2), s[i + 7] == UInt8(ascii: "-"),
                digits(i + 8, 2)
            {
                j = i + 10
                if j < end, s[j] == UInt8(ascii: "T") || s[j] == UInt8(ascii: " "), let k = clock(j + 1) {
                    j = k
                    if j < end, s[j] == UInt8(ascii: "Z") {
                        j += 1
                    } else if j < end, s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-"), digits(j + 1, 2) {
                        j += 3
                        if j < end, s[j] == UInt8(ascii: ":") { j += 1 }
                        if digits(j, 2) { j += 2 }
                    }
                }
            } else if let k = clock(i), k - i >= 8 {
                j = k
            } else {
                return nil
            }
            return j == end || !UTF8Text.isWord(s[j]) ? j : nil
        }

        /// `user@example.com`; `git@github.com:acme/api.git` becomes a URL.
        mutating func email(_ i: Int) -> Int? {
            var j = i
            while j < end,
                UTF8Text.isAlnum(s[j]) || s[j] == UInt8(ascii: ".") || s[j] == UInt8(ascii: "_")
                    || s[j] == UInt8(ascii: "%") || s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-")
            {
                j += 1
            }
            guard j > i, j < end, s[j] == UInt8(ascii: "@") else { return nil }
            var k = j + 1
            var lastDot = -1
            while k < end, UTF8Text.isAlnum(s[k]) || s[k] == UInt8(ascii: "-") || s[k] == UInt8(ascii: ".") {
                if s[k] == UInt8(ascii: ".") { lastDot = k }
                k += 1
            }
            k = trimTrailing(j + 1, k, ".-")
            guard lastDot > j + 1, lastDot < k - 2 else { return nil }
            for m in (lastDot + 1)..<k where !UTF8Text.isAlpha(s[m]) { return nil }
            if k + 1 < end, s[k] == UInt8(ascii: ":"), !UTF8Text.isSpace(s[k + 1]) {
                var m = k + 1
                while m < end && !UTF8Text.isSpace(s[m]) && s[m] != UInt8(ascii: "'") && s[m] != UInt8(ascii: "\"") {
                    m += 1
                }
                emit(.url)
                return trimTrailing(k, m, ".,;:")
            }
            emit(.email)
            return k
        }

        // MARK: Paths

        @inline(__always)
        func isPathByte(_ b: UInt8) -> Bool {
            UTF8Text.isWord(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "~") || b == UInt8(ascii: "@") || b == UInt8(ascii: "+") || b == UInt8(ascii: "%")
        }

        /// Consumes path characters (including non-ASCII letters) from `i`.
        func pathRun(_ i: Int, allowBackslash: Bool) -> Int {
            var j = i
            while j < end {
                let b = s[j]
                if b < 0x80 {
                    if isPathByte(b) || (allowBackslash && b == UInt8(ascii: "\\")) {
                        j += 1
                        continue
                    }
                    break
                }
                let (u, length) = UTF8Text.decode(s, j, end)
                guard UTF8Text.isWordScalar(u) else { break }
                j += length
            }
            return j
        }

        /// Consumes a `:line`, `:line:col` or `(line,col)` suffix.
        func lineSuffix(_ j: Int) -> Int {
            var j = j
            while j + 1 < end, s[j] == UInt8(ascii: ":"), UTF8Text.isDigit(s[j + 1]) {
                j += 1
                while j < end && UTF8Text.isDigit(s[j]) { j += 1 }
            }
            if j + 1 < end, s[j] == UInt8(ascii: "("), UTF8Text.isDigit(s[j + 1]) {
                var k = j + 1
                while k < end, UTF8Text.isDigit(s[k]) || s[k] == UInt8(ascii: ",") { k += 1 }
                if k < end, s[k] == UInt8(ascii: ")") { j = k + 1 }
            }
            return j
        }

        /// An absolute path (`/x/y`), a home or relative path (`~/x`, `./x`, `../x`),
        /// with an optional `:line:col`.
        mutating func path(_ i: Int) -> Int? {
            var j = i
            if s[j] == UInt8(ascii: "~") {
                j += 1
            } else if s[j] == UInt8(ascii: ".") {
                j += 1
                if j < end, s[j] == UInt8(ascii: ".") { j += 1 }
            }
            guard j + 1 < end, s[j] == UInt8(ascii: "/") else { return nil }
            var k = j
            while k < end && s[k] == UInt8(ascii: "/") { k += 1 }
            guard k < end,
                s[k] >= 0x80 || UTF8Text.isWord(s[k]) || s[k] == UInt8(ascii: ".") || s[k] == UInt8(ascii: "~")
                    || s[k] == UInt8(ascii: "@") || s[k] == UInt8(ascii: "-")
            else { return nil }
            var e = pathRun(k, allowBackslash: false)
            e = trimTrailing(i, e, ".-")
            guard e > k else { return nil }
            emit(.path)
            return lineSuffix(e)
        }

        /// `C:\x\y`, `C:/x/y` or `\\server\share`.
        mutating func windowsPath(_ i: Int) -> Int? {
            let j = pathRun(i + 2, allowBackslash: true)
            let e = trimTrailing(i, j, ".-")
            emit(.path)
            return lineSuffix(e)
        }

        /// A module specifier with a scheme: `node:internal/modules/cjs/loader:1521:14`.
        mutating func schemePath(_ i: Int) -> Int? {
            var j = i
            while j < end && UTF8Text.isLower(s[j]) { j += 1 }
            guard j - i >= 2, j - i <= 10, j + 1 < end, s[j] == UInt8(ascii: ":"), UTF8Text.isAlpha(s[j + 1]) else {
                return nil
            }
            let e = pathRun(j + 1, allowBackslash: false)
            var hasSlash = false
            for k in (j + 1)..<e where s[k] == UInt8(ascii: "/") {
                hasSlash = true
                break
            }
            guard hasSlash else { return nil }
            emit(.path)
            return lineSuffix(trimTrailing(i, e, ".-/"))
        }

        /// A regular expression literal as V8 quotes it: `/[z-a]/u: Range out of order`.
        /// It must end with `/flags` followed by `:` or the end of the line, and contain
        /// a regular expression metacharacter (so that paths are not mistaken for it).
        func regexLiteral(_ i: Int) -> Int? {
            var j = i + 1
            var meta = false
            while j < end {
                let b = s[j]
                if b == UInt8(ascii: "/"), j > i + 1 {
                    var k = j + 1
                    while k < end && UTF8Text.isLower(s[k]) && k - j <= 8 { k += 1 }
                    if meta, k == end || (s[k] == UInt8(ascii: ":") && (k + 1 == end || s[k + 1] == 0x20)) {
                        return k
                    }
                }
                switch b {
                case UInt8(ascii: "\\"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
                    UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                    UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "$"):
                    meta = true
                default:
                    break
                }
                j += 1
            }
            return nil
        }

        // MARK: Compound tokens: IPs, hosts, images, relative paths

        @inline(__always)
        func isCompoundByte(_ b: UInt8) -> Bool {
            UTF8Text.isWord(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: ":") || b == UInt8(ascii: "@") || b == UInt8(ascii: "+") || b == UInt8(ascii: "%")
                || b == UInt8(ascii: "~")
        }

        func trimTrailing(_ i: Int, _ j: Int, _ chars: StaticString) -> Int {
            var j = j
            let p = chars.utf8Start
            let n = chars.utf8CodeUnitCount
            outer: while j > i {
                let b = s[j - 1]
                for k in 0..<n where p[k] == b {
                    j -= 1
                    continue outer
                }
                break
            }
            return j
        }

        mutating func compound(_ i: Int) -> Int? {
            var j = i
            var special = false
            while j < end && isCompoundByte(s[j]) {
                if !UTF8Text.isWord(s[j]) { special = true }
                j += 1
            }
            guard special else { return nil }
            // Sentence punctuation right after a token is not part of it; ASCII letters
            // glued to non-ASCII text are not a token of their own.
            if j < end, s[j] >= 0x80, UTF8Text.isWordScalar(UTF8Text.decode(s, j, end).scalar) { return nil }
            j = trimTrailing(i, j, ".:-/@+%~")
            guard j > i else { return nil }
            if let k = ipv4(i, j) {
                emit(.ip)
                return k
            }
            var slash = -1
            for k in i..<j where s[k] == UInt8(ascii: "/") {
                slash = k
                break
            }
            if slash >= 0 { return slashed(i, j, firstSlash: slash) }
            if let k = host(i, j) {
                emit(.host, clue: i..<k)
                return k
            }
            if let k = fileWithLine(i, j) {
                emit(.path)
                return k
            }
            if let k = imageWithTag(i, j) {
                emit(.image, clue: i..<k)
                return k
            }
            return nil
        }

        /// `1.2.3.4` with an optional `:port` or `/prefix`.
        func ipv4(_ i: Int, _ j: Int) -> Int? {
            var k = i
            for part in 0..<4 {
                let first = k
                while k < j && UTF8Text.isDigit(s[k]) { k += 1 }
                guard k > first, k - first <= 3 else { return nil }
                if part < 3 {
                    guard k < j, s[k] == UInt8(ascii: ".") else { return nil }
                    k += 1
                }
            }
            if k + 1 < j, s[k] == UInt8(ascii: ":") || s[k] == UInt8(ascii: "/"), UTF8Text.isDigit(s[k + 1]) {
                k += 1
                while k < j && UTF8Text.isDigit(s[k]) { k += 1 }
            }
            return k == j ? k : nil
        }

        /// Whether `[a, b)` is a lower-case dotted host name with a well-known top-level
        /// domain, or `localhost`.
        func isHostName(_ a: Int, _ b: Int) -> Bool {
            if UTF8Text.equals(s, a, b, "localhost") { return true }
            var labels = 0
            var labelStart = a
            var k = a
            while k <= b {
                if k == b || s[k] == UInt8(ascii: ".") {
                    guard k > labelStart else { return false }
                    labels += 1
                    if k == b {
                        guard labels >= 2 else { return false }
                        return SignatureNormalizer.topLevelDomains.contains { UTF8Text.equals(s, labelStart, b, $0) }
                    }
                    labelStart = k + 1
                } else if !(UTF8Text.isLower(s[k]) || UTF8Text.isDigit(s[k]) || s[k] == UInt8(ascii: "-")) {
                    return false
                }
                k += 1
            }
            return false
        }

        /// `registry.npmjs.org`, `localhost:3000`, `api.github.com:443`.
        func host(_ i: Int, _ j: Int) -> Int? {
            var colon = j
            for k in i..<j where s[k] == UInt8(ascii: ":") {
                colon = k
                break
            }
            guard isHostName(i, colon) else { return nil }
            if colon == j { return j }
            for k in (colon + 1)..<j where !UTF8Text.isDigit(s[k]) { return nil }
            return colon + 1 < j ? j : nil
        }

        /// `index.js:4:8`, `main.go:12`, `Y.java:10`.
        func fileWithLine(_ i: Int, _ j: Int) -> Int? {
            var colon = -1
            for k in i..<j where s[k] == UInt8(ascii: ":") {
                colon = k
                break
            }
            guard colon > i, hasExtension(i, colon) else { return nil }
            let k = lineSuffix(colon)
            return k > colon ? k : nil
        }

        /// Whether the file name `[a, b)` ends with `.ext` (a letter, then up to nine
        /// letters or digits) after a non-empty stem.
        func hasExtension(_ a: Int, _ b: Int) -> Bool {
            var dot = b - 1
            while dot > a && s[dot] != UInt8(ascii: ".") { dot -= 1 }
            guard dot > a, b - dot >= 2, b - dot <= 11, UTF8Text.isAlpha(s[dot + 1]) else { return false }
            for k in (dot + 1)..<b where !UTF8Text.isAlnum(s[k]) { return false }
            return s[dot - 1] != UInt8(ascii: "/")
        }

        /// Whether `[a, b)` reads as an image or repository tag: `latest`, `v1`,
        /// `20-alpine`, `1.2.3`.
        func isTag(_ a: Int, _ b: Int) -> Bool {
            guard b > a else { return false }
            for k in a..<b where !(UTF8Text.isWord(s[k]) || s[k] == UInt8(ascii: ".") || s[k] == UInt8(ascii: "-")) {
                return false
            }
            for tag in SignatureNormalizer.wellKnownTags where UTF8Text.equals(s, a, b, tag) { return true }
            if s[a] | 0x20 == UInt8(ascii: "v"), b - a >= 2, UTF8Text.isDigit(s[a + 1]) { return true }
            if UTF8Text.isDigit(s[a]) {
                for k in a..<b where !UTF8Text.isDigit(s[k]) { return true }
            }
            return false
        }

        /// `name:tag` or `name@sha256:…`, name in lower case: `api:latest`, `node:20-alpine`.
        func imageWithTag(_ i: Int, _ j: Int) -> Int? {
            var k = i
            while k < j,
                UTF8Text.isLower(s[k]) || UTF8Text.isDigit(s[k]) || s[k] == UInt8(ascii: "-")
                    || s[k] == UInt8(ascii: "_") || s[k] == UInt8(ascii: ".")
            {
                k += 1
            }
            guard k > i, k < j else { return nil }
            if s[k] == UInt8(ascii: ":"), isTag(k + 1, j) { return j }
            if s[k] == UInt8(ascii: "@"), k + 1 < j, UTF8Text.matches(s, k + 1, j, "sha") || isTag(k + 1, j) { return j }
            return nil
        }

        /// A token with a slash that is not an absolute path: an image with a registry
        /// (`ghcr.io/acme/api:latest`), a relative file (`src/main.rs:4:5`), or a
        /// repository (`acme/api:v1`, or `acme/api` after a word such as `push`).
        mutating func slashed(_ i: Int, _ j: Int, firstSlash: Int) -> Int? {
            // Registry host as first segment.
            var hostEnd = firstSlash
            for k in i..<firstSlash where s[k] == UInt8(ascii: ":") {
                hostEnd = k
                break
            }
            var port = hostEnd < firstSlash
            if port {
                for k in (hostEnd + 1)..<firstSlash where !UTF8Text.isDigit(s[k]) { port = false }
            }
            let hostIsName = isHostName(i, hostEnd)
            if hostIsName || (port && hostEnd > i && UTF8Text.isLower(s[i])) {
                if firstSlash + 1 < j {
                    emit(.image, clue: i..<j)
                    return j
                }
                return nil
            }
            // Last segment and its suffix.
            var lastSlash = j - 1
            while s[lastSlash] != UInt8(ascii: "/") { lastSlash -= 1 }
            var nameEnd = j
            for k in (lastSlash + 1)..<j where s[k] == UInt8(ascii: ":") || s[k] == UInt8(ascii: "@") {
                nameEnd = k
                break
            }
            if nameEnd > lastSlash + 1,
                hasExtension(lastSlash + 1, nameEnd)
                    || (nameEnd < j && s[nameEnd] == UInt8(ascii: ":")
                        && UTF8Text.isDigit(s[nameEnd + 1]) && lineSuffix(nameEnd) == j)
            {
                emit(.path)
                return lineSuffix(nameEnd)
            }
            // owner/name with a tag, a digest, or after a word that names an image.
            guard firstSlash == lastSlash, firstSlash > i, nameEnd > lastSlash + 1 else { return nil }
            for k in i..<nameEnd where k != firstSlash {
                let b = s[k]
                guard
                    UTF8Text.isLower(b) || UTF8Text.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
                        || b == UInt8(ascii: ".")
                else { return nil }
            }
            let tagged = nameEnd < j && (isTag(nameEnd + 1, j) || UTF8Text.matches(s, nameEnd + 1, j, "sha"))
            if tagged || (nameEnd == j && lastWordIs(SignatureNormalizer.imageContextWords)) {
                emit(.image, clue: i..<j)
                return j
            }
            return nil
        }

        // MARK: Atoms: words and numbers

        /// A run of word characters: a number, a version, a hex id, or a word.
        mutating func atom(_ i: Int) -> Int {
            let c = s[i]
            if UTF8Text.isDigit(c) { return number(i) }
            if c | 0x20 == UInt8(ascii: "v"), i + 1 < end, UTF8Text.isDigit(s[i + 1]), atBoundary(i) {
                var j = i + 1
                while j < end && UTF8Text.isDigit(s[j]) { j += 1 }
                if j + 1 < end, s[j] == UInt8(ascii: "."), UTF8Text.isDigit(s[j + 1]) {
                    let e = versionTail(j)
                    emit(.ver, clue: i..<e)
                    return e
                }
            }
            var j = i
            var ascii = true
            while j < end {
                let b = s[j]
                if b < 0x80 {
                    guard UTF8Text.isWord(b) else { break }
                    j += 1
                } else {
                    let (u, length) = UTF8Text.decode(s, j, end)
                    guard UTF8Text.isWordScalar(u) else { break }
                    ascii = false
                    j += length
                }
            }
            if ascii, isHexID(i, j, minLength: 8) {
                emit(.hex)
                return j
            }
            // `: error:` in the middle of a chain of causes is a wrapper, like at the start.
            if j - i == 5 || j - i == 3, j < end, s[j] == UInt8(ascii: ":"), j + 1 == end || s[j + 1] == 0x20,
                UTF8Text.equals(s, i, j, "error") || UTF8Text.equals(s, i, j, "fatal") || UTF8Text.equals(s, i, j, "err"),
                previousNonSpaceIsColon()
            {
                return j + 1
            }
            emitWord(i, j)
            return j
        }

        func previousNonSpaceIsColon() -> Bool {
            var k = out.count - 1
            while k >= 0 && out[k] == 0x20 { k -= 1 }
            return k < 0 || out[k] == UInt8(ascii: ":")
        }

        /// Whether `[a, b)` is a hexadecimal id: all hex digits, at least `minLength`
        /// long, with both a digit and a letter.
        func isHexID(_ a: Int, _ b: Int, minLength: Int) -> Bool {
            guard b - a >= minLength else { return false }
            var letter = false
            var digit = false
            for k in a..<b {
                let x = s[k]
                guard UTF8Text.isHex(x) else { return false }
                if UTF8Text.isDigit(x) { digit = true } else { letter = true }
            }
            return letter && digit
        }

        /// Extends a version after its first dotted group: `.2.3`, `-beta.1`, `+build.5`.
        func versionTail(_ j: Int) -> Int {
            var j = j
            while j + 1 < end, s[j] == UInt8(ascii: "."), UTF8Text.isDigit(s[j + 1]) {
                j += 1
                while j < end && UTF8Text.isDigit(s[j]) { j += 1 }
            }
            while j + 1 < end, s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "."),
                UTF8Text.isAlnum(s[j + 1])
            {
                j += 1
                while j < end && UTF8Text.isAlnum(s[j]) { j += 1 }
            }
            return j
        }

        mutating func number(_ i: Int) -> Int {
            // Hex ids that start with a digit (container ids, short commit hashes).
            var h = i
            while h < end && UTF8Text.isHex(s[h]) { h += 1 }
            if h == end || !UTF8Text.isWord(s[h]), isHexID(i, h, minLength: 7) {
                emit(.hex)
                return h
            }
            var j = i
            while j < end && UTF8Text.isDigit(s[j]) { j += 1 }
            // HTTP status codes next to their reason phrase are meaning, not numbers.
            if j - i == 3, s[i] == UInt8(ascii: "4") || s[i] == UInt8(ascii: "5"), j == end || !UTF8Text.isWord(s[j]),
                !(j + 1 < end && s[j] == UInt8(ascii: ".") && UTF8Text.isDigit(s[j + 1])), isHTTPStatus(after: j)
            {
                emitWord(i, j)
                return j
            }
            var dots = 0
            var e = j
            while e + 1 < end, s[e] == UInt8(ascii: "."), UTF8Text.isDigit(s[e + 1]) {
                dots += 1
                e += 1
                while e < end && UTF8Text.isDigit(s[e]) { e += 1 }
            }
            let mask: ErrorSignature.Mask
            if dots >= 2 {
                e = versionTail(e)
                mask = .ver
            } else {
                mask = .num
                // A unit or suffix glued to the number: 12ms, 1.2MB, 3rd.
                while e < end && UTF8Text.isWord(s[e]) { e += 1 }
            }
            var clueStart = i
            // A sign written before a number belongs to it.
            if mask == .num, let last = out.last, last == UInt8(ascii: "-"), i > start, s[i - 1] == UInt8(ascii: "-") {
                let before = out.count >= 2 ? out[out.count - 2] : 0x20
                if before == 0x20 || before == UInt8(ascii: "(") || before == UInt8(ascii: "[")
                    || before == UInt8(ascii: "=") || before == UInt8(ascii: ":")
                {
                    out.removeLast()
                    clueStart = i - 1
                }
            }
            emit(mask, clue: clueStart..<e)
            return e
        }

        /// Whether a 4xx/5xx number ending at `j` is an HTTP status: followed by a
        /// reason phrase (`403 Forbidden`) or preceded by `HTTP/1.1`, `status` or `code`.
        func isHTTPStatus(after j: Int) -> Bool {
            if lastWordIs(SignatureNormalizer.statusContextWords) { return true }
            var k = j
            while k < end && (s[k] == 0x20 || s[k] == UInt8(ascii: "-")) { k += 1 }
            guard k > j else { return false }
            var e = k
            while e < end && UTF8Text.isAlpha(s[e]) { e += 1 }
            return SignatureNormalizer.reasonPhraseWords.contains { UTF8Text.equals(s, k, e, $0) }
        }
    }
}

// MARK: - Tables

extension SignatureNormalizer {
    /// Closing quote for an opening quote scalar outside ASCII. Corner brackets
    /// (「」『』) are not listed: they quote phrases in CJK prose, not values.
    static func closingQuote(for scalar: UInt32) -> [UInt8]? {
        switch scalar {
        case 0x201C, 0x201E: return [0xE2, 0x80, 0x9D]  // “ „ → ”
        case 0x2018, 0x201A: return [0xE2, 0x80, 0x99]  // ‘ ‚ → ’
        case 0x00AB: return [0xC2, 0xBB]  // « → »
        case 0x2039: return nil  // ‹ is our own placeholder bracket
        default: return nil
        }
    }

    /// Top-level domains that make a dotted lower-case name read as a host.
    /// Deliberately short: `obj.map`, `res.json` or `index.js` must stay words.
    static let topLevelDomains: [StaticString] = [
        "com", "net", "org", "io", "dev", "app", "cloud", "ai", "co", "edu", "gov", "info", "biz", "uk", "de", "jp",
        "kr", "cn", "fr", "eu", "ca", "au", "ru", "br", "nl", "local", "internal", "localhost", "xyz", "tech",
    ]

    /// Tags that read as image tags even without a digit.
    static let wellKnownTags: [StaticString] = [
        "latest", "stable", "edge", "nightly", "canary", "main", "master", "alpine", "slim", "lts",
    ]

    /// Words after which an `owner/name` token is read as an image or repository.
    static let imageContextWords: [StaticString] = [
        "image", "repository", "repo", "package", "push", "pull", "pushing", "pulling", "pushed", "pulled",
    ]

    /// Words after which a 4xx/5xx number is read as an HTTP status.
    static let statusContextWords: [StaticString] = [
        "status", "code", "http", "https", "returned", "response", "responded",
    ]

    /// First words of HTTP reason phrases for 4xx and 5xx statuses.
    static let reasonPhraseWords: [StaticString] = [
        "forbidden", "unauthorized", "not", "bad", "internal", "service", "gateway", "too", "conflict", "method",
        "request", "gone", "payment", "unprocessable", "precondition", "payload", "unsupported", "locked", "failed",
        "expectation", "network", "proxy", "length", "range", "insufficient", "misdirected", "upgrade", "loop",
        "variant", "uri", "unavailable", "im",
    ]
}
