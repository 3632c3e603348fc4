import Foundation

/// Learns which English words a Japanese or Korean term stands for, from the corpus itself: articles linked as
/// translations (same translation key) are aligned documents, and a term that occurs in the Japanese side of the
/// same pairs as an English word on the English side is likely its translation (Dice coefficient over pairs).
///
/// The result goes to `term_translations`, which search uses to also look for English articles when a question is
/// asked in Japanese or Korean and no article in that language answers it.
public struct TermAligner: Sendable {
    /// Characters of each article read (title, summary and the start of the body carry the topic).
    public var prefixLength = 4_000
    /// Distinctive terms kept per article (by in-language document frequency).
    public var termsPerArticle = 24
    public var minimumDice = 0.3

    public init() {}

    static let englishStopWords: Set<String> = [
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "was", "one", "our", "out", "use", "has", "have",
        "this", "that", "with", "from", "they", "will", "would", "there", "their", "what", "about", "which", "when", "make",
        "like", "than", "then", "them", "these", "some", "into", "only", "other", "also", "its", "may", "more", "such",
        "used", "using", "see", "example", "examples", "how", "does", "value", "values", "should", "must", "where", "each",
        "way", "who", "why", "been", "being", "his", "her", "both", "via", "etc", "just", "your", "here", "because",
    ]

