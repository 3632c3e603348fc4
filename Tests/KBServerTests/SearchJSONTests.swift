import Foundation
import Testing

@testable import KBCore
@testable import KBServer

/// The hand-written search JSON must be byte for byte what Foundation's encoder (the API's JSON everywhere else)
/// writes for the same response.
@Suite struct SearchJSONTests {
    static func result(_ text: String, score: Double, signature: String?) -> SearchResult {
        SearchResult(
            slug: "s/\(text)", lang: "ja", title: "Title \(text)", summary: "", snippet: "…\(text)…",
            snippetSegments: [SnippetSegment(text: "…", highlight: false), SnippetSegment(text: text, highlight: true)],
            tags: ["docker", "ci/cd"], score: score, path: "Content/ja/\(text).md",
            translations: [TranslationRef(lang: "en", slug: "x", title: "X \"quoted\"")],
            matched: [
                MatchReason(line: text, signature: signature, kind: .exact), MatchReason(line: "words", signature: nil, kind: .text),
            ])
    }

    static let texts = [
        "plain", "quote \" backslash \\ slash /", "controls \n\t\r\u{8}\u{c}\u{1}\u{1f} del \u{7f}", "日本語と한국어 é \u{2028}", "",
        "emoji 🙂 and zero width \u{200B}",
    ]

    @Test("equals JSONEncoder's output", arguments: [1.0, 0.5, 1.2345, 0.0001, 1e-5, 2.87, 0, 1234567.5, 3e15, 1e17])
    func sameBytes(score: Double) throws {
        let response = SearchResponse(
            query: "TypeError: x is not a function\nat <anonymous>:1:1", total: 42,
            results: Self.texts.enumerated().map { Self.result($1, score: score, signature: $0 % 2 == 0 ? "sig \($1)" : nil) })
        let expected = try JSONCoding.encoder.encode(response)
        let written = response.jsonBytes()
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(try JSONDecoder().decode(SearchResponse.self, from: Data(written)) == response)
    }

    @Test("an empty response")
    func empty() throws {
        let response = SearchResponse(query: "", total: 0, results: [])
        #expect(response.jsonBytes() == Array(try JSONCoding.encoder.encode(response)))
    }
}
