// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "kb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kb", targets: ["KBCommand"]),
        .library(name: "KBCore", targets: ["KBCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The system SQLite (Debian libsqlite3-dev, 3.40 with FTS5).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Embeds Migrations/*.sql into the core library at build time.
        .executableTarget(name: "KBMigrationsGen"),
        .plugin(name: "KBMigrationsPlugin", capability: .buildTool(), dependencies: ["KBMigrationsGen"], path: "Sources/KBMigrationsPlugin"),
        .target(
            name: "KBCore",
            dependencies: [
                "CSQLite",
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            plugins: ["KBMigrationsPlugin"]
        ),
        .executableTarget(
            name: "KBCommand",
            dependencies: [
                "KBCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KBCoreTests", dependencies: ["KBCore"], exclude: []),
        .testTarget(name: "KBCommandTests", dependencies: ["KBCommand", "KBCore"]),
    ],
    swiftLanguageModes: [.v6]
)
