import Foundation

/// Test fixtures under Tests/Fixtures, found from this file's path.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
    static func string(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }
    /// The project's root folder.
    static let projectRoot = root.deletingLastPathComponent().deletingLastPathComponent()
}
