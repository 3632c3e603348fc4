import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

@Suite("The response cache", .timeLimit(.minutes(1)))
struct ResponseCacheTests {
    @Test("a repeated search is served from the cache, byte for byte, and counted as a hit")
    func hit() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            let first = try await client.execute(uri: "/api/v1/search?q=exec+format+error", method: .get) { $0.text }
            let second = try await client.execute(uri: "/api/v1/search?q=exec+format+error", method: .get) { $0.text }
            #expect(first == second)
            _ = try await client.execute(uri: "/api/v1/help?error=exec+format+error", method: .get)
            _ = try await client.execute(uri: "/api/v1/help?error=exec+format+error", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get) { $0.text }
            #expect(metrics.contains(#"kb_search_cache_total{endpoint="search",result="miss"} 1"#))
            #expect(metrics.contains(#"kb_search_cache_total{endpoint="search",result="hit"} 1"#))
            #expect(metrics.contains(#"kb_search_cache_total{endpoint="help",result="hit"} 1"#))
            #expect(metrics.contains(#"kb_searches_total{endpoint="search",matched="true"} 2"#))
        }
    }

    @Test("an ingest that commits makes the next request miss and see the new index")
    func invalidation() async throws {
        let database = try TestDatabase()
        let query = "/api/v1/search?" + ConcurrentIngestTests.lateError
        try await makeApp(database).test(.router) { client in
            let before = try await client.execute(uri: query, method: .get) { try $0.decode(SearchResponse.self) }
            #expect(before.results.first?.slug != "kubectl-connection-refused")
            _ = try await client.execute(uri: query, method: .get)  // now cached
            try await onThread { try database.ingest([Fixtures.lateArticles]) }
            let after = try await client.execute(uri: query, method: .get) { try $0.decode(SearchResponse.self) }
            #expect(after.results.first?.slug == "kubectl-connection-refused")
        }
    }

    @Test("with the cache off, nothing is kept")
    func disabled() async throws {
        let database = try TestDatabase()
        try await makeApp(database, { $0.responseCacheEntries = 0 }).test(.router) { client in
            _ = try await client.execute(uri: "/api/v1/search?q=docker", method: .get)
            _ = try await client.execute(uri: "/api/v1/search?q=docker", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get) { $0.text }
            #expect(metrics.contains(#"kb_search_cache_total{endpoint="search",result="miss"} 2"#))
        }
    }

    @Test("bounded by entries; least recently used out; other generations and long inputs miss")
    func bounds() throws {
        let cache = ResponseCache(maxEntries: 8, maxBytes: 1 << 20, maxKeyBytes: 16)
        for n in 0..<8 {
            cache.store(.init(bytes: [UInt8(n)], matched: true), for: "k\(n)", generation: "1")
        }
        #expect(cache.entry("k0", generation: "1")?.bytes == [0])  // k0 is now the most recent
        cache.store(.init(bytes: [9], matched: false), for: "k9", generation: "1")
        #expect(cache.count == 8)
        #expect(cache.entry("k1", generation: "1") == nil)
        #expect(cache.entry("k0", generation: "1")?.isCached == true)
        #expect(cache.entry("k9", generation: "2") == nil)
        #expect(cache.key(["search"], text: String(repeating: "x", count: 17)) == nil)
        #expect(cache.key(["search"], text: "short") != nil)
        #expect(ResponseCache(maxEntries: 0).key(["search"], text: "x") == nil)
    }
}
