import Foundation
import Testing

/// The real executable in script mode (stdin not a terminal, or a FILE argument).
@Suite(.serialized)
struct ScriptModeTests {
    @Test func stdinScriptPrintsOnlyCommandOutput() throws {
        let run = try DockyardBinary.run([], stdin: "echo hi > f\ncat f\n# comment\npwd\n")
        #expect(run.stdout == "hi\n/app\n")
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func errorsGoToStderrAndTheStatusIsNonZero() throws {
        let run = try DockyardBinary.run([], stdin: "cat nope\npwd\n")
        #expect(run.stdout == "/app\n")
        #expect(run.stderr == "cat: nope: No such file or directory\n")
        #expect(run.status == 1)
    }

    @Test func strictStopsAtTheFirstFailingLine() throws {
        let run = try DockyardBinary.run(["--strict"], stdin: "pwd\ncat nope\npwd\n")
        #expect(run.stdout == "/app\n")
        #expect(run.status == 1)
    }

    @Test func echoShowsPromptsLikeATerminalSession() throws {
        let run = try DockyardBinary.run(["--echo", "--clock", "fixed"], stdin: "mkdir src\ncd src\ncat > a <<EOF\nx\nEOF\nls -l\n")
        #expect(run.stdout == """
            dockyard:/app> mkdir src
            dockyard:/app> cd src
            dockyard:/app/src> cat > a <<EOF
            > x
            > EOF
            dockyard:/app/src> ls -l
            total 4
            -rw-r--r-- 1 root root 2 Jan 15 09:00 a

            """)
    }

    @Test func aScriptFileRunsAndExits() throws {
        let path = NSTemporaryDirectory() + "dockyard-script-\(getpid()).dy"
        try "touch a b\nls\nexit 7\nls\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try DockyardBinary.run([path])
        #expect(run.stdout == "a  b\n")
        #expect(run.status == 7)
    }

    @Test func aMissingScriptFileIsReported() throws {
        let run = try DockyardBinary.run(["/nonexistent/script.dy"])
        #expect(run.stderr == "dockyard: /nonexistent/script.dy: No such file or directory\n")
        #expect(run.status == 127)
    }

    @Test func aDirectoryIsNotAScript() throws {
        let run = try DockyardBinary.run([NSTemporaryDirectory()])
        #expect(run.stderr == "dockyard: \(NSTemporaryDirectory()): Is a directory\n")
        #expect(run.status == 126)
    }

    @Test func garbageOnStdinDoesNotStopTheScript() throws {
        var bytes = Data([0x00, 0xFF, 0x0A])
        bytes.append(Data("pwd\n".utf8))
        let run = try DockyardBinary.run([], stdinBytes: bytes)
        #expect(run.stdout == "/app\n")
        #expect(run.stderr == "dockyard: line 1: input contains binary data (control character 0x00); line ignored\n")
    }

    @Test func versionAndHelp() throws {
        #expect(try DockyardBinary.run(["--version"]).stdout == "0.1.0\n")
        let help = try DockyardBinary.run(["--help"])
        #expect(help.stdout.contains("dockyard [FILE]"))
        #expect(help.status == 0)
    }

    @Test func nothingIsWrittenToTheStateDirectoryInScriptMode() throws {
        let state = NSTemporaryDirectory() + "dockyard-state-untouched-\(getpid())"
        _ = try DockyardBinary.run([], stdin: "echo x > f\n", environment: ["XDG_STATE_HOME": state])
        #expect(!FileManager.default.fileExists(atPath: state))
    }
}
