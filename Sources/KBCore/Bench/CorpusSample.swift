import Foundation

/// What the synthetic corpus generator draws from: a seeded sample of a real corpus's article sizes, titles, slugs,
/// prose lines, headings, code blocks and error lines, per language. It lives in memory only; nothing of the real
/// corpus is written anywhere but into the generated articles.
struct CorpusSample {
    struct CodeBlock {
        var info: String
        var lines: [String]
    }

    struct Language {
        var articles = 0
        var bytes = 0
        /// Every article's body size in bytes (the generator samples from it).
        var bodySizes: [Int] = []
        /// Articles with at least one line that reads as an error message.
        var articlesWithErrors = 0
        var titles = Reservoir<String>(capacity: 30_000)
        var summaries = Reservoir<String>(capacity: 20_000)
        var prose = Reservoir<String>(capacity: 120_000)
        var headings = Reservoir<String>(capacity: 20_000)
    }

    var languages: [String: Language] = [:]
    var codeBlocks = Reservoir<CodeBlock>(capacity: 20_000)
    /// Distinct lines that read as error messages (`ErrorLineClassifier` score ≥ 0.5), from code and prose.
    var errorLines = Reservoir<String>(capacity: 20_000)
    /// Slug folders (`Web/API/HTMLInputElement`), as often as articles use them.
    var slugFolders = Reservoir<String>(capacity: 50_000)
    /// Last slug components (`selectionStart`).
    var slugLeaves = Reservoir<String>(capacity: 50_000)
    /// Lower-cased slug folder components, as often as articles use them: the tag vocabulary.
    var tagWords = Reservoir<String>(capacity: 50_000)
    var files = 0

    /// Reads every article file under `root` (the files `kb ingest` would read, in path order).
    init(root: String, seed: UInt64) throws {
        let (files, issue) = Ingestor.walk(root: root)
        if let issue { throw BenchError(issue.description) }
        guard !files.isEmpty else { throw BenchError("\(root): no article files (.md, .markdown, .txt) to learn from") }
        var random = BenchRandom(seed: seed, stream: "sample")
        var seenErrors = Set<String>()
        for file in files {
            guard let data = try? Data(contentsOf: file.url) else { continue }
            self.files += 1
            read(file: file, data: data, random: &random, seenErrors: &seenErrors)
        }
        guard !languages.isEmpty else { throw BenchError("\(root): no article with a recognizable language") }
        guard !errorLines.items.isEmpty else { throw BenchError("\(root): no line reads as an error message; the corpus cannot seed error lines") }
    }

    private mutating func read(file: Ingestor.SourceFile, data: Data, random: inout BenchRandom, seenErrors: inout Set<String>) {
        data.withUnsafeBytes { raw in
            read(file: file, bytes: raw.bindMemory(to: UInt8.self), random: &random, seenErrors: &seenErrors)
        }
    }

