import ArgumentParser
import Foundation
import KBCore
import KBServer
import Logging

extension KB {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the HTTP/JSON API (search, help, articles, tags, health, metrics, OpenAPI).",
            discussion: """
                Ingests the content folder first when the database is missing or older than the newest file in it, then \
                serves until SIGINT or SIGTERM (requests in flight finish). With no options, in a clone of the \
                repository, it serves Content/ at http://127.0.0.1:8080. The API is described at /openapi.json.
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"
        @Option(help: "The port to listen on (0 picks a free one).")
        var port = 8080
        @Option(help: ArgumentHelp("The content folder ingested before serving (env: KB_CONTENT; default: Content).", valueName: "dir"))
        var content: String?
        @Option(
            name: .customLong("cors-origin"),
            help: ArgumentHelp("An origin allowed to call the API from a browser (repeatable; default: every origin, *).", valueName: "origin"))
        var corsOrigins: [String] = []
        @Option(name: .customLong("time-budget"), help: ArgumentHelp("Each query's time budget in milliseconds (past it: 503).", valueName: "ms"))
        var timeBudget = 2000
        @Option(name: .customLong("cache-entries"), help: "Search and help responses cached while the index is unchanged (0: no cache).")
        var cacheEntries = 2048
        @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
        var logLevel: LogLevel = .info

        enum LogLevel: String, ExpressibleByArgument, CaseIterable {
            case trace, debug, info, notice, warning, error, critical
        }

        var contentPath: String {
            if let content, !content.isEmpty { return content }
            if let env = ProcessInfo.processInfo.environment["KB_CONTENT"], !env.isEmpty { return env }
            return "Content"
        }

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
            guard cacheEntries >= 0 else { throw ValidationError("--cache-entries must be 0 or more.") }
            guard timeBudget > 0 else { throw ValidationError("--time-budget must be a positive number of milliseconds.") }
            for origin in corsOrigins where origin != "*" && !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) {
                throw ValidationError("--cors-origin '\(origin)' must be * or an origin such as https://example.com.")
            }
        }

        func run() async throws {
            var logger = Logger(label: "kb.server")
            logger.logLevel = Logger.Level(rawValue: logLevel.rawValue) ?? .info
            let path = database.path
            let content = contentPath
            if !FileManager.default.fileExists(atPath: path) && !FileManager.default.fileExists(atPath: content) {
                throw CLIError("no database at \(path) and no content folder \(content); give --db FILE or --content DIR")
            }
            if let report = try ContentIndex.refreshIfStale(database: path, content: content, logger: logger), report.hasErrors {
                Terminal.note("some articles could not be indexed (see above); serving the others")
            }
            var configuration = AppConfiguration()
            configuration.host = host
            configuration.port = port
            configuration.databasePath = path
            configuration.allowedOrigins = corsOrigins.isEmpty ? ["*"] : corsOrigins
            configuration.timeBudget = .milliseconds(timeBudget)
            configuration.responseCacheEntries = cacheEntries
            configuration.logger = logger
            let app = try buildApplication(configuration: configuration)
            try await app.runService()
        }
    }
}
