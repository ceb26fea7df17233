import DockerCLI
import Foundation
import Lessons
import REPL
import Testing

/// The lesson commands through the real shell: the handler in front of the chain, the
/// auto-check after each entry, the prompt label, `solution run`, progress on disk.
@Suite struct LessonShellTests {
    static let lessonText = """
        ---
        id: tags
        title: Tags
        summary: Build and tag.
        ---

        Intro.

        ## Build it

        Build `hello:1`.

        ```setup
        fresh
        file Dockerfile <<EOF
        FROM alpine:3.20
        RUN echo hi > /hi.txt
        EOF
        ```

        ```check
        image hello:1 exists
        ```

        ```hint
        Use docker build with -t.
        ```

        ```solution
        docker build -t hello:1 .
        ```

        ## Tag it

        Give it a second name.

        ```check
        image hello:2 same-as hello:1
        ```

        ```hint
        docker tag
        ```

        ```solution
        docker tag hello:1 hello:2
        ```

        ## Drop the old name

        Remove `hello:1`.

        ```check
        not image hello:1 exists
        image hello:2 exists
        ```

        ```solution
        docker rmi hello:1
        ```
        """

    static func makeShell(state: String? = nil) throws -> Shell {
        let lesson = try LessonParser.lesson(from: lessonText, file: "01-tags.md")
        var shell = Shell()
        shell.installLessons([lesson], store: state.map(ProgressStore.init))
        return shell
    }

    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "dockyard-lesson-shell-\(getpid())-\(UUID().uuidString)"
    }

    @Test func aLearnerWalksThroughWithAutoCheckHintAndSolutionRun() throws {
        var driver = InputDriver(shell: try LessonShellTests.makeShell())
        func type(_ line: String) -> String {
            var outputs = driver.feed(line)
            outputs += driver.flush()
            return outputs.map { $0.result.stdout + $0.result.stderr }.joined()
        }
        #expect(driver.prompt == "dockyard:/app> ")
        let start = type("lesson 1")
        #expect(start.contains("step 1 of 3: Build it"))
        #expect(driver.prompt == "dockyard[1.1]:/app> ")
        #expect(driver.shell.session.workspace["/app/Dockerfile"] != nil)
        // A wrong attempt: builds, but under another name; the step stays.
        _ = type("docker build -t hello:one .")
        #expect(driver.prompt == "dockyard[1.1]:/app> ")
        #expect(type("check").contains("Not yet: There is no image tagged hello:1"))
        #expect(type("hint").contains("Hint 1 of 1:"))
        // The goal reached by typing: announced after the command, and on to step 2.
        let built = type("docker build -t hello:1 .")
        #expect(built.contains("✓ Step 1.1 done."))
        #expect(built.contains("step 2 of 3: Tag it"))
        #expect(driver.prompt == "dockyard[1.2]:/app> ")
        // solution run types the lines in, after the lesson prompt, and moves on once.
        let typed = type("solution run")
        #expect(typed.contains("dockyard[1.2]:/app> docker tag hello:1 hello:2\n"))
        #expect(typed.contains("✓ Step 1.2 done."))
        #expect(driver.prompt == "dockyard[1.3]:/app> ")
        let last = type("docker rmi hello:1")
        #expect(last.contains("✓ Lesson 1 complete: Tags."))
        #expect(driver.prompt == "dockyard:/app> ")
        #expect(type("lessons").contains("[x] 1. Tags (3/3)"))
    }

    @Test func theAutoCheckWaitsUntilALoginsQuestionsAreAnswered() throws {
        let text = """
            ---
            id: login
            title: Login
            summary: Log in.
            ---

            Intro.

            ## Log in

            Log in to localhost:5000.

            ```check
            logged-in localhost:5000
            ```

            ```solution
            docker login -u student -p secret localhost:5000
            ```
            """
        var shell = Shell()
        shell.installLessons([try LessonParser.lesson(from: text, file: "01-login.md")], store: nil)
        shell.session.terminal.stdinIsTerminal = true
        var driver = InputDriver(shell: shell)
        _ = driver.feed("lesson 1")
        let asked = driver.feed("docker login -u student localhost:5000").map { $0.result }
        #expect(asked.first?.question?.prompt == "Password: ")
        #expect(!asked.contains { $0.stdout.contains("Step 1.1") || $0.stderr.contains("Not yet") })
        #expect(driver.prompt == "Password: ")
        let answered = driver.feed("secret").map { $0.result.stdout + $0.result.stderr }.joined()
        #expect(answered.contains("Login Succeeded"))
        #expect(answered.contains("✓ Lesson 1 complete: Login."))
        #expect(driver.prompt == "dockyard:/app> ")
        // Lines a lesson types in never ask: nobody could answer, and the learner's next
        // line must stay a command.
        _ = driver.feed("lesson reset 1")
        _ = driver.feed("lesson 1")
        var host = SessionLessonHost(session: driver.shell.session)
        let typed = host.runLine("docker login -u other localhost:5000")
        #expect(typed.stderr.contains("Cannot perform an interactive login from a non TTY device"))
        #expect(host.session.question == nil)
        #expect(host.session.terminal.stdinIsTerminal)
    }

    @Test func progressIsSavedAndALaterSessionResumesWhereTheLearnerLeft() throws {
        let state = LessonShellTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        do {
            var shell = try LessonShellTests.makeShell(state: state)
            _ = shell.run(line: "lesson 1")
            _ = shell.run(line: "docker build -t hello:1 .")
            #expect(shell.promptLabel == "1.2")
            _ = shell.run(line: "lesson quit")
            #expect(shell.promptLabel == nil)
        }
        #expect(FileManager.default.fileExists(atPath: state + "/progress.json"))
        // A new session: nothing is built, so steps 1 is replayed before step 2 starts.
        var shell = try LessonShellTests.makeShell(state: state)
        let resumed = shell.run(line: "lesson 1")
        #expect(resumed.stdout.contains("Resuming at step 2"))
        #expect(shell.promptLabel == "1.2")
        #expect(shell.session.engine.images.resolve("hello:1") != nil)
    }

    @Test func aDamagedProgressFileIsReportedAndSetAside() throws {
        let state = LessonShellTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: state + "/progress.json"))
        var shell = try LessonShellTests.makeShell(state: state)
        let result = shell.run(line: "lessons")
        #expect(result.stderr.contains("was damaged"))
        #expect(FileManager.default.fileExists(atPath: state + "/progress.json.corrupt-1"))
        #expect(result.stdout.contains("[ ] 1. Tags"))
    }

    @Test func withoutLessonsTheCommandsSaySoAndStepWordsAreLeftAlone() {
        var shell = Shell()
        #expect(shell.run(line: "lessons").stderr == "dockyard: no lessons are loaded in this session\n")
        var withLessons = (try? LessonShellTests.makeShell()) ?? Shell()
        // Outside a lesson, `check` is not a lesson command.
        #expect(withLessons.run(line: "check").stderr.contains("command not found: check"))
    }

    @Test func helpListsTheLessonCommands() throws {
        var shell = try LessonShellTests.makeShell()
        let help = shell.run(line: "help").stdout
        #expect(help.contains("lesson [N | quit]"))
        #expect(help.contains("solution [run]"))
        #expect(!help.contains("not available yet"))
    }

    @Test func theDemoTypesEachSolutionAndPausesBetweenSteps() throws {
        let lesson = try LessonParser.lesson(from: LessonShellTests.lessonText, file: "01-tags.md")
        var screen = ""
        var pauses = 0
        var slept = 0.0
        var player = LessonDemoPlayer(
            driver: InputDriver(shell: Shell()), lesson: lesson, lessonNumber: 1, speed: 1000,
            write: { screen += $0 }, sleep: { slept += $0 }, waitForEnter: { pauses += 1; return true })
        let failures = player.play(LessonDemo.script(for: lesson, number: 1, options: RenderOptions()))
        #expect(failures == 0)
        #expect(pauses == 2)
        #expect(screen.contains("dockyard[1.1]:/app> docker build -t hello:1 .\n"))
        #expect(screen.contains("dockyard[1.3]:/app> docker rmi hello:1\n"))
        #expect(screen.contains("(press Enter for the next step)"))
        #expect(player.driver.shell.session.engine.images.resolve("hello:2") != nil)
        // 1000 times faster than a person: well under a second of waiting in all.
        #expect(slept > 0 && slept < 1)
    }
}

