import Foundation

/// An in-memory view of the store that every search needs: article facts for filtering, fusion and results (so a
/// search reads only the bodies of the articles it shows), the error-signature index (exact by hash, partial by
/// IDF-weighted token containment in both directions), each article's full-text length for BM25, and the learned
/// cross-language terms. Loaded once per database generation; shared by all connections.
///
/// Articles are numbered densely (`slot`) so that a search accumulates evidence in arrays, not dictionaries.
public final class CorpusIndex: Sendable {
    public struct ArticleInfo: Sendable {
        public var id: Int64
        public var lang: String
        public var isDraft: Bool
        public var tagIDs: [Int32]
        public var translationKey: String
        /// The article's translation group (articles sharing a translation key, case-insensitively), or -1.
        public var group: Int32 = -1
        public var signatureCount: Int32 = 0
        /// Signature tokens of the title, when the title reads as an error message.
        public var titleTokens: [Int32] = []
        public var slug: String
        public var title: String
        public var summary: String
        public var path: String
        /// Tokens in the article's full-text row (all columns), for BM25's length normalization.
        public var length: Float = 0
    }

    public struct SignatureEntry: Sendable {
        public var slot: Int32
        public var text: String
        public var hash: UInt64
        public var tokenIDs: [Int32]
        public var weight: Double  // sum of token IDFs
        public var clues: [String]
        public var source: String
    }

    public struct SignatureMatch: Sendable {
        public var slot: Int32
        public var score: Double  // 0...1
        public var signature: String
        public var kind: MatchReason.Kind
        public var source: String
    }

    /// The facts fusion reads for every candidate, packed (8 bytes an article) so thousands of candidates do not
    /// each miss the cache on a whole `ArticleInfo`.
    struct Packed: Sendable {
        var group: Int32
        /// Index in `languageCodes`.
        var language: UInt8
        var isDraft: Bool
        var hasSignatures: Bool
    }

    public let generation: String
    /// Every article, by slot.
    public let articles: [ArticleInfo]
    let packed: [Packed]
    /// Article ids and full-text row lengths by slot (read per full-text row and per ranked candidate).
    let ids: [Int64]
    let lengths: [Float]
    /// The languages of the corpus; `Packed.language` indexes it.
    let languageCodes: [String]
    let slotByID: [Int64: Int32]
    /// Slots by article id when ids are dense enough for an array (a search looks one up per full-text row).
    let slotByRow: [Int32]
    public let tagIDByKey: [String: Int32]
    /// Tag keys by tag id.
    let tagKeys: [Int32: String]
    public let languages: [String: Int]
    /// Translation groups (two or more published articles sharing a translation key), as slots sorted by language,
    /// all in one array: group g is `groupMembers[groupStart[g] ..< groupStart[g + 1]]`.
    let groupStart: [Int32]
    let groupMembers: [Int32]
    var groupCount: Int { groupStart.count - 1 }

    /// The members of translation group `group`.
    @inline(__always) func members(of group: Int32) -> ArraySlice<Int32> {
        groupMembers[Int(groupStart[Int(group)])..<Int(groupStart[Int(group) + 1])]
    }
    /// Average full-text row length (BM25's avgdl).
    let averageLength: Double
    /// Learned English terms for Japanese and Korean ones ("ja\u{1}term" → up to three targets, best first).
    let termTranslations: [String: [String]]
    let signatures: [SignatureEntry]
    /// Per signature, packed for partial matching (which reads thousands of them a line): its article's slot, the
    /// sum of its tokens' IDF, and its token ids (signature i's are `signatureTokens[signatureTokenStart[i] ..<
    /// signatureTokenStart[i + 1]]`).
    let signatureSlots: [Int32]
    let signatureWeights: [Double]
    let signatureTokenStart: [Int32]
    let signatureTokens: [Int32]
    let byHash: [UInt64: [Int32]]
    let tokenID: [String: Int32]
    let postings: [[Int32]]
    let idf: [Double]
    /// How many distinct articles share each signature hash (a message quoted everywhere says little).
    let hashSpread: [UInt64: Int]

    public var articleCount: Int { articles.count }

    /// The slot of an article id, if the article is in this generation.
    @inline(__always) func slot(of id: Int64) -> Int32? {
        if id >= 0 && id < slotByRow.count {
            let slot = slotByRow[Int(id)]
            return slot >= 0 ? slot : nil
        }
        return slotByRow.isEmpty ? slotByID[id] : nil
    }

