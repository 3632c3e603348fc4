import Foundation
import KBCore
import Testing

/// Issue 2's "Done when": (a) a plain-text Japanese article with no front matter, (b) a Japanese article with a
/// Pelican header (Title, Date, Category, Summary), (c) a Korean article with YAML front matter, an English title and
/// a tags list → three articles with the right titles, languages, dates and tags; one search for the error line all
/// three quote returns all three; the tag list has the normalized tags with their counts.
@Suite struct ThreeArticleScenarioTests {
    let test: TestDatabase
    let report: IngestReport
    let engine: SearchEngine
    let root = Fixtures.url("articles/scenario")

    init() throws {
        test = try TestDatabase()
        report = try test.ingest(root)
        engine = try test.engine()
    }

    func article(_ file: String) throws -> ArticleDetail {
        let path = root.appendingPathComponent(file).path
        let (lang, slug) = try #require(
            try test.read { db in
                try db.statement("SELECT lang, slug FROM articles WHERE source_path = ?1").first([.text(path)]) { ($0.string(0), $0.string(1)) }
            }, "\(file) was not ingested")
        return try #require(try engine.article(lang: lang, slug: slug))
    }

    @Test("three articles, no issues")
    func threeArticles() throws {
        #expect(report.issues == [])
        #expect(report.added == 3)
        #expect(!report.hasErrors)
        #expect(try engine.stats().languages == ["ja": 2, "ko": 1])
    }

    @Test("(a) plain-text Japanese, no front matter: the first line is the title, the language is read from the text")
    func plainJapanese() throws {
        let a = try article("a-plain-japanese.txt")
        #expect(a.title == "GHCR への push が denied で失敗する")
        #expect(a.lang == "ja")
        #expect(a.slug == "a-plain-japanese")
        #expect(a.date == nil)
        #expect(a.tags.isEmpty)
        #expect(!a.body.contains(a.title))
    }

    @Test("(b) Japanese with a Pelican header: title, date, category as a tag, summary")
    func pelicanJapanese() throws {
        let b = try article("b-pelican-japanese.md")
        #expect(b.title == "GitHub Actions で ghcr.io への push が拒否される")
        #expect(b.lang == "ja")
        #expect(b.date == "2026-02-03T10:20:00")
        #expect(b.summary == "GITHUB_TOKEN にパッケージの書き込み権限がないと push が拒否されます。")
        #expect(b.tags.map(\.tag) == ["github-actions"])
        #expect(b.tags.map(\.name) == ["GitHub Actions"])
        #expect(!b.body.contains("Title:"))
    }

    @Test("(c) Korean body under YAML front matter with an English title and a tags list")
    func yamlKorean() throws {
        let c = try article("c-yaml-korean.md")
        #expect(c.title == "GHCR push is rejected with permission_denied")
        #expect(c.lang == "ko", "an English title over a Korean body is a Korean article")
        let date = try #require(c.date)
        #expect(ArticleParserTests.instant(date) == ArticleParserTests.instant("2026-03-04T09:30:00+09:00"), "date \(date)")
        #expect(c.tags.map(\.tag) == ["docker", "ghcr", "github-actions"])
        #expect(c.tags.map(\.name) == ["Docker", "GHCR", "GitHub Actions"], "the tag's display name is the one first written")
    }

    @Test("a search for the error line all three quote returns all three")
    func searchReturnsAllThree() throws {
        let response = try engine.search(SearchRequest(text: "denied: permission_denied: write_package"))
        #expect(response.total == 3)
        #expect(
            Set(response.results.map(\.path))
                == Set(["a-plain-japanese.txt", "b-pelican-japanese.md", "c-yaml-korean.md"].map { root.appendingPathComponent($0).path }))
    }

    @Test("tags(lang:) lists the normalized tags with their counts")
    func tagCounts() throws {
        let all = try engine.tags()
        #expect(all.map(\.tag) == ["github-actions", "docker", "ghcr"])
        #expect(all.map(\.count) == [2, 1, 1])
        #expect(all.first?.name == "GitHub Actions")
        #expect(all.first?.langs == ["ja": 1, "ko": 1])

        let japanese = try engine.tags(lang: "ja")
        #expect(japanese.map(\.tag) == ["github-actions"])
        #expect(japanese.map(\.count) == [1])
        let korean = try engine.tags(lang: "ko")
        #expect(korean.map(\.tag) == ["docker", "ghcr", "github-actions"])
        #expect(try engine.tags(lang: "en") == [])
    }
}
