import Foundation
import HTTPTypes
import Hummingbird
import KBCore
import Logging

/// The web pages of kb, server-rendered and working without JavaScript:
///
/// - `GET /?q=&lang=` (and `POST /` for logs too long for a URL): the search box and its results;
/// - `GET /a/{lang}/{slug}`: an article, its translations and tags;
/// - `GET /tags` and `GET /tags/{tag}?lang=`: tags with their counts per language, and a tag's articles;
/// - `GET /embed?error=&lang=`: the best fix as a small page for an iframe; `GET /embed.js`: the help widget;
/// - `GET /assets/{file}`: the stylesheet, script and icon.
///
/// Pages answer errors with HTML pages of the same status (a browser shows them), where the API answers problem+json.
struct WebController {
    let knowledgeBase: any KnowledgeBase
    let metrics: ServerMetrics
    let renderer: ArticleRenderer
    let maxBodySize: Int
    /// Origins allowed to frame `/embed` (`*`: every origin).
    let frameOrigins: [String]

    static let resultsPerPage = 20
    static let articlesPerTagPage = 50

    init(knowledgeBase: any KnowledgeBase, configuration: AppConfiguration, metrics: ServerMetrics, renderer: ArticleRenderer = ArticleRenderer()) {
        self.knowledgeBase = knowledgeBase
        self.metrics = metrics
        self.renderer = renderer
        maxBodySize = configuration.maxBodySize
        frameOrigins = configuration.allowedOrigins.isEmpty ? ["*"] : configuration.allowedOrigins
    }

    /// Adds the pages to `router`, with the middleware that answers a browser's request for a missing page with an
    /// HTML 404 that offers a search (API clients keep getting problem+json).
    func register(on router: Router<AppRequestContext>) {
        router.add(middleware: WebNotFoundMiddleware())
        router.get("/", use: home)
        router.post("/", use: searchPost)
        router.get("/a/{lang}/**", use: article)
        router.get("/tags", use: tags)
        router.get("/tags/{tag}", use: tag)
        router.get("/embed", use: embed)
        router.get("/embed.js", use: embedScript)
        router.get("/assets/{file}", use: asset)
    }

    // MARK: - Search

    @Sendable func home(request: Request, context: AppRequestContext) async throws -> Response {
        var lang = Self.readerLanguage(param: nil, request: request)
        do {
            let parameters = try QueryParameters(request.uri.query)
            lang = Self.readerLanguage(param: parameters["lang"], request: request)
            return try await searchPage(text: parameters["q"] ?? "", lang: lang, request: request)
        } catch {
            return errorPage(error, lang: lang, request: request, context: context)
        }
    }

