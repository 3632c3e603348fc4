import Foundation

/// Files of the project, found from this file's path (Tests/KBCommandTests/Support/ProjectFiles.swift).
enum ProjectFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
    static let readme = url("README.md")
    static var hasReadme: Bool { FileManager.default.fileExists(atPath: readme.path) }
}
