import Foundation

/// An in-memory view of the store that every search needs: article facts for filtering and fusion, and the
/// error-signature index (exact by hash, partial by IDF-weighted token containment in both directions).
/// Loaded once per database generation; shared by all connections.
public final class CorpusIndex: Sendable {
    public struct ArticleInfo: Sendable {
        public var lang: String
        public var isDraft: Bool
        public var tagIDs: [Int32]
        public var translationKey: String
        /// The translation key, lower-cased: articles sharing it are one topic.
        public var groupKey: String
        public var signatureCount: Int
        /// Signature tokens of the title, when the title reads as an error message.
        public var titleTokens: [Int32] = []
    }

    public struct SignatureEntry: Sendable {
        public var articleID: Int64
        public var text: String
        public var hash: UInt64
        public var tokenIDs: [Int32]
        public var weight: Double  // sum of token IDFs
        public var clues: [String]
        public var source: String
    }

    public struct SignatureMatch: Sendable {
        public var articleID: Int64
        public var score: Double  // 0...1
        public var signature: String
        public var kind: MatchReason.Kind
        public var source: String
    }

    public let generation: String
    public let articles: [Int64: ArticleInfo]
    public let tagIDByKey: [String: Int32]
    public let languages: [String: Int]
    /// Articles by translation key (lower-cased): the same topic in several languages.
    public let groups: [String: [Int64]]
    let signatures: [SignatureEntry]
    let byHash: [UInt64: [Int32]]
    let tokenID: [String: Int32]
    let postings: [[Int32]]
    let idf: [Double]
    /// How many distinct articles share each signature hash (a message quoted everywhere says little).
    let hashSpread: [UInt64: Int]

    public var articleCount: Int { articles.count }

    init(db: Database, generation: String) throws {
        self.generation = generation
        var articles: [Int64: ArticleInfo] = [:]
        var languages: [String: Int] = [:]
        var titles: [Int64: String] = [:]
        try db.statement("SELECT id, lang, draft, translation_key, title FROM articles").forEach {
            let lang = $0.string(1)
            let draft = $0.int(2) != 0
            articles[$0.int64(0)] = ArticleInfo(
                lang: lang, isDraft: draft, tagIDs: [], translationKey: $0.string(3), groupKey: $0.string(3).lowercased(), signatureCount: 0)
            if !draft { languages[lang, default: 0] += 1 }
            titles[$0.int64(0)] = $0.string(4)
        }
        var tagIDByKey: [String: Int32] = [:]
        try db.statement("SELECT id, key FROM tags").forEach { tagIDByKey[$0.string(1)] = Int32($0.int(0)) }
        try db.statement("SELECT article_id, tag_id FROM article_tags").forEach {
            articles[$0.int64(0)]?.tagIDs.append(Int32($0.int(1)))
        }
        var signatures: [SignatureEntry] = []
        var tokenID: [String: Int32] = [:]
        var postings: [[Int32]] = []
        var byHash: [UInt64: [Int32]] = [:]
        var spreadSets: [UInt64: Set<Int64>] = [:]
        try db.statement("SELECT article_id, signature, hash, tokens, clues, source FROM article_signatures WHERE article_id IN (SELECT id FROM articles WHERE draft = 0)").forEach { row in
            let index = Int32(signatures.count)
            var ids: [Int32] = []
            for token in row.string(3).split(separator: " ") {
                let t = String(token)
                let id: Int32
                if let existing = tokenID[t] {
                    id = existing
                } else {
                    id = Int32(postings.count)
                    tokenID[t] = id
                    postings.append([])
                }
                if !ids.contains(id) {
                    ids.append(id)
                    postings[Int(id)].append(index)
                }
            }
            let hash = UInt64(bitPattern: row.int64(2))
            let articleID = row.int64(0)
            byHash[hash, default: []].append(index)
            spreadSets[hash, default: []].insert(articleID)
            articles[articleID]?.signatureCount += 1
            let clues = row.string(4).split(separator: " ").map(String.init)
            signatures.append(SignatureEntry(articleID: articleID, text: row.string(1), hash: hash, tokenIDs: ids, weight: 0, clues: clues, source: row.string(5)))
        }
        // Titles that read as error messages are evidence of what an article is about.
        for (id, title) in titles where ErrorLineClassifier.score(title) >= 0.5 {
            guard let signature = ErrorSignature(line: title) else { continue }
            articles[id]?.titleTokens = signature.tokens.compactMap { tokenID[$0] }
        }
        let n = Double(max(1, signatures.count))
        let idf = postings.map { log((n + 1) / (Double($0.count) + 0.5)) }
        for i in signatures.indices {
            signatures[i].weight = signatures[i].tokenIDs.reduce(0) { $0 + idf[Int($1)] }
        }
        var groups: [String: [Int64]] = [:]
        for (id, info) in articles where !info.isDraft { groups[info.groupKey, default: []].append(id) }
        self.groups = groups.filter { $0.value.count > 1 }
        self.articles = articles
        self.languages = languages
        self.tagIDByKey = tagIDByKey
        self.signatures = signatures
        self.byHash = byHash
        self.tokenID = tokenID
        self.postings = postings
        self.idf = idf
        self.hashSpread = spreadSets.mapValues(\.count)
    }

