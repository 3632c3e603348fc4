import Foundation
import Synchronization

@testable import KBCore
@testable import KBServer

/// A knowledge base for the errors and timing a real database cannot produce on demand: every call throws `error`
/// when set, and `search` waits at `gate` when set.
struct StubKnowledgeBase: KnowledgeBase {
    var error: (any Error & Sendable)?
    var gate: Gate?

    func search(_ request: SearchRequest) async throws -> SearchResponse {
        if let gate { await gate.pass() }
        if let error { throw error }
        return SearchResponse(query: request.text, total: 0, results: [])
    }
    func help(error text: String, lang: String?) async throws -> HelpResponse {
        if let error { throw error }
        return HelpResponse(match: nil, confidence: 0, alternatives: [])
    }
    func article(lang: String, slug: String) async throws -> ArticleDetail? {
        if let error { throw error }
        return nil
    }
    func languages(ofSlug slug: String) async throws -> [String] { [] }
    func tags(lang: String?) async throws -> [TagCount] {
        if let error { throw error }
        return []
    }
    func articles(tag: String, lang: String?, limit: Int, offset: Int) async throws -> ArticleList? {
        if let error { throw error }
        return nil
    }
    func isReady() async throws -> Bool {
        if let error { throw error }
        return true
    }
}

/// Holds callers until opened, and tells the test when one arrives: no sleeping, no polling.
final class Gate: Sendable {
    private let arrivals: AsyncStream<Void>
    private let arrival: AsyncStream<Void>.Continuation
    private let state = Mutex<(isOpen: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    init() {
        (arrivals, arrival) = AsyncStream.makeStream(of: Void.self)
    }

    /// Called by the code under test: reports the arrival, then waits until the gate opens.
    func pass() async {
        arrival.yield()
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiting.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Waits until a caller has arrived.
    func waitForArrival() async {
        for await _ in arrivals { return }
    }

    func open() {
        let waiting = state.withLock { state in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

/// An error the server does not know: it must become a generic 500.
struct UnexpectedTestError: Error, CustomStringConvertible {
    var description: String { "secret internal detail /var/lib/kb.sqlite SELECT * FROM articles" }
}
