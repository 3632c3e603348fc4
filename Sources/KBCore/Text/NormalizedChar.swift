/// One normalized character produced by `TextScanner`: a Unicode scalar after NFKC and case folding,
/// its coarse class, and the byte span of the source text it came from.
///
/// Several normalized characters can share one source span (an NFKC expansion such as `㍿` → `株式会社`),
/// and one normalized character can cover several source characters (`ｶﾞ` → `ガ`, `e` + U+0301 → `é`).
struct NormalizedChar: Sendable {
    /// Coarse class of a normalized character, as the tokenizer and the query analyzer see it.
    enum Kind: UInt8, Sendable {
        /// White space: separates words, and chunks of a query.
        case space
        /// Punctuation, symbols, emoji, control characters and invalid UTF-8 bytes.
        case separator
        /// A letter or digit of a script written with spaces (Latin, Greek, Cyrillic, …).
        case word
        /// A combining mark that did not compose with its base.
        case mark
        /// ASCII `_`, `.`, `:` or `-`, which join identifiers.
        case joiner
        /// Han ideographs, including `々`, `〆`, `〇`.
        case han
        /// Hiragana.
        case hiragana
        /// Katakana (except the prolonged sound mark).
        case katakana
        /// The prolonged sound mark `ー` (after unification of `ｰ`, `―`, `─`, …).
        case choon
        /// Hangul syllables and jamo.
        case hangul

        /// Han, hiragana, katakana or the prolonged sound mark: bigrammed together.
        @inline(__always)
        var isCJK: Bool {
            rawValue >= Kind.han.rawValue && rawValue <= Kind.choon.rawValue
        }
    }

    /// The normalized scalar value (lower-cased, NFKC).
    var scalar: UInt32 = 0
    var kind: Kind = .separator
    /// Byte offset of the first source byte.
    var start: Int = 0
    /// Byte offset just past the last source byte.
    var end: Int = 0
}
