import Foundation

/// Decodes UTF-8 bytes and yields normalized characters (NFKC + lower case) with their source spans.
///
/// Works on raw bytes: ASCII is handled directly, the common CJK, Hangul, Latin-1, Greek, Cyrillic and
/// full-width/half-width ranges by range checks and small tables; only other characters that change under
/// NFKC case folding (and clusters with combining marks) go through Foundation. Invalid UTF-8 bytes come out
/// as one `.separator` each. Zero-width and other default-ignorable characters are skipped (absent).
///
/// The scanner does not own memory: `scratch` must hold `TextScanner.scratchByteCount` bytes, 16-byte
/// aligned, and outlive it.
struct TextScanner {
    static let queueCapacity = 64
    static let clusterCapacity = 32
    static let cacheCapacity = 64
    static let scratchByteCount =
        (queueCapacity + clusterCapacity) * MemoryLayout<UInt32>.stride
        + cacheCapacity * MemoryLayout<CacheEntry>.stride

    /// A remembered Foundation result for one scalar or a base + mark pair (up to four scalars out).
    struct CacheEntry {
        var key: UInt64
        var count: UInt32
        var values: (UInt32, UInt32, UInt32, UInt32)
    }

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var position = 0

    /// Normalized scalars waiting to be handed out (from an NFKC expansion or a composed cluster).
    private let queue: UnsafeMutablePointer<UInt32>
    private var queueHead = 0
    private var queueCount = 0
    private var queueStart = 0
    private var queueEnd = 0

    /// Source scalars of a base character and its combining marks.
    private let cluster: UnsafeMutablePointer<UInt32>

    /// Direct-mapped memo of Foundation results within one call (text repeating `①`, `É`, `e`+U+0301, …).
    private let cache: UnsafeMutablePointer<CacheEntry>
    private var cacheReady = false

    /// One decoded scalar of look-ahead, so that peeking for combining marks does not decode twice.
    private var peekPosition = -1
    private var peekScalar: UInt32 = 0
    private var peekLength = 0

    /// Kind of the last character handed out (for the context-dependent dash unification).
    private var lastKind: NormalizedChar.Kind = .space

    init(base: UnsafePointer<UInt8>, count: Int, scratch: UnsafeMutableRawPointer) {
        self.base = base
        self.count = count
        let scalarCount = Self.queueCapacity + Self.clusterCapacity
        let scalars = scratch.bindMemory(to: UInt32.self, capacity: scalarCount)
        self.queue = scalars
        self.cluster = scalars + Self.queueCapacity
        self.cache = (scratch + scalarCount * MemoryLayout<UInt32>.stride)
            .bindMemory(to: CacheEntry.self, capacity: Self.cacheCapacity)
    }

