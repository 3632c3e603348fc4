import ArgumentParser
import Foundation
import KBCore

extension KB {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure relevance: MRR@10, Recall@1/@5 and latency over a TSV of queries with their expected article.",
            discussion: "The TSV has the columns id, kind, lang, query, expected_slug (\\n and \\t escaped in the query). Slugs compare case-insensitively.")

        @OptionGroup var database: DatabaseOptions
        @Option(name: .customLong("min-mrr"), help: "Exit 1 when the overall MRR@10 is below this.")
        var minMRR: Double?
        @Flag(help: "Print JSON (with every query's outcome).")
        var json = false
        @Flag(help: "List the queries whose expected article is not first.")
        var misses = false
        @Argument(help: ArgumentHelp("The queries file.", valueName: "queries.tsv"))
        var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let evaluation = try Evaluation(tsv: String(decoding: data, as: UTF8.self), path: file)
            let report = try evaluation.run(database.searchEngine(autoIngest: false))
            if json {
                try Terminal.printJSON(report)
            } else {
                func line(_ name: String, _ m: Evaluation.Metrics) -> String {
                    String(format: "%-14@ %4d  MRR@10 %.3f  R@1 %.3f  R@5 %.3f  R@1 own-lang %.3f", name as NSString, m.count, m.mrr10, m.recall1, m.recall5, m.recall1OwnLanguage)
                }
                print(line("overall", report.overall))
                for (k, m) in report.byKind.sorted(by: { $0.key < $1.key }) { print(line("kind " + k, m)) }
                for (k, m) in report.byLang.sorted(by: { $0.key < $1.key }) { print(line("lang " + k, m)) }
                for (k, m) in report.byKindAndLang.sorted(by: { $0.key < $1.key }) { print(line(k, m)) }
                let l = report.latencyMilliseconds
                print(String(format: "latency        p50 %.2f ms  p95 %.2f ms  p99 %.2f ms", l["p50"] ?? 0, l["p95"] ?? 0, l["p99"] ?? 0))
                if misses {
                    for o in report.outcomes where o.rank != 1 {
                        print("miss \(o.id) [\(o.kind)/\(o.lang)] expected \(o.expected) rank \(o.rank.map(String.init) ?? "-") top \(o.top ?? "-")")
                    }
                }
            }
            if let minMRR, report.overall.mrr10 < minMRR {
                Terminal.error(String(format: "MRR@10 %.3f is below --min-mrr %.3f", report.overall.mrr10, minMRR))
                throw ExitCode(1)
            }
        }
    }
}
