import Foundation
import Hummingbird
import KBCore

/// `GET /api/v1/tags?lang=` (tags with their counts) and `GET /api/v1/tags/{tag}?lang=&limit=&offset=` (the articles
/// with a tag). A language with no articles falls back to English (`Content-Language` says which); both are cacheable.
struct TagController {
    let knowledgeBase: any KnowledgeBase

    static let defaultLimit = 20

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(use: list)
        routes.get("{tag}", use: articles)
        return routes
    }

    @Sendable func list(request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        let lang = try Self.language(parameters)
        var tags = try await knowledgeBase.tags(lang: lang)
        var served = lang
        if tags.isEmpty, let wanted = lang, wanted != LanguageCode.english {
            tags = try await knowledgeBase.tags(lang: LanguageCode.english)
            served = LanguageCode.english
        }
        var headers: HTTPFields = [:]
        if let served { headers[.contentLanguage] = served }
        return try .cacheableJSON(tags, request: request, headers: headers)
    }

    @Sendable func articles(request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        let raw = context.parameters.get("tag") ?? ""
        guard let tag = QueryParameters.decodePathSegment(raw) else {
            throw ProblemDetails.invalidParameter("tag", "The tag has invalid percent-encoding or is not UTF-8 text.")
        }
        let lang = try Self.language(parameters)
        let limit = try parameters.integer("limit", default: Self.defaultLimit, in: 1...SearchRequest.maxLimit)
        let offset = try parameters.integer("offset", default: 0, in: 0...SearchController.maxOffset)
        let shownTag = String(tag.unicodeScalars.prefix(100).filter { $0.value >= 0x20 }.map(Character.init))
        guard var list = try await knowledgeBase.articles(tag: tag, lang: lang, limit: limit, offset: offset) else {
            throw ProblemDetails(.tagNotFound, detail: "There is no tag '\(shownTag)'; list tags with /api/v1/tags.", parameter: "tag")
        }
        var served = lang
        // Never a silent empty list: a language without articles for this tag falls back to English, then to all.
        if list.total == 0, let wanted = lang {
            let fallbacks: [String?] = wanted == LanguageCode.english ? [nil] : [LanguageCode.english, nil]
            for fallback in fallbacks {
                guard let candidate = try await knowledgeBase.articles(tag: tag, lang: fallback, limit: limit, offset: offset), candidate.total > 0
                else { continue }
                list = candidate
                served = fallback
                break
            }
        }
        let next = offset + list.results.count
        let response = TagArticlesResponse(
            tag: Tag.key(for: tag), lang: served, total: list.total, limit: limit, offset: offset,
            nextOffset: next < list.total && !list.results.isEmpty ? next : nil, results: list.results)
        var headers: HTTPFields = [:]
        if let served { headers[.contentLanguage] = served }
        return try .cacheableJSON(response, request: request, headers: headers)
    }

    /// The `lang` filter: nil when absent, else a well-formed tag's primary subtag.
    static func language(_ parameters: QueryParameters) throws -> String? {
        try LanguageNegotiation.language("lang", parameters["lang"])
    }
}
