import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import KBCore
@testable import KBServer

/// Fixture articles under Tests/Fixtures/server, found from this file's path.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/server")
    static var articles: String { root.path }
    /// An article that is not in the first ingest: it lives next to the fixture root, not inside it.
    static var lateArticles: String { root.deletingLastPathComponent().appendingPathComponent("server-late").path }
}

/// A database in its own temporary folder, ingested from the fixtures. Each test makes its own.
final class TestDatabase: Sendable {
    let directory: URL
    var path: String { directory.appendingPathComponent("kb.sqlite").path }

    /// - Parameter syntheticArticles: extra generated articles, for tests that need a bigger index.
    init(roots: [String] = [Fixtures.articles], syntheticArticles: Int = 0) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kb-server-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var roots = roots
        if syntheticArticles > 0 {
            let folder = directory.appendingPathComponent("synthetic/en")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for n in 0..<syntheticArticles {
                let text = """
                    ---
                    title: "Synthetic failure number \(n) in module m\(n % 17)"
                    slug: synthetic-\(n)
                    lang: en
                    date: 2026-01-01
                    summary: "Generated article \(n) for time budget tests."
                    tags: [synthetic, group-\(n % 7)]
                    errors:
                      - "error E\(n): module m\(n % 17) failed with code \(n * 7)"
                    ---

                    Body of article \(n) about module m\(n % 17) and error E\(n).
                    """
                try text.write(to: folder.appendingPathComponent("synthetic-\(n).md"), atomically: true, encoding: .utf8)
            }
            roots.append(directory.appendingPathComponent("synthetic").path)
        }
        if !roots.isEmpty { _ = try ingest(roots) }
    }

    @discardableResult
    func ingest(_ roots: [String], progress: (@Sendable (IngestProgress) -> Void)? = nil) throws -> IngestReport {
        let writer = try Store.openWriter(path: path)
        return try Ingestor(progress: progress).ingest(roots: roots, into: writer)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The server configuration of a test: the given database, a quiet logger.
func testConfiguration(_ database: TestDatabase? = nil, _ configure: (inout AppConfiguration) -> Void = { _ in }) -> AppConfiguration {
    var configuration = AppConfiguration()
    if let database { configuration.databasePath = database.path }
    configuration.port = 0
    var logger = Logger(label: "kb.server.tests")
    logger.logLevel = .critical
    configuration.logger = logger
    configure(&configuration)
    return configuration
}

/// Builds the real application over a fixture database.
func makeApp(_ database: TestDatabase, _ configure: (inout AppConfiguration) -> Void = { _ in }) throws -> some ApplicationProtocol {
    try buildApplication(configuration: testConfiguration(database, configure))
}

extension TestResponse {
    /// The body decoded as JSON into `T`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    /// The body as a JSON object.
    func jsonObject() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(buffer: body))
        return try #require(value as? [String: Any])
    }

    var text: String { String(buffer: body) }
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}

extension ByteBuffer {
    init(text: String) { self.init(bytes: Array(text.utf8)) }
}

/// Runs blocking work on a thread of its own (not on the cooperative pool) and returns its result.
@discardableResult
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
