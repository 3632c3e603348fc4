import Foundation
import Hummingbird
import KBCore

/// `GET /api/v1/help?error=&lang=` and `POST /api/v1/help` (`text/plain` or `{"error", "lang"}`): the one best fix,
/// for embedding. `match` is null when nothing is good enough.
struct HelpController {
    let knowledgeBase: any KnowledgeBase
    let metrics: ServerMetrics
    let maxBodySize: Int

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(use: get)
        routes.post(use: post)
        return routes
    }

    @Sendable func get(request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        return try await help(text: parameters["error"], lang: parameters["lang"], request: request)
    }

    @Sendable func post(request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        _ = try LanguageNegotiation.language("lang", parameters["lang"])
        switch try await RequestPayload.read(request, limit: maxBodySize) {
        case .json(let data):
            let body = try RequestPayload.decode(HelpBody.self, from: data)
            return try await help(text: body.error, lang: body.lang ?? parameters["lang"], request: request)
        case .text(let text):
            return try await help(text: text, lang: parameters["lang"], request: request)
        }
    }

    func help(text: String?, lang: String?, request: Request) async throws -> Response {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { throw ProblemDetails.missingQuery("error") }
        guard text.utf8.count <= maxBodySize else { throw ProblemDetails.bodyTooLarge(limit: maxBodySize) }
        let language = try LanguageNegotiation.preferredLanguage(param: lang, acceptLanguage: request.headers[.acceptLanguage])
        let rendered = try await knowledgeBase.renderedHelp(error: text, lang: language) {
            Array(try JSONCoding.encoder.encode(HelpPayload(response: $0)))
        }
        metrics.recordSearch(endpoint: "help", matched: rendered.matched, cached: rendered.isCached)
        return .bytes(rendered.bytes, contentType: "application/json; charset=utf-8", headers: SearchController.privateHeaders)
    }
}
