import Foundation
import Synchronization

/// Answers searches over a kb database: triage of pasted input, error-signature matching, full-text search with
/// kb's tokenizer, cross-language expansion, fusion, filters, paging, snippets and translations.
///
/// Reads go through read-only connections from a small pool, so an ingest writing the same file never blocks a
/// search, and a search sees the new index as soon as the ingest commits.
public final class SearchEngine: Sendable {
    public struct Configuration: Sendable {
        /// Each query's time budget (SQLite progress handler); past it the search throws `StoreError.interrupted`.
        public var timeBudget: Duration? = .seconds(2)
        /// Idle read connections kept open.
        public var connections = 4
        public init() {}
    }

    public let path: String
    let configuration: Configuration
    private let idle = Mutex<[Database]>([])
    private let corpus = Mutex<CorpusIndex?>(nil)
    private let loadLock = Mutex<Void>(())
    private let termStats = Mutex<(generation: String, df: [String: Int])>(("", [:]))

    /// Opens `path` for searching. The database must exist and be migrated (`kb ingest` creates it).
    public init(path: String, configuration: Configuration = Configuration()) throws {
        self.path = path
        self.configuration = configuration
        let db = try Database(path: path, mode: .readOnly)
        try Store.checkSchema(db)
        idle.withLock { $0.append(db) }
    }

    /// Runs `body` with a read connection from the pool.
    public func withConnection<T>(_ body: (Database) throws -> T) throws -> T {
        let db = try idle.withLock { $0.popLast() } ?? Database(path: path, mode: .readOnly)
        defer {
            idle.withLock { pool in
                if pool.count < configuration.connections { pool.append(db) }
            }
        }
        return try db.withTimeBudget(configuration.timeBudget) { try body(db) }
    }

    /// The in-memory corpus index for the database's current generation (reloaded after an ingest commits).
    func corpusIndex(_ db: Database) throws -> CorpusIndex {
        let generation = try Meta.get("generation", in: db) ?? "0"
        if let current = corpus.withLock({ $0 }), current.generation == generation { return current }
        // Loading takes a while on a large corpus (seconds at 100k articles): it is not charged to the query's
        // time budget, and concurrent searches wait for the one load instead of each starting their own.
        return try db.pausingTimeBudget {
            try loadLock.withLock { _ in
                if let current = corpus.withLock({ $0 }), current.generation == generation { return current }
                let index = try CorpusIndex(db: db, generation: generation)
                corpus.withLock { $0 = index }
                return index
            }
        }
    }

    /// Loads the in-memory corpus index now (a server calls this before it listens, so its first searches are fast).
    public func warm() throws {
        _ = try withConnection { db in try db.transaction { try corpusIndex(db) } }
    }

    // MARK: - Search

    public func search(_ request: SearchRequest) throws -> SearchResponse {
        try validate(request)
        let triage = Triage(request.text)
        return try withConnection { db in
            // One read transaction: the corpus index, the full-text index and the bodies all come from one snapshot,
            // even when an ingest commits meanwhile.
            try db.transaction {
                let corpus = try corpusIndex(db)
                let ranking = try rank(triage: triage, request: request, corpus: corpus, db: db, window: request.offset + request.limit)
                let results = try ranking.top.dropFirst(request.offset).map { try hydrate($0, terms: ranking.terms($0), corpus: corpus, db: db) }
                return SearchResponse(query: request.text, total: ranking.total, results: results)
            }
        }
    }

    func validate(_ request: SearchRequest) throws {
        guard (1...SearchRequest.maxLimit).contains(request.limit) else {
            throw SearchError(code: .invalidLimit, message: "limit must be between 1 and \(SearchRequest.maxLimit), got \(request.limit)")
        }
        guard request.offset >= 0 else { throw SearchError(code: .invalidOffset, message: "offset must be 0 or more, got \(request.offset)") }
        for tag in [request.lang, request.onlyLang].compactMap({ $0 }) where LanguageCode.primary(of: tag) == nil {
            throw SearchError(code: .invalidLanguage, message: "\"\(tag.prefix(40))\" is not a language tag such as en, ja or ko-KR")
        }
    }

    /// One candidate article with its evidence.
    struct Candidate {
        var slot: Int32
        var signature = 0.0
        var exact = false
        var text = 0.0
        var crossText = 0.0
        var score = 0.0
        var reasons: [MatchReason] = []
        /// The query units that found it: 0 none, 1 the selected units, 2 the cross-language ones.
        var termSet: UInt8 = 0
        init(slot: Int32) { self.slot = slot }
    }

