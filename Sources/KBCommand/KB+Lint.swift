import ArgumentParser
import Foundation
import KBCore

extension KB {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check articles without touching the database.",
            discussion: "Reports path:line: message for missing or unknown front matter keys, duplicate slugs, missing translations, bad errors: entries, broken /a/<lang>/<slug> links and invalid dates. Exit 1 on errors.")

        @Flag(help: "Print JSON.")
        var json = false
        @Argument(help: ArgumentHelp("Files or folders to check (default: Content/).", valueName: "path"))
        var paths: [String] = []

        func run() throws {
            let issues = Linter().lint(roots: paths.isEmpty ? ["Content"] : paths)
            if json {
                try Terminal.printJSON(issues)
            } else {
                for issue in issues { print(issue.description) }
                let errors = issues.filter { $0.severity == .error }.count
                Terminal.note("\(errors) error\(errors == 1 ? "" : "s"), \(issues.count - errors) warning\(issues.count - errors == 1 ? "" : "s")")
            }
            if issues.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }
    }
}
