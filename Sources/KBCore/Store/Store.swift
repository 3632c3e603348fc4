import Foundation

/// Opening kb databases.
public enum Store {
    /// Opens (creating if needed) a database for writing and applies pending migrations.
    public static func openWriter(path: String, migrator: Migrator? = nil) throws -> Database {
        let db = try Database(path: path, mode: .readWrite)
        try (migrator ?? Migrator()).migrate(db)
        return db
    }

    /// Checks that a database opened read-only has exactly the migrations this kb knows.
    public static func checkSchema(_ db: Database) throws {
        let exists = try db.statement("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'").first { $0.int(0) } ?? 0
        guard exists == 1 else {
            throw StoreError(.schema, "\(db.path) is not a kb database (no schema_migrations table); create it with kb ingest")
        }
        let migrator = try Migrator()
        let applied = try migrator.appliedMigrations(db)
        for migration in migrator.migrations {
            guard let checksum = applied[migration.name] else {
                throw StoreError(.schema, "\(db.path) lacks migration \(migration.name); run kb ingest to upgrade it")
            }
            if checksum != migration.checksum {
                throw StoreError(.migration, "\(db.path): migration \(migration.name) was edited after it was applied")
            }
        }
        if let unknown = applied.keys.first(where: { name in !migrator.migrations.contains { $0.name == name } }) {
            throw StoreError(.migration, "\(db.path): migration \(unknown) is unknown to this kb; the database was written by a newer kb")
        }
    }
}
