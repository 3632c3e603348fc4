import Foundation
import KBCore
import Testing

/// One ingest run is one transaction: a failure or a `kill -9` mid-run leaves the previous index intact.
@Suite(.timeLimit(.minutes(1)))
struct CrashSafetyTests {
    /// An index of the three `incremental` fixtures, then a content folder that would change all of them and add more.
    struct World {
        let test: TestDatabase
        let content: URL
        let before: [[String]]

        init() throws {
            test = try TestDatabase()
            content = try test.copyFixture("articles/incremental", to: "incremental")
            try test.ingest(content)
            before = try World.snapshot(test)
            // The next run would update three articles and add four.
            for name in ["alpha", "beta", "gamma"] {
                try test.write(
                    "incremental/\(name).md", "---\ntitle: \(name) rewritten\nslug: \(name)\nlang: en\n---\n\nRewritten body with kumquat.\n")
            }
            for n in 1...4 {
                try test.write("incremental/new-\(n).md", "---\ntitle: New \(n)\nslug: new-\(n)\nlang: en\n---\n\nA new article about kumquat.\n")
            }
        }

        /// Every article's slug, title, hash and body text, in slug order.
        static func snapshot(_ test: TestDatabase) throws -> [[String]] {
            try test.read { db in
                try db.statement("SELECT slug, title, content_hash, body_text FROM articles ORDER BY slug").map {
                    [$0.string(0), $0.string(1), $0.string(2), $0.string(3)]
                }
            }
        }

        /// The previous index is there, consistent, and still answers searches.
        func expectPreviousIndexIntact() throws {
            #expect(try World.snapshot(test) == before)
            let db = try test.writer()
            #expect(try db.statement("PRAGMA integrity_check").map { $0.string(0) } == ["ok"])
            try db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
            #expect(try db.statement("SELECT count(*) FROM articles_fts").first { $0.int(0) } == 3)
            let engine = try test.engine()
            #expect(try engine.search(SearchRequest(text: "certificates")).results.map(\.slug) == ["alpha"])
            #expect(try engine.search(SearchRequest(text: "kumquat")).total == 0, "nothing of the interrupted run is visible")
        }
    }

    @Test("a failure mid-ingest (Ingestor.fault = .throwAfter) leaves the previous index intact", arguments: [1, 2, 5])
    func simulatedCrash(after n: Int) throws {
        let world = try World()
        #expect(throws: IngestIssue.self) { try world.test.ingest(world.content, fault: .throwAfter(n)) }
        try world.expectPreviousIndexIntact()

        // The next run without the fault does the whole job.
        let report = try world.test.ingest(world.content)
        #expect(report.updated == 3 && report.added == 4)
        #expect(try world.test.engine().search(SearchRequest(text: "kumquat")).total == 7)
    }

    @Test("a reader open during a failed ingest sees the old index")
    func readerDuringFailedIngest() throws {
        let world = try World()
        let engine = try world.test.engine()
        #expect(try engine.search(SearchRequest(text: "certificates")).total == 1)
        #expect(throws: IngestIssue.self) { try world.test.ingest(world.content, fault: .throwAfter(3)) }
        #expect(try engine.search(SearchRequest(text: "certificates")).total == 1)
        #expect(try engine.search(SearchRequest(text: "kumquat")).total == 0)
    }

    @Test(
        "kill -9 of `kb ingest` mid-run leaves the previous index intact and consistent",
        .enabled(if: KBBinary.url != nil, "the kb binary was not found next to the test bundle (\(KBBinary.searched)); build it with swift build"))
    func killedProcess() async throws {
        let world = try World()
        let binary = try #require(KBBinary.url)
        let result = try await KBBinary.run(
            binary, ["ingest", world.content.path, "--db", world.test.path], environment: ["KB_FAULT_KILL_AFTER": "2"], in: world.test.folder)
        #expect(result.reason == .uncaughtSignal, "kb was killed, not exited (stderr: \(result.stderr))")
        #expect(result.status == SIGKILL)
        try world.expectPreviousIndexIntact()

        // And the same binary, without the fault, completes the run over the recovered database.
        let again = try await KBBinary.run(binary, ["ingest", world.content.path, "--db", world.test.path], environment: [:], in: world.test.folder)
        #expect(again.reason == .exit && again.status == 0, "stderr: \(again.stderr)")
        #expect(try world.test.engine().search(SearchRequest(text: "kumquat")).total == 7)
    }
}

/// The `kb` executable built next to the test bundle.
enum KBBinary {
    /// Folders where SwiftPM puts the products next to the test bundle.
    static var candidates: [URL] {
        var folders: [URL] = []
        if let override = ProcessInfo.processInfo.environment["KB_BINARY"] { return [URL(fileURLWithPath: override)] }
        let bundle = Bundle.main.bundleURL
        folders.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        if let executable = Bundle.main.executableURL {
            var folder = executable.deletingLastPathComponent()
            // macOS: kbPackageTests.xctest/Contents/MacOS/kbPackageTests
            while folder.path != "/" && folder.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) { folder.deleteLastPathComponent() }
            folders.append(folder)
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        var seen = Set<String>()
        return folders.map { $0.appendingPathComponent("kb") }.filter { seen.insert($0.path).inserted }
    }

    static var searched: String { candidates.map(\.path).joined(separator: ", ") }

    static var url: URL? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result {
        var reason: Process.TerminationReason
        var status: Int32
        var stderr: String
    }

    /// Runs the binary and awaits its end.
    static func run(_ binary: URL, _ arguments: [String], environment: [String: String], in folder: URL) async throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KB_DB")
        env.removeValue(forKey: "KB_FAULT_KILL_AFTER")
        process.environment = env.merging(environment) { $1 }
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let output = stderr.fileHandleForReading.readDataToEndOfFile()
        return Result(reason: process.terminationReason, status: process.terminationStatus, stderr: String(decoding: output, as: UTF8.self))
    }
}
