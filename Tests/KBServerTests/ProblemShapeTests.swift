import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

/// Every source of errors, one shape: RFC 9457 problem+json with type, title, status, detail, instance and requestId;
/// the status of the response; no SQL, paths or query text in it.
@Suite("Problem details", .timeLimit(.minutes(1)))
struct ProblemShapeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var method: HTTPRequest.Method = .get
        var uri: String
        var headers: HTTPFields = [:]
        var body: String?
        var status: HTTPResponse.Status
        var type: ProblemType
        var parameter: String?
        var testDescription: String { "\(status.code) \(name)" }
    }

    static let json: HTTPFields = [.contentType: "application/json"]

    static let cases: [Case] = [
        Case(name: "limit 0", uri: "/api/v1/search?q=docker&limit=0", status: .badRequest, type: .invalidParameter, parameter: "limit"),
        Case(name: "limit 101", uri: "/api/v1/search?q=docker&limit=101", status: .badRequest, type: .invalidParameter, parameter: "limit"),
        Case(name: "limit not a number", uri: "/api/v1/search?q=docker&limit=ten", status: .badRequest, type: .invalidParameter, parameter: "limit"),
        Case(name: "empty limit", uri: "/api/v1/search?q=docker&limit=", status: .badRequest, type: .invalidParameter, parameter: "limit"),
        Case(
            name: "malformed lang in the query, even when JSON has one", method: .post, uri: "/api/v1/search?lang=%C2%84", headers: json,
            body: #"{"q":"docker","lang":"en"}"#, status: .badRequest, type: .invalidLanguage, parameter: "lang"),
        Case(name: "negative offset", uri: "/api/v1/search?q=docker&offset=-1", status: .badRequest, type: .invalidParameter, parameter: "offset"),
        Case(
            name: "limit out of range in JSON", method: .post, uri: "/api/v1/search", headers: json, body: #"{"q":"docker","limit":500}"#,
            status: .badRequest, type: .invalidParameter, parameter: "limit"),
        Case(name: "tag limit 0", uri: "/api/v1/tags/docker?limit=0", status: .badRequest, type: .invalidParameter, parameter: "limit"),
        Case(name: "malformed lang", uri: "/api/v1/search?q=docker&lang=e_n!", status: .badRequest, type: .invalidLanguage, parameter: "lang"),
        Case(
            name: "malformed onlyLang", uri: "/api/v1/search?q=docker&onlyLang=12", status: .badRequest, type: .invalidLanguage, parameter: "onlyLang"
        ),
        Case(
            name: "malformed Accept-Language", uri: "/api/v1/search?q=docker", headers: [.acceptLanguage: "en;q=2"], status: .badRequest,
            type: .invalidLanguage, parameter: "Accept-Language"),
        Case(
            name: "malformed lang in help", uri: "/api/v1/help?error=x&lang=%F0%9F%98%80", status: .badRequest, type: .invalidLanguage,
            parameter: "lang"),
        Case(
            name: "malformed lang in article path", uri: "/api/v1/articles/123/docker", status: .badRequest, type: .invalidLanguage, parameter: "lang"
        ),
        Case(name: "malformed lang for tags", uri: "/api/v1/tags?lang=--", status: .badRequest, type: .invalidLanguage, parameter: "lang"),
        Case(name: "invalid percent-encoding", uri: "/api/v1/search?q=%zz", status: .badRequest, type: .invalidParameter, parameter: "q"),
        Case(name: "percent-encoded invalid UTF-8", uri: "/api/v1/search?q=%C3%28", status: .badRequest, type: .invalidParameter, parameter: "q"),
        Case(
            name: "malformed JSON", method: .post, uri: "/api/v1/search", headers: json, body: #"{"q": "docker""#, status: .badRequest,
            type: .malformedBody),
        Case(
            name: "JSON of the wrong type", method: .post, uri: "/api/v1/search", headers: json, body: #"{"q": 42}"#, status: .badRequest,
            type: .malformedBody),
        Case(name: "JSON array", method: .post, uri: "/api/v1/help", headers: json, body: #"["error"]"#, status: .badRequest, type: .malformedBody),
        Case(name: "unknown route", uri: "/api/v1/nothing-here", status: .notFound, type: .notFound),
        Case(name: "unknown article", uri: "/api/v1/articles/en/no-such-article", status: .notFound, type: .articleNotFound),
        Case(name: "unknown tag", uri: "/api/v1/tags/no-such-tag", status: .notFound, type: .tagNotFound, parameter: "tag"),
        Case(name: "DELETE search", method: .delete, uri: "/api/v1/search", status: .methodNotAllowed, type: .methodNotAllowed),
        Case(name: "PUT healthz", method: .put, uri: "/healthz", status: .methodNotAllowed, type: .methodNotAllowed),
        Case(
            name: "POST article", method: .post, uri: "/api/v1/articles/en/docker-exec-format-error", headers: json, body: "{}",
            status: .methodNotAllowed, type: .methodNotAllowed),
        Case(
            name: "body over 1 MiB", method: .post, uri: "/api/v1/search", headers: [.contentType: "text/plain"],
            body: String(repeating: "a", count: (1 << 20) + 1), status: .contentTooLarge, type: .bodyTooLarge),
        Case(
            name: "form-encoded body", method: .post, uri: "/api/v1/search", headers: [.contentType: "application/x-www-form-urlencoded"],
            body: "q=docker", status: .unsupportedMediaType, type: .unsupportedMediaType),
        Case(name: "no content type", method: .post, uri: "/api/v1/help", body: "docker", status: .unsupportedMediaType, type: .unsupportedMediaType),
        Case(
            name: "latin-1 text", method: .post, uri: "/api/v1/help", headers: [.contentType: "text/plain; charset=iso-8859-1"], body: "docker",
            status: .unsupportedMediaType, type: .unsupportedMediaType),
        Case(name: "missing q", uri: "/api/v1/search", status: .unprocessableContent, type: .missingQuery, parameter: "q"),
        Case(name: "empty q", uri: "/api/v1/search?q=", status: .unprocessableContent, type: .missingQuery, parameter: "q"),
        Case(name: "blank q", uri: "/api/v1/search?q=+%09+", status: .unprocessableContent, type: .missingQuery, parameter: "q"),
        Case(
            name: "JSON without q", method: .post, uri: "/api/v1/search", headers: json, body: #"{"lang": "ja"}"#, status: .unprocessableContent,
            type: .missingQuery, parameter: "q"),
        Case(
            name: "empty text body", method: .post, uri: "/api/v1/search", headers: [.contentType: "text/plain"], body: "",
            status: .unprocessableContent, type: .missingQuery, parameter: "q"),
        Case(name: "missing error", uri: "/api/v1/help", status: .unprocessableContent, type: .missingQuery, parameter: "error"),
    ]

    @Test("every error path answers with a problem", arguments: cases)
    func problem(_ testCase: Case) async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(
                uri: testCase.uri, method: testCase.method, headers: testCase.headers, body: testCase.body.map { ByteBuffer(text: $0) }
            ) { response in
                try Self.expectProblem(response, status: testCase.status, type: testCase.type, parameter: testCase.parameter)
            }
        }
    }

    @Test("a 405 lists the allowed methods, and OPTIONS answers with them")
    func allow() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search", method: .delete) { response in
                #expect(response.headers[.allow] == "GET, HEAD, POST, OPTIONS")
            }
            try await client.execute(uri: "/api/v1/articles/en/a/b/c", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.allow] == "GET, HEAD, OPTIONS")
            }
        }
    }

    @Test("a busy database is a 503 with Retry-After")
    func busy() async throws {
        let app = buildApplication(
            configuration: testConfiguration(), knowledgeBase: StubKnowledgeBase(error: StoreError(.busy, "database is locked (SQLite error 5)")))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=docker", method: .get) { response in
                try Self.expectProblem(response, status: .serviceUnavailable, type: .databaseBusy)
                #expect(response.headers[.retryAfter] == "1")
                #expect(!response.text.contains("SQLite"))
            }
        }
    }

    @Test("a query past its time budget is a 503 with Retry-After (real database, tiny budget)")
    func timeBudget() async throws {
        let database = try TestDatabase(syntheticArticles: 300)
        try await makeApp(database, { $0.timeBudget = .nanoseconds(1) }).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=module+failed", method: .get) { response in
                try Self.expectProblem(response, status: .serviceUnavailable, type: .databaseBusy)
                #expect(response.headers[.retryAfter] == "1")
            }
        }
    }

    @Test("too many waiting searches are a 503 at once")
    func overloaded() async throws {
        let app = buildApplication(configuration: testConfiguration(), knowledgeBase: StubKnowledgeBase(error: ReaderThreads.Overloaded()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=docker", method: .get) { response in
                try Self.expectProblem(response, status: .serviceUnavailable, type: .databaseBusy)
            }
        }
    }

    @Test("an unexpected error is a generic 500 with the request id, and nothing of the error")
    func unexpected() async throws {
        let app = buildApplication(configuration: testConfiguration(), knowledgeBase: StubKnowledgeBase(error: UnexpectedTestError()))
        try await app.test(.router) { client in
            for uri in ["/api/v1/search?q=docker", "/api/v1/tags", "/api/v1/articles/en/x"] {
                try await client.execute(uri: uri, method: .get) { response in
                    try Self.expectProblem(response, status: .internalServerError, type: .internalError)
                    #expect(!response.text.contains("secret"))
                    #expect(!response.text.contains("SELECT"))
                    let decoded = try response.jsonObject()
                    #expect(decoded["detail"] as? String == ProblemDetails.internal.detail)
                }
            }
        }
    }

    @Test("CORS headers are on problems too")
    func corsOnErrors() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search", method: .get, headers: [.origin: "https://ci.example"]) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
        }
    }

    static func expectProblem(
        _ response: TestResponse, status: HTTPResponse.Status, type: ProblemType, parameter: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let problem = try response.jsonObject()
        #expect(problem["type"] as? String == type.uri, sourceLocation: sourceLocation)
        #expect(problem["title"] as? String == type.title, sourceLocation: sourceLocation)
        #expect(problem["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        let detail = try #require(problem["detail"] as? String, sourceLocation: sourceLocation)
        #expect(!detail.isEmpty, sourceLocation: sourceLocation)
        let instance = try #require(problem["instance"] as? String, sourceLocation: sourceLocation)
        #expect(instance.hasPrefix("/") && !instance.contains("?"), sourceLocation: sourceLocation)
        let requestID = try #require(problem["requestId"] as? String, sourceLocation: sourceLocation)
        #expect(response.headers[.init("X-Request-Id")!] == requestID, sourceLocation: sourceLocation)
        if let parameter {
            #expect(problem["parameter"] as? String == parameter, sourceLocation: sourceLocation)
        }
        for leak in ["SELECT", "sqlite", "SQLite", ".swift", "Fatal"] {
            #expect(!detail.contains(leak), "detail leaks \(leak): \(detail)", sourceLocation: sourceLocation)
        }
    }
}