    /// The candidates of one search, by slot: evidence accumulates in an array instead of a dictionary.
    struct Candidates {
        var items: [Candidate] = []
        private var position: [Int32]

        init(articles: Int) {
            position = Array(repeating: -1, count: articles)
            items.reserveCapacity(256)
        }

        /// The index in `items` of the slot's candidate, created when new.
        @inline(__always) mutating func index(of slot: Int32) -> Int {
            let p = position[Int(slot)]
            if p >= 0 { return Int(p) }
            position[Int(slot)] = Int32(items.count)
            items.append(Candidate(slot: slot))
            return items.count - 1
        }

        @inline(__always) func contains(_ slot: Int32) -> Int? {
            let p = position[Int(slot)]
            return p >= 0 ? Int(p) : nil
        }
    }

    /// The best `window` candidates in order, how many matched in all, and the query units behind them.
    struct Ranking {
        var top: [Candidate]
        var total: Int
        var selected: [QueryUnit]
        var expanded: [QueryUnit]

        func terms(_ c: Candidate) -> [QueryUnit] {
            switch c.termSet {
            case 1: selected
            case 2: expanded
            default: []
            }
        }
    }

    /// Japanese and Korean words that carry grammar rather than topic (questions are full of them).
    static let functionWords: Set<String> = [
        "아니", "나요", "나옵니다", "납니다", "났어요", "합니다", "했는데", "있는", "없는", "있습니다", "없습니다", "같아요", "같은", "같습니다",
        "그리고", "하지만", "그런데", "어떻게", "이런", "저런", "그런", "때문", "경우", "사용", "방법", "문제", "해결", "발생", "싶어요",
        "場合", "方法", "原因", "知", "思", "言", "出", "時", "事", "物", "為", "様",
    ]

    /// KB_DEBUG_RANK prints the top candidates' evidence to stderr; read once, not on every search.
    static let debugRank = ProcessInfo.processInfo.environment["KB_DEBUG_RANK"] != nil

    static let sourceWeight: [String: Double] = [
        "frontMatter": 1.0, "title": 1.0, "messageSection": 1.0, "codeBlock": 0.9, "inlineCode": 0.85, "prose": 0.8,
    ]

