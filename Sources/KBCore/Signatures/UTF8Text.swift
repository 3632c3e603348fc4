/// Byte-level helpers shared by the signature scanners.
///
/// Everything in `Signatures/` scans UTF-8 code units by hand instead of using
/// `NSRegularExpression` or `Character` iteration, so that triage of a large CI
/// log stays fast. ASCII decisions are made on bytes; the few non-ASCII
/// decisions (letters, quotes, CJK) decode one scalar at a time.
enum UTF8Text {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
    @inline(__always) static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: "_") }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    @inline(__always) static func isLowerHex(_ b: UInt8) -> Bool { isDigit(b) || b &- 0x61 < 6 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

    /// Whether `lit` (lower-case ASCII) occurs at `i`, ignoring ASCII case.
    @inline(__always)
    static func matches(_ s: Bytes, _ i: Int, _ end: Int, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard i >= 0, end - i >= n else { return false }
        let p = lit.utf8Start
        var k = 0
        while k < n {
            if lower(s[i + k]) != p[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether `lit` occurs at `i`, byte for byte (case-sensitive).
    @inline(__always)
    static func matchesExactly(_ s: Bytes, _ i: Int, _ end: Int, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard i >= 0, end - i >= n else { return false }
        let p = lit.utf8Start
        var k = 0
        while k < n {
            if s[i + k] != p[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether the range `[start, end)` equals `lit` (lower-case ASCII), ignoring ASCII case.
    @inline(__always)
    static func equals(_ s: Bytes, _ start: Int, _ end: Int, _ lit: StaticString) -> Bool {
        end - start == lit.utf8CodeUnitCount && matches(s, start, end, lit)
    }

    /// First index of `lit` (lower-case ASCII) in `[from, end)`, ignoring ASCII case.
    static func find(_ s: Bytes, _ from: Int, _ end: Int, _ lit: StaticString) -> Int? {
        let n = lit.utf8CodeUnitCount
        guard n > 0, end - from >= n else { return nil }
        let first = lit.utf8Start[0]
        var i = from
        let last = end - n
        while i <= last {
            if lower(s[i]) == first && matches(s, i, end, lit) { return i }
            i += 1
        }
        return nil
    }

    /// Decodes the scalar starting at `i`. Invalid input decodes as U+FFFD of length 1.
    @inline(__always)
    static func decode(_ s: Bytes, _ i: Int, _ end: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b0 = s[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        var length = 0
        var value: UInt32 = 0
        if b0 & 0xE0 == 0xC0 {
            length = 2
            value = UInt32(b0 & 0x1F)
        } else if b0 & 0xF0 == 0xE0 {
            length = 3
            value = UInt32(b0 & 0x0F)
        } else if b0 & 0xF8 == 0xF0 {
            length = 4
            value = UInt32(b0 & 0x07)
        } else {
            return ("\u{FFFD}", 1)
        }
        guard i + length <= end else { return ("\u{FFFD}", 1) }
        var k = 1
        while k < length {
            let b = s[i + k]
            guard b & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(b & 0x3F)
            k += 1
        }
        guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", length) }
        return (scalar, length)
    }

    /// Whether a scalar belongs inside a word: ASCII letters, digits and `_`, and any
    /// non-ASCII letter, digit or combining mark.
    @inline(__always)
    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return isWord(UInt8(u.value)) }
        let p = u.properties
        if p.isAlphabetic || p.numericType != nil { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether a scalar is written in Chinese, Japanese or Korean script, whose words
    /// are not separated by spaces and are therefore indexed as character bigrams.
    @inline(__always)
    static func isCJK(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x11FF,  // Hangul Jamo
            0x2E80...0x2FDF,  // CJK radicals
            0x3005...0x3007,  // 々 〆 〇
            0x3040...0x309F,  // Hiragana
            0x30A0...0x30FF,  // Katakana
            0x3130...0x318F,  // Hangul compatibility Jamo
            0x31F0...0x31FF,  // Katakana phonetic extensions
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xA960...0xA97F,  // Hangul Jamo extended A
            0xAC00...0xD7AF,  // Hangul syllables
            0xD7B0...0xD7FF,  // Hangul Jamo extended B
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFF66...0xFF9F,  // half-width Katakana
            0xFFA0...0xFFDC,  // half-width Hangul
            0x20000...0x3134F:  // CJK extensions B–G
            return true
        default:
            return false
        }
    }

    /// Whether a non-ASCII scalar should be read as a space.
    @inline(__always)
    static func isUnicodeSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Whether a non-ASCII scalar is invisible and should be dropped (zero-width
    /// characters and the byte order mark).
    @inline(__always)
    static func isInvisible(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// Whether any byte is outside ASCII.
    @inline(__always)
    static func hasNonASCII(_ s: Bytes) -> Bool {
        for b in s where b >= 0x80 { return true }
        return false
    }

    /// Lower-cases the bytes of `[start, end)` into `out`. ASCII is lowered byte by
    /// byte; a range with non-ASCII text goes through `String.lowercased()`.
    static func appendLowercased(_ s: Bytes, _ start: Int, _ end: Int, to out: inout [UInt8]) {
        var ascii = true
        var i = start
        while i < end {
            if s[i] >= 0x80 {
                ascii = false
                break
            }
            i += 1
        }
        if ascii {
            i = start
            while i < end {
                out.append(lower(s[i]))
                i += 1
            }
        } else {
            let string = String(decoding: UnsafeBufferPointer(rebasing: s[start..<end]), as: UTF8.self)
            out.append(contentsOf: string.lowercased().utf8)
        }
    }

    /// A `String` holding `[start, end)`.
    @inline(__always)
    static func string(_ s: Bytes, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: s[start..<end]), as: UTF8.self)
    }

    /// The largest index `<= limit` that does not split a UTF-8 sequence.
    @inline(__always)
    static func characterBoundary(_ s: Bytes, atMost limit: Int) -> Int {
        var i = min(limit, s.count)
        while i > 0 && i < s.count && s[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }
}