    init(db: Database, generation: String) throws {
        self.generation = generation
        var articles: [ArticleInfo] = []
        var slotByID: [Int64: Int32] = [:]
        var languages: [String: Int] = [:]
        // Through the covering index articles_facts (migration 0002): no article body is read.
        try db.statement("SELECT id, lang, draft, translation_key, slug, title, summary, source_path FROM articles INDEXED BY articles_facts").forEach {
            let lang = $0.string(1)
            let draft = $0.int(2) != 0
            slotByID[$0.int64(0)] = Int32(articles.count)
            articles.append(ArticleInfo(
                id: $0.int64(0), lang: lang, isDraft: draft, tagIDs: [], translationKey: $0.string(3), slug: $0.string(4), title: $0.string(5),
                summary: $0.string(6), path: $0.string(7)))
            if !draft { languages[lang, default: 0] += 1 }
        }
        var tagIDByKey: [String: Int32] = [:]
        var tagKeys: [Int32: String] = [:]
        try db.statement("SELECT id, key FROM tags").forEach {
            tagIDByKey[$0.string(1)] = Int32($0.int(0))
            tagKeys[Int32($0.int(0))] = $0.string(1)
        }
        try db.statement("SELECT article_id, tag_id FROM article_tags").forEach {
            if let slot = slotByID[$0.int64(0)] { articles[Int(slot)].tagIDs.append(Int32($0.int(1))) }
        }
        // Row lengths from FTS5's own size records (one varint per column).
        var totalLength = 0.0
        try db.statement("SELECT id, sz FROM articles_fts_docsize").forEach { row in
            guard let slot = slotByID[row.int64(0)] else { return }
            let length = row.withBytes(1) { Self.sumOfVarints($0) }
            articles[Int(slot)].length = Float(length)
            totalLength += Double(length)
        }
        self.averageLength = articles.isEmpty ? 1 : max(1, totalLength / Double(articles.count))
        var termTranslations: [String: [String]] = [:]
        try db.statement("SELECT lang, term, target FROM term_translations ORDER BY lang, term, weight DESC").forEach { row in
            let key = row.string(0) + "\u{1}" + row.string(1)
            if termTranslations[key, default: []].count < 3 { termTranslations[key, default: []].append(row.string(2)) }
        }
        self.termTranslations = termTranslations
        var signatures: [SignatureEntry] = []
        var tokenID: [String: Int32] = [:]
        var postings: [[Int32]] = []
        var byHash: [UInt64: [Int32]] = [:]
        var spreadSets: [UInt64: Set<Int32>] = [:]
        try db.statement("SELECT article_id, signature, hash, tokens, clues, source FROM article_signatures").forEach { row in
            guard let slot = slotByID[row.int64(0)], !articles[Int(slot)].isDraft else { return }
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
            byHash[hash, default: []].append(index)
            spreadSets[hash, default: []].insert(slot)
            articles[Int(slot)].signatureCount += 1
            let clues = row.string(4).split(separator: " ").map(String.init)
            signatures.append(SignatureEntry(slot: slot, text: row.string(1), hash: hash, tokenIDs: ids, weight: 0, clues: clues, source: row.string(5)))
        }
        // Titles that read as error messages are evidence of what an article is about.
        for slot in articles.indices where ErrorLineClassifier.score(articles[slot].title) >= 0.5 {
            guard let signature = ErrorSignature(line: articles[slot].title) else { continue }
            articles[slot].titleTokens = signature.tokens.compactMap { tokenID[$0] }
        }
        let n = Double(max(1, signatures.count))
        let idf = postings.map { log((n + 1) / (Double($0.count) + 0.5)) }
        for i in signatures.indices {
            signatures[i].weight = signatures[i].tokenIDs.reduce(0) { $0 + idf[Int($1)] }
        }
        var byKey: [String: [Int32]] = [:]
        for slot in articles.indices where !articles[slot].isDraft {
            byKey[articles[slot].translationKey.lowercased(), default: []].append(Int32(slot))
        }
        var groups: [[Int32]] = []
        for (_, var members) in byKey where members.count > 1 {
            members.sort { articles[Int($0)].lang < articles[Int($1)].lang }
            for slot in members { articles[Int(slot)].group = Int32(groups.count) }
            groups.append(members)
        }
        var groupStart: [Int32] = [0]
        groupStart.reserveCapacity(groups.count + 1)
        self.groupMembers = groups.flatMap { $0 }
        for members in groups { groupStart.append(groupStart[groupStart.count - 1] + Int32(members.count)) }
        self.groupStart = groupStart
        var languageCodes: [String] = []
        var languageIndex: [String: UInt8] = [:]
        self.packed = articles.map { a in
            let language: UInt8
            if let known = languageIndex[a.lang] {
                language = known
            } else {
                language = UInt8(truncatingIfNeeded: languageCodes.count)
                languageIndex[a.lang] = language
                languageCodes.append(a.lang)
            }
            return Packed(group: a.group, language: language, isDraft: a.isDraft, hasSignatures: a.signatureCount > 0)
        }
        self.languageCodes = languageCodes
        self.ids = articles.map(\.id)
        self.lengths = articles.map(\.length)
        self.articles = articles
        self.slotByID = slotByID
        let maxID = articles.map(\.id).max() ?? 0
        var slotByRow: [Int32] = []
        if maxID >= 0 && maxID < Int64(4 * articles.count + 1024) {
            slotByRow = Array(repeating: -1, count: Int(maxID) + 1)
            for (slot, article) in articles.enumerated() where article.id >= 0 { slotByRow[Int(article.id)] = Int32(slot) }
        }
        self.slotByRow = slotByRow
        self.languages = languages
        self.tagIDByKey = tagIDByKey
        self.tagKeys = tagKeys
        self.signatures = signatures
        self.signatureSlots = signatures.map(\.slot)
        self.signatureWeights = signatures.map(\.weight)
        var signatureTokenStart: [Int32] = [0]
        signatureTokenStart.reserveCapacity(signatures.count + 1)
        for entry in signatures { signatureTokenStart.append(signatureTokenStart[signatureTokenStart.count - 1] + Int32(entry.tokenIDs.count)) }
        self.signatureTokenStart = signatureTokenStart
        self.signatureTokens = signatures.flatMap(\.tokenIDs)
        self.byHash = byHash
        self.tokenID = tokenID
        self.postings = postings
        self.idf = idf
        self.hashSpread = spreadSets.mapValues(\.count)
    }

