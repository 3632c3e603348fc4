import Foundation
import Testing

@testable import KBServer

@Suite("Language negotiation and query parameters")
struct NegotiationTests {
    @Test(
        "Accept-Language: best q first, ties in order, q=0 and * skipped",
        arguments: [
            ("ja-JP,ja;q=0.9,en;q=0.8", ["ja", "ja", "en"]),
            ("en;q=0.5, ko;q=0.7 , ja", ["ja", "ko", "en"]),
            ("*;q=0.5, ko", ["ko"]),
            ("en;q=0, ja;q=0.001", ["ja"]),
            ("zh-Hant-TW;q=1.000, i-klingon", ["zh"]),
            ("en, , ja", ["en", "ja"]),
            ("", []),
        ])
    func acceptLanguage(header: String, expected: [String]) throws {
        #expect(try LanguageNegotiation.ranges(header).map(\.language) == expected)
    }

    @Test(
        "malformed Accept-Language values are rejected",
        arguments: ["en;q=2", "en;q=0.1234", "en;q=", "en;x=1", "e n", "en-", "123", "ja;q=1.5", "en-thisisfartoolong"])
    func malformedAcceptLanguage(header: String) {
        #expect(throws: ProblemDetails.self) { try LanguageNegotiation.ranges(header) }
    }

    @Test("lang wins over Accept-Language; English is the default")
    func preferred() throws {
        #expect(try LanguageNegotiation.preferredLanguage(param: "ko-KR", acceptLanguage: "ja") == "ko")
        #expect(try LanguageNegotiation.preferredLanguage(param: nil, acceptLanguage: "ja;q=0.2, *") == "ja")
        #expect(try LanguageNegotiation.preferredLanguage(param: "", acceptLanguage: nil) == "en")
        #expect(try LanguageNegotiation.preferredLanguage(param: nil, acceptLanguage: "*") == "en")
        #expect(throws: ProblemDetails.self) { try LanguageNegotiation.preferredLanguage(param: "日本語", acceptLanguage: nil) }
    }

    @Test("query strings decode as forms: + is a space, %XX a byte, UTF-8 text")
    func queryParameters() throws {
        let parameters = try QueryParameters("q=no+space%20left&tag=a&tag=b%2Fc&empty=&flag&%E6%A8%A9=%E9%99%90")
        #expect(parameters["q"] == "no space left")
        #expect(parameters.all("tag") == ["a", "b/c"])
        #expect(parameters["empty"] == "")
        #expect(parameters["flag"] == "")
        #expect(parameters["権"] == "限")
        #expect(parameters["missing"] == nil)
        #expect(try parameters.integer("missing", default: 7, in: 1...10) == 7)
        #expect(throws: ProblemDetails.self) { try QueryParameters("q=%E3%81") }
        #expect(throws: ProblemDetails.self) { try QueryParameters("q=%G0") }
        #expect(throws: ProblemDetails.self) { try QueryParameters("%zz=1") }
        #expect(QueryParameters.decodePathSegment("a+b%2Fc") == "a+b/c")
        #expect(QueryParameters.decodePathSegment("%") == nil)
    }

    @Test("entity tags: strong, stable, compared weakly")
    func entityTags() {
        let tag = EntityTag.strong(for: Array("hello".utf8))
        #expect(tag == EntityTag.strong(for: Array("hello".utf8)))
        #expect(tag != EntityTag.strong(for: Array("hello!".utf8)))
        #expect(tag.count == 18)
        #expect(EntityTag.matches(tag, ifNoneMatch: "W/\(tag)"))
        #expect(EntityTag.matches(tag, ifNoneMatch: "\"a\", \(tag)"))
        #expect(!EntityTag.matches(tag, ifNoneMatch: "\"a\""))
    }
}
