import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

@Suite("GET /api/v1/tags and /api/v1/tags/{tag}", .timeLimit(.minutes(1)))
struct TagControllerTests {
    @Test("lists tags with counts per language, most used first")
    func list() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/tags", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != nil)
                let tags = try response.decode([TagCount].self)
                let docker = try #require(tags.first { $0.tag == "docker" })
                #expect(docker.count == 3)
                #expect(docker.langs == ["en": 2, "ja": 1])
                #expect(tags.first?.count == tags.map(\.count).max())
                #expect(tags.contains { $0.tag == "github-actions" && $0.name == "GitHub Actions" })
            }
            try await client.execute(uri: "/api/v1/tags?lang=ko", method: .get) { response in
                #expect(response.headers[.contentLanguage] == "ko")
                let tags = try response.decode([TagCount].self)
                #expect(Set(tags.map(\.tag)) == ["git", "ssh", "permissions"])
            }
        }
    }

    @Test("a language without articles falls back to English, and Content-Language says so")
    func fallback() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/tags?lang=fr", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentLanguage] == "en")
                let decoded = try response.decode([TagCount].self)
                #expect(!decoded.isEmpty)
            }
            try await client.execute(uri: "/api/v1/tags/npm?lang=ja", method: .get) { response in
                let page = try response.decode(TagArticlesResponse.self)
                #expect(page.lang == "en")
                #expect(page.results.map(\.slug) == ["npm-eacces-permission-denied"])
            }
        }
    }

    @Test("the articles with a tag, by key or display name, paged")
    func articles() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/tags/docker?limit=2", method: .get) { response in
                #expect(response.status == .ok)
                let page = try response.decode(TagArticlesResponse.self)
                #expect(page.total == 3)
                #expect(page.results.count == 2)
                #expect(page.nextOffset == 2)
                #expect(page.lang == nil)
            }
            try await client.execute(uri: "/api/v1/tags/docker?limit=2&offset=2", method: .get) { response in
                let page = try response.decode(TagArticlesResponse.self)
                #expect(page.results.count == 1)
                #expect(page.nextOffset == nil)
            }
            try await client.execute(uri: "/api/v1/tags/GitHub%20Actions", method: .get) { response in
                let page = try response.decode(TagArticlesResponse.self)
                #expect(page.tag == "github-actions")
                #expect(page.results.map(\.slug) == ["guides/docker-login"])
            }
            try await client.execute(uri: "/api/v1/tags/docker?lang=ja", method: .get) { response in
                let page = try response.decode(TagArticlesResponse.self)
                #expect(page.lang == "ja")
                #expect(page.results.map(\.lang) == ["ja"])
            }
        }
    }

    @Test("304 when If-None-Match names the current list")
    func conditional() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            let etag = try await client.execute(uri: "/api/v1/tags/git", method: .get) { try #require($0.headers[.eTag]) }
            try await client.execute(uri: "/api/v1/tags/git", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
        }
    }
}