    /// Signature matches of one normalized input line: exact hash matches score 1; partial matches score by
    /// IDF-weighted containment in both directions (the signature in the line, and the line in the signature).
    func matches(for signature: ErrorSignature, limit: Int = 50) -> [SignatureMatch] {
        var out: [SignatureMatch] = []
        var exactArticles = Set<Int64>()
        if let exact = byHash[signature.hash] {
            for i in exact {
                let s = signatures[Int(i)]
                exactArticles.insert(s.articleID)
                // Masked values are weak clues: a shared one (the '??' of "Unexpected token '??'") breaks ties.
                // When both sides mask values, sharing one confirms the match and differing ones weaken it.
                let score: Double
                if signature.clues.isEmpty || s.clues.isEmpty {
                    score = 0.95
                } else if s.clues.contains(where: { signature.clues.contains($0) }) {
                    score = 1
                } else if Set(s.clues.map(Self.clueShape)) == Set(signature.clues.map(Self.clueShape)) {
                    score = 0.96  // same kind of value ('#x' and '#celsius': both private names)
                } else {
                    score = 0.88
                }
                out.append(SignatureMatch(articleID: s.articleID, score: score, signature: s.text, kind: .exact, source: s.source))
            }
        }
        // Query tokens known to the index, with their IDF.
        var queryIDs: [Int32] = []
        var queryWeight = 0.0
        for token in signature.tokens {
            guard let id = tokenID[token], !queryIDs.contains(id) else {
                if tokenID[token] == nil { queryWeight += log(Double(signatures.count + 1) / 0.5) * 0.5 }  // unknown words still count against containment
                continue
            }
            queryIDs.append(id)
            queryWeight += idf[Int(id)]
        }
        guard !queryIDs.isEmpty, queryWeight > 0 else { return out }
        // Candidates come from the rarer half of the query's tokens (common ones only add to the score).
        let ordered = queryIDs.sorted { postings[Int($0)].count < postings[Int($1)].count }
        let seedCount = max(1, min(ordered.count, (ordered.count + 1) / 2 + 1))
        var overlap: [Int32: Double] = [:]
        for id in ordered.prefix(seedCount) {
            for s in postings[Int(id)].prefix(5000) { overlap[s] = 0 }
        }
        let querySet = Set(queryIDs)
        var scored: [(Int32, Double)] = []
        scored.reserveCapacity(overlap.count)
        for (s, _) in overlap {
            let entry = signatures[Int(s)]
            if exactArticles.contains(entry.articleID) { continue }
            var shared = 0.0
            var sharedCount = 0
            for t in entry.tokenIDs where querySet.contains(t) {
                shared += idf[Int(t)]
                sharedCount += 1
            }
            // One shared word ("ReferenceError") is not a partial match of a message; it takes two.
            guard entry.weight > 0, sharedCount >= 2 else { continue }
            let inLine = shared / entry.weight  // how much of the article's signature the line holds
            let inSignature = shared / queryWeight  // how much of the line the signature holds
            var score = 0.65 * inLine + 0.35 * inSignature
            // Masked values are weak clues: a shared quoted value nudges the score.
            if !signature.clues.isEmpty, entry.clues.contains(where: { signature.clues.contains($0) }) { score += 0.03 }
            if score > 0.3 { scored.append((s, min(score, 0.85))) }
        }
        scored.sort { $0.1 > $1.1 }
        for (s, score) in scored.prefix(limit) {
            let e = signatures[Int(s)]
            out.append(SignatureMatch(articleID: e.articleID, score: score, signature: e.text, kind: .partial, source: e.source))
        }
        return out
    }

    /// The kind of a masked value: its leading symbol (`#`, `@`, `$`, `.`…) or whether it is a word or a number.
    static func clueShape(_ clue: String) -> String {
        guard let first = clue.unicodeScalars.first else { return "" }
        if first.properties.isAlphabetic { return "a" }
        if ("0"..."9").contains(first) { return "9" }
        return String(first)
    }

    /// The index's ids of a signature's tokens (tokens no article uses are left out).
    func tokenIDs(of signature: ErrorSignature) -> Set<Int32> {
        Set(signature.tokens.compactMap { tokenID[$0] })
    }

    /// How much of the article's title (when it is an error message) the line holds: 0...1, IDF-weighted.
    func titleContainment(of articleID: Int64, in line: Set<Int32>) -> Double {
        guard let title = articles[articleID]?.titleTokens, !title.isEmpty else { return 0 }
        var shared = 0.0
        var total = 0.0
        for t in title {
            let w = idf[Int(t)]
            total += w
            if line.contains(t) { shared += w }
        }
        return total > 0 ? shared / total : 0
    }

    /// How many articles carry a signature with this hash.
    func spread(of hash: UInt64) -> Int { hashSpread[hash] ?? 0 }
}
