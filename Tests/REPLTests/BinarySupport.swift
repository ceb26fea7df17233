import Foundation

/// Finds and runs the built `dockyard` executable (built by `swift test` with the tests).
enum DockyardBinary {
    static var url: URL? {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: first).deletingLastPathComponent()
            if dir.lastPathComponent.hasSuffix(".xctest") || dir.path.contains(".xctest/") {
                while dir.path.contains(".xctest") { dir.deleteLastPathComponent() }
            }
            candidates.append(dir.appendingPathComponent("dockyard"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/dockyard"))
        candidates.append(root.appendingPathComponent(".build/release/dockyard"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs dockyard with `arguments`, `stdin` as its standard input, and an isolated state
    /// directory.
    static func run(_ arguments: [String], stdin: String = "", stdinBytes: Data? = nil, environment: [String: String] = [:]) throws -> Run {
        guard let url else { throw BinaryMissing() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = NSTemporaryDirectory() + "dockyard-test-state-\(getpid())"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(stdinBytes ?? Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self), status: process.terminationStatus)
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String { "the dockyard executable was not found next to the tests or in .build/debug; run `swift build` first" }
    }
}
