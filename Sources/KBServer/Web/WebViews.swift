import Foundation
import KBCore

/// What the templates render: plain values, every URL already built and percent-encoded, every label already in the
/// interface language. Mustache reads them by reflection and escapes every `{{value}}`.
enum WebViews {
    /// The frame of every page: `<html lang>`, title, stylesheet and navigation.
    struct Layout: Sendable {
        /// The language of the page's content (`<html lang>`).
        var lang: String
        /// The language of the page's own words (menus, labels).
        var uiLang: String
        var title: String
        var description: String?
        var stylesheet = WebAssets.url("kb.css")
        var script = WebAssets.url("kb.js")
        var icon = WebAssets.url("favicon.svg")
        var homeHref = "/"
        var tagsHref = "/tags"
        var onSearch = false
        var onTags = false
        var alternates: [Alternate] = []

        init(lang: String, uiLang: String? = nil, title: String, description: String? = nil) {
            self.lang = lang
            self.uiLang = uiLang ?? WebStrings.interfaceLanguage(lang)
            self.title = title
            self.description = description
            if self.uiLang != LanguageCode.english {
                homeHref = WebPaths.search(lang: self.uiLang)
                tagsHref = WebPaths.tags(lang: nil, uiLang: self.uiLang)
            }
        }
    }

    struct Alternate: Sendable {
        var lang: String
        var href: String
    }

    struct LanguageOption: Sendable {
        var code: String
        var name: String
        var selected: Bool
    }

    struct SearchForm: Sendable {
        var query: String
        var languages: [LanguageOption]
        var rows = 6
        var compact = false
        var autofocus = false

        init(query: String, lang: String, compact: Bool = false) {
            self.query = query
            var codes = WebStrings.languages
            if !codes.contains(lang) { codes.append(lang) }
            languages = codes.map { LanguageOption(code: $0, name: WebStrings.autonym($0), selected: $0 == lang) }
            self.compact = compact || !query.isEmpty
            rows = self.compact ? 3 : 6
            autofocus = query.isEmpty && !compact
        }
    }

    struct TagLink: Sendable {
        var name: String
        var href: String
    }

    struct LanguageLink: Sendable {
        var lang: String
        var langName: String
        var title: String
        var href: String

        init(lang: String, slug: String, title: String) {
            self.lang = lang
            langName = WebStrings.autonym(lang)
            self.title = title
            href = WebPaths.article(lang: lang, slug: slug)
        }
    }

    struct Segment: Sendable {
        var text: String
        var highlight: Bool
    }

    struct Match: Sendable {
        var label: String
        var line: String
        var signature: String
        var hasSignature: Bool
        var kindLabel: String
        var lang: String
    }

    struct Result: Sendable {
        var slug: String
        var lang: String
        var langName: String
        var title: String
        var summary: String
        var href: String
        var snippet: [Segment]
        var hasSnippet: Bool
        var matched: [Match]
        var hasMatched: Bool
        var tags: [TagLink]
        var hasTags: Bool
        var translations: [LanguageLink]
        var hasTranslations: Bool

        init(_ result: SearchResult, strings t: WebStrings) {
            slug = result.slug
            lang = result.lang
            langName = WebStrings.autonym(result.lang)
            title = result.title
            summary = result.summary
            href = WebPaths.article(lang: result.lang, slug: result.slug)
            snippet = WebViews.clip(result.snippetSegments, WebViews.snippetLimit)
            hasSnippet = snippet.contains { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            // Signature matches say the most; the words of a text match only when there is nothing better.
            let reasons = result.matched.contains { $0.kind != .text } ? result.matched.filter { $0.kind != .text } : result.matched
            matched = reasons.prefix(3).map { reason in
                let kind =
                    switch reason.kind {
                    case .exact: t.exactMatch
                    case .partial: t.partialMatch
                    case .text: t.textMatch
                    }
                return Match(
                    label: reason.kind == .text ? t.matchedTerms : t.matchedLine, line: WebViews.clip(reason.line, 300),
                    signature: reason.signature.map { WebViews.clip($0, 300) } ?? "", hasSignature: reason.signature?.isEmpty == false,
                    kindLabel: kind, lang: result.lang)
            }
            hasMatched = !matched.isEmpty
            tags = result.tags.map { TagLink(name: $0, href: WebPaths.tag($0)) }
            hasTags = !tags.isEmpty
            translations = result.translations.map { LanguageLink(lang: $0.lang, slug: $0.slug, title: $0.title) }
            hasTranslations = !translations.isEmpty
        }
    }

    struct SearchPage: Sendable {
        var layout: Layout
        var t: WebStrings
        var form: SearchForm
        var hasQuery: Bool
        var resultCount: String
        var results: [Result]
    }

    struct ArticlePage: Sendable {
        var layout: Layout
        var t: WebStrings
        var title: String
        var summary: String
        var hasSummary: Bool
        var date: String?
        var updated: String?
        var author: String?
        var draft: Bool
        var translations: [LanguageLink]
        var hasTranslations: Bool
        var tags: [TagLink]
        var hasTags: Bool
        var bodyHtml: String
    }

    struct TagCell: Sendable {
        var name: String
        var count: Int
        var hasCount: Bool
        var href: String
    }

    struct TagRow: Sendable {
        var name: String
        var href: String
        var count: Int
        var cells: [TagCell]
    }

    struct TagsPage: Sendable {
        var layout: Layout
        var t: WebStrings
        var languages: [LanguageOption]
        var tags: [TagRow]
        var hasTags: Bool
    }

    struct Filter: Sendable {
        var label: String
        var count: Int
        var href: String
        var current: Bool
    }

    struct ListedArticle: Sendable {
        var slug: String
        var lang: String
        var langName: String
        var title: String
        var summary: String
        var href: String
    }

    struct TagPage: Sendable {
        var layout: Layout
        var t: WebStrings
        var heading: String
        var filters: [Filter]
        var fallback: Bool
        var articles: [ListedArticle]
        var hasPager: Bool
        var previousHref: String?
        var nextHref: String?
    }

    struct NotFoundPage: Sendable {
        var layout: Layout
        var t: WebStrings
        var message: String
        var elsewhere: [LanguageLink]
        var hasElsewhere: Bool
        var form: SearchForm
    }

    struct ErrorPage: Sendable {
        var layout: Layout
        var t: WebStrings
        var message: String
        var detail: String?
        var status: Int
        var requestID: String
        var form: SearchForm
    }

    struct EmbedResult: Sendable {
        var slug: String
        var lang: String
        var langName: String
        var title: String
        var summary: String
        var href: String
        var confidence: String
    }

    struct EmbedPage: Sendable {
        var layout: Layout
        var t: WebStrings
        var hasError: Bool
        var match: EmbedResult?
        var alternatives: [EmbedResult]
        var hasAlternatives: Bool
        var searchHref: String
    }

    /// The most characters of a snippet shown under a result.
    static let snippetLimit = 240

    /// Snippet segments cut to `limit` characters in all (with an ellipsis when cut).
    static func clip(_ segments: [SnippetSegment], _ limit: Int) -> [Segment] {
        var out: [Segment] = []
        var left = limit
        for segment in segments {
            guard left > 0 else { break }
            if segment.text.count <= left {
                out.append(Segment(text: segment.text, highlight: segment.highlight))
                left -= segment.text.count
            } else {
                out.append(Segment(text: String(segment.text.prefix(left)), highlight: segment.highlight))
                out.append(Segment(text: "…", highlight: false))
                left = 0
            }
        }
        return out
    }

    /// `text` cut to `limit` characters (with an ellipsis), for lines quoted from a pasted log.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
