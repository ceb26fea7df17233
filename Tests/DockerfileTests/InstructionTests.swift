import Dockerfile
import Testing

private func parse(_ text: String) throws -> DockerfileDocument {
    try parseDockerfile(text)
}

private func parseError(_ text: String) -> DockerfileError? {
    do {
        _ = try parseDockerfile(text)
        return nil
    } catch {
        return error
    }
}

private func only(_ text: String) throws -> InstructionKind {
    let doc = try parse("FROM alpine\n" + text + "\n")
    return try #require(doc.stages.first?.instructions.first).kind
}

@Suite("typed instructions")
struct InstructionTests {
    @Test func fromWithPlatformAndStageName() throws {
        let doc = try parse("FROM --platform=linux/amd64 Golang:1.22 AS Builder\nRUN true\n")
        #expect(doc.stages.count == 1)
        let stage = try #require(doc.stages.first)
        #expect(stage.from == FromInstruction(image: "Golang:1.22", stageName: "builder", platform: "linux/amd64"))
        #expect(stage.index == 0)
        #expect(stage.fromInstruction.original == "FROM --platform=linux/amd64 Golang:1.22 AS Builder")
        #expect(stage.fromInstruction.range == SourceRange(startLine: 1, endLine: 1))
    }

    @Test func fromErrors() {
        #expect(parseError("FROM a b\n")?.message == "dockerfile parse error on line 1: FROM requires either one or three arguments")
        #expect(parseError("FROM\n")?.reason == "FROM requires either one or three arguments")
        #expect(parseError("FROM a AS 1st\n")?.reason == "invalid name for build stage: \"1st\", name can't start with a number or contain symbols")
        #expect(parseError("FROM a AS b c\n")?.reason == "FROM requires either one or three arguments")
    }

    @Test func stagesAndGlobalArgs() throws {
        let doc = try parse("ARG VERSION=3.12\nARG OTHER\nFROM python:${VERSION} AS base\nARG VERSION\nFROM base\nRUN x\n")
        #expect(doc.globalArgs.count == 2)
        #expect(doc.globalArgs[0].kind == .arg([ArgDeclaration(name: "VERSION", defaultValue: "3.12")]))
        #expect(doc.globalArgs[1].kind == .arg([ArgDeclaration(name: "OTHER")]))
        #expect(doc.stages.map(\.from.image) == ["python:${VERSION}", "base"])
        #expect(doc.stages[0].instructions.map(\.kind) == [.arg([ArgDeclaration(name: "VERSION")])])
        #expect(doc.stages[1].index == 1)
    }

    @Test func fileLevelErrors() {
        #expect(parseError("")?.message == "the Dockerfile cannot be empty")
        #expect(parseError("# just a comment\n\n")?.message == "file with no instructions")
        #expect(parseError("ARG A=1\n")?.message == "dockerfile contains no stages to build")
        let e = parseError("RUN echo hi\nFROM alpine\n")
        #expect(e?.message == "no build stage in current context")
        #expect(e?.line == 1)
    }

    @Test func unknownInstructionSuggestions() {
        #expect(parseError("FORM alpine\n")?.message == "dockerfile parse error on line 1: unknown instruction: FORM (did you mean FROM?)")
        #expect(parseError("form alpine\n")?.reason == "unknown instruction: form (did you mean from?)")
        #expect(parseError("Form alpine\n")?.reason == "unknown instruction: Form (did you mean FROM?)")
        #expect(parseError("FROM a\nCOPPY a b\n")?.reason == "unknown instruction: COPPY (did you mean COPY?)")
        #expect(parseError("FROM a\nBANANA x\n")?.reason == "unknown instruction: BANANA")
        #expect(parseError("FROM a\nBANANA x\n")?.line == 2)
    }

