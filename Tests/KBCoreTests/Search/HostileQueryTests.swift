import Foundation
import KBCore
import Testing

/// User text never reaches FTS5 MATCH raw: every syntax character and hostile input is plain words,
/// never a syntax error — results or none, never a throw.
@Suite struct HostileQueryTests {
    struct Input: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// The input holds the word "docker", so the docker article must still be found.
        var findsDocker = false
        var testDescription: String { name }
    }

    static let syntax: [Input] = [
        Input(name: #"""#, text: #"""#),
        Input(name: #"unbalanced ""#, text: #""docker push"#, findsDocker: true),
        Input(name: #"balanced "…""#, text: #""docker" "exec""#, findsDocker: true),
        Input(name: "'", text: "'"),
        Input(name: "doesn't", text: "docker doesn't start", findsDocker: true),
        Input(name: "(", text: "("),
        Input(name: ")", text: ")"),
        Input(name: "(docker", text: "(docker", findsDocker: true),
        Input(name: "AND", text: "AND"),
        Input(name: "OR", text: "OR"),
        Input(name: "NOT", text: "NOT"),
        Input(name: "docker AND", text: "docker AND", findsDocker: true),
        Input(name: "NOT docker", text: "NOT docker", findsDocker: true),
        Input(name: "OR OR OR", text: "OR OR OR"),
        Input(name: "NEAR(", text: "NEAR("),
        Input(name: "NEAR(docker exec, 2)", text: "NEAR(docker exec, 2)", findsDocker: true),
        Input(name: "*", text: "*"),
        Input(name: "docker*", text: "docker*", findsDocker: true),
        Input(name: "* docker", text: "* docker", findsDocker: true),
        Input(name: "^", text: "^"),
        Input(name: "^docker", text: "^docker", findsDocker: true),
        Input(name: ":", text: ":"),
        // One identifier to the tokenizer (as node:internal or permission_denied are), not a column filter: no match, no error.
        Input(name: "title:docker", text: "title:docker"),
        Input(name: "body_text: docker", text: "body_text: docker", findsDocker: true),
        Input(name: "{title body}: docker", text: "{title body}: docker", findsDocker: true),
        Input(name: "-", text: "-"),
        Input(name: "-docker", text: "-docker", findsDocker: true),
        Input(name: "+", text: "+"),
        Input(name: "+docker", text: "+docker", findsDocker: true),
        Input(name: "punctuation soup", text: #"(("*^:-+)) AND OR NOT NEAR( "" '' [] {} \ / ; , . ! ? @ # $ % & = < > | ~ `"#),
    ]

    static let hostile: [Input] = [
        Input(name: "emoji", text: "🐳🔥💥"),
        Input(name: "emoji with a word", text: "🐳 docker 🔥", findsDocker: true),
        Input(name: "ZWJ emoji sequence", text: "👩‍💻 docker", findsDocker: true),
        Input(name: "NUL", text: "\u{0}"),
        Input(name: "NUL inside a word", text: "doc\u{0}ker docker", findsDocker: true),
        Input(name: "right-to-left Arabic", text: "خطأ في الاتصال بالخادم"),
        Input(name: "right-to-left Hebrew with a word", text: "שגיאה docker שגיאה", findsDocker: true),
        Input(name: "RTL override mark", text: "\u{202E}docker\u{202C}", findsDocker: true),
        Input(name: "combining marks", text: "d\u{0301}o\u{0308}cker"),
        Input(name: "lone surrogate-like escapes", text: "\\uD800 \\x00 %00"),
        Input(name: "control characters", text: "\u{1}\u{7}\u{8} docker \u{7F}", findsDocker: true),
        Input(name: "ANSI colour codes", text: "\u{1B}[31merror\u{1B}[0m: \u{1B}[1mexec format\u{1B}[0m"),
        Input(name: "SQL injection", text: "docker'); DROP TABLE articles; --", findsDocker: true),
        Input(name: "only whitespace", text: " \t\n\r "),
        Input(
            name: "100 KB of text", text: String(repeating: "docker push denied AND \"NEAR( * ^ : - + ", count: 100 * 1024 / 40), findsDocker: true),
        Input(name: "one 100 KB word", text: String(repeating: "x", count: 100 * 1024)),
        Input(name: "100 KB of Japanese", text: String(repeating: "権限がありません。", count: 100 * 1024 / 27)),
        Input(
            name: "a 2,000-line log", text: (1...2_000).map { "line \($0): error: exec format error (docker)" }.joined(separator: "\n"),
            findsDocker: true),
    ]

    let test: TestDatabase
    let engine: SearchEngine

    init() throws {
        test = try TestDatabase()
        try test.ingest(Fixtures.url("articles/search"))
        engine = try test.engine()
    }

    func check(_ input: Input) throws {
        var response: SearchResponse?
        #expect(throws: Never.self) { response = try engine.search(SearchRequest(text: input.text, limit: 100)) }
        guard let response else { return }
        #expect(response.total == response.results.count)
        if input.findsDocker {
            #expect(response.results.contains { $0.slug == "docker-exec-format-error" }, "the word docker is still found")
        }
        // The same input with every option set is still valid.
        #expect(throws: Never.self) {
            _ = try engine.search(SearchRequest(text: input.text, lang: "ja", onlyLang: "en", tags: [input.text], limit: 5, offset: 1))
        }
    }

    @Test("every FTS5 syntax character is a plain word", arguments: syntax)
    func syntaxCharacters(_ input: Input) throws { try check(input) }

    @Test("hostile input is a plain query", arguments: hostile)
    func hostileInput(_ input: Input) throws { try check(input) }

    @Test("the index is untouched after hostile queries")
    func indexUntouched() throws {
        for input in Self.syntax + Self.hostile { _ = try? engine.search(SearchRequest(text: input.text)) }
        #expect(try test.scalar("SELECT count(*) FROM articles") == "8")
        let db = try test.writer()
        try db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    }

    @Test("a hostile slug or tag is just not found")
    func hostileLookups() throws {
        for text in [#"""#, "'; DROP TABLE articles; --", "\u{0}", "%", "_", "*"] {
            #expect(try engine.article(lang: "en", slug: text) == nil)
            #expect(try engine.articles(tag: text) == nil)
        }
    }
}
