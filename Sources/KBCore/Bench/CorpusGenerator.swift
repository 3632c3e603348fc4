import Foundation

/// Writes a synthetic corpus that looks like a real one, for measuring kb at sizes no real corpus has.
///
/// Everything is drawn from a real corpus read at run time (`CorpusSample`): body sizes follow its size
/// distribution per language, titles, summaries, prose lines, headings and code blocks are its own, and error lines
/// are lines of it that read as error messages. Articles are topics written in several languages: each topic has
/// one slug, one set of tags and one set of error messages, and its translations share them (as real translations
/// keep English error messages). The front matter is kb's YAML: title, slug, lang, tags, date, summary, errors.
///
/// The output depends only on the seed, the options and the real corpus: the same inputs write the same bytes.
///
/// ```swift
/// let report = try CorpusGenerator(articles: 1_000, languages: ["en", "ja", "ko"], seed: 1)
///     .generate(from: "/work/shared/corpus/mdn-full", into: "/tmp/bench-1k")
/// print(report.articles, report.bytes)
/// ```
public struct CorpusGenerator: Sendable {
    public var articles: Int
    public var languages: [String]
    public var seed: UInt64
    /// The share of topics whose articles quote error messages (nil: the share of the real corpus's articles that
    /// have a line reading as an error, but at least 0.3, since kb's articles are troubleshooting articles).
    public var errorShare: Double?

    public init(articles: Int, languages: [String], seed: UInt64 = 1, errorShare: Double? = nil) {
        self.articles = articles
        self.languages = languages
        self.seed = seed
        self.errorShare = errorShare
    }

    public struct Report: Sendable, Codable {
        public var source: String
        public var seed: UInt64
        public var articles: Int
        public var topics: Int
        public var byLanguage: [String: Int]
        public var withErrors: Int
        public var bytes: Int
        public var seconds: Double
    }

    /// Writes the articles under `out/<lang>/<shard>/<topic>.md` and a `corpus.json` describing the run.
    /// `out` must not exist or be empty.
    public func generate(from root: String, into out: String, progress: (@Sendable (IngestProgress) -> Void)? = nil) throws -> Report {
        let started = ContinuousClock.now
        guard articles > 0 else { throw BenchError("--articles must be at least 1") }
        guard !languages.isEmpty else { throw BenchError("--langs must name at least one language") }
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: out), !existing.isEmpty {
            throw BenchError("\(out) is not empty; remove it or choose another folder")
        }
        progress?(IngestProgress(phase: "reading \(root)", done: 0, total: articles))
        let sample = try CorpusSample(root: root, seed: seed)
        let missing = languages.filter { sample.languages[$0] == nil }
        if !missing.isEmpty {
            throw BenchError("\(root) has no articles in \(missing.joined(separator: ", ")); it has \(sample.languages.keys.sorted().joined(separator: ", "))")
        }
        // The language with the most real articles writes every topic; the others translate a topic as often as
        // the real corpus has translations (relative to that language).
        func count(_ lang: String) -> Int { sample.languages[lang]?.articles ?? 0 }
        let primary = languages.reduce(languages[0]) { best, lang in count(lang) > count(best) ? lang : best }
        let primaryCount = Double(sample.languages[primary]?.articles ?? 1)
        let translationShare = Dictionary(uniqueKeysWithValues: languages.map { ($0, min(1, Double(sample.languages[$0]?.articles ?? 0) / primaryCount)) })
        let realErrorShare =
            Double(sample.languages.values.reduce(0) { $0 + $1.articlesWithErrors }) / Double(max(1, sample.languages.values.reduce(0) { $0 + $1.articles }))
        let errorShare = self.errorShare ?? max(0.3, realErrorShare)

