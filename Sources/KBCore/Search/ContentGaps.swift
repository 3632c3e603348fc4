import Foundation

/// Content gaps: signatures of pasted errors that matched no article, counted so authors know what to write next.
///
/// Off by default — pasted logs may hold secrets. Only the normalized signature is stored (values such as tokens,
/// paths, hosts and numbers are masked by normalization), never the raw input.
public struct ContentGaps: Sendable {
    public struct Gap: Sendable, Codable, Hashable {
        public var signature: String
        public var count: Int
        public var firstSeen: String
        public var lastSeen: String
    }

    public let path: String
    public init(path: String) { self.path = path }

    /// Records the error lines of `text` that matched nothing in `engine`'s corpus. Returns how many were recorded.
    @discardableResult
    public func record(_ text: String, engine: SearchEngine) throws -> Int {
        let unmatched = try engine.unmatchedSignatures(in: text)
        guard !unmatched.isEmpty else { return 0 }
        let db = try Store.openWriter(path: path)
        let now = ISO8601DateFormatter().string(from: Date())
        try db.transaction {
            let upsert = try db.statement(
                """
                INSERT INTO signature_gaps (hash, signature, count, first_seen, last_seen) VALUES (?1, ?2, 1, ?3, ?3)
                ON CONFLICT (hash) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen
                """)
            for s in unmatched { try upsert.run([.integer(Int64(bitPattern: s.hash)), .text(s.text), .text(now)]) }
        }
        return unmatched.count
    }

    /// The most frequent gaps first.
    public func list(limit: Int = 50) throws -> [Gap] {
        let db = try Database(path: path, mode: .readOnly)
        return try db.statement("SELECT signature, count, first_seen, last_seen FROM signature_gaps ORDER BY count DESC, last_seen DESC LIMIT ?1")
            .map([.int(limit)]) { Gap(signature: $0.string(0), count: $0.int(1), firstSeen: $0.string(2), lastSeen: $0.string(3)) }
    }
}

extension SearchEngine {
    /// The signatures of the error lines in `text` that no article matches (exactly, or partially above 0.5).
    public func unmatchedSignatures(in text: String) throws -> [ErrorSignature] {
        let triage = Triage(text)
        guard triage.hasErrorLines else { return [] }
        return try withConnection { db in
            let corpus = try corpusIndex(db)
            return triage.kept.filter { line in !corpus.matches(for: line.signature, limit: 1).contains { $0.score >= 0.5 } }.map(\.signature)
        }
    }
}
