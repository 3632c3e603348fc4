import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

@Suite("GET and POST /api/v1/help", .timeLimit(.minutes(1)))
struct HelpControllerTests {
    @Test("an exact error gives one confident match and alternatives")
    func exactMatch() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/help?error=git%40github.com%3A+Permission+denied+(publickey).", method: .get) { response in
                #expect(response.status == .ok)
                let help = try response.decode(HelpResponse.self)
                let match = try #require(help.match)
                #expect(match.slug == "git-permission-denied-publickey")
                #expect(match.lang == "en")
                #expect(help.confidence >= SearchEngine.helpThreshold && help.confidence <= 1)
            }
        }
    }

    @Test("match is null when nothing is good enough")
    func noMatch() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            try await client.execute(uri: "/api/v1/help?error=zzqx+wvuty", method: .get) { response in
                #expect(response.status == .ok)
                let object = try response.jsonObject()
                #expect(object["match"] is NSNull)
                #expect(object["confidence"] as? Double == 0)
                #expect((object["alternatives"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test("POST text/plain with lang in the query, and POST JSON with lang in the body")
    func post() async throws {
        let database = try TestDatabase()
        try await makeApp(database).test(.router) { client in
            let log = "Step 4/9 : RUN ./entrypoint.sh\nexec /usr/local/bin/docker-entrypoint.sh: exec format error\n"
            try await client.execute(uri: "/api/v1/help?lang=ja", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(text: log)) {
                response in
                #expect(response.status == .ok)
                let help = try response.decode(HelpResponse.self)
                #expect(help.match?.slug == "docker-exec-format-error")
                #expect(help.match?.lang == "ja")
            }
            let json = #"{"error": "exec /usr/local/bin/docker-entrypoint.sh: exec format error", "lang": "en"}"#
            try await client.execute(uri: "/api/v1/help", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(text: json)) {
                response in
                let help = try response.decode(HelpResponse.self)
                #expect(help.match?.lang == "en")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }
}
