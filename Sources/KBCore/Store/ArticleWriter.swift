import Foundation

/// Writes articles, their tags and signatures inside the ingester's transaction.
struct ArticleWriter {
    let db: Database

    init(_ db: Database) throws { self.db = db }

    /// When the tokenizer changed since the index was built, rebuild the full-text index first
    /// (deleting rows through a different tokenizer would corrupt it).
    func prepareTokenizer() throws {
        let stored = try Meta.get("tokenizer_version", in: db)
        if stored != String(FTS5Tokenizer.version) {
            if stored != nil { try db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')") }
            try Meta.set("tokenizer_version", String(FTS5Tokenizer.version), in: db)
        }
    }

    func delete(id: Int64) throws {
        try db.statement("DELETE FROM articles WHERE id = ?1").run([.integer(id)])
    }

    /// Columns of `articles` written by `insert`, in binding order.
    static let columns = [
        "id", "lang", "slug", "title", "summary", "body_markdown", "body_text", "tags_text", "source_path", "content_hash",
        "date", "updated", "author", "draft", "translation_key",
    ]

    func insert(_ a: Article) throws {
        try insert([a])
    }

    /// The texts of an article that `articles_fts` indexes (title, tags, summary, body), as `insert` stores them.
    static func indexedTexts(of a: Article) -> [String] {
        [a.title, tagsText(a), a.summary, a.bodyText]
    }

    static func tagsText(_ a: Article) -> String { a.tags.map(\.name).joined(separator: ", ") }

    /// The tokens of `indexedTexts(of: a)`, computed ahead of `insert` (on another thread) to spare the writer.
    static func pretokenize(_ a: Article) -> [PretokenizedText] {
        indexedTexts(of: a).filter { !$0.isEmpty }.map { PretokenizedText(document: $0) }
    }

    /// Inserts `articles` in order with one multi-row statement, then their tags and signatures.
    ///
    /// One statement for many rows matters for the full-text index: SQLite opens a statement savepoint for every
    /// `INSERT INTO articles` (its trigger writes to `articles_fts`), and FTS5 flushes its pending terms to a new
    /// segment at every savepoint, so row-by-row inserts write one tiny segment per article and spend most of the
    /// write time merging them. The ids are given explicitly as SQLite would pick them (one more than the largest),
    /// so the rows are exactly those of inserting one by one.
    ///
    /// `pretokenized` are tokens of the articles' indexed texts computed ahead (see `pretokenize`): the full-text
    /// index takes them instead of tokenizing those texts again (any text not among them is tokenized as usual).
    func insert(_ articles: [Article], pretokenized: [PretokenizedText] = []) throws {
        guard !articles.isEmpty else { return }
        guard pretokenized.isEmpty else {
            return try PretokenizedSet(pretokenized).withCurrent { try insert(articles) }
        }
        let last = try db.statement("SELECT max(id) FROM articles").first { $0.isNull(0) ? 0 : $0.int64(0) } ?? 0
        guard last < Int64.max - Int64(articles.count) else {
            // SQLite picks random ids past the largest possible one: let it.
            for a in articles { try insertRows([a], firstID: nil) }
            return
        }
        try insertRows(articles, firstID: last + 1)
    }

    private func insertRows(_ articles: [Article], firstID: Int64?) throws {
        let columns = firstID == nil ? Array(Self.columns.dropFirst()) : Self.columns
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let statement = try db.statement(
            "INSERT INTO articles (\(columns.joined(separator: ", "))) VALUES " + Array(repeating: row, count: articles.count).joined(separator: ", "))
        var index: Int32 = 1
        func bind(_ value: SQLValue) {
            statement.bind(value, at: index)
            index += 1
        }
        for (k, a) in articles.enumerated() {
            if let firstID { bind(.integer(firstID + Int64(k))) }
            bind(.text(a.lang))
            bind(.text(a.slug))
            bind(.text(a.title))
            bind(.text(a.summary))
            bind(.text(a.bodyMarkdown))
            bind(.text(a.bodyText))
            bind(.text(Self.tagsText(a)))
            bind(.text(a.sourcePath))
            bind(.text(a.contentHash))
            bind(.optional(a.date))
            bind(.optional(a.updated))
            bind(.optional(a.author))
            bind(.int(a.isDraft ? 1 : 0))
            bind(.text(a.translationKey))
        }
        try statement.run()
        let ids = firstID.map { first in articles.indices.map { first + Int64($0) } } ?? [db.lastInsertRowID]
        let insertSignature = try db.statement(
            "INSERT INTO article_signatures (article_id, raw, signature, hash, tokens, clues, source, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        for (id, a) in zip(ids, articles) {
            for tag in a.tags {
                try db.statement("INSERT INTO tags (key, name) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING").run([.text(tag.key), .text(tag.name)])
                try db.statement("INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT ?1, id FROM tags WHERE key = ?2")
                    .run([.integer(id), .text(tag.key)])
            }
            for e in a.errors {
                try insertSignature.run([
                    .integer(id), .text(e.raw), .text(e.signature.text), .integer(Int64(bitPattern: e.signature.hash)),
                    .text(e.signature.tokens.joined(separator: " ")), .text(e.signature.clues.joined(separator: " ")),
                    .text(e.source.rawValue), .int(e.line),
                ])
            }
        }
    }

    /// Drops unused tags, bumps the generation readers watch, and merges the index segments after bulk loads.
    func finish(bulk: Bool) throws {
        try db.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)")
        let generation = Int(try Meta.get("generation", in: db) ?? "0") ?? 0
        try Meta.set("generation", String(generation + 1), in: db)
        try Meta.set("signature_version", String(ErrorSignature.version), in: db)
        if bulk { try db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')") }
    }
}

/// Small key/value facts about the database (generation, versions).
enum Meta {
    static func get(_ key: String, in db: Database) throws -> String? {
        try db.statement("SELECT value FROM meta WHERE key = ?1").first([.text(key)]) { $0.string(0) }
    }
    static func set(_ key: String, _ value: String, in db: Database) throws {
        try db.statement("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .run([.text(key), .text(value)])
    }
}
