import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

/// The web fixtures: an article in three languages with a code block and a table, and one full of hostile markup.
enum WebFixtures {
    static let articles = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/web/articles").path
}

/// A database of the web fixtures in its own temp folder.
func makeWebDatabase() throws -> TestDatabase {
    try TestDatabase(roots: [WebFixtures.articles])
}

extension HTTPFields {
    static let browser: HTTPFields = [.accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]
}

@Suite("Web pages: search", .timeLimit(.minutes(1)))
struct WebSearchPageTests {
    @Test("the search page is HTML with a labelled form, a CSP and the reader's language from Accept-Language")
    func homePage() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.vary] == "Accept-Language")
                #expect(response.headers[.eTag] != nil)
                let html = response.text
                #expect(html.contains(#"<html lang="en""#))
                #expect(html.contains(#"<label for="q">Error message or log</label>"#))
                #expect(html.contains(#"<textarea id="q" name="q""#))
                #expect(html.contains(#"<label for="lang">"#))
                #expect(html.contains(#"<form class="search-form" method="get" action="/""#))
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "ko-KR,ko;q=0.9,en;q=0.5"]) { response in
                let html = response.text
                #expect(html.contains(#"<html lang="ko""#))
                #expect(html.contains("오류 메시지 또는 로그"))
                #expect(html.contains(#"<option value="ko" lang="ko" selected>한국어</option>"#))
            }
            // A malformed header is ignored by the pages (the API answers it with a 400).
            try await client.execute(uri: "/?lang=ja", method: .get, headers: [.acceptLanguage: "!!"]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"<html lang="ja""#))
            }
        }
    }

    @Test("pasting an error shows the right article with its highlights, matched line, tags and translations")
    func searchResults() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            let query = WebPaths.encodeComponent("Error: ENOSPC: System limit for number of file watchers reached, watch '/srv/app/src'")
            try await client.execute(uri: "/?q=\(query)&lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.eTag] == nil)
                let html = response.text
                let first = try #require(html.firstRange(of: #"<li class="result""#))
                #expect(html[first.lowerBound...].hasPrefix(#"<li class="result" lang="en" data-slug="en/yarn-enospc-watchers">"#))
                #expect(html.contains(#"<a href="/a/en/yarn-enospc-watchers">ENOSPC: System limit for number of file watchers reached</a>"#))
                #expect(html.contains("<mark>"))
                #expect(html.contains(#"<span class="label">Your line</span>"#))
                #expect(html.contains(#"<a href="/tags/inotify">inotify</a>"#))
                #expect(html.contains(#"href="/a/ja/yarn-enospc-watchers""#))
                // One result per article: its translations are linked, not listed again.
                #expect(!html.contains(#"data-slug="ja/yarn-enospc-watchers""#))
                // The pasted text is back in the box, escaped.
                #expect(html.contains("watch &#39;/srv/app/src&#39;</textarea>"))
            }
        }
    }

    @Test(
        "user input is escaped everywhere it is shown",
        arguments: [
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; alert(1); '", "</textarea><script>alert(1)</script>",
            "{{t.searchButton}}", "&lt;b&gt; 権限 エラー 🙂",
        ])
    func escaping(input: String) async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            for uri in ["/?q=\(WebPaths.encodeComponent(input))", "/embed?error=\(WebPaths.encodeComponent(input))"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(!html.contains("<script>alert"), "\(uri)")
                    #expect(!html.contains("<img src=x"), "\(uri)")
                    #expect(!html.contains("</textarea><script"), "\(uri)")
                    #expect(html.components(separatedBy: "<script").count <= 2, "only kb's own script")
                }
            }
        }
    }

    @Test("POST / takes the form fields or a pasted text/plain log; other bodies get an HTML 415")
    func postSearch() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            let form = "q=" + WebPaths.encodeComponent("Error: ENOSPC: System limit for number of file watchers reached") + "&lang=ko"
            try await client.execute(
                uri: "/", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(text: form)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.text.contains(#"data-slug="ko/yarn-enospc-watchers""#))
                #expect(response.text.contains(#"<html lang="ko""#))
            }
            let log =
                (1...200).map { "step \($0): ok" }.joined(separator: "\n") + "\nError: ENOSPC: System limit for number of file watchers reached\n"
            try await client.execute(
                uri: "/?lang=en", method: .post, headers: [.contentType: "text/plain; charset=utf-8"], body: ByteBuffer(text: log)
            ) {
                response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"data-slug="en/yarn-enospc-watchers""#))
            }
            try await client.execute(
                uri: "/", method: .post, headers: [.contentType: "multipart/form-data; boundary=x"], body: ByteBuffer(text: "--x--")
            ) {
                response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test("a query with invalid percent-encoding is an HTML 400 page, not problem+json")
    func badQuery() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/?q=%E3%81", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("<h1>Something went wrong</h1>"))
            }
        }
    }
}

