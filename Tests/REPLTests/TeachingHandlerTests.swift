import DockerCLI
import Engine
import Foundation
@testable import REPL
import Testing

/// Collects exports in memory.
final class MemoryExportWriter: ExportFileWriter, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: String] = [:]
    var files: [String: String] { lock.withLock { stored } }
    func write(_ text: String, to path: String, force: Bool) -> Result<String, ExportMessage> {
        lock.withLock {
            let full = path.hasPrefix("/") ? path : "/start/" + path
            if stored[full] != nil && !force { return .failure(ExportMessage("\(full) already exists (add --force to replace it)")) }
            stored[full] = text
            return .success(full)
        }
    }
}

struct TeachingHandlerTests {
    func shell(writer: MemoryExportWriter) -> Shell {
        var shell = Shell()
        shell.handlers[1] = TeachingHandler(files: writer)
        return shell
    }

    func run(_ shell: inout Shell, _ lines: String...) -> [CommandResult] {
        var driver = InputDriver(shell: shell)
        var results: [CommandResult] = []
        for line in lines { results += driver.feed(line).map(\.result) }
        results += driver.finish().map(\.result)
        shell = driver.shell
        return results
    }

    let dockerfile = ["cat > Dockerfile <<EOF", "FROM alpine:3.20", "RUN echo hi > /hi", "EOF"]

    @Test func theTeachingHandlerIsInTheDefaultChainAndExplainsAreOnByDefault() {
        #expect(Shell.defaultHandlers.contains { $0 is TeachingHandler })
        #expect(Session().explainAfterBuild)
        #expect(Session().watch == nil)
        #expect(CommandCatalog.standard.entry(named: "explain") != nil)
        #expect(CommandCatalog.standard.entry(named: "watch") != nil)
    }

    @Test func setExplainAndWidthChangeTheSession() {
        var shell = Shell()
        _ = shell.run(line: "set explain off")
        #expect(!shell.session.explainAfterBuild)
        _ = shell.run(line: "set explain on")
        #expect(shell.session.explainAfterBuild)
        _ = shell.run(line: "set width 42")
        #expect(shell.session.terminal.width == 42)
        #expect(shell.run(line: "set width 9").exitStatus == 2)
    }

    /// Found by the session fuzzer: the classic builder's "banner first" mark outlived the
    /// banner that watch mode removes, pointing past the end of standard error.
    @Test func aClassicBuildInWatchModeKeepsNoStaleStreamMarks() {
        var s = shell(writer: MemoryExportWriter())
        _ = run(&s, dockerfile[0], dockerfile[1], dockerfile[2], dockerfile[3])
        _ = run(&s, "watch on")
        let build = s.run(line: "DOCKER_BUILDKIT=0 docker build -t w3 .")
        #expect(build.stdout.hasPrefix("Layer stack of w3:latest"))
        #expect(build.stderr == "")
        for mark in build.marks {
            #expect(mark.end <= (mark.toStderr ? build.stderr : build.stdout).utf8.count)
        }
        #expect(build.inTerminalOrder.map(\.text).joined() == build.stdout)
    }

    @Test func watchRebuildsOnWorkspaceEditsAndStopsWhenOff() {
        let writer = MemoryExportWriter()
        var s = shell(writer: writer)
        _ = run(&s, "watch on -t w")
        let built = run(&s, dockerfile[0], dockerfile[1], dockerfile[2], dockerfile[3])
        #expect(built.last?.stdout.contains("Layer stack of w:latest") == true)
        #expect(s.session.engine.lastBuild?.succeeded == true)
        let again = run(&s, "echo x > unrelated.txt")
        #expect(again.last?.stdout.contains("= RUN echo hi > /hi") == true)
        _ = run(&s, "watch off")
        let quiet = run(&s, "echo y > unrelated.txt")
        #expect(quiet.last?.stdout == "")
        // A command no handler takes still reports "command not found" in watch mode.
        _ = run(&s, "watch on")
        #expect(s.run(line: "frobnicate").exitStatus == 127)
        // Other commands go through the rest of the chain unchanged.
        #expect(s.run(line: "docker images").stdout.contains("w            latest"))
        // A build run by another command shows only the picture in watch mode.
        let build = s.run(line: "docker build -t w2 .")
        #expect(build.stdout.hasPrefix("Layer stack of w2:latest"))
        #expect(!build.stdout.contains("Cache advice"))
        #expect(build.stderr == "")
        #expect(s.run(line: "pwd").stdout == "/app\n")
    }

    @Test func exportWritesSvgAndHtmlAndNeedsForceToReplace() throws {
        let writer = MemoryExportWriter()
        var s = shell(writer: writer)
        _ = run(&s, "watch on -t w", dockerfile[0], dockerfile[1], dockerfile[2], dockerfile[3])
        let svg = s.run(line: "export svg out.svg")
        #expect(svg.exitStatus == 0)
        #expect(svg.stdout.hasPrefix("Wrote /start/out.svg (SVG, "))
        #expect(writer.files["/start/out.svg"]?.contains("<svg") == true)
        let again = s.run(line: "export svg out.svg")
        #expect(again.exitStatus == 1)
        #expect(again.stderr.contains("--force"))
        #expect(s.run(line: "export svg out.svg --force").exitStatus == 0)
        #expect(s.run(line: "export html page.html").exitStatus == 0)
        #expect(writer.files["/start/page.html"]?.contains("<!DOCTYPE html>") == true)
        #expect(s.run(line: "export svg img.svg w").exitStatus == 0)
        #expect(writer.files["/start/img.svg"]?.contains("Layers of w:latest") == true)
        #expect(s.run(line: "export svg img.svg nope").stderr == "export: No such image: nope\n")
    }

    @Test func theSystemWriterUsesTheStartDirectoryAndRefusesToOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dockyard-export-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = SystemExportFileWriter(base: dir.path)
        let path = try writer.write("one", to: "a.svg", force: false).get()
        #expect(path == dir.appendingPathComponent("a.svg").standardizedFileURL.path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        #expect((try? writer.write("two", to: "a.svg", force: false).get()) == nil)
        _ = try writer.write("two", to: "a.svg", force: true).get()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect((try? writer.write("x", to: dir.path, force: true).get()) == nil)
    }

    @Test func narrowTerminalsNeverCrashTheViews() {
        for width in [1, 10, 30, 59] {
            var s = Shell()
            s.session.terminal.width = width
            _ = run(&s, "watch on -t n", dockerfile[0], dockerfile[1], dockerfile[2], dockerfile[3])
            #expect(s.run(line: "explain").exitStatus == 0)
            #expect(s.run(line: "explain 2").exitStatus == 0)
            #expect(s.run(line: "layers n").exitStatus == 0)
            #expect(s.run(line: "compare n n").exitStatus == 0)
        }
    }
}