        var random = BenchRandom(seed: seed, stream: "generate")
        var report = Report(source: root, seed: seed, articles: 0, topics: 0, byLanguage: [:], withErrors: 0, bytes: 0, seconds: 0)
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        var createdShards = Set<String>()
        var topic = 0
        while report.articles < articles {
            let folder = sample.slugFolders.items.isEmpty ? "Bench" : random.pick(sample.slugFolders.items)
            let leaf = sample.slugLeaves.items.isEmpty ? "Topic" : random.pick(sample.slugLeaves.items)
            let slug = "\(folder)/\(leaf)_\(String(topic, radix: 36))"
            var tags: [String] = []
            for word in folder.lowercased().split(separator: "/").suffix(3) where !tags.contains(String(word)) { tags.append(String(word)) }
            if !sample.tagWords.items.isEmpty {
                let extra = random.pick(sample.tagWords.items)
                if !tags.contains(extra) { tags.append(extra) }
            }
            let date = Self.date(daysAfter2015: random.below(4_000))
            var errors: [String] = []
            if random.chance(errorShare) {
                for _ in 0..<random.within(1...3) {
                    let line = random.pick(sample.errorLines.items)
                    if !errors.contains(line) { errors.append(line) }
                }
            }
            for lang in languages where report.articles < articles {
                guard lang == primary || random.chance(translationShare[lang] ?? 0), let language = sample.languages[lang] else { continue }
                let text = Self.article(
                    slug: slug, lang: lang, tags: tags, date: date, errors: errors, language: language, code: sample.codeBlocks.items, random: &random)
                let shard = String(format: "%03d", topic / 1_000)
                let dir = "\(out)/\(lang)/\(shard)"
                if createdShards.insert(dir).inserted { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                let data = Data(text.utf8)
                try data.write(to: URL(fileURLWithPath: "\(dir)/\(String(topic, radix: 36)).md"))
                report.articles += 1
                report.bytes += data.count
                report.byLanguage[lang, default: 0] += 1
                if !errors.isEmpty { report.withErrors += 1 }
                if report.articles % 1_000 == 0 { progress?(IngestProgress(phase: "writing", done: report.articles, total: articles)) }
            }
            topic += 1
        }
        report.topics = topic
        let elapsed = ContinuousClock.now - started
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var manifest = report
        manifest.seconds = 0  // the manifest is deterministic too
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: "\(out)/corpus.json"))
        return report
    }

    /// One article: front matter, an introduction, the error messages in a code block, then headings, paragraphs and
    /// code blocks until the body reaches a size drawn from the real corpus.
    static func article(
        slug: String, lang: String, tags: [String], date: String, errors: [String], language: CorpusSample.Language,
        code: [CorpusSample.CodeBlock], random: inout BenchRandom
    ) -> String {
        let title = language.titles.items.isEmpty ? slug : random.pick(language.titles.items)
        let summary = language.summaries.items.isEmpty ? "" : String(random.pick(language.summaries.items).prefix(300))
        var text = "---\n"
        text += "title: \(yaml(title))\n"
        text += "slug: \(yaml(slug))\n"
        text += "lang: \(lang)\n"
        text += "tags: [\(tags.map(yaml).joined(separator: ", "))]\n"
        text += "date: \(date)\n"
        if !summary.isEmpty { text += "summary: \(yaml(summary))\n" }
        if !errors.isEmpty {
            text += "errors:\n"
            for error in errors { text += "  - \(yaml(error))\n" }
        }
        text += "---\n\n"
        let target = language.bodySizes.isEmpty ? 2_000 : random.pick(language.bodySizes)
        let start = text.utf8.count
        func paragraph() {
            guard !language.prose.items.isEmpty else { return }
            for _ in 0..<random.within(1...3) { text += random.pick(language.prose.items) + "\n" }
            text += "\n"
        }
        paragraph()
        if !errors.isEmpty {
            if !language.headings.items.isEmpty { text += "## \(random.pick(language.headings.items))\n\n" }
            text += "```text\n"
            for error in errors {
                if random.chance(0.5), let block = code.isEmpty ? nil : random.pick(code) { text += (block.lines.first ?? "") + "\n" }
                text += error + "\n"
            }
            text += "```\n\n"
            paragraph()
        }
        while text.utf8.count - start < target {
            let roll = random.below(100)
            if roll < 15, !language.headings.items.isEmpty {
                text += "## \(random.pick(language.headings.items))\n\n"
            } else if roll < 70 || code.isEmpty {
                paragraph()
            } else {
                let block = random.pick(code)
                text += "```\(block.info)\n" + block.lines.joined(separator: "\n") + "\n```\n\n"
            }
        }
        return text
    }

    /// A YAML double-quoted scalar.
    static func yaml(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\t": out += "\\t"
            case "\n", "\r": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `2015-01-01` plus `days`, as an ISO 8601 date (proleptic Gregorian, UTC).
    static func date(daysAfter2015 days: Int) -> String {
        var year = 2015
        var day = days
        func length(_ y: Int) -> Int { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365 }
        while day >= length(year) {
            day -= length(year)
            year += 1
        }
        let months = [31, length(year) == 366 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = 0
        while day >= months[month] {
            day -= months[month]
            month += 1
        }
        return String(format: "%04d-%02d-%02d", year, month + 1, day + 1)
    }
}
