import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing

@testable import KBCore
@testable import KBServer

@Suite("Over a real socket", .timeLimit(.minutes(1)))
struct LiveServerTests {
    @Test("search, an article with CORS, and a problem, over HTTP/1.1 on a real port")
    func live() async throws {
        let database = try TestDatabase()
        try await makeApp(database, { $0.allowedOrigins = ["https://ci.example"] }).test(.live) { client in
            try await client.execute(uri: "/api/v1/search?q=exec+format+error&lang=ja", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.init("Server")!] == "kb")
                let result = try response.decode(SearchResponse.self)
                #expect(result.results.first?.lang == "ja")
            }
            try await client.execute(uri: "/api/v1/articles/en/docker-exec-format-error", method: .get, headers: [.origin: "https://ci.example"]) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == "https://ci.example")
                #expect(response.headers[.accessControlExposeHeaders]?.contains("ETag") == true)
                #expect(response.headers[.vary] == "Origin")
            }
            try await client.execute(uri: "/api/v1/search", method: .get, headers: [.origin: "https://evil.example"]) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
        }
    }

    @Test("a CORS preflight is answered for allowed origins only")
    func preflight() async throws {
        let database = try TestDatabase()
        try await makeApp(database, { $0.allowedOrigins = ["https://ci.example"] }).test(.router) { client in
            let preflight: HTTPFields = [
                .origin: "https://ci.example", .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "content-type",
            ]
            try await client.execute(uri: "/api/v1/help", method: .options, headers: preflight) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://ci.example")
                #expect(response.headers[.accessControlAllowMethods] == "GET, HEAD, POST, OPTIONS")
                #expect(response.headers[.accessControlAllowHeaders]?.contains("Content-Type") == true)
            }
            var denied = preflight
            denied[.origin] = "https://evil.example"
            try await client.execute(uri: "/api/v1/help", method: .options, headers: denied) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
        }
    }

    @Test("graceful shutdown lets a request in flight finish")
    func gracefulShutdown() async throws {
        let gate = Gate()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let configuration = testConfiguration(nil) { $0.onServerRunning = { portContinuation.yield($0) } }
        let app = buildApplication(configuration: configuration, knowledgeBase: StubKnowledgeBase(gate: gate))
        let group = ServiceGroup(configuration: .init(services: [app], logger: configuration.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try #require(await ports.first { _ in true })
            let client = TestClient(host: "127.0.0.1", port: port)
            client.connect()
            async let response = client.get("/api/v1/search?q=docker")
            await gate.waitForArrival()
            await group.triggerGracefulShutdown()
            gate.open()
            #expect(try await response.status == .ok)
            try await client.shutdown()
            try await tasks.waitForAll()
        }
    }
}
