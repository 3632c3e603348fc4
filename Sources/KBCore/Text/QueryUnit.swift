/// One searchable unit of a user's query, produced by `QueryAnalyzer`: a word, a compound identifier,
/// a Japanese segment or a Korean stem. The FTS5 query tokenizer (`Tokenizer` in `.query` mode) turns
/// its `text` into one term or, when `tokens` has several entries, one phrase.
public struct QueryUnit: Hashable, Sendable {
    /// The script a unit was taken from.
    public enum Script: Sendable, Hashable {
        /// Latin and other spaced scripts (words, numbers, identifiers).
        case latin
        /// Japanese/Chinese: Han, katakana, hiragana.
        case cjk
        /// Korean.
        case hangul
    }

    /// Normalized text of the unit (NFKC, case-folded): what gets quoted into the FTS5 expression.
    public var text: String
    /// What `Tokenizer.tokenize(text, .query)` yields for it (a phrase when > 1).
    public var tokens: [String]
    public var script: Script
    /// A one-character CJK/Hangul unit: match as prefix (`"権"*`).
    public var isPrefix: Bool

    public init(text: String, tokens: [String], script: Script, isPrefix: Bool) {
        self.text = text
        self.tokens = tokens
        self.script = script
        self.isPrefix = isPrefix
    }
}
