import Foundation
import Testing

@testable import KBCore

/// The synthetic corpus generator, over a tiny "real" corpus each test writes for itself.
@Suite struct CorpusGeneratorTests {
    let test: TestDatabase
    let real: URL

    init() throws {
        test = try TestDatabase()
        real = try test.contentFolder("real")
        for (lang, title, prose) in [
            ("en-us", "Array.prototype.map()", "The map() method creates a new array populated with the results of calling a function."),
            ("ja", "Array.prototype.map()", "map() メソッドは、与えられた関数を配列のすべての要素に対して呼び出し、その結果からなる新しい配列を生成します。"),
            ("ko", "Array.prototype.map()", "map() 메서드는 배열 내의 모든 요소 각각에 대하여 주어진 함수를 호출한 결과를 모아 새로운 배열을 반환합니다."),
        ] {
            try test.write(
                "files/\(lang)/web/javascript/map/index.md",
                """
                ---
                title: "\(title)"
                slug: Web/JavaScript/Reference/Global_Objects/Array/map
                ---

                \(prose)

                ## Examples

                ```js
                [1, 2, 3].map((x) => x * 2); // TypeError: callback is not a function
                ```

                \(prose) \(prose)
                """, in: "real")
        }
    }

    func generate(_ articles: Int, seed: UInt64, into name: String) throws -> (CorpusGenerator.Report, URL) {
        let out = test.folder.appendingPathComponent(name)
        let report = try CorpusGenerator(articles: articles, languages: ["en", "ja", "ko"], seed: seed).generate(from: real.path, into: out.path)
        return (report, out)
    }

    /// Every generated file, by path relative to `root`.
    func files(_ root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            out[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
        }
        return out
    }

    @Test("the same seed writes the same bytes; another seed writes others")
    func deterministic() throws {
        let (report, first) = try generate(60, seed: 7, into: "a")
        let (_, second) = try generate(60, seed: 7, into: "b")
        let (_, other) = try generate(60, seed: 8, into: "c")
        #expect(report.articles == 60)
        let a = try files(first)
        #expect(a.count == 61)  // 60 articles and corpus.json
        #expect(a == (try files(second)))
        #expect(a != (try files(other)))
    }

    @Test("generated articles ingest without issues, translations share a slug, and quoted errors become signatures")
    func ingests() throws {
        let (report, out) = try generate(90, seed: 1, into: "out")
        let ingest = try test.ingest(out)
        #expect(ingest.issues == [])
        #expect(ingest.added == 90)
        #expect(report.byLanguage.values.reduce(0, +) == 90)
        let translated = try test.scalar("SELECT count(*) FROM (SELECT slug FROM articles GROUP BY slug HAVING count(DISTINCT lang) > 1)")
        #expect(Int(translated ?? "0") ?? 0 > 0)
        let signatures = try test.scalar("SELECT count(*) FROM article_signatures WHERE raw LIKE 'TypeError: callback is not a function%'")
        #expect(Int(signatures ?? "0") ?? 0 > 0)
        let tagged = try test.scalar("SELECT count(DISTINCT article_id) FROM article_tags")
        #expect(tagged == "90")
    }

    @Test("refuses to write into a folder that is not empty")
    func refusesNonEmptyFolder() throws {
        let out = try test.write("out/keep.md", "# keep", in: "x").deletingLastPathComponent()
        #expect(throws: BenchError.self) {
            try CorpusGenerator(articles: 1, languages: ["en"], seed: 1).generate(from: real.path, into: out.path)
        }
    }

    @Test("refuses a language the real corpus does not have")
    func refusesMissingLanguage() throws {
        let out = test.folder.appendingPathComponent("fr")
        #expect(throws: BenchError.self) {
            try CorpusGenerator(articles: 1, languages: ["fr"], seed: 1).generate(from: real.path, into: out.path)
        }
    }

    @Test("YAML strings are quoted and escaped", arguments: [
        ("plain", "\"plain\""), ("say \"hi\"", "\"say \\\"hi\\\"\""), ("a\\b", "\"a\\\\b\""), ("key: value # not a comment", "\"key: value # not a comment\""),
        ("権限: 拒否", "\"権限: 拒否\""), ("tab\there", "\"tab\\there\""),
    ])
    func yamlQuoting(input: String, expected: String) {
        #expect(CorpusGenerator.yaml(input) == expected)
    }

    @Test("dates count days from 2015-01-01, leap years included")
    func dates() {
        #expect(CorpusGenerator.date(daysAfter2015: 0) == "2015-01-01")
        #expect(CorpusGenerator.date(daysAfter2015: 365 + 31 + 28) == "2016-02-29")
        #expect(CorpusGenerator.date(daysAfter2015: 365 + 366) == "2017-01-01")
    }
}
