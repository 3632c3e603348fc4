// Character tables of the tokenizer: ASCII classes, half-width katakana, UTF-8 encoding.

extension Tokenizer {
    // ASCII classes as 128-bit masks (bit n of lo = byte n, bit n of hi = byte 64 + n).
    // Literal constants: no lazy global initialization on the hot path.
    /// Digits.
    private static let wordLo: UInt64 = 0x03FF_0000_0000_0000
    /// `A`–`Z`, `a`–`z`.
    private static let wordHi: UInt64 = 0x07FF_FFFE_07FF_FFFE
    /// `-` (45), `.` (46), `:` (58).
    private static let joinerLo: UInt64 = (1 << 45) | (1 << 46) | (1 << 58)
    /// `_` (95).
    private static let joinerHi: UInt64 = 1 << 31
    /// Tab, line feed, vertical tab, form feed, carriage return, space.
    private static let spaceLo: UInt64 = (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 32)

    /// Class of an ASCII byte (`b < 0x80`); NUL and other controls are separators.
    @inline(__always)
    static func asciiKind(_ b: UInt8) -> NormalizedChar.Kind {
        let bit: UInt64 = 1 &<< UInt64(b & 63)
        if b < 64 {
            if wordLo & bit != 0 { return .word }
            if spaceLo & bit != 0 { return .space }
            if joinerLo & bit != 0 { return .joiner }
        } else {
            if wordHi & bit != 0 { return .word }
            if joinerHi & bit != 0 { return .joiner }
        }
        return .separator
    }

    /// ASCII lower case.
    @inline(__always)
    static func asciiLower(_ b: UInt8) -> UInt8 {
        b &- 0x41 < 26 ? b | 0x20 : b
    }

    /// NFKC of the half-width katakana U+FF66–U+FF9D (full-width katakana; `ｰ` → `ー`).
    private static let halfwidthTable: [UInt16] = [
        0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2,
        0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9,
        0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE,
        0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6,
        0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3,
    ]

    /// Full-width form of a half-width katakana U+FF66–U+FF9D.
    @inline(__always)
    static func halfwidthKatakana(_ s: UInt32) -> UInt32 {
        UInt32(halfwidthTable[Int(s - 0xFF66)])
    }

    /// Full-width form of a half-width katakana followed by `ﾞ` (U+FF9E) or `ﾟ` (U+FF9F), composed
    /// as NFKC composes it (`ｶﾞ` → `ガ`, `ﾊﾟ` → `パ`, `ｳﾞ` → `ヴ`); the bare base when nothing composes.
    static func halfwidthKatakana(_ s: UInt32, mark: UInt32) -> UInt32 {
        let full = halfwidthKatakana(s)
        if mark == 0xFF9E {
            switch full {
            case 0x30AB...0x30C2 where (full - 0x30AB) % 2 == 0: return full + 1  // カ…チ
            case 0x30C4, 0x30C6, 0x30C8: return full + 1  // ツ テ ト
            case 0x30CF...0x30DD where (full - 0x30CF) % 3 == 0: return full + 1  // ハ…ホ
            case 0x30A6: return 0x30F4  // ヴ
            case 0x30EF: return 0x30F7  // ヷ
            case 0x30F2: return 0x30FA  // ヺ
            default: return full
            }
        }
        if mark == 0xFF9F, (0x30CF...0x30DD).contains(full), (full - 0x30CF) % 3 == 0 {
            return full + 2  // パ…ポ
        }
        return full
    }

    /// Writes the UTF-8 encoding of a valid scalar to `p`; returns its length.
    @inline(__always)
    static func encodeUTF8(_ v: UInt32, _ p: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 0x80 {
            p[0] = UInt8(truncatingIfNeeded: v)
            return 1
        }
        if v < 0x800 {
            p[0] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6))
            p[1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
            return 2
        }
        if v < 0x10000 {
            p[0] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12))
            p[1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
            p[2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
            return 3
        }
        p[0] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18))
        p[1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
        p[2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
        p[3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
        return 4
    }

    /// Length of the UTF-8 encoding of a valid scalar.
    @inline(__always)
    static func utf8Length(_ v: UInt32) -> Int {
        v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
    }
}
