import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

@Suite("GET /api/v1/articles/{lang}/{slug}", .timeLimit(.minutes(1)))
struct ArticleControllerTests {
    @Test("returns the article with Markdown, HTML, tags, dates, author, signatures and translations")
    func article() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/articles/en/docker-exec-format-error", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentLanguage] == "en")
                let article = try response.decode(ArticleResponse.self)
                #expect(article.title == "Container exits with exec format error")
                #expect(article.tags.map(\.tag) == ["architecture", "buildx", "docker"])
                #expect(article.date == "2026-01-10")
                #expect(article.updated == "2026-02-01")
                #expect(article.author == "kb team")
                #expect(article.bodyMarkdown.contains("docker buildx build --platform"))
                #expect(article.bodyHtml.contains("<h2>Fix</h2>"))
                #expect(article.bodyHtml.contains(#"<a href="https://docs.docker.com/build/building/multi-platform/">"#))
                #expect(article.signatures.contains { $0.raw == "exec /usr/local/bin/docker-entrypoint.sh: exec format error" })
                #expect(article.translations.map(\.lang) == ["ja"])
            }
        }
    }

    @Test("a slug may contain a slash, a language tag may have a region, and slugs compare case-insensitively")
    func slugForms() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            for uri in [
                "/api/v1/articles/en/guides/docker-login", "/api/v1/articles/en-US/guides/docker-login", "/api/v1/articles/en/Guides/Docker-Login",
                "/api/v1/articles/en/guides%2Fdocker-login",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let decoded = try response.decode(ArticleResponse.self)
                    #expect(decoded.slug == "guides/docker-login")
                }
            }
        }
    }

    @Test("bodyHtml never carries scripts, event handlers or javascript: URLs")
    func sanitizedHTML() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/articles/en/npm-eacces-permission-denied", method: .get) { response in
                let article = try response.decode(ArticleResponse.self)
                #expect(article.bodyMarkdown.contains("<script>"))
                let html = article.bodyHtml.lowercased()
                #expect(!html.contains("<script"))
                #expect(!html.contains("onerror"))
                #expect(!html.contains("=\"javascript:"))  // as text it is harmless; as a URL it must not survive
                #expect(html.contains("<img src=\"x\">"))
            }
        }
    }

    @Test("ETag and Cache-Control, and 304 on If-None-Match")
    func conditionalGet() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            let etag = try await client.execute(uri: "/api/v1/articles/ja/docker-exec-format-error", method: .get) { response in
                #expect(response.headers[.cacheControl] == "public, max-age=60")
                return try #require(response.headers[.eTag])
            }
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            for condition in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                try await client.execute(uri: "/api/v1/articles/ja/docker-exec-format-error", method: .get, headers: [.ifNoneMatch: condition]) {
                    response in
                    #expect(response.status == .notModified)
                    #expect(response.headers[.eTag] == etag)
                    #expect(response.body.readableBytes == 0)
                }
            }
            try await client.execute(uri: "/api/v1/articles/ja/docker-exec-format-error", method: .get, headers: [.ifNoneMatch: "\"stale\""]) {
                response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a missing article is a 404 that names the languages it exists in")
    func missingTranslation() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/articles/ko/docker-exec-format-error", method: .get) { response in
                #expect(response.status == .notFound)
                let problem = try response.jsonObject()
                #expect(problem["type"] as? String == "/problems/article-not-found")
                #expect(problem["availableLanguages"] as? [String] == ["en", "ja"])
            }
        }
    }
}
