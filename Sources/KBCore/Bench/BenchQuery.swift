import Foundation

/// The three kinds of input kb is measured on.
public enum QueryMix: String, Sendable, Codable, CaseIterable {
    /// One error message, as copied from a terminal or a browser console.
    case message
    /// A whole crash output or CI log: stack frames, progress, timestamps and the error lines among them.
    case crash
    /// A short Japanese or Korean query.
    case cjk
}

/// One benchmark query.
public struct BenchQuery: Sendable, Codable, Hashable {
    public var id: String
    public var mix: QueryMix
    /// The reader's language (`SearchRequest.lang`), as `kb eval` passes it.
    public var lang: String
    public var text: String
    /// `tsv` (from a queries file) or `corpus` (made from the database's own articles).
    public var source: String

    public var request: SearchRequest { SearchRequest(text: text, lang: lang, limit: 10) }
}

extension BenchQuery {
    /// The queries of an evaluation TSV (`id kind lang query expected_slug`): kind `message` and `crash` go to their
    /// mix, `natural` queries in Japanese or Korean to `cjk`; others are left out.
    public static func load(tsv path: String) throws -> [BenchQuery] {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        let evaluation = try Evaluation(tsv: String(decoding: data, as: UTF8.self), path: path)
        return evaluation.queries.compactMap { q in
            let mix: QueryMix
            switch q.kind {
            case "message": mix = .message
            case "crash": mix = .crash
            case "natural" where q.lang == "ja" || q.lang == "ko": mix = .cjk
            default: return nil
            }
            return BenchQuery(id: q.id, mix: mix, lang: q.lang, text: q.text, source: "tsv")
        }
    }

    /// Up to `count` queries per mix made from the database's own articles, the same for the same seed:
    /// - message: error messages the articles quote (`article_signatures.raw`);
    /// - crash: some of those messages inside a Node.js crash, a GitHub Actions log or a browser console dump;
    /// - cjk: one or two words of Japanese and Korean titles.
    public static func fromCorpus(database path: String, count: Int, seed: UInt64) throws -> [BenchQuery] {
        guard count > 0 else { return [] }
        let db = try Database(path: path, mode: .readOnly)
        var messages: [String] = []
        var seen = Set<String>()
        try db.statement(
            """
            SELECT raw FROM article_signatures
            WHERE source IN ('frontMatter', 'title', 'codeBlock', 'messageSection') AND length(raw) BETWEEN 15 AND 300
            ORDER BY id
            """
        ).forEach { row in
            let raw = row.string(0).trimmingCharacters(in: .whitespaces)
            if seen.insert(raw).inserted { messages.append(raw) }
        }
        var titles: [(lang: String, title: String)] = []
        try db.statement("SELECT lang, title FROM articles WHERE lang IN ('ja', 'ko') AND draft = 0 ORDER BY id").forEach {
            titles.append(($0.string(0), $0.string(1)))
        }
        var out: [BenchQuery] = []
        var random = BenchRandom(seed: seed, stream: "queries")
        for (n, message) in sample(messages, count, &random).enumerated() {
            out.append(BenchQuery(id: "corpus-message-\(n + 1)", mix: .message, lang: "en", text: message, source: "corpus"))
        }
        for n in 0..<(messages.isEmpty ? 0 : count) {
            let errors = (0..<random.within(1...2)).map { _ in random.pick(messages) }
            out.append(BenchQuery(id: "corpus-crash-\(n + 1)", mix: .crash, lang: "en", text: crashOutput(errors, &random), source: "corpus"))
        }
        var cjk: [BenchQuery] = []
        var attempts = 0
        while cjk.count < count && !titles.isEmpty && attempts < count * 20 {
            attempts += 1
            let (lang, title) = random.pick(titles)
            guard let text = shortQuery(title: title, lang: lang, &random) else { continue }
            cjk.append(BenchQuery(id: "corpus-cjk-\(cjk.count + 1)", mix: .cjk, lang: lang, text: text, source: "corpus"))
        }
        return out + cjk
    }

    static func sample(_ items: [String], _ count: Int, _ random: inout BenchRandom) -> [String] {
        guard items.count > count else { return items }
        var pool = items
        var out: [String] = []
        for _ in 0..<count {
            pool.swapAt(random.below(pool.count), pool.count - 1)
            out.append(pool.removeLast())
        }
        return out
    }

