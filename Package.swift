// swift-tools-version:6.0
import PackageDescription

// Module layering (see README "Architecture"): Dockerfile and ImageReference know nothing
// of each other; Engine builds on both; DockerCLI renders Engine state in Docker's formats;
// Lessons and REPL sit on top; the executable only parses arguments and wires things up.
let package = Package(
    name: "Dockyard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dockyard", targets: ["dockyard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "CLineEdit",
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        .target(name: "Dockerfile"),
        .target(name: "ImageReference"),
        .target(name: "Engine", dependencies: ["Dockerfile", "ImageReference"]),
        .target(
            name: "DockerCLI",
            dependencies: [
                "Engine", "Dockerfile", "ImageReference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "Lessons", dependencies: ["Engine", "DockerCLI"]),
        .target(name: "REPL", dependencies: ["CLineEdit", "Dockerfile", "ImageReference", "Engine", "DockerCLI", "Lessons"]),
        .executableTarget(
            name: "dockyard",
            dependencies: [
                "REPL", "Dockerfile", "ImageReference", "Engine", "DockerCLI", "Lessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "DockyardTesting", dependencies: ["REPL"]),
        .testTarget(name: "DockerfileTests", dependencies: ["Dockerfile", "DockyardTesting"]),
        .testTarget(name: "ImageReferenceTests", dependencies: ["ImageReference", "DockyardTesting"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "DockyardTesting"]),
        .testTarget(name: "ShellTests", dependencies: ["Engine"]),
        .testTarget(name: "DockerCLITests", dependencies: ["DockerCLI", "DockyardTesting"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "DockyardTesting"]),
        .testTarget(
            name: "REPLTests",
            dependencies: ["REPL", "DockyardTesting"],
            resources: [.copy("Transcripts")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
