import ArgumentParser
import Testing

@testable import KBCommand

/// Every subcommand parses in-process with `parseAsRoot`; validation errors are checked verbatim with `message(for:)`.
@Suite struct KBParsingTests {
    func parse<T: ParsableCommand>(_ arguments: [String], as type: T.Type) throws -> T {
        let command = try KB.parseAsRoot(arguments)
        return try #require(command as? T, "\(arguments) parsed as \(Swift.type(of: command))")
    }

    @Test("kb ingest [PATH ...] [--prune] [--json] [--db FILE]")
    func ingest() throws {
        let bare = try parse(["ingest"], as: KB.Ingest.self)
        #expect(bare.paths == [])
        #expect(!bare.prune && !bare.json)
        #expect(bare.database.db == nil)

        let full = try parse(["ingest", "Content/en", "Content/ja", "--prune", "--json", "--db", "/tmp/kb.sqlite"], as: KB.Ingest.self)
        #expect(full.paths == ["Content/en", "Content/ja"])
        #expect(full.prune && full.json)
        #expect(full.database.path == "/tmp/kb.sqlite")
    }

    @Test("kb search with every option")
    func search() throws {
        let s = try parse(
            [
                "search", "--lang", "ja", "--only-lang", "ko", "--tag", "docker", "--tag", "GitHub Actions", "--limit", "5", "--offset", "10",
                "--json", "--db", "x.sqlite",
                "exec", "format", "error",
            ],
            as: KB.Search.self)
        #expect(s.lang == "ja")
        #expect(s.onlyLang == "ko")
        #expect(s.tags == ["docker", "GitHub Actions"])
        #expect(s.limit == 5)
        #expect(s.offset == 10)
        #expect(s.json)
        #expect(s.database.path == "x.sqlite")
        #expect(s.text == ["exec", "format", "error"])
    }

    @Test("kb search defaults: limit 10, offset 0, every language")
    func searchDefaults() throws {
        let s = try parse(["search", "denied: permission_denied: write_package"], as: KB.Search.self)
        #expect(s.text == ["denied: permission_denied: write_package"])
        #expect(s.limit == 10 && s.offset == 0)
        #expect(s.lang == nil && s.onlyLang == nil && s.tags.isEmpty && !s.json)
    }

    @Test("kb search - reads standard input")
    func searchStdin() throws {
        #expect(try parse(["search", "-"], as: KB.Search.self).text == ["-"])
    }

    @Test("kb search: text after -- may start with a dash")
    func searchDashText() throws {
        #expect(try parse(["search", "--", "--no-cache", "fails"], as: KB.Search.self).text == ["--no-cache", "fails"])
    }

    @Test("kb show LANG/SLUG [--json]; the slug may contain /")
    func show() throws {
        let s = try parse(["show", "ja/ghcr-permission-denied-write-package", "--json"], as: KB.Show.self)
        #expect(s.id == "ja/ghcr-permission-denied-write-package")
        #expect(s.json)
        #expect(
            try parse(["show", "ko/Web/JavaScript/Reference/Errors/Not_a_function"], as: KB.Show.self).id
                == "ko/Web/JavaScript/Reference/Errors/Not_a_function")
    }

    @Test("kb tags [--lang L] [--json]")
    func tags() throws {
        let t = try parse(["tags", "--lang", "ko", "--json"], as: KB.Tags.self)
        #expect(t.lang == "ko")
        #expect(t.json)
        #expect(try parse(["tags"], as: KB.Tags.self).lang == nil)
    }

    @Test("kb stats [--json]")
    func stats() throws {
        #expect(try parse(["stats", "--json"], as: KB.Stats.self).json)
        #expect(try parse(["stats", "--db", "other.sqlite"], as: KB.Stats.self).database.path == "other.sqlite")
    }

    @Test("kb explain, kb eval and kb lint parse")
    func otherCommands() throws {
        let explain = try parse(["explain", "--lang", "ja", "--json", "exec", "format", "error"], as: KB.Explain.self)
        #expect(explain.text == ["exec", "format", "error"] && explain.lang == "ja" && explain.json)
        let eval = try parse(["eval", "--min-mrr", "0.8", "--misses", "queries.tsv"], as: KB.Eval.self)
        #expect(eval.file == "queries.tsv" && eval.minMRR == 0.8 && eval.misses)
        let lint = try parse(["lint", "--json", "Content/ja"], as: KB.Lint.self)
        #expect(lint.paths == ["Content/ja"] && lint.json)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { "kb " + arguments.joined(separator: " ") }
    }

    static let invalid: [Invalid] = [
        Invalid(arguments: ["search"], message: "Please provide the text to search for (or - to read standard input)."),
        Invalid(arguments: ["search", "--limit", "0", "docker"], message: "--limit must be between 1 and 100."),
        Invalid(arguments: ["search", "--limit", "101", "docker"], message: "--limit must be between 1 and 100."),
        Invalid(arguments: ["search", "--offset=-1", "docker"], message: "--offset must be 0 or more."),
        Invalid(arguments: ["search", "--lang", "english!", "docker"], message: "'english!' is not a language tag such as en, ja or ko."),
        Invalid(arguments: ["search", "--only-lang", "x", "docker"], message: "'x' is not a language tag such as en, ja or ko."),
        Invalid(arguments: ["show", "nolang"], message: "Please give the article as LANG/SLUG, e.g. en/docker-exec-format-error."),
        Invalid(arguments: ["show", "ja/"], message: "Please give the article as LANG/SLUG, e.g. en/docker-exec-format-error."),
        Invalid(arguments: ["show", "/slug"], message: "Please give the article as LANG/SLUG, e.g. en/docker-exec-format-error."),
        Invalid(arguments: ["explain"], message: "Please provide the text to explain (or - to read standard input)."),
    ]

    @Test("validation messages, verbatim", arguments: invalid)
    func validationMessage(_ c: Invalid) throws {
        let error = try #require(throws: (any Error).self) { try KB.parseAsRoot(c.arguments) }
        #expect(KB.message(for: error) == c.message)
        #expect(KB.exitCode(for: error) == .validationFailure)
    }

    @Test(
        "unknown options and subcommands are usage errors",
        arguments: [["search", "--color", "docker"], ["serach", "docker"], ["search", "--limit", "ten", "docker"], ["show"]])
    func usageErrors(_ arguments: [String]) throws {
        let error = try #require(throws: (any Error).self) { try KB.parseAsRoot(arguments) }
        #expect(KB.exitCode(for: error) == .validationFailure)
        #expect(!KB.message(for: error).isEmpty)
    }

    @Test("--db beats the default kb.sqlite")
    func databasePath() throws {
        #expect(try parse(["stats", "--db", "a.sqlite"], as: KB.Stats.self).database.path == "a.sqlite")
    }
}