    func rank(triage: Triage, request: SearchRequest, corpus: CorpusIndex, db: Database, window: Int) throws -> Ranking {
        var candidates = Candidates(articles: corpus.articles.count)
        // 1. Signature evidence, line by line.
        let spreadPenalty = { (n: Int) -> Double in 1 / (1 + 0.08 * log2(Double(max(1, n)))) }
        for line in triage.kept {
            // Each article's best signature for this line, weighing where in the article it was found.
            var best: [Int32: CorpusIndex.SignatureMatch] = [:]
            for var match in corpus.matches(for: line.signature) {
                match.score *= Self.sourceWeight[match.source] ?? 0.8
                if let current = best[match.slot], current.score >= match.score { continue }
                best[match.slot] = match
            }
            guard !best.isEmpty else { continue }
            let lineTokens = corpus.tokenIDs(of: line.signature)
            // In slot order, so that which reasons are kept does not depend on hashing.
            for (slot, match) in best.sorted(by: { $0.key < $1.key }) {
                let i = candidates.index(of: slot)
                let spread = match.kind == .exact ? corpus.spread(of: line.signature.hash) : 1
                // An article whose title is the error the line reports is about it (not merely quoting it).
                let title = match.kind == .partial ? 0.08 * corpus.titleContainment(of: slot, in: lineTokens) : 0
                let value = (match.score * spreadPenalty(spread) + title) * line.weight
                if value > candidates.items[i].signature {
                    candidates.items[i].signature = value
                    candidates.items[i].exact = candidates.items[i].exact || (match.kind == .exact && line.weight >= 0.99)
                }
                if candidates.items[i].reasons.count < 3 {
                    candidates.items[i].reasons.append(MatchReason(line: line.text, signature: match.signature, kind: match.kind))
                }
            }
        }
        let hasSignatureEvidence = candidates.items.contains { $0.signature > 0 }
        let hasExact = candidates.items.contains { $0.exact }
        // 2. Full-text evidence over the input's informative terms.
        let units = QueryAnalyzer.units(triage.informativeText)
        var weighted = try weightedUnits(units, db: db, corpus: corpus)
        // Common terms cost the most and say the least; with an exact signature match, text only breaks ties.
        let common = max(200, corpus.articleCount / 12)
        let rare = weighted.filter { $0.df <= common }
        weighted = rare.count >= 2 ? rare : Array(weighted.prefix(2))
        if hasExact { weighted = Array(weighted.prefix(3)) }
        let selected = weighted.map(\.unit)
        if !selected.isEmpty {
            try textEvidence(weighted.map { ($0.unit, $0.idf) }, db: db, corpus: corpus, into: &candidates, cross: false)
        }
        // 3. Across languages: Japanese and Korean terms → English terms learned from translated articles.
        let expansion = crossLanguageUnits(units, corpus: corpus)
        var expandedUnits: [QueryUnit] = []
        if !expansion.isEmpty {
            let latin = selected.filter { $0.script == .latin }
            let expanded = try weightedUnits(Array(Set(expansion + latin)), db: db, corpus: corpus).filter { $0.df <= common }
            if !expanded.isEmpty {
                expandedUnits = expanded.map(\.unit)
                try textEvidence(expanded.map { ($0.unit, $0.idf) }, db: db, corpus: corpus, into: &candidates, cross: true)
            }
        }
        // 4. Filters, fusion, language preference.
        var preferred = request.lang.flatMap(LanguageCode.primary(of:))
        if let p = preferred, corpus.languages[p] == nil { preferred = LanguageCode.english }
        let only = request.onlyLang.flatMap(LanguageCode.primary(of:))
        var requiredTags: [Int32] = []
        for tag in request.tags {
            guard let id = corpus.tagIDByKey[Tag.key(for: tag)] else {
                return Ranking(top: [], total: 0, selected: selected, expanded: expandedUnits)
            }
            requiredTags.append(id)
        }
        let preferredIndex = corpus.languageIndex(preferred)
        let onlyIndex = corpus.languageIndex(only)
        // With an exact signature match, text only breaks ties; with partial ones, the two compete.
        let textWeight = hasExact ? 0.25 : 0.8
        // Translations are one topic: evidence for any language version supports the others, and the reader's
        // language version of a matching topic joins the results.
        var groupBest = [Int32](repeating: -1, count: corpus.groupCount)
        var touchedGroups: [Int32] = []
        for i in candidates.items.indices {
            let c = candidates.items[i]
            let text = max(c.text, 0.85 * c.crossText)
            let score = hasSignatureEvidence ? c.signature + textWeight * text + (c.exact ? 0.25 : 0) : text
            candidates.items[i].score = score
            let group = corpus.packed[Int(c.slot)].group
            guard group >= 0 else { continue }
            let current = groupBest[Int(group)]
            if current < 0 {
                if score > 0 {
                    groupBest[Int(group)] = Int32(i)
                    touchedGroups.append(group)
                }
            } else if score > candidates.items[Int(current)].score {
                groupBest[Int(group)] = Int32(i)
            }
        }
        for group in touchedGroups {
            let source = candidates.items[Int(groupBest[Int(group)])]
            let best = source.score
            for slot in corpus.members(of: group) {
                if let i = candidates.contains(slot) {
                    // Members that matched on their own stay slightly ahead of those carried by their translations.
                    candidates.items[i].score = best * (0.97 + 0.03 * candidates.items[i].score / best)
                } else if preferredIndex >= 0, Int(corpus.packed[Int(slot)].language) == preferredIndex {
                    let i = candidates.index(of: slot)
                    candidates.items[i].score = best * 0.97
                    candidates.items[i].reasons = source.reasons
                    candidates.items[i].termSet = source.termSet
                }
            }
        }
        // A question about an error prefers articles about errors (those that document error messages)
        // over reference pages that merely use the same words.
        let aboutAnError = triage.hasErrorLines || ErrorLineClassifier.score(triage.informativeText.prefix(2000)) > 0
        var top: [(score: Double, id: Int64, index: Int32)] = []
        top.reserveCapacity(min(window, candidates.items.count) + 1)
        var total = 0
        for i in candidates.items.indices {
            let slot = Int(candidates.items[i].slot)
            let facts = corpus.packed[slot]
            if facts.isDraft { continue }
            if only != nil && Int(facts.language) != onlyIndex { continue }
            if !requiredTags.isEmpty && !requiredTags.allSatisfy({ corpus.articles[slot].tagIDs.contains($0) }) { continue }
            var score = candidates.items[i].score
            if preferredIndex >= 0 && Int(facts.language) == preferredIndex { score *= 1.12 }
            if aboutAnError && facts.hasSignatures { score *= 1.15 }
            guard score > 0 else { continue }
            candidates.items[i].score = score
            total += 1
            // Keep the best `window` in order (score descending, then article id).
            let id = corpus.ids[slot]
            if top.count == window, let last = top.last, last.score > score || (last.score == score && last.id < id) { continue }
            var low = 0
            var high = top.count
            while low < high {
                let mid = (low + high) / 2
                if top[mid].score > score || (top[mid].score == score && top[mid].id < id) { low = mid + 1 } else { high = mid }
            }
            top.insert((score, id, Int32(i)), at: low)
            if top.count > window { top.removeLast() }
        }
        let ranked = top.map { candidates.items[Int($0.index)] }
        if Self.debugRank {
            for c in ranked.prefix(6) {
                FileHandle.standardError.write(Data(String(format: "rank %lld score %.3f sig %.3f exact %d text %.3f cross %.3f\n", corpus.articles[Int(c.slot)].id, c.score, c.signature, c.exact ? 1 : 0, c.text, c.crossText).utf8))
            }
        }
        return Ranking(top: ranked, total: total, selected: selected, expanded: expandedUnits)
    }

