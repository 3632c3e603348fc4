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
        case article(Article, [IngestIssue])
        case failed(IngestIssue, [IngestIssue])
    }

    /// Ingests the files under `roots` (folders or single files) into `db` (a writer with the schema migrated).
    public func ingest(roots: [String], into db: Database) throws -> IngestReport {
        let clock = ContinuousClock.now
        let timing = ProcessInfo.processInfo.environment["KB_DEBUG_TIMING"] != nil
        func phase(_ name: String) {
            if timing { FileHandle.standardError.write(Data("\(name): \(ContinuousClock.now - clock)\n".utf8)) }
        }
        var report = IngestReport()
        var files: [SourceFile] = []
        var rootPrefixes: [String] = []
        for root in roots {
            let (found, issue) = Self.walk(root: root)
            if let issue {
                report.issues.append(issue)
                report.failed += 1
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
        // Read, hash and parse in parallel; the database work below is sequential.
        let parsed = Self.parseAll(files, existingHashes: existing.mapValues(\.hash), progress: progress)
        phase("parsed")

        // Resolve (lang, slug) conflicts: articles kept as they are claim their keys first, then files in path order.
        var owner: [String: String] = [:]  // "lang\u{0}slug" (case-folded) → path
        func key(_ lang: String, _ slug: String) -> String { lang + "\u{0}" + slug.lowercased() }
        var seenPaths = Set<String>()
        for (file, result) in zip(files, parsed) {
            seenPaths.insert(file.path)
            switch result {
            case .unchanged, .failed:  // the stored version stays
                if let e = existing[file.path] { owner[key(e.lang, e.slug)] = file.path }
            case .article: break
            }
        }
        // Files that are gone (only under the roots of this run).
        var gone: [Int64] = []
        if prune {
            for (path, e) in existing where !seenPaths.contains(path) {
                if rootPrefixes.contains(where: { path == $0 || path.hasPrefix($0 == "." ? "" : $0 + "/") }) { gone.append(e.id) }
            }
        }
        // Articles whose files were not read in this run stay (unless pruned), and so keep their keys.
        let goneIDs = Set(gone)
        for (path, e) in existing where !seenPaths.contains(path) && !goneIDs.contains(e.id) { owner[key(e.lang, e.slug)] = path }
        var toWrite: [(SourceFile, Article)] = []
        for (file, result) in zip(files, parsed) {
            switch result {
            case .unchanged:
                report.unchanged += 1
            case .failed(let issue, let warnings):
                report.issues += warnings
                report.issues.append(issue)
                report.failed += 1
            case .article(let article, let warnings):
                report.issues += warnings
                let k = key(article.lang, article.slug)
                if let other = owner[k], other != file.path {
                    report.issues.append(
                        IngestIssue(path: file.path, line: 1, message: "duplicate article \(article.lang)/\(article.slug): \(other) has the same language and slug; change the slug of one of them"))
                    report.failed += 1
                    continue
                }
                owner[k] = file.path
                toWrite.append((file, article))
            }
        }

        try db.transaction {
            let writer = try ArticleWriter(db)
            try writer.prepareTokenizer()
            // Old versions and gone articles are deleted before any insert, so a new version may take a slug
            // that a replaced or pruned article held (a renamed file, two files swapping slugs).
            for (file, _) in toWrite {
                if let e = existing[file.path] {
                    try writer.delete(id: e.id)
                    report.updated += 1
                } else {
                    report.added += 1
                }
            }
            for id in gone { try writer.delete(id: id) }
            report.removed = gone.count
            for (n, (file, article)) in toWrite.enumerated() {
                try writer.insert(article)
                switch fault {
                case .throwAfter(let limit)? where n + 1 >= limit:
                    throw IngestIssue(path: file.path, line: 0, message: "injected fault after \(limit) articles")
                case .killAfter(let limit)? where n + 1 >= limit:
                    kill(getpid(), SIGKILL)
                default: break
                }
                if n % 500 == 0 { progress?(IngestProgress(phase: "indexing", done: n, total: toWrite.count)) }
            }
            phase("inserted")
            if report.changed {
                try writer.finish(bulk: toWrite.count > 2000)
                phase("finished (optimize)")
                progress?(IngestProgress(phase: "learning cross-language terms", done: 0, total: 1))
                try TermAligner().rebuild(db)
                phase("aligned terms")
            }
        }
        phase("committed")
        report.bytes = toWrite.reduce(0) { $0 + $1.1.bodyMarkdown.utf8.count }
        report.seconds = Double((ContinuousClock.now - clock).components.attoseconds) / 1e18 + Double((ContinuousClock.now - clock).components.seconds)
        return report
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
        let fm = FileManager.default
        let base = display(root)
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: base, isDirectory: &isDir) else {
            return ([], IngestIssue(path: base, line: 0, message: "no such file or folder"))
        }
        if !isDir.boolValue {
            let name = (base as NSString).lastPathComponent
            return ([SourceFile(path: base, relative: name, url: URL(fileURLWithPath: base))], nil)
        }
        // readdir with d_type: no stat per file (FileManager's enumerator costs seconds on 20k+ files).
        var files: [SourceFile] = []
        var pending: [String] = [""]
        let rootPath = base
        while let relativeDir = pending.popLast() {
            let dirPath = relativeDir.isEmpty ? rootPath : rootPath + "/" + relativeDir
            guard let dir = opendir(dirPath) else {
                if relativeDir.isEmpty { return ([], IngestIssue(path: base, line: 0, message: "cannot read folder")) }
                continue
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                    ptr.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                // Hidden files, `_partials`, `_redirects.txt` and READMEs are not articles.
                if name.hasPrefix(".") || name.hasPrefix("_") { continue }
                let relative = relativeDir.isEmpty ? name : relativeDir + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    var info = stat()
                    guard stat(rootPath + "/" + relative, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0)
                }
                if type == UInt8(DT_DIR) {
                    pending.append(relative)
                } else if type == UInt8(DT_REG) {
                    let ext = (name as NSString).pathExtension.lowercased()
                    guard extensions.contains(ext), name.lowercased() != "readme.md" else { continue }
                    let path = base == "." ? relative : base + "/" + relative
                    files.append(SourceFile(path: path, relative: relative, url: URL(fileURLWithPath: path)))
                }
            }
        }
        files.sort { $0.path < $1.path }
        return (files, nil)
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

    static func parseAll(_ files: [SourceFile], existingHashes: [String: String], progress: (@Sendable (IngestProgress) -> Void)?) -> [Parsed] {
        let results = UnsafeMutableBufferPointer<Parsed>.allocate(capacity: files.count)
        results.initialize(repeating: .unchanged)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        let parser = ArticleParser()
        let chunk = 64
        let chunks = (files.count + chunk - 1) / chunk
        let counter = ProgressCounter()
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(files.count, (c + 1) * chunk) {
                let file = files[i]
                let data: Data
                do {
                    data = try Data(contentsOf: file.url)
                } catch {
                    out[i] = .failed(IngestIssue(path: file.path, line: 0, message: "cannot read file: \((error as NSError).localizedDescription)"), [])
                    continue
                }
                let hash = contentHash(data)
                if existingHashes[file.path] == hash {
                    out[i] = .unchanged
                    continue
                }
                do throws(IngestIssue) {
                    var (article, warnings) = try parser.parse(data: data, path: file.path, relativePath: file.relative)
                    article.contentHash = hash
                    out[i] = .article(article, warnings)
                } catch {
                    out[i] = .failed(error, [])
                }
            }
            let done = counter.add(chunk)
            if let progress, c % 8 == 0 { progress(IngestProgress(phase: "reading", done: min(done, files.count), total: files.count)) }
        }
        return Array(results)
    }
}

/// A thread-safe counter for progress reports from concurrent work.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += n
        return value
    }
}
