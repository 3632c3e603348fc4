import ArgumentParser
import Foundation
import Testing

@testable import KBCommand

/// Every subcommand explains itself, and every `kb …` command line shown in the README parses.
@Suite struct KBDocsTests {
    /// The help of `kb` as ArgumentParser describes it to tools (what `kb --experimental-dump-help` prints).
    static func toolInfo() throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(KB._dumpHelp().utf8)) as? [String: Any]
        return try #require(json?["command"] as? [String: Any])
    }

    @Test("kb and every subcommand have an abstract, shown by --help")
    func abstracts() throws {
        #expect(!KB.configuration.abstract.isEmpty)
        let subcommands = KB.configuration.subcommands
        let names = Set(subcommands.map { $0._commandName })
        #expect(names.isSuperset(of: ["ingest", "search", "show", "tags", "stats"]))
        for command in subcommands {
            let name = command._commandName
            let abstract = command.configuration.abstract
            #expect(!abstract.isEmpty, "kb \(name) has no abstract")
            #expect(abstract.hasSuffix("."), "kb \(name)'s abstract is a sentence")
            let help = KB.helpMessage(for: command).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(
                help.hasPrefix("OVERVIEW: " + abstract.split(whereSeparator: \.isWhitespace).joined(separator: " ")),
                "kb \(name) --help opens with its abstract")
        }
    }

    @Test("every option, flag and argument of every subcommand has help text")
    func helpTexts() throws {
        // ArgumentParser adds its own `help` subcommand; the others are kb's.
        let subcommands = try #require(try Self.toolInfo()["subcommands"] as? [[String: Any]]).filter { $0["commandName"] as? String != "help" }
        #expect(subcommands.count == KB.configuration.subcommands.count)
        for command in subcommands {
            let name = command["commandName"] as? String ?? "?"
            #expect(!(command["abstract"] as? String ?? "").isEmpty, "kb \(name)")
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool ?? true {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                let label = names.first ?? argument["valueName"] as? String ?? "?"
                #expect(!(argument["abstract"] as? String ?? "").isEmpty, "kb \(name) \(label) has no help text")
            }
        }
    }

    @Test(
        "every kb command line in README.md's code blocks parses",
        .enabled(if: ProjectFiles.hasReadme, "README.md does not exist yet (it is being written); this test runs once it does"))
    func readmeCommandsParse() throws {
        let readme = try String(contentsOf: ProjectFiles.readme, encoding: .utf8)
        let commands = Self.kbCommandLines(inCodeBlocksOf: readme)
        #expect(!commands.isEmpty, "README.md shows no kb command line in a code block")
        for command in commands {
            do {
                _ = try KB.parseAsRoot(command.arguments)
            } catch {
                // --help and --version end parsing with a clean exit.
                #expect(KB.exitCode(for: error) == .success, "README line \(command.line): \(command.text)\n\(KB.message(for: error))")
            }
        }
    }

    @Test("the README scanner finds kb lines in shells, pipes, continuations and prompts")
    func readmeScanner() {
        let sample = """
            Some prose mentioning kb search in passing.

            ```sh
            $ kb ingest Content --prune
            3 added, 0 updated, 0 unchanged, 0 removed, 0 failed in 0.10 s
            cat build.log | kb search --lang ja -
            KB_DB=/tmp/kb.sqlite kb search "denied: permission_denied: write_package" --limit 3  # a comment
            kb show \\
              ja/ghcr-write-package --json
            swift run kb tags --lang ko
            kb search 'it'"'"'s broken' && echo done
            ```

            ```text
            kb.sqlite is the default database
            ```
            """
        let lines = Self.kbCommandLines(inCodeBlocksOf: sample).map(\.arguments)
        #expect(
            lines == [
                ["ingest", "Content", "--prune"],
                ["search", "--lang", "ja", "-"],
                ["search", "denied: permission_denied: write_package", "--limit", "3"],
                ["show", "ja/ghcr-write-package", "--json"],
                ["tags", "--lang", "ko"],
                ["search", "it's broken"],
            ])
    }

    // MARK: - README scanning

    struct CommandLine {
        var line: Int
        var text: String
        var arguments: [String]
    }

    /// The `kb` invocations in the fenced code blocks of `markdown`: after a `$ ` prompt, `VAR=value` prefixes,
    /// `swift run`, or a pipe; joined across `\` continuations; stopped at `#`, `&&`, `;`, `|` and redirections.
    static func kbCommandLines(inCodeBlocksOf markdown: String) -> [CommandLine] {
        var out: [CommandLine] = []
        var fence: String?
        var pending: (line: Int, text: String)?
        for (index, raw) in markdown.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                let marker = String(line.prefix(3))
                fence = fence == nil ? marker : (fence == marker ? nil : fence)
                pending = nil
                continue
            }
            guard fence != nil else { continue }
            var text = line
            if let p = pending {
                text = p.text + " " + line
            }
            if text.hasSuffix("\\") {
                pending = (pending?.line ?? index + 1, String(text.dropLast()))
                continue
            }
            let number = pending?.line ?? index + 1
            pending = nil
            for segment in pipelineSegments(shellWords(text)) {
                var words = segment
                if words.first == "$" { words.removeFirst() }
                while let first = words.first, first.contains("="), !first.hasPrefix("-"), first.first?.isLetter == true { words.removeFirst() }
                if words.starts(with: ["swift", "run"]) { words.removeFirst(2) }
                guard let program = words.first, program == "kb" || program.hasSuffix("/kb") else { continue }
                out.append(CommandLine(line: number, text: text, arguments: Array(words.dropFirst())))
            }
        }
        return out
    }

    /// Splits a command into pipeline stages, dropping what follows `&&`, `||`, `;`, `#` and redirections.
    static func pipelineSegments(_ words: [Word]) -> [[String]] {
        var segments: [[String]] = [[]]
        for word in words {
            if word.isOperator {
                switch word.text {
                case "|": segments.append([])
                default: return segments.filter { !$0.isEmpty }
                }
            } else {
                segments[segments.count - 1].append(word.text)
            }
        }
        return segments.filter { !$0.isEmpty }
    }

    struct Word: Equatable {
        var text: String
        var isOperator = false
    }

    /// POSIX-shell-like words: single and double quotes, backslash escapes, and the operators | || && ; # > 2> <.
    static func shellWords(_ line: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        var inWord = false
        var chars = Array(line)[...]
        func flush() {
            if inWord { words.append(Word(text: current)) }
            current = ""
            inWord = false
        }
        while let c = chars.popFirst() {
            switch c {
            case " ", "\t":
                flush()
            case "'":
                inWord = true
                while let d = chars.popFirst(), d != "'" { current.append(d) }
            case "\"":
                inWord = true
                while let d = chars.popFirst(), d != "\"" {
                    if d == "\\", let e = chars.first, "\"\\$`".contains(e) {
                        current.append(chars.removeFirst())
                    } else {
                        current.append(d)
                    }
                }
            case "\\":
                inWord = true
                if let d = chars.popFirst() { current.append(d) }
            case "#" where !inWord:
                flush()
                words.append(Word(text: "#", isOperator: true))
                return words
            case "|", "&", ";", ">", "<":
                if c == ">" && current == "2" && inWord {
                    current = ""
                    inWord = false
                }
                flush()
                var op = String(c)
                if let d = chars.first, d == c { op.append(chars.removeFirst()) }
                words.append(Word(text: op, isOperator: true))
            default:
                inWord = true
                current.append(c)
            }
        }
        flush()
        return words
    }
}
