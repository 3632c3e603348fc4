import ArgumentParser
import Foundation
import KBCore

extension KB {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how kb reads an input: lines kept and dropped, each line's signature, the matches and the results.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The reader's language.")
        var lang: String?
        @Flag(help: "Print JSON.")
        var json = false
        @Argument(help: ArgumentHelp("The input, or - for standard input.", valueName: "text"))
        var text: [String] = []

        func validate() throws {
            guard !text.isEmpty else { throw ValidationError("Please provide the text to explain (or - to read standard input).") }
        }

        func run() throws {
            let input = try readText(text)
            let explanation = try database.searchEngine().explain(input, lang: lang)
            if json {
                try Terminal.printJSON(explanation)
                return
            }
            print(Terminal.bold("Kept lines") + (explanation.hasErrorLines ? "" : " (no line reads as an error: the whole input is one query)"))
            for line in explanation.kept {
                print(String(format: "  %4d  w=%.2f  ", line.number, line.weight) + line.text.prefix(160))
                print("        signature: " + line.signature)
                for m in line.matches {
                    print(String(format: "        → %@ %.3f  %@/%@  (%@)", m.kind.rawValue, m.score, m.lang, m.slug, m.signature))
                }
            }
            if !explanation.dropped.isEmpty {
                print(Terminal.bold("Dropped lines") + " (\(explanation.dropped.count))")
                for line in explanation.dropped.prefix(40) {
                    print(String(format: "  %4d  %-11@ ", line.number, line.reason as NSString) + line.text.prefix(100))
                }
                if explanation.dropped.count > 40 { print("  … \(explanation.dropped.count - 40) more") }
            }
            print(Terminal.bold("Full-text terms") + ": " + explanation.textTerms.joined(separator: " · "))
            if !explanation.crossLanguageTerms.isEmpty {
                print(Terminal.bold("Cross-language terms") + ": " + explanation.crossLanguageTerms.joined(separator: " · "))
            }
            print(Terminal.bold("Results"))
            for (n, r) in explanation.results.enumerated() {
                print(String(format: "  %d. %.3f  %@/%@  ", n + 1, r.score, r.lang, r.slug) + r.title)
            }
        }
    }
}