    /// Recomputes `term_translations` from the current articles (inside the caller's transaction).
    public func rebuild(_ db: Database) throws {
        try db.execute("DELETE FROM term_translations")
        struct Doc: Sendable { var lang: String; var text: String }
        var groups: [String: [Doc]] = [:]
        try db.statement(
            """
            SELECT translation_key, lang, title, summary, substr(body_text, 1, ?1) FROM articles
            WHERE draft = 0 AND translation_key IN (
                SELECT translation_key FROM articles WHERE draft = 0 GROUP BY translation_key
                HAVING count(DISTINCT lang) > 1 AND sum(lang = 'en') > 0)
            """
        ).forEach([.int(prefixLength)]) { row in
            groups[row.string(0), default: []].append(Doc(lang: row.string(1), text: row.string(2) + "\n" + row.string(3) + "\n" + row.string(4)))
        }
        guard !groups.isEmpty else { return }
        // Per language: the aligned pairs as (source term set, English word set).
        // Term extraction is the costly part: done for all groups in parallel.
        let work = Array(groups.values)
        let results = UnsafeMutableBufferPointer<[(String, [String: Int], [String: Int])]>.allocate(capacity: work.count)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            let docs = work[i]
            guard let english = docs.first(where: { $0.lang == "en" }) else { return }
            let words = Self.englishWords(english.text)
            var pairs: [(String, [String: Int], [String: Int])] = []
            for doc in docs where doc.lang != "en" {
                // Term frequency = lines holding the term (the query analyzer de-duplicates within a text).
                var terms: [String: Int] = [:]
                for line in doc.text.split(separator: "\n") {
                    // An ASCII line holds no Japanese or Korean (not even after NFKC).
                    if line.utf8.allSatisfy({ $0 < 0x80 }) { continue }
                    for unit in QueryAnalyzer.units(String(line), includingLatin: false)
                    where unit.script != .latin && !unit.isPrefix && unit.text.count >= 2 {
                        terms[Self.key(unit.text), default: 0] += 1
                    }
                }
                if !terms.isEmpty && !words.isEmpty { pairs.append((doc.lang, terms, words)) }
            }
            out[i] = pairs
        }
        var pairsByLang: [String: [([String: Int], [String: Int])]] = [:]
        for pairs in results {
            for (lang, terms, words) in pairs { pairsByLang[lang, default: []].append((terms, words)) }
        }
        let insert = try db.statement("INSERT OR REPLACE INTO term_translations (lang, term, target, weight) VALUES (?1, ?2, ?3, ?4)")
        for (lang, pairs) in pairsByLang {
            for (term, targets) in align(pairs) {
                for (target, weight) in targets { try insert.run([.text(lang), .text(term), .text(target), .real(weight)]) }
            }
        }
    }

    /// Term → best English words with their Dice coefficient. Each side of a pair contributes its most
    /// characteristic terms (frequency in the article × rarity across articles).
    ///
    /// Co-occurrences are counted one source term at a time, over the pairs where it is characteristic, in a dense
    /// array indexed by English word: the work is linear in the number of pairs (at most `termsPerArticle` ×
    /// `termsPerArticle * 3 / 2` counts per pair), with no table of every (term, word) combination, which grew to
    /// tens of millions of entries on large corpora. Terms that cannot reach `minimumDice` with any word are skipped.
    func align(_ pairs: [([String: Int], [String: Int])]) -> [String: [(String, Double)]] {
        let n = pairs.count
        var sourceDF: [String: Int] = [:]
        var targetDF: [String: Int] = [:]
        for (s, t) in pairs {
            for x in s.keys { sourceDF[x, default: 0] += 1 }
            for y in t.keys { targetDF[y, default: 0] += 1 }
        }
        // Terms in at least 2 pairs (1 when the corpus is tiny) and in at most a third of them.
        let minimum = n >= 20 ? 2 : 1
        let common = max(2, n / 3)
        func characteristic(_ counts: [String: Int], _ df: [String: Int], _ limit: Int) -> [String] {
            counts.compactMap { term, tf -> (String, Double)? in
                let d = df[term] ?? 0
                guard (minimum...common).contains(d) else { return nil }
                return (term, Double(tf).squareRoot() * log(Double(n + 1) / Double(d)))
            }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
        }
        // Terms and words as dense ids; per pair, its characteristic words; per term, the pairs it characterizes.
        var sourceID: [String: Int32] = [:]
        var sourceNames: [String] = []
        var termPairs: [[Int32]] = []
        var targetID: [String: Int32] = [:]
        var targetNames: [String] = []
        var pairWords: [[Int32]] = []
        pairWords.reserveCapacity(n)
        for (p, (s, t)) in pairs.enumerated() {
            let terms = characteristic(s, sourceDF, termsPerArticle)
            let words = characteristic(t, targetDF, termsPerArticle * 3 / 2)
            pairWords.append(
                words.map { word in
                    if let id = targetID[word] { return id }
                    let id = Int32(targetNames.count)
                    targetID[word] = id
                    targetNames.append(word)
                    return id
                })
            guard !words.isEmpty else { continue }
            for term in terms {
                if let id = sourceID[term] {
                    termPairs[Int(id)].append(Int32(p))
                } else {
                    sourceID[term] = Int32(sourceNames.count)
                    sourceNames.append(term)
                    termPairs.append([Int32(p)])
                }
            }
        }
        let sourceDFByID = sourceNames.map { sourceDF[$0] ?? 0 }
        let targetDFByID = targetNames.map { targetDF[$0] ?? 0 }
        // A term seen in c pairs co-occurs with a word at most c times, in at most c of the word's pairs, so its Dice
        // is at most 2c / (df + c): below the threshold, no word can qualify.
        let minimumDice = minimumDice
        let candidates = (0..<sourceNames.count).filter { a in
            let c = termPairs[a].count
            return c >= minimum && 2 * Double(c) / Double(sourceDFByID[a] + c) >= minimumDice
        }
        // Best words per term, counted in parallel over slices of the terms, each with its own counter array.
        let slices = candidates.isEmpty ? 0 : min(candidates.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        let found = UnsafeMutableBufferPointer<[(Int32, [(Int32, Double)])]>.allocate(capacity: slices)
        found.initialize(repeating: [])
        defer { found.deallocate() }
        nonisolated(unsafe) let out = found
        let pairsOfTerm = termPairs
        let wordsOfPair = pairWords
        let targetCount = targetNames.count
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            var counts = [Int32](repeating: 0, count: targetCount)
            var touched: [Int32] = []
            var results: [(Int32, [(Int32, Double)])] = []
            for index in stride(from: slice, to: candidates.count, by: slices) {
                let a = candidates[index]
                for p in pairsOfTerm[a] {
                    for b in wordsOfPair[Int(p)] {
                        if counts[Int(b)] == 0 { touched.append(b) }
                        counts[Int(b)] += 1
                    }
                }
                var list: [(Int32, Double)] = []
                for b in touched {
                    let count = counts[Int(b)]
                    counts[Int(b)] = 0
                    guard Int(count) >= minimum else { continue }
                    let dice = 2 * Double(count) / Double(sourceDFByID[a] + targetDFByID[Int(b)])
                    if dice >= minimumDice { list.append((b, dice)) }
                }
                touched.removeAll(keepingCapacity: true)
                if !list.isEmpty { results.append((Int32(a), list)) }
            }
            out[slice] = results
        }
        var result: [String: [(String, Double)]] = [:]
        for (a, list) in found.joined() {
            let top = list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : targetNames[Int($0.0)] < targetNames[Int($1.0)] }.prefix(3)
            result[sourceNames[Int(a)]] = top.map { (targetNames[Int($0.0)], $0.1) }
        }
        return result
    }

    /// The dictionary key of a term: a katakana word of four or more characters loses a trailing ー
    /// (コンストラクター = コンストラクタ), as writers differ on it.
    public static func key(_ term: String) -> String {
        let scalars = term.unicodeScalars
        guard scalars.count >= 4, scalars.last == "ー", scalars.allSatisfy({ (0x30A0...0x30FF).contains($0.value) }) else { return term }
        return String(term.dropLast())
    }

    /// Lower-cased English words of three or more letters, without stop words.
    static func englishWords(_ text: String) -> [String: Int] {
        var out: [String: Int] = [:]
        var word: [UInt8] = []
        func flush() {
            if word.count >= 3 && word.count <= 24 {
                let w = String(decoding: word, as: UTF8.self)
                if !englishStopWords.contains(w) { out[w, default: 0] += 1 }
            }
            word.removeAll(keepingCapacity: true)
        }
        for b in text.utf8 {
            if b >= 97 && b <= 122 { word.append(b) } else if b >= 65 && b <= 90 { word.append(b + 32) } else { flush() }
        }
        flush()
        return out
    }
}
