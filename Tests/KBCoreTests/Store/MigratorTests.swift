import Foundation
import KBCore
import Testing

@Suite struct MigratorTests {
    /// `schema_migrations` as name → checksum.
    func recorded(_ test: TestDatabase) throws -> [String: String] {
        try test.read { db in
            var out: [String: String] = [:]
            try db.statement("SELECT name, checksum FROM schema_migrations ORDER BY name").forEach { out[$0.string(0)] = $0.string(1) }
            return out
        }
    }

    @Test("applies every migration to an empty database, in order, and records each with its checksum")
    func appliesAllToEmptyDatabase() throws {
        let test = try TestDatabase()
        let db = try Database(path: test.path)
        let migrator = try Migrator()
        let applied = try migrator.migrate(db)

        #expect(applied == EmbeddedMigrations.all.map(\.name).sorted())
        #expect(applied.first == "0001_initial.sql")
        let expected = Dictionary(uniqueKeysWithValues: EmbeddedMigrations.all.map { ($0.name, $0.checksum) })
        #expect(try recorded(test) == expected)
        for checksum in expected.values {
            #expect(checksum.count == 16 && checksum.allSatisfy(\.isHexDigit), "checksum \(checksum) is 16 hex digits")
        }
    }

    @Test("the migrated schema has articles, tags, article_tags and the full-text index")
    func createsSchema() throws {
        let test = try TestDatabase()
        _ = try test.writer()
        let names = Set(try test.strings("SELECT name FROM sqlite_master"))
        for table in ["articles", "tags", "article_tags", "articles_fts", "article_signatures", "meta", "schema_migrations"] {
            #expect(names.contains(table), "missing \(table)")
        }
        for trigger in ["articles_ai", "articles_ad", "articles_au"] {
            #expect(names.contains(trigger), "missing trigger \(trigger)")
        }
    }

    @Test("applies nothing to an up-to-date database")
    func upToDateAppliesNothing() throws {
        let test = try TestDatabase()
        let first = try Migrator().migrate(try Database(path: test.path))
        #expect(!first.isEmpty)
        let before = try recorded(test)

        let second = try Migrator().migrate(try Database(path: test.path))
        #expect(second.isEmpty)
        #expect(try recorded(test) == before)
        // Store.openWriter runs the same migrator: also a no-op.
        _ = try Store.openWriter(path: test.path)
        #expect(try recorded(test) == before)
    }

    @Test("an applied migration whose SQL was edited is an error naming it, not silent drift")
    func editedMigrationIsAnError() throws {
        let test = try TestDatabase()
        _ = try Store.openWriter(path: test.path)
        let original = try #require(EmbeddedMigrations.all.first)
        let edited = Migration(name: original.name, sql: original.sql + "\nCREATE TABLE sneaky (id INTEGER);\n")
        #expect(edited.checksum != original.checksum)

        let error = try #require(throws: StoreError.self) {
            try Migrator(migrations: [edited]).migrate(try Database(path: test.path))
        }
        #expect(error.code == .migration)
        #expect(
            error.message
                == "\(test.path): migration \(original.name) was edited after it was applied (checksum \(original.checksum) in the database, \(edited.checksum) now); restore the file and add a new migration instead"
        )
        // Nothing of the edit ran.
        #expect(try test.strings("SELECT name FROM sqlite_master WHERE name = 'sneaky'").isEmpty)
    }

    @Test("a migration recorded in the database but unknown to this kb (a newer kb wrote it) is an error")
    func unknownNewerMigrationIsAnError() throws {
        let test = try TestDatabase()
        let db = try Store.openWriter(path: test.path)
        try db.statement("INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?1, ?2, ?3)")
            .run([.text("0999_from_the_future.sql"), .text("0123456789abcdef"), .text("2030-01-01T00:00:00Z")])

        let error = try #require(throws: StoreError.self) { try Store.openWriter(path: test.path) }
        #expect(error.code == .migration)
        #expect(error.message.contains("0999_from_the_future.sql"))
        #expect(error.message.contains("unknown to this kb"))
        #expect(error.message.contains("newer kb"))
    }

    @Test("the search side refuses an edited or unknown migration too")
    func searchEngineChecksSchema() throws {
        let edited = try TestDatabase()
        try Store.openWriter(path: edited.path).execute("UPDATE schema_migrations SET checksum = 'ffffffffffffffff'")
        let editedError = try #require(throws: StoreError.self) { try edited.engine() }
        #expect(editedError.code == .migration)
        #expect(editedError.message.contains("was edited after it was applied"))

        let newer = try TestDatabase()
        try Store.openWriter(path: newer.path).execute(
            "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES ('0999_later.sql', '0000000000000000', 'now')")
        let newerError = try #require(throws: StoreError.self) { try newer.engine() }
        #expect(newerError.code == .migration)
        #expect(newerError.message.contains("0999_later.sql"))

        let missing = try TestDatabase()
        _ = try Database(path: missing.path)  // an empty SQLite file, not a kb database
        let missingError = try #require(throws: StoreError.self) { try missing.engine() }
        #expect(missingError.code == .schema)
        #expect(missingError.message.contains("is not a kb database"))
    }

    @Test("a newly added migration is applied on the next open, after the recorded ones")
    func appliesOnlyTheNewOne() throws {
        let test = try TestDatabase()
        _ = try Store.openWriter(path: test.path)
        let added = Migration(name: "0900_add_notes.sql", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);")
        let applied = try Migrator(migrations: EmbeddedMigrations.all + [added]).migrate(try Database(path: test.path))
        #expect(applied == ["0900_add_notes.sql"])
        #expect(try recorded(test)["0900_add_notes.sql"] == added.checksum)
    }

    @Test("a failing migration is rolled back and not recorded; the ones before it stay")
    func failingMigrationRollsBack() throws {
        let test = try TestDatabase()
        let good = Migration(name: "0001_good.sql", sql: "CREATE TABLE good (id INTEGER);")
        let bad = Migration(name: "0002_bad.sql", sql: "CREATE TABLE half (id INTEGER); THIS IS NOT SQL;")
        let error = try #require(throws: StoreError.self) {
            try Migrator(migrations: [good, bad]).migrate(try Database(path: test.path))
        }
        #expect(error.code == .migration)
        #expect(error.message.hasPrefix("migration 0002_bad.sql failed: "))
        #expect(try recorded(test) == ["0001_good.sql": good.checksum])
        let tables = Set(try test.strings("SELECT name FROM sqlite_master WHERE type = 'table'"))
        #expect(tables.contains("good"))
        #expect(!tables.contains("half"), "the failed migration's first statement was rolled back")
    }

    @Test(
        "migration names must be NNNN_name.sql with unique numbers",
        arguments: [
            ["initial.sql"], ["1_initial.sql"], ["0001-initial.sql"], ["0001_initial.txt"], ["0001_a.sql", "0001_b.sql"],
        ])
    func rejectsBadNames(_ names: [String]) throws {
        let error = try #require(throws: StoreError.self) {
            try Migrator(migrations: names.map { Migration(name: $0, sql: "SELECT 1;") })
        }
        #expect(error.code == .migration)
    }

    @Test("migrations run in name order whatever order they are given in")
    func sortsByName() throws {
        let migrator = try Migrator(migrations: [
            Migration(name: "0003_c.sql", sql: ""), Migration(name: "0001_a.sql", sql: ""), Migration(name: "0002_b.sql", sql: ""),
        ])
        #expect(migrator.migrations.map(\.name) == ["0001_a.sql", "0002_b.sql", "0003_c.sql"])
    }
}
