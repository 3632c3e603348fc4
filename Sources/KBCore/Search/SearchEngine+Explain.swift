import Foundation

/// Why an input finds what it finds: the triage, each kept line's signature and matches, the text terms, the results.
public struct Explanation: Sendable, Codable {
    public struct KeptLine: Sendable, Codable {
        public var number: Int
        public var text: String
        public var weight: Double
        public var signature: String
        public var matches: [LineMatch]
    }
    public struct LineMatch: Sendable, Codable {
        public var lang: String
        public var slug: String
        public var title: String
        public var signature: String
        public var kind: MatchReason.Kind
        public var score: Double
    }
    public struct DroppedLine: Sendable, Codable {
        public var number: Int
        public var text: String
        public var reason: String
    }
    public var kept: [KeptLine]
    public var dropped: [DroppedLine]
    public var hasErrorLines: Bool
    /// The terms sent to the full-text index, rarest first.
    public var textTerms: [String]
    /// English terms added for Japanese and Korean ones.
    public var crossLanguageTerms: [String]
    public var results: [SearchResult]
}

extension SearchEngine {
    public func explain(_ text: String, lang: String? = nil, limit: Int = 5) throws -> Explanation {
        let triage = Triage(text)
        let results = try search(SearchRequest(text: text, lang: lang, limit: limit)).results
        return try withConnection { db in
            let corpus = try corpusIndex(db)
            var kept: [Explanation.KeptLine] = []
            for line in triage.kept {
                var matches: [Explanation.LineMatch] = []
                for m in corpus.matches(for: line.signature, limit: 5).prefix(5) {
                    let article = corpus.articles[Int(m.slot)]
                    matches.append(Explanation.LineMatch(lang: article.lang, slug: article.slug, title: article.title, signature: m.signature, kind: m.kind, score: (m.score * 1000).rounded() / 1000))
                }
                kept.append(Explanation.KeptLine(number: line.number, text: line.text, weight: line.weight, signature: line.signature.text, matches: matches))
            }
            let units = QueryAnalyzer.units(triage.informativeText)
            let selected = try selectUnits(units, db: db, corpus: corpus)
            let cross = crossLanguageUnits(units, corpus: corpus)
            return Explanation(
                kept: kept,
                dropped: triage.dropped.map { Explanation.DroppedLine(number: $0.number, text: String($0.text.prefix(200)), reason: $0.reason.rawValue) },
                hasErrorLines: triage.hasErrorLines,
                textTerms: selected.map(\.text),
                crossLanguageTerms: cross.map(\.text),
                results: results)
        }
    }
}
