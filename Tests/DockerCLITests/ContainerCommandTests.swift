import DockerCLI
import Engine
import Testing

/// Container commands through the parser and executor, as the REPL runs them.
struct ContainerCommandTests {
    struct Docker {
        var engine = EngineState()
        var host = HostContext()

        mutating func callAsFunction(_ line: String) -> CommandResult {
            callAsFunction(arguments: Array(line.split(separator: " ").map(String.init).dropFirst()))
        }

        /// The words after `docker`, for arguments that contain spaces.
        mutating func callAsFunction(arguments: [String]) -> CommandResult {
            switch DockerParser.parse(arguments) {
            case .output(let result): return result
            case .command(let command):
                let result = DockerExecutor().run(command, engine: &engine, host: host)
                // As the REPL does: `docker cp` out of a container writes the workspace.
                if let workspace = result.workspace { host.workspace = workspace }
                return result
            }
        }
    }

    @Test func runDetachedPrintsTheFullIDAndPsListsIt() {
        var docker = Docker()
        let run = docker("docker run -d --name web -p 8080:80 nginx")
        #expect(run.exitStatus == 0)
        #expect(run.stdout.count == 65 && run.stdout.hasSuffix("\n"))
        #expect(run.stderr.hasPrefix("Unable to find image 'nginx:latest' locally\nlatest: Pulling from library/nginx\n"))
        #expect(run.stderr.hasSuffix("Status: Downloaded newer image for nginx:latest\n"))
        let ps = docker("docker ps")
        let lines = ps.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("CONTAINER ID   IMAGE     COMMAND                  CREATED"))
        #expect(lines[1].hasPrefix(String(run.stdout.prefix(12)) + "   nginx     \"/docker-entrypoint.…\""))
        #expect(lines[1].hasSuffix("0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web"))
        #expect(docker("docker ps -q").stdout == String(run.stdout.prefix(12)) + "\n")
        #expect(docker("docker ps -q --no-trunc").stdout == run.stdout)
    }

    @Test func runAgainstAnUnknownImageOrName() {
        var docker = Docker()
        let unknown = docker("docker run nosuch")
        #expect(unknown.exitStatus == 125)
        #expect(unknown.stderr == "Unable to find image 'nosuch:latest' locally\ndocker: Error response from daemon: pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n")
        #expect(docker("docker logs ghost") == .failure("Error response from daemon: No such container: ghost\n"))
        let stop = docker("docker stop ghost")
        #expect(stop.exitStatus == 1 && stop.stderr == "Error response from daemon: No such container: ghost\n")
    }

    @Test func runningContainerRemovalNeedsForce() {
        var docker = Docker()
        _ = docker("docker run -d --name s1 alpine:3.21 sleep infinity")
        #expect(docker("docker rm s1") == .failure("Error response from daemon: cannot remove container \"/s1\": container is running: stop the container before removing or force remove\n"))
        #expect(docker("docker rm -f s1") == .ok("s1\n"))
        #expect(docker("docker ps -a -q").stdout == "")
    }

    @Test func logsTailAndTimestamps() {
        var docker = Docker()
        let out = docker("docker run --name lines alpine:3.21 seq 3")
        #expect(out.stdout == "1\n2\n3\n")
        #expect(docker("docker logs --tail 2 lines").stdout == "2\n3\n")
        let stamped = docker("docker logs -t lines").stdout.split(separator: "\n")
        #expect(stamped.first?.hasPrefix("2025-01-15T09:00:") == true)
        #expect(stamped.first?.hasSuffix("Z 1") == true)
        #expect(docker("docker logs --tail x lines").exitStatus == 1)
    }

    @Test func psFilters() {
        var docker = Docker()
        _ = docker("docker run --name a1 alpine:3.21 true")
        _ = docker("docker run -d --name b1 alpine:3.21 sleep infinity")
        _ = docker("docker run -d --name b2 busybox:latest sleep infinity")
        #expect(docker("docker ps --format {{.Names}} --filter status=exited").stdout == "a1\n")
        #expect(docker("docker ps -a --format {{.Names}} --filter name=b").stdout == "b2\nb1\n")
        #expect(docker("docker ps --format {{.Names}} --filter ancestor=busybox").stdout == "b2\n")
        #expect(docker("docker ps --filter color=red").stderr == "Error response from daemon: invalid filter 'color'\n")
    }

    @Test func commitPrintsTheNewImageID() {
        var docker = Docker()
        _ = docker("docker run --name c1 alpine:3.21 touch /made")
        let commit = docker("docker commit -m note c1 made:1")
        #expect(commit.stdout.hasPrefix("sha256:") && commit.stdout.count == 72)
        let id = String(commit.stdout.dropFirst(7).prefix(64))
        #expect(docker.engine.images.resolve("made:1")?.digest.hex == id)
        #expect(docker("docker commit c1 Bad:Name").exitStatus == 1)
        #expect(docker("docker commit nope").stderr == "Error response from daemon: No such container: nope\n")
        #expect(docker("docker diff c1").stdout == "A /made\n")
    }

    @Test func portAndPrune() {
        var docker = Docker()
        _ = docker("docker run -d --name web -p 127.0.0.1:9000:80 nginx")
        #expect(docker("docker port web").stdout == "80/tcp -> 127.0.0.1:9000\n")
        #expect(docker("docker port web 80/tcp").stdout == "127.0.0.1:9000\n")
        #expect(docker("docker port web 81") == .failure("Error: No public port '81/tcp' published for web\n"))
        _ = docker("docker run alpine:3.21 true")
        let unconfirmed = docker("docker container prune")
        #expect(unconfirmed.stdout.hasPrefix("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] "))
        #expect(docker.engine.containers.all.count == 2)
        let pruned = docker("docker container prune -f")
        #expect(pruned.stdout.hasPrefix("Deleted Containers:\n"))
        #expect(pruned.stdout.hasSuffix("\nTotal reclaimed space: 0B\n"))
        #expect(docker.engine.containers.all.count == 1)
    }

    @Test func inspectOfAContainer() throws {
        var docker = Docker()
        _ = docker("docker run --name hi -e GREETING=hello alpine:3.21 echo hi")
        let state = docker(arguments: ["inspect", "--format", "{{.State.Status}} {{.State.ExitCode}} {{.Name}} {{.Path}} {{.Args}}", "hi"])
        #expect(state.stdout == "exited 0 /hi echo [hi]\n")
        let env = docker(arguments: ["inspect", "--format", "{{json .Config.Env}}", "hi"])
        #expect(env.stdout.contains("\"GREETING=hello\""))
        let json = docker("docker inspect hi")
        #expect(json.stdout.hasPrefix("[\n    {\n        \"Id\": \""))
        let missing = docker("docker inspect nope")
        #expect(missing.exitStatus != 0)
        #expect(missing.stderr.contains("No such object: nope"))
    }

    @Test func startRestartAndExec() {
        var docker = Docker()
        _ = docker("docker run -d --name w1 alpine:3.21 sleep 5")
        #expect(docker("docker exec w1 echo hi").stdout == "hi\n")
        #expect(docker("docker exec w1 nope").stderr == "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nope\": executable file not found in $PATH: unknown\n")
        docker.engine.clock.advance(by: 6)
        #expect(docker("docker ps -a --format {{.Status}}").stdout == "Exited (0) 1 second ago\n")
        #expect(docker("docker start w1") == .ok("w1\n"))
        #expect(docker("docker ps --format {{.Names}}").stdout == "w1\n")
        #expect(docker("docker restart w1") == .ok("w1\n"))
        let failed = docker("docker start ghost")
        #expect(failed.exitStatus == 1)
    }
}

