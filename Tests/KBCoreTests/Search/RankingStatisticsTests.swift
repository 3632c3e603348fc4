import Foundation
import Testing

@testable import KBCore

/// The statistics search computes itself instead of asking FTS5's bm25() for them: the column-weighted term
/// frequency (`kb_hits`), the row lengths read from FTS5's size records, and the time budget paused while the
/// in-memory corpus index loads.
@Suite struct RankingStatisticsTests {
    @Test("kb_hits counts a term's occurrences in the row, each weighted by its column")
    func hitsAreWeightedByColumn() throws {
        let test = try TestDatabase()
        try test.write("en/widget.md", "---\ntitle: Widget failure\ntags: [widget]\n---\nThe widget broke; restart the widget.\n")
        try test.write("en/other.md", "---\ntitle: Something else\n---\nOne widget here.\n")
        try test.ingest(test.contentFolder())
        let hits = try test.read { db in
            try db.statement("SELECT a.slug, kb_hits(articles_fts, 8.0, 4.0, 2.5, 1.0) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH '\"widget\"' ORDER BY a.slug")
                .map { ($0.string(0), $0.double(1)) }
        }
        // widget: once in the title (8), once in the tags (4), twice in the body (1 each).
        #expect(hits.map(\.0) == ["other", "widget"])
        #expect(hits.map(\.1) == [1, 14])
    }

    @Test("FTS5 size records decode as SQLite varints, one per column", arguments: [
        ([UInt8]([5, 0, 0, 7]), 12),
        ([0x81, 0x00, 0x7f], 128 + 127),
        ([0x82, 0x80, 0x01, 3], 32769 + 3),
        ([], 0),
    ])
    func sizeRecords(bytes: [UInt8], sum: Int) {
        #expect(bytes.withUnsafeBytes { CorpusIndex.sumOfVarints($0) } == sum)
    }

    @Test("a short article about a word ranks above a long one that mentions it as often")
    func lengthNormalization() throws {
        let test = try TestDatabase()
        let filler = Array(repeating: "Unrelated words about something else entirely.", count: 200).joined(separator: " ")
        // The long article has the lower id: with no length normalization the tie would put it first.
        try test.write("en/a-long.md", "---\ntitle: Long page\n---\nThe gizmo appears once. \(filler)\n")
        try test.write("en/b-short.md", "---\ntitle: Short page\n---\nThe gizmo appears once.\n")
        try test.ingest(test.contentFolder())
        let results = try test.engine().search(SearchRequest(text: "gizmo")).results
        #expect(results.map(\.slug) == ["b-short", "a-long"])
    }

    @Test("time spent outside the budget (loading shared caches) is not charged to the query")
    func pausedBudget() throws {
        let test = try TestDatabase()
        _ = try test.writer()
        let db = try Database(path: test.path, mode: .readOnly)
        let count = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT count(*) FROM n"
        // Paused: the 300 ms sleep does not use up the 200 ms budget.
        let value = try db.withTimeBudget(.milliseconds(200)) {
            db.pausingTimeBudget { Thread.sleep(forTimeInterval: 0.3) }
            return try db.statement(count).first { $0.int(0) }
        }
        #expect(value == 20000)
        // Not paused: the same query after the same sleep is out of budget.
        #expect(throws: StoreError.self) {
            try db.withTimeBudget(.milliseconds(200)) {
                Thread.sleep(forTimeInterval: 0.3)
                return try db.statement(count).first { $0.int(0) }
            }
        }
    }
}
