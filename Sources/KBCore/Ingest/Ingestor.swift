import Foundation

/// What one `kb ingest` run did.
public struct IngestReport: Sendable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    public var failed = 0
    public var seconds = 0.0
    public var bytes = 0
    public var issues: [IngestIssue] = []

    public var hasErrors: Bool { failed > 0 || issues.contains { $0.severity == .error } }
    public var changed: Bool { added + updated + removed > 0 }

    public var summary: String {
        String(
            format: "%d added, %d updated, %d unchanged, %d removed, %d failed in %.2f s", added, updated, unchanged, removed, failed,
            seconds)
    }
}

/// Progress of a long ingest, for a terminal line.
public struct IngestProgress: Sendable {
    public var phase: String
    public var done: Int
    public var total: Int
}

/// Imports article files into the store: one run is one transaction, unchanged files are skipped by content hash,
/// bad files are reported as `path:line: reason` and skipped without blocking the others.
public struct Ingestor: Sendable {
    public static let extensions: Set<String> = ["md", "markdown", "txt"]

    public var prune = false
    public var progress: (@Sendable (IngestProgress) -> Void)?
    /// For crash tests: fail (or kill the process with SIGKILL) after writing this many articles, mid-transaction.
    public var fault: Fault?

    public enum Fault: Sendable, Equatable {
        case throwAfter(Int)
        case killAfter(Int)
    }
    public init(prune: Bool = false, progress: (@Sendable (IngestProgress) -> Void)? = nil) {
        self.prune = prune
        self.progress = progress
    }

    struct SourceFile: Sendable {
        var path: String  // as shown and stored
        var relative: String  // relative to its root
        var url: URL
    }

    enum Parsed: Sendable {
        case unchanged
        /// With the tokens of its indexed texts, computed on the parsing thread.
        case article(Article, [IngestIssue], [PretokenizedText])
        case failed(IngestIssue, [IngestIssue])
    }