    /// The query units worth searching: known to the index, rarest first, common ones dropped.
    func selectUnits(_ units: [QueryUnit], db: Database, corpus: CorpusIndex) throws -> [QueryUnit] {
        try weightedUnits(units, db: db, corpus: corpus).map(\.unit)
    }

    /// The informative units with their IDF (Japanese and Korean ones against the articles of their language).
    func weightedUnits(_ units: [QueryUnit], db: Database, corpus: CorpusIndex) throws -> [(unit: QueryUnit, idf: Double, df: Int)] {
        // A Japanese or Korean term is judged against the articles that can contain it (those in its language),
        // so particles and endings that occur in most Korean articles do not pass for rare words.
        let all = Double(max(1, corpus.articleCount))
        let japanese = Double(corpus.languages["ja", default: 0] + corpus.languages["zh", default: 0])
        let korean = Double(corpus.languages["ko", default: 0])
        var scored: [(QueryUnit, Double, Int)] = []
        for unit in units where !Self.functionWords.contains(unit.text) {
            let df = try documentFrequency(unit, db: db, generation: corpus.generation)
            guard df > 0 else { continue }
            let n: Double
            switch unit.script {
            case .latin: n = all
            case .cjk: n = max(japanese, Double(df))
            case .hangul: n = max(korean, Double(df))
            }
            let idf = log((n - Double(df) + 0.5) / (Double(df) + 0.5) + 1)
            scored.append((unit, idf * (unit.isPrefix ? 0.5 : 1), df))
        }
        scored.sort { $0.1 > $1.1 }
        let informative = scored.filter { $0.1 >= 0.35 }
        let kept = informative.isEmpty ? Array(scored.prefix(3)) : informative
        return kept.prefix(12).map { (unit: $0.0, idf: $0.1, df: $0.2) }
    }

