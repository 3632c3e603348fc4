import Foundation
import KBCore
import Testing

/// Unchanged files are skipped by content hash, changed ones replaced, and `prune` removes articles whose files are gone.
@Suite struct IncrementalIngestTests {
    /// A test world with a copy of Tests/Fixtures/articles/incremental (alpha, beta, gamma) ingested once.
    struct World {
        let test: TestDatabase
        let content: URL
        init() throws {
            test = try TestDatabase()
            content = try test.copyFixture("articles/incremental", to: "incremental")
            let first = try test.ingest(content)
            #expect(first.added == 3)
            #expect(first.issues == [])
        }
        func titles() throws -> [String] {
            try test.strings("SELECT title FROM articles ORDER BY slug")
        }
    }

    @Test("re-ingesting with nothing changed leaves every article unchanged")
    func nothingChanged() throws {
        let world = try World()
        let ids = try world.test.strings("SELECT id FROM articles ORDER BY id")
        let generation = try world.test.scalar("SELECT value FROM meta WHERE key = 'generation'")

        let report = try world.test.ingest(world.content)
        #expect(report.unchanged == 3)
        #expect(report.added == 0 && report.updated == 0 && report.removed == 0 && report.failed == 0)
        #expect(!report.changed)
        #expect(try world.test.strings("SELECT id FROM articles ORDER BY id") == ids, "rows were not rewritten")
        #expect(try world.test.scalar("SELECT value FROM meta WHERE key = 'generation'") == generation)
    }

    @Test("a changed file is updated; the others stay unchanged")
    func changedFile() throws {
        let world = try World()
        try world.test.write("incremental/beta.md", "---\ntitle: Beta article, revised\nslug: beta\nlang: en\n---\n\nBeta body about quotas now.\n")

        let report = try world.test.ingest(world.content)
        #expect(report.updated == 1)
        #expect(report.unchanged == 2)
        #expect(report.added == 0 && report.removed == 0)
        #expect(try world.titles() == ["Alpha article", "Beta article, revised", "Gamma article"])
        let hits = try world.test.engine().search(SearchRequest(text: "quotas"))
        #expect(hits.results.map(\.slug) == ["beta"])
        #expect(try world.test.engine().search(SearchRequest(text: "rate limits")).total == 0, "the old text is gone from the index")
    }

    @Test("a new file is added")
    func newFile() throws {
        let world = try World()
        try world.test.write("incremental/delta.md", "---\ntitle: Delta article\nslug: delta\nlang: en\n---\n\nDelta body.\n")
        let report = try world.test.ingest(world.content)
        #expect(report.added == 1)
        #expect(report.unchanged == 3)
        #expect(try world.titles() == ["Alpha article", "Beta article", "Delta article", "Gamma article"])
    }

    @Test("without prune, articles whose files are gone stay")
    func deletedWithoutPrune() throws {
        let world = try World()
        try FileManager.default.removeItem(at: world.content.appendingPathComponent("gamma.md"))
        let report = try world.test.ingest(world.content)
        #expect(report.removed == 0)
        #expect(report.unchanged == 2)
        #expect(try world.titles() == ["Alpha article", "Beta article", "Gamma article"])
    }

    @Test("prune removes articles whose files are gone, and their tags")
    func deletedWithPrune() throws {
        let world = try World()
        try world.test.write("incremental/tagged.md", "---\ntitle: Tagged\nslug: tagged\nlang: en\ntags: [only-here]\n---\n\nBody.\n")
        try world.test.ingest(world.content)
        #expect(try world.test.strings("SELECT key FROM tags") == ["only-here"])

        try FileManager.default.removeItem(at: world.content.appendingPathComponent("gamma.md"))
        try FileManager.default.removeItem(at: world.content.appendingPathComponent("tagged.md"))
        let report = try world.test.ingest(world.content, prune: true)
        #expect(report.removed == 2)
        #expect(report.unchanged == 2)
        #expect(try world.titles() == ["Alpha article", "Beta article"])
        #expect(try world.test.strings("SELECT key FROM tags") == [], "a tag no article uses is dropped")
        #expect(try world.test.engine().search(SearchRequest(text: "disk space")).total == 0)
    }

    @Test("prune only removes articles under the paths of this run")
    func pruneIsScopedToRoots() throws {
        let world = try World()
        let other = try world.test.copyFixture("articles/formats", to: "formats")
        try world.test.ingest(other)
        #expect(try world.test.scalar("SELECT count(*) FROM articles") == "8")

        let report = try world.test.ingest(world.content, prune: true)
        #expect(report.removed == 0)
        #expect(try world.test.scalar("SELECT count(*) FROM articles") == "8")
    }

    @Test("a renamed file keeping its front matter slug replaces the old article with prune")
    func renamedFileWithPrune() throws {
        let world = try World()
        try FileManager.default.moveItem(
            at: world.content.appendingPathComponent("beta.md"), to: world.content.appendingPathComponent("beta-renamed.md"))
        let report = try world.test.ingest(world.content, prune: true)
        #expect(report.issues == [])
        #expect(report.added == 1 && report.removed == 1)
        #expect(try world.titles() == ["Alpha article", "Beta article", "Gamma article"])
        #expect(
            try world.test.scalar("SELECT source_path FROM articles WHERE slug = 'beta'")
                == world.content.appendingPathComponent("beta-renamed.md").path)
    }

    @Test("a renamed file keeping its slug, without prune, is a duplicate naming both files; the run still commits")
    func renamedFileWithoutPrune() throws {
        let world = try World()
        let old = world.content.appendingPathComponent("beta.md")
        let new = world.content.appendingPathComponent("beta-renamed.md")
        try FileManager.default.moveItem(at: old, to: new)
        try world.test.write("incremental/delta.md", "---\ntitle: Delta article\nslug: delta\nlang: en\n---\n\nDelta body.\n")

        let report = try world.test.ingest(world.content)
        #expect(report.failed == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.path == new.path)
        #expect(issue.description.contains(old.path))
        #expect(report.added == 1, "the other new file is still ingested")
        #expect(try world.titles() == ["Alpha article", "Beta article", "Delta article", "Gamma article"])
    }

    @Test("two changed files may swap their slugs in one run")
    func swappedSlugs() throws {
        let world = try World()
        try world.test.write("incremental/alpha.md", "---\ntitle: Now beta\nslug: beta\nlang: en\n---\n\nSwapped.\n")
        try world.test.write("incremental/beta.md", "---\ntitle: Now alpha\nslug: alpha\nlang: en\n---\n\nSwapped.\n")
        let report = try world.test.ingest(world.content)
        #expect(report.issues == [])
        #expect(report.updated == 2)
        #expect(try world.titles() == ["Now alpha", "Now beta", "Gamma article"])
    }
}
