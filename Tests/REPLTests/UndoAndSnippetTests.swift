import DockerCLI
import Engine
import Testing
@testable import REPL

@Suite struct UndoTests {
    @Test func commandsThatChangeNothingLeaveNoUndoEntry() {
        var shell = Shell()
        _ = shell.run(line: "pwd")
        _ = shell.run(line: "ls")
        _ = shell.run(line: "docker images")
        _ = shell.run(line: "help")
        #expect(shell.undoStack.isEmpty)
        let r = shell.run(line: "undo")
        #expect(r.stderr == "dockyard: nothing to undo\n")
        #expect(r.exitStatus == 1)
    }

    @Test func undoAndRedoRestoreWorkspaceAndEngine() {
        var shell = Shell()
        _ = shell.run(line: "echo 'FROM alpine:3.20' > Dockerfile")
        let afterWrite = shell.session
        _ = shell.run(line: "docker build -t a .")
        let afterBuild = shell.session
        #expect(shell.undoStack.count == 2)
        #expect(shell.run(line: "undo").stdout == "Undone: docker build -t a .\n")
        #expect(shell.session.engine == afterWrite.engine)
        #expect(shell.session.workspace == afterWrite.workspace)
        #expect(shell.run(line: "redo").stdout == "Redone: docker build -t a .\n")
        #expect(shell.session.engine == afterBuild.engine)
        // History keeps what was typed, undo and redo included.
        #expect(shell.session.history.suffix(2) == ["undo", "redo"])
    }

    @Test func aNewChangeClearsRedo() {
        var shell = Shell()
        _ = shell.run(line: "touch a")
        _ = shell.run(line: "undo")
        _ = shell.run(line: "touch b")
        #expect(shell.run(line: "redo").stderr == "dockyard: nothing to redo\n")
    }

    @Test func theUndoStackIsCapped() {
        var shell = Shell()
        for i in 0..<(Shell.undoLimit + 5) { _ = shell.run(line: "touch f\(i)") }
        #expect(shell.undoStack.count == Shell.undoLimit)
        for _ in 0..<Shell.undoLimit { _ = shell.run(line: "undo") }
        // The oldest changes fell off: f0..f4 stay.
        #expect(shell.session.workspace["/app/f4"] != nil)
        #expect(shell.session.workspace["/app/f5"] == nil)
        #expect(shell.run(line: "undo").exitStatus == 1)
    }
}

@Suite struct SnippetTests {
    func entry(_ text: String) -> InputEntry {
        InputEntry(kind: .dockerfile, text: text, line: 1, source: text)
    }

    @Test func anInstructionIsAppendedAndBuilt() {
        var shell = Shell()
        let from = shell.run(entry("FROM alpine:3.20"))
        #expect(from.succeeded, "\(from.stderr)")
        let run = shell.run(entry("RUN echo hi > /hi"))
        #expect(run.stdout.hasPrefix("Dockerfile: line 2 added. Building: docker build -t dockyard-snippet .\n"))
        #expect(DockerfileWorkspace.text(shell.session) == "FROM alpine:3.20\nRUN echo hi > /hi\n")
        #expect(shell.session.engine.images.resolve("dockyard-snippet") == shell.session.engine.lastBuild?.imageID)
        let cmd = shell.run(entry("CMD [\"cat\", \"/hi\"]"))
        #expect(cmd.stderr.contains("CACHED [2/2] RUN echo hi > /hi"))
        #expect(cmd.stderr.hasSuffix("CMD changes only the image config: BuildKit shows no step and adds no layer for it; the new image is \(shell.session.engine.lastBuild?.imageID?.short ?? "?").\n"))
    }

    @Test func aLineThatDoesNotParseLeavesTheFileAlone() {
        var shell = Shell()
        _ = shell.run(entry("FROM alpine:3.20"))
        let before = shell.session.workspace
        let bad = shell.run(entry("COPY onlyone"))
        #expect(bad.exitStatus == 1)
        #expect(bad.stderr.contains("COPY requires at least two arguments"))
        #expect(shell.session.workspace == before)
    }

    /// Found by the session fuzzer (a line of 9,000 blanks took half a second in release):
    /// blanks around an instruction are trimmed in one pass, and a keyword with nothing
    /// after it is still the parser's error.
    @Test func anInstructionWithThousandsOfTrailingBlanksIsAParseError() {
        var shell = Shell()
        _ = shell.run(entry("FROM alpine:3.20"))
        let before = shell.session.workspace
        let bad = shell.run(entry("\t RUN" + String(repeating: " ", count: 3000) + "\t"))
        #expect(bad.exitStatus == 1)
        #expect(bad.stderr.contains("RUN requires at least one argument"))
        #expect(shell.session.workspace == before)
        let good = shell.run(entry("  RUN echo hi" + String(repeating: " ", count: 3000)))
        #expect(good.succeeded)
        #expect(DockerfileWorkspace.text(shell.session)?.contains("RUN echo hi") == true)
    }

    @Test func aPastedDockerfileReplacesTheFile() {
        var shell = Shell()
        _ = shell.run(entry("FROM alpine:3.20"))
        _ = shell.run(entry("RUN echo one"))
        _ = shell.run(entry("FROM busybox\nRUN echo two"))
        #expect(DockerfileWorkspace.text(shell.session) == "FROM busybox\nRUN echo two\n")
    }

    @Test func dockerfileEditsByLineNumber() {
        var shell = Shell()
        _ = shell.run(entry("FROM alpine:3.20"))
        _ = shell.run(entry("RUN echo one \\\n    two"))
        #expect(shell.run(line: "dockerfile").stdout == "1  FROM alpine:3.20\n2  RUN echo one \\\n3      two\n")
        // Line 3 belongs to the instruction on lines 2-3: replace takes the whole of it.
        let r = shell.run(line: "dockerfile replace 3 RUN echo [\"x\"]")
        #expect(r.stdout.hasPrefix("Dockerfile: lines 2-3 replaced."))
        #expect(DockerfileWorkspace.text(shell.session) == "FROM alpine:3.20\nRUN echo [\"x\"]\n")
        #expect(shell.run(line: "dockerfile insert 2 ENV A=1").succeeded)
        #expect(shell.run(line: "dockerfile delete 1").exitStatus == 1)
        #expect(DockerfileWorkspace.text(shell.session) == "FROM alpine:3.20\nENV A=1\nRUN echo [\"x\"]\n")
        #expect(shell.run(line: "dockerfile insert 9 RUN x").stderr == "dockerfile insert: line 9 is out of range (the Dockerfile has 3 lines)\n")
        #expect(shell.run(line: "dockerfile replace 1 echo hi").exitStatus == 2)
    }
}

@Suite struct ImageCompletionTests {
    @Test func dockerCommandsThatTakeAnImageCompleteImageNames() {
        var shell = Shell()
        _ = shell.run(line: "echo 'FROM alpine:3.20' > Dockerfile")
        _ = shell.run(line: "docker build -q -t hello:1 .")
        _ = shell.run(line: "docker tag hello:1 helper")
        let c = Completer(session: shell.session)
        #expect(c.complete("docker history hello").insert == ":1 ")
        #expect(c.complete("docker rmi hel").choices == ["hello:1", "helper", "helper:latest"])
        #expect(c.complete("docker image inspect helper:").insert == "latest ")
    }
}
