import Foundation
import KBCore
import Testing

/// The binary carries its schema (KBMigrationsPlugin embeds Migrations/*.sql at build time);
/// these tests prove the embedded copy is the project's `Migrations/` folder, byte for byte.
@Suite struct EmbeddedMigrationsTests {
    static let folder = Fixtures.projectRoot.appendingPathComponent("Migrations", isDirectory: true)

    /// The `.sql` files of the project's Migrations/ folder, sorted by name.
    func folderFiles() throws -> [(name: String, data: Data)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        return try names.map { ($0, try Data(contentsOf: Self.folder.appendingPathComponent($0))) }
    }

    @Test("EmbeddedMigrations.all equals the files of Migrations/ byte for byte")
    func embeddedEqualsFolder() throws {
        let files = try folderFiles()
        try #require(!files.isEmpty, "no .sql files in \(Self.folder.path)")
        let embedded = EmbeddedMigrations.all
        #expect(embedded.map(\.name) == files.map(\.name))
        for (migration, file) in zip(embedded, files) {
            let bytes = Data(migration.sql.utf8)
            #expect(bytes == file.data, "\(migration.name): embedded \(bytes.count) bytes, the file has \(file.data.count)")
        }
    }

    @Test("the recorded checksum is the checksum of the file in Migrations/")
    func checksumIsOfTheFile() throws {
        for file in try folderFiles() {
            let text = try #require(String(data: file.data, encoding: .utf8), "\(file.name) is not UTF-8")
            let embedded = try #require(EmbeddedMigrations.all.first { $0.name == file.name })
            #expect(embedded.checksum == Migration(name: file.name, sql: text).checksum)
        }
    }

    @Test("every file in Migrations/ is named NNNN_name.sql with a unique number")
    func folderNamesAreValid() throws {
        let files = try folderFiles()
        for file in files {
            #expect(Migration(name: file.name, sql: "").number != nil, "\(file.name) does not look like 0001_name.sql")
        }
        let numbers = files.compactMap { Migration(name: $0.name, sql: "").number }
        #expect(Set(numbers).count == numbers.count)
        #expect(numbers == Array(1...numbers.count), "migrations are numbered 1, 2, 3, … without gaps")
        _ = try Migrator(migrations: EmbeddedMigrations.all)
    }
}
