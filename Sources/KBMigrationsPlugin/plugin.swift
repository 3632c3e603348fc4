import Foundation
import PackagePlugin

/// Embeds the package's top-level `Migrations/*.sql` into the target as Swift source,
/// so the schema's single source of truth is the folder and the binary needs no resource files.
@main
struct KBMigrationsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Migrations")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let inputs = names.filter { $0.hasSuffix(".sql") }.sorted().map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) migrations",
                executable: try context.tool(named: "KBMigrationsGen").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs + [folder],
                outputFiles: [output]
            )
        ]
    }
}
