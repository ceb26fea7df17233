import DockerCLI
import REPL
import Testing

/// Bad input and multi-line input, below the level of transcripts.
struct InputTests {
    func runScript(_ bytes: [UInt8]) -> (outputs: [InputDriver.Output], driver: InputDriver) {
        var driver = InputDriver()
        var outputs: [InputDriver.Output] = []
        for line in InputLine.split(bytes) {
            if !driver.continues(String(decoding: line, as: UTF8.self)) { outputs += driver.flush() }
            outputs += driver.feed(bytes: line)
        }
        outputs += driver.finish()
        return (outputs, driver)
    }

    @Test func binaryGarbageIsRejectedAndTheSessionContinues() {
        var bytes: [UInt8] = [0x00, 0x01, 0xFF, 0xFE, 0x1B, 0x7F, 0x80, 0x0A]
        bytes += Array("pwd\n".utf8)
        let (outputs, driver) = runScript(bytes)
        #expect(outputs.count == 2)
        #expect(outputs[0].result.stderr == "dockyard: line 1: input contains binary data (control character 0x00); line ignored\n")
        #expect(outputs[0].result.exitStatus == 2)
        #expect(outputs[1].result == CommandResult(stdout: "/app\n"))
        #expect(driver.failures == 1)
    }

    @Test func invalidUTF8IsRejected() {
        let bytes: [UInt8] = Array("echo ".utf8) + [0xC3, 0x28] + [0x0A] + Array("echo ok\n".utf8)
        let (outputs, _) = runScript(bytes)
        #expect(outputs.map(\.result.stderr) == ["dockyard: line 1: input is not valid UTF-8; line ignored\n", ""])
        #expect(outputs[1].result.stdout == "ok\n")
    }

    @Test func validUTF8ArrivesWhole() {
        let (outputs, _) = runScript(Array("echo héllo wörld ✓ > f\ncat f\n".utf8))
        #expect(outputs.last?.result.stdout == "héllo wörld ✓\n")
    }

