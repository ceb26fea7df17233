import Testing
@testable import DockerCLI

private func command(_ line: String, env: [String: String] = [:]) -> DockerCommand? {
    guard let words = try? ShellWords.split(line) else { return nil }
    if case .command(let c) = DockerParser.parseLine(words: words, environment: env) { return c }
    return nil
}

private func output(_ line: String, env: [String: String] = [:]) -> CommandResult? {
    let words = line.split(separator: " ").map(String.init)
    if case .output(let r) = DockerParser.parseLine(words: words, environment: env) { return r }
    return nil
}

@Suite struct ParserTests {
    @Test func buildWithEverything() {
        var expected = BuildOptions(contextPath: "app")
        expected.tags = ["myapp:1", "myapp:latest"]
        expected.file = "app/Dockerfile.dev"
        expected.noCache = true
        expected.buildArgs = ["VERSION=1.0", "HTTP_PROXY"]
        expected.target = "builder"
        expected.progress = .plain
        expected.quiet = true
        expected.pull = true
        #expect(command("docker build -t myapp:1 --tag=myapp:latest -f app/Dockerfile.dev --no-cache --build-arg VERSION=1.0 --build-arg HTTP_PROXY --target builder --progress=plain -q --pull app")
            == .build(expected))
        #expect(expected.resolvedBuildArgs(environment: ["HTTP_PROXY": "http://p"]).map { "\($0.key)=\($0.value)" }
            == ["VERSION=1.0", "HTTP_PROXY=http://p"])
    }

    @Test func dockerBuildkitZeroSelectsClassicBuilder() {
        guard case .build(let o)? = command("DOCKER_BUILDKIT=0 docker build -t hello:1 .") else {
            Issue.record("not a build"); return
        }
        #expect(o.builder == .classic)
        #expect(o.tags == ["hello:1"])
        guard case .build(let o2)? = command("docker build .", env: ["DOCKER_BUILDKIT": "1"]) else { return }
        #expect(o2.builder == .buildKit)
        #expect(command("docker image build .") == command("docker build ."))
        #expect(output("DOCKER_BUILDKIT=maybe docker build .")?.stderr
            == "DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing \"maybe\": invalid syntax\n")
    }

    @Test func shortFlagForms() {
        var o = ImagesOptions()
        o.all = true
        o.quiet = true
        #expect(command("docker images -aq") == .images(o))
        o.invokedAs = "docker image ls"
        #expect(command("docker image ls -a -q") == .images(o))
        o.invokedAs = "docker image list"
        #expect(command("docker image list -qa") == .images(o))
        guard case .build(let b)? = command("docker build -tname -t=other -fDockerfile .") else { Issue.record("no build"); return }
        #expect(b.tags == ["name", "other"])
        #expect(b.file == "Dockerfile")
    }

    @Test func boolFlagValues() {
        guard case .history(let h)? = command("docker history -H=false --no-trunc myapp") else { Issue.record("no history"); return }
        #expect(h.human == false)
        #expect(h.noTrunc)
        guard case .history(let h2)? = command("docker image history --human=false -q myapp") else { return }
        #expect(h2.human == false && h2.quiet)
        guard case .history(let h3)? = command("docker history myapp") else { return }
        #expect(h3.human)
        #expect(output("docker history -H=maybe x")?.stderr == """
            invalid argument "maybe" for "-H, --human" flag: strconv.ParseBool: parsing "maybe": invalid syntax

            Usage:  docker history [OPTIONS] IMAGE

            Run 'docker history --help' for more information

            """)
    }

    @Test func filtersAndFormat() {
        guard case .images(let o)? = command("docker images -f dangling=true --filter reference=py* --format {{.ID}} python") else {
            Issue.record("no images"); return
        }
        #expect(o.filters == ["dangling=true", "reference=py*"])
        #expect(o.filterPairs.map(\.key) == ["dangling", "reference"])
        #expect(o.format == "{{.ID}}")
        #expect(o.reference == "python")
    }

    @Test func filterValuesNeedNameEqualsValue() {
        #expect(output("docker images -f dangling")?.stderr == """
            invalid argument "dangling" for "-f, --filter" flag: bad format of filter (expected name=value)

            Usage:  docker images [OPTIONS] [REPOSITORY[:TAG]]

            Run 'docker images --help' for more information

            """)
        #expect(output("docker search --limit x python")?.stderr.hasPrefix("invalid argument \"x\" for \"--limit\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\n") == true)
    }

    @Test func runStopsFlagsAtImage() {
        var o = RunOptions(image: "python:3.13")
        o.interactive = true
        o.tty = true
        o.remove = true
        o.name = "web"
        o.env = ["A=1", "B"]
        o.publish = ["8000:8000"]
        o.workdir = "/app"
        o.entrypoint = ""
        o.user = "1000"
        o.command = ["python", "-c", "-v"]
        #expect(command("docker run -it --rm --name web -e A=1 --env B -p 8000:8000 -w /app --entrypoint= -u 1000 python:3.13 python -c -v")
            == .run(o))
        guard case .exec(let e)? = command("docker container exec -it web ls -la") else { Issue.record("no exec"); return }
        #expect(e.container == "web" && e.command == ["ls", "-la"] && e.interactive && e.tty)
    }

    @Test func doubleDashEndsFlags() {
        guard case .rm(let o)? = command("docker rm -f -- -weird") else { Issue.record("no rm"); return }
        #expect(o.force && o.containers == ["-weird"])
    }

    @Test func managementAliases() {
        #expect(command("docker image rm -f a b") == command("docker rmi -f a b"))
        #expect(command("docker image remove a") == command("docker rmi a"))
        #expect(command("docker container ls -a") == command("docker ps -a"))
        #expect(command("docker container rm x") == command("docker rm x"))
        #expect(command("docker image tag a b") == .tag(TagOptions(source: "a", target: "b")))
        #expect(command("docker image history x") == command("docker history x"))
        #expect(command("docker image pull -q alpine") == command("docker pull -q alpine"))
        guard case .inspect(let i)? = command("docker image inspect -f {{.Id}} a") else { Issue.record("no inspect"); return }
        #expect(i.imagesOnly && i.format == "{{.Id}}")
        guard case .inspect(let i2)? = command("docker inspect --format '{{json .Config}}' a b") else { return }
        #expect(!i2.imagesOnly && i2.names == ["a", "b"])
    }

    @Test func everyListedCommandParses() {
        let lines = [
            "docker image prune -a -f", "docker builder prune -af", "docker system df",
            "docker pull -a python", "docker push -q user/app:1", "docker login -u bob -p secret localhost:5000",
            "docker login -u bob --password-stdin", "docker logout", "docker search python",
            "docker manifest inspect python:3.13", "docker ps -aq --no-trunc", "docker logs web",
            "docker stop web", "docker start -ai web", "docker restart web db", "docker diff web",
            "docker commit -m msg web app:2", "docker container prune -f", "docker port web 80/tcp",
        ]
        for line in lines {
            #expect(command(line) != nil, "\(line)")
        }
        guard case .login(let l)? = command("docker login -u bob -p secret localhost:5000") else { return }
        #expect(l.username == "bob" && l.password == "secret" && l.server == "localhost:5000")
        guard case .builderPrune(let p)? = command("docker builder prune -af") else { return }
        #expect(p.all && p.force)
        guard case .commit(let c)? = command("docker commit -m msg web app:2") else { return }
        #expect(c.message == "msg" && c.reference == "app:2")
    }

    @Test func unknownFlags() {
        #expect(output("docker build --foo .") == CommandResult(stderr: """
            unknown flag: --foo

            Usage:  docker buildx build [OPTIONS] PATH | URL | -

            Run 'docker buildx build --help' for more information

            """, exitStatus: 125))
        #expect(output("DOCKER_BUILDKIT=0 docker build -x .")?.stderr == """
            unknown shorthand flag: 'x' in -x

            Usage:  docker build [OPTIONS] PATH | URL | -

            Run 'docker build --help' for more information

            """)
        #expect(output("docker images -aqz")?.stderr.hasPrefix("unknown shorthand flag: 'z' in -aqz\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n") == true)
        #expect(output("docker image ls --bogus")?.stderr.contains("Run 'docker image ls --help' for more information") == true)
        #expect(output("docker build -t")?.stderr.hasPrefix("flag needs an argument: 't' in -t\n") == true)
        #expect(output("docker build --tag")?.stderr.hasPrefix("flag needs an argument: --tag\n") == true)
    }

    @Test func argumentCounts() {
        #expect(output("docker tag a") == CommandResult(stderr: """
            docker: 'docker tag' requires 2 arguments

            Usage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]

            Run 'docker tag --help' for more information

            """, exitStatus: 1))
        #expect(output("docker image tag a")?.stderr.hasPrefix("docker: 'docker image tag' requires 2 arguments\n\nUsage:  docker image tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n") == true)
        #expect(output("docker rmi")?.stderr == """
            docker: 'docker rmi' requires at least 1 argument

            Usage:  docker rmi [OPTIONS] IMAGE [IMAGE...]

            See 'docker rmi --help' for more information

            """)
        #expect(output("docker images a b")?.stderr.hasPrefix("docker: 'docker images' requires at most 1 argument\n") == true)
        #expect(output("docker ps x")?.stderr.hasPrefix("docker: 'docker ps' accepts no arguments\n") == true)
        #expect(output("docker build") == CommandResult(stderr: """
            ERROR: docker: 'docker buildx build' requires 1 argument

            Usage:  docker buildx build [OPTIONS] PATH | URL | -

            Run 'docker buildx build --help' for more information

            """, exitStatus: 1))
        #expect(output("DOCKER_BUILDKIT=0 docker build")?.stderr.hasPrefix("docker: 'docker build' requires 1 argument\n") == true)
        #expect(output("docker commit")?.stderr.hasPrefix("docker: 'docker commit' requires at least 1 and at most 2 arguments\n") == true)
    }

    @Test func unknownCommands() {
        #expect(output("docker foo") == CommandResult(stderr: "docker: 'foo' is not a docker command.\nSee 'docker --help'\n", exitStatus: 1))
        #expect(output("docker image foo")?.stderr == """
            docker: unknown command: docker image foo

            Usage:  docker image

            Run 'docker image --help' for more information

            """)
        #expect(output("docker --nope")?.exitStatus == 125)
        #expect(output("ls -la") == CommandResult(stderr: "ls: command not found\n", exitStatus: 127))
    }

    @Test func helpTexts() throws {
        let tagHelp = try #require(output("docker tag --help"))
        #expect(tagHelp == CommandResult(stdout: """

            Usage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]

            Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

            Aliases:
              docker image tag, docker tag

            """))
        let historyHelp = try #require(output("docker history --help")).stdout
        #expect(historyHelp.hasSuffix("""
            Options:
                  --format string   Format output using a custom template
              -H, --human           Print sizes and dates in human readable format
                                    (default true)
                  --no-trunc        Don't truncate output
              -q, --quiet           Only show image IDs

            """))
        let buildHelp = try #require(output("docker build --help")).stdout
        #expect(buildHelp.hasPrefix("\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n"))
        #expect(buildHelp.contains("""
                  --progress string         Set type of progress output ("auto",
                                            "quiet", "plain", "tty", "rawjson"). Use
                                            plain to show container output (default
                                            "auto")
            """))
        for line in buildHelp.split(separator: "\n") { #expect(line.count <= 79, "\(line)") }
        let root = try #require(output("docker --help")).stdout
        #expect(root.hasPrefix("\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n"))
        #expect(root.hasSuffix("Run 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n"))
        #expect(output("docker")?.stderr == root)
        #expect(output("docker -h")?.stdout == root)
        #expect(output("docker --version")?.stdout == "Docker version 28.5.2, build ecc6942\n")
        #expect(output("docker help build")?.stdout == buildHelp)
        #expect(output("docker image --help")?.stdout.contains("  ls          List images\n") == true)
        #expect(output("docker help nothing")?.stderr == "unknown help topic: nothing\n")
    }
}

@Suite struct ShellWordsTests {
    @Test func splitsLikeAShell() throws {
        #expect(try ShellWords.split("docker run -e 'A=b c' \"x y\" z\\ w") == ["docker", "run", "-e", "A=b c", "x y", "z w"])
        #expect(try ShellWords.split("  a   b ") == ["a", "b"])
        #expect(try ShellWords.split("docker images --format \"table {{.ID}}\\t{{.Size}}\"") == ["docker", "images", "--format", "table {{.ID}}\\t{{.Size}}"])
        #expect(throws: ShellWords.Error.unterminatedQuote) { try ShellWords.split("echo 'abc") }
    }
}

@Suite struct ParserExtrasTests {
    @Test func deprecatedHelpShorthand() {
        guard case .output(let r) = DockerParser.parse(["tag", "-h"]) else { Issue.record("no output"); return }
        #expect(r.stdout.hasPrefix("\nUsage:  docker tag "))
        #expect(r.stderr == "Flag shorthand -h has been deprecated, use --help\n")
    }

    @Test func closestCommand() {
        #expect(DockerParser.closestCommand(to: "biuld") == "build")
        #expect(DockerParser.closestCommand(to: "imges") == "images")
        #expect(DockerParser.closestCommand(to: "xyzzy") == nil)
    }

    @Test func hostileInputsDoNotCrash() {
        let many = "table " + Array(repeating: "{{.ID}}", count: 5000).joined(separator: "\\t")
        let rows = [TemplateValue.object(TemplateObject(typeName: "x", fields: [.init("ID", "a")]))]
        #expect((try? DockerFormat(many).render(rows: rows, headers: ["ID": "ID"]))?.isEmpty == false)
        let nested = String(repeating: "{{if .ID}}", count: 10_000)
        #expect(throws: TemplateError.self) { try GoTemplate(nested) }
        for line in ["docker", "docker --", "docker -", "docker image", "docker build -", "docker run -- x", "docker ---x", "docker build --=x .", "docker images -", "docker help image ls extra"] {
            _ = DockerParser.parseLine(words: line.split(separator: " ").map(String.init))
        }
        #expect(DockerParser.parseLine(words: []) == .output(CommandResult(stderr: ": command not found\n", exitStatus: 127)))
    }
}
