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

    /// `search` rendered to bytes by `render`, reusing an earlier rendering while the index is unchanged.
    func renderedSearch(_ request: SearchRequest, render: @escaping @Sendable (SearchResponse) throws -> [UInt8]) async throws -> ResponseCache.Entry
    /// `help` rendered to bytes by `render`, reusing an earlier rendering while the index is unchanged.
    func renderedHelp(error text: String, lang: String?, render: @escaping @Sendable (HelpResponse) throws -> [UInt8]) async throws
        -> ResponseCache.Entry
}

extension KnowledgeBase {
    public func renderedSearch(_ request: SearchRequest, render: @escaping @Sendable (SearchResponse) throws -> [UInt8]) async throws
        -> ResponseCache.Entry
    {
        let response = try await search(request)
        return ResponseCache.Entry(bytes: try render(response), matched: !response.results.isEmpty)
    }

    public func renderedHelp(error text: String, lang: String?, render: @escaping @Sendable (HelpResponse) throws -> [UInt8]) async throws
        -> ResponseCache.Entry
    {
        let response = try await help(error: text, lang: lang)
        return ResponseCache.Entry(bytes: try render(response), matched: response.match != nil)
    }
}

/// The knowledge base of a kb database: a `SearchEngine` (read-only WAL connections, each query under a time budget)
/// whose blocking calls run on `ReaderThreads`, with rendered searches cached per index generation.
public struct SQLiteKnowledgeBase: KnowledgeBase {
    public let engine: SearchEngine
    public let readers: ReaderThreads
    public let cache: ResponseCache

    public init(engine: SearchEngine, readers: ReaderThreads, cache: ResponseCache = ResponseCache()) {
        self.engine = engine
        self.readers = readers
        self.cache = cache
    }

    public func renderedSearch(_ request: SearchRequest, render: @escaping @Sendable (SearchResponse) throws -> [UInt8]) async throws
        -> ResponseCache.Entry
    {
        let key = cache.key(
            [
                "search", request.lang ?? "", request.onlyLang ?? "", request.tags.joined(separator: "\u{1E}"), String(request.limit),
                String(request.offset),
            ],
            text: request.text)
        return try await rendered(key: key) { [engine] in
            let response = try engine.search(request)
            return ResponseCache.Entry(bytes: try render(response), matched: !response.results.isEmpty)
        }
    }

    public func renderedHelp(error text: String, lang: String?, render: @escaping @Sendable (HelpResponse) throws -> [UInt8]) async throws
        -> ResponseCache.Entry
    {
        let key = cache.key(["help", lang ?? ""], text: text)
        return try await rendered(key: key) { [engine] in
            let response = try engine.help(error: text, lang: lang)
            return ResponseCache.Entry(bytes: try render(response), matched: response.match != nil)
        }
    }

    /// One trip to a reader thread: the cached rendering for the current generation, else `make`'s (then cached).
    /// The generation is read before the search, so an entry is never filed under a newer generation than its data.
    private func rendered(key: String?, _ make: @escaping @Sendable () throws -> ResponseCache.Entry) async throws -> ResponseCache.Entry {
        try await readers.execute { [engine, cache] in
            guard let key else { return try make() }
            let generation = try engine.generation()
            if let hit = cache.entry(key, generation: generation) { return hit }
            let entry = try make()
            cache.store(entry, for: key, generation: generation)
            return entry
        }
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