    /// Ingests the files under `roots` (folders or single files) into `db` (a writer with the schema migrated).
    ///
    /// Files are read, hashed and parsed on background threads in path order, a window of chunks ahead of the
    /// writer, while this thread writes the ones already parsed: memory stays bounded however large the corpus is.
    /// An article whose language and slug no stored article holds is written as soon as it is parsed (only earlier
    /// files can dispute its key). One that may take the key of a stored article (its own old version, a renamed or
    /// pruned file) waits for the end, when every file's fate is known: it is kept only if no file that stays claims
    /// the key, and old versions are deleted before it is inserted.
    public func ingest(roots: [String], into db: Database) throws -> IngestReport {
        let clock = ContinuousClock.now
        let timing = ProcessInfo.processInfo.environment["KB_DEBUG_TIMING"] != nil
        func phase(_ name: String) {
            guard timing else { return }
            // Wall time since the start, and CPU time of this (the writing) thread.
            var cpu = ""
            #if os(Linux)
                var usage = rusage()
                getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD
                let seconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
                cpu = String(format: " (writer CPU %.2f s)", seconds)
            #endif
            FileHandle.standardError.write(Data("\(name): \(ContinuousClock.now - clock)\(cpu)\n".utf8))
        }
        var report = IngestReport()
        // Issues are reported in path order, whenever each was found: (file index or -1 for the walk, issue).
        var issues: [(Int, IngestIssue)] = []
        var files: [SourceFile] = []
        var rootPrefixes: [String] = []
        for root in roots {
            let (found, walkIssues) = Self.walkReporting(root: root)
            for issue in walkIssues {
                issues.append((-1, issue))
                if issue.severity == .error { report.failed += 1 }
            }
            files += found
            rootPrefixes.append(Self.display(root))
        }

        struct Existing { var id: Int64; var hash: String; var lang: String; var slug: String }
        var existing: [String: Existing] = [:]
        try db.statement("SELECT id, source_path, content_hash, lang, slug FROM articles").forEach {
            existing[$0.string(1)] = Existing(id: $0.int64(0), hash: $0.string(2), lang: $0.string(3), slug: $0.string(4))
        }
        phase("walked \(files.count) files")

        func key(_ lang: String, _ slug: String) -> String { lang + "\u{0}" + slug.lowercased() }  // slugs are case-insensitive
        let storedKeys = Set(existing.values.map { key($0.lang, $0.slug) })
        let seenPaths = Set(files.map(\.path))
        // Files that are gone (only under the roots of this run).
        var gone: [Int64] = []
        if prune {
            for (path, e) in existing where !seenPaths.contains(path) {
                if rootPrefixes.contains(where: { path == $0 || path.hasPrefix($0 == "." ? "" : $0 + "/") }) { gone.append(e.id) }
            }
        }
        let goneIDs = Set(gone)

        let hashes = existing.mapValues(\.hash)
        let parser = ArticleParser()
        let sources = files
        let pipeline = ParsePipeline(count: sources.count) { i in Self.parse(sources[i], parser: parser, existingHash: hashes[sources[i].path]) }
        defer { pipeline.stop() }

        // A larger page cache while writing: a bulk load otherwise spills pages to the WAL and writes them again.
        let cacheSize = try db.statement("PRAGMA cache_size").first { $0.int(0) } ?? -16_000
        try db.execute("PRAGMA cache_size = \(Self.ingestCacheSize)")
        defer { try? db.execute("PRAGMA cache_size = \(cacheSize)") }

        try db.transaction {
            let writer = try ArticleWriter(db)
            try writer.prepareTokenizer()
            // Articles are inserted in batches (one statement each: see `ArticleWriter.insert`), one by one when a
            // fault is injected so that it strikes after exactly that many articles.
            let batchSize = fault == nil ? Self.insertBatch : 1
            var batch: [(Article, SourceFile)] = []
            var batchTokens: [PretokenizedText] = []
            var written = 0
            func flush() throws {
                guard !batch.isEmpty else { return }
                try writer.insert(batch.map(\.0), pretokenized: batchTokens)
                for (article, file) in batch {
                    report.bytes += article.bodyMarkdown.utf8.count
                    written += 1
                    switch fault {
                    case .throwAfter(let limit)? where written >= limit:
                        throw IngestIssue(path: file.path, line: 0, message: "injected fault after \(limit) articles")
                    case .killAfter(let limit)? where written >= limit:
                        kill(getpid(), SIGKILL)
                    default: break
                    }
                    if written % 500 == 1 { progress?(IngestProgress(phase: "indexing", done: written - 1, total: files.count)) }
                }
                batch.removeAll(keepingCapacity: true)
                batchTokens.removeAll(keepingCapacity: true)
            }
            func insert(_ article: Article, from file: SourceFile, tokens: [PretokenizedText] = []) throws {
                batch.append((article, file))
                batchTokens += tokens
                if batch.count >= batchSize { try flush() }
            }
            // Keys taken by articles written in this run, and the stored keys that files kept as they are hold.
            var owner: [String: String] = [:]  // key → path
            var deferred: [(Int, Article)] = []
            var done = 0
            var waited = Duration.zero  // for KB_DEBUG_TIMING: time the writer spent waiting for parsed files
            while true {
                let asked = ContinuousClock.now
                guard let chunk = pipeline.next() else { break }
                waited += ContinuousClock.now - asked
                for (offset, result) in chunk.results.enumerated() {
                    let i = chunk.start + offset
                    let file = files[i]
                    switch result {
                    case .unchanged:
                        report.unchanged += 1
                        if let e = existing[file.path] { owner[key(e.lang, e.slug)] = file.path }
                    case .failed(let issue, let warnings):
                        issues += warnings.map { (i, $0) }
                        issues.append((i, issue))
                        report.failed += 1
                        // The stored version stays.
                        if let e = existing[file.path] { owner[key(e.lang, e.slug)] = file.path }
                    case .article(let article, let warnings, let tokens):
                        issues += warnings.map { (i, $0) }
                        let k = key(article.lang, article.slug)
                        if storedKeys.contains(k) {
                            deferred.append((i, article))  // without its tokens: memory stays bounded
                        } else if let other = owner[k] {
                            issues.append((i, Self.duplicate(article, file: file, other: other)))
                            report.failed += 1
                        } else {
                            owner[k] = file.path
                            if let e = existing[file.path] {
                                try flush()  // rows are inserted in file order, each after the deletes before it
                                try writer.delete(id: e.id)
                                report.updated += 1
                            } else {
                                report.added += 1
                            }
                            try insert(article, from: file, tokens: tokens)
                        }
                    }
                }
                done += chunk.results.count
                if written == 0 { progress?(IngestProgress(phase: "reading", done: done, total: files.count)) }
            }
            try flush()
            phase("read, parsed and inserted \(written) articles (the writer waited \(waited) for the parsers)")

            // Articles that may take a stored key: every other file's fate is known now.
            // Articles whose files were not read in this run stay (unless pruned), and so keep their keys.
            for (path, e) in existing where !seenPaths.contains(path) && !goneIDs.contains(e.id) { owner[key(e.lang, e.slug)] = path }
            var toWrite: [(Int, Article)] = []
            for (i, article) in deferred {
                let file = files[i]
                let k = key(article.lang, article.slug)
                if let other = owner[k], other != file.path {
                    issues.append((i, Self.duplicate(article, file: file, other: other)))
                    report.failed += 1
                    continue
                }
                owner[k] = file.path
                toWrite.append((i, article))
            }
            // Old versions and gone articles are deleted before these inserts, so a new version may take a slug
            // that a replaced or pruned article held (a renamed file, two files swapping slugs).
            for (i, _) in toWrite {
                if let e = existing[files[i].path] {
                    try writer.delete(id: e.id)
                    report.updated += 1
                } else {
                    report.added += 1
                }
            }
            for id in gone { try writer.delete(id: id) }
            report.removed = gone.count
            for (i, article) in toWrite { try insert(article, from: files[i]) }
            try flush()
            phase("inserted")
            if report.changed {
                progress?(IngestProgress(phase: "optimizing", done: 0, total: 1))
                try writer.finish(bulk: written > 2000)
                phase("finished (optimize)")
                progress?(IngestProgress(phase: "learning cross-language terms", done: 0, total: 1))
                try TermAligner().rebuild(db)
                phase("aligned terms")
            }
        }
        phase("committed")
        // Stable: a file's warnings stay before its error.
        report.issues = issues.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        report.seconds = Double((ContinuousClock.now - clock).components.attoseconds) / 1e18 + Double((ContinuousClock.now - clock).components.seconds)
        return report
    }

