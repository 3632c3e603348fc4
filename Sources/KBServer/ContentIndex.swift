import Foundation
import KBCore
import Logging

/// Keeps a database in step with its content folder before serving: `kb serve` ingests first when the database is
/// missing or older than the newest file in the folder.
public enum ContentIndex {
    /// True when `database` does not exist, or when a file or folder under `content` changed after the database last
    /// did (its `-wal` file counts: in WAL mode a commit may not touch the main file).
    public static func isStale(database: String, content: String) -> Bool {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: database) else { return true }
        let indexed = [database, database + "-wal"].compactMap { modificationDate($0) }.max() ?? .distantPast
        guard let newest = newestModification(under: content) else { return false }
        return newest > indexed
    }

    /// Ingests `content` into `database` when it is stale (pruning articles whose files are gone); nil when it was not.
    public static func refreshIfStale(database: String, content: String, logger: Logger) throws -> IngestReport? {
        guard FileManager.default.fileExists(atPath: content) else { return nil }
        guard isStale(database: database, content: content) else { return nil }
        let exists = FileManager.default.fileExists(atPath: database)
        logger.notice(
            exists ? "\(database) is older than \(content); ingesting the changes" : "\(database) does not exist yet; indexing \(content)")
        let writer = try Store.openWriter(path: database)
        let report = try Ingestor(prune: true).ingest(roots: [content], into: writer)
        for issue in report.issues {
            logger.warning("\(issue.description)")
        }
        logger.notice("\(report.summary)")
        return report
    }

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// The newest modification date of the folder itself, its subfolders and its article files.
    static func newestModification(under root: String) -> Date? {
        var newest = modificationDate(root)
        let url = URL(fileURLWithPath: root, isDirectory: true)
        guard
            let enumerator = FileManager.default.enumerator(
                at: url, includingPropertiesForKeys: [.contentModificationDateKey, .isDirectoryKey], options: [.skipsHiddenFiles])
        else { return newest }
        for case let item as URL in enumerator {
            guard let values = try? item.resourceValues(forKeys: [.contentModificationDateKey, .isDirectoryKey]) else { continue }
            let isArticle = Ingestor.extensions.contains(item.pathExtension.lowercased())
            guard values.isDirectory == true || isArticle, let date = values.contentModificationDate else { continue }
            if newest.map({ date > $0 }) ?? true { newest = date }
        }
        return newest
    }
}