@Suite("Web pages: articles", .timeLimit(.minutes(1)))
struct WebArticlePageTests {
    @Test("an article renders its code block and table, links its translations and tags, and sets <html lang>")
    func article() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/a/en/yarn-enospc-watchers", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentLanguage] == "en")
                #expect(response.headers[.cacheControl] == "public, max-age=60")
                let html = response.text
                #expect(html.contains(#"<html lang="en""#))
                #expect(html.contains("<h1>ENOSPC: System limit for number of file watchers reached</h1>"))
                #expect(html.contains(#"<pre><code class="language-bash">sudo sysctl fs.inotify.max_user_watches=524288"#))
                #expect(html.contains("<table>"))
                #expect(html.contains("<th>Setting</th>"))
                #expect(html.contains(#"<a href="/a/ja/yarn-enospc-watchers" hreflang="ja" lang="ja" rel="alternate""#))
                #expect(html.contains(#"<a href="/a/ko/yarn-enospc-watchers" hreflang="ko" lang="ko" rel="alternate""#))
                #expect(html.contains(#"<link rel="alternate" hreflang="ja" href="/a/ja/yarn-enospc-watchers">"#))
                #expect(html.contains(#"<a href="/tags/inotify?lang=en">inotify</a>"#))
                #expect(html.contains(#"<time datetime="2026-03-09">"#))
                // A bare URL becomes a link (GitHub-flavoured autolink).
                #expect(html.contains(#"<a href="https://man7.org/linux/man-pages/man7/inotify.7.html">"#))
            }
            try await client.execute(uri: "/a/ja/yarn-enospc-watchers", method: .get) { response in
                let html = response.text
                #expect(html.contains(#"<html lang="ja""#))
                #expect(html.contains("他の言語:"))
                #expect(html.contains("<th>設定</th>"))
            }
        }
    }

    @Test("an article's scripts, event handlers and javascript: links never reach the page")
    func hostileArticle() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/a/en/hostile-markup", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                let lower = html.lowercased()
                #expect(lower.components(separatedBy: "<script").count == 2, "only kb's own <script src>")
                #expect(lower.contains(#"<script src="/assets/kb.js?v="#))
                #expect(!lower.contains("onerror"))
                #expect(!lower.contains("onmouseover"))
                #expect(!lower.contains("javascript:"))
                #expect(!lower.contains("<iframe"))
                #expect(!lower.contains("<svg"))
                #expect(!html.contains("data-pwned"))
                #expect(html.contains("<code>&lt;script&gt;alert(\"in code\")&lt;/script&gt;</code>"))
                #expect(html.contains("KBFIXTURE-END"))
            }
        }
    }

    @Test("pages carry a strong ETag and answer a matching If-None-Match with 304")
    func etags() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            let etag = try await client.execute(uri: "/a/en/yarn-enospc-watchers", method: .get) { try #require($0.headers[.eTag]) }
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            try await client.execute(uri: "/a/en/yarn-enospc-watchers", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
            }
            try await client.execute(uri: "/tags", method: .get, headers: [.ifNoneMatch: "\"0000000000000000\""]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a missing article is an HTML 404 that offers a search and the languages it exists in")
    func missingArticle() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/a/en/yarn-enospc-watcher", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = response.text
                #expect(html.contains("<h1>Page not found</h1>"))
                #expect(html.contains(#"action="/""#))
                #expect(html.contains("yarn enospc watcher</textarea>"))
            }
            try await client.execute(uri: "/a/fr/yarn-enospc-watchers", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains(#"<a href="/a/ja/yarn-enospc-watchers" hreflang="ja" lang="ja">日本語</a>"#))
            }
        }
    }

    @Test("a browser asking for a missing page gets the HTML 404; API clients keep problem+json")
    func unknownPaths() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/no/such/page", method: .get, headers: .browser) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("<h1>Page not found</h1>"))
            }
            try await client.execute(uri: "/no/such/page", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == ProblemDetails.contentType)
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: .browser) { response in
                #expect(response.headers[.contentType] == ProblemDetails.contentType)
            }
            try await client.execute(uri: "/tags", method: .delete, headers: .browser) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }
}

