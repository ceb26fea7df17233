import Dockerfile
@testable import Engine
import Testing

/// A deterministic stand-in for the simulated shell: every command writes one file
/// (`/var/log/run/<hash>.log` holding the command), `pip3 install X` writes a synthetic
/// package, `rm /path` deletes, and `false` / `exit N` fail. Enough to make layers real and
/// cache tests honest.
struct RecordingShell: CommandSimulator {
    func run(_ invocation: ShellInvocation, on filesystem: FileTree) -> ShellOutcome {
        let command = invocation.argv.last ?? ""
        if command == "false" { return ShellOutcome(exitCode: 1, output: [], filesystem: filesystem, duration: 0.2) }
        if command.hasPrefix("exit "), let code = Int32(command.dropFirst(5)) {
            return ShellOutcome(exitCode: code, output: [], filesystem: filesystem, duration: 0.1)
        }
        var fs = filesystem
        var output = ["ran: \(command)"]
        if command.hasPrefix("rm ") {
            for path in command.split(separator: " ").dropFirst() where path.hasPrefix("/") { fs.remove(String(path)) }
            return ShellOutcome(exitCode: 0, output: output, filesystem: fs, duration: 0.1)
        }
        fs.set("/var/log/run/" + Digest.sha256(command).short + ".log", .file(.text(command + "\n")))
        let words = command.split(separator: " ")
        if let o = words.firstIndex(of: "-o"), o + 1 < words.count {
            fs.set(FileTree.normalize(String(words[o + 1]), cwd: invocation.workingDirectory), .file(.synthetic(size: 2_000_000, seed: command), mode: 0o755))
        }
        if command.hasPrefix("pip3 install ") || command.hasPrefix("pip install ") {
            for package in command.split(separator: " ").dropFirst(2) where !package.hasPrefix("-") {
                fs.set("/usr/local/lib/python3.13/site-packages/\(package)/__init__.py", .file(.synthetic(size: 250_000, seed: "pkg-\(package)")))
                output.append("Successfully installed \(package)")
            }
        }
        return ShellOutcome(exitCode: 0, output: output, filesystem: fs, duration: 1.5)
    }
}

/// A workspace made of text files.
func workspace(_ files: [String: String]) -> FileTree {
    var tree = FileTree()
    for (path, text) in files { tree.set(path.hasPrefix("/") ? path : "/" + path, .file(.text(text))) }
    return tree
}

/// Runs `docker build` on `dockerfile` with the workspace `files` (the Dockerfile is added to
/// the workspace as `Dockerfile`, as it would be on disk), checking invariants afterwards.
@discardableResult
func build(_ state: inout EngineState, _ dockerfile: String, files: [String: String], builder: BuilderKind, tags: [String] = ["app:latest"], noCache: Bool = false, buildArgs: [String: String] = [:], target: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildResult {
    let document = try parseDockerfile(dockerfile)
    var all = files
    all["Dockerfile"] = dockerfile
    let context = BuildContext(workspace: workspace(all))
    let options = BuildOptions(builder: builder, tags: tags, noCache: noCache, buildArgs: buildArgs.sorted { $0.key < $1.key }.map { BuildArg(name: $0.key, value: $0.value) }, target: target)
    let result = state.build(document, dockerfileSize: Int64(dockerfile.utf8.count), context: context, options: options, shell: RecordingShell())
    #expect(state.checkInvariants() == [], sourceLocation: sourceLocation)
    return result
}

extension BuildResult {
    /// Real steps of the builder (BuildKit vertices except FROM; classic numbered steps
    /// except FROM), as `(text, cached)`.
    var summary: [(String, Bool)] {
        steps.compactMap { step in
            switch builder {
            case .buildKit:
                guard step.vertexIndex != nil, !step.hidden, step.kind != .from else { return nil }
                return (step.vertexText ?? "", step.cached)
            case .classic:
                guard step.classicNumber != nil, step.kind != .from, step.kind != .globalArg else { return nil }
                return (step.classicText ?? "", step.cached)
            }
        }
    }

    /// Texts of cached steps.
    var cachedTexts: [String] { summary.filter(\.1).map(\.0) }
    /// Texts of rebuilt steps.
    var rebuiltTexts: [String] { summary.filter { !$0.1 }.map(\.0) }

    func step(_ text: String) -> BuildStep? {
        steps.first { $0.vertexText == text || $0.classicText == text }
    }
}

/// The image a build produced.
func builtImage(_ state: EngineState, _ result: BuildResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> Image {
    let id = try #require(result.imageID, sourceLocation: sourceLocation)
    return try #require(state.images.images[id], sourceLocation: sourceLocation)
}
