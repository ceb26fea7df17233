import Dockerfile
@testable import Engine
import Testing

/// `RUN` with here-documents, as dockerfile2llb turns them into a process.
struct HeredocRunTests {
    func run(_ dockerfile: String) throws -> (BuildResult, EngineState) {
        var state = EngineState()
        let document = try parseDockerfile(dockerfile)
        let context = BuildContext(workspace: FileTree(entries: ["/": .directory(), "/Dockerfile": .file(.text(dockerfile))]))
        let result = state.build(document, context: context, options: BuildOptions(builder: .buildKit, tags: ["h:1"]))
        return (result, state)
    }

    @Test func aLoneHeredocIsTheScriptAndNamesTheStepWithItsFirstLine() throws {
        let (result, _) = try run("FROM python:3.13-slim\nRUN <<EOT\necho one > /one\necho two >> /one\nEOT\n")
        let step = try #require(result.steps.last { $0.kind == .run })
        #expect(step.vertexText == "RUN <<EOT (echo one > /one...)")
        #expect(step.keyParts?.operation == "RUN [\"/bin/sh\" \"-c\" \"echo one > /one\\necho two >> /one\\n\"]")
    }

    @Test func aCommandWithHeredocsGetsTheBodiesBackForTheShell() throws {
        let (result, state) = try run("FROM python:3.13-slim\nRUN <<EOT bash\nset -e\necho \"from bash\" > /b\nEOT\nRUN cat <<A <<B > /c\nfirst\nA\nsecond\nB\n")
        #expect(result.succeeded)
        let runs = result.steps.filter { $0.kind == .run }
        #expect(runs.map(\.vertexText) == ["RUN <<EOT bash", "RUN cat <<A <<B > /c"])
        #expect(runs[0].keyParts?.operation == "RUN [\"/bin/sh\" \"-c\" \"<<EOT bash\\nset -e\\necho \\\"from bash\\\" > /b\\nEOT\"]")
        let id = try #require(result.imageID)
        let fs = state.images.layers(of: id).reduce(into: FileTree()) { $1.apply(to: &$0) }
        #expect(fs.shellText(at: "/b") == "from bash\n")
        // With two here-documents on one command, standard input is the last one.
        #expect(fs.shellText(at: "/c") == "second\n")
    }

    @Test func aShebangHeredocRunsAsAFileWithItsInterpreter() throws {
        let (result, _) = try run("FROM python:3.13-slim\nRUN <<EOT\n#!/usr/bin/env python3\nprint(6 * 7)\nEOT\n")
        let step = try #require(result.steps.last { $0.kind == .run })
        #expect(step.vertexText == "RUN <<EOT (#!/usr/bin/env python3...)")
        #expect(step.keyParts?.operation == "RUN [\"/dev/pipes/EOT\"]")
        #expect(step.output.contains { $0.hasSuffix("42") })
    }

    @Test func pythonPrintsLiteralsAndArithmetic() {
        #expect(PythonSource.commandLine("print(1+2); print('a', 7/2, 2**10, -7//2, 4/2)").printedLines == ["3", "a 3.5 1024 -4 2.0"])
        #expect(PythonSource.commandLine("import sys; print(sys.version)").printedLines == [])
        #expect(PythonArithmetic.evaluate("(1+2)*3 % 4") == "1")
        #expect(PythonArithmetic.evaluate("1/0") == nil)
        #expect(PythonArithmetic.evaluate("9223372036854775807 + 1") != nil)
    }
}
