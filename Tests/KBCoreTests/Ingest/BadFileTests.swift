import Foundation
import KBCore
import Testing

/// Every kind of bad file is reported as `path:line: reason` and skipped; the rest of the run is ingested.
@Suite struct BadFileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int
        var reason: String
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "binary.md", line: 1, reason: "file looks binary (it contains NUL bytes)"),
        Case(file: "invalid-utf8.md", line: 5, reason: "file is not valid UTF-8 text"),
        Case(file: "empty.md", line: 1, reason: "file is empty"),
        Case(file: "whitespace-only.md", line: 1, reason: "file is empty (only whitespace)"),
        Case(file: "broken-yaml.md", line: 4, reason: "invalid YAML front matter: "),
        Case(file: "broken-toml.md", line: 2, reason: "invalid TOML front matter: "),
        Case(file: "unclosed-front-matter.md", line: 1, reason: "front matter opened with --- is never closed"),
        Case(file: "no-title.md", line: 1, reason: #"front matter has no "title""#),
    ]

    @Test("a bad file is path:line: reason, skipped, and the rest is ingested", arguments: cases)
    func badFile(_ c: Case) throws {
        let test = try TestDatabase()
        let bad = try test.copyFixture("broken/\(c.file)")
        try test.copyFixture("broken/good.md")

        let report = try test.ingest(try test.contentFolder())
        #expect(report.hasErrors)
        #expect(report.failed == 1)
        #expect(report.added == 1)
        let issue = try #require(report.issues.first { $0.severity == .error })
        #expect(report.issues.filter { $0.severity == .error }.count == 1)
        #expect(issue.path == bad.path)
        #expect(issue.line == c.line)
        #expect(issue.description.hasPrefix("\(bad.path):\(c.line): \(c.reason)"), "got: \(issue.description)")
        #expect(try test.strings("SELECT slug FROM articles") == ["good"])
    }

    @Test(
        "an unreadable file is reported and skipped",
        .disabled(if: getuid() == 0, "running as root: root can read a chmod 000 file, so the file cannot be made unreadable"))
    func unreadable() throws {
        let test = try TestDatabase()
        let file = try test.copyFixture("articles/incremental/alpha.md", to: "locked.md")
        try test.copyFixture("broken/good.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path) }

        let report = try test.ingest(try test.contentFolder())
        #expect(report.hasErrors)
        #expect(report.failed == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.path == file.path)
        #expect(issue.description.hasPrefix("\(file.path):"))
        #expect(issue.message.contains("cannot read file"))
        #expect(try test.strings("SELECT slug FROM articles") == ["good"])
    }

    @Test("all bad files together: each is reported once, the good one is ingested")
    func allTogether() throws {
        let test = try TestDatabase()
        try test.copyFixture("broken", to: "broken")
        let report = try test.ingest(try test.contentFolder())
        #expect(report.hasErrors)
        let errors = report.issues.filter { $0.severity == .error }
        let failedFiles = Set(errors.map { URL(fileURLWithPath: $0.path).lastPathComponent })
        #expect(failedFiles.isSuperset(of: Self.cases.map(\.file)))
        #expect(failedFiles.contains("second.md"), "the duplicate slug is reported too")
        #expect(report.failed == Self.cases.count + 1)
        #expect(Set(try test.strings("SELECT slug FROM articles")) == ["good", "shared-slug"])
    }

    @Test("a missing root is reported and the other roots are still ingested")
    func missingRoot() throws {
        let test = try TestDatabase()
        let good = try test.copyFixture("broken/good.md")
        let missing = test.folder.appendingPathComponent("no-such-folder").path
        let report = try test.ingest([missing, good.path])
        #expect(report.hasErrors)
        #expect(report.issues.map(\.description) == ["\(missing):0: no such file or folder"])
        #expect(try test.strings("SELECT slug FROM articles") == ["good"])
    }

    @Test("a file that turns bad keeps its previous version in the index")
    func badEditKeepsPreviousVersion() throws {
        let test = try TestDatabase()
        try test.copyFixture("broken/good.md")
        try test.ingest(try test.contentFolder())
        try test.write("good.md", "---\ntitle: [unclosed\n---\nBody\n")

        let report = try test.ingest(try test.contentFolder())
        #expect(report.failed == 1)
        #expect(try test.strings("SELECT title FROM articles") == ["The good article"])
    }

    @Test("a new file cannot take the slug of an article whose file turned bad (its previous version stays)")
    func slugOfBrokenFileStaysTaken() throws {
        let test = try TestDatabase()
        let kept = try test.write("b.md", "---\ntitle: B\nslug: shared\nlang: en\n---\nBody.\n")
        try test.ingest(try test.contentFolder())
        try test.write("b.md", "---\ntitle: [unclosed\n---\nBody.\n")
        let newcomer = try test.write("a.md", "---\ntitle: A\nslug: shared\nlang: en\n---\nBody.\n")

        let report = try test.ingest(try test.contentFolder())
        #expect(report.failed == 2)
        let duplicate = try #require(report.issues.first { $0.path == newcomer.path })
        #expect(duplicate.message.contains(kept.path))
        #expect(try test.strings("SELECT title FROM articles") == ["B"])
    }

    @Test("non-article files are ignored: other extensions, _partials, READMEs, hidden files and folders")
    func ignoredFiles() throws {
        let test = try TestDatabase()
        try test.copyFixture("broken/good.md")
        try test.write("image.png", Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0]))
        try test.write("notes.json", "{}")
        try test.write("_footer.md", "# Footer\n\nNot an article.\n")
        try test.write("guide/_sidebar.md", "# Sidebar\n\nNot an article.\n")
        try test.write(".drafts/idea.md", "# Idea\n\nNot an article.\n")
        try test.write("_redirects.txt", "/a /b\n")
        try test.write("README.md", "# How to write articles\n\nNot an article.\n")
        try test.write(".hidden.md", "# Hidden\n\nNot an article.\n")
        let report = try test.ingest(try test.contentFolder())
        #expect(report.issues == [])
        #expect(try test.strings("SELECT slug FROM articles") == ["good"])
    }

    // MARK: - Duplicates

    @Test("two files with the same (lang, slug) are an error naming both; the first one is kept")
    func duplicateSlug() throws {
        let test = try TestDatabase()
        let root = Fixtures.url("broken/duplicate-slug")
        let first = root.appendingPathComponent("first.md").path
        let second = root.appendingPathComponent("second.md").path

        let report = try test.ingest(root)
        #expect(report.hasErrors)
        #expect(report.failed == 1)
        #expect(report.added == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.path == second)
        #expect(issue.description.hasPrefix("\(second):"))
        #expect(issue.message.contains(first), "the message names the other file: \(issue.message)")
        #expect(issue.message.contains("en/Shared-Slug"))
        #expect(try test.strings("SELECT title FROM articles") == ["First article with the slug"])
    }

    @Test("a new file taking the slug of an article already in the index is a duplicate naming both")
    func duplicateOfIndexedArticle() throws {
        let test = try TestDatabase()
        let first = try test.copyFixture("broken/duplicate-slug/first.md")
        try test.ingest(try test.contentFolder())
        let second = try test.copyFixture("broken/duplicate-slug/second.md")

        let report = try test.ingest(try test.contentFolder())
        #expect(report.failed == 1)
        #expect(report.unchanged == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.path == second.path)
        #expect(issue.message.contains(first.path))
        #expect(try test.strings("SELECT title FROM articles") == ["First article with the slug"])
    }

    @Test("the same slug in two languages is not a duplicate (they are translations)")
    func sameSlugOtherLanguage() throws {
        let test = try TestDatabase()
        try test.write("en/page.md", "---\ntitle: English page\nslug: page\n---\nBody.\n")
        try test.write("ja/page.md", "---\ntitle: 日本語のページ\nslug: page\n---\n本文です。\n")
        let report = try test.ingest(try test.contentFolder())
        #expect(report.issues == [])
        #expect(try test.strings("SELECT lang FROM articles ORDER BY lang") == ["en", "ja"])
    }
}
