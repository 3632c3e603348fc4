import Foundation
import KBCore

/// What the HTTP API reads from: a kb database in production (`SQLiteKnowledgeBase`), a stub in tests that need
/// errors or timing the database cannot produce on demand.
public protocol KnowledgeBase: Sendable {
    func search(_ request: SearchRequest) async throws -> SearchResponse
    func help(error text: String, lang: String?) async throws -> HelpResponse
    /// The article `lang/slug`, or nil.
    func article(lang: String, slug: String) async throws -> ArticleDetail?
    /// The languages in which an article with this slug exists (for a helpful 404).
    func languages(ofSlug slug: String) async throws -> [String]
    func tags(lang: String?) async throws -> [TagCount]
    /// The articles with `tag`, or nil when no such tag exists.
    func articles(tag: String, lang: String?, limit: Int, offset: Int) async throws -> ArticleList?
    /// True when the database is open and has at least one searchable article.
    func isReady() async throws -> Bool
}

/// The knowledge base of a kb database: a `SearchEngine` (read-only WAL connections, each query under a time budget)
/// whose blocking calls run on `ReaderThreads`.
public struct SQLiteKnowledgeBase: KnowledgeBase {
    public let engine: SearchEngine
    public let readers: ReaderThreads

    public init(engine: SearchEngine, readers: ReaderThreads) {
        self.engine = engine
        self.readers = readers
    }

    public func search(_ request: SearchRequest) async throws -> SearchResponse {
        try await readers.execute { [engine] in try engine.search(request) }
    }

    public func help(error text: String, lang: String?) async throws -> HelpResponse {
        try await readers.execute { [engine] in try engine.help(error: text, lang: lang) }
    }

    public func article(lang: String, slug: String) async throws -> ArticleDetail? {
        try await readers.execute { [engine] in try engine.article(lang: lang, slug: slug) }
    }

    public func languages(ofSlug slug: String) async throws -> [String] {
        try await readers.execute { [engine] in try engine.languages(ofSlug: slug) }
    }

    public func tags(lang: String?) async throws -> [TagCount] {
        try await readers.execute { [engine] in try engine.tags(lang: lang) }
    }

    public func articles(tag: String, lang: String?, limit: Int, offset: Int) async throws -> ArticleList? {
        try await readers.execute { [engine] in try engine.articles(tag: tag, lang: lang, limit: limit, offset: offset) }
    }

    public func isReady() async throws -> Bool {
        try await readers.execute { [engine] in try engine.isIndexed() }
    }
}