@Suite("Web pages: tags", .timeLimit(.minutes(1)))
struct WebTagPageTests {
    @Test("/tags lists every tag with its counts per language")
    func tags() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/tags", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains(#"<th scope="col" class="num" lang="ja">日本語</th>"#))
                #expect(html.contains(#"<a href="/tags/inotify">inotify</a></th><td class="num">3</td>"#))
                #expect(html.contains(#"<a href="/tags/inotify?lang=ko" aria-label="한국어: 1">1</a>"#))
            }
        }
    }

    @Test("/tags/{tag} lists its articles, filterable by language, and 404s for an unknown tag")
    func tag() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/tags/inotify", method: .get) { response in
                let html = response.text
                #expect(html.contains(#"data-slug="en/yarn-enospc-watchers""#))
                #expect(html.contains(#"data-slug="ja/yarn-enospc-watchers""#))
                #expect(html.contains(#"data-slug="ko/yarn-enospc-watchers""#))
                #expect(html.contains(#"<a href="/tags/inotify" aria-current="true">All languages (3)</a>"#))
            }
            try await client.execute(uri: "/tags/inotify?lang=ja", method: .get) { response in
                let html = response.text
                #expect(html.contains(#"<html lang="ja""#))
                #expect(html.contains(#"data-slug="ja/yarn-enospc-watchers""#))
                #expect(!html.contains(#"data-slug="en/yarn-enospc-watchers""#))
                #expect(html.contains(#"<a href="/tags/inotify?lang=ja" aria-current="true">日本語 (1)</a>"#))
            }
            try await client.execute(uri: "/tags/security-fixture?lang=ja", method: .get) { response in
                // No Japanese article with this tag: English, and a note saying so.
                #expect(response.text.contains(#"data-slug="en/hostile-markup""#))
                #expect(response.text.contains("選んだ言語の記事がない"))
            }
            try await client.execute(uri: "/tags/%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(!response.text.contains("<script>alert"))
            }
        }
    }
}

@Suite("Web pages: embedding", .timeLimit(.minutes(1)))
struct WebEmbedTests {
    @Test("/embed shows the best fix, opens links in a new tab, and may be framed by the allowed origins")
    func embedPage() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            let error = WebPaths.encodeComponent("Error: ENOSPC: System limit for number of file watchers reached, watch '/app/src'")
            try await client.execute(uri: "/embed?error=\(error)&lang=ja", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors *") == true)
                #expect(response.headers[.kbXFrameOptions] == nil)
                #expect(response.headers[.cacheControl] == "no-store")
                let html = response.text
                #expect(html.contains(#"<section class="embed-match" data-slug="ja/yarn-enospc-watchers">"#))
                #expect(html.contains(#"<a href="/a/ja/yarn-enospc-watchers" target="_blank" rel="noopener">"#))
                #expect(html.contains("解決方法の候補"))
                // Its translations are not offered as alternatives.
                #expect(!html.contains(#"href="/a/en/yarn-enospc-watchers""#))
            }
            try await client.execute(uri: "/embed?error=zzzqqq+vvvwww", method: .get) { response in
                #expect(response.text.contains("No matching fix found."))
                #expect(response.text.contains(#"href="/?q=zzzqqq%20vvvwww&amp;lang=en""#))
            }
            try await client.execute(uri: "/embed", method: .get) { response in
                #expect(response.text.contains(#"<form method="get" action="/embed">"#))
            }
        }
        let restricted = try makeApp(database) { $0.allowedOrigins = ["https://ci.example.com", "https://wiki.example.com"] }
        try await restricted.test(.router) { client in
            try await client.execute(uri: "/embed", method: .get) { response in
                #expect(
                    response.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors https://ci.example.com https://wiki.example.com") == true)
            }
        }
    }

    @Test("/embed.js is JavaScript that any site may load, cached with an ETag")
    func embedScript() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            let etag = try await client.execute(uri: "/embed.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(response.headers[.crossOriginResourcePolicy] == "cross-origin")
                #expect(response.text.contains("/api/v1/help"))
                #expect(response.text.contains("data-kb-error-from"))
                #expect(!response.text.contains("innerHTML"), "the widget builds its DOM with textContent only")
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/embed.js", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
        }
    }

    @Test("assets: versioned URLs are immutable, others revalidate, unknown files are 404")
    func assets() async throws {
        let database = try makeWebDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: WebAssets.url("kb.css"), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
            }
            try await client.execute(uri: "/assets/kb.js", method: .get) { response in
                #expect(response.headers[.cacheControl] == "public, max-age=300")
                #expect(response.headers[.eTag] == WebAssets.script.etag)
            }
            try await client.execute(uri: "/assets/../Package.swift", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/assets/secret.txt", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