    /// One file, scanned as bytes: only the lines kept are turned into strings (a real corpus is ~100 MB).
    private mutating func read(file: Ingestor.SourceFile, bytes: UnsafeBufferPointer<UInt8>, random: inout BenchRandom, seenErrors: inout Set<String>) {
        var lines: [Range<Int>] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        func trimmed(_ r: Range<Int>) -> Range<Int> {
            var lo = r.lowerBound
            var hi = r.upperBound
            while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
            while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 || bytes[hi - 1] == 0x0D { hi -= 1 }
            return lo..<hi
        }
        func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
        func starts(_ r: Range<Int>, with prefix: StaticString) -> Bool {
            guard r.count >= prefix.utf8CodeUnitCount else { return false }
            for k in 0..<prefix.utf8CodeUnitCount where bytes[r.lowerBound + k] != prefix.utf8Start[k] { return false }
            return true
        }

        // Front matter: `key: value` lines between `---` lines.
        var fields: [String: String] = [:]
        var first = 0
        if let line = lines.first, starts(trimmed(line), with: "---"), trimmed(line).count == 3 {
            first = 1
            while first < lines.count {
                let line = lines[first]
                first += 1
                let t = trimmed(line)
                if t.count == 3 && starts(t, with: "---") { break }
                guard line.lowerBound < line.upperBound, bytes[line.lowerBound] != 0x20,
                    let colon = line.first(where: { bytes[$0] == 0x3A })
                else { continue }
                var value = string(trimmed((colon + 1)..<line.upperBound))
                if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
                fields[string(line.lowerBound..<colon).lowercased()] = value
            }
        }
        let pathLanguage = file.relative.split(separator: "/").lazy.compactMap { LanguageCode.fromPathComponent(String($0)) }.first
        guard let lang = fields["lang"].flatMap(LanguageCode.primary(of:)) ?? pathLanguage else { return }
        // Taken out of the dictionary while it changes, so that its large arrays are not copied on every file.
        var language = languages.removeValue(forKey: lang) ?? Language()
        language.articles += 1
        language.bytes += bytes.count
        if let title = fields["title"], !title.isEmpty { language.titles.offer(title, random: &random) }
        if let slug = fields["slug"], !slug.isEmpty, lang == "en" || languages["en"] == nil {
            let parts = slug.split(separator: "/")
            if parts.count > 1 {
                slugFolders.offer(parts.dropLast().joined(separator: "/"), random: &random)
                for part in parts.dropLast() { tagWords.offer(part.lowercased(), random: &random) }
            }
            if let leaf = parts.last { slugLeaves.offer(String(leaf), random: &random) }
        }

        var bodyBytes = 0
        var fence: UInt8?
        var block: [Range<Int>] = []
        var info = ""
        var hasSummary = false
        var hasError = false
        for line in lines[first...] {
            bodyBytes += line.count + 1
            let t = trimmed(line)
            if starts(t, with: "```") || starts(t, with: "~~~") {
                if fence == nil {
                    fence = bytes[t.lowerBound]
                    info = string(trimmed((t.lowerBound + 3)..<t.upperBound))
                    block = []
                } else if bytes[t.lowerBound] == fence {
                    fence = nil
                    if !block.isEmpty {
                        let kept = block
                        codeBlocks.offer(CodeBlock(info: info, lines: kept.map { string($0) }), random: &random)
                    }
                }
                continue
            }
            if fence != nil {
                if block.count < 25 { block.append(line) }
            } else if t.count > 0 && bytes[t.lowerBound] == 0x23 {  // #
                var h = t.lowerBound
                while h < t.upperBound, bytes[h] == 0x23 { h += 1 }
                let heading = trimmed(h..<t.upperBound)
                if !heading.isEmpty { language.headings.offer(string(heading), random: &random) }
                continue
            } else if t.count >= 24 {
                language.prose.offer(string(t), random: &random)
                if !hasSummary, t.count >= 40, !starts(t, with: "{{"), !starts(t, with: ">"), !starts(t, with: "|"), !starts(t, with: "<") {
                    hasSummary = true
                    language.summaries.offer(string(t), random: &random)
                }
            }
            // Error messages: a line, or the comment at the end of a code line (`f(); // TypeError: …`), that starts
            // like one (`TypeError: …`, `Uncaught …`, `error: …`) and reads as one.
            guard Self.mayBeError(bytes, t) else { continue }
            var candidate = string(t)
            if let comment = candidate.range(of: "// ") { candidate = String(candidate[comment.upperBound...]) }
            candidate = candidate.trimmingCharacters(in: .whitespaces)
            guard candidate.utf8.count >= 12, ErrorLineClassifier.startsWithErrorMarker(candidate), ErrorLineClassifier.score(candidate) >= 0.5 else {
                continue
            }
            hasError = true
            if seenErrors.insert(candidate).inserted { errorLines.offer(candidate, random: &random) }
        }
        language.bodySizes.append(bodyBytes)
        if hasError { language.articlesWithErrors += 1 }
        languages[lang] = language
    }

    /// A cheap filter before the classifier: a line of a useful length that names an error or an exception.
    static func mayBeError(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.count >= 12 && r.count <= 240 else { return false }
        // "rror" (Error, error, ERROR is caught by "RROR"), "xception", "ERR".
        var i = r.lowerBound
        while i + 3 < r.upperBound {
            let a = bytes[i], b = bytes[i + 1], c = bytes[i + 2], d = bytes[i + 3]
            if (a == 0x72 && b == 0x72 && c == 0x6F && d == 0x72) || (a == 0x52 && b == 0x52 && c == 0x4F && d == 0x52)
                || (a == 0x45 && b == 0x52 && c == 0x52) || (a == 0x78 && b == 0x63 && c == 0x65 && d == 0x70)
            {
                return true
            }
            i += 1
        }
        return false
    }
}

/// A benchmark problem a user can act on (bad input, an unusable corpus).
public struct BenchError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
