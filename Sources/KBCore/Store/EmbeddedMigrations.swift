import Foundation

/// The migrations compiled into the binary from the project's `Migrations/` folder (see KBMigrationsPlugin).
/// `files` is generated at build time; a test checks that it equals the folder.
public enum EmbeddedMigrations {
    /// The embedded migrations as `Migration` values, in order.
    public static var all: [Migration] {
        files.map { Migration(name: $0.name, sql: $0.sql) }
    }
}

/// One numbered schema migration, `NNNN_name.sql`.
public struct Migration: Sendable, Hashable {
    public var name: String
    public var sql: String
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
    /// The number in front of the name (`0001_initial.sql` → 1), or nil when the name does not follow the pattern.
    public var number: Int? {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, name.dropFirst(4).first == "_", name.hasSuffix(".sql") else { return nil }
        return Int(digits)
    }
    /// FNV-1a 64 of the SQL text without its trailing newlines, in hex: recorded when applied, compared on every open.
    /// Trailing newlines are left out so that adding or dropping a file's final newline is not an edit (and databases
    /// recorded before the embedded copy kept the final newline still match).
    public var checksum: String {
        var end = sql.endIndex
        while end > sql.startIndex, sql[sql.index(before: end)].isNewline { end = sql.index(before: end) }
        return String(format: "%016llx", StableHash.fnv1a64(sql[..<end]))
    }
}

/// A 64-bit FNV-1a hash: stable across runs and machines (unlike `Hasher`).
public enum StableHash {
    public static func fnv1a64(_ text: some StringProtocol) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
