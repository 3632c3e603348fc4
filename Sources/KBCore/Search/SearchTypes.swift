import Foundation

/// What a search asks for. `text` may be a few words, an error message, a stack trace or a whole CI log.
public struct SearchRequest: Sendable, Hashable {
    public var text: String
    /// The reader's language: articles in it come first when about as good; others still appear.
    public var lang: String?
    /// Restricts results to one language.
    public var onlyLang: String?
    /// Restricts results to articles carrying every one of these tags (keys or display names).
    public var tags: [String]
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 100

    public init(text: String, lang: String? = nil, onlyLang: String? = nil, tags: [String] = [], limit: Int = 10, offset: Int = 0) {
        self.text = text
        self.lang = lang
        self.onlyLang = onlyLang
        self.tags = tags
        self.limit = limit
        self.offset = offset
    }
}

/// The JSON contract shared by `kb search --json` and the HTTP API.
public struct SearchResponse: Sendable, Codable, Hashable {
    public var query: String
    public var total: Int
    public var results: [SearchResult]
}

public struct SearchResult: Sendable, Codable, Hashable {
    public var slug: String
    public var lang: String
    public var title: String
    public var summary: String
    /// Plain text around the matched terms, with matches wrapped in `[` … `]`-free marks: see `snippetSegments`.
    public var snippet: String
    /// The snippet as segments, for clients that render highlights themselves.
    public var snippetSegments: [SnippetSegment]
    public var tags: [String]
    public var score: Double
    public var path: String
    public var translations: [TranslationRef]
    /// Why it matched: the input line, the article's signature, and how.
    public var matched: [MatchReason]
}

public struct SnippetSegment: Sendable, Codable, Hashable {
    public var text: String
    public var highlight: Bool
    public init(text: String, highlight: Bool) {
        self.text = text
        self.highlight = highlight
    }
}

public struct TranslationRef: Sendable, Codable, Hashable {
    public var lang: String
    public var slug: String
    public var title: String
}

public struct MatchReason: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case exact, partial, text }
    /// The input line (for signature matches) or the query terms that matched (for text matches).
    public var line: String
    /// The article's signature (for signature matches).
    public var signature: String?
    public var kind: Kind
}

/// Errors of a search request itself (not of the store).
public struct SearchError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: String, Sendable { case invalidLimit, invalidOffset, invalidLanguage, emptyQuery, inputTooLarge }
    public var code: Code
    public var message: String
    public var description: String { message }
}
