import DockerCLI
import Dockerfile
import Engine
import REPL
import Testing

/// The dispatch chain and the hooks later work plugs into.
struct ShellTests {
    final class RecordingDocker: DockerCommandHandler {
        var invocations: [DockerInvocation] = []
        func run(_ invocation: DockerInvocation, session: inout Session) -> CommandResult {
            invocations.append(invocation)
            return .ok("ran docker \(invocation.arguments.joined(separator: " "))\n")
        }
    }

    final class RecordingSnippets: DockerfileSnippetHandler {
        var snippets: [String] = []
        func run(snippet: String, line: Int, session: inout Session) -> CommandResult {
            snippets.append(snippet)
            return .ok()
        }
    }

    struct LessonHook: CommandHandler {
        func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
            command.name == "hint" ? .ok("a hint\n") : nil
        }
    }

    struct FakeEditor: ExternalEditor {
        var result: Result<[UInt8], EditorError>
        func edit(name: String, contents: [UInt8]) -> Result<[UInt8], EditorError> {
            result.map { contents + $0 }
        }
    }

    @Test func dockerLinesReachTheDockerHandlerWithTheirEnvironment() {
        let docker = RecordingDocker()
        var shell = Shell(docker: docker)
        let result = shell.run(line: "DOCKER_BUILDKIT=0 docker build -t 'my app' .")
        #expect(result.stdout == "ran docker build -t my app .\n")
        #expect(docker.invocations == [DockerInvocation(arguments: ["build", "-t", "my app", "."], environment: ["DOCKER_BUILDKIT": "0"], source: "DOCKER_BUILDKIT=0 docker build -t 'my app' .")])
    }

    @Test func dockerGetsStdinFromAHeredocOrAPipeFromEchoOrCat() {
        let docker = RecordingDocker()
        var driver = InputDriver(shell: Shell(docker: docker))
        _ = driver.feed("docker login -u me --password-stdin <<EOF")
        _ = driver.feed("s3cret")
        _ = driver.feed("EOF")
        #expect(docker.invocations.last?.stdin == "s3cret\n")
        #expect(docker.invocations.last?.arguments == ["login", "-u", "me", "--password-stdin"])
        var shell = driver.shell
        #expect(shell.run(line: "echo 'a|b' | docker login -u me --password-stdin").stdout == "ran docker login -u me --password-stdin\n")
        #expect(docker.invocations.last?.stdin == "a|b\n")
        _ = shell.run(line: "echo pw > pw.txt")
        _ = shell.run(line: "DOCKER_BUILDKIT=0 cat pw.txt | DOCKER_BUILDKIT=0 docker login -u me --password-stdin")
        #expect(docker.invocations.last?.stdin == "pw\n")
        #expect(docker.invocations.last?.environment == ["DOCKER_BUILDKIT": "0"])
        // cat's error is shown and docker still runs with empty input, as in a shell.
        let missing = shell.run(line: "cat nope.txt | docker login -u me --password-stdin")
        #expect(missing.stderr == "cat: nope.txt: No such file or directory\n")
        #expect(docker.invocations.last?.stdin == "")
        // Other pipes keep a clear refusal; a plain line has no stdin.
        let count = docker.invocations.count
        #expect(shell.run(line: "ls | docker login -u me --password-stdin").stderr.contains("-p PASSWORD"))
        #expect(shell.run(line: "docker images | grep app").exitStatus == 2)
        #expect(shell.run(line: "echo a || docker images").exitStatus == 2)
        #expect(docker.invocations.count == count)
        _ = shell.run(line: "docker images")
        #expect(docker.invocations.last?.stdin == nil)
    }

    @Test func dockerfileLinesReachTheSnippetHandler() {
        let snippets = RecordingSnippets()
        var driver = InputDriver(shell: Shell(dockerfile: snippets))
        _ = driver.feed("from alpine")
        _ = driver.feed("RUN echo hi")
        _ = driver.flush()
        _ = driver.feed("CMD [\"sh\"]")
        _ = driver.finish()
        #expect(snippets.snippets == ["from alpine\nRUN echo hi", "CMD [\"sh\"]"])
    }

    @Test func aLessonHandlerCanGoInFront() {
        var shell = Shell()
        #expect(shell.run(line: "hint").exitStatus == 127)
        shell.handlers.insert(LessonHook(), at: 1)
        #expect(shell.run(line: "hint").stdout == "a hint\n")
        #expect(shell.run(line: "pwd").stdout == "/app\n")
    }

    @Test func editGoesThroughTheEditorAndWritesBack() {
        var shell = Shell(editor: FakeEditor(result: .success(Array("edited\n".utf8))))
        _ = shell.run(line: "echo original > notes.txt")
        #expect(shell.run(line: "edit notes.txt").succeeded)
        #expect(shell.run(line: "cat notes.txt").stdout == "original\nedited\n")
        #expect(shell.run(line: "edit new.txt").succeeded)
        #expect(shell.run(line: "cat new.txt").stdout == "edited\n")
    }

    @Test func anEditorFailureLeavesTheFileAlone() {
        var shell = Shell(editor: FakeEditor(result: .failure(EditorError("vi failed (exit status 1); the file was not changed"))))
        _ = shell.run(line: "echo original > notes.txt")
        #expect(shell.run(line: "edit notes.txt") == .failure("edit: vi failed (exit status 1); the file was not changed\n"))
        #expect(shell.run(line: "cat notes.txt").stdout == "original\n")
    }

    @Test func quittingTheEditorOnANewFileCreatesNothing() {
        var shell = Shell(editor: FakeEditor(result: .success([])))
        #expect(shell.run(line: "edit new.txt").succeeded)
        #expect(shell.session.workspace["/app/new.txt"] == nil)
    }

    @Test func helpForDockerfileUsesInstructionHelp() {
        var shell = Shell()
        let overview = shell.run(line: "help dockerfile")
        if InstructionHelp.overview.isEmpty {
            #expect(overview.stdout.hasPrefix("Dockerfile instructions: ADD ARG CMD COPY"))
        } else {
            // The `dockerfile` command's usage first, then the instructions it edits.
            #expect(overview.stdout.hasPrefix("usage: dockerfile"))
            #expect(overview.stdout.contains(InstructionHelp.overview))
        }
        let from = shell.run(line: "help from")
        if let text = InstructionHelp.text(for: "from"), !text.isEmpty {
            #expect(from.stdout.hasPrefix(text))
        } else {
            #expect(from.stdout == "FROM: a Dockerfile instruction (its description is not available yet)\n")
        }
        #expect(from.succeeded && overview.succeeded)
    }

    @Test func sessionsAreValuesSoUndoIsKeepingACopy() {
        var shell = Shell()
        _ = shell.run(line: "echo v1 > f")
        let before = shell.session
        _ = shell.run(line: "echo v2 > f")
        _ = shell.run(line: "mkdir d")
        shell.session = before
        #expect(shell.run(line: "cat f").stdout == "v1\n")
        #expect(shell.run(line: "ls").stdout == "f\n")
    }

    @Test func theWorkspaceIsTheBuildContextTree() {
        var shell = Shell()
        _ = shell.run(line: "mkdir -p src")
        _ = shell.run(line: "echo 'print(1)' > src/app.py")
        #expect(shell.session.workspace["/app/src/app.py"] == .file(.text("print(1)\n")))
        #expect(shell.session.workspace.isDirectory("/app/src"))
    }

    @Test func historyRecordsLogicalEntries() {
        var driver = InputDriver()
        _ = driver.feed("echo a \\")
        _ = driver.feed("b")
        _ = driver.feed("# comments are not recorded")
        #expect(driver.shell.session.history == ["echo a \\\nb"])
    }

    @Test func theFixedClockStampsFiles() {
        var shell = Shell(session: Session(clock: SimulatedClock(mode: .fixed)))
        _ = shell.run(line: "touch f")
        #expect(shell.session.modified["/app/f"] == SimulatedClock.fixedStart)
        shell.session.clock.advance(by: 3600 * 24 * 40)
        _ = shell.run(line: "touch g")
        #expect(shell.run(line: "ls -l").stdout.contains("Feb 24 09:00 g"))
    }

    @Test func promptIsColouredOnlyWhenAsked() {
        #expect(REPLApp.prompt(cwd: "/app", color: false, markers: true) == "dockyard:/app> ")
        let coloured = REPLApp.prompt(cwd: "/app", color: true, markers: true)
        #expect(coloured.contains("\u{1B}[") && coloured.contains("\u{1}"))
        #expect(!REPLApp.prompt(cwd: "/app", color: true, markers: false).contains("\u{1}"))
    }
}

