import Foundation
import Synchronization

/// Measures `kb ingest` on a corpus: once from scratch (a new database) and once again with nothing changed.
///
/// The times are wall-clock times of `Ingestor.ingest` plus opening (and migrating) the database, as `kb ingest`
/// does it. The phases come from the ingester's own progress reports: walking, reading and parsing until the first
/// articles are written, then reading, parsing and writing together (the parsing threads run ahead of the writer) with
/// the final `optimize`, and learning cross-language terms (with the commit).
public struct IngestBenchmark: Sendable {
    public var corpus: String
    public var database: String

    public init(corpus: String, database: String) {
        self.corpus = corpus
        self.database = database
    }

    public struct Run: Sendable, Codable {
        public var seconds: Double
        /// Articles written (added or updated).
        public var added: Int
        public var unchanged: Int
        public var failed: Int
        /// Articles written or found unchanged, per second of wall time.
        public var articlesPerSecond: Double
        /// Megabytes (10⁶ bytes) of article files per second of wall time.
        public var megabytesPerSecond: Double
        /// Seconds per phase: `read+parse` (until the first article is written), `write+optimize` (parsing goes on
        /// alongside), `align+commit` (absent phases are left out).
        public var phases: [String: Double]
    }

    public struct Report: Sendable, Codable {
        public var corpus: String
        public var database: String
        public var files: Int
        /// Bytes of the article files read (MB below are 10⁶ bytes).
        public var sourceBytes: Int
        public var fromScratch: Run
        public var unchanged: Run
        /// The database file after the writer closed (the WAL is checkpointed into it).
        public var databaseBytes: Int
        public var databaseToSource: Double
        /// Peak resident memory of the process over both runs.
        public var peakRSSBytes: Int
    }

    public func run() throws -> Report {
        let (files, issue) = Ingestor.walk(root: corpus)
        if let issue { throw BenchError(issue.description) }
        guard !files.isEmpty else { throw BenchError("\(corpus): no article files (.md, .markdown, .txt)") }
        let sourceBytes = files.reduce(0) { $0 + Self.fileSize($1.url.path) }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let scratch = try measure(sourceBytes: sourceBytes)
        let again = try measure(sourceBytes: sourceBytes)
        let databaseBytes = Self.fileSize(database) + Self.fileSize(database + "-wal")
        return Report(
            corpus: corpus, database: database, files: files.count, sourceBytes: sourceBytes, fromScratch: scratch, unchanged: again,
            databaseBytes: databaseBytes, databaseToSource: Double(databaseBytes) / Double(max(1, sourceBytes)),
            peakRSSBytes: Self.peakRSSBytes())
    }

    private func measure(sourceBytes: Int) throws -> Run {
        let marks = Mutex<[(phase: String, at: ContinuousClock.Instant)]>([])
        let progress: @Sendable (IngestProgress) -> Void = { p in
            let now = ContinuousClock.now
            marks.withLock { marks in
                if marks.last?.phase != p.phase && !marks.contains(where: { $0.phase == p.phase }) { marks.append((p.phase, now)) }
            }
        }
        let start = ContinuousClock.now
        let report: IngestReport
        do {
            let writer = try Store.openWriter(path: database)
            report = try Ingestor(progress: progress).ingest(roots: [corpus], into: writer)
        }  // the writer closes here: the last connection checkpoints the WAL
        let end = ContinuousClock.now
        let seconds = Self.seconds(end - start)
        // Phase boundaries: the first "indexing" report comes after the first insert, the "learning" one after the
        // optimize; what comes before the first is walking, reading and parsing.
        let recorded = marks.withLock { $0 }
        var phases: [String: Double] = [:]
        let indexing = recorded.first { $0.phase == "indexing" }?.at
        let learning = recorded.first { $0.phase.hasPrefix("learning") }?.at
        if let indexing {
            phases["read+parse"] = Self.seconds(indexing - start)
            phases["write+optimize"] = Self.seconds((learning ?? end) - indexing)
        }
        if let learning { phases["align+commit"] = Self.seconds(end - learning) }
        let written = report.added + report.updated
        return Run(
            seconds: seconds, added: written, unchanged: report.unchanged, failed: report.failed,
            articlesPerSecond: Double(written + report.unchanged) / max(seconds, 1e-9),
            megabytesPerSecond: Double(sourceBytes) / 1e6 / max(seconds, 1e-9), phases: phases)
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// The process's peak resident set size (`ru_maxrss`, in KiB on Linux).
    static func peakRSSBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #if os(Linux)
            return Int(usage.ru_maxrss) * 1024
        #else
            return Int(usage.ru_maxrss)
        #endif
    }
}
