import Foundation
import Testing

@testable import KBCore

/// `kb bench search`'s pieces over Tests/Fixtures/articles/search.
@Suite struct SearchBenchmarkTests {
    let test: TestDatabase

    init() throws {
        test = try TestDatabase()
        let report = try test.ingest(Fixtures.url("articles/search"))
        #expect(report.issues == [])
    }

    func singleConnectionEngine() throws -> SearchEngine {
        var configuration = SearchEngine.Configuration()
        configuration.connections = 1
        return try SearchEngine(path: test.path, configuration: configuration)
    }

    @Test("a recorded search returns the response of a plain one and the full-text statements it ran")
    func recordsStatements() throws {
        let engine = try singleConnectionEngine()
        let request = SearchRequest(text: "denied: permission_denied: write_package", limit: 5)
        let plain = try engine.search(request)
        let (response, statements) = try engine.searchRecordingStatements(request)
        #expect(response == plain)
        let fullText = statements.filter(\.isFullText)
        #expect(!fullText.isEmpty)
        #expect(fullText.allSatisfy { $0.sql.contains("articles_fts MATCH '") })
        #expect(statements.contains { $0.isNested })
        // The trace is gone afterwards: the next search is not recorded anywhere and still works.
        #expect(try engine.search(request) == plain)
    }

    @Test("recording needs an engine with one connection")
    func recordingNeedsOneConnection() throws {
        let engine = try test.engine()
        #expect(throws: StoreError.self) { try engine.searchRecordingStatements(SearchRequest(text: "denied")) }
    }

    @Test("a benchmark run times every query of each mix the given number of times, beside the limit")
    func runsMixes() throws {
        let queries = [
            BenchQuery(id: "m1", mix: .message, lang: "en", text: "denied: permission_denied: write_package", source: "tsv"),
            BenchQuery(id: "m2", mix: .message, lang: "en", text: "exec format error", source: "tsv"),
            BenchQuery(id: "j1", mix: .cjk, lang: "ja", text: "権限", source: "tsv"),
        ]
        var benchmark = SearchBenchmark(database: test.path, queries: queries)
        benchmark.iterations = 3
        benchmark.includeNaive = true
        let report = try benchmark.run(mixes: QueryMix.allCases)
        #expect(report.mixes.map(\.mix) == [.message, .cjk])
        let message = try #require(report.mixes.first)
        #expect(message.failures == 0)
        #expect(message.kb.samples == 6)
        #expect(message.limit.samples == 6)
        #expect(message.naive?.samples == 2)
        #expect(message.fullTextStatements > 0)
    }

    @Test("queries made from the database are the same for the same seed")
    func corpusQueries() throws {
        let first = try BenchQuery.fromCorpus(database: test.path, count: 5, seed: 3)
        #expect(first == (try BenchQuery.fromCorpus(database: test.path, count: 5, seed: 3)))
        #expect(first.contains { $0.mix == .message })
        #expect(first.contains { $0.mix == .crash && $0.text.contains("\n") })
        #expect(first.filter { $0.mix == .cjk }.allSatisfy { $0.lang == "ja" || $0.lang == "ko" })
    }

    @Test("an eval TSV maps message and crash kinds to their mixes and Japanese and Korean questions to cjk")
    func loadsTSV() throws {
        let path = try test.write(
            "queries.tsv",
            "id\tkind\tlang\tquery\texpected_slug\nq1\tmessage\ten\tTypeError: x\ta\nq2\tcrash\ten\tline\\nline\tb\nq3\tnatural\tja\t権限\tc\nq4\tnatural\ten\thow\td\n"
        ).path
        let queries = try BenchQuery.load(tsv: path)
        #expect(queries.map(\.mix) == [.message, .crash, .cjk])
        #expect(queries[1].text == "line\nline")
    }

    @Test("percentiles are nearest-rank")
    func percentiles() {
        let latency = SearchBenchmark.Latency(Array((1...100).map(Double.init).reversed()))
        #expect(latency.p50 == 50)
        #expect(latency.p95 == 95)
        #expect(latency.p99 == 99)
        #expect(latency.max == 100)
        #expect(latency.mean == 50.5)
        #expect(SearchBenchmark.Latency([]).p99 == 0)
    }
}
