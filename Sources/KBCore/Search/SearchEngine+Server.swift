import Foundation

// Added for the HTTP API (KBServer); kept in its own file so that it does not touch the search internals.
extension SearchEngine {
    /// The languages (primary subtags, sorted) in which a published article with `slug` exists, compared
    /// case-insensitively like `article(lang:slug:)`. The API names them when an article is missing in the language asked for.
    public func languages(ofSlug slug: String) throws -> [String] {
        try withConnection { db in
            try db.statement("SELECT lang FROM articles WHERE slug = ?1 AND draft = 0 ORDER BY lang").map([.text(slug)]) { $0.string(0) }
        }
    }
}

extension SearchEngine {
    /// The index generation: it changes whenever an ingest commits a change, so a result computed at one generation
    /// can be reused until it changes (the API's response cache keys on it).
    public func generation() throws -> String {
        try withConnection { db in try Meta.get("generation", in: db) ?? "0" }
    }
}
