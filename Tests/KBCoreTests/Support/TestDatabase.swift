import Foundation
import KBCore

/// One test's world: a unique temporary folder holding a fresh kb database and any content the test writes.
/// The folder is removed when the value goes away, so tests share nothing and run in parallel.
final class TestDatabase {
    /// The test's private folder.
    let folder: URL
    /// The database file (created, with the schema migrated, on the first `writer()` or `ingest`).
    let path: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("kb.sqlite").path
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A write connection with every embedded migration applied.
    func writer() throws -> Database {
        try Store.openWriter(path: path)
    }

    /// Ingests `roots` (paths as given) in one run, the way `kb ingest` does.
    @discardableResult
    func ingest(_ roots: [String], prune: Bool = false, fault: Ingestor.Fault? = nil) throws -> IngestReport {
        let db = try writer()
        var ingestor = Ingestor(prune: prune)
        ingestor.fault = fault
        return try ingestor.ingest(roots: roots, into: db)
    }

    @discardableResult
    func ingest(_ root: URL, prune: Bool = false, fault: Ingestor.Fault? = nil) throws -> IngestReport {
        try ingest([root.path], prune: prune, fault: fault)
    }

    /// A search engine over the database (read-only connections).
    func engine() throws -> SearchEngine {
        try SearchEngine(path: path)
    }

    /// Runs `body` with a read-only connection of its own.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try body(Database(path: path, mode: .readOnly))
    }

    /// The first column of every row of `sql`, as text ("NULL" for NULL).
    func strings(_ sql: String, _ values: [SQLValue] = []) throws -> [String] {
        try read { db in try db.statement(sql).map(values) { $0.isNull(0) ? "NULL" : $0.string(0) } }
    }

    /// The first column of the first row of `sql`.
    func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> String? {
        try strings(sql, values).first
    }

    // MARK: - Content

    /// A folder inside the test's folder (created when missing).
    func contentFolder(_ name: String = "content") throws -> URL {
        let url = folder.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies the fixture file or folder at `fixture` (relative to Tests/Fixtures) to `relative` inside the content folder.
    @discardableResult
    func copyFixture(_ fixture: String, to relative: String? = nil, in name: String = "content") throws -> URL {
        let source = Fixtures.url(fixture)
        let target = try contentFolder(name).appendingPathComponent(relative ?? source.lastPathComponent)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: target)
        return target
    }

    /// Writes `text` to `relative` inside the content folder, replacing any file there.
    @discardableResult
    func write(_ relative: String, _ text: String, in name: String = "content") throws -> URL {
        try write(relative, Data(text.utf8), in: name)
    }

    @discardableResult
    func write(_ relative: String, _ data: Data, in name: String = "content") throws -> URL {
        let target = try contentFolder(name).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target
    }
}
