import Testing
@testable import Engine

@Suite struct InteractiveShellTests {
    @Test func stateCarriesOverBetweenLines() {
        var fs = Fixtures.pythonSlim()
        fs.set("/hello-world/app.py", Fixtures.text("print('hi')\n"))
        var shell = InteractiveShell(environment: Fixtures.debianEnv, workingDirectory: "/hello-world", filesystem: fs)
        #expect(shell.prompt(on: fs) == "# ")
        var r = shell.run("ls", on: fs)
        #expect(r.output == ["app.py"])
        r = shell.run("cd / && X=5", on: r.filesystem)
        #expect(shell.workingDirectory == "/")
        r = shell.run("echo $X > /note && cat /note; foo", on: r.filesystem)
        #expect(r.output == ["5", "sh: 1: foo: not found"])
        #expect(r.exitCode == 127)
        fs = r.filesystem
        #expect(fs.testTextAt("/note") == "5\n")
        r = shell.run("cd /nowhere; echo still here", on: fs)
        #expect(r.output == ["sh: 1: cd: can't cd to /nowhere", "still here"])
        #expect(shell.exitStatus == nil)
        _ = shell.run("exit 3", on: fs)
        #expect(shell.exitStatus == 3)
    }

    @Test func alpinePromptShowsTheDirectory() {
        let fs = Fixtures.alpine()
        var shell = InteractiveShell(environment: [:], workingDirectory: "/", filesystem: fs)
        _ = shell.run("cd /tmp", on: fs)
        #expect(shell.prompt(on: fs) == "/tmp # ")
        #expect(shell.run("nope", on: fs).output == ["sh: nope: not found"])
        #expect(shell.run("ps", on: fs).output.first == "PID   USER     TIME  COMMAND")
    }

    @Test func syntaxErrorsDoNotEndTheSession() {
        let fs = Fixtures.debianBase()
        var shell = InteractiveShell(shell: "/bin/bash", environment: Fixtures.debianEnv, filesystem: fs)
        #expect(shell.prompt(on: fs) == "root@buildkitsandbox:/# ")
        #expect(shell.run("if true; then", on: fs).exitCode == 2)
        #expect(shell.run("set -o bogus", on: fs).exitCode == 2)
        #expect(shell.exitStatus == nil)
        #expect(shell.run("echo ok", on: fs).output == ["ok"])
        #expect(shell.run("ps", on: fs).exitCode == 127)
    }
}