@Suite struct LessonSandboxTests {
    @Test func lessonLinesCannotWriteRealFilesOrEndTheSession() {
        var host = SessionLessonHost(session: Session())
        for line in ["export svg /tmp/dockyard-lesson-should-not-exist.svg", "edit Dockerfile", "exit 3"] {
            let result = host.runLine(line)
            #expect(!result.succeeded, "\(line)")
            #expect(result.stderr.contains("cannot be run from a lesson"), "\(line)")
        }
        #expect(host.session.exitRequest == nil)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/dockyard-lesson-should-not-exist.svg"))
        // Simulator commands still work.
        #expect(host.runLine("echo hi > a.txt").succeeded)
        #expect(host.workspaceFile("a.txt") == .file("hi\n"))
    }
}

@Suite struct SessionLessonHostTests {
    @Test func freshEmptiesTheSimulatorButKeepsSettingsAndHistory() {
        var session = Session()
        session.explainAfterBuild = false
        session.history = ["ls"]
        var host = SessionLessonHost(session: session)
        #expect(host.runLine("echo hi > a.txt").succeeded)
        #expect(host.ensureImage("alpine:3.20").succeeded)
        host.startFresh()
        #expect(host.workspaceFile("a.txt") == nil)
        #expect(host.image("alpine:3.20") == nil)
        #expect(!host.session.explainAfterBuild)
        #expect(host.session.history.first == "ls")
    }

