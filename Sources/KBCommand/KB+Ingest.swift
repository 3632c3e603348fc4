import ArgumentParser
import Foundation
import KBCore

extension KB {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index article files (.md, .markdown, .txt) into the database.",
            discussion: """
                Walks each PATH (default: Content/). Unchanged files are skipped; changed ones replaced. One run is one \
                transaction: if it fails, the previous index stays intact. Bad files are reported as path:line: reason and \
                skipped; the exit status is 1 when any file failed.
                """)

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Remove articles whose files are gone (under the given paths).")
        var prune = false
        @Flag(help: "Print the report as JSON.")
        var json = false
        @Argument(help: ArgumentHelp("Files or folders to index.", valueName: "path"))
        var paths: [String] = []

        func run() throws {
            let roots = paths.isEmpty ? ["Content"] : paths
            let writer = try Store.openWriter(path: database.path)
            var ingestor = Ingestor(prune: prune, progress: json ? nil : Terminal.progress)
            // Crash tests: KB_FAULT_KILL_AFTER=N kills the process with SIGKILL after N articles are written.
            if let n = ProcessInfo.processInfo.environment["KB_FAULT_KILL_AFTER"].flatMap(Int.init) { ingestor.fault = .killAfter(n) }
            let report = try ingestor.ingest(roots: roots, into: writer)
            Terminal.endProgress()
            for issue in report.issues { Terminal.error(issue.description) }
            if json {
                try Terminal.printJSON(report)
            } else {
                print(report.summary)
            }
            if report.hasErrors { throw ExitCode(1) }
        }
    }
}
