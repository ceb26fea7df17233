import REPL
import Testing

/// The interactive loop driven by a scripted line reader (no terminal).
struct InteractiveLoopTests {
    final class Screen {
        var stdout = ""
        var stderr = ""
        var history: [String] = []
        var clears = 0
    }

    func run(_ events: [LineEvent], color: Bool = false, terminal: Bool = false) -> (status: Int32, screen: Screen, prompts: [String], loop: InteractiveLoop) {
        let screen = Screen()
        var driver = InputDriver(numbersInputErrors: false)
        driver.shell.session.terminal.stdinIsTerminal = terminal
        var loop = InteractiveLoop(driver: driver, color: color)
        loop.write = { text, fd in if fd == 1 { screen.stdout += text } else { screen.stderr += text } }
        loop.recordHistory = { screen.history.append($0) }
        loop.clearScreen = { screen.clears += 1 }
        var reader: any LineReader = ScriptedLineReader(events: events)
        let status = loop.run(&reader)
        let prompts = (reader as? ScriptedLineReader)?.prompts ?? []
        return (status, screen, prompts, loop)
    }

    func line(_ s: String) -> LineEvent { .line(Array(s.utf8)) }

    @Test func heredocsShowTheContinuationPrompt() {
        let r = run([line("cat > f <<EOF"), line("hello"), line("EOF"), line("cat f"), .end])
        #expect(r.prompts == ["dockyard:/app> ", "> ", "> ", "dockyard:/app> ", "dockyard:/app> "])
        #expect(r.screen.stdout == "hello\n\n")
        #expect(r.status == 0)
    }

    @Test func ctrlCDiscardsAHalfTypedHeredocAndKeepsTheSession() {
        let r = run([line("cat > f <<EOF"), line("abc"), .interrupted, line("ls"), line("pwd"), .end])
        #expect(r.screen.stdout == "^C\n/app\n\n")
        #expect(r.loop.driver.shell.session.workspace["/app/f"] == nil)
        #expect(r.prompts[3] == "dockyard:/app> ")
    }

    @Test func aQuestionReadsItsAnswerWithTheRightReaderAndKeepsItOutOfHistory() {
        let r = run([line("docker login -u bob localhost:5000"), line("pw"), line("docker login localhost:5000"),
                     line("docker logout localhost:5000"), line("docker login localhost:5000"), .end, line("pwd"), .end], terminal: true)
        #expect(r.prompts == ["dockyard:/app> ", "Password: (secret)", "dockyard:/app> ", "dockyard:/app> ", "dockyard:/app> ",
                              "Username: ", "dockyard:/app> ", "dockyard:/app> "])
        #expect(r.screen.history == ["docker login -u bob localhost:5000", "docker login localhost:5000", "docker logout localhost:5000",
                                     "docker login localhost:5000", "pwd"])
        #expect(r.loop.driver.shell.session.history.contains("pw") == false)
        // Ctrl-D at the question cancels the login, not Dockyard: pwd still ran.
        #expect(r.screen.stdout.hasSuffix("\n/app\n\n"))
        #expect(r.loop.driver.shell.session.question == nil)
        #expect(r.loop.driver.shell.session.engine.storedLogin(host: "localhost:5000") == nil)
    }

    @Test func aBadAnswerIsRefusedAndTheQuestionStays() {
        let r = run([line("docker login -u bob localhost:5000"), .line([0x70, 0xFF, 0x77]), line("pw"), .end], terminal: true)
        #expect(r.prompts == ["dockyard:/app> ", "Password: (secret)", "Password: (secret)", "dockyard:/app> "])
        #expect(r.screen.stderr.contains("dockyard: "))
        #expect(r.loop.driver.shell.session.engine.storedLogin(host: "localhost:5000") == "bob")
    }

    @Test func exitEndsTheLoopWithItsStatus() {
        let r = run([line("exit 3"), line("pwd")])
        #expect(r.status == 3)
        #expect(r.screen.stdout == "")
        #expect(r.prompts.count == 1)
    }

    @Test func outputWithoutANewlineGetsOneBeforeThePrompt() {
        let r = run([line("echo -n hi"), .end])
        #expect(r.screen.stdout == "hi\n\n")
    }

    @Test func errorsGoToStderrWithoutLineNumbers() {
        let r = run([.line([0x66, 0xFF]), line("cat nope"), .end])
        #expect(r.screen.stderr == "dockyard: input is not valid UTF-8; line ignored\ncat: nope: No such file or directory\n")
    }

    @Test func historyAndClear() {
        let r = run([line("pwd"), line("   "), line("clear"), .end])
        #expect(r.screen.history == ["pwd", "clear"])
        #expect(r.screen.clears == 1)
    }

    @Test func thePromptFollowsTheDirectoryAndCanBeColoured() {
        let r = run([line("mkdir src"), line("cd src"), .end], color: true)
        #expect(r.prompts.count == 3)
        #expect(r.prompts[2] == REPLApp.prompt(cwd: "/app/src", color: true, markers: false))
        #expect(r.prompts[2].contains("\u{1B}["))
    }

    @Test func endOfInputInsideAHeredocReportsIt() {
        let r = run([line("cat > f <<EOF"), line("abc"), .end])
        #expect(r.screen.stderr == "dockyard: here-document at line 1 delimited by end-of-file (wanted 'EOF'); command not run\n")
    }
}
