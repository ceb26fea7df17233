import Testing
@testable import Engine

@Suite struct ShellLanguageTests {
    let base = Fixtures.debianBase()

    func run(_ script: String, env: [String: String] = Fixtures.debianEnv, cwd: String = "/") -> ShellOutcome {
        Fixtures.run(script, on: base, cwd: cwd, env: env)
    }

    @Test func singleAndDoubleQuotes() {
        let r = run(#"X=world; echo 'a  $X' "b  $X" c\ \ d"#)
        #expect(r.output == ["a  $X b  world c  d"])
        #expect(r.exitCode == 0)
    }

    @Test func backslashInsideDoubleQuotes() {
        let r = run(#"echo "q\"x\$y\\z\n""#)
        // dash's echo then turns the `\n` into a newline.
        #expect(r.output == [#"q"x$y\z"#, ""])
    }

    @Test func parameterExpansionForms() {
        let r = run(#"A=1; E=; echo "${A}" "${B:-dflt}" "${E:-empty}" "${E-set}" "${A:+alt}" "${#A}" ${UNSET}end"#)
        #expect(r.output == ["1 dflt empty  alt 1 end"])
        let trim = run(#"F=archive.tar.gz; echo ${F%%.*} ${F#*.} ${F%.gz}"#)
        #expect(trim.output == ["archive tar.gz archive.tar"])
    }

    @Test func environmentIsVisibleAndPrefixAssignmentsAreScoped() {
        let r = run(#"echo $GREETING; FOO=bar env | grep FOO; echo "after:${FOO:-unset}""#, env: Fixtures.debianEnv.merging(["GREETING": "hi"]) { $1 })
        #expect(r.output == ["hi", "FOO=bar", "after:unset"])
    }

    @Test func fieldSplittingAndEmptyWords() {
        let r = run(#"L="a b  c"; for w in $L; do echo "[$w]"; done; for w in "$L"; do echo "($w)"; done"#)
        #expect(r.output == ["[a]", "[b]", "[c]", "(a b  c)"])
    }

    @Test func commandSubstitutionAndArithmetic() {
        let r = run(#"N=$(echo 41); echo $((N + 1)) `echo back` "$(printf '%s-%s' a b)""#)
        #expect(r.output == ["42 back a-b"])
    }

    @Test func andStopsOnFailureOrContinues() {
        let r = run("false && echo no; echo yes")
        #expect(r.output == ["yes"])
        #expect(r.exitCode == 0)
        let chain = run("true && echo one || echo two")
        #expect(chain.output == ["one"])
        let fallback = run("false || echo rescued")
        #expect(fallback.output == ["rescued"])
    }

    @Test func lastStatusIsReturned() {
        #expect(run("true; false").exitCode == 1)
        #expect(run("false; true").exitCode == 0)
        #expect(run("false && true").exitCode == 1)
        #expect(run("exit 3").exitCode == 3)
        #expect(run("echo before; exit 7; echo after").output == ["before"])
        #expect(run("false; echo $?").output == ["1"])
        #expect(run("! false").exitCode == 0)
    }

    @Test func setEStopsAtTheFirstFailure() {
        let r = run("set -e; echo one; false; echo two")
        #expect(r.output == ["one"])
        #expect(r.exitCode == 1)
        // Failures on the left of && or in an if condition do not trigger -e.
        let guarded = run("set -e; false && true; if false; then :; fi; echo reached")
        #expect(guarded.output == ["reached"])
    }

    @Test func setEuxTracesAndRejectsUnsetVariables() {
        let r = run("set -eux; echo $HOME; echo $NOPE; echo never")
        #expect(r.output == ["+ echo /root", "/root", "/bin/sh: 1: NOPE: parameter not set"])
        #expect(r.exitCode == 2)
    }

    @Test func pipefailIsNotInDash() {
        let r = run("set -o pipefail; echo hi")
        #expect(r.exitCode == 2)
        #expect(r.output == ["/bin/sh: 1: set: Illegal option -o pipefail"])
        let bash = SimulatedShell().run(ShellInvocation(argv: ["/bin/bash", "-o", "pipefail", "-c", "false | true"], environment: Fixtures.debianEnv), on: base)
        #expect(bash.exitCode == 1)
    }

    @Test func newlinesContinuationsAndComments() {
        let r = run("echo a \\\n  b # a comment\n# whole line\necho c")
        #expect(r.output == ["a b", "c"])
    }

    @Test func ifForWhile() {
        let r = run(#"if [ -d /etc ]; then echo dir; else echo nodir; fi; for i in 1 2 3; do echo $i; done; n=0; while [ $n -lt 2 ]; do n=$((n+1)); done; echo $n"#)
        #expect(r.output == ["dir", "1", "2", "3", "2"])
        let elif = run("if false; then echo a; elif true; then echo b; fi")
        #expect(elif.output == ["b"])
    }

    @Test func caseStatements() {
        let r = run("v=app.tar.gz; case $v in *.zip) echo zip;; *.tar.gz|*.tgz) echo tarball;; *) echo other;; esac; case x in y) echo no;; esac; echo after")
        #expect(r.output == ["tarball", "after"])
        let quoted = run(#"case '*' in "*") echo star;; esac; case abc in "a*") echo wrong;; a*) echo glob;; esac"#)
        #expect(quoted.output == ["star", "glob"])
        #expect(run("case x in").exitCode == 2)
    }

    @Test func dashEchoInterpretsEscapes() {
        #expect(run(#"echo 'a\nb'; echo -e x; echo -n no; echo newline"#).output == ["a", "b", "-e x", "nonewline"])
        let bash = SimulatedShell().run(ShellInvocation(argv: ["/bin/bash", "-c", #"echo 'a\nb'; echo -e 'c\nd'; [[ -d /etc ]] && echo dir"#], environment: Fixtures.debianEnv), on: base)
        #expect(bash.output == [#"a\nb"#, "c", "d", "dir"])
        #expect(run("[[ -d /etc ]]").exitCode == 127)
    }

    @Test func syntaxErrorsUseDashWording() {
        let r = run("echo 'unterminated")
        #expect(r.exitCode == 2)
        #expect(r.output == ["/bin/sh: 1: Syntax error: Unterminated quoted string"])
        let fi = run("if true; then echo x")
        #expect(fi.output == [#"/bin/sh: 1: Syntax error: end of file unexpected (expecting "fi")"#])
        #expect(run("&& echo").exitCode == 2)
    }

    @Test func redirectionsWriteAppendAndDiscard() {
        let r = run("echo one > /tmp/f; echo two >> /tmp/f; echo gone > /dev/null; ls /nope 2>/dev/null; echo err 1>&2; cat /nope 2>&1 | grep -c No")
        #expect(r.filesystem.testTextAt("/tmp/f") == "one\ntwo\n")
        #expect(r.output == ["err", "1"])
        let missingDir = run("echo x > /no/such/file")
        #expect(missingDir.exitCode == 2)
        #expect(missingDir.output == ["/bin/sh: 1: cannot create /no/such/file: Directory nonexistent"])
    }

    @Test func stderrToStdoutOrder() {
        let r = run("ls /missing > /tmp/out 2>&1; cat /tmp/out")
        #expect(r.output == ["ls: cannot access '/missing': No such file or directory"])
    }

    @Test func pipesFeedTheLastCommand() {
        let r = run("printf 'b\\na\\nc\\n' | sort | head -n 2 | tee /tmp/t")
        #expect(r.output == ["a", "b"])
        #expect(r.filesystem.testTextAt("/tmp/t") == "a\nb\n")
        #expect(run("echo abc | grep -q zzz").exitCode == 1)
        #expect(run("echo 'echo from-pipe' | sh").output == ["from-pipe"])
    }

    @Test func heredocsFeedStdin() {
        let r = run("NAME=app\ncat > /tmp/conf <<EOF\nname=$NAME\nEOF\ncat <<'RAW'\n$NAME\nRAW")
        #expect(r.filesystem.testTextAt("/tmp/conf") == "name=app\n")
        #expect(r.output == ["$NAME"])
    }

    @Test func cdChangesDirectoryForLaterCommands() {
        let r = run("mkdir -p /app/src && cd /app/src && touch here && pwd; cd /nowhere")
        #expect(r.output.first == "/app/src")
        #expect(r.filesystem["/app/src/here"] != nil)
        #expect(r.output.last == "/bin/sh: 1: cd: can't cd to /nowhere")
        #expect(r.exitCode == 2)
    }

    @Test func exportAndUnset() {
        let r = run("export A=1 B; B=2; env | grep -E '^(A|B)='; unset A; echo ${A:-gone}")
        #expect(r.output.contains("A=1"))
        #expect(r.output.contains("B=2"))
        #expect(r.output.last == "gone")
    }

    @Test func functionsAndReturn() {
        let r = run("greet() { echo \"hi $1\"; return 3; }; greet you; echo $?")
        #expect(r.output == ["hi you", "3"])
    }

    @Test func subshellKeepsFilesButNotDirectory() {
        let r = run("(cd /tmp && touch sub) ; pwd")
        #expect(r.output == ["/"])
        #expect(r.filesystem["/tmp/sub"] != nil)
    }

    @Test func testBuiltin() {
        let r = run(#"[ "a" = "a" ] && echo eq; [ 3 -gt 5 ] || echo notgt; test -f /etc/passwd && echo file; [ -z "" ] && echo empty; [ ! -e /nope ] && echo absent"#)
        #expect(r.output == ["eq", "notgt", "file", "empty", "absent"])
        #expect(run("[ 1 -eq").exitCode == 2)
    }

    @Test func globsExpandAgainstTheTree() {
        let r = run("mkdir -p /g && touch /g/a.txt /g/b.txt /g/c.log && echo /g/*.txt; cd /g && echo *.log; echo /g/*.none")
        #expect(r.output == ["/g/a.txt /g/b.txt", "c.log", "/g/*.none"])
    }

    @Test func tildeExpandsToHome() {
        #expect(run("echo ~ ~/x").output == ["/root /root/x"])
    }

    @Test func execFormRunsTheProgramDirectly() {
        let r = SimulatedShell().run(ShellInvocation(argv: ["echo", "$HOME", "a b"], environment: Fixtures.debianEnv), on: base)
        #expect(r.output == ["$HOME a b"])
        let missing = SimulatedShell().run(ShellInvocation(argv: ["foo"], environment: Fixtures.debianEnv), on: base)
        #expect(missing.exitCode == 127)
        #expect(missing.output == [#"exec: "foo": executable file not found in $PATH"#])
    }

    @Test func locateProgramFollowsTheShellRule() {
        #expect(SimulatedShell.locateProgram("sh", in: base) == "/usr/bin/sh")
        #expect(SimulatedShell.locateProgram("curl", in: base) == nil)
        #expect(SimulatedShell.locateProgram("pip", in: Fixtures.pythonSlim()) == "/usr/local/bin/pip")
        #expect(SimulatedShell.locateProgram("apk", in: Fixtures.alpine()) == "/sbin/apk")
    }

    @Test func noShellInTheImage() {
        let r = SimulatedShell().run(ShellInvocation(argv: ["/bin/sh", "-c", "echo hi"]), on: FileTree())
        #expect(r.exitCode == 127)
        #expect(r.output == [#"exec: "/bin/sh": stat /bin/sh: no such file or directory"#])
    }

    @Test func interactiveShellReadsStdin() {
        let r = SimulatedShell().run(ShellInvocation(argv: ["sh"], environment: Fixtures.debianEnv, stdin: "echo hello\nfoo\n"), on: base)
        #expect(r.output == ["hello", "sh: 2: foo: not found"])
        #expect(r.exitCode == 127)
    }

    @Test func runawayLoopsAreStopped() {
        let r = run("while true; do :; done")
        #expect(r.exitCode == 2)
        #expect(r.output.last?.contains("stopped after") == true)
        let recursion = run("f() { f; }; f")
        #expect(recursion.exitCode == 2)
        #expect(recursion.output.last == "/bin/sh: 1: stopped: nesting too deep for the simulated shell")
    }
}
