import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

@Suite("/healthz, /readyz, /metrics, /openapi.json", .timeLimit(.minutes(1)))
struct HealthControllerTests {
    @Test("healthz and readyz answer on an indexed database")
    func healthAndReady() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let decoded = try response.decode(HealthResponse.self)
                #expect(decoded.status == "ok")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let decoded = try response.decode(HealthResponse.self)
                #expect(decoded.status == "ready")
            }
        }
    }

    @Test("readyz is a 503 while the database has no articles")
    func notReady() async throws {
        let database = try TestDatabase(roots: [])
        _ = try Store.openWriter(path: database.path)  // migrated, empty
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let decoded = try response.jsonObject()
                #expect(decoded["type"] as? String == "/problems/not-ready")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("metrics count requests by route and status, latency, and searches with and without a match")
    func metrics() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            _ = try await client.execute(uri: "/api/v1/search?q=exec+format+error", method: .get)
            _ = try await client.execute(uri: "/api/v1/search?q=zzqxw", method: .get)
            _ = try await client.execute(uri: "/api/v1/help?error=zzqxw", method: .get)
            _ = try await client.execute(uri: "/api/v1/articles/en/nope", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = response.text
                #expect(text.contains(#"kb_http_requests_total{method="GET",route="/api/v1/search",status="200"} 2"#))
                #expect(text.contains(#"kb_http_requests_total{method="GET",route="/api/v1/articles/{lang}/**",status="404"} 1"#))
                #expect(text.contains(#"kb_http_request_duration_seconds_count{method="GET",route="/api/v1/search"} 2"#))
                #expect(text.contains(#"kb_searches_total{endpoint="search",matched="true"} 1"#))
                #expect(text.contains(#"kb_searches_total{endpoint="search",matched="false"} 1"#))
                #expect(text.contains(#"kb_searches_total{endpoint="help",matched="false"} 1"#))
                #expect(!text.contains("zzqxw"))
            }
        }
    }

    @Test("openapi.json is an OpenAPI 3.1 document")
    func openAPI() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let document = try response.jsonObject()
                #expect(document["openapi"] as? String == "3.1.0")
                #expect((document["paths"] as? [String: Any])?["/api/v1/search"] != nil)
            }
        }
    }
}