struct CompleterTests {
    func completer(_ lines: [String]) -> Completer {
        var shell = Shell()
        for line in lines { _ = shell.run(line: line) }
        return Completer(session: shell.session)
    }

    @Test func completesCommandNames() {
        let c = completer([])
        // `docker` and `dockerfile` share the prefix.
        #expect(c.complete("dock") == Completion(insert: "er"))
        #expect(c.complete("mk") == Completion(insert: "dir "))
        #expect(c.complete("WORK") == Completion(insert: "DIR "))
        #expect(c.complete("c").choices == ["cat", "cd", "clear", "compare", "cp", "curl"])
    }

    @Test func completesDockerSubcommandsAndFlags() {
        let c = completer([])
        #expect(c.complete("docker ima") == Completion(insert: "ge"))
        #expect(c.complete("docker images") == Completion(insert: " "))
        #expect(c.complete("docker build --no") == Completion(insert: "-cache "))
        #expect(c.complete("docker image l") == Completion(insert: "s "))
        #expect(c.complete("DOCKER_BUILDKIT=0 docker bui") == Completion(insert: "ld"))
        #expect(c.complete("docker ex") == Completion(insert: "ec "))
        #expect(c.complete("docker login --password-") == Completion(insert: "stdin "))
        #expect(c.complete("docker container r").choices == ["rename", "restart", "rm", "run"])
    }

