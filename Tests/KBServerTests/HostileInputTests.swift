import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

/// Input that breaks naive servers never gets a 500 (or any 5xx): FTS5 syntax, broken encodings, NUL bytes, invalid
/// UTF-8, huge queries.
@Suite("Hostile input", .timeLimit(.minutes(2)))
struct HostileInputTests {
    /// Raw query strings, sent as they are (some are deliberately malformed).
    static let queryStrings: [String] = [
        "q=%22", "q=%22%22%22", "q=*", "q=docker*", "q=AND", "q=OR+NOT", "q=NEAR(", "q=NEAR(docker+build,+2)", "q=title:docker",
        "q=%5Edocker", "q=-docker", "q=(docker", "q=docker)", "q={docker}", "q=%27%3B+DROP+TABLE+articles%3B--", "q=%00", "q=docker%00build",
        "q=%", "q=%2", "q=%zz", "q=%C3", "q=%E3%81", "q=%FF%FE", "q=%F0%9F%98%80%F0%9F%94%A5", "q=%D7%A9%D7%9C%D7%95%D7%9D+%E2%80%AEabc",
        "q=%E6%A8%A9%E9%99%90", "q=%EA%B6%8C%ED%95%9C", "q=docker&limit=9999999999999999999999", "q=docker&offset=1e9", "q=docker&lang=",
        "q=docker&lang=%00", "q=docker&tag=%00", "q=docker&tag=%22", "=&&&=", "q", "%71=docker", "q=%2B%2B%2B",
        "q=" + String(repeating: "%22NEAR(", count: 200),
    ]

    @Test("GET /api/v1/search never fails with a 5xx", arguments: queryStrings)
    func search(query: String) async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            for path in ["/api/v1/search", "/api/v1/help"] {
                let uri = path + "?" + (path.hasSuffix("help") ? query.replacingOccurrences(of: "q=", with: "error=") : query)
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status.code < 500, "\(uri.prefix(120)) → \(response.status)")
                    #expect([200, 400, 422].contains(response.status.code), "\(uri.prefix(120)) → \(response.status)")
                }
            }
        }
    }

    @Test("a 100 KB query string is answered without a 5xx")
    func hugeQueryString() async throws {
        let database = try TestDatabase()
        var words: [String] = []
        var n = 0
        while words.joined(separator: "+").utf8.count < 100_000 {
            words.append(["docker", "exec", "format", "error", "%22", "NEAR(", "*", "permission", "w\(n)"][n % 9])
            n += 1
        }
        let query = words.joined(separator: "+")
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=" + query, method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/help?error=" + query, method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    static let bodies: [(String, [UInt8])] = [
        ("text/plain", [0xFF, 0xFE, 0x64, 0x6F, 0x63, 0x6B, 0x65, 0x72]),  // invalid UTF-8, then "docker"
        ("text/plain", Array("exec format error\u{0}\u{0}NEAR(\"".utf8)),
        ("text/plain", [0xC3, 0x28, 0x0A, 0xE2, 0x82]),
        ("application/json", [0x7B, 0x22, 0x71, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]),  // {"q":"\xFF"}
        ("application/json", Array(#"{"q": "docker\u0000build"}"#.utf8)),
        ("application/json", Array(#"{"q": "\ud800"}"#.utf8)),
        ("application/json", Array(String(repeating: "[", count: 10_000).utf8)),
        ("application/json", Array(#"{"q": "docker", "limit": 1e400}"#.utf8)),
        ("application/json", Array(#"{"q": "docker", "tags": [null]}"#.utf8)),
        ("application/json", Array("null".utf8)),
        ("application/json", []),
    ]

    @Test("POST bodies with invalid UTF-8, NUL bytes and odd JSON never fail with a 5xx", arguments: bodies.indices)
    func post(index: Int) async throws {
        let (contentType, bytes) = Self.bodies[index]
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            for path in ["/api/v1/search", "/api/v1/help"] {
                try await client.execute(uri: path, method: .post, headers: [.contentType: contentType], body: ByteBuffer(bytes: bytes)) { response in
                    #expect([200, 400, 422].contains(response.status.code), "\(path) body #\(index) → \(response.status)")
                }
            }
        }
    }

    @Test(
        "hostile article and tag paths never fail with a 5xx",
        arguments: [
            "/api/v1/articles/en/%zz", "/api/v1/articles/en/%00", "/api/v1/articles/en/..%2F..%2Fetc%2Fpasswd", "/api/v1/articles/%FF/x",
            "/api/v1/articles/en/" + String(repeating: "a/", count: 500) + "b", "/api/v1/tags/%zz", "/api/v1/tags/%22*", "/api/v1/tags/%E6%A8%A9",
            "/api/v1/articles/en/x?%zz=1",
        ])
    func paths(uri: String) async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect([400, 404].contains(response.status.code), "\(uri.prefix(80)) → \(response.status)")
            }
        }
    }
}
