import Foundation
import KBCore

/// The OpenAPI 3.1 description of kb's HTTP API, served at `/openapi.json`: every route, parameter, response and
/// problem type. `OpenAPITests` fails when a route of the router is missing here.
public enum OpenAPI {
    /// The OpenAPI path of a router path: `{lang}` stays, the catch-all `**` (an article slug, which may contain `/`)
    /// becomes `{slug}`.
    public static func path(forRouterPath routerPath: String) -> String {
        "/" + routerPath.split(separator: "/").map { $0 == "**" ? "{slug}" : String($0) }.joined(separator: "/")
    }

    public static let document: JSONValue = makeDocument()
    public static let bytes: [UInt8] = Array(document.serialized(pretty: true).utf8)

    // MARK: - Building blocks

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func parameterRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/parameters/\(name)")] }
    static func responseRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/responses/\(name)")] }
    static func json(_ schema: JSONValue) -> JSONValue { ["application/json": ["schema": schema]] }

    static func queryParameter(_ name: String, _ description: String, _ schema: JSONValue, required: Bool = false) -> JSONValue {
        ["name": .string(name), "in": "query", "required": .bool(required), "description": .string(description), "schema": schema]
    }

    static func pathParameter(_ name: String, _ description: String, schema: JSONValue = ["type": "string"]) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "description": .string(description), "schema": schema]
    }

    static func ok(_ description: String, _ schema: JSONValue, headers: JSONValue? = nil) -> JSONValue {
        var response: JSONValue = ["description": .string(description), "content": json(schema)]
        if let headers { response.set("headers", headers) }
        return response
    }

    static let string: JSONValue = ["type": "string"]
    /// Text with at least one character that is not white space (the query; otherwise a 422).
    static let queryText: JSONValue = ["type": "string", "minLength": 1, "pattern": "\\S"]
    /// A language tag as `LanguageCode.primary(of:)` accepts it (else a 400); empty means absent (as HTML forms send it).
    static let languageTag: JSONValue = ["type": "string", "pattern": "^([A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)?$"]
    /// `languageTag` in a JSON body, where `null` also means absent.
    static let nullableLanguageTag: JSONValue = ["type": ["string", "null"], "pattern": "^([A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)?$"]
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let integer: JSONValue = ["type": "integer"]
    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    static func object(_ properties: [(String, JSONValue)], required: [String]? = nil, description: String? = nil) -> JSONValue {
        var schema: JSONValue = ["type": "object"]
        if let description { schema.set("description", .string(description)) }
        schema.set("properties", .object(properties.map { (key: $0.0, value: $0.1) }))
        schema.set("required", .array((required ?? properties.map(\.0)).map { .string($0) }))
        return schema
    }

    static let cacheHeaders: JSONValue = [
        "ETag": ["description": "Strong entity tag of the body; send it back in If-None-Match.", "schema": ["type": "string"]],
        "Cache-Control": ["description": "public, max-age=60", "schema": ["type": "string"]],
    ]

    // MARK: - The document

    static func makeDocument() -> JSONValue {
        let problemList = ProblemType.allCases.map { "- `\($0.uri)` (\($0.status.code)): \($0.title)" }.joined(separator: "\n")
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "kb",
                "version": "1",
                "summary": "A multilingual (en/ja/ko) troubleshooting knowledge base: paste an error, get the article that fixes it.",
                "description": .string(
                    """
                    JSON in UTF-8 with camelCase keys. Errors are RFC 9457 `application/problem+json` objects with `type`, \
                    `title`, `status`, `detail`, `instance` and `requestId`. The reader's language is the `lang` parameter, \
                    else the best `Accept-Language` range, else English; results in it come first when equally good, and a \
                    language without articles falls back to English (each result's `lang` says which it is).

                    Problem types:
                    \(problemList)
                    """),
                "license": ["name": "See the repository"],
            ],
            "servers": [["url": "/"]],
            "tags": [
                ["name": "search", "description": "Find articles for an error message, a log or a question."],
                ["name": "articles", "description": "Articles and tags."],
                ["name": "operations", "description": "Health, readiness, metrics and this document."],
            ],
            "paths": addingWebPages(to: paths()),
            "components": components(),
        ]
    }

    static func paths() -> JSONValue {
        let searchParameters: [JSONValue] = [
            queryParameter(
                "q", "The text to search for: a few words, an error message or a whole log. Missing or empty is a 422.", queryText, required: true),
            parameterRef("lang"), parameterRef("onlyLang"),
            queryParameter("tag", "Only articles with this tag (key or name); repeat for several (all must match).", array(string)),
            parameterRef("limit"), parameterRef("offset"), parameterRef("Accept-Language"),
        ]
        let postSearchParameters: [JSONValue] = [
            parameterRef("lang"), parameterRef("onlyLang"), parameterRef("limit"), parameterRef("offset"), parameterRef("Accept-Language"),
        ]
        let searchResponses: JSONValue = [
            "200": ok("The matching articles, best first (the shape of `kb search --json`).", ref("SearchResponse")),
            "400": responseRef("BadRequest"), "422": responseRef("MissingQuery"), "503": responseRef("Busy"),
        ]
        var postSearchResponses = searchResponses
        postSearchResponses.set("413", responseRef("TooLarge"))
        postSearchResponses.set("415", responseRef("UnsupportedMediaType"))

        let helpParameters: [JSONValue] = [
            queryParameter("error", "The error message or log to find the fix for. Missing or empty is a 422.", queryText, required: true),
            parameterRef("lang"), parameterRef("Accept-Language"),
        ]
        let helpResponses: JSONValue = [
            "200": ok("The best fix, or `match: null` when nothing is good enough.", ref("HelpResponse")),
            "400": responseRef("BadRequest"), "422": responseRef("MissingQuery"), "503": responseRef("Busy"),
        ]
        var postHelpResponses = helpResponses
        postHelpResponses.set("413", responseRef("TooLarge"))
        postHelpResponses.set("415", responseRef("UnsupportedMediaType"))

        let textBody: JSONValue = [
            "schema": ["type": "string", "minLength": 1, "pattern": "\\S", "description": "A pasted error message or log (UTF-8)."]
        ]
        return [
            "/api/v1/search": [
                "get": [
                    "tags": ["search"], "operationId": "search", "summary": "Search articles",
                    "parameters": .array(searchParameters), "responses": searchResponses,
                ],
                "post": [
                    "tags": ["search"], "operationId": "searchPost", "summary": "Search with a JSON request or a pasted log",
                    "description": "JSON members override the query parameters; a text/plain body is the query itself.",
                    "parameters": .array(postSearchParameters),
                    "requestBody": [
                        "required": true,
                        "content": ["application/json": ["schema": ref("SearchRequest")], "text/plain": textBody],
                    ],
                    "responses": postSearchResponses,
                ],
            ],
            "/api/v1/help": [
                "get": [
                    "tags": ["search"], "operationId": "help", "summary": "The one best fix for an error, for embedding",
                    "parameters": .array(helpParameters), "responses": helpResponses,
                ],
                "post": [
                    "tags": ["search"], "operationId": "helpPost", "summary": "The one best fix for a posted error or log",
                    "parameters": [parameterRef("lang"), parameterRef("Accept-Language")],
                    "requestBody": [
                        "required": true, "content": ["application/json": ["schema": ref("HelpRequest")], "text/plain": textBody],
                    ],
                    "responses": postHelpResponses,
                ],
            ],
            "/api/v1/articles/{lang}/{slug}": [
                "get": [
                    "tags": ["articles"], "operationId": "article", "summary": "One article",
                    "parameters": [
                        pathParameter(
                            "lang", "The article's language (a language tag such as en, ja or ko-KR; its primary subtag is used).",
                            schema: languageTag),
                        pathParameter("slug", "The article's slug. It may contain `/` (e.g. `guides/docker-login`); compared case-insensitively."),
                        parameterRef("If-None-Match"),
                    ],
                    "responses": [
                        "200": ok("The article, with its Markdown and sanitized HTML.", ref("Article"), headers: cacheHeaders),
                        "304": ["description": "Not modified (If-None-Match matched the ETag)."],
                        "400": responseRef("BadRequest"), "404": responseRef("NotFound"), "503": responseRef("Busy"),
                    ],
                ]
            ],
            "/api/v1/tags": [
                "get": [
                    "tags": ["articles"], "operationId": "tags", "summary": "Tags with their article counts",
                    "parameters": [
                        queryParameter(
                            "lang", "Count only articles in this language; a language without articles falls back to English (see Content-Language).",
                            languageTag),
                        parameterRef("If-None-Match"),
                    ],
                    "responses": [
                        "200": ok("Every tag, most used first.", array(ref("TagCount")), headers: cacheHeaders),
                        "304": ["description": "Not modified (If-None-Match matched the ETag)."],
                        "400": responseRef("BadRequest"), "503": responseRef("Busy"),
                    ],
                ]
            ],
            "/api/v1/tags/{tag}": [
                "get": [
                    "tags": ["articles"], "operationId": "tagArticles", "summary": "The articles with a tag",
                    "parameters": [
                        pathParameter("tag", "A tag key or display name (`github-actions` or `GitHub Actions`)."),
                        queryParameter(
                            "lang", "Only articles in this language; when there are none, English, then every language (see `lang` in the body).",
                            languageTag),
                        parameterRef("limit"), parameterRef("offset"), parameterRef("If-None-Match"),
                    ],
                    "responses": [
                        "200": ok("A page of the articles with the tag, by title.", ref("TagArticles"), headers: cacheHeaders),
                        "304": ["description": "Not modified (If-None-Match matched the ETag)."],
                        "400": responseRef("BadRequest"), "404": responseRef("NotFound"), "503": responseRef("Busy"),
                    ],
                ]
            ],
            "/healthz": [
                "get": [
                    "tags": ["operations"], "operationId": "healthz", "summary": "Liveness: the process answers",
                    "responses": ["200": ok("Alive.", ref("Health"))],
                ]
            ],
            "/readyz": [
                "get": [
                    "tags": ["operations"], "operationId": "readyz", "summary": "Readiness: the database is open and has searchable articles",
                    "responses": ["200": ok("Ready.", ref("Health")), "503": responseRef("NotReady")],
                ]
            ],
            "/metrics": [
                "get": [
                    "tags": ["operations"], "operationId": "metrics", "summary": "Prometheus metrics",
                    "description":
                        "kb_http_requests_total{method,route,status}, kb_http_request_duration_seconds{method,route} (histogram), kb_searches_total{endpoint,matched}, kb_search_cache_total{endpoint,result}.",
                    "responses": [
                        "200": ["description": "Prometheus text exposition format 0.0.4.", "content": ["text/plain": ["schema": ["type": "string"]]]]
                    ],
                ]
            ],
            "/openapi.json": [
                "get": [
                    "tags": ["operations"], "operationId": "openapi", "summary": "This document",
                    "responses": ["200": ok("The OpenAPI 3.1 document.", ["type": "object"])],
                ]
            ],
        ]
    }

    static func problemResponse(_ description: String, _ types: [ProblemType], retryAfter: Bool = false) -> JSONValue {
        var response: JSONValue = [
            "description": .string(description + " Problem types: " + types.map { "`\($0.uri)`" }.joined(separator: ", ") + "."),
            "content": ["application/problem+json": ["schema": ref("Problem")]],
        ]
        if retryAfter {
            response.set("headers", ["Retry-After": ["description": "Seconds to wait before retrying.", "schema": ["type": "integer"]]])
        }
        return response
    }

    static func components() -> JSONValue {
        let result = object([
            ("slug", string), ("lang", string), ("title", string), ("summary", string),
            ("snippet", ["type": "string", "description": "Plain text around the matched terms."]),
            ("snippetSegments", array(ref("SnippetSegment"))), ("tags", array(string)), ("score", ["type": "number"]),
            ("path", ["type": "string", "description": "The article's source file."]), ("translations", array(ref("TranslationRef"))),
            ("matched", array(ref("MatchReason"))),
        ])
        let problemTypes: JSONValue = .array(ProblemType.allCases.map { .string($0.uri) })
        return [
            "parameters": [
                "lang": queryParameter(
                    "lang", "The reader's language (a language tag; malformed is a 400). Default: Accept-Language, else en.", languageTag),
                "onlyLang": queryParameter("onlyLang", "Only articles in this language.", languageTag),
                "limit": queryParameter(
                    "limit", "Results per page.", ["type": "integer", "minimum": 1, "maximum": .integer(SearchRequest.maxLimit)]),
                "offset": queryParameter(
                    "offset", "Results to skip.", ["type": "integer", "minimum": 0, "maximum": .integer(SearchController.maxOffset)]),
                "Accept-Language": [
                    "name": "Accept-Language", "in": "header", "required": false,
                    "description":
                        "Used when there is no `lang` parameter; q-values are honoured. A malformed header is a 400; an empty one is ignored.",
                    "schema": [
                        "type": "string",
                        "pattern":
                            "^\\s*((\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*[qQ]=(0(\\.[0-9]{0,3})?|1(\\.0{0,3})?))?)?\\s*(,\\s*((\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*[qQ]=(0(\\.[0-9]{0,3})?|1(\\.0{0,3})?))?)?\\s*)*$",
                    ],
                ],
                "If-None-Match": [
                    "name": "If-None-Match", "in": "header", "required": false,
                    "description": "An ETag from an earlier response: 304 when unchanged.",
                    "schema": string,
                ],
            ],
            "responses": [
                "BadRequest": problemResponse(
                    "A parameter or the body is malformed: limit outside 1–100, a malformed language tag, invalid percent-encoding, malformed JSON.",
                    [.invalidParameter, .invalidLanguage, .malformedBody]),
                "NotFound": problemResponse("No such article or tag.", [.articleNotFound, .tagNotFound, .notFound]),
                "MissingQuery": problemResponse("The query is missing or empty.", [.missingQuery]),
                "TooLarge": problemResponse("The body is over 1 MiB.", [.bodyTooLarge]),
                "UnsupportedMediaType": problemResponse("The body is neither application/json nor UTF-8 text/plain.", [.unsupportedMediaType]),
                "Busy": problemResponse("The database is busy or the query ran out of its time budget.", [.databaseBusy], retryAfter: true),
                "NotReady": problemResponse("The database cannot be read or has no searchable articles.", [.notReady]),
            ],
            "schemas": [
                "SearchRequest": object(
                    [
                        ("q", ["type": "string", "minLength": 1, "pattern": "\\S", "description": "The text to search for."]),
                        ("lang", nullableLanguageTag),
                        ("onlyLang", nullableLanguageTag),
                        ("tags", ["type": ["array", "null"], "items": string]),
                        ("limit", ["type": ["integer", "null"], "minimum": 1, "maximum": .integer(SearchRequest.maxLimit)]),
                        ("offset", ["type": ["integer", "null"], "minimum": 0, "maximum": .integer(SearchController.maxOffset)]),
                    ], required: ["q"], description: "Members other than q may be null or absent: then the query parameters apply."),
                "HelpRequest": object([("error", queryText), ("lang", nullableLanguageTag)], required: ["error"]),
                "SearchResponse": object([
                    ("query", string), ("total", ["type": "integer", "description": "All matches, across pages."]),
                    ("results", array(ref("SearchResult"))),
                ]),
                "SearchResult": result,
                "SnippetSegment": object([("text", string), ("highlight", ["type": "boolean"])]),
                "TranslationRef": object([("lang", string), ("slug", string), ("title", string)]),
                "MatchReason": object(
                    [
                        ("line", string), ("signature", nullableString),
                        ("kind", ["type": "string", "enum": ["exact", "partial", "text"]]),
                    ], required: ["line", "kind"]),
                "HelpResponse": object([
                    ("match", ["oneOf": [ref("SearchResult"), ["type": "null"]]]),
                    ("confidence", ["type": "number", "minimum": 0, "maximum": 1]),
                    ("alternatives", array(ref("SearchResult"))),
                ]),
                "Article": object(
                    [
                        ("slug", string), ("lang", string), ("title", string), ("summary", string), ("tags", array(ref("TagRef"))),
                        ("date", nullableString), ("updated", nullableString), ("author", nullableString), ("draft", ["type": "boolean"]),
                        ("path", string), ("bodyMarkdown", string),
                        ("bodyHtml", ["type": "string", "description": "Sanitized: no scripts, event handlers or javascript: URLs."]),
                        ("signatures", array(ref("SignatureRef"))), ("translations", array(ref("TranslationRef"))),
                    ],
                    required: ["slug", "lang", "title", "summary", "tags", "draft", "path", "bodyMarkdown", "bodyHtml", "signatures", "translations"]),
                "TagRef": object([("tag", string), ("name", string)]),
                "SignatureRef": object([("raw", string), ("signature", string), ("source", string), ("line", integer)]),
                "TagCount": object([
                    ("tag", string), ("name", string), ("count", integer),
                    ("langs", ["type": "object", "additionalProperties": ["type": "integer"], "description": "Articles per language."]),
                ]),
                "TagArticles": object(
                    [
                        ("tag", string), ("lang", nullableString), ("total", integer), ("limit", integer), ("offset", integer),
                        ("nextOffset", ["type": ["integer", "null"]]), ("results", array(ref("ArticleListItem"))),
                    ], required: ["tag", "total", "limit", "offset", "results"]),
                "ArticleListItem": object(
                    [("slug", string), ("lang", string), ("title", string), ("summary", string), ("date", nullableString)],
                    required: ["slug", "lang", "title", "summary"]),
                "Health": object([("status", ["type": "string", "enum": ["ok", "ready"]])]),
                "Problem": object(
                    [
                        ("type", ["type": "string", "enum": problemTypes]), ("title", string), ("status", integer), ("detail", string),
                        ("instance", ["type": "string", "description": "The request path (never the query string)."]),
                        ("requestId", ["type": "string", "description": "The request's id in the server log (also in X-Request-Id)."]),
                        ("parameter", ["type": "string", "description": "The offending parameter, when there is one."]),
                        (
                            "availableLanguages",
                            ["type": "array", "items": string, "description": "For a missing article: the languages it exists in."]
                        ),
                    ], required: ["type", "title", "status", "detail", "instance", "requestId"],
                    description: "RFC 9457 problem details."),
            ],
        ]
    }
}
