import CSQLite

/// A failure of the SQLite store. Carries SQLite's result code and message, never the bound values
/// (queries and article text may hold secrets).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Kind: String { case open, sqlite, busy, interrupted, migration, schema }
        fileprivate let kind: Kind
        public static let open = Code(kind: .open)
        public static let sqlite = Code(kind: .sqlite)
        /// The database stayed locked past the busy timeout.
        public static let busy = Code(kind: .busy)
        /// The statement ran out of its time budget.
        public static let interrupted = Code(kind: .interrupted)
        public static let migration = Code(kind: .migration)
        public static let schema = Code(kind: .schema)
        public var description: String { kind.rawValue }
    }

    public var code: Code
    /// SQLite's primary result code, when the error came from SQLite.
    public var resultCode: Int32?
    public var message: String

    public init(_ code: Code, _ message: String, resultCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.resultCode = resultCode
    }

    static func sqlite(_ result: Int32, _ db: OpaquePointer?, context: String) -> StoreError {
        let detail = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))
        let primary = result & 0xff
        let code: Code =
            switch primary {
            case SQLITE_BUSY, SQLITE_LOCKED: .busy
            case SQLITE_INTERRUPT: .interrupted
            default: .sqlite
            }
        return StoreError(code, "\(context): \(detail) (SQLite error \(result))", resultCode: result)
    }

    public var description: String { message }
}
