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

    func insert(_ a: Article) throws {
        try db.statement(
            """
            INSERT INTO articles (lang, slug, title, summary, body_markdown, body_text, tags_text, source_path, content_hash,
                                  date, updated, author, draft, translation_key)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """
        ).run([
            .text(a.lang), .text(a.slug), .text(a.title), .text(a.summary), .text(a.bodyMarkdown), .text(a.bodyText),
            .text(a.tags.map(\.name).joined(separator: ", ")), .text(a.sourcePath), .text(a.contentHash),
            .optional(a.date), .optional(a.updated), .optional(a.author), .int(a.isDraft ? 1 : 0), .text(a.translationKey),
        ])
        let id = db.lastInsertRowID
        for tag in a.tags {
            try db.statement("INSERT INTO tags (key, name) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING").run([.text(tag.key), .text(tag.name)])
            try db.statement("INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT ?1, id FROM tags WHERE key = ?2")
                .run([.integer(id), .text(tag.key)])
        }
        let insertSignature = try db.statement(
            "INSERT INTO article_signatures (article_id, raw, signature, hash, tokens, clues, source, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        for e in a.errors {
            try insertSignature.run([
                .integer(id), .text(e.raw), .text(e.signature.text), .integer(Int64(bitPattern: e.signature.hash)),
                .text(e.signature.tokens.joined(separator: " ")), .text(e.signature.clues.joined(separator: " ")),
                .text(e.source.rawValue), .int(e.line),
            ])
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
