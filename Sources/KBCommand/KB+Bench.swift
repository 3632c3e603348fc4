import ArgumentParser
import Foundation
import KBCore

extension KB {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure kb: write a synthetic corpus, time ingest, time search beside SQLite's own limit.",
            discussion: """
                Build with swift build -c release before measuring; Benchmarks/run.sh runs the whole suite and \
                docs/PERFORMANCE.md holds its results.
                """,
            subcommands: [Generate.self, Ingest.self, Search.self])
    }
}

extension KB.Bench {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic corpus drawn from a real one: sizes, words, code and error lines, front matter, translations.",
            discussion: """
                Topics are written in the first language with the most real articles and translated into the others as \
                often as the real corpus is (same slug, tags and error messages). The same seed, options and real corpus \
                write the same files. The real corpus is only read.
                """)

        @Option(help: "How many articles to write (all languages together).")
        var articles: Int
        @Option(help: "The languages, comma-separated; each must exist in the real corpus.")
        var langs = "en,ja,ko"
        @Option(help: "The random seed.")
        var seed: UInt64 = 1
        @Option(help: ArgumentHelp("The real corpus to draw sizes, words, code and error lines from.", valueName: "corpus-dir"))
        var from: String
        @Option(
            name: .customLong("error-share"),
            help: "The share of topics that quote error messages (default: the real corpus's share, at least 0.3).")
        var errorShare: Double?
        @Flag(help: "Print the report as JSON.")
        var json = false
        @Argument(help: ArgumentHelp("The folder to write; it must not exist or be empty.", valueName: "out-dir"))
        var out: String

        var languages: [String] { langs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }

        func validate() throws {
            guard articles > 0 else { throw ValidationError("--articles must be at least 1.") }
            for lang in languages where LanguageCode.primary(of: lang) != lang {
                throw ValidationError("'\(lang)' in --langs is not a primary language subtag such as en, ja or ko.")
            }
            if let errorShare, !(0...1).contains(errorShare) { throw ValidationError("--error-share must be between 0 and 1.") }
        }

        func run() throws {
            let generator = CorpusGenerator(articles: articles, languages: languages, seed: seed, errorShare: errorShare)
            let report = try generator.generate(from: from, into: out, progress: json ? nil : Terminal.progress)
            Terminal.endProgress()
            if json {
                try Terminal.printJSON(report)
                return
            }
            let languages = report.byLanguage.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print(
                String(
                    format: "%d articles (%@) in %d topics, %d quoting errors, %.1f MB in %.1f s → %@", report.articles, languages, report.topics,
                    report.withErrors, Double(report.bytes) / 1e6, report.seconds, out))
        }
    }

    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time kb ingest of a corpus from scratch and again with nothing changed.",
            discussion: """
                Reports wall time, articles/s and MB/s (10^6 bytes of article files per second) for both runs, the time of \
                each phase, the database size relative to the source text and the peak memory of the process.
                """)

        @Option(help: ArgumentHelp("The database to build (default: a temporary file, removed afterwards).", valueName: "file"))
        var db: String?
        @Flag(help: "Replace the database file when it exists.")
        var replace = false
        @Flag(help: "Print the report as JSON.")
        var json = false
        @Argument(help: ArgumentHelp("The folder of articles to ingest.", valueName: "corpus-dir"))
        var corpus: String

        func validate() throws {
            if let db, FileManager.default.fileExists(atPath: db), !replace {
                throw ValidationError("\(db) exists; pass --replace to rebuild it from scratch.")
            }
        }

        func run() throws {
            let path = db ?? NSTemporaryDirectory() + "kb-bench-\(getpid()).sqlite"
            defer {
                if db == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            }
            let report = try IngestBenchmark(corpus: corpus, database: path).run()
            if json {
                try Terminal.printJSON(report)
                return
            }
            print("corpus: \(report.corpus) (\(report.files) files, \(String(format: "%.1f", Double(report.sourceBytes) / 1e6)) MB)")
            for (name, run) in [("from scratch", report.fromScratch), ("unchanged", report.unchanged)] {
                let phases = ["read+parse", "write+optimize", "align+commit"].compactMap { key in
                    run.phases[key].map { String(format: "\(key) %.2f s", $0) }
                }
                let label = name.padding(toLength: 13, withPad: " ", startingAt: 0)
                print(
                    label
                        + String(
                            format: " %7.2f s  %8.0f articles/s  %6.1f MB/s  (%d written, %d unchanged, %d failed", run.seconds, run.articlesPerSecond,
                            run.megabytesPerSecond, run.added, run.unchanged, run.failed)
                        + (phases.isEmpty ? ")" : "; " + phases.joined(separator: ", ") + ")"))
            }
            print(
                String(
                    format: "database: %.1f MB = %.2f× the source text; peak RSS %.0f MB", Double(report.databaseBytes) / 1e6, report.databaseToSource,
                    Double(report.peakRSSBytes) / 1e6))
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time in-process search per query mix, beside the same FTS5 queries issued straight to SQLite.",
            discussion: """
                Queries come from --queries (an eval TSV: message and crash kinds, natural Japanese and Korean queries) and \
                from the database itself (--corpus-queries per mix: quoted error messages, crash outputs and CI logs built \
                around them, words of Japanese and Korean titles). After a warm-up, each query runs --iterations times; \
                each run is followed by "the limit": the full-text statements that search ran, prepared in advance on a \
                connection of their own. The ratio kb/limit is the cost of kb's own pipeline.
                """)

        enum Mix: String, ExpressibleByArgument, CaseIterable {
            case message, crash, cjk, all
        }

        @Option(help: ArgumentHelp("The database to search (built by kb ingest or kb bench ingest --db).", valueName: "file"))
        var db: String
        @Option(help: ArgumentHelp("An eval TSV of queries (id kind lang query expected_slug).", valueName: "tsv"))
        var queries: String?
        @Option(help: "The query mix to measure.")
        var mix: Mix = .all
        @Option(help: "Timed runs of each query, after the warm-up.")
        var iterations = 5
        @Option(name: .customLong("corpus-queries"), help: "Queries per mix made from the database's own articles (0: none).")
        var corpusQueries = 100
        @Option(help: "The random seed for the queries made from the database.")
        var seed: UInt64 = 1
        @Flag(help: "Also time a naive FTS5 search once per query (an OR of every word of the input, ranked by bm25).")
        var naive = false
        @Option(name: .customLong("write-queries"), help: ArgumentHelp("Also write the queries used as TSV (mix, lang, query with \\n escaped), for wrk.", valueName: "file"))
        var writeQueries: String?
        @Option(help: ArgumentHelp("Instead of timing, print the SQL statements one (warm) search of TEXT runs, grouped, with counts.", valueName: "text"))
        var trace: String?
        @Flag(help: "Print the report as JSON.")
        var json = false

        func validate() throws {
            guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1.") }
            guard corpusQueries >= 0 else { throw ValidationError("--corpus-queries must be 0 or more.") }
            guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("\(db) does not exist; build it with kb bench ingest CORPUS --db \(db).") }
        }

        func run() throws {
            if let trace {
                try printTrace(trace)
                return
            }
            var all = try queries.map(BenchQuery.load(tsv:)) ?? []
            all += try BenchQuery.fromCorpus(database: db, count: corpusQueries, seed: seed)
            let mixes = mix == .all ? QueryMix.allCases : [QueryMix(rawValue: mix.rawValue)].compactMap { $0 }
            all = all.filter { mixes.contains($0.mix) }
            guard !all.isEmpty else { throw CLIError("no queries: give --queries FILE or --corpus-queries N for a database with articles") }
            if let writeQueries {
                let lines = all.map { q in
                    let text = q.text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                        .replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\r", with: "\\r")
                    return "\(q.mix.rawValue)\t\(q.lang)\t\(text)\n"
                }
                try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: writeQueries))
            }
            var benchmark = SearchBenchmark(database: db, queries: all)
            benchmark.iterations = iterations
            benchmark.includeNaive = naive
            let report = try benchmark.run(mixes: mixes)
            if json {
                try Terminal.printJSON(report)
                return
            }
            print("\(report.database): \(report.articles) articles, \(report.iterations) timed runs per query (ms)")
            print("mix      queries   kb p50    p95    p99 │ limit p50    p95    p99 │ ratio p50  p99 │ FTS/query other/query" + (naive ? " │ naive p50    p99" : ""))
            for m in report.mixes {
                var line = m.mix.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + String(
                    format: " %7d %8.2f %6.2f %6.2f │ %9.2f %6.2f %6.2f │ %9.1f %4.1f │ %9.1f %11.1f", m.queries, m.kb.p50, m.kb.p95,
                    m.kb.p99, m.limit.p50, m.limit.p95, m.limit.p99, m.ratioP50, m.ratioP99, m.fullTextStatements, m.otherStatements)
                if let n = m.naive { line += String(format: " │ %9.2f %6.2f", n.p50, n.p99) }
                print(line)
                if m.failures > 0 {
                    Terminal.error("\(m.mix.rawValue): \(m.failures) searches failed, first: " + m.failureMessages.joined(separator: "; "))
                }
            }
        }
    
        /// The statements of one warm search, grouped by their SQL with the values taken out.
        func printTrace(_ text: String) throws {
            var configuration = SearchEngine.Configuration()
            configuration.connections = 1
            let engine = try SearchEngine(path: db, configuration: configuration)
            let request = SearchRequest(text: text, limit: 10)
            _ = try engine.search(request)
            let (response, statements) = try engine.searchRecordingStatements(request)
            let literal = try NSRegularExpression(pattern: "'(?:[^']|'')*'|\\b[0-9]+\\b")
            var counts: [(sql: String, kind: String, count: Int)] = []
            for s in statements {
                let template = literal.stringByReplacingMatches(in: s.sql, range: NSRange(s.sql.startIndex..., in: s.sql), withTemplate: "?")
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let kind = s.isFullText ? "fts   " : s.isNested ? "nested" : "other "
                if let i = counts.firstIndex(where: { $0.sql == template }) { counts[i].count += 1 } else { counts.append((template, kind, 1)) }
            }
            let fullText = statements.filter(\.isFullText).count
            let nested = statements.filter(\.isNested).count
            print("\(statements.count - nested) statements (\(fullText) full-text) and \(nested) nested ones; \(response.total) results")
            for c in counts.sorted(by: { $0.count > $1.count }) { print("\(String(repeating: " ", count: max(0, 5 - String(c.count).count)))\(c.count) \(c.kind) \(c.sql)") }
        }
    }
}