    /// Full-text evidence: BM25 (title above tags above summary above body) with kb's own IDF. Each unit is
    /// searched on its own; FTS5 gives only the term frequency, weighted by column (`kb_hits`), and kb adds the IDF
    /// among articles of the unit's own language (next to thousands of English articles every Korean word would
    /// otherwise look rare) and the length normalization from the row lengths it keeps in memory. Each candidate's
    /// sum is then divided by the best one, so the evidence is 0...1.
    func textEvidence(_ units: [(unit: QueryUnit, idf: Double)], db: Database, corpus: CorpusIndex, into candidates: inout Candidates, cross: Bool) throws {
        let statement = try db.statement(
            "SELECT rowid, kb_hits(articles_fts, 8.0, 4.0, 2.5, 1.0) FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT ?2")
        // Rows read per unit: 2,000, less when many units share a budget of 6,000 (a pasted log's dozen terms would
        // otherwise pull tens of thousands of rows at 100k articles), never under 500.
        let cap = max(500, min(2_000, 6_000 / max(1, units.count)))
        let k1 = 1.2
        let b = 0.75
        let averageLength = corpus.averageLength
        var touched: [Int] = []
        for (unit, idf) in units {
            try statement.forEach([.text(QueryAnalyzer.expression(unit)), .int(cap)]) { row in
                guard let slot = corpus.slot(of: row.int64(0)) else { return }
                let tf = row.double(1)
                let length = Double(corpus.lengths[Int(slot)])
                let value = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength))
                let i = candidates.index(of: slot)
                if cross {
                    if candidates.items[i].crossText == 0 { touched.append(i) }
                    candidates.items[i].crossText += value
                    if candidates.items[i].termSet == 0 { candidates.items[i].termSet = 2 }
                } else {
                    if candidates.items[i].text == 0 { touched.append(i) }
                    candidates.items[i].text += value
                    candidates.items[i].termSet = 1
                }
            }
        }
        let top = touched.reduce(0.0) { max($0, cross ? candidates.items[$1].crossText : candidates.items[$1].text) }
        guard top > 0 else { return }
        for i in touched {
            if cross { candidates.items[i].crossText /= top } else { candidates.items[i].text /= top }
        }
    }

    /// Documents containing the unit's rarest token (a phrase's frequency is at most that).
    func documentFrequency(_ unit: QueryUnit, db: Database, generation: String) throws -> Int {
        var best = Int.max
        for token in unit.tokens {
            let cached = termStats.withLock { stats -> Int? in
                if stats.generation != generation {
                    stats = (generation, [:])
                }
                return stats.df[token]
            }
            let df: Int
            if let cached {
                df = cached
            } else if unit.isPrefix {
                df = try db.statement("SELECT coalesce(sum(doc), 0) FROM articles_fts_vocab WHERE term >= ?1 AND term < ?1 || x'f48fbfbf'").first([.text(token)]) { $0.int(0) } ?? 0
            } else {
                df = try db.statement("SELECT doc FROM articles_fts_vocab WHERE term = ?1").first([.text(token)]) { $0.int(0) } ?? 0
            }
            if cached == nil {
                termStats.withLock { stats in
                    if stats.df.count > 200_000 { stats.df.removeAll(keepingCapacity: true) }
                    stats.df[token] = df
                }
            }
            best = min(best, df)
        }
        return best == .max ? 0 : best
    }

    /// English units learned for the Japanese and Korean units of a query.
    func crossLanguageUnits(_ units: [QueryUnit], corpus: CorpusIndex) -> [QueryUnit] {
        var out: [QueryUnit] = []
        var seen = Set<String>()
        for unit in units where unit.script != .latin && !unit.isPrefix {
            let lang = unit.script == .hangul ? "ko" : "ja"
            for target in corpus.termTranslations[lang + "\u{1}" + TermAligner.key(unit.text)] ?? [] where seen.insert(target).inserted {
                out += QueryAnalyzer.units(target)
            }
        }
        return out
    }

    // MARK: - Results

    func hydrate(_ c: Candidate, terms: [QueryUnit], corpus: CorpusIndex, db: Database) throws -> SearchResult {
        let article = corpus.articles[Int(c.slot)]
        guard
            let body = try db.statement("SELECT substr(body_text, 1, 32768) FROM articles WHERE id = ?1")
                .first([.integer(article.id)], { row in row.withBytes(0) { Array($0.prefix(Snippet.maxBytes)) } })
        else { throw StoreError(.sqlite, "article \(article.id) vanished during the search") }
        let (segments, matchedTerms) = Snippet.analyze(body: body, title: article.title, summary: article.summary, terms: terms)
        var result = SearchResult(
            slug: article.slug, lang: article.lang, title: article.title, summary: article.summary, snippet: segments.map(\.text).joined(),
            snippetSegments: segments, tags: corpus.tagKeys(of: c.slot), score: (c.score * 10_000).rounded() / 10_000, path: article.path,
            translations: corpus.translations(of: c.slot), matched: c.reasons)
        if c.text > 0 || c.crossText > 0, result.matched.count < 3 {
            if !matchedTerms.isEmpty { result.matched.append(MatchReason(line: matchedTerms.joined(separator: " "), signature: nil, kind: .text)) }
        }
        return result
    }

    /// The other published language versions of an article (same translation key), by language.
    func translations(key: String, excluding id: Int64, db: Database) throws -> [TranslationRef] {
        try db.statement("SELECT lang, slug, title FROM articles WHERE translation_key = ?1 AND id != ?2 AND draft = 0 ORDER BY lang")
            .map([.text(key), .integer(id)]) { TranslationRef(lang: $0.string(0), slug: $0.string(1), title: $0.string(2)) }
    }
}
