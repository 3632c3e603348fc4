import Foundation

/// Applies numbered migrations in order, each once, each in its own transaction, recording name and checksum.
/// An applied migration whose SQL changed, or one the binary does not know (a newer kb wrote the database),
/// is an error rather than silent drift.
public struct Migrator: Sendable {
    public var migrations: [Migration]

    public init(migrations: [Migration] = EmbeddedMigrations.all) throws {
        for migration in migrations where migration.number == nil {
            throw StoreError(.migration, "migration \(migration.name): name must look like 0001_description.sql")
        }
        let sorted = migrations.sorted { $0.name < $1.name }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.number == b.number {
            throw StoreError(.migration, "migrations \(a.name) and \(b.name) share the number \(a.number ?? 0)")
        }
        self.migrations = sorted
    }

    /// The names of the migrations applied by this call.
    @discardableResult
    public func migrate(_ db: Database) throws -> [String] {
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
            ) WITHOUT ROWID
            """)
        let applied = try appliedMigrations(db)
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        for (name, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[name] else {
                throw StoreError(
                    .migration,
                    "\(db.path): migration \(name) is recorded in the database but unknown to this kb; the database was written by a newer kb — upgrade kb or rebuild the database")
            }
            if migration.checksum != checksum {
                throw StoreError(
                    .migration,
                    "\(db.path): migration \(name) was edited after it was applied (checksum \(checksum) in the database, \(migration.checksum) now); restore the file and add a new migration instead")
            }
        }
        var done: [String] = []
        for migration in migrations where applied[migration.name] == nil {
            try db.transaction {
                do {
                    try db.execute(migration.sql)
                } catch let error as StoreError {
                    throw StoreError(.migration, "migration \(migration.name) failed: \(error.message)", resultCode: error.resultCode)
                }
                try db.statement("INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?1, ?2, ?3)")
                    .run([.text(migration.name), .text(migration.checksum), .text(ISO8601DateFormatter().string(from: Date()))])
            }
            done.append(migration.name)
        }
        return done
    }

    /// Name → checksum of the migrations recorded in the database.
    public func appliedMigrations(_ db: Database) throws -> [String: String] {
        var out: [String: String] = [:]
        try db.statement("SELECT name, checksum FROM schema_migrations").forEach { out[$0.string(0)] = $0.string(1) }
        return out
    }
}
