import ArgumentParser
import Foundation
import KBCore

@main
struct KB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "A multilingual troubleshooting knowledge base: paste an error, get the article that fixes it.",
        version: "0.1.0",
        subcommands: [Ingest.self, Search.self, Show.self, Tags.self, Stats.self, Explain.self, Eval.self, Lint.self, Gaps.self, Serve.self, Bench.self]
    )
}

/// Where the database is: `--db`, else `KB_DB`, else `kb.sqlite` in the working directory.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (env: KB_DB; default: kb.sqlite).", valueName: "file"))
    var db: String?

    var path: String {
        if let db, !db.isEmpty { return db }
        if let env = ProcessInfo.processInfo.environment["KB_DB"], !env.isEmpty { return env }
        return "kb.sqlite"
    }

    /// Opens the database for searching; when it does not exist and `Content/` does, ingests `Content/` first.
    func searchEngine(autoIngest: Bool = true) throws -> SearchEngine {
        if !FileManager.default.fileExists(atPath: path) {
            guard autoIngest, FileManager.default.fileExists(atPath: "Content") else {
                throw CLIError("no database at \(path); create one with: kb ingest [PATH ...] --db \(path)")
            }
            Terminal.note("\(path) does not exist yet; indexing Content/ first")
            let writer = try Store.openWriter(path: path)
            let report = try Ingestor(progress: Terminal.progress).ingest(roots: ["Content"], into: writer)
            Terminal.endProgress()
            for issue in report.issues { Terminal.error(issue.description) }
            Terminal.note(report.summary)
        }
        return try SearchEngine(path: path)
    }
}

/// An error the CLI prints as `Error: message` (exit 1).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writing to the terminal.
enum Terminal {
    static let isTTY = isatty(STDOUT_FILENO) != 0
    static let stderrIsTTY = isatty(STDERR_FILENO) != 0

    static func error(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    /// A progress line on a terminal (nothing when stderr is not a terminal).
    static let progress: @Sendable (IngestProgress) -> Void = { p in
        guard stderrIsTTY else { return }
        let percent = p.total > 0 ? " \(p.done * 100 / p.total)%" : ""
        FileHandle.standardError.write(Data("\r\u{1B}[K\(p.phase) \(p.done)/\(p.total)\(percent)".utf8))
    }
    static func endProgress() {
        if stderrIsTTY { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func bold(_ text: String) -> String { isTTY ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { isTTY ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// Reads TEXT, or standard input when TEXT is `-`.
func readText(_ words: [String]) throws -> String {
    if words == ["-"] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }
    return words.joined(separator: " ")
}
