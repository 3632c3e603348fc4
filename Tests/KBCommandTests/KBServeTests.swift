import ArgumentParser
import Testing

@testable import KBCommand

/// `kb serve` parses in-process; its validation messages are pinned verbatim.
@Suite struct KBServeTests {
    @Test("kb serve with no options serves Content/ on 127.0.0.1:8080 for every origin")
    func defaults() throws {
        let serve = try #require(try KB.parseAsRoot(["serve"]) as? KB.Serve)
        #expect(serve.host == "127.0.0.1")
        #expect(serve.port == 8080)
        #expect(serve.database.db == nil)
        #expect(serve.content == nil)
        #expect(serve.corsOrigins == [])
        #expect(serve.timeBudget == 2000)
        #expect(serve.cacheEntries == 2048)
    }

    @Test("kb serve with every option")
    func options() throws {
        let arguments = [
            "serve", "--host", "0.0.0.0", "--port", "0", "--db", "/tmp/kb.sqlite", "--content", "docs/kb", "--cors-origin", "https://a.example",
            "--cors-origin", "https://b.example", "--time-budget", "250", "--cache-entries", "0", "--log-level", "warning",
        ]
        let serve = try #require(try KB.parseAsRoot(arguments) as? KB.Serve)
        #expect(serve.host == "0.0.0.0")
        #expect(serve.port == 0)
        #expect(serve.database.path == "/tmp/kb.sqlite")
        #expect(serve.contentPath == "docs/kb")
        #expect(serve.corsOrigins == ["https://a.example", "https://b.example"])
        #expect(serve.timeBudget == 250)
        #expect(serve.cacheEntries == 0)
        #expect(serve.logLevel == .warning)
    }

    @Test(
        "kb serve rejects bad values with a message that says what to do",
        arguments: [
            (["serve", "--port", "70000"], "--port must be between 0 and 65535."),
            (["serve", "--time-budget", "0"], "--time-budget must be a positive number of milliseconds."),
            (["serve", "--cache-entries=-1"], "--cache-entries must be 0 or more."),
            (["serve", "--cors-origin", "example.com"], "--cors-origin 'example.com' must be * or an origin such as https://example.com."),
        ])
    func validation(arguments: [String], message: String) {
        do {
            _ = try KB.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(KB.message(for: error) == message)
        }
    }
}
