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
