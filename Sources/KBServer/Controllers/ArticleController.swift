import Foundation
import Hummingbird
import KBCore

/// `GET /api/v1/articles/{lang}/{slug}` (the slug may contain `/`): the article with its Markdown, sanitized HTML,
/// signatures and translations. Cacheable (`ETag`, `304`).
struct ArticleController {
    let knowledgeBase: any KnowledgeBase
    let renderer: ArticleRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("{lang}/**", use: get)
        return routes
    }

    @Sendable func get(request: Request, context: AppRequestContext) async throws -> Response {
        let rawLang = context.parameters.get("lang") ?? ""
        guard let decodedLang = QueryParameters.decodePathSegment(rawLang), let lang = LanguageCode.primary(of: decodedLang) else {
            throw ProblemDetails.invalidLanguage("lang", value: rawLang)
        }
        var segments: [String] = []
        for segment in context.parameters.getCatchAll() {
            guard let decoded = QueryParameters.decodePathSegment(segment) else {
                throw ProblemDetails.invalidParameter("slug", "The slug has invalid percent-encoding or is not UTF-8 text.")
            }
            segments.append(decoded)
        }
        let slug = segments.joined(separator: "/")
        guard let article = try await knowledgeBase.article(lang: lang, slug: slug) else {
            let elsewhere = try await knowledgeBase.languages(ofSlug: slug)
            let shownSlug = String(slug.unicodeScalars.prefix(200).filter { $0.value >= 0x20 }.map(Character.init))
            if elsewhere.isEmpty {
                throw ProblemDetails(.articleNotFound, detail: "There is no article \(lang)/\(shownSlug); search with /api/v1/search.")
            }
            throw ProblemDetails(
                .articleNotFound, detail: "There is no \(lang) article \(shownSlug); it exists in \(elsewhere.joined(separator: ", ")).",
                availableLanguages: elsewhere)
        }
        let body = ArticleResponse(article, bodyHtml: renderer.preflightedHTML(fromMarkdown: article.body))
        return try .cacheableJSON(body, request: request, headers: [.contentLanguage: article.lang])
    }
}
