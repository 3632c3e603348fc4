import Foundation

/// The one best fix for an error, for embedding: `match` is nil when nothing is good enough.
public struct HelpResponse: Sendable, Codable, Hashable {
    public var match: SearchResult?
    /// 0...1: how sure kb is that `match` answers the error.
    public var confidence: Double
    public var alternatives: [SearchResult]
}

extension SearchEngine {
    /// Below this confidence `help` returns no match rather than a wrong answer.
    public static let helpThreshold = 0.45

    public func help(error text: String, lang: String? = nil, alternatives: Int = 3) throws -> HelpResponse {
        let response = try search(SearchRequest(text: text, lang: lang, limit: alternatives + 1))
        guard let top = response.results.first else { return HelpResponse(match: nil, confidence: 0, alternatives: []) }
        let confidence = Self.confidence(of: top, next: response.results.dropFirst().first)
        let rest = Array(response.results.dropFirst().prefix(alternatives))
        if confidence < Self.helpThreshold {
            return HelpResponse(match: nil, confidence: confidence, alternatives: Array(response.results.prefix(alternatives)))
        }
        return HelpResponse(match: top, confidence: confidence, alternatives: rest)
    }

    /// Exact signature matches are near-certain; partial ones count by their score; a text-only match is capped,
    /// and a runner-up that is about as good (and not a translation of the same article) lowers confidence.
    static func confidence(of top: SearchResult, next: SearchResult?) -> Double {
        var c: Double
        if top.matched.contains(where: { $0.kind == .exact }) {
            c = 0.95
        } else if top.matched.contains(where: { $0.kind == .partial }) {
            c = min(0.9, 0.35 + 0.5 * min(1, top.score))
        } else {
            // Words alone (no error message matched) never make a confident answer.
            c = min(0.4, 0.1 + 0.3 * min(1, top.score))
        }
        if let next, top.score > 0, !top.translations.contains(where: { $0.lang == next.lang && $0.slug.lowercased() == next.slug.lowercased() }) {
            let ratio = next.score / top.score
            if ratio > 0.9 { c *= 0.8 }
        }
        return (c * 1000).rounded() / 1000
    }
}
