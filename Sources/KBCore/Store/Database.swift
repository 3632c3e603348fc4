import CSQLite
import Foundation

/// One SQLite connection with kb's tokenizer registered, a statement cache and an optional time budget.
///
/// A `Database` is used by one task at a time (the ingester owns the writer; the search service checks readers
/// out of a pool); it is `@unchecked Sendable` so that it can move between tasks, never to be shared concurrently.
public final class Database: @unchecked Sendable {
    public enum Mode: Sendable { case readWrite, readOnly }

    let handle: OpaquePointer
    public let path: String
    public let mode: Mode
    private var cache: [String: Statement] = [:]
    private var deadline: UInt64 = 0
    fileprivate var timedOut = false

    /// Opens (creating when `mode` is `.readWrite`) the database at `path`; `:memory:` for a private in-memory one.
    public init(path: String, mode: Mode = .readWrite, busyTimeout: Int32 = 5_000) throws {
        var db: OpaquePointer?
        let flags =
            (mode == .readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let result = sqlite3_open_v2(path, &db, flags, nil)
        guard result == SQLITE_OK, let db else {
            let error = StoreError.sqlite(result, db, context: "cannot open database \(path)")
            sqlite3_close_v2(db)
            throw StoreError(.open, error.message, resultCode: result)
        }
        self.handle = db
        self.path = path
        self.mode = mode
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeout)
        do {
            try FTS5Tokenizer.register(on: db)
            if mode == .readWrite && path != ":memory:" {
                try execute("PRAGMA journal_mode = WAL")
                try execute("PRAGMA synchronous = NORMAL")
            }
            try execute("PRAGMA foreign_keys = ON")
            try execute("PRAGMA cache_size = -16000")
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(
            db, 1000,
            { context in
                guard let context else { return 0 }
                let db = Unmanaged<Database>.fromOpaque(context).takeUnretainedValue()
                guard db.deadline != 0 else { return 0 }
                if DispatchTime.now().uptimeNanoseconds > db.deadline {
                    db.timedOut = true
                    return 1
                }
                return 0
            }, context)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs `body` with a time budget: statements that run past it are interrupted and throw `StoreError.interrupted`.
    public func withTimeBudget<T>(_ budget: Duration?, _ body: () throws -> T) rethrows -> T {
        guard let budget else { return try body() }
        let (seconds, attoseconds) = budget.components
        let nanos = UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
        deadline = DispatchTime.now().uptimeNanoseconds + nanos
        timedOut = false
        defer { deadline = 0 }
        return try body()
    }

    /// Runs `body` outside the current time budget (loading shared caches is not the query's cost); the budget's
    /// remaining time starts again when `body` returns.
    public func pausingTimeBudget<T>(_ body: () throws -> T) rethrows -> T {
        guard deadline != 0 else { return try body() }
        let remaining = deadline > DispatchTime.now().uptimeNanoseconds ? deadline - DispatchTime.now().uptimeNanoseconds : 0
        deadline = 0
        defer { deadline = DispatchTime.now().uptimeNanoseconds + max(remaining, 1) }
        return try body()
    }

    /// Executes one or more statements without results.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &message)
        if result != SQLITE_OK {
            let detail = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))
            sqlite3_free(message)
            throw StoreError(result & 0xff == SQLITE_BUSY ? .busy : .sqlite, "\(detail) (SQLite error \(result))", resultCode: result)
        }
    }

    /// A prepared statement, cached per connection and reset for reuse.
    public func statement(_ sql: String) throws -> Statement {
        if let cached = cache[sql] {
            cached.reset()
            return cached
        }
        let statement = try Statement(database: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE` for writers), committing when it returns and rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute(mode == .readWrite ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func error(_ result: Int32, context: String) -> StoreError {
        if timedOut && result & 0xff == SQLITE_INTERRUPT {
            return StoreError(.interrupted, "\(context): the query ran out of its time budget", resultCode: result)
        }
        return StoreError.sqlite(result, handle, context: context)
    }
}

/// A prepared statement. Values are always bound, never spliced into SQL.
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database

    init(database: Database, sql: String) throws {
        var stmt: OpaquePointer?
        let result = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard result == SQLITE_OK, let stmt else {
            throw database.error(result, context: "cannot prepare statement")
        }
        self.handle = stmt
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds values to the parameters `?1`, `?2`, … in order.
    @discardableResult
    public func bind(_ values: [SQLValue]) -> Statement {
        for (index, value) in values.enumerated() { bind(value, at: Int32(index + 1)) }
        return self
    }

    public func bind(_ value: SQLValue, at index: Int32) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let v): sqlite3_bind_int64(handle, index, v)
        case .real(let v): sqlite3_bind_double(handle, index, v)
        case .text(let v):
            var v = v
            v.withUTF8 { buffer in
                if let base = buffer.baseAddress, buffer.count > 0 {
                    _ = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        sqlite3_bind_text(handle, index, $0, Int32(buffer.count), kb_sqlite_transient())
                    }
                } else {
                    _ = sqlite3_bind_text(handle, index, "", 0, kb_sqlite_transient())
                }
            }
        }
    }

    /// Steps once; true when a row is available.
    public func step() throws -> Bool {
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(result, context: "statement failed")
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs to completion, ignoring rows.
    public func run(_ values: [SQLValue] = []) throws {
        if !values.isEmpty { bind(values) }
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Calls `body` for each row.
    public func forEach(_ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        if !values.isEmpty { bind(values) }
        defer { sqlite3_reset(handle) }
        while try step() { try body(Row(handle: handle)) }
    }

    /// Maps every row.
    public func map<T>(_ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var out: [T] = []
        try forEach(values) { out.append(try transform($0)) }
        return out
    }

    /// The first row mapped, or nil.
    public func first<T>(_ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> T? {
        if !values.isEmpty { bind(values) }
        defer { sqlite3_reset(handle) }
        return try step() ? transform(Row(handle: handle)) : nil
    }
}

/// A value bound to a statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public static func int(_ v: Int) -> SQLValue { .integer(Int64(v)) }
    public static func optional(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
}

/// The current row of a statement (valid only inside the callback that received it).
public struct Row {
    let handle: OpaquePointer
    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    public func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
    public func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
    /// The column's bytes (a BLOB or TEXT), valid only inside `body`.
    public func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let bytes = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }
}
