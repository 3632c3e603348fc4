import Foundation
import KBCore
import Testing

/// Tags, slugs and dates as `ArticleParser` reads them from each front matter format.
@Suite struct ArticleParserTests {
    func parse(_ text: String, path: String = "content/x.md", relativePath: String = "x.md") throws -> (Article, [IngestIssue]) {
        try ArticleParser().parse(data: Data(text.utf8), path: path, relativePath: relativePath)
    }

    // MARK: - Tags

    struct TagCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var keys: [String]
        var names: [String]
        var testDescription: String { name }
    }

    static let tagCases: [TagCase] = [
        TagCase(
            name: "YAML tags list", text: "---\ntitle: T\ntags: [GitHub Actions, Docker]\n---\nBody\n", keys: ["github-actions", "docker"],
            names: ["GitHub Actions", "Docker"]),
        TagCase(
            name: "YAML block list", text: "---\ntitle: T\ntags:\n  - GitHub Actions\n  - Docker\n---\nBody\n", keys: ["github-actions", "docker"],
            names: ["GitHub Actions", "Docker"]),
        TagCase(
            name: "YAML comma string", text: "---\ntitle: T\ntags: \"GitHub Actions, Docker\"\n---\nBody\n", keys: ["github-actions", "docker"],
            names: ["GitHub Actions", "Docker"]),
        TagCase(
            name: "YAML categories list", text: "---\ntitle: T\ncategories: [github_actions]\n---\nBody\n", keys: ["github-actions"],
            names: ["github_actions"]),
        TagCase(
            name: "YAML category string", text: "---\ntitle: T\ncategory: GitHub Actions\n---\nBody\n", keys: ["github-actions"],
            names: ["GitHub Actions"]),
        TagCase(
            name: "YAML keywords comma string", text: "---\ntitle: T\nkeywords: docker, ghcr\n---\nBody\n", keys: ["docker", "ghcr"],
            names: ["docker", "ghcr"]),
        TagCase(
            name: "all four keys together, duplicates merged",
            text: "---\ntitle: T\ntags: [Docker]\ncategories: [CI]\ncategory: docker\nkeywords: ci, GHCR\n---\nBody\n",
            keys: ["docker", "ci", "ghcr"], names: ["Docker", "CI", "GHCR"]),
        TagCase(
            name: "TOML tags array", text: "+++\ntitle = \"T\"\ntags = [\"GitHub Actions\", \"npm\"]\n+++\nBody\n", keys: ["github-actions", "npm"],
            names: ["GitHub Actions", "npm"]),
        TagCase(
            name: "TOML categories string", text: "+++\ntitle = \"T\"\ncategories = \"github-actions, npm\"\n+++\nBody\n",
            keys: ["github-actions", "npm"], names: ["github-actions", "npm"]),
        TagCase(
            name: "Pelican Tags and Category", text: "Title: T\nTags: GitHub Actions, ssh\nCategory: Git\n\nBody\n",
            keys: ["github-actions", "ssh", "git"], names: ["GitHub Actions", "ssh", "Git"]),
        TagCase(
            name: "empty entries are dropped", text: "---\ntitle: T\ntags: \"docker, , ,ghcr,\"\n---\nBody\n", keys: ["docker", "ghcr"],
            names: ["docker", "ghcr"]),
    ]

    @Test("tags come from tags, categories, category and keywords, as a list or a comma string", arguments: tagCases)
    func tags(_ c: TagCase) throws {
        let (article, warnings) = try parse(c.text)
        #expect(warnings == [])
        #expect(article.tags.map(\.key) == c.keys)
        #expect(article.tags.map(\.name) == c.names)
    }

    @Test(
        "tag keys: NFKC, case-folded, spaces and underscores as -",
        arguments: [
            "GitHub Actions", "github_actions", "github-actions", "GITHUB-ACTIONS", "  GitHub   Actions  ", "GitHub_-_Actions", "ＧｉｔＨｕｂ　Ａｃｔｉｏｎｓ",
        ])
    func tagKey(_ name: String) {
        #expect(Tag.key(for: name) == "github-actions")
        #expect(Tag(name: name)?.key == "github-actions")
    }

    @Test("a tag keeps its display name as written, trimmed")
    func tagDisplayName() throws {
        #expect(Tag(name: "  GitHub Actions ")?.name == "GitHub Actions")
        #expect(Tag(name: "   ") == nil)
        #expect(Tag(name: "_-_") == nil)
        #expect(Tag.key(for: "C++") == "c++")
        #expect(Tag.key(for: "도커 이미지") == "도커-이미지")
        #expect(Tag.key(for: "ｺﾝﾃﾅ") == "コンテナ")
    }

    // MARK: - Slugs

    @Test(
        "the slug is the path relative to the content root (after a locale folder), without extension or a trailing /index",
        arguments: [
            ("docker-exec-format-error.md", "docker-exec-format-error"),
            ("notes.txt", "notes"),
            ("guides/ci/cache.markdown", "guides/ci/cache"),
            ("guides/setup/index.md", "guides/setup"),
            ("guides/setup/INDEX.md", "guides/setup"),
            ("files/ko/web/javascript/reference/errors/not_a_function/index.md", "web/javascript/reference/errors/not_a_function"),
            ("index.md", "index"),
            ("v1.2/release-notes.md", "v1.2/release-notes"),
        ])
    func slugFromPath(_ relative: String, _ slug: String) throws {
        let (article, _) = try parse("# Title\n\nBody text.\n", relativePath: relative)
        #expect(article.slug == slug)
    }

    @Test(
        "a slug in the front matter wins over the path",
        arguments: [
            "---\ntitle: T\nslug: ghcr-write-package\n---\nBody\n",
            "---\ntitle: T\nslug: /ghcr-write-package/\n---\nBody\n",
            "+++\ntitle = \"T\"\nslug = \"ghcr-write-package\"\n+++\nBody\n",
            "Title: T\nSlug: ghcr-write-package\n\nBody\n",
        ])
    func slugFromFrontMatter(_ text: String) throws {
        let (article, _) = try parse(text, relativePath: "some/other/path.md")
        #expect(article.slug == "ghcr-write-package")
        #expect(article.translationKey == "ghcr-write-package", "the translation key defaults to the slug")
    }

    @Test("translationKey links articles with different slugs")
    func translationKey() throws {
        let (article, _) = try parse("---\ntitle: T\nslug: docker-arch-mismatch\ntranslationKey: docker-exec-format-error\n---\nBody\n")
        #expect(article.slug == "docker-arch-mismatch")
        #expect(article.translationKey == "docker-exec-format-error")
    }

    // MARK: - Dates

    @Test(
        "dates in ISO 8601 and YYYY-MM-DD HH:MM:SS, with or without a zone",
        arguments: [
            ("2026-11-22", "2026-11-22"),
            ("2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z"),
            ("2026-11-22T10:00:00+09:00", "2026-11-22T10:00:00+09:00"),
            ("2026-11-22T10:00:00-05:30", "2026-11-22T10:00:00-05:30"),
            ("2026-11-22T10:00:00.250Z", "2026-11-22T10:00:00Z"),
            ("2026-11-22T10:00", "2026-11-22T10:00:00"),
            ("2026-11-22 10:00:00", "2026-11-22T10:00:00"),
            ("2026-11-22 10:00", "2026-11-22T10:00:00"),
            ("2026-11-22 10:00:00 +0900", "2026-11-22T10:00:00+09:00"),
            ("2026-11-22 10:00:00+09:00", "2026-11-22T10:00:00+09:00"),
            ("2026-11-22 10:00:00 Z", "2026-11-22T10:00:00Z"),
        ])
    func dates(_ written: String, _ stored: String) throws {
        #expect(DateParser.normalize(written) == stored)
        // As a string in every front matter format.
        for text in [
            "Title: T\nDate: \(written)\n\nBody\n",
            "---\ntitle: T\ndate: \"\(written)\"\n---\nBody\n",
            "+++\ntitle = \"T\"\ndate = \"\(written)\"\n+++\nBody\n",
        ] {
            let (article, warnings) = try parse(text)
            #expect(warnings == [], "\(text)")
            #expect(article.date == stored, "\(text)")
        }
    }

    @Test(
        "unquoted YAML and TOML dates keep their instant",
        arguments: [
            ("---\ntitle: T\ndate: 2026-11-22\n---\nBody\n", "2026-11-22T00:00:00Z"),
            ("---\ntitle: T\ndate: 2026-03-04T09:30:00+09:00\n---\nBody\n", "2026-03-04T00:30:00Z"),
            ("---\ntitle: T\ndate: 2026-03-04 09:30:00\n---\nBody\n", "2026-03-04T09:30:00Z"),
            ("+++\ntitle = \"T\"\ndate = 2026-01-05\n+++\nBody\n", "2026-01-05T00:00:00Z"),
            ("+++\ntitle = \"T\"\ndate = 2026-01-05T10:00:00+09:00\n+++\nBody\n", "2026-01-05T01:00:00Z"),
        ])
    func nativeDates(_ text: String, _ instant: String) throws {
        let (article, warnings) = try parse(text)
        #expect(warnings == [])
        let date = try #require(article.date)
        #expect(Self.instant(date) == Self.instant(instant), "\(date) is \(instant)")
    }

    /// The instant an ISO 8601 date denotes (a date without a zone is read as UTC).
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        if text.count == 10 {
            formatter.formatOptions = [.withFullDate]
            return formatter.date(from: text)
        }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) ?? formatter.date(from: text + "Z")
    }

    @Test(
        "a bad date is a warning naming its line; the article is kept without it",
        arguments: ["next tuesday", "2026-13-01", "2026-02-30", "22/11/2026", "2026-11-22T25:00:00", "2026-11-22 10:00:00 +99:00"])
    func badDate(_ written: String) throws {
        let text = "---\ntitle: T\nslug: s\ndate: \"\(written)\"\n---\nBody\n"
        let (article, warnings) = try parse(text)
        #expect(article.date == nil)
        #expect(article.title == "T")
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.description.hasPrefix("content/x.md:4: warning: date \"\(written)\" is not a date"))
    }

    @Test("a bad updated date is a warning too, and the good date stays")
    func badUpdated() throws {
        let (article, warnings) = try parse("Title: T\nDate: 2026-01-02\nModified: yesterday\n\nBody\n")
        #expect(article.date == "2026-01-02")
        #expect(article.updated == nil)
        #expect(warnings.map(\.line) == [3])
    }

    // MARK: - Other fields

    @Test("draft: true and status: draft mark drafts")
    func drafts() throws {
        #expect(try parse("---\ntitle: T\ndraft: true\n---\nBody\n").0.isDraft)
        #expect(try parse("Title: T\nStatus: draft\n\nBody\n").0.isDraft)
        #expect(try !parse("---\ntitle: T\ndraft: false\n---\nBody\n").0.isDraft)
    }

    @Test("summary or description, author or authors")
    func summaryAndAuthor() throws {
        let (a, _) = try parse("---\ntitle: T\ndescription: Short text.\nauthors: [Ann, Bo]\n---\nBody\n")
        #expect(a.summary == "Short text.")
        #expect(a.author == "Ann, Bo")
    }

    @Test("a BOM and CRLF line endings do not hide the front matter")
    func bomAndCRLF() throws {
        let (a, warnings) = try parse("\u{FEFF}---\r\ntitle: Windows file\r\nslug: win\r\ntags: [docker]\r\n---\r\n\r\nBody text.\r\n")
        #expect(warnings == [])
        #expect(a.title == "Windows file")
        #expect(a.slug == "win")
        #expect(a.tags.map(\.key) == ["docker"])
        #expect(a.bodyText == "Body text.")
    }
}
