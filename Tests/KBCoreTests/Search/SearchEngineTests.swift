import Foundation
import KBCore
import Testing

/// Searches over Tests/Fixtures/articles/search: ghcr-write-package in en/ja/ko, docker-exec-format-error in en/ja plus
/// its Korean translation under another slug, an English git article and an English draft.
@Suite struct SearchEngineTests {
    let test: TestDatabase
    let engine: SearchEngine

    init() throws {
        test = try TestDatabase()
        let report = try test.ingest(Fixtures.url("articles/search"))
        #expect(report.issues == [])
        engine = try test.engine()
    }

    struct Word: Sendable, CustomTestStringConvertible {
        var query: String
        var lang: String
        var slug: String
        var testDescription: String { "\(query) → \(lang)/\(slug)" }
    }

    static let englishWords: [Word] = [
        Word(query: "publickey", lang: "en", slug: "git-permission-denied-publickey"),
        Word(query: "architecture", lang: "en", slug: "docker-exec-format-error"),
        Word(query: "permissions block", lang: "en", slug: "ghcr-write-package"),
        Word(query: "Permission denied (publickey)", lang: "en", slug: "git-permission-denied-publickey"),
    ]

    static let japaneseWords: [Word] = [
        Word(query: "権限", lang: "ja", slug: "ghcr-write-package"),
        Word(query: "書き込み権限", lang: "ja", slug: "ghcr-write-package"),
        Word(query: "パッケージ", lang: "ja", slug: "ghcr-write-package"),
        Word(query: "アーキテクチャ", lang: "ja", slug: "docker-exec-format-error"),
    ]

    static let koreanWords: [Word] = [
        Word(query: "권한", lang: "ko", slug: "ghcr-write-package"),
        Word(query: "패키지", lang: "ko", slug: "ghcr-write-package"),
        Word(query: "아키텍처", lang: "ko", slug: "docker-arch-mismatch"),
        Word(query: "컨테이너", lang: "ko", slug: "docker-arch-mismatch"),
    ]

    func expectFirst(_ word: Word) throws {
        let response = try engine.search(SearchRequest(text: word.query))
        let first = try #require(response.results.first, "no results for \(word.query)")
        #expect(first.lang == word.lang && first.slug == word.slug, "first is \(first.lang)/\(first.slug)")
    }

    @Test("English words find their article", arguments: englishWords)
    func english(_ word: Word) throws { try expectFirst(word) }

    @Test("Japanese words find their article (words inside unspaced Japanese text)", arguments: japaneseWords)
    func japanese(_ word: Word) throws { try expectFirst(word) }

    @Test("Korean words find their article (words with particles attached)", arguments: koreanWords)
    func korean(_ word: Word) throws { try expectFirst(word) }

    @Test("drafts are never returned")
    func draftsHidden() throws {
        let response = try engine.search(SearchRequest(text: "ghcr write_package", limit: 100))
        #expect(!response.results.contains { $0.slug == "draft-ghcr-notes" })
        #expect(response.total == response.results.count)
    }

    // MARK: - Validation