/// Seeded random container command lines: never a crash, always a status, and the engine's
/// invariants hold after each command.
struct ContainerCommandFuzzTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomContainerCommandsNeverBreakTheEngine() {
        var rng = Generator(state: 42)
        var engine = EngineState()
        var host = HostContext(workspace: FileTree(entries: ["/app": .directory(), "/app/notes.txt": .file(.text("hi\n"))]), cwd: "/app")
        let commands = ["run", "run", "run", "ps", "logs", "stop", "start", "restart", "rm", "exec", "diff", "commit", "port", "container prune", "inspect",
                        "create", "kill", "rename", "cp", "top", "wait"]
        let words = ["-d", "-it", "-i", "--rm", "--name", "c1", "c2", "-e", "A=1", "-p", "8000:80", "-p", "abc", "-w", "/x", "-w", "rel", "-u", "nobody",
                     "--entrypoint", "", "alpine:3.21", "busybox", "nginx", "nosuch", "sh", "-c", "echo hi; exit 2", "sleep", "5", "ls", "/", "-a", "-q",
                     "--no-trunc", "-f", "--tail", "1", "-t", "80", "c1", "c2", "x:1", "-m", "msg", "true", "false", "cat", "/etc/os-release", "foo",
                     "-s", "TERM", "KILL", "-c", "CMD [\"true\"]", "-c", "RUN x", "c1:/tmp", "c2:/etc/hostname", "c1:/nope/x", "/app", ".", "notes.txt", "c3"]
        for _ in 0..<400 {
            let command = commands[Int(rng.next() % UInt64(commands.count))]
            var argv = command.split(separator: " ").map(String.init)
            for _ in 0..<Int(rng.next() % 6) { argv.append(words[Int(rng.next() % UInt64(words.count))]) }
            switch DockerParser.parse(argv) {
            case .output(let result):
                #expect(result.exitStatus != 0 || !result.stdout.isEmpty || result.stderr.isEmpty)
            case .command(let parsed):
                let result = DockerExecutor().run(parsed, engine: &engine, host: host)
                if let workspace = result.workspace { host.workspace = workspace }
                // Leave any attached shell, as a learner would with `exit`.
                if engine.containers.attachment != nil { _ = engine.runInAttachedShell("exit") }
                engine.clock.advance(by: Double(rng.next() % 4))
            }
            #expect(engine.checkInvariants() == [], "after docker \(argv.joined(separator: " "))")
        }
    }
}