    /// Articles per insert statement.
    static let insertBatch = 128
    /// SQLite's page cache during an ingest (`PRAGMA cache_size`: negative is KiB), 64 MiB.
    static let ingestCacheSize = -65_536

    static func duplicate(_ article: Article, file: SourceFile, other: String) -> IngestIssue {
        IngestIssue(
            path: file.path, line: 1,
            message: "duplicate article \(article.lang)/\(article.slug): \(other) has the same language and slug; change the slug of one of them")
    }

    /// The path as shown and stored: as given, without a trailing slash or a leading `./`.
    static func display(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        while p.hasPrefix("./") && p.count > 2 { p.removeFirst(2) }
        return p
    }

    /// The article files under `root`, sorted by path; an issue when the root cannot be read.
    static func walk(root: String) -> ([SourceFile], IngestIssue?) {
        let (files, issues) = walkReporting(root: root)
        return (files, issues.first { $0.severity == .error })
    }

    /// The article files under `root`, sorted by path, and what the walk found wrong: an error when the root cannot
    /// be read, warnings for broken symbolic links and links that lead back into a folder being walked.
    ///
    /// Files and folders whose names start with `.` are hidden and skipped; so are files (not folders) whose names
    /// start with `_` (partials, `_redirects.txt`) and READMEs. Symbolic links are followed, to files and to folders;
    /// a folder link that leads to one of its own ancestors (a cycle) is not entered again.
    static func walkReporting(root: String) -> ([SourceFile], [IngestIssue]) {
        let base = display(root)
        var info = stat()
        guard stat(base, &info) == 0 else {
            var link = stat()
            let message = lstat(base, &link) == 0 ? "broken symbolic link: its target does not exist" : "no such file or folder"
            return ([], [IngestIssue(path: base, line: 0, message: message)])
        }
        if info.st_mode & S_IFMT != S_IFDIR {
            let name = (base as NSString).lastPathComponent
            return ([SourceFile(path: base, relative: name, url: URL(fileURLWithPath: base))], [])
        }
        // readdir with d_type: no stat per file (FileManager's enumerator costs seconds on 20k+ files); only links
        // (and file systems without d_type) are stat'ed. Each folder carries the identities of the folders above it,
        // so a link back up (`latest -> ..`) is caught the moment it would be entered.
        struct Folder {
            var relative: String
            var ancestors: [FolderID]
        }
        var files: [SourceFile] = []
        var issues: [IngestIssue] = []
        var pending = [Folder(relative: "", ancestors: [])]
        func shown(_ relative: String) -> String { base == "." ? relative : base + "/" + relative }
        while let folder = pending.popLast() {
            let dirPath = folder.relative.isEmpty ? base : base + "/" + folder.relative
            guard let dir = opendir(dirPath) else {
                if folder.relative.isEmpty { return ([], [IngestIssue(path: base, line: 0, message: "cannot read folder")]) }
                continue
            }
            defer { closedir(dir) }
            var own = stat()
            guard fstat(dirfd(dir), &own) == 0 else { continue }
            let id = FolderID(device: UInt64(own.st_dev), inode: UInt64(own.st_ino))
            if folder.ancestors.contains(id) {
                issues.append(
                    IngestIssue(
                        path: shown(folder.relative), line: 0,
                        message: "symbolic link leads back to a folder that contains it; not followed", severity: .warning))
                continue
            }
            let ancestors = folder.ancestors + [id]
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                    ptr.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                // Hidden entries (and `.`, `..`) are not content.
                if name.hasPrefix(".") { continue }
                let relative = folder.relative.isEmpty ? name : folder.relative + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    var target = stat()  // stat follows links
                    guard stat(base + "/" + relative, &target) == 0 else {
                        if type == UInt8(DT_LNK) {
                            issues.append(
                                IngestIssue(path: shown(relative), line: 0, message: "broken symbolic link: its target does not exist; skipped", severity: .warning))
                        }
                        continue
                    }
                    let format = target.st_mode & S_IFMT
                    type = format == S_IFDIR ? UInt8(DT_DIR) : (format == S_IFREG ? UInt8(DT_REG) : 0)
                }
                if type == UInt8(DT_DIR) {
                    // Folders are walked whatever their name: MDN keeps CSS pages in `_colon_hover/`.
                    pending.append(Folder(relative: relative, ancestors: ancestors))
                } else if type == UInt8(DT_REG) {
                    // `_partials.md`, `_redirects.txt` and READMEs are not articles.
                    if name.hasPrefix("_") { continue }
                    let ext = (name as NSString).pathExtension.lowercased()
                    guard extensions.contains(ext), name.lowercased() != "readme.md" else { continue }
                    let path = shown(relative)
                    files.append(SourceFile(path: path, relative: relative, url: URL(fileURLWithPath: path)))
                }
            }
        }
        files.sort { $0.path < $1.path }
        issues.sort { $0.path < $1.path }
        return (files, issues)
    }

    /// A folder's identity on disk, to recognize it when a symbolic link leads to it again.
    struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// The stored content hash: the file's bytes and the versions of everything that derives data from them.
    static func contentHash(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            for byte in raw {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
        }
        return String(format: "%016llx-%d.%d.%d", hash, ArticleParser.version, ErrorSignature.version, FTS5Tokenizer.version)
    }

    /// Reads, hashes and parses one file (`.unchanged` when its hash is the stored one).
    static func parse(_ file: SourceFile, parser: ArticleParser, existingHash: String?) -> Parsed {
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            return .failed(IngestIssue(path: file.path, line: 0, message: "cannot read file: \((error as NSError).localizedDescription)"), [])
        }
        let hash = contentHash(data)
        if existingHash == hash { return .unchanged }
        do throws(IngestIssue) {
            var (article, warnings) = try parser.parse(data: data, path: file.path, relativePath: file.relative)
            article.contentHash = hash
            return .article(article, warnings, ArticleWriter.pretokenize(article))
        } catch {
            return .failed(error, [])
        }
    }
}

