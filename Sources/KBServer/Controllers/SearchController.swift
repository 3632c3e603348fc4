import Foundation
import Hummingbird
import KBCore

/// `GET /api/v1/search?q=&lang=&onlyLang=&tag=&limit=&offset=` and `POST /api/v1/search` (JSON or a pasted log as
/// `text/plain`). The response is `kb search --json`'s shape (`SearchResponse`).
struct SearchController {
    let knowledgeBase: any KnowledgeBase
    let metrics: ServerMetrics
    let maxBodySize: Int

    static let defaultLimit = 10
    static let maxOffset = 1_000_000

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(use: get)
        routes.post(use: post)
        return routes
    }

    @Sendable func get(request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        let search = try makeRequest(text: parameters["q"], body: nil, parameters: parameters, request: request)
        return try await respond(to: search)
    }

    @Sendable func post(request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        let search: SearchRequest
        switch try await RequestPayload.read(request, limit: maxBodySize) {
        case .json(let data):
            let body = try RequestPayload.decode(SearchBody.self, from: data)
            search = try makeRequest(text: body.q, body: body, parameters: parameters, request: request)
        case .text(let text):
            search = try makeRequest(text: text, body: nil, parameters: parameters, request: request)
        }
        return try await respond(to: search)
    }

    /// The search a request asks for: JSON members first, then query parameters, then headers.
    func makeRequest(text: String?, body: SearchBody?, parameters: QueryParameters, request: Request) throws -> SearchRequest {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { throw ProblemDetails.missingQuery("q") }
        guard text.utf8.count <= maxBodySize else { throw ProblemDetails.bodyTooLarge(limit: maxBodySize) }
        let limitRange = 1...SearchRequest.maxLimit
        // Query parameters are checked even when the JSON body overrides them: a malformed one is a client bug.
        let queryLimit = try parameters.integer("limit", default: Self.defaultLimit, in: limitRange)
        let queryOffset = try parameters.integer("offset", default: 0, in: 0...Self.maxOffset)
        let limit = try body?.limit.map { try Self.check($0, "limit", limitRange) } ?? queryLimit
        let offset = try body?.offset.map { try Self.check($0, "offset", 0...Self.maxOffset) } ?? queryOffset
        let queryLang = try LanguageNegotiation.language("lang", parameters["lang"])
        let queryOnlyLang = try LanguageNegotiation.language("onlyLang", parameters["onlyLang"])
        let lang = try LanguageNegotiation.preferredLanguage(
            param: body?.lang ?? queryLang, acceptLanguage: request.headers[.acceptLanguage])
        let onlyLang = try body?.onlyLang.map { try LanguageNegotiation.language("onlyLang", $0) } ?? queryOnlyLang
        let tags = (body?.tags ?? parameters.all("tag")).filter { !$0.isEmpty }
        return SearchRequest(text: text, lang: lang, onlyLang: onlyLang, tags: tags, limit: limit, offset: offset)
    }

    static func check(_ value: Int, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard range.contains(value) else {
            throw ProblemDetails.invalidParameter(name, "'\(name)' must be between \(range.lowerBound) and \(range.upperBound), got \(value).")
        }
        return value
    }

    func respond(to search: SearchRequest) async throws -> Response {
        // Rendered (JSON-encoded) on the reader thread, and reused while the index is unchanged.
        let rendered = try await knowledgeBase.renderedSearch(search) { $0.jsonBytes() }
        metrics.recordSearch(endpoint: "search", matched: rendered.matched, cached: rendered.isCached)
        return .bytes(rendered.bytes, contentType: "application/json; charset=utf-8", headers: Self.privateHeaders)
    }

    /// Searches carry pasted text: no cache may keep them.
    static let privateHeaders: HTTPFields = [.cacheControl: "no-store", .vary: "Accept-Language"]
}