    @Test func ensureImageTakesTheCatalogQuietlyAndRefusesUnknownNames() {
        var host = SessionLessonHost(session: Session())
        #expect(host.ensureImage("python:3.13-slim") == .ok())
        #expect(host.image("python:3.13-slim")?.layerCount ?? 0 > 0)
        #expect(!host.ensureImage("no-such-image:1").succeeded)
    }

    @Test func registryAndContainerQueriesReadTheEngine() {
        var host = SessionLessonHost(session: Session())
        _ = host.writeWorkspaceFile(path: "Dockerfile", contents: "FROM alpine:3.20\nCMD [\"echo\", \"hi\"]\n")
        #expect(host.runLine("docker build -t myapp:1.0 .").succeeded)
        #expect(host.runLine("docker tag myapp:1.0 localhost:5000/myapp:1.0").succeeded)
        #expect(!host.isLoggedIn(registry: "localhost:5000"))
        #expect(host.runLine("docker login localhost:5000 -u student -p secret").succeeded)
        #expect(host.isLoggedIn(registry: "localhost:5000"))
        #expect(host.registryImageID(registry: "localhost:5000", repository: "myapp", tag: "1.0") == nil)
        #expect(host.runLine("docker push localhost:5000/myapp:1.0").succeeded)
        #expect(host.registryImageID(registry: "localhost:5000", repository: "myapp", tag: "1.0") == host.image("myapp:1.0")?.id)
        // Docker Hub's official images live under library/.
        #expect(host.registryImageID(registry: "docker.io", repository: "alpine", tag: "3.20") != nil)
        #expect(host.runLine("docker run --name once myapp:1.0").succeeded)
        let container = host.containers().first { $0.name == "once" }
        #expect(container?.state == .exited(0))
        #expect(container?.logs == "hi\n")
        #expect(container?.command == ["echo", "hi"])
    }
}
