import Foundation
import KBCore
import Testing

@Suite("kb lint")
struct LinterTests {
    static func article(lang: String, slug: String, title: String = "A title", extra: String = "", errors: String = "[\"denied: requested access to the resource is denied\"]", body: String = "Body.") -> String {
        """
        ---
        title: "\(title)"
        slug: \(slug)
        lang: \(lang)
        date: 2026-11-22
        summary: "A summary."
        tags: [docker]
        errors: \(errors)
        \(extra)
        ---
        \(body)
        """
    }

    @Test("a clean topic in three languages has no issue")
    func clean() throws {
        let test = try TestDatabase()
        for lang in ["en", "ja", "ko"] { try test.write("\(lang)/a.md", Self.article(lang: lang, slug: "a")) }
        let issues = Linter().lint(roots: [try test.contentFolder().path])
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test("reports missing and unknown keys (with a suggestion), bad dates, duplicates, missing translations, bad links and colliding errors")
    func everyProblem() throws {
        let test = try TestDatabase()
        try test.write("en/a.md", Self.article(lang: "en", slug: "a", extra: "tittle: typo", body: "See [b](/a/en/missing-article)."))
        try test.write("ja/a.md", Self.article(lang: "ja", slug: "a"))
        try test.write("en/b.md", Self.article(lang: "en", slug: "b"))  // same error as topic a
        try test.write("en/c.md", Self.article(lang: "en", slug: "a", errors: "[\"12345\"]"))  // duplicate slug, empty signature
        try test.write("en/d.md", "---\ntitle: D\nslug: d\nlang: en\ndate: yesterday\n---\nBody.\n")
        let root = try test.contentFolder().path
        let issues = Linter().lint(roots: [root])
        let text = issues.map(\.description).joined(separator: "\n")
        #expect(text.contains("en/a.md:9: warning: unknown front matter key \"tittle\"; did you mean \"title\"?"), "\(text)")
        #expect(text.contains("link to /a/en/missing-article points to no article"))
        #expect(text.contains("has the same signature as"))
        #expect(text.contains("duplicate article en/a"))
        #expect(text.contains("errors entry \"12345\" normalizes to nothing"))
        #expect(text.contains("en/d.md:5: date \"yesterday\" is not a date"))
        #expect(text.contains("front matter has no \"summary\""))
        #expect(text.contains("topic \"b\" has no ja translation (it exists in en)"))
        #expect(issues.contains { $0.severity == .error })
    }
}
