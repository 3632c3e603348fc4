import Foundation
import KBCore
import Testing

/// Language: front matter `lang`/`language`/`locale` wins; then a locale folder in the path (also MDN's
/// `files/<locale>/...`); then the script of the body. Stored as the primary subtag.
@Suite struct ArticleLanguageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var lang: String
        var slug: String
        var title: String
        var testDescription: String { "\(file) → \(lang)/\(slug)" }
    }

    static let fixtures: [Case] = [
        Case(file: "front-matter/lang-from-front-matter.md", lang: "ja", slug: "front-matter/lang-from-front-matter", title: "Cache key mismatch"),
        Case(file: "ja-jp/locale-folder.md", lang: "ja", slug: "locale-folder", title: "Locale folder article"),
        Case(
            file: "files/ko/web/javascript/reference/errors/not_a_function/index.md", lang: "ko",
            slug: "Web/JavaScript/Reference/Errors/Not_a_function", title: #"TypeError: "x" is not a function"#),
        Case(file: "guides/setup/index.md", lang: "en", slug: "guides/setup", title: "Setting up the registry mirror"),
        Case(
            file: "script/english-title-korean-body.md", lang: "ko", slug: "script/english-title-korean-body",
            title: "GHCR push fails with permission_denied: write_package"),
        Case(
            file: "script/japanese-no-front-matter.txt", lang: "ja", slug: "script/japanese-no-front-matter",
            title: "npm publish が E403 Forbidden で失敗する"),
        Case(file: "script/english-body.md", lang: "en", slug: "script/english-body", title: "Git could not read Username"),
    ]

    @Test("each fixture gets its language, slug and title", arguments: fixtures)
    func fixtureLanguage(_ c: Case) throws {
        let test = try TestDatabase()
        let root = Fixtures.url("articles/languages")
        let report = try test.ingest(root)
        #expect(report.issues == [])
        let path = root.appendingPathComponent(c.file).path
        let stored = try test.read { db in
            try db.statement("SELECT lang, slug, title FROM articles WHERE source_path = ?1").first([.text(path)]) {
                [$0.string(0), $0.string(1), $0.string(2)]
            }
        }
        #expect(stored == [c.lang, c.slug, c.title])
    }

    @Test("an MDN slug is looked up case-insensitively")
    func mdnSlugIgnoresCase() throws {
        let test = try TestDatabase()
        try test.ingest(Fixtures.url("articles/languages"))
        let engine = try test.engine()
        for slug in [
            "Web/JavaScript/Reference/Errors/Not_a_function", "web/javascript/reference/errors/not_a_function",
            "WEB/JAVASCRIPT/REFERENCE/ERRORS/NOT_A_FUNCTION",
        ] {
            let article = try #require(try engine.article(lang: "ko", slug: slug), "ko/\(slug)")
            #expect(article.slug == "Web/JavaScript/Reference/Errors/Not_a_function", "the slug keeps its case as written")
        }
        #expect(try engine.article(lang: "KO", slug: "web/javascript/reference/errors/not_a_function") != nil)
        #expect(try engine.article(lang: "ja", slug: "web/javascript/reference/errors/not_a_function") == nil)
    }

    struct ParseCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var path: String
        var lang: String
        var testDescription: String { name }
    }

    static let korean = "패키지에 쓰기 권한이 없어서 푸시가 거부됩니다. 저장소 설정에서 권한을 주세요."
    static let japanese = "パッケージへの書き込み権限がないため、プッシュが拒否されます。設定を確認してください。"
    static let english = "The push is denied because the token cannot write packages."

    static let parseCases: [ParseCase] = [
        ParseCase(name: "lang: ja-JP", text: "---\ntitle: T\nlang: ja-JP\n---\n\(english)\n", path: "content/x.md", lang: "ja"),
        ParseCase(name: "language: ko-KR", text: "---\ntitle: T\nlanguage: ko-KR\n---\n\(english)\n", path: "content/x.md", lang: "ko"),
        ParseCase(name: "locale: en_US", text: "---\ntitle: T\nlocale: en_US\n---\n\(japanese)\n", path: "content/x.md", lang: "en"),
        ParseCase(name: "Pelican Lang: ko", text: "Title: T\nLang: ko\n\n\(english)\n", path: "content/x.md", lang: "ko"),
        ParseCase(name: "front matter beats the folder", text: "---\ntitle: T\nlang: en\n---\n\(korean)\n", path: "content/ko/x.md", lang: "en"),
        ParseCase(name: "folder ja beats the script", text: "---\ntitle: T\n---\n\(english)\n", path: "content/ja/x.md", lang: "ja"),
        ParseCase(name: "folder en-us beats the script", text: "---\ntitle: T\n---\n\(japanese)\n", path: "content/en-us/x.md", lang: "en"),
        ParseCase(name: "folder ko-kr", text: "---\ntitle: T\n---\n\(english)\n", path: "content/ko-kr/x.md", lang: "ko"),
        ParseCase(name: "MDN files/ja/...", text: "---\ntitle: T\n---\n\(english)\n", path: "mdn/files/ja/web/http/status/404/index.md", lang: "ja"),
        ParseCase(name: "kana body", text: "# Title\n\n\(japanese)\n", path: "content/x.md", lang: "ja"),
        ParseCase(name: "Hangul body", text: "# Title\n\n\(korean)\n", path: "content/x.md", lang: "ko"),
        ParseCase(
            name: "English title over a Korean body", text: "---\ntitle: GHCR push is denied\n---\n\(korean)\n", path: "content/x.md", lang: "ko"),
        ParseCase(
            name: "Korean body with a long English log",
            text: "# T\n\n\(korean)\n\n```\n" + String(repeating: "error: denied: permission_denied write_package\n", count: 10) + "```\n",
            path: "content/x.md", lang: "ko"),
        ParseCase(name: "English body", text: "# Title\n\n\(english)\n", path: "content/x.md", lang: "en"),
    ]

    @Test("front matter, then locale folder, then the body's script", arguments: parseCases)
    func parsedLanguage(_ c: ParseCase) throws {
        let (article, _) = try ArticleParser().parse(data: Data(c.text.utf8), path: c.path, relativePath: "x.md")
        #expect(article.lang == c.lang)
    }

    @Test("a malformed language tag is a warning and the language comes from the path or text")
    func malformedLanguageTag() throws {
        let text = "---\ntitle: T\nlang: not a language!\n---\n\(Self.korean)\n"
        let (article, warnings) = try ArticleParser().parse(data: Data(text.utf8), path: "content/x.md", relativePath: "x.md")
        #expect(article.lang == "ko")
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.line == 3)
        #expect(warning.description.hasPrefix("content/x.md:3: warning: "))
    }
}
