import Foundation

/// One article with everything `kb show` and the article API return.
public struct ArticleDetail: Sendable, Codable, Hashable {
    public struct TagRef: Sendable, Codable, Hashable {
        public var tag: String
        public var name: String
    }
    public struct SignatureRef: Sendable, Codable, Hashable {
        public var raw: String
        public var signature: String
        public var source: String
        public var line: Int
    }
    public var slug: String
    public var lang: String
    public var title: String
    public var summary: String
    public var tags: [TagRef]
    public var date: String?
    public var updated: String?
    public var author: String?
    public var draft: Bool
    public var path: String
    public var body: String
    public var translations: [TranslationRef]
    public var signatures: [SignatureRef]
}

/// A tag with its article counts.
public struct TagCount: Sendable, Codable, Hashable {
    public var tag: String
    public var name: String
    public var count: Int
    /// Articles per language.
    public var langs: [String: Int]
}

/// A page of articles (for tag listings).
public struct ArticleList: Sendable, Codable, Hashable {
    public struct Item: Sendable, Codable, Hashable {
        public var slug: String
        public var lang: String
        public var title: String
        public var summary: String
        public var date: String?
    }
    public var total: Int
    public var results: [Item]
}

/// Counts about a database.
public struct StoreStats: Sendable, Codable, Hashable {
    public var articles: Int
    public var drafts: Int
    public var languages: [String: Int]
    public var tags: Int
    public var signatures: Int
    public var translationGroups: Int
    public var learnedTerms: Int
    public var generation: String
    public var bytes: Int
}

extension SearchEngine {
    /// The article `lang/slug` (slug compared case-insensitively), or nil.
    public func article(lang: String, slug: String) throws -> ArticleDetail? {
        try withConnection { db in
            guard
                let (id, key, detail) = try db.statement(
                    "SELECT id, translation_key, slug, lang, title, summary, date, updated, author, draft, source_path, body_markdown FROM articles WHERE lang = ?1 AND slug = ?2"
                ).first([.text(lang.lowercased()), .text(slug)], { row in
                    (
                        row.int64(0), row.string(1),
                        ArticleDetail(
                            slug: row.string(2), lang: row.string(3), title: row.string(4), summary: row.string(5), tags: [], date: row.optionalString(6),
                            updated: row.optionalString(7), author: row.optionalString(8), draft: row.int(9) != 0, path: row.string(10), body: row.string(11),
                            translations: [], signatures: [])
                    )
                })
            else { return nil }
            var out = detail
            out.tags = try db.statement("SELECT t.key, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ?1 ORDER BY t.key")
                .map([.integer(id)]) { ArticleDetail.TagRef(tag: $0.string(0), name: $0.string(1)) }
            out.translations = try translations(key: key, excluding: id, db: db)
            out.signatures = try db.statement("SELECT raw, signature, source, line FROM article_signatures WHERE article_id = ?1 ORDER BY id")
                .map([.integer(id)]) { ArticleDetail.SignatureRef(raw: $0.string(0), signature: $0.string(1), source: $0.string(2), line: $0.int(3)) }
            return out
        }
    }

    /// Every tag with its article counts, optionally only for one language.
    public func tags(lang: String? = nil) throws -> [TagCount] {
        try withConnection { db in
            var byKey: [String: TagCount] = [:]
            try db.statement(
                """
                SELECT t.key, t.name, a.lang, count(*) FROM tags t JOIN article_tags at ON at.tag_id = t.id
                JOIN articles a ON a.id = at.article_id WHERE a.draft = 0 AND (?1 IS NULL OR a.lang = ?1)
                GROUP BY t.id, a.lang
                """
            ).forEach([.optional(lang?.lowercased())]) { row in
                var tag = byKey[row.string(0)] ?? TagCount(tag: row.string(0), name: row.string(1), count: 0, langs: [:])
                tag.count += row.int(3)
                tag.langs[row.string(2)] = row.int(3)
                byKey[tag.tag] = tag
            }
            return byKey.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.tag < $1.tag }
        }
    }

    /// The articles carrying `tag` (key or display name), or nil when no such tag exists.
    public func articles(tag: String, lang: String? = nil, limit: Int = 50, offset: Int = 0) throws -> ArticleList? {
        let key = Tag.key(for: tag)
        return try withConnection { db in
            guard try db.statement("SELECT 1 FROM tags WHERE key = ?1").first([.text(key)], { _ in true }) != nil else { return nil }
            let filter = "FROM articles a JOIN article_tags at ON at.article_id = a.id JOIN tags t ON t.id = at.tag_id WHERE t.key = ?1 AND a.draft = 0 AND (?2 IS NULL OR a.lang = ?2)"
            let total = try db.statement("SELECT count(*) " + filter).first([.text(key), .optional(lang?.lowercased())]) { $0.int(0) } ?? 0
            let items = try db.statement("SELECT a.slug, a.lang, a.title, a.summary, a.date " + filter + " ORDER BY a.title, a.lang LIMIT ?3 OFFSET ?4")
                .map([.text(key), .optional(lang?.lowercased()), .int(limit), .int(offset)]) {
                    ArticleList.Item(slug: $0.string(0), lang: $0.string(1), title: $0.string(2), summary: $0.string(3), date: $0.optionalString(4))
                }
            return ArticleList(total: total, results: items)
        }
    }

    public func stats() throws -> StoreStats {
        try withConnection { db in
            func count(_ sql: String) throws -> Int { try db.statement(sql).first { $0.int(0) } ?? 0 }
            var languages: [String: Int] = [:]
            try db.statement("SELECT lang, count(*) FROM articles WHERE draft = 0 GROUP BY lang").forEach { languages[$0.string(0)] = $0.int(1) }
            let pages = try count("PRAGMA page_count")
            let pageSize = try count("PRAGMA page_size")
            return StoreStats(
                articles: try count("SELECT count(*) FROM articles WHERE draft = 0"),
                drafts: try count("SELECT count(*) FROM articles WHERE draft = 1"),
                languages: languages,
                tags: try count("SELECT count(*) FROM tags"),
                signatures: try count("SELECT count(*) FROM article_signatures"),
                translationGroups: try count("SELECT count(*) FROM (SELECT translation_key FROM articles GROUP BY translation_key HAVING count(DISTINCT lang) > 1)"),
                learnedTerms: try count("SELECT count(*) FROM term_translations"),
                generation: try Meta.get("generation", in: db) ?? "0",
                bytes: pages * pageSize)
        }
    }

    /// True when the database has at least one searchable article.
    public func isIndexed() throws -> Bool {
        try withConnection { db in try db.statement("SELECT 1 FROM articles WHERE draft = 0 LIMIT 1").first { _ in true } ?? false }
    }
}
