import Foundation

/// Relevance evaluation over a TSV of queries (`id kind lang query expected_slug`, `\n`/`\t` escaped in the query).
public struct Evaluation: Sendable {
    public struct Query: Sendable, Hashable {
        public var id: String
        public var kind: String
        public var lang: String
        public var text: String
        public var expectedSlug: String
    }

    public struct Metrics: Sendable, Codable, Hashable {
        public var count = 0
        public var mrr10 = 0.0
        public var recall1 = 0.0
        public var recall5 = 0.0
        /// The first result is the right article and in the query's own language.
        public var recall1OwnLanguage = 0.0
    }

    public struct Outcome: Sendable, Codable, Hashable {
        public var id: String
        public var kind: String
        public var lang: String
        public var expected: String
        public var rank: Int?  // 1-based within the top 10
        public var top: String?  // lang/slug of the first result
        public var milliseconds: Double
    }

    public struct Report: Sendable, Codable, Hashable {
        public var overall: Metrics
        public var byKind: [String: Metrics]
        public var byLang: [String: Metrics]
        public var byKindAndLang: [String: Metrics]
        public var latencyMilliseconds: [String: Double]  // p50, p95, p99
        public var outcomes: [Outcome]
    }

    public var queries: [Query]

    /// Parses the TSV; a header line starting with `id` is skipped. Throws `path:line: reason` for malformed lines.
    public init(tsv: String, path: String = "queries.tsv") throws {
        var queries: [Query] = []
        for (n, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false)
            if n == 0 && fields.first == "id" { continue }
            guard fields.count >= 5 else {
                throw CLIMessage("\(path):\(n + 1): expected 5 tab-separated fields (id kind lang query expected_slug), found \(fields.count)")
            }
            queries.append(
                Query(id: String(fields[0]), kind: String(fields[1]), lang: String(fields[2]), text: Self.unescape(fields[3]), expectedSlug: String(fields[4])))
        }
        self.queries = queries
    }

    static func unescape(_ s: Substring) -> String {
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                switch ch {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                default: out.append("\\"); out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        if escaped { out.append("\\") }
        return out
    }

    public func run(_ engine: SearchEngine) throws -> Report {
        var outcomes: [Outcome] = []
        for q in queries {
            let start = ContinuousClock.now
            let response = try engine.search(SearchRequest(text: q.text, lang: q.lang, limit: 10))
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            let rank = response.results.firstIndex { $0.slug.lowercased() == q.expectedSlug.lowercased() }.map { $0 + 1 }
            let top = response.results.first.map { "\($0.lang)/\($0.slug)" }
            outcomes.append(Outcome(id: q.id, kind: q.kind, lang: q.lang, expected: q.expectedSlug, rank: rank, top: top, milliseconds: ms))
        }
        func metrics(_ subset: [Outcome]) -> Metrics {
            var m = Metrics()
            m.count = subset.count
            guard !subset.isEmpty else { return m }
            let n = Double(subset.count)
            m.mrr10 = subset.reduce(0) { $0 + ($1.rank.map { 1 / Double($0) } ?? 0) } / n
            m.recall1 = Double(subset.filter { $0.rank == 1 }.count) / n
            m.recall5 = Double(subset.filter { ($0.rank ?? 99) <= 5 }.count) / n
            m.recall1OwnLanguage = Double(subset.filter { $0.rank == 1 && $0.top?.hasPrefix($0.lang + "/") == true }.count) / n
            return m
        }
        let sorted = outcomes.map(\.milliseconds).sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        return Report(
            overall: metrics(outcomes),
            byKind: Dictionary(grouping: outcomes, by: \.kind).mapValues(metrics),
            byLang: Dictionary(grouping: outcomes, by: \.lang).mapValues(metrics),
            byKindAndLang: Dictionary(grouping: outcomes, by: { "\($0.kind)/\($0.lang)" }).mapValues(metrics),
            latencyMilliseconds: ["p50": percentile(0.5), "p95": percentile(0.95), "p99": percentile(0.99)],
            outcomes: outcomes)
    }
}

/// A plain error message for users.
public struct CLIMessage: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
