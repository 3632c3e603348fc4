import CSQLite
import Foundation

/// Measures in-process search latency per query mix, beside "the limit": the same final FTS5 queries issued
/// straight to SQLite.
///
/// For each query, a first (untraced) pass loads the corpus index and the term statistics, a second one records
/// the statements the search runs (`SearchEngine.searchRecordingStatements`), and a third is a plain warm-up. Then
/// every query is timed `iterations` times through `SearchEngine.search` (what `kb search` and the server call),
/// each time followed by the limit: the full-text statements the search ran, prepared in advance on a connection of
/// their own and stepped through every row. The ratio of the two is the cost of kb's own pipeline (triage,
/// signatures, term statistics, fusion, hydration and snippets). Optionally, a naive baseline is timed once per
/// query: an OR of every word of the input, ranked by bm25, top 10 (what a plain FTS5 search would run).
public struct SearchBenchmark: Sendable {
    public var database: String
    public var queries: [BenchQuery]
    public var iterations = 5
    public var includeNaive = false

    public init(database: String, queries: [BenchQuery]) {
        self.database = database
        self.queries = queries
    }

    /// Latency in milliseconds.
    public struct Latency: Sendable, Codable {
        public var samples: Int
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var mean: Double
        public var max: Double

        /// Nearest-rank percentiles of `milliseconds`.
        public init(_ milliseconds: [Double]) {
            let sorted = milliseconds.sorted()
            func rank(_ p: Double) -> Double {
                guard !sorted.isEmpty else { return 0 }
                return sorted[Swift.max(0, Swift.min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
            }
            samples = sorted.count
            p50 = rank(0.50)
            p95 = rank(0.95)
            p99 = rank(0.99)
            mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
            max = sorted.last ?? 0
        }
    }

    public struct MixReport: Sendable, Codable {
        public var mix: QueryMix
        public var queries: Int
        public var fromTSV: Int
        public var fromCorpus: Int
        public var kb: Latency
        /// The same full-text statements, straight to SQLite.
        public var limit: Latency
        /// kb ÷ limit, at the median and at p99.
        public var ratioP50: Double
        public var ratioP99: Double
        public var naive: Latency?
        /// Statements per query: full-text ones, and the other top-level ones (term statistics, hydration,
        /// translations…); FTS5's own nested reads are part of the full-text ones.
        public var fullTextStatements: Double
        public var otherStatements: Double
        public var emptyResults: Int
        public var failures: Int
        /// The first failures: query id and error.
        public var failureMessages: [String]
    }

    public struct Report: Sendable, Codable {
        public var database: String
        public var articles: Int
        public var iterations: Int
        public var mixes: [MixReport]
    }

    public func run(mixes: [QueryMix]) throws -> Report {
        var configuration = SearchEngine.Configuration()
        configuration.connections = 1
        let engine = try SearchEngine(path: database, configuration: configuration)
        let limitDB = try Database(path: database, mode: .readOnly)
        let articles = try limitDB.statement("SELECT count(*) FROM articles WHERE draft = 0").first { $0.int(0) } ?? 0
        var reports: [MixReport] = []
        for mix in mixes {
            let selected = queries.filter { $0.mix == mix }
            guard !selected.isEmpty else { continue }
            reports.append(try measure(mix: mix, queries: selected, engine: engine, limitDB: limitDB))
        }
        return Report(database: database, articles: articles, iterations: iterations, mixes: reports)
    }

    private func measure(mix: QueryMix, queries: [BenchQuery], engine: SearchEngine, limitDB: Database) throws -> MixReport {
        var failures = 0
        var failureMessages: [String] = []
        func fail(_ query: BenchQuery, _ error: any Error) {
            failures += 1
            if failureMessages.count < 5 { failureMessages.append("\(query.id): \(error)") }
        }
        var kept: [(query: BenchQuery, fullText: [Statement], naive: String?)] = []
        var fullTextCount = 0
        var otherCount = 0
        var empty = 0
        for query in queries {
            do {
                _ = try engine.search(query.request)  // loads the corpus index and the term statistics
                let (response, statements) = try engine.searchRecordingStatements(query.request)
                if response.results.isEmpty { empty += 1 }
                let fullText = try statements.filter(\.isFullText).map { try limitDB.statement($0.sql) }
                fullTextCount += fullText.count
                otherCount += statements.filter { !$0.isFullText && !$0.isNested }.count
                let naive = QueryAnalyzer.units(query.text).map(QueryAnalyzer.expression).joined(separator: " OR ")
                kept.append((query, fullText, naive.isEmpty ? nil : naive))
            } catch {
                fail(query, error)
            }
        }
        for entry in kept { _ = try? engine.search(entry.query.request) }
        var kbTimes: [Double] = []
        var limitTimes: [Double] = []
        kbTimes.reserveCapacity(kept.count * iterations)
        limitTimes.reserveCapacity(kept.count * iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            for entry in kept {
                let request = entry.query.request
                var start = clock.now
                do {
                    _ = try engine.search(request)
                } catch {
                    fail(entry.query, error)
                    continue
                }
                kbTimes.append(Self.milliseconds(clock.now - start))
                start = clock.now
                for statement in entry.fullText { try Self.drain(statement) }
                limitTimes.append(Self.milliseconds(clock.now - start))
            }
        }
        var naive: Latency?
        if includeNaive {
            let statement = try limitDB.statement(
                "SELECT rowid, bm25(articles_fts) AS s FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY s LIMIT 10")
            var times: [Double] = []
            for entry in kept {
                guard let expression = entry.naive else { continue }
                statement.bind([.text(expression)])
                let start = clock.now
                try Self.drain(statement)
                times.append(Self.milliseconds(clock.now - start))
            }
            naive = Latency(times)
        }
        let kb = Latency(kbTimes)
        let limit = Latency(limitTimes)
        let n = Double(max(1, kept.count))
        return MixReport(
            mix: mix, queries: kept.count, fromTSV: kept.filter { $0.query.source == "tsv" }.count,
            fromCorpus: kept.filter { $0.query.source == "corpus" }.count, kb: kb, limit: limit,
            ratioP50: kb.p50 / max(limit.p50, 1e-6), ratioP99: kb.p99 / max(limit.p99, 1e-6), naive: naive,
            fullTextStatements: Double(fullTextCount) / n, otherStatements: Double(otherCount) / n, emptyResults: empty, failures: failures,
            failureMessages: failureMessages)
    }

    /// Steps through every row, reading every column (as the search reads its rows).
    static func drain(_ statement: Statement) throws {
        let columns = sqlite3_column_count(statement.handle)
        defer { statement.reset() }
        while try statement.step() {
            for c in 0..<columns {
                switch sqlite3_column_type(statement.handle, c) {
                case SQLITE_INTEGER: _ = sqlite3_column_int64(statement.handle, c)
                case SQLITE_FLOAT: _ = sqlite3_column_double(statement.handle, c)
                default: _ = sqlite3_column_text(statement.handle, c)
                }
            }
        }
    }

    static func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15 }
}