    @Test func aTenMegabyteLineIsRejected() {
        var bytes = Array("echo ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024)
        bytes += Array("\npwd\n".utf8)
        let (outputs, _) = runScript(bytes)
        #expect(outputs.count == 2)
        #expect(outputs[0].result.stderr == "dockyard: line 1: input line too long (10485765 bytes; the limit is 1048576); line ignored\n")
        #expect(outputs[1].result.stdout == "/app\n")
    }

    @Test func aTenMegabyteStringLineIsRejectedToo() {
        var driver = InputDriver(numbersInputErrors: false)
        let outputs = driver.feed(String(repeating: "y", count: 10 * 1024 * 1024))
        #expect(outputs.first?.result.stderr == "dockyard: input line too long (10485760 bytes; the limit is 1048576); line ignored\n")
        #expect(driver.feed("pwd").first?.result.stdout == "/app\n")
    }

    @Test func crlfLineEndingsAreAccepted() {
        let (outputs, _) = runScript(Array("echo a\r\npwd\r\n".utf8))
        #expect(outputs.map(\.result.stdout) == ["a\n", "/app\n"])
    }

    @Test func unterminatedHeredocAtEndOfInputIsAnErrorAndNothingIsWritten() {
        let (outputs, driver) = runScript(Array("cat > f <<EOF\nbody\n".utf8))
        #expect(outputs.count == 1)
        #expect(outputs[0].result.stderr == "dockyard: here-document at line 1 delimited by end-of-file (wanted 'EOF'); command not run\n")
        #expect(driver.shell.session.workspace["/app/f"] == nil)
    }

    @Test func strictStopsAtTheFirstFailure() {
        var driver = InputDriver(strict: true)
        _ = driver.feed("cat nope")
        #expect(driver.stopped)
        #expect(driver.feed("pwd").isEmpty)
    }

    @Test func exitStopsTheScript() {
        var driver = InputDriver()
        _ = driver.feed("exit 4")
        #expect(driver.stopped)
        #expect(driver.shell.session.exitRequest == 4)
        #expect(driver.feed("pwd").isEmpty)
    }

    @Test func heredocWithTabStripping() {
        let (outputs, _) = runScript(Array("cat <<-EOF\n\tindented\n\tEOF\n".utf8))
        #expect(outputs.first?.result.stdout == "indented\n")
    }

    @Test func twoHeredocsOnOneLineAreBothRead() {
        var assembler = InputAssembler()
        #expect(assembler.feed("cat <<A <<B").isEmpty)
        #expect(assembler.feed("first").isEmpty)
        #expect(assembler.feed("A").isEmpty)
        #expect(assembler.feed("second").isEmpty)
        let entries = assembler.feed("B")
        #expect(entries.first?.heredocBodies == ["first\n", "second\n"])
    }

    @Test func backslashContinuationJoinsLines() {
        var assembler = InputAssembler()
        #expect(assembler.feed("echo a \\").isEmpty)
        #expect(assembler.isContinuing)
        let entries = assembler.feed("b")
        #expect(entries.first?.text == "echo a b")
        #expect(entries.first?.source == "echo a \\\nb")
    }

    @Test func anEscapedBackslashDoesNotContinue() {
        var assembler = InputAssembler()
        #expect(assembler.feed("echo a\\\\").first?.text == "echo a\\\\")
    }

    @Test func dockerfileLinesAreHeldUntilFlushOrAnotherCommand() {
        var assembler = InputAssembler()
        #expect(assembler.feed("FROM alpine").isEmpty)
        #expect(assembler.feed("RUN apk add \\").isEmpty)
        #expect(assembler.feed("    curl").isEmpty)
        #expect(assembler.isHoldingDockerfile)
        let entries = assembler.feed("ls")
        #expect(entries.count == 2)
        #expect(entries[0] == InputEntry(kind: .dockerfile, text: "FROM alpine\nRUN apk add \\\n    curl", line: 1, source: "FROM alpine\nRUN apk add \\\n    curl"))
        #expect(entries[1].text == "ls")
    }

    @Test func dockerfileHeredocsAreReadWhole() {
        var assembler = InputAssembler(groupsDockerfileLines: false)
        #expect(assembler.feed("COPY <<-\"EOT\" /app/run.sh").isEmpty)
        #expect(assembler.feed("echo hi").isEmpty)
        #expect(assembler.feed("EOT").first?.text == "COPY <<-\"EOT\" /app/run.sh\necho hi\nEOT")
    }

    @Test func keywordsAreRecognisedInAnyCase() {
        #expect(InputAssembler.isDockerfileLine("from alpine"))
        #expect(InputAssembler.isDockerfileLine("HealthCheck NONE"))
        #expect(!InputAssembler.isDockerfileLine("docker build ."))
        #expect(!InputAssembler.isDockerfileLine("fromage"))
    }

    @Test func shellWordsFollowPOSIXQuoting() {
        let words = ShellWords.split(#"a 'b c' "d \"e\" $X" f\ g "" '' h"i"j"#, variables: { $0 == "X" ? "x" : nil })
        #expect(words == .success([.word("a"), .word("b c"), .word("d \"e\" x"), .word("f g"), .word(""), .word(""), .word("hij")]))
    }

    @Test func shellWordsReportUnmatchedQuotes() {
        #expect(ShellWords.split("echo 'a") == .failure(.unmatchedQuote("'")))
        #expect(ShellWords.split("echo \"a") == .failure(.unmatchedQuote("\"")))
        #expect(ShellWords.split("cat <<'EOF") == .failure(.unmatchedQuote("'")))
    }

    @Test func suggestionsUseEditDistanceWithTranspositions() {
        #expect(Suggestion.distance("dokcer", "docker") == 1)
        #expect(Suggestion.nearest(to: "dokcer", in: ["docker", "ls"]) == "docker")
        #expect(Suggestion.nearest(to: "zzzzzz", in: ["docker", "ls"]) == nil)
        #expect(Suggestion.nearest(to: String(repeating: "a", count: 5000), in: ["docker"]) == nil)
    }
}
