import Foundation

extension OpenAPI {
    /// The web pages' operations (HTML, not JSON), merged into the document's `paths` so that `/openapi.json`
    /// still lists every route of the server.
    static func addingWebPages(to paths: JSONValue) -> JSONValue {
        let html: JSONValue = ["text/html": ["schema": ["type": "string"]]]
        func page(_ id: String, _ summary: String, _ parameters: [JSONValue] = [], notFound: Bool = false) -> JSONValue {
            var responses: JSONValue = ["200": ["description": "An HTML page.", "content": html]]
            if notFound { responses.set("404", ["description": "An HTML page that offers a search.", "content": html]) }
            return [
                "tags": ["pages"], "operationId": .string(id), "summary": .string(summary), "parameters": .array(parameters), "responses": responses,
            ]
        }
        let lang = queryParameter("lang", "The reader's language (else Accept-Language, else English).", string)
        var out = paths
        out.set(
            "/",
            [
                "get": page("searchPage", "The search page; with q, its results", [queryParameter("q", "The pasted error or log.", string), lang]),
                "post": [
                    "tags": ["pages"], "operationId": "searchPagePost", "summary": "The search page for a log too long for a URL",
                    "requestBody": [
                        "content": [
                            "application/x-www-form-urlencoded": ["schema": ["type": "object", "properties": ["q": string, "lang": string]]],
                            "text/plain": ["schema": string],
                        ]
                    ],
                    "responses": ["200": ["description": "An HTML page.", "content": html]],
                ],
            ])
        out.set(
            "/a/{lang}/{slug}",
            [
                "get": page(
                    "articlePage", "An article as a page",
                    [pathParameter("lang", "The article's language."), pathParameter("slug", "The slug (may contain /).")], notFound: true)
            ])
        out.set("/tags", ["get": page("tagsPage", "Every tag with its article counts per language", [lang])])
        out.set(
            "/tags/{tag}",
            [
                "get": page(
                    "tagPage", "The articles with a tag",
                    [pathParameter("tag", "The tag."), queryParameter("lang", "Only articles in this language.", string)], notFound: true)
            ])
        out.set(
            "/embed",
            ["get": page("embedPage", "The best fix as a small page for an iframe", [queryParameter("error", "The error text.", string), lang])])
        out.set(
            "/embed.js",
            [
                "get": [
                    "tags": ["pages"], "operationId": "embedScript", "summary": "The help widget for other sites' pages",
                    "responses": ["200": ["description": "JavaScript.", "content": ["text/javascript": ["schema": string]]]],
                ]
            ])
        out.set(
            "/assets/{file}",
            [
                "get": [
                    "tags": ["pages"], "operationId": "asset", "summary": "The pages' stylesheet, script and icon",
                    "parameters": [pathParameter("file", "kb.css, kb.js or favicon.svg.")],
                    "responses": ["200": ["description": "The file."], "404": ["description": "No such file."]],
                ]
            ])
        return out
    }
}