    @Test func errorDisplayHasLineAndCaret() throws {
        let e = try #require(parseError("FROM alpine\n  COPPY a b\n"))
        #expect(e.lineText == "  COPPY a b")
        #expect(e.column == 3)
        #expect(e.detailedDescription == """
            dockerfile parse error on line 2: unknown instruction: COPPY (did you mean COPY?)
             2 |   COPPY a b
               |   ^^^^^
            """)
        let flag = try #require(parseError("FROM alpine\nCOPY --foo=bar a b\n"))
        #expect(flag.reason == "Unknown flag: foo")
        #expect(flag.column == 6)
        #expect(flag.length == 5)
    }

    @Test func runForms() throws {
        #expect(try only("RUN apt-get update && \\\n    apt-get install -y curl")
                == .run(RunInstruction(command: .shell("apt-get update &&     apt-get install -y curl"))))
        #expect(try only("RUN [\"echo\", \"hi\"]") == .run(RunInstruction(command: .exec(["echo", "hi"]))))
        #expect(try only("RUN ['echo', 'hi']") == .run(RunInstruction(command: .shell("['echo', 'hi']"))))
        #expect(try only("RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=x --network=none --security=insecure make")
                == .run(RunInstruction(command: .shell("make"), mounts: ["type=cache,target=/root/.cache", "type=secret,id=x"],
                                       network: "none", security: "insecure")))
        #expect(parseError("FROM a\nRUN --network=none --network=host x\n")?.reason == "Duplicate flag specified: network")
        #expect(parseError("FROM a\nRUN --mount x\n")?.reason == "Missing a value on flag: mount")
    }

    @Test func runHeredocs() throws {
        let kind = try only("RUN <<-EOF bash\n\techo one\n\t\techo two\n\tEOF")
        guard case .run(let run) = kind else { Issue.record("not RUN"); return }
        #expect(run.command == .shell("<<-EOF bash"))
        #expect(run.heredocs == [Heredoc(name: "EOF", content: "echo one\necho two\n", quoted: false, chomp: true)])
        let quoted = try only("RUN <<'EOF'\necho $HOME\nEOF")
        guard case .run(let q) = quoted else { Issue.record("not RUN"); return }
        #expect(q.heredocs.first?.quoted == true)
    }

    @Test func copyAndAdd() throws {
        #expect(try only("COPY --from=build --chown=1:1 --chmod=644 --link --parents --exclude=*.md --exclude=.git a b /dst/")
                == .copy(CopyInstruction(isAdd: false, sources: ["a", "b"], destination: "/dst/", from: "build", chown: "1:1",
                                         chmod: "644", link: true, parents: true, excludes: ["*.md", ".git"])))
        #expect(try only("ADD --checksum=sha256:abc --keep-git-dir=true https://x/y.tar /y")
                == .copy(CopyInstruction(isAdd: true, sources: ["https://x/y.tar"], destination: "/y", checksum: "sha256:abc", keepGitDir: true)))
        #expect(try only("COPY [\"a b\", \"/c d/\"]") == .copy(CopyInstruction(isAdd: false, sources: ["a b"], destination: "/c d/", isJSON: true)))
        #expect(try only("COPY <<EOF /etc/motd\nhello\nEOF")
                == .copy(CopyInstruction(isAdd: false, sources: ["<<EOF"], destination: "/etc/motd",
                                         heredocs: [Heredoc(name: "EOF", content: "hello\n")])))
        #expect(parseError("FROM a\nCOPY src\n")?.reason == "COPY requires at least two arguments, but only one was provided. Destination could not be determined")
        #expect(parseError("FROM a\nADD src\n")?.reason == "ADD requires at least two arguments, but only one was provided. Destination could not be determined")
        #expect(parseError("FROM a\nADD --from=x a b\n")?.reason == "Unknown flag: from")
        #expect(parseError("FROM a\nCOPY --link=maybe a b\n")?.reason == "Expecting boolean value for flag link, not: maybe")
        #expect(parseError("FROM a\nCOPY a <<EOF\nx\nEOF\n")?.reason == "COPY cannot accept a heredoc as a destination")
    }

    @Test func metadataInstructions() throws {
        #expect(try only("ENV A=1 B=\"two words\"") == .env([KeyValue(key: "A", value: "1"), KeyValue(key: "B", value: "\"two words\"")]))
        #expect(try only("ENV PATH /usr/bin:$PATH") == .env([KeyValue(key: "PATH", value: "/usr/bin:$PATH")]))
        #expect(try only("LABEL a=b \"c d\"=e") == .label([KeyValue(key: "a", value: "b"), KeyValue(key: "\"c d\"", value: "e")]))
        #expect(try only("EXPOSE 8080/tcp 53/udp 443") == .expose(["443", "53/udp", "8080/tcp"]))
        #expect(try only("USER app:app") == .user("app:app"))
        #expect(try only("WORKDIR /app") == .workdir("/app"))
        #expect(try only("VOLUME [\"/data\", \"/logs\"]") == .volume(["/data", "/logs"]))
        #expect(try only("VOLUME /a /b") == .volume(["/a", "/b"]))
        #expect(try only("SHELL [\"/bin/bash\", \"-c\"]") == .shell(["/bin/bash", "-c"]))
        #expect(try only("STOPSIGNAL SIGTERM") == .stopSignal("SIGTERM"))
        #expect(try only("MAINTAINER Jane <jane@example.com>") == .maintainer("Jane <jane@example.com>"))
        #expect(try only("CMD [\"python\", \"app.py\"]") == .cmd(.exec(["python", "app.py"])))
        #expect(try only("CMD python app.py") == .cmd(.shell("python app.py")))
        #expect(try only("ENTRYPOINT [\"/entry.sh\"]") == .entrypoint(.exec(["/entry.sh"])))
        #expect(try only("ARG A B=2 C=") == .arg([ArgDeclaration(name: "A"), ArgDeclaration(name: "B", defaultValue: "2"),
                                                  ArgDeclaration(name: "C", defaultValue: "")]))
    }

    @Test func metadataErrors() {
        #expect(parseError("FROM a\nENV A\n")?.message == "dockerfile parse error on line 2: ENV must have two arguments")
        #expect(parseError("FROM a\nENV =x\n")?.reason == "ENV names can not be blank")
        #expect(parseError("FROM a\nENV\n")?.reason == "ENV requires at least one argument")
        #expect(parseError("FROM a\nLABEL\n")?.reason == "LABEL requires at least one argument")
        #expect(parseError("FROM a\nWORKDIR\n")?.reason == "WORKDIR requires exactly one argument")
        // The node parser keeps WORKDIR's rest of line as one argument, as BuildKit does.
        #expect(parseError("FROM a\nWORKDIR a b\n") == nil)
        #expect(parseError("FROM a\nUSER\n")?.reason == "USER requires exactly one argument")
        #expect(parseError("FROM a\nSTOPSIGNAL\n")?.reason == "STOPSIGNAL requires exactly one argument")
        #expect(parseError("FROM a\nMAINTAINER\n")?.reason == "MAINTAINER requires exactly one argument")
        #expect(parseError("FROM a\nEXPOSE\n")?.reason == "EXPOSE requires at least one argument")
        #expect(parseError("FROM a\nVOLUME\n")?.reason == "VOLUME requires at least one argument")
        #expect(parseError("FROM a\nVOLUME [\"\"]\n")?.reason == "VOLUME specified can not be an empty string")
        #expect(parseError("FROM a\nARG\n")?.reason == "ARG requires at least one argument")
        #expect(parseError("FROM a\nARG =1\n")?.reason == "ARG names can not be blank")
        #expect(parseError("FROM a\nSHELL\n")?.reason == "SHELL requires at least one argument")
        #expect(parseError("FROM a\nSHELL /bin/sh -c\n")?.reason == "SHELL requires the arguments to be in JSON form")
        #expect(parseError("FROM a\nENV --x=1 A=1\n")?.reason == "Unknown flag: x")
        #expect(parseError("FROM a\nCMD [\"a\", 1]\n")?.reason == "when using JSON array syntax, arrays must be comprised of strings only")
    }

    @Test func healthcheck() throws {
        #expect(try only("HEALTHCHECK NONE") == .healthcheck(.none))
        #expect(try only("HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD curl -f http://localhost/ || exit 1")
                == .healthcheck(.command(.shell("curl -f http://localhost/ || exit 1"),
                                         options: HealthcheckOptions(interval: "30s", timeout: "3s", startPeriod: "5s", startInterval: "1s", retries: 3))))
        #expect(try only("HEALTHCHECK CMD [\"/bin/check\", \"-q\"]") == .healthcheck(.command(.exec(["/bin/check", "-q"]), options: HealthcheckOptions())))
        #expect(parseError("FROM a\nHEALTHCHECK\n")?.reason == "HEALTHCHECK requires at least one argument")
        #expect(parseError("FROM a\nHEALTHCHECK NONE x\n")?.reason == "HEALTHCHECK NONE takes no arguments")
        #expect(parseError("FROM a\nHEALTHCHECK CMD\n")?.reason == "Missing command after HEALTHCHECK CMD")
        #expect(parseError("FROM a\nHEALTHCHECK FOO x\n")?.reason == "Unknown type \"FOO\" in HEALTHCHECK (try CMD)")
        #expect(parseError("FROM a\nHEALTHCHECK --interval=1us CMD x\n")?.reason == "Interval \"interval\" cannot be less than 1ms")
        #expect(parseError("FROM a\nHEALTHCHECK --interval=abc CMD x\n")?.reason == "time: invalid duration \"abc\"")
        #expect(parseError("FROM a\nHEALTHCHECK --retries=-1 CMD x\n")?.reason == "--retries cannot be negative (-1)")
        #expect(parseError("FROM a\nHEALTHCHECK --foo=1 CMD x\n")?.reason == "Unknown flag: foo")
    }

    @Test func onbuild() throws {
        let kind = try only("ONBUILD RUN echo hi")
        guard case .onbuild(let trigger) = kind else { Issue.record("not ONBUILD"); return }
        #expect(trigger.kind == .run(RunInstruction(command: .shell("echo hi"))))
        #expect(trigger.original == "RUN echo hi")
        let copy = try only("onbuild COPY --chown=1 . /app")
        guard case .onbuild(let t2) = copy else { Issue.record("not ONBUILD"); return }
        #expect(t2.kind == .copy(CopyInstruction(isAdd: false, sources: ["."], destination: "/app", chown: "1")))
        #expect(parseError("FROM a\nONBUILD ONBUILD RUN x\n")?.reason == "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
        #expect(parseError("FROM a\nONBUILD FROM b\n")?.reason == "FROM isn't allowed as an ONBUILD trigger")
        #expect(parseError("FROM a\nONBUILD MAINTAINER b\n")?.reason == "MAINTAINER isn't allowed as an ONBUILD trigger")
        #expect(parseError("FROM a\nONBUILD\n")?.reason == "ONBUILD requires at least one argument")
    }

    @Test func directivesAndEscape() throws {
        let doc = try parse("# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\n")
        #expect(doc.escapeCharacter == "`")
        #expect(doc.directives == ["syntax": "docker/dockerfile:1", "escape": "`"])
        #expect(doc.stages[0].instructions.first?.kind == .run(RunInstruction(command: .shell("dir   c:\\"))))
        #expect(doc.stages[0].instructions.first?.range == SourceRange(startLine: 4, endLine: 5))
        #expect(parseError("# escape=x\nFROM a\n")?.message == "invalid escape token 'x' does not match ` or \\")
    }

    @Test func keywordsAreCaseInsensitive() throws {
        let doc = try parse("from alpine as Base\nrun echo\nCoPy a b\n")
        #expect(doc.stages[0].from.stageName == "base")
        #expect(doc.stages[0].instructions.count == 2)
    }
}