    /// `POST /` with the form's fields (`application/x-www-form-urlencoded`) or a pasted log (`text/plain`).
    @Sendable func searchPost(request: Request, context: AppRequestContext) async throws -> Response {
        var lang = Self.readerLanguage(param: nil, request: request)
        do {
            let query = try QueryParameters(request.uri.query)
            let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            // Form encoding can triple the size of the text; the text itself is held to `maxBodySize` below.
            let limit = maxBodySize * 3
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
                throw ProblemDetails.bodyTooLarge(limit: maxBodySize)
            }
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: limit)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw ProblemDetails.bodyTooLarge(limit: maxBodySize)
            }
            let text: String
            switch mediaType {
            case "application/x-www-form-urlencoded":
                let form = try QueryParameters(String(decoding: body.readableBytesView, as: UTF8.self))
                lang = Self.readerLanguage(param: form["lang"] ?? query["lang"], request: request)
                text = form["q"] ?? ""
            case "text/plain":
                lang = Self.readerLanguage(param: query["lang"], request: request)
                text = String(decoding: body.readableBytesView, as: UTF8.self)
            default:
                throw ProblemDetails(.unsupportedMediaType, detail: "Send the search form (application/x-www-form-urlencoded) or text/plain.")
            }
            return try await searchPage(text: text, lang: lang, request: request)
        } catch {
            return errorPage(error, lang: lang, request: request, context: context)
        }
    }

    func searchPage(text: String, lang: String, request: Request) async throws -> Response {
        let uiLang = WebStrings.interfaceLanguage(lang)
        let t = WebStrings.forLanguage(uiLang)
        let hasQuery = text.contains { !$0.isWhitespace }
        var layout = WebViews.Layout(lang: uiLang, title: t.searchTitle, description: t.searchHeading)
        layout.onSearch = true
        guard hasQuery else {
            let page = WebViews.SearchPage(layout: layout, t: t, form: .init(query: "", lang: lang), hasQuery: false, resultCount: "", results: [])
            return WebResponse.html(
                WebTemplates.render("search", page), request: request, caching: .revalidate(maxAge: 300), language: uiLang, varyOnLanguage: true)
        }
        guard text.utf8.count <= maxBodySize else { throw ProblemDetails.bodyTooLarge(limit: maxBodySize) }
        let response = try await knowledgeBase.search(SearchRequest(text: text, lang: lang, limit: Self.resultsPerPage * 3 / 2))
        metrics.recordSearch(endpoint: "page", matched: !response.results.isEmpty, cached: false)
        layout.title = WebViews.clip(Self.firstLine(of: text), 70) + " · kb"
        let shown = Self.oneResultPerArticle(response.results).prefix(Self.resultsPerPage)
        let page = WebViews.SearchPage(
            layout: layout, t: t, form: .init(query: text, lang: lang), hasQuery: true, resultCount: t.resultCount(shown.count),
            results: shown.map { WebViews.Result($0, strings: t) })
        // The page shows the pasted text: no cache may keep it.
        return WebResponse.html(WebTemplates.render("search", page), request: request, caching: .noStore, language: uiLang)
    }

    // MARK: - Articles

    @Sendable func article(request: Request, context: AppRequestContext) async throws -> Response {
        let readerLang = Self.readerLanguage(param: nil, request: request)
        do {
            let rawLang = context.parameters.get("lang") ?? ""
            let segments = context.parameters.getCatchAll().map { QueryParameters.decodePathSegment($0) }
            guard let decodedLang = QueryParameters.decodePathSegment(rawLang), let lang = LanguageCode.primary(of: decodedLang),
                !segments.contains(where: { $0 == nil })
            else {
                return notFoundPage(lang: readerLang, message: \.articleNotFoundText, suggestion: request.uri.path, request: request)
            }
            let slug = segments.compactMap { $0 }.joined(separator: "/")
            guard let article = try await knowledgeBase.article(lang: lang, slug: slug) else {
                let elsewhere = try await knowledgeBase.languages(ofSlug: slug).map { WebViews.LanguageLink(lang: $0, slug: slug, title: slug) }
                return notFoundPage(
                    lang: WebStrings.languages.contains(lang) ? lang : readerLang, message: \.articleNotFoundText, suggestion: slug,
                    elsewhere: elsewhere, request: request)
            }
            let t = WebStrings.forLanguage(article.lang)
            var layout = WebViews.Layout(lang: article.lang, title: article.title + " · kb", description: article.summary)
            layout.alternates = article.translations.map { .init(lang: $0.lang, href: WebPaths.article(lang: $0.lang, slug: $0.slug)) }
            let translations = article.translations.sorted { Self.languageOrder($0.lang, $1.lang) }
                .map { WebViews.LanguageLink(lang: $0.lang, slug: $0.slug, title: $0.title) }
            let tags = article.tags.map { WebViews.TagLink(name: $0.name, href: WebPaths.tag($0.tag, lang: article.lang)) }
            let page = WebViews.ArticlePage(
                layout: layout, t: t, title: article.title, summary: article.summary, hasSummary: !article.summary.isEmpty, date: article.date,
                updated: article.updated, author: article.author, draft: article.draft, translations: translations,
                hasTranslations: !translations.isEmpty, tags: tags, hasTags: !tags.isEmpty,
                bodyHtml: renderer.preflightedHTML(fromMarkdown: article.body))
            return WebResponse.html(WebTemplates.render("article", page), request: request, caching: .revalidate(maxAge: 60), language: article.lang)
        } catch {
            return errorPage(error, lang: readerLang, request: request, context: context)
        }
    }

    // MARK: - Tags

    @Sendable func tags(request: Request, context: AppRequestContext) async throws -> Response {
        var lang = Self.readerLanguage(param: nil, request: request)
        do {
            let parameters = try QueryParameters(request.uri.query)
            lang = Self.readerLanguage(param: parameters["lang"], request: request)
            let uiLang = WebStrings.interfaceLanguage(lang)
            let t = WebStrings.forLanguage(uiLang)
            let counts = try await knowledgeBase.tags(lang: nil)
            let languages = Set(counts.flatMap { $0.langs.keys }).sorted(by: Self.languageOrder)
            let rows = counts.map { tag in
                WebViews.TagRow(
                    name: tag.name, href: WebPaths.tag(tag.tag), count: tag.count,
                    cells: languages.map { code in
                        let count = tag.langs[code] ?? 0
                        return WebViews.TagCell(
                            name: WebStrings.autonym(code), count: count, hasCount: count > 0, href: WebPaths.tag(tag.tag, lang: code))
                    })
            }
            var layout = WebViews.Layout(lang: uiLang, title: t.tagsTitle + " · kb")
            layout.onTags = true
            let page = WebViews.TagsPage(
                layout: layout, t: t, languages: languages.map { .init(code: $0, name: WebStrings.autonym($0), selected: false) }, tags: rows,
                hasTags: !rows.isEmpty)
            return WebResponse.html(
                WebTemplates.render("tags", page), request: request, caching: .revalidate(maxAge: 60), language: uiLang, varyOnLanguage: true)
        } catch {
            return errorPage(error, lang: lang, request: request, context: context)
        }
    }

    @Sendable func tag(request: Request, context: AppRequestContext) async throws -> Response {
        var lang = Self.readerLanguage(param: nil, request: request)
        do {
            let parameters = try QueryParameters(request.uri.query)
            let filter = parameters["lang"].flatMap { $0.isEmpty ? nil : LanguageCode.primary(of: $0) }
            lang = Self.readerLanguage(param: filter, request: request)
            let uiLang = WebStrings.interfaceLanguage(lang)
            let t = WebStrings.forLanguage(uiLang)
            guard let tag = QueryParameters.decodePathSegment(context.parameters.get("tag") ?? "") else {
                return notFoundPage(lang: lang, message: \.tagNotFoundText, suggestion: "", request: request)
            }
            let offset = (try? parameters.integer("offset", default: 0, in: 0...SearchController.maxOffset)) ?? 0
            let limit = Self.articlesPerTagPage
            guard var list = try await knowledgeBase.articles(tag: tag, lang: filter, limit: limit, offset: offset) else {
                return notFoundPage(lang: lang, message: \.tagNotFoundText, suggestion: tag, request: request)
            }
            // Never a silent empty list: a language without articles for this tag falls back to English, then to all.
            var served = filter
            if list.total == 0, let wanted = filter {
                for fallback in wanted == LanguageCode.english ? [nil] : [LanguageCode.english, nil] {
                    if let candidate = try await knowledgeBase.articles(tag: tag, lang: fallback, limit: limit, offset: offset), candidate.total > 0 {
                        list = candidate
                        served = fallback
                        break
                    }
                }
            }
            let key = Tag.key(for: tag)
            let count = try await knowledgeBase.tags(lang: nil).first { $0.tag == key }
            let name = count?.name ?? tag
            var filters = [WebViews.Filter(label: t.allLanguages, count: count?.count ?? list.total, href: WebPaths.tag(key), current: served == nil)]
            for code in (count?.langs.keys).map(Array.init)?.sorted(by: Self.languageOrder) ?? [] {
                filters.append(
                    .init(
                        label: WebStrings.autonym(code), count: count?.langs[code] ?? 0, href: WebPaths.tag(key, lang: code), current: served == code)
                )
            }
            let articles = list.results.map {
                WebViews.ListedArticle(
                    slug: $0.slug, lang: $0.lang, langName: WebStrings.autonym($0.lang), title: $0.title, summary: $0.summary,
                    href: WebPaths.article(lang: $0.lang, slug: $0.slug))
            }
            let previous = offset > 0 ? WebPaths.tag(key, lang: served, offset: max(0, offset - limit)) : nil
            let next =
                offset + list.results.count < list.total && !list.results.isEmpty ? WebPaths.tag(key, lang: served, offset: offset + limit) : nil
            var layout = WebViews.Layout(lang: uiLang, title: name + " · kb")
            layout.onTags = true
            let page = WebViews.TagPage(
                layout: layout, t: t, heading: t.tagHeading(name), filters: filters, fallback: served != filter, articles: articles,
                hasPager: previous != nil || next != nil, previousHref: previous, nextHref: next)
            return WebResponse.html(
                WebTemplates.render("tag", page), request: request, caching: .revalidate(maxAge: 60), language: uiLang, varyOnLanguage: true)
        } catch {
            return errorPage(error, lang: lang, request: request, context: context)
        }
    }

    // MARK: - Embedding

    /// `GET /embed?error=&lang=`: the best fix for an iframe. Framed by the allowed origins only; links open in a new tab.
    @Sendable func embed(request: Request, context: AppRequestContext) async throws -> Response {
        var lang = Self.readerLanguage(param: nil, request: request)
        do {
            let parameters = try QueryParameters(request.uri.query)
            lang = Self.readerLanguage(param: parameters["lang"], request: request)
            let uiLang = WebStrings.interfaceLanguage(lang)
            let t = WebStrings.forLanguage(uiLang)
            let text = parameters["error"] ?? ""
            let hasError = text.contains { !$0.isWhitespace }
            var page = WebViews.EmbedPage(
                layout: .init(lang: uiLang, title: t.suggestedFix + " · kb"), t: t, hasError: hasError, match: nil, alternatives: [],
                hasAlternatives: false, searchHref: WebPaths.search(query: String(text.prefix(1500)), lang: lang))
            if hasError {
                guard text.utf8.count <= maxBodySize else { throw ProblemDetails.bodyTooLarge(limit: maxBodySize) }
                let help = try await knowledgeBase.help(error: text, lang: lang)
                metrics.recordSearch(endpoint: "embed", matched: help.match != nil, cached: false)
                func result(_ r: SearchResult) -> WebViews.EmbedResult {
                    WebViews.EmbedResult(
                        slug: r.slug, lang: r.lang, langName: WebStrings.autonym(r.lang), title: r.title, summary: r.summary,
                        href: WebPaths.article(lang: r.lang, slug: r.slug), confidence: "\(Int((help.confidence * 100).rounded()))%")
                }
                page.match = help.match.map(result)
                // Translations of the match are not alternatives to it.
                let others = Self.oneResultPerArticle((help.match.map { [$0] } ?? []) + help.alternatives).dropFirst(help.match == nil ? 0 : 1)
                page.alternatives = others.prefix(3).map(result)
                page.hasAlternatives = !page.alternatives.isEmpty
            }
            return WebResponse.html(
                WebTemplates.render("embed", page), request: request, caching: hasError ? .noStore : .revalidate(maxAge: 300),
                framing: .allow(origins: frameOrigins), language: uiLang, varyOnLanguage: !hasError)
        } catch {
            return errorPage(error, lang: lang, request: request, context: context, framing: .allow(origins: frameOrigins))
        }
    }

    /// `GET /embed.js`: loaded by other sites' pages, so it may be fetched from any origin.
    @Sendable func embedScript(request: Request, context: AppRequestContext) async throws -> Response {
        let asset = WebAssets.embed
        return WebResponse.bytes(
            asset.bytes, contentType: asset.contentType, request: request, caching: .revalidate(maxAge: 300), etag: asset.etag,
            headers: [.crossOriginResourcePolicy: "cross-origin", .xContentTypeOptions: "nosniff"])
    }

    @Sendable func asset(request: Request, context: AppRequestContext) async throws -> Response {
        guard let name = context.parameters.get("file"), let asset = WebAssets.files[name] else {
            return Response.bytes(
                Array("Not found\n".utf8), contentType: "text/plain; charset=utf-8", status: .notFound, headers: [.cacheControl: "no-store"])
        }
        let version = (try? QueryParameters(request.uri.query))?["v"]
        let caching: WebResponse.Caching = version == asset.version ? .immutable : .revalidate(maxAge: 300)
        return WebResponse.bytes(
            asset.bytes, contentType: asset.contentType, request: request, caching: caching, etag: asset.etag,
            headers: [.xContentTypeOptions: "nosniff"])
    }

    // MARK: - Error pages

    /// The 404 page: says what is missing, links the article in the languages it exists in, and offers a search.
    static func notFoundPage(
        lang: String, message: KeyPath<WebStrings, String>, suggestion: String, elsewhere: [WebViews.LanguageLink] = [], request: Request
    ) -> Response {
        let uiLang = WebStrings.interfaceLanguage(lang)
        let t = WebStrings.forLanguage(uiLang)
        let words = suggestion.split(separator: "/").last.map { $0.replacingOccurrences(of: "-", with: " ") } ?? ""
        let page = WebViews.NotFoundPage(
            layout: .init(lang: uiLang, title: t.notFoundTitle + " · kb"), t: t, message: t[keyPath: message], elsewhere: elsewhere,
            hasElsewhere: !elsewhere.isEmpty, form: .init(query: QueryParameters.decodePathSegment(words) ?? words, lang: lang, compact: true))
        return WebResponse.html(WebTemplates.render("notFound", page), request: request, status: .notFound, caching: .noStore, language: uiLang)
    }

    func notFoundPage(
        lang: String, message: KeyPath<WebStrings, String>, suggestion: String, elsewhere: [WebViews.LanguageLink] = [], request: Request
    ) -> Response {
        Self.notFoundPage(lang: lang, message: message, suggestion: suggestion, elsewhere: elsewhere, request: request)
    }

    /// Any other error as an HTML page with the status the API would give it; unexpected errors are logged in full
    /// and shown only as a generic message with the request id.
    func errorPage(
        _ error: any Error, lang: String, request: Request, context: AppRequestContext, framing: WebResponse.Framing = .deny
    ) -> Response {
        let problem = ProblemDetails(error: error)
        if problem.type == .internalError {
            context.logger.error(
                "unexpected error",
                metadata: ["error.type": .string(String(reflecting: type(of: error))), "error": .string(String(describing: error))])
        }
        let uiLang = WebStrings.interfaceLanguage(lang)
        let t = WebStrings.forLanguage(uiLang)
        let page = WebViews.ErrorPage(
            layout: .init(lang: uiLang, title: t.errorTitle + " · kb"), t: t,
            message: problem.status == .serviceUnavailable ? t.busyText : t.errorText,
            detail: problem.type == .internalError ? nil : problem.detail, status: Int(problem.status.code), requestID: context.requestID,
            form: .init(query: "", lang: lang, compact: true))
        var response = WebResponse.html(
            WebTemplates.render("error", page), request: request, status: problem.status, caching: .noStore, framing: framing, language: uiLang)
        for field in problem.headers { response.headers.append(field) }
        return response
    }

    // MARK: - Helpers

    /// The reader's language for a page: a well-formed `lang`, else the first `Accept-Language` range the pages
    /// speak (else its first range), else English. Unlike the API, a malformed value is ignored, not a 400: a page
    /// should still show.
    static func readerLanguage(param: String?, request: Request) -> String {
        if let param, !param.isEmpty, let primary = LanguageCode.primary(of: param) { return primary }
        if let header = request.headers[.acceptLanguage], let ranges = try? LanguageNegotiation.ranges(header) {
            if let spoken = ranges.first(where: { WebStrings.languages.contains($0.language) }) { return spoken.language }
            if let first = ranges.first { return first.language }
        }
        return LanguageCode.english
    }

    /// en, ja, ko first (the pages' languages), then the others alphabetically.
    static func languageOrder(_ a: String, _ b: String) -> Bool {
        let rank = { (code: String) in WebStrings.languages.firstIndex(of: code) ?? WebStrings.languages.count }
        return rank(a) != rank(b) ? rank(a) < rank(b) : a < b
    }

    /// The results with each article once: a translation of a result already listed is left out (the listed one,
    /// in the reader's language when it exists, links it under "Also in").
    static func oneResultPerArticle(_ results: [SearchResult]) -> [SearchResult] {
        var seen = Set<String>()
        var out: [SearchResult] = []
        for result in results where !seen.contains(result.lang + "/" + result.slug.lowercased()) {
            seen.insert(result.lang + "/" + result.slug.lowercased())
            for translation in result.translations { seen.insert(translation.lang + "/" + translation.slug.lowercased()) }
            out.append(result)
        }
        return out
    }

    static func firstLine(of text: String) -> String {
        text.split(whereSeparator: \.isNewline).first { $0.contains { !$0.isWhitespace } }.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }
}