/// Runs `work` for the indices `0..<count` on background threads and hands the results to one consumer in order.
///
/// Workers claim chunks of consecutive indices in order and stay at most `window` chunks ahead of the consumer, so
/// at most `window × chunkSize` results exist at a time. `stop()` (also safe after the last chunk) makes the workers
/// finish the chunk they hold and waits for them, so no work outlives the ingest that started it.
final class ParsePipeline: @unchecked Sendable {
    struct Chunk {
        /// The index of the first result.
        var start: Int
        var results: [Ingestor.Parsed]
    }

    /// The nice value of the worker threads (on Linux).
    static let workerNice: Int32 = 10

    private let condition = NSCondition()
    private let count: Int
    private let chunkSize: Int
    private let chunkCount: Int
    private let window: Int
    // Guarded by `condition`.
    private var ready: [Int: [Ingestor.Parsed]] = [:]
    private var claimed = 0
    private var consumed = 0
    private var running = 0
    private var stopped = false

    init(
        count: Int, chunkSize: Int = 32, window: Int = 32, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        work: @escaping @Sendable (Int) -> Ingestor.Parsed
    ) {
        self.count = count
        self.chunkSize = max(1, chunkSize)
        self.chunkCount = (count + self.chunkSize - 1) / self.chunkSize
        self.window = max(1, window)
        let threads = min(max(1, workers), chunkCount)
        running = threads
        for _ in 0..<threads {
            Thread.detachNewThread { [self] in self.runWorker(work) }
        }
    }

    private func runWorker(_ work: (Int) -> Ingestor.Parsed) {
        #if os(Linux)
            // The consumer (the writer) is the critical path: when cores are short, it goes first. Linux keeps a nice
            // value per thread, and `who` 0 is the calling thread.
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.workerNice)
        #endif
        while true {
            condition.lock()
            while !stopped && claimed < chunkCount && claimed - consumed >= window { condition.wait() }
            if stopped || claimed >= chunkCount {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let chunk = claimed
            claimed += 1
            condition.unlock()
            let start = chunk * chunkSize
            var results: [Ingestor.Parsed] = []
            results.reserveCapacity(chunkSize)
            for i in start..<min(count, start + chunkSize) { results.append(work(i)) }
            condition.lock()
            ready[chunk] = results
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next chunk in order, waiting for it; nil after the last one.
    func next() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        guard consumed < chunkCount else { return nil }
        while true {
            if let results = ready.removeValue(forKey: consumed) {
                let chunk = Chunk(start: consumed * chunkSize, results: results)
                consumed += 1
                condition.broadcast()
                return chunk
            }
            condition.wait()
        }
    }

    /// Stops handing out work and waits until every worker has returned.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        ready.removeAll()
        condition.unlock()
    }
}