    /// Every normalized character of `text` (for the query analyzer; allocates).
    static func characters(of text: String) -> [NormalizedChar] {
        var result: [NormalizedChar] = []
        var copy = text
        copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
            withUnsafeTemporaryAllocation(byteCount: scratchByteCount, alignment: 16) { scratch in
                var scanner = TextScanner(base: base, count: buffer.count, scratch: scratch.baseAddress!)
                var char = NormalizedChar()
                while scanner.next(&char) { result.append(char) }
            }
        }
        return result
    }

    // MARK: - Iteration

    /// Writes the next normalized character into `c`; returns false at the end of the text.
    @inline(__always)
    mutating func next(_ c: inout NormalizedChar) -> Bool {
        while true {
            if queueCount > 0 {
                let value = queue[queueHead]
                queueHead += 1
                queueCount -= 1
                if produce(value, queueStart, queueEnd, &c) { return true }
                continue
            }
            let i = position
            guard i < count else { return false }
            let byte = base[i]
            // Terminal escape sequences in pasted logs (`ESC[31m`, or the visible remnant `[31m`): one separator.
            if byte == 0x1B || byte == 0x5B, let length = Self.escapeLength(base, count, at: i) {
                position = i + length
                c.scalar = 0x20
                c.kind = .separator
                c.start = i
                c.end = i + length
                lastKind = .separator
                return true
            }
            // ASCII not followed by a possible combining mark (every scalar ≥ U+0300 has a lead byte ≥ 0xCC).
            if byte < 0x80, i + 1 == count || base[i + 1] < 0xCC {
                position = i + 1
                let kind = Tokenizer.asciiKind(byte)
                c.scalar = UInt32(Tokenizer.asciiLower(byte))
                c.kind = kind
                c.start = i
                c.end = i + 1
                lastKind = kind
                return true
            }
            let (scalar, length) = decode(at: i)
            if length == 0 {
                position = i + 1
                c.scalar = 0xFFFD
                c.kind = .separator
                c.start = i
                c.end = i + 1
                lastKind = .separator
                return true
            }
            let j = i + length
            if j < count, base[j] >= 0xCC {
                let (nextScalar, nextLength) = decode(at: j)
                if nextLength > 0, Self.continues(scalar, nextScalar) {
                    gatherCluster(scalar, start: i, next: nextScalar, at: j, length: nextLength)
                    continue
                }
            }
            position = j
            if let value = normalizeSingle(scalar, i, j), produce(value, i, j, &c) { return true }
        }
    }

    // MARK: - Terminal escapes

    /// Length of a terminal escape sequence at `i` (which holds ESC or `[`): a CSI sequence `ESC [ … final`,
    /// an OSC sequence `ESC ] … BEL` or `ESC ] … ESC \`, another two-byte escape, or an SGR remnant whose
    /// ESC was lost (`[0m`, `[1;31m`). Nil for a `[` that does not start such a remnant.
    static func escapeLength(_ base: UnsafePointer<UInt8>, _ count: Int, at i: Int) -> Int? {
        if base[i] == 0x5B {
            var j = i + 1
            while j < count, j - i <= 16, base[j] &- 0x30 < 10 || base[j] == 0x3B { j += 1 }
            guard j > i + 1, j < count, base[j] == 0x6D else { return nil }
            return j + 1 - i
        }
        guard i + 1 < count else { return nil }
        switch base[i + 1] {
        case 0x5B:  // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E
            var j = i + 2
            while j < count, base[j] >= 0x30, base[j] <= 0x3F { j += 1 }
            while j < count, base[j] >= 0x20, base[j] <= 0x2F { j += 1 }
            if j < count, base[j] >= 0x40, base[j] <= 0x7E { j += 1 }
            return j - i
        case 0x5D:  // OSC (titles, hyperlinks): up to BEL or ST, within 2 KB
            var j = i + 2
            while j < count, j - i < 2048 {
                if base[j] == 0x07 { return j + 1 - i }
                if base[j] == 0x1B, j + 1 < count, base[j + 1] == 0x5C { return j + 2 - i }
                j += 1
            }
            return 2
        case 0x20...0x7E:
            return 2
        default:
            return nil
        }
    }

    // MARK: - UTF-8

    /// Decodes one scalar at `i`; length 0 means an invalid byte (overlong, surrogate, truncated, …).
    @inline(__always)
    private mutating func decode(at i: Int) -> (UInt32, Int) {
        if i == peekPosition { return (peekScalar, peekLength) }
        let result = Self.decode(base, count, at: i)
        peekPosition = i
        peekScalar = result.0
        peekLength = result.1
        return result
    }

    @inline(__always)
    static func decode(_ base: UnsafePointer<UInt8>, _ count: Int, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(base[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xC2 { return (0, 0) }
        if b0 < 0xE0 {
            guard i + 1 < count else { return (0, 0) }
            let b1 = UInt32(base[i + 1])
            guard b1 & 0xC0 == 0x80 else { return (0, 0) }
            return ((b0 & 0x1F) << 6 | (b1 & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < count else { return (0, 0) }
            let b1 = UInt32(base[i + 1]), b2 = UInt32(base[i + 2])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return (0, 0) }
            if b0 == 0xE0, b1 < 0xA0 { return (0, 0) }  // overlong
            if b0 == 0xED, b1 >= 0xA0 { return (0, 0) }  // surrogate (CESU-8)
            return ((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard i + 3 < count else { return (0, 0) }
            let b1 = UInt32(base[i + 1]), b2 = UInt32(base[i + 2]), b3 = UInt32(base[i + 3])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return (0, 0) }
            if b0 == 0xF0, b1 < 0x90 { return (0, 0) }  // overlong
            if b0 == 0xF4, b1 >= 0x90 { return (0, 0) }  // > U+10FFFF
            return ((b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F), 4)
        }
        return (0, 0)
    }

    // MARK: - Normalization

    /// NFKC + lower case of a scalar that has no combining marks after it. Returns nil when the scalar is
    /// absent (zero-width) or when its normalization was queued (several scalars, or via Foundation).
    @inline(__always)
    private mutating func normalizeSingle(_ s: UInt32, _ start: Int, _ end: Int) -> UInt32? {
        if s < 0x80 { return UInt32(Tokenizer.asciiLower(UInt8(s))) }
        switch s {
        // Stable under NFKC and caseless: the bulk of Japanese, Chinese and Korean text.
        case 0x3041...0x3096, 0x309D...0x309E, 0x30A1...0x30FE, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
            0x3001...0x3035, 0x303B...0x303F, 0x3400...0x4DBF:
            return s
        case 0x3000, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F:
            return 0x20
        case 0x2028, 0x2029:
            return 0x0A
        case 0x2024:
            return 0x2E  // one dot leader → "."
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF, 0x00AD, 0xFE00...0xFE0F:
            return nil
        // General punctuation, arrows, technical symbols, box drawing, dingbats, emoji: separators.
        // (A few of these decompose under NFKC, but only into other separators.)
        case 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x23FF, 0x2500...0x27BF, 0x2B00...0x2BFF,
            0x1F000...0x1F0FF, 0x1F300...0x1FAFF:
            return s
        // Full-width ASCII.
        case 0xFF01...0xFF5E:
            return UInt32(Tokenizer.asciiLower(UInt8(s - 0xFEE0)))
        // Half-width katakana.
        case 0xFF66...0xFF9D:
            return Tokenizer.halfwidthKatakana(s)
        case 0xFF9E, 0xFF9F:
            return nil  // a stray half-width voiced mark becomes a combining mark: absent
        case 0xFF00, 0xFF5F...0xFF65, 0xFFE0...0xFFEF:
            return s  // separators
        // Latin-1, Greek and Cyrillic upper case: +0x20 (+0x50) is exactly their NFKC + lower case.
        case 0x00C0...0x00D6, 0x00D8...0x00DE, 0x0391...0x03A1, 0x03A3...0x03A9, 0x0410...0x042F:
            return s + 0x20
        case 0x0400...0x040F:
            return s + 0x50
        case 0x03C2:
            return 0x03C3  // final sigma folds to σ, as Σ does
        case 0x00DF...0x00F6, 0x00F8...0x00FF, 0x03AC...0x03CE, 0x0430...0x045F:
            return s
        default:
            switch Self.lookUpNormalization(s) {
            case .ignorable:
                return nil
            case .changes:
                cluster[0] = s
                foldWithFoundation(1, start, end)
                return nil
            case .stable:
                return s
            }
        }
    }

    /// True when `next` belongs to the same normalization cluster as `previous`: a combining mark, a
    /// half-width voiced mark after half-width katakana, or a conjoining Hangul vowel/final.
    @inline(__always)
    static func continues(_ previous: UInt32, _ next: UInt32) -> Bool {
        switch next {
        case 0x0300...0x036F, 0x3099, 0x309A:
            return true
        case 0xFF9E, 0xFF9F:
            return (0xFF66...0xFF9D).contains(previous)
        case 0x1161...0x1175:
            return (0x1100...0x1112).contains(previous)
        case 0x11A8...0x11C2:
            return (0x1161...0x1175).contains(previous) || isLVSyllable(previous)
        case 0x3000...0x9FFF, 0xAC00...0xD7A3, 0xFF00...0xFFEF, 0xFE00...0xFE0F, 0x2000...0x2BFF,
            0x1F000...0x1FAFF, 0xE0000...0xE0FFF:
            return false
        default:
            return isCombiningMark(next)
        }
    }

    @inline(__always)
    static func isLVSyllable(_ s: UInt32) -> Bool {
        s >= 0xAC00 && s <= 0xD7A3 && (s - 0xAC00) % 28 == 0
    }

    /// Collects a base scalar and the marks that follow it, then normalizes the whole cluster.
    private mutating func gatherCluster(_ first: UInt32, start: Int, next: UInt32, at nextStart: Int, length: Int) {
        cluster[0] = first
        var k = 1
        var current = next
        var currentLength = length
        var p = nextStart
        while true {
            if k < Self.clusterCapacity {
                cluster[k] = current
                k += 1
            }
            p += currentLength
            guard p < count, base[p] >= 0xCC else { break }
            let (following, followingLength) = decode(at: p)
            guard followingLength > 0, Self.continues(current, following) else { break }
            current = following
            currentLength = followingLength
        }
        position = p
        normalizeCluster(k, start, p)
    }

    private mutating func normalizeCluster(_ k: Int, _ start: Int, _ end: Int) {
        let c0 = cluster[0]
        if k == 2, (0xFF66...0xFF9D).contains(c0) {
            // ｶﾞ → ガ; a mark that does not compose (ｱﾞ) would be a stray combining mark: dropped.
            enqueue(Tokenizer.halfwidthKatakana(c0, mark: cluster[1]), start, end)
            return
        }
        if (0x1100...0x1112).contains(c0), (0x1161...0x1175).contains(cluster[1]) {
            let lv = 0xAC00 + ((c0 - 0x1100) * 21 + (cluster[1] - 0x1161)) * 28
            if k == 2 {
                enqueue(lv, start, end)
                return
            }
            if k == 3, (0x11A8...0x11C2).contains(cluster[2]) {
                enqueue(lv + cluster[2] - 0x11A7, start, end)
                return
            }
        }
        if k == 2, Self.isLVSyllable(c0), (0x11A8...0x11C2).contains(cluster[1]) {
            enqueue(c0 + cluster[1] - 0x11A7, start, end)
            return
        }
        foldWithFoundation(k, start, end)
    }

    @inline(__always)
    private mutating func enqueue(_ value: UInt32, _ start: Int, _ end: Int) {
        queue[0] = value
        queueHead = 0
        queueCount = 1
        queueStart = start
        queueEnd = end
    }

    /// The slow path: NFKC then lower case of `cluster[0..<k]` by Foundation, queued.
    private mutating func foldWithFoundation(_ k: Int, _ start: Int, _ end: Int) {
        queueHead = 0
        queueStart = start
        queueEnd = end
        // One scalar, or a base and one mark: look in the memo first.
        var slot: UnsafeMutablePointer<CacheEntry>? = nil
        var key: UInt64 = 0
        if k <= 2 {
            key = k == 1 ? UInt64(cluster[0]) : UInt64(cluster[0]) | UInt64(cluster[1]) << 21 | 1 << 62
            if !cacheReady {
                for index in 0..<Self.cacheCapacity {
                    (cache + index).initialize(to: CacheEntry(key: .max, count: 0, values: (0, 0, 0, 0)))
                }
                cacheReady = true
            }
            let entry = cache + Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 58)
            if entry.pointee.key == key {
                let values = entry.pointee.values
                queue[0] = values.0
                queue[1] = values.1
                queue[2] = values.2
                queue[3] = values.3
                queueCount = Int(entry.pointee.count)
                return
            }
            slot = entry
        }
        var view = String.UnicodeScalarView()
        for index in 0..<k {
            if let scalar = Unicode.Scalar(cluster[index]) { view.append(scalar) }
        }
        // NFC again after NFKC: Foundation on Linux leaves marks that came from compatibility characters
        // uncomposed (`ｶﾞ` → `カ` U+3099).
        let folded = String(view).precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
            .lowercased()
        var n = 0
        for scalar in folded.unicodeScalars where n < Self.queueCapacity {
            queue[n] = scalar.value == 0x03C2 ? 0x03C3 : scalar.value  // final sigma → σ
            n += 1
        }
        queueCount = n
        if let slot, n <= 4 {
            slot.pointee = CacheEntry(
                key: key, count: UInt32(n), values: (queue[0], queue[1], queue[2], queue[3]))
        }
    }

    // MARK: - Unicode property look-ups
    // Kept out of line: `Unicode.Scalar.Properties` is a resilient type, and using it inline would make
    // every call of `next` fetch its metadata, even for ASCII.

    enum NormalizationLookUp { case stable, changes, ignorable }

    @inline(never)
    static func lookUpNormalization(_ s: UInt32) -> NormalizationLookUp {
        guard let scalar = Unicode.Scalar(s) else { return .ignorable }
        let properties = scalar.properties
        if properties.isDefaultIgnorableCodePoint { return .ignorable }
        // Cherokee upper case folds to itself under NFKC_Casefold but lower-cases: check both.
        if properties.changesWhenNFKCCaseFolded || properties.changesWhenLowercased { return .changes }
        return .stable
    }

    @inline(never)
    static func isCombiningMark(_ s: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(s) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The class of a normalized scalar outside the ranges `produce` knows; nil when absent.
    @inline(never)
    static func lookUpKind(_ v: UInt32) -> NormalizedChar.Kind? {
        guard let scalar = Unicode.Scalar(v) else { return nil }
        let properties = scalar.properties
        if properties.isDefaultIgnorableCodePoint { return nil }
        if properties.isWhitespace { return .space }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return .word
        case .nonspacingMark, .spacingMark:
            return .mark
        case .enclosingMark:
            return nil  // keycaps, circles: absent (`1️⃣` → `1`)
        default:
            return .separator
        }
    }

    // MARK: - Classification

    /// Classifies a normalized scalar into `c`; false when it is absent (default-ignorable).
    @inline(__always)
    private mutating func produce(_ v: UInt32, _ start: Int, _ end: Int, _ c: inout NormalizedChar) -> Bool {
        var value = v
        let kind: NormalizedChar.Kind
        if v < 0x80 {
            kind = Tokenizer.asciiKind(UInt8(v))
        } else {
            switch v {
            case 0x3041...0x3096, 0x309D...0x309F:
                kind = .hiragana
            case 0x30FC:
                kind = .choon
            case 0x30A1...0x30FA, 0x30FD...0x30FF, 0x31F0...0x31FF:
                kind = .katakana
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3005...0x3007, 0x303B, 0xF900...0xFAFF, 0x20000...0x3FFFF:
                kind = .han
            case 0xAC00...0xD7A3, 0x1100...0x115E, 0x1161...0x11FF, 0x3131...0x3163, 0x3165...0x318E,
                0xA960...0xA97F, 0xD7B0...0xD7FF:
                kind = .hangul
            case 0x2015, 0x2500, 0x2501:
                // Prolonged sound mark written with a dash or a box-drawing line, after kana.
                if lastKind == .katakana || lastKind == .hiragana || lastKind == .choon {
                    kind = .choon
                    value = 0x30FC
                } else {
                    kind = .separator
                }
            case 0x2014, 0x2212:
                // Em dash / minus sign: a prolonged sound mark only between katakana.
                if lastKind == .katakana || lastKind == .choon, nextIsKatakana() {
                    kind = .choon
                    value = 0x30FC
                } else {
                    kind = .separator
                }
            case 0x00DF...0x00F6, 0x00F8...0x024F, 0x03AC...0x03CE, 0x0430...0x045F:
                kind = .word
            case 0x3099, 0x309A, 0x302A...0x302F:
                kind = .mark
            case 0x3000...0x303F, 0x309B, 0x309C, 0x30A0, 0x30FB, 0xFF00...0xFFEF, 0x2010...0x205E,
                0x2190...0x23FF, 0x2500...0x27BF, 0x2B00...0x2BFF, 0x1F000...0x1F0FF, 0x1F300...0x1FAFF:
                kind = .separator
            default:
                guard let looked = Self.lookUpKind(v) else { return false }
                kind = looked
            }
        }
        c.scalar = value
        c.kind = kind
        c.start = start
        c.end = end
        lastKind = kind
        return true
    }

    /// Whether the source character at the current position is a (full- or half-width) katakana letter.
    private mutating func nextIsKatakana() -> Bool {
        guard position < count else { return false }
        let (s, length) = decode(at: position)
        guard length > 0 else { return false }
        return (0x30A1...0x30FA).contains(s) || (0xFF66...0xFF6F).contains(s) || (0xFF71...0xFF9D).contains(s)
    }
}