    @Test(
        "limit must be 1...100, offset 0 or more, languages well-formed",
        arguments: [
            (SearchRequest(text: "docker", limit: 0), SearchError.Code.invalidLimit, "limit must be between 1 and 100, got 0"),
            (SearchRequest(text: "docker", limit: 101), .invalidLimit, "limit must be between 1 and 100, got 101"),
            (SearchRequest(text: "docker", limit: -5), .invalidLimit, "limit must be between 1 and 100, got -5"),
            (SearchRequest(text: "docker", offset: -1), .invalidOffset, "offset must be 0 or more, got -1"),
            (SearchRequest(text: "docker", lang: "english!"), .invalidLanguage, #""english!" is not a language tag such as en, ja or ko-KR"#),
            (SearchRequest(text: "docker", onlyLang: "x"), .invalidLanguage, #""x" is not a language tag such as en, ja or ko-KR"#),
        ])
    func validation(_ request: SearchRequest, _ code: SearchError.Code, _ message: String) throws {
        let error = try #require(throws: SearchError.self) { try engine.search(request) }
        #expect(error.code == code)
        #expect(error.message == message)
    }

    @Test("the boundaries limit 1, limit 100 and a large offset are valid")
    func validBoundaries() throws {
        #expect(try engine.search(SearchRequest(text: "docker", limit: 1)).results.count == 1)
        #expect(try engine.search(SearchRequest(text: "docker", limit: 100)).results.count > 1)
        let far = try engine.search(SearchRequest(text: "docker", offset: 1_000))
        #expect(far.results.isEmpty)
        #expect(far.total > 1)
    }

    // MARK: - Filters and paging

    @Test("onlyLang restricts the results to one language", arguments: ["en", "ja", "ko", "ja-JP", "KO"])
    func onlyLang(_ lang: String) throws {
        let primary = String(lang.prefix(2)).lowercased()
        let response = try engine.search(SearchRequest(text: "docker exec format error", onlyLang: lang, limit: 100))
        #expect(!response.results.isEmpty)
        #expect(response.results.allSatisfy { $0.lang == primary })
        #expect(response.total == response.results.count)
    }

    @Test("lang prefers the reader's language but keeps the others")
    func preferredLanguage() throws {
        let response = try engine.search(SearchRequest(text: "exec format error", lang: "ko", limit: 100))
        #expect(Set(response.results.map(\.lang)) == ["en", "ja", "ko"])
    }

    @Test(
        "tags restrict results to articles carrying every tag, by key or display name",
        arguments: [
            (["GitHub Actions"], ["en/ghcr-write-package", "ja/ghcr-write-package", "ko/ghcr-write-package"]),
            (["github_actions"], ["en/ghcr-write-package", "ja/ghcr-write-package", "ko/ghcr-write-package"]),
            (["docker", "github-actions"], ["en/ghcr-write-package"]),
            (["ssh"], ["en/git-permission-denied-publickey"]),
            (["ssh", "ghcr"], []),
            (["no-such-tag"], []),
        ])
    func tagFilter(_ tags: [String], _ expected: [String]) throws {
        let response = try engine.search(SearchRequest(text: "ghcr write_package denied docker", tags: tags, limit: 100))
        #expect(Set(response.results.map { "\($0.lang)/\($0.slug)" }) == Set(expected))
        #expect(response.total == expected.count)
    }

    @Test("total counts every match; pages of limit/offset are disjoint and add up to it")
    func paging() throws {
        let all = try engine.search(SearchRequest(text: "docker", limit: 100))
        #expect(all.total >= 4)
        #expect(all.total == all.results.count)
        var paged: [String] = []
        for offset in 0..<(all.total + 1) {
            let page = try engine.search(SearchRequest(text: "docker", limit: 1, offset: offset))
            #expect(page.total == all.total, "total is the same on every page")
            #expect(page.results.count == (offset < all.total ? 1 : 0))
            paged += page.results.map { "\($0.lang)/\($0.slug)" }
        }
        #expect(paged == all.results.map { "\($0.lang)/\($0.slug)" })

        let second = try engine.search(SearchRequest(text: "docker", limit: 2, offset: 2))
        #expect(second.results.map(\.slug) == Array(all.results.dropFirst(2).prefix(2)).map(\.slug))
    }

    @Test("every hit lists its translations (same slug or translationKey), never itself")
    func translations() throws {
        let expected: [String: Set<String>] = [
            "en/ghcr-write-package": ["ja/ghcr-write-package", "ko/ghcr-write-package"],
            "ja/ghcr-write-package": ["en/ghcr-write-package", "ko/ghcr-write-package"],
            "ko/ghcr-write-package": ["en/ghcr-write-package", "ja/ghcr-write-package"],
            "en/docker-exec-format-error": ["ja/docker-exec-format-error", "ko/docker-arch-mismatch"],
            "ja/docker-exec-format-error": ["en/docker-exec-format-error", "ko/docker-arch-mismatch"],
            "ko/docker-arch-mismatch": ["en/docker-exec-format-error", "ja/docker-exec-format-error"],
            "en/git-permission-denied-publickey": [],
        ]
        let response = try engine.search(SearchRequest(text: "docker ghcr git exec format write_package publickey", limit: 100))
        #expect(response.results.count == expected.count)
        for hit in response.results {
            let id = "\(hit.lang)/\(hit.slug)"
            let translations = Set(hit.translations.map { "\($0.lang)/\($0.slug)" })
            #expect(translations == expected[id], "translations of \(id)")
            #expect(hit.translations.allSatisfy { !$0.title.isEmpty })
        }
        // The article view lists them too.
        let detail = try #require(try engine.article(lang: "ko", slug: "docker-arch-mismatch"))
        #expect(Set(detail.translations.map(\.lang)) == ["en", "ja"])
    }

    @Test("a hit carries the JSON contract's fields")
    func resultShape() throws {
        let hit = try #require(try engine.search(SearchRequest(text: "publickey")).results.first)
        #expect(hit.slug == "git-permission-denied-publickey")
        #expect(hit.title == "git push fails with Permission denied (publickey)")
        #expect(hit.tags == ["git", "ssh"])
        #expect(hit.score > 0)
        #expect(hit.path.hasSuffix("articles/search/en/git-permission-denied-publickey.md"))
        #expect(hit.snippet.contains("publickey"))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try engine.search(SearchRequest(text: "publickey")))) as? [String: Any]
        #expect(Set(json?.keys.map { $0 } ?? []) == ["query", "total", "results"])
        let first = (json?["results"] as? [[String: Any]])?.first ?? [:]
        for key in ["slug", "lang", "title", "summary", "snippet", "tags", "score", "path", "translations"] {
            #expect(first[key] != nil, "results[0].\(key)")
        }
    }
}
