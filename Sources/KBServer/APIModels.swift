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
}

/// `GET /healthz` and `GET /readyz`.
public struct HealthResponse: Codable, Sendable, Hashable {
    public var status: String
}
