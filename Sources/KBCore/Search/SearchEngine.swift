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
        return try loadLock.withLock { _ in
            if let current = corpus.withLock({ $0 }), current.generation == generation { return current }
            let index = try db.transaction { try CorpusIndex(db: db, generation: generation) }
            corpus.withLock { $0 = index }
            return index
        }
    }

    // MARK: - Search

    public func search(_ request: SearchRequest) throws -> SearchResponse {
        try validate(request)
        let triage = Triage(request.text)
        return try withConnection { db in
            let corpus = try corpusIndex(db)
            let ranked = try rank(triage: triage, request: request, corpus: corpus, db: db)
            let page = ranked.dropFirst(request.offset).prefix(request.limit)
            let results = try page.map { try hydrate($0, db: db) }
            return SearchResponse(query: request.text, total: ranked.count, results: results)
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
        var id: Int64
        var signature = 0.0
        var exact = false
        var text = 0.0
        var crossText = 0.0
        var score = 0.0
        var reasons: [MatchReason] = []
        var terms: [QueryUnit] = []
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

    func rank(triage: Triage, request: SearchRequest, corpus: CorpusIndex, db: Database) throws -> [Candidate] {
        var candidates: [Int64: Candidate] = [:]
        // 1. Signature evidence, line by line.
        for line in triage.kept {
            // Each article's best signature for this line, weighing where in the article it was found.
            var best: [Int64: CorpusIndex.SignatureMatch] = [:]
            for var match in corpus.matches(for: line.signature) {
                match.score *= Self.sourceWeight[match.source] ?? 0.8
                if let current = best[match.articleID], current.score >= match.score { continue }
                best[match.articleID] = match
            }
            let spreadPenalty = { (n: Int) -> Double in 1 / (1 + 0.08 * log2(Double(max(1, n)))) }
            let lineTokens = corpus.tokenIDs(of: line.signature)
            for (id, match) in best {
                var c = candidates[id] ?? Candidate(id: id)
                let spread = match.kind == .exact ? corpus.spread(of: line.signature.hash) : 1
                // An article whose title is the error the line reports is about it (not merely quoting it).
                let title = match.kind == .partial ? 0.08 * corpus.titleContainment(of: id, in: lineTokens) : 0
                let value = (match.score * spreadPenalty(spread) + title) * line.weight
                if value > c.signature {
                    c.signature = value
                    c.exact = c.exact || (match.kind == .exact && line.weight >= 0.99)
                }
                if c.reasons.count < 3 { c.reasons.append(MatchReason(line: line.text, signature: match.signature, kind: match.kind)) }
                candidates[id] = c
            }
        }
        // 2. Full-text evidence over the input's informative terms.
        let units = QueryAnalyzer.units(triage.informativeText)
        var weighted = try weightedUnits(units, db: db, corpus: corpus)
        // Common terms cost the most and say the least; with an exact signature match, text only breaks ties.
        let common = max(200, corpus.articleCount / 12)
        let rare = weighted.filter { $0.df <= common }
        weighted = rare.count >= 2 ? rare : Array(weighted.prefix(2))
        if candidates.values.contains(where: { $0.exact }) { weighted = Array(weighted.prefix(3)) }
        let selected = weighted.map(\.unit)
        if !selected.isEmpty {
            let evidence = try textEvidence(weighted.map { ($0.unit, $0.idf) }, db: db, rows: corpus.articles.count)
            let top = evidence.values.max() ?? 0
            for (id, value) in evidence where top > 0 {
                var c = candidates[id] ?? Candidate(id: id)
                c.text = value / top
                c.terms = selected
                candidates[id] = c
            }
        }
        // 3. Across languages: Japanese and Korean terms → English terms learned from translated articles.
        let expansion = try crossLanguageUnits(units, db: db)
        if !expansion.isEmpty {
            let latin = selected.filter { $0.script == .latin }
            let expanded = try weightedUnits(Array(Set(expansion + latin)), db: db, corpus: corpus).filter { $0.df <= common }
            if !expanded.isEmpty {
                let evidence = try textEvidence(expanded.map { ($0.unit, $0.idf) }, db: db, rows: corpus.articles.count)
                let top = evidence.values.max() ?? 0
                for (id, value) in evidence where top > 0 {
                    var c = candidates[id] ?? Candidate(id: id)
                    c.crossText = value / top
                    if c.terms.isEmpty { c.terms = expanded.map(\.unit) }
                    candidates[id] = c
                }
            }
        }
        // 4. Filters, fusion, language preference.
        var preferred = request.lang.flatMap(LanguageCode.primary(of:))
        if let p = preferred, corpus.languages[p] == nil { preferred = LanguageCode.english }
        let only = request.onlyLang.flatMap(LanguageCode.primary(of:))
        var requiredTags: [Int32] = []
        for tag in request.tags {
            guard let id = corpus.tagIDByKey[Tag.key(for: tag)] else { return [] }
            requiredTags.append(id)
        }
        let hasSignatureEvidence = candidates.values.contains { $0.signature > 0 }
        // With an exact signature match, text only breaks ties; with partial ones, the two compete.
        let textWeight = candidates.values.contains { $0.exact } ? 0.25 : 0.8
        for (id, var c) in candidates {
            let text = max(c.text, 0.85 * c.crossText)
            c.score = hasSignatureEvidence ? c.signature + textWeight * text + (c.exact ? 0.25 : 0) : text
            candidates[id] = c
        }
        // Translations are one topic: evidence for any language version supports the others, and the reader's
        // language version of a matching topic joins the results.
        var groupBest: [String: (score: Double, id: Int64)] = [:]
        for c in candidates.values {
            guard let key = corpus.articles[c.id]?.groupKey, corpus.groups[key] != nil else { continue }
            if c.score > groupBest[key]?.score ?? 0 { groupBest[key] = (c.score, c.id) }
        }
        for (key, best) in groupBest {
            let source = candidates[best.id]
            for id in corpus.groups[key] ?? [] {
                if var c = candidates[id] {
                    // Members that matched on their own stay slightly ahead of those carried by their translations.
                    c.score = best.score * (0.97 + 0.03 * c.score / best.score)
                    candidates[id] = c
                } else if let preferred, corpus.articles[id]?.lang == preferred, let source {
                    var c = Candidate(id: id)
                    c.score = best.score * 0.97
                    c.reasons = source.reasons
                    c.terms = source.terms
                    candidates[id] = c
                }
            }
        }
        // A question about an error prefers articles about errors (those that document error messages)
        // over reference pages that merely use the same words.
        let aboutAnError = triage.hasErrorLines || ErrorLineClassifier.score(triage.informativeText.prefix(2000)) > 0
        var ranked: [Candidate] = []
        ranked.reserveCapacity(candidates.count)
        for var c in candidates.values {
            guard let info = corpus.articles[c.id], !info.isDraft else { continue }
            if let only, info.lang != only { continue }
            if !requiredTags.allSatisfy({ info.tagIDs.contains($0) }) { continue }
            if let preferred, info.lang == preferred { c.score *= 1.12 }
            if aboutAnError && info.signatureCount > 0 { c.score *= 1.15 }
            if c.score > 0 { ranked.append(c) }
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        if Self.debugRank {
            for c in ranked.prefix(6) {
                FileHandle.standardError.write(Data(String(format: "rank %lld score %.3f sig %.3f exact %d text %.3f cross %.3f\n", c.id, c.score, c.signature, c.exact ? 1 : 0, c.text, c.crossText).utf8))
            }
        }
        return ranked
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

    /// Full-text evidence: BM25 with kb's own IDF. Each unit is searched on its own; FTS5's BM25 of a single unit
    /// is its IDF times a saturated, length-normalized term frequency, so dividing by FTS5's IDF leaves the term
    /// frequency part, which is re-weighted with the unit's IDF among articles of its own language (next to
    /// thousands of English articles every Korean word would otherwise look rare).
    func textEvidence(_ units: [(unit: QueryUnit, idf: Double)], db: Database, rows n: Int) throws -> [Int64: Double] {
        var out: [Int64: Double] = [:]
        let statement = try db.statement(
            "SELECT rowid, -bm25(articles_fts, 8.0, 4.0, 2.5, 1.0) FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT ?2")
        let cap = 2_000
        for (unit, idf) in units {
            let rows = try statement.map([.text(QueryAnalyzer.expression(unit)), .int(cap)]) { ($0.int64(0), $0.double(1)) }
            guard !rows.isEmpty else { continue }
            let hits = Double(rows.count)
            let ftsIDF = max(1e-6, log((Double(n) - hits + 0.5) / (hits + 0.5)))
            for (id, value) in rows { out[id, default: 0] += idf * value / ftsIDF }
        }
        return out
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
                df = try db.statement("SELECT count(*) FROM articles_fts_vocab WHERE term >= ?1 AND term < ?1 || x'f48fbfbf'").first([.text(token)]) { $0.int(0) } ?? 0
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

    /// BM25 (title above tags above summary above body) over an OR of the units, normalized so the best is 1.
    func fullText(_ units: [QueryUnit], db: Database) throws -> [(Int64, Double)] {
        let expression = units.map(QueryAnalyzer.expression).joined(separator: " OR ")
        let rows = try db.statement(
            "SELECT rowid, -bm25(articles_fts, 8.0, 4.0, 2.5, 1.0) AS s FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY s DESC LIMIT 200"
        ).map([.text(expression)]) { ($0.int64(0), $0.double(1)) }
        guard let top = rows.first?.1, top > 0 else { return [] }
        return rows.map { ($0.0, max(0, $0.1 / top)) }
    }

    /// English units learned for the Japanese and Korean units of a query.
    func crossLanguageUnits(_ units: [QueryUnit], db: Database) throws -> [QueryUnit] {
        var out: [QueryUnit] = []
        var seen = Set<String>()
        for unit in units where unit.script != .latin && !unit.isPrefix {
            let lang = unit.script == .hangul ? "ko" : "ja"
            try db.statement("SELECT target FROM term_translations WHERE lang = ?1 AND term = ?2 ORDER BY weight DESC LIMIT 3")
                .forEach([.text(lang), .text(TermAligner.key(unit.text))]) { row in
                    let target = row.string(0)
                    if seen.insert(target).inserted { out += QueryAnalyzer.units(target) }
                }
        }
        return out
    }

    // MARK: - Results

    func hydrate(_ c: Candidate, db: Database) throws -> SearchResult {
        guard
            var result = try db.statement("SELECT slug, lang, title, summary, source_path, substr(body_text, 1, 32768), translation_key FROM articles WHERE id = ?1")
                .first([.integer(c.id)], { row -> (SearchResult, String, String) in
                    (
                        SearchResult(
                            slug: row.string(0), lang: row.string(1), title: row.string(2), summary: row.string(3), snippet: "", snippetSegments: [],
                            tags: [], score: (c.score * 10_000).rounded() / 10_000, path: row.string(4), translations: [], matched: c.reasons), row.string(5),
                        row.string(6)
                    )
                })
        else { throw StoreError(.sqlite, "article \(c.id) vanished during the search") }
        let segments = Snippet.segments(text: result.1, summary: result.0.summary, terms: c.terms)
        result.0.snippetSegments = segments
        result.0.snippet = segments.map(\.text).joined()
        result.0.tags = try tags(of: c.id, db: db)
        result.0.translations = try translations(key: result.2, excluding: c.id, db: db)
        if c.text > 0 || c.crossText > 0, result.0.matched.count < 3 {
            let matchedTerms = Snippet.matchedTerms(in: result.0.title + "\n" + result.1, terms: c.terms)
            if !matchedTerms.isEmpty { result.0.matched.append(MatchReason(line: matchedTerms.joined(separator: " "), signature: nil, kind: .text)) }
        }
        return result.0
    }

    func tags(of id: Int64, db: Database) throws -> [String] {
        try db.statement("SELECT t.key FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ?1 ORDER BY t.key")
            .map([.integer(id)]) { $0.string(0) }
    }

    func translations(key: String, excluding id: Int64, db: Database) throws -> [TranslationRef] {
        try db.statement("SELECT lang, slug, title FROM articles WHERE translation_key = ?1 AND id != ?2 AND draft = 0 ORDER BY lang")
            .map([.text(key), .integer(id)]) { TranslationRef(lang: $0.string(0), slug: $0.string(1), title: $0.string(2)) }
    }
}
