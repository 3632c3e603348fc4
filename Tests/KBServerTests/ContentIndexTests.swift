import Foundation
import Logging
import Testing

@testable import KBCore
@testable import KBServer

@Suite("kb serve ingests first when the database is missing or stale", .timeLimit(.minutes(1)))
struct ContentIndexTests {
    func copyFixtures(to directory: URL) throws -> String {
        let content = directory.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: Fixtures.root, to: content)
        return content.path
    }

    func setDate(_ date: Date, _ path: String) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }

    @Test("missing → ingested; unchanged → left alone; a newer file → ingested again")
    func staleness() throws {
        let world = try TestDatabase(roots: [])
        let content = try copyFixtures(to: world.directory)
        var logger = Logger(label: "test")
        logger.logLevel = .critical

        #expect(ContentIndex.isStale(database: world.path, content: content))
        let first = try #require(try ContentIndex.refreshIfStale(database: world.path, content: content, logger: logger))
        #expect(first.added == 6)

        // Make every content file and folder older than the database.
        let old = Date(timeIntervalSinceNow: -3600)
        let enumerator = try #require(FileManager.default.enumerator(atPath: content))
        for case let relative as String in enumerator { try setDate(old, content + "/" + relative) }
        try setDate(old, content)
        #expect(!ContentIndex.isStale(database: world.path, content: content))
        #expect(try ContentIndex.refreshIfStale(database: world.path, content: content, logger: logger) == nil)

        // An edited article is newer than the database (and its -wal).
        let edited = content + "/en/docker-exec-format-error.md"
        try (try String(contentsOfFile: edited, encoding: .utf8) + "\nOne more line.\n").write(toFile: edited, atomically: true, encoding: .utf8)
        try setDate(Date(timeIntervalSinceNow: 3600), edited)
        #expect(ContentIndex.isStale(database: world.path, content: content))
        let second = try #require(try ContentIndex.refreshIfStale(database: world.path, content: content, logger: logger))
        #expect(second.updated == 1)
    }
}