    /// A short query from a title: a Japanese run of 2 to 6 characters, or one or two Korean words.
    static func shortQuery(title: String, lang: String, _ random: inout BenchRandom) -> String? {
        if lang == "ko" {
            let words = title.split(separator: " ").map { String($0.unicodeScalars.filter { (0xAC00...0xD7A3).contains($0.value) }.map(Character.init)) }
                .filter { $0.count >= 2 }
            guard !words.isEmpty else { return nil }
            let first = random.below(words.count)
            let n = min(words.count - first, random.within(1...2))
            return words[first..<first + n].joined(separator: " ")
        }
        var runs: [String] = []
        var current = ""
        for scalar in title.unicodeScalars {
            if (0x3040...0x30FF).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                runs.append(current)
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        runs = runs.filter { $0.count >= 2 }
        guard !runs.isEmpty else { return nil }
        let run = Array(random.pick(runs))
        let length = min(run.count, random.within(2...6))
        let start = random.below(run.count - length + 1)
        return String(run[start..<start + length])
    }

    static let functions = [
        "handleClick", "render", "loadConfig", "main", "fetchData", "parseInput", "init", "onMessage", "processItem", "dispatch",
        "resolveModule", "updateState", "validate", "connect", "runTask",
    ]
    static let files = ["index", "app", "server", "worker", "utils/config", "lib/parser", "components/Form", "routes/api", "store/cart"]

    /// A whole crash output around `errors`: a Node.js crash, a GitHub Actions job log, or a browser console dump.
    static func crashOutput(_ errors: [String], _ random: inout BenchRandom) -> String {
        func frames(_ n: Int, _ base: String, _ random: inout BenchRandom) -> [String] {
            (0..<n).map { _ in "    at \(random.pick(functions)) (\(base)\(random.pick(files)).js:\(random.within(1...400)):\(random.within(1...80)))" }
        }
        var lines: [String] = []
        switch random.below(3) {
        case 0:
            let file = random.pick(files)
            lines += ["/home/dev/app/src/\(file).js:\(random.within(2...300))", "    const result = \(random.pick(functions))(input);", "                   ^", ""]
            for error in errors {
                lines.append(error)
                lines += frames(random.within(3...9), "/home/dev/app/src/", &random)
            }
            lines += [
                "    at Module._compile (node:internal/modules/cjs/loader:1554:14)", "    at Object..js (node:internal/modules/cjs/loader:1706:10)",
                "    at Module.load (node:internal/modules/cjs/loader:1289:32)", "", "Node.js v20.19.1",
            ]
        case 1:
            var second = random.within(0...50)
            func stamp(_ text: String) -> String {
                second += 1
                return String(format: "2025-03-04T10:%02d:%02d.%07dZ ", (second / 60) % 60, second % 60, second * 7_919 % 10_000_000) + text
            }
            lines += ["##[group]Run npm test", "npm test", "shell: /usr/bin/bash -e {0}", "##[endgroup]", "", "> app@1.4.2 test", "> jest --ci", ""].map(stamp)
            for _ in 0..<random.within(3...12) { lines.append(stamp("PASS src/\(random.pick(files)).test.js (\(random.within(1...9)).\(random.within(0...9)) s)")) }
            let file = random.pick(files)
            lines.append(stamp("FAIL src/\(file).test.js"))
            lines.append(stamp("  ● \(random.pick(functions)) › handles the request"))
            lines.append(stamp(""))
            for error in errors {
                lines.append(stamp("    " + error))
                lines += frames(random.within(2...6), "src/", &random).map { stamp("  " + $0) }
            }
            lines += ["", "Test Suites: 1 failed, 11 passed, 12 total", "Tests:       1 failed, 97 passed, 98 total", "##[error]Process completed with exit code 1."].map(stamp)
        default:
            let bundle = String(random.next() & 0xff_ffff, radix: 16)
            for error in errors {
                lines.append(error.hasPrefix("Uncaught") ? error : "Uncaught " + error)
                lines += frames(random.within(4...10), "https://shop.example.com/assets/app.\(bundle)/", &random)
            }
        }
        return lines.joined(separator: "\n")
    }
}
