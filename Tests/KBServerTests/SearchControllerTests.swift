import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

@Suite("GET and POST /api/v1/search", .timeLimit(.minutes(1)))
struct SearchControllerTests {
    static let execError = "exec /usr/local/bin/docker-entrypoint.sh: exec format error"
    static let execErrorQuery = "exec+%2Fusr%2Flocal%2Fbin%2Fdocker-entrypoint.sh%3A+exec+format+error"

    @Test("finds the article for an error message, as kb search --json does")
    func getFindsArticle() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=\(Self.execErrorQuery)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-store")
                let body = try response.decode(SearchResponse.self)
                #expect(body.query == Self.execError)
                let top = try #require(body.results.first)
                #expect(top.slug == "docker-exec-format-error")
                #expect(top.lang == "en")
                #expect(top.translations.map(\.lang) == ["ja"])
                #expect(body.total >= 2)
            }
        }
    }

    @Test("the body is the same JSON as the engine's SearchResponse (camelCase keys)")
    func responseKeys() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=permission+denied", method: .get) { response in
                let object = try response.jsonObject()
                #expect(Set(object.keys) == ["query", "total", "results"])
                let first = try #require((object["results"] as? [[String: Any]])?.first)
                #expect(
                    Set(first.keys)
                        == ["slug", "lang", "title", "summary", "snippet", "snippetSegments", "tags", "score", "path", "translations", "matched"])
            }
        }
    }

    @Test("POST JSON with q, lang, tags, limit and offset")
    func postJSON() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            let body = #"{"q": "Permission denied (publickey)", "lang": "ko", "tags": ["ssh"], "limit": 1, "offset": 0}"#
            try await client.execute(
                uri: "/api/v1/search", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(text: body)
            ) { response in
                #expect(response.status == .ok)
                let result = try response.decode(SearchResponse.self)
                #expect(result.results.count == 1)
                #expect(result.results.first?.slug == "git-permission-denied-publickey")
                #expect(result.results.first?.lang == "ko")
                #expect(result.results.allSatisfy { $0.tags.contains("ssh") })
            }
        }
    }

    @Test("POST text/plain: a pasted CI log is the query, options come from the query string")
    func postPlainTextLog() async throws {
        let database = try TestDatabase()
        let log = """
            #12 [build 3/7] RUN npm install -g typescript
            npm ERR! code EACCES
            npm ERR! syscall mkdir
            npm ERR! Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/typescript'
            Error: Process completed with exit code 243.
            """
        try await makeApp(database).test(.router) { client in
            try await client.execute(
                uri: "/api/v1/search?limit=3", method: .post, headers: [.contentType: "text/plain; charset=utf-8"], body: ByteBuffer(text: log)
            ) { response in
                #expect(response.status == .ok)
                let result = try response.decode(SearchResponse.self)
                #expect(result.results.first?.slug == "npm-eacces-permission-denied")
                #expect(result.results.count <= 3)
            }
        }
    }

    @Test(
        "the reader's language comes first: lang, else Accept-Language with q-values, else English",
        arguments: [
            ("lang=ja", [:], "ja"),
            ("lang=ja-JP", [:], "ja"),
            ("", [HTTPField.Name.acceptLanguage: "ja-JP,ja;q=0.9,en;q=0.8"], "ja"),
            ("", [HTTPField.Name.acceptLanguage: "en;q=0.5, ja;q=0.7"], "ja"),
            ("", [HTTPField.Name.acceptLanguage: "ja;q=0, en"], "en"),
            ("lang=en", [HTTPField.Name.acceptLanguage: "ja"], "en"),
            ("", [:], "en"),
        ] as [(String, HTTPFields, String)])
    func languagePreference(parameter: String, headers: HTTPFields, expected: String) async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=\(Self.execErrorQuery)&\(parameter)", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let result = try response.decode(SearchResponse.self)
                #expect(result.results.first?.lang == expected)
                // The other language is still shown.
                #expect(Set(result.results.prefix(2).map(\.lang)) == ["en", "ja"])
            }
        }
    }

    @Test("a language without articles falls back to English, and each result says its language")
    func languageFallback() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=exec+format+error&lang=fr", method: .get) { response in
                #expect(response.status == .ok)
                let result = try response.decode(SearchResponse.self)
                #expect(!result.results.isEmpty)
                #expect(result.results.first?.lang == "en")
            }
        }
    }

    @Test("onlyLang restricts results to one language")
    func onlyLang() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=exec+format+error&onlyLang=ja", method: .get) { response in
                let result = try response.decode(SearchResponse.self)
                #expect(!result.results.isEmpty)
                #expect(result.results.allSatisfy { $0.lang == "ja" })
            }
        }
    }

    @Test("tag filters, repeatable, by key or display name")
    func tagFilter() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=docker&tag=registry&tag=GitHub+Actions", method: .get) { response in
                let result = try response.decode(SearchResponse.self)
                #expect(result.results.map(\.slug) == ["guides/docker-login"])
            }
            try await client.execute(uri: "/api/v1/search?q=docker&tag=no-such-tag", method: .get) { response in
                #expect(response.status == .ok)
                let decoded = try response.decode(SearchResponse.self)
                #expect(decoded.results.isEmpty)
            }
        }
    }

    @Test("limit and offset page through the results")
    func paging() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            let all = try await client.execute(uri: "/api/v1/search?q=permission+denied&limit=100", method: .get) {
                try $0.decode(SearchResponse.self)
            }
            #expect(all.results.count >= 2)
            let second = try await client.execute(uri: "/api/v1/search?q=permission+denied&limit=1&offset=1", method: .get) {
                try $0.decode(SearchResponse.self)
            }
            #expect(second.total == all.total)
            #expect(second.results.map(\.slug) == [all.results[1].slug])
        }
    }

    @Test("text with no searchable word is a 200 with no results, not an error")
    func punctuationOnly() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=%22*()%3A%5E-", method: .get) { response in
                #expect(response.status == .ok)
                let result = try response.decode(SearchResponse.self)
                #expect(result.results.isEmpty)
                #expect(result.total == 0)
            }
        }
    }

    @Test("HEAD answers like GET without a body")
    func head() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=docker", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
        }
    }
}