    /// The sum of the SQLite varints in `bytes` (an FTS5 size record: one token count per column).
    static func sumOfVarints(_ bytes: UnsafeRawBufferPointer) -> Int {
        var sum = 0
        var value = 0
        var used = 0
        for byte in bytes {
            used += 1
            if used == 9 {  // the ninth byte of a varint carries 8 bits
                value = (value << 8) | Int(byte)
            } else {
                value = (value << 7) | Int(byte & 0x7f)
                if byte & 0x80 != 0 { continue }
            }
            sum += value
            value = 0
            used = 0
        }
        return sum
    }

    /// The index of a language in `languageCodes` (-1 when no article has it).
    func languageIndex(_ code: String?) -> Int {
        guard let code else { return -1 }
        return languageCodes.firstIndex(of: code) ?? -1
    }

    /// The article's tag keys, sorted.
    func tagKeys(of slot: Int32) -> [String] {
        articles[Int(slot)].tagIDs.compactMap { tagKeys[$0] }.sorted()
    }

    /// The other published language versions of an article, by language.
    func translations(of slot: Int32) -> [TranslationRef] {
        let group = articles[Int(slot)].group
        guard group >= 0 else { return [] }
        return members(of: group).filter { $0 != slot }.map {
            let a = articles[Int($0)]
            return TranslationRef(lang: a.lang, slug: a.slug, title: a.title)
        }
    }

    /// Signature matches of one normalized input line: exact hash matches score 1; partial matches score by
    /// IDF-weighted containment in both directions (the signature in the line, and the line in the signature).
    func matches(for signature: ErrorSignature, limit: Int = 50) -> [SignatureMatch] {
        var out: [SignatureMatch] = []
        var exactArticles = Set<Int32>()
        if let exact = byHash[signature.hash] {
            for i in exact {
                let s = signatures[Int(i)]
                exactArticles.insert(s.slot)
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
                out.append(SignatureMatch(slot: s.slot, score: score, signature: s.text, kind: .exact, source: s.source))
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
        // Bit sets instead of hashing: which signatures were seen, which tokens the line has.
        var seen = [UInt64](repeating: 0, count: (signatures.count + 63) / 64)
        var candidates: [Int32] = []
        for id in ordered.prefix(seedCount) {
            for s in postings[Int(id)].prefix(5000) {
                let (word, bit) = (Int(s) >> 6, UInt64(1) << (UInt64(s) & 63))
                if seen[word] & bit == 0 {
                    seen[word] |= bit
                    candidates.append(s)
                }
            }
        }
        var inQuery = [UInt64](repeating: 0, count: (postings.count + 63) / 64)
        for t in queryIDs { inQuery[Int(t) >> 6] |= UInt64(1) << (UInt64(t) & 63) }
        var scored: [(Int32, Double)] = []
        scored.reserveCapacity(candidates.count)
        for s in candidates {
            let i = Int(s)
            let weight = signatureWeights[i]
            guard weight > 0, exactArticles.isEmpty || !exactArticles.contains(signatureSlots[i]) else { continue }
            var shared = 0.0
            var sharedCount = 0
            for k in Int(signatureTokenStart[i])..<Int(signatureTokenStart[i + 1]) {
                let t = signatureTokens[k]
                if inQuery[Int(t) >> 6] & (UInt64(1) << (UInt64(t) & 63)) != 0 {
                    shared += idf[Int(t)]
                    sharedCount += 1
                }
            }
            // One shared word ("ReferenceError") is not a partial match of a message; it takes two.
            guard sharedCount >= 2 else { continue }
            let inLine = shared / weight  // how much of the article's signature the line holds
            let inSignature = shared / queryWeight  // how much of the line the signature holds
            var score = 0.65 * inLine + 0.35 * inSignature
            // Masked values are weak clues: a shared quoted value nudges the score.
            if !signature.clues.isEmpty, signatures[i].clues.contains(where: { signature.clues.contains($0) }) { score += 0.03 }
            if score > 0.3 { scored.append((s, min(score, 0.85))) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        for (s, score) in scored.prefix(limit) {
            let e = signatures[Int(s)]
            out.append(SignatureMatch(slot: e.slot, score: score, signature: e.text, kind: .partial, source: e.source))
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
    func titleContainment(of slot: Int32, in line: Set<Int32>) -> Double {
        let title = articles[Int(slot)].titleTokens
        guard !title.isEmpty else { return 0 }
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