    @Test func completesContainerNamesForContainerCommands() {
        let c = completer(["docker create --name web1 alpine:3.21 true", "docker create --name worker alpine:3.21 true"])
        #expect(c.complete("docker kill w").choices == ["web1", "worker"])
        #expect(c.complete("docker container rename we") == Completion(insert: "b1 "))
        #expect(c.complete("docker top wor") == Completion(insert: "ker "))
        // Images, not containers, after `docker run`.
        #expect(c.complete("docker run alp") == Completion(insert: "ine:3.21 "))
    }

    /// The completion table is the parser's: every command word that parses is offered.
    @Test func dockerCompletionCoversEveryParsedCommand() {
        let names = Set(DockerCommandTable.standard.commands.map(\.name))
        for word in ["exec", "logs", "stop", "start", "restart", "diff", "commit", "port", "container", "search", "manifest", "login", "run", "ps"] {
            #expect(names.contains(word), "\(word)")
        }
        for name in names {
            let result = DockerParser.parse([name, "--help"], environment: [:])
            if case .output(let help) = result { #expect(help.exitStatus == 0 && !help.stdout.contains("is not a docker command"), "\(name)") }
        }
        #expect(DockerCommandTable.standard.command(named: "exec")?.flags.contains("--interactive") == true)
        #expect(names.contains("version") && names.contains("info") && names.contains("buildx"))
        // Real Docker commands that are not simulated are not offered.
        #expect(!names.contains("volume") && !names.contains("network"))
    }

    @Test func completesWorkspaceFileNames() {
        let c = completer(["mkdir -p src/lib", "touch src/main.py src/models.py requirements.txt .env"])
        #expect(c.complete("cat req") == Completion(insert: "uirements.txt "))
        #expect(c.complete("cd s") == Completion(insert: "rc/"))
        #expect(c.complete("cat src/m") == Completion(choices: ["main.py", "models.py"]))
        #expect(c.complete("cat .e") == Completion(insert: "nv "))
        #expect(c.complete("cat nothing") == Completion())
        #expect(c.complete("cat ../../") == Completion())
    }

    @Test func extraSourcesPlugIn() {
        var c = completer([])
        c.extraSources.append { words in words.first == "lesson" ? ["1", "2", "10"] : [] }
        #expect(c.complete("lesson 1").choices == ["1", "10"])
    }

    @Test func choicesAreLaidOutInColumns() {
        #expect(Completer.columns(["a", "bb", "ccc"], width: 80) == "a    bb   ccc\n")
        #expect(Completer.columns(["aaaa", "bbbb", "cccc"], width: 12) == "aaaa  cccc\nbbbb\n")
    }
}

/// Found by the session fuzzer: an empty operand resolved to the current directory, so
/// `rm -rf ''` removed the whole workspace and `mv '' x` would move it. A shell passes the
/// empty string on and the kernel answers "No such file or directory".
struct EmptyOperandTests {
    @Test func anEmptyOperandNamesNoFile() {
        var shell = Shell()
        _ = shell.run(line: "mkdir src")
        _ = shell.run(line: "echo hi > a.txt")
        let before = shell.session.workspace
        #expect(shell.run(line: "rm -rf ''") == .ok())
        #expect(shell.run(line: "rm ''") == .failure("rm: cannot remove '': No such file or directory\n"))
        #expect(shell.run(line: "mv '' x") == .failure("mv: cannot stat '': No such file or directory\n"))
        #expect(shell.run(line: "cp -r '' x") == .failure("cp: cannot stat '': No such file or directory\n"))
        #expect(shell.run(line: "mv a.txt ''") == .failure("mv: cannot move 'a.txt' to '': No such file or directory\n"))
        #expect(shell.run(line: "cp a.txt ''") == .failure("cp: cannot create regular file '': No such file or directory\n"))
        #expect(shell.run(line: "touch ''") == .failure("touch: cannot touch '': No such file or directory\n"))
        #expect(shell.run(line: "mkdir -p ''") == .failure("mkdir: cannot create directory '': No such file or directory\n"))
        #expect(shell.run(line: "cat ''") == .failure("cat: '': No such file or directory\n"))
        #expect(shell.run(line: "ls ''") == .failure("ls: cannot access '': No such file or directory\n", status: 2))
        #expect(shell.session.workspace == before)
        #expect(shell.run(line: "ls").stdout == "a.txt  src\n")
    }
}
