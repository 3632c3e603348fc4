import Foundation
import KBCore
import Testing

/// Which files `kb ingest` reads under a content folder: folders whatever their names, symbolic links followed
/// (with cycles cut), and never hidden entries, `_` files or READMEs.
@Suite(.timeLimit(.minutes(1))) struct ContentWalkTests {
    static func article(_ title: String, slug: String, lang: String = "en") -> String {
        "---\ntitle: \(title)\nslug: \(slug)\nlang: \(lang)\n---\n\n\(title) is an article.\n"
    }

    @Test("folders whose names start with _ are walked (MDN's _colon_hover); files starting with _ are skipped")
    func underscoreFolders() throws {
        let test = try TestDatabase()
        try test.write("css/_colon_hover/index.md", Self.article(":hover", slug: "css/hover"))
        try test.write("css/_doublecolon_after/index.md", Self.article("::after", slug: "css/after"))
        try test.write("css/_footer.md", "# Footer\n\nA partial, not an article.\n")
        try test.write("_redirects.txt", "/a /b\n")
        let report = try test.ingest(try test.contentFolder())
        #expect(report.issues == [])
        #expect(report.added == 2)
        #expect(try test.strings("SELECT slug FROM articles ORDER BY slug") == ["css/after", "css/hover"])
    }

    @Test("symbolic links to files and folders are followed; the article keeps the link's path")
    func symbolicLinks() throws {
        let test = try TestDatabase()
        let fm = FileManager.default
        // The real files live outside the content folder.
        let elsewhere = try test.write("guide/intro.md", Self.article("Intro", slug: "intro"), in: "elsewhere")
        try test.write("guide/deeper/setup.md", Self.article("Setup", slug: "setup"), in: "elsewhere")
        let single = try test.write("single.md", Self.article("Single", slug: "single"), in: "elsewhere")
        let content = try test.contentFolder()
        try test.write("plain.md", Self.article("Plain", slug: "plain"))
        try fm.createSymbolicLink(at: content.appendingPathComponent("linked.md"), withDestinationURL: single)
        try fm.createSymbolicLink(at: content.appendingPathComponent("guide"), withDestinationURL: elsewhere.deletingLastPathComponent())

        let report = try test.ingest(content)
        #expect(report.issues == [])
        #expect(report.added == 4)
        #expect(try test.strings("SELECT slug FROM articles ORDER BY slug") == ["intro", "plain", "setup", "single"])
        let paths = try test.strings("SELECT source_path FROM articles ORDER BY source_path")
        #expect(paths == ["guide/deeper/setup.md", "guide/intro.md", "linked.md", "plain.md"].map { content.path + "/" + $0 })

        // Nothing changed through the links: the second run skips every file.
        let again = try test.ingest(content)
        #expect(again.unchanged == 4)
        #expect(again.changed == false)
    }

    @Test("a folder link back to an ancestor is not followed again (no endless walk), and is reported as a warning")
    func symbolicLinkCycle() throws {
        let test = try TestDatabase()
        let fm = FileManager.default
        let content = try test.contentFolder()
        try test.write("docs/page.md", Self.article("Page", slug: "page"))
        try fm.createSymbolicLink(
            at: content.appendingPathComponent("docs/loop"), withDestinationURL: content)
        try fm.createSymbolicLink(atPath: content.appendingPathComponent("docs/self").path, withDestinationPath: ".")

        let report = try test.ingest(content)
        #expect(report.added == 1)
        #expect(report.failed == 0)
        #expect(report.hasErrors == false)
        let warnings = report.issues.filter { $0.severity == .warning }
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.message.contains("symbolic link leads back") })
        #expect(Set(warnings.map(\.path)) == [content.path + "/docs/loop", content.path + "/docs/self"])
        #expect(try test.strings("SELECT slug FROM articles") == ["page"])
    }

    @Test("a broken symbolic link is a warning, not a failure")
    func brokenSymbolicLink() throws {
        let test = try TestDatabase()
        let content = try test.contentFolder()
        try test.write("ok.md", Self.article("OK", slug: "ok"))
        try FileManager.default.createSymbolicLink(
            atPath: content.appendingPathComponent("gone.md").path, withDestinationPath: content.appendingPathComponent("missing.md").path)

        let report = try test.ingest(content)
        #expect(report.added == 1)
        #expect(report.hasErrors == false)
        let warning = try #require(report.issues.first)
        #expect(report.issues.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.path == content.path + "/gone.md")
        #expect(warning.message.contains("broken symbolic link"))
    }
}
