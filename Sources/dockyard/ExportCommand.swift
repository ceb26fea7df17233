import ArgumentParser
import Engine
import Foundation
import REPL

/// `dockyard export svg|html FILE`: the layer picture as a real file, without a REPL.
///
/// A fresh process has no build, so the command first makes one: `--context DIR` builds the
/// Dockerfile of a real folder (copied into the simulated workspace), and/or `--script FILE`
/// runs REPL lines (the same as `dockyard FILE`, on the fixed clock). The picture is the last
/// build's layer stack, or with `--image NAME` that image's layers.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the layer-stack picture of a build (or an image's layers) as SVG or HTML.",
        discussion: """
            Examples:
              dockyard export svg stack.svg --context ./myapp
              dockyard export html stack.html --script build.txt --force
              dockyard export svg layers.svg --script build.txt --image app:latest
            --script runs REPL lines first (as 'dockyard FILE' does), e.g. a file with
            'cat > Dockerfile <<EOF' ... 'EOF' and 'watch on -t app' (or 'docker build -t app .').
            --context copies a real folder (at most 20000 files, 64 MB) into the workspace and
            builds its Dockerfile with BuildKit. An existing FILE is replaced only with --force.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case svg, html }

    @Argument(help: "svg or html.") var format: Format
    @Argument(help: "The file to write (relative to the current directory).") var file: String
    @Option(name: .long, help: "A script of REPL lines to run first.") var script: String?
    @Option(name: .long, help: "A real folder with a Dockerfile to build first.") var context: String?
    @Option(name: .customLong("tag"), help: "Tag for the --context build (default: the folder name).") var tag: String?
    @Option(name: .long, help: "Draw this image's layers instead of the last build.") var image: String?
    @Flag(name: .long, help: "Replace FILE if it exists.") var force = false

    func run() throws {
        var shell = Shell(session: Session(clock: SimulatedClock(mode: .fixed)))
        if let script {
            guard let data = FileManager.default.contents(atPath: script) else {
                throw ValidationError("cannot read script \(script)")
            }
            var driver = InputDriver(shell: shell, strict: true, numbersInputErrors: true)
            var outputs: [InputDriver.Output] = []
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                if driver.stopped { break }
                outputs += driver.feed(String(line))
            }
            outputs += driver.finish()
            for output in outputs where !output.result.succeeded {
                FileHandle.standardError.write(Data(output.result.stderr.utf8))
            }
            if driver.failures > 0 { throw ExitCode.failure }
            shell = driver.shell
        }
        if let context {
            try loadContext(context, into: &shell.session)
            var settings = WatchSettings()
            settings.tags = [tag ?? defaultTag(context)]
            shell.session.watch = settings
            let text = TeachingHandler.rebuild(session: &shell.session)
            shell.session.watch = nil
            if shell.session.engine.lastBuild?.succeeded != true {
                FileHandle.standardError.write(Data(text.utf8))
                throw ExitCode.failure
            }
        }
        let rendered: String
        switch TeachingHandler.render(format: format.rawValue, image: image, engine: shell.session.engine) {
        case .success(let text): rendered = text
        case .failure(let error):
            FileHandle.standardError.write(Data("dockyard export: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        switch SystemExportFileWriter().write(rendered, to: file, force: force) {
        case .success(let path):
            print("Wrote \(path) (\(format.rawValue.uppercased()), \(rendered.utf8.count) bytes).")
        case .failure(let error):
            FileHandle.standardError.write(Data("dockyard export: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }

    func defaultTag(_ folder: String) -> String {
        let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent.lowercased()
        let cleaned = String(name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        return cleaned.isEmpty ? "export:latest" : cleaned + ":latest"
    }

    /// Copies a real folder into the session's working directory (`/app`).
    func loadContext(_ folder: String, into session: inout Session) throws {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey, .isRegularFileKey]) else {
            throw ValidationError("cannot read folder \(folder)")
        }
        var count = 0
        var bytes = 0
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count))
            guard !relative.isEmpty else { continue }
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey])
            let target = session.cwd + (relative.hasPrefix("/") ? relative : "/" + relative)
            if values?.isDirectory == true {
                if url.lastPathComponent == ".git" { walker.skipDescendants(); continue }
                session.workspace.set(target, .directory())
            } else if values?.isRegularFile == true, let data = FileManager.default.contents(atPath: url.path) {
                count += 1
                bytes += data.count
                guard count <= 20_000, bytes <= 64 << 20 else { throw ValidationError("the folder is too large (at most 20000 files, 64 MB)") }
                session.workspace.set(target, .file(.bytes(Array(data))))
            }
        }
        guard session.workspace[session.cwd + "/Dockerfile"] != nil else { throw ValidationError("\(folder) has no Dockerfile") }
    }
}
