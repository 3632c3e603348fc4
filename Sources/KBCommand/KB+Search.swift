import ArgumentParser
import Foundation
import KBCore

extension KB {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the articles that answer an error message, a stack trace, a CI log or a question.",
            discussion: "TEXT may be several words; - reads standard input (pipe a log in).")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The reader's language (en, ja, ko): its articles come first when about as good.")
        var lang: String?
        @Option(name: .customLong("only-lang"), help: "Only articles in this language.")
        var onlyLang: String?
        @Option(name: .customLong("tag"), help: "Only articles with this tag (repeatable: all must match).")
        var tags: [String] = []
        @Option(help: "Results per page (1-100).")
        var limit = 10
        @Option(help: "Results to skip.")
        var offset = 0
        @Flag(help: "Print JSON.")
        var json = false
        @Flag(name: .customLong("record-gaps"), help: "Record error signatures that match no article, for kb gaps (env: KB_RECORD_GAPS=1). Off by default: pasted logs may hold secrets.")
        var recordGaps = false
        @Argument(help: ArgumentHelp("The text to search for, or - for standard input.", valueName: "text"))
        var text: [String] = []

        func validate() throws {
            guard !text.isEmpty else { throw ValidationError("Please provide the text to search for (or - to read standard input).") }
            guard (1...SearchRequest.maxLimit).contains(limit) else { throw ValidationError("--limit must be between 1 and \(SearchRequest.maxLimit).") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more.") }
            for value in [lang, onlyLang].compactMap({ $0 }) where LanguageCode.primary(of: value) == nil {
                throw ValidationError("'\(value)' is not a language tag such as en, ja or ko.")
            }
        }

        func run() throws {
            let query = try readText(text)
            let engine = try database.searchEngine()
            let response = try engine.search(SearchRequest(text: query, lang: lang, onlyLang: onlyLang, tags: tags, limit: limit, offset: offset))
            if recordGaps || ProcessInfo.processInfo.environment["KB_RECORD_GAPS"] == "1" {
                try ContentGaps(path: database.path).record(query, engine: engine)
            }
            if json {
                try Terminal.printJSON(response)
                return
            }
            if response.results.isEmpty {
                print("No articles found.")
                return
            }
            for (n, r) in response.results.enumerated() {
                print("\(offset + n + 1). [\(r.lang)] \(Terminal.bold(r.title))")
                var facts = ["\(r.lang)/\(r.slug)", String(format: "score %.3f", r.score)]
                if !r.tags.isEmpty { facts.append("tags: " + r.tags.joined(separator: ", ")) }
                if !r.translations.isEmpty { facts.append("also in: " + r.translations.map(\.lang).joined(separator: ", ")) }
                print("   " + Terminal.dim(facts.joined(separator: " · ")))
                for m in r.matched where m.kind != .text {
                    print("   matched (\(m.kind.rawValue)): \(m.signature ?? "")")
                }
                let snippet = r.snippetSegments.map { $0.highlight ? Terminal.bold($0.text) : $0.text }.joined()
                if !snippet.isEmpty { print("   " + snippet) }
            }
            print(Terminal.dim("\(response.total) result\(response.total == 1 ? "" : "s")"))
        }
    }
}
