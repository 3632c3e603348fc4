import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import KBCore
@testable import KBServer

@Suite("Searching while kb ingest writes the same database", .timeLimit(.minutes(1)))
struct ConcurrentIngestTests {
    static let lateError = "q=The+connection+to+the+server+localhost%3A8080+was+refused+-+did+you+specify+the+right+host+or+port%3F"

    @Test("searches during an ingest see no error, and see the new article as soon as it commits")
    func ingestWhileSearching() async throws {
        let database = try TestDatabase()
        // The ingest stops inside its write transaction (after the inserts, before the commit) until released.
        let midTransaction = Gate()
        let release = DispatchSemaphore(value: 0)
        try await makeApp(database).test(.router) { client in
            let before = try await client.execute(uri: "/api/v1/search?" + Self.lateError, method: .get) { try $0.decode(SearchResponse.self) }
            #expect(!before.results.contains { $0.slug == "kubectl-connection-refused" })

            let stop = Flag()
            try await withThrowingTaskGroup(of: [UInt].self) { group in
                // Searches running through the whole ingest.
                for query in ["q=exec+format+error", "q=permission+denied&lang=ko", Self.lateError] {
                    group.addTask {
                        var statuses: [UInt] = []
                        while !stop.isSet || statuses.isEmpty {
                            statuses.append(UInt(try await client.execute(uri: "/api/v1/search?" + query, method: .get) { $0.status.code }))
                        }
                        return statuses
                    }
                }
                group.addTask {
                    let report = try await onThread {
                        try database.ingest([Fixtures.lateArticles]) { progress in
                            guard progress.phase.hasPrefix("learning") else { return }
                            Task { await midTransaction.pass() }
                            release.wait()
                        }
                    }
                    #expect(report.added == 1)
                    #expect(!report.hasErrors)
                    return []
                }
                // While the writer holds its transaction open, readers still answer, from the last committed index.
                await midTransaction.waitForArrival()
                let during = try await client.execute(uri: "/api/v1/search?" + Self.lateError, method: .get) { response in
                    #expect(response.status == .ok)
                    return try response.decode(SearchResponse.self)
                }
                #expect(!during.results.contains { $0.slug == "kubectl-connection-refused" })
                release.signal()
                midTransaction.open()

                var answered = 0
                var finished = 0
                for try await statuses in group {
                    finished += 1
                    if finished == 1 { stop.set() }
                    #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
                    answered += statuses.count
                }
                #expect(answered >= 3)
            }

            let after = try await client.execute(uri: "/api/v1/search?" + Self.lateError, method: .get) { try $0.decode(SearchResponse.self) }
            #expect(after.results.first?.slug == "kubectl-connection-refused")
            try await client.execute(uri: "/api/v1/articles/en/kubectl-connection-refused", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

/// A flag set once, read from several tasks.
final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
