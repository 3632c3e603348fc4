import CSQLite
import Foundation

// For `kb bench search`: which SQL a search ran, so the benchmark can issue the same full-text queries straight to
// SQLite and show kb's own overhead as a ratio. Kept in its own file so that it does not touch the search internals:
// it traces the connection (`sqlite3_trace_v2`) instead of changing the pipeline.
extension SearchEngine {
    /// One SQL statement a search ran, with its bound values written in (`sqlite3_expanded_sql`).
    public struct ExecutedStatement: Sendable, Hashable, Codable {
        public var sql: String
        /// A full-text query (`… articles_fts MATCH …`): the part of a search that SQLite alone would have to do.
        public var isFullText: Bool
        /// A statement SQLite runs inside another one (FTS5 reading its shadow tables, a trigger), which the trace
        /// reports as an SQL comment (`-- SELECT sz FROM 'main'.'articles_fts_docsize' …`).
        public var isNested: Bool
    }

    /// Runs `request` exactly as `search(_:)` does and returns, with its response, every statement the search ran,
    /// in order (with the nested ones FTS5 runs on its shadow tables).
    ///
    /// The engine must keep one idle connection (`Configuration.connections == 1`), so that the search runs on the
    /// connection being traced; the trace is removed before this returns.
    ///
    /// ```swift
    /// var configuration = SearchEngine.Configuration()
    /// configuration.connections = 1
    /// let engine = try SearchEngine(path: "kb.sqlite", configuration: configuration)
    /// let (_, statements) = try engine.searchRecordingStatements(SearchRequest(text: "TypeError: x is not a function"))
    /// for s in statements where s.isFullText { print(s.sql) }
    /// ```
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/trace_v2.html>
    public func searchRecordingStatements(_ request: SearchRequest) throws -> (response: SearchResponse, statements: [ExecutedStatement]) {
        guard configuration.connections == 1 else {
            throw StoreError(.sqlite, "searchRecordingStatements needs an engine configured with one connection (it has \(configuration.connections))")
        }
        let recorder = StatementRecorder()
        let context = Unmanaged.passUnretained(recorder).toOpaque()
        _ = try withConnection { db in
            sqlite3_trace_v2(
                db.handle, UInt32(SQLITE_TRACE_STMT),
                { _, context, statement, _ in
                    guard let context, let statement else { return 0 }
                    let recorder = Unmanaged<StatementRecorder>.fromOpaque(context).takeUnretainedValue()
                    if let expanded = sqlite3_expanded_sql(OpaquePointer(statement)) {
                        recorder.record(String(cString: expanded))
                        sqlite3_free(expanded)
                    }
                    return 0
                }, context)
        }
        let response: SearchResponse
        do {
            defer { _ = try? withConnection { db in sqlite3_trace_v2(db.handle, 0, nil, nil) } }
            response = try withExtendedLifetime(recorder) { try search(request) }
        }
        guard !recorder.statements.isEmpty else {
            throw StoreError(.sqlite, "the search ran on a connection that was not traced; searchRecordingStatements must not run concurrently with other searches")
        }
        return (response, recorder.statements)
    }
}

/// Collects the statements a traced connection runs (the connection is used by one thread at a time).
private final class StatementRecorder {
    var statements: [SearchEngine.ExecutedStatement] = []

    func record(_ sql: String) {
        let isNested = sql.hasPrefix("-- ")
        // kb's own SQL names its FTS5 table before MATCH; bound values (case-folded terms) cannot spell it.
        let isFullText = !isNested && sql.contains("_fts MATCH ")
        statements.append(SearchEngine.ExecutedStatement(sql: sql, isFullText: isFullText, isNested: isNested))
    }
}
