import Foundation
import KBCore
import Testing

/// Ingests Tests/Fixtures/articles/formats: one article per front matter format.
@Suite struct FrontMatterFormatTests {
    let test: TestDatabase
    let report: IngestReport
    let engine: SearchEngine
    let root = Fixtures.url("articles/formats")

    init() throws {
        test = try TestDatabase()
        report = try test.ingest(root)
        engine = try test.engine()
    }

    func article(_ lang: String, _ slug: String) throws -> ArticleDetail {
        try #require(try engine.article(lang: lang, slug: slug), "no article \(lang)/\(slug)")
    }

    @Test("every format is ingested without an issue")
    func allIngested() throws {
        #expect(report.issues == [])
        #expect(report.added == 5)
        #expect(report.failed == 0)
        #expect(!report.hasErrors)
        #expect(try test.scalar("SELECT count(*) FROM articles") == "5")
    }

    @Test("YAML front matter between --- lines")
    func yaml() throws {
        let a = try article("en", "docker-push-denied")
        #expect(a.title == "Docker push is denied: requested access to the resource is denied")
        #expect(a.summary == "The registry refuses the push because you are not logged in to it, or the repository name is wrong.")
        #expect(a.date == "2026-11-22T10:00:00+09:00")
        #expect(a.updated == "2026-11-23")
        #expect(a.author == "kb team")
        #expect(a.tags.map(\.tag) == ["docker", "registry"])
        #expect(a.tags.map(\.name) == ["Docker", "Registry"])
        #expect(a.path == root.appendingPathComponent("yaml.md").path)
        #expect(!a.body.contains("title:"), "the front matter is not part of the body")
        #expect(a.body.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("## What happens"))
    }

    @Test("TOML front matter between +++ lines")
    func toml() throws {
        let a = try article("en", "npm-publish-e404")
        #expect(a.title == "npm publish fails with E404 Not Found")
        #expect(a.summary == "The package name is scoped to an organization you cannot publish to.")
        #expect(a.date == "2026-01-05")
        #expect(a.tags.map(\.tag) == ["npm", "registry"])
        #expect(!a.body.contains("+++"))
        #expect(a.body.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("npm publish answers"))
    }

    @Test("Pelican/MultiMarkdown header of Key: value lines ending at the first blank line")
    func pelican() throws {
        let a = try article("en", "git-permission-denied-publickey")
        #expect(a.title == "git push fails with Permission denied (publickey)")
        #expect(a.summary == "The server does not know your SSH key.")
        #expect(a.date == "2026-03-04T10:20:30")
        #expect(a.author == "Alice")
        #expect(Set(a.tags.map(\.tag)) == ["ssh", "github-actions", "git"])
        #expect(a.tags.first { $0.tag == "github-actions" }?.name == "GitHub Actions")
        #expect(!a.body.contains("Title:"))
        #expect(a.body.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("Run `ssh -T git@github.com`"))
    }

    @Test("no front matter: the first non-empty line is the title (a # heading loses its marker)")
    func markdownWithoutFrontMatter() throws {
        let a = try article("en", "heading")
        #expect(a.title == "Docker exec format error")
        #expect(!a.body.contains("# Docker exec format error"), "the title line is not repeated in the body")
        #expect(a.body.contains("exec format error"))
        #expect(a.tags.isEmpty)
        #expect(a.date == nil)
    }

    @Test("a plain .txt file: the first line is the title, the rest the body")
    func plainText() throws {
        let a = try article("en", "plain")
        #expect(a.title == "Registry x509 certificate signed by unknown authority")
        #expect(a.body.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("Your machine does not trust"))
    }
}
