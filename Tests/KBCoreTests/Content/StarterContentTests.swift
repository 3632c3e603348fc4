import Foundation
import KBCore
import Testing

/// The starter knowledge base in Content/: it lints clean, every article is found by its own error messages,
/// and every topic exists in English, Japanese and Korean, linked as translations.
@Suite("Starter content", .timeLimit(.minutes(2)))
struct StarterContentTests {
    static let content = Fixtures.projectRoot.appendingPathComponent("Content").path

    @Test("every article in Content/ passes kb lint with no error")
    func lintsClean() {
        let issues = Linter().lint(roots: [Self.content])
        let errors = issues.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    }

    @Test("there are at least 15 topics, each in en, ja and ko, linked as translations")
    func topicsInThreeLanguages() throws {
        let test = try TestDatabase()
        let report = try test.ingest([Self.content])
        #expect(!report.hasErrors, "\(report.issues)")
        let engine = try test.engine()
        let topics = try test.strings("SELECT DISTINCT translation_key FROM articles")
        #expect(topics.count >= 15)
        for topic in topics {
            let langs = try test.strings("SELECT lang FROM articles WHERE translation_key = ?1 ORDER BY lang", [.text(topic)])
            #expect(langs == ["en", "ja", "ko"], "topic \(topic)")
            for lang in langs {
                let slug = try #require(try test.scalar("SELECT slug FROM articles WHERE translation_key = ?1 AND lang = ?2", [.text(topic), .text(lang)]))
                let article = try #require(try engine.article(lang: lang, slug: slug))
                #expect(Set(article.translations.map(\.lang)) == Set(langs).subtracting([lang]), "\(lang)/\(slug)")
            }
        }
    }

    @Test("each article's own errors: entries, searched in its language, put that article first")
    func errorsFindTheirArticle() throws {
        let test = try TestDatabase()
        try test.ingest([Self.content])
        let engine = try test.engine()
        let rows = try test.read { db in
            try db.statement("SELECT a.lang, a.slug, s.raw FROM article_signatures s JOIN articles a ON a.id = s.article_id WHERE s.source = 'frontMatter'")
                .map { ($0.string(0), $0.string(1), $0.string(2)) }
        }
        #expect(rows.count >= 45)
        var misses: [String] = []
        for (lang, slug, raw) in rows {
            let top = try engine.search(SearchRequest(text: raw, lang: lang, limit: 1)).results.first
            if top?.lang != lang || top?.slug != slug {
                misses.append("\(lang)/\(slug): \"\(raw)\" → \(top.map { "\($0.lang)/\($0.slug)" } ?? "nothing")")
            }
        }
        #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
    }
}
