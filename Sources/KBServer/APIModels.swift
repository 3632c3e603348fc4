import Foundation
import KBCore

/// `POST /api/v1/search` as JSON. Every member is optional; `q` missing or empty is a 422.
struct SearchBody: Decodable {
    var q: String?
    var lang: String?
    var onlyLang: String?
    var tags: [String]?
    var limit: Int?
    var offset: Int?
}

/// `POST /api/v1/help` as JSON.
struct HelpBody: Decodable {
    var error: String?
    var lang: String?
}

/// `GET /api/v1/articles/{lang}/{slug}`.
public struct ArticleResponse: Codable, Sendable, Hashable {
    public var slug: String
    public var lang: String
    public var title: String
    public var summary: String
    public var tags: [ArticleDetail.TagRef]
    public var date: String?
    public var updated: String?
    public var author: String?
    public var draft: Bool
    public var path: String
    public var bodyMarkdown: String
    /// The body rendered to HTML and sanitized (no scripts, event handlers or `javascript:` URLs).
    public var bodyHtml: String
    public var signatures: [ArticleDetail.SignatureRef]
    public var translations: [TranslationRef]

    init(_ article: ArticleDetail, bodyHtml: String) {
        slug = article.slug
        lang = article.lang
        title = article.title
        summary = article.summary
        tags = article.tags
        date = article.date
        updated = article.updated
        author = article.author
        draft = article.draft
        path = article.path
        bodyMarkdown = article.body
        self.bodyHtml = bodyHtml
        signatures = article.signatures
        translations = article.translations
    }

    // Missing dates and author are `null`, not absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slug, forKey: .slug)
        try container.encode(lang, forKey: .lang)
        try container.encode(title, forKey: .title)
        try container.encode(summary, forKey: .summary)
        try container.encode(tags, forKey: .tags)
        try container.encode(date, forKey: .date)
        try container.encode(updated, forKey: .updated)
        try container.encode(author, forKey: .author)
        try container.encode(draft, forKey: .draft)
        try container.encode(path, forKey: .path)
        try container.encode(bodyMarkdown, forKey: .bodyMarkdown)
        try container.encode(bodyHtml, forKey: .bodyHtml)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(translations, forKey: .translations)
    }
}

/// `GET /api/v1/tags/{tag}`: a page of the articles with a tag.
public struct TagArticlesResponse: Codable, Sendable, Hashable {
    public var tag: String
    /// The language the list is restricted to (after falling back to English), or nil for all languages.
    public var lang: String?
    public var total: Int
    public var limit: Int
    public var offset: Int
    /// The offset of the next page, or nil on the last page.
    public var nextOffset: Int?
    public var results: [ArticleList.Item]

    // `lang` and `nextOffset` are `null`, not absent, when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tag, forKey: .tag)
        try container.encode(lang, forKey: .lang)
        try container.encode(total, forKey: .total)
        try container.encode(limit, forKey: .limit)
        try container.encode(offset, forKey: .offset)
        try container.encode(nextOffset, forKey: .nextOffset)
        try container.encode(results, forKey: .results)
    }
}

/// `GET|POST /api/v1/help`: the engine's `HelpResponse` with `match` always present (`null` when nothing is good enough).
struct HelpPayload: Encodable {
    var response: HelpResponse

    enum CodingKeys: String, CodingKey { case match, confidence, alternatives }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(response.match, forKey: .match)
        try container.encode(response.confidence, forKey: .confidence)
        try container.encode(response.alternatives, forKey: .alternatives)
    }
}

/// `GET /healthz` and `GET /readyz`.
public struct HealthResponse: Codable, Sendable, Hashable {
    public var status: String
}
