import DockerCLI
import Engine
import Testing

/// docker create, kill, rename, cp, top, wait and commit --change/--author, through the
/// parser and executor.
struct ContainerOpsCommandTests {
    typealias Docker = ContainerCommandTests.Docker

    static func workspace() -> HostContext {
        HostContext(workspace: FileTree(entries: [
            "/app": .directory(), "/app/note.txt": .file(.text("hello\n")),
            "/app/site": .directory(), "/app/site/index.html": .file(.text("<h1>hi</h1>\n")),
        ]), cwd: "/app")
    }

    static func id(of name: String, _ docker: Docker) -> String {
        docker.engine.containers.find(name)?.id ?? ""
    }

    @Test func rootHelpListsTheNewCommandsInOrder() {
        var docker = Docker()
        let help = docker("docker --help").stdout
        #expect(help.contains("""
              commit      Create a new image from a container's changes
              cp          Copy files/folders between a container and the local filesystem
              create      Create a new container
              diff        Inspect changes to files or directories on a container's filesystem

            """))
        #expect(help.contains("  kill        Kill one or more running containers\n  logs"))
        #expect(help.contains("  top         Display the running processes of a container\n  wait        Block until one or more containers stop, then print their exit codes\n\nGlobal Options:"))
    }

    // MARK: create

    @Test func createPrintsTheIDAndStartRunsIt() {
        var docker = Docker()
        let create = docker("docker create --name greeter alpine:3.21 echo hi")
        #expect(create.exitStatus == 0 && create.stdout.count == 65)
        #expect(create.stderr.hasPrefix("Unable to find image 'alpine:3.21' locally\n"))
        #expect(docker("docker ps -a --format {{.Names}}:{{.Status}}").stdout == "greeter:Created\n")
        #expect(docker("docker ps -q").stdout == "")
        #expect(docker("docker start -a greeter") == .ok("hi\n"))
        #expect(docker("docker ps -a --format {{.Status}}").stdout == "Exited (0) Less than a second ago\n")
        // The management spelling is the same command.
        #expect(docker("docker container create alpine:3.21 true").stdout.count == 65)
    }

    @Test func createErrorsArePlainDaemonErrors() {
        var docker = Docker()
        _ = docker("docker create --name web1 alpine:3.21 true")
        let taken = docker("docker create --name web1 alpine:3.21 true")
        #expect(taken.exitStatus == 1)
        #expect(taken.stderr == "Error response from daemon: Conflict. The container name \"/web1\" is already in use by container \"\(Self.id(of: "web1", docker))\". You have to remove (or rename) that container to be able to reuse that name.\n")
        #expect(docker("docker create -p abc alpine:3.21 true") == .failure("docker: invalid containerPort: abc\n\nRun 'docker create --help' for more information\n", status: 125))
        let unknown = docker("docker create nosuch")
        #expect(unknown == .failure("Unable to find image 'nosuch:latest' locally\nError response from daemon: pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n"))
        // `--detach` belongs to `docker run` only.
        #expect(docker("docker create -d alpine:3.21").stderr.hasPrefix("unknown shorthand flag: 'd' in -d\n"))
        #expect(docker.engine.checkInvariants() == [])
    }

    // MARK: kill

    @Test func killSendsSIGKILLAndRecords137() {
        var docker = Docker()
        _ = docker("docker run -d --name sleeper alpine:3.21 sleep infinity")
        #expect(docker("docker kill sleeper") == .ok("sleeper\n"))
        #expect(docker("docker ps -a --format {{.Status}}").stdout == "Exited (137) Less than a second ago\n")
        #expect(docker("docker inspect -f {{.State.ExitCode}} sleeper").stdout == "137\n")
        let again = docker("docker kill sleeper")
        #expect(again == .failure("Error response from daemon: cannot kill container: sleeper: container \(Self.id(of: "sleeper", docker)) is not running\n"))
        #expect(docker("docker kill ghost") == .failure("Error response from daemon: cannot kill container: ghost: No such container: ghost\n"))
    }

    @Test func killWithASignalTheProcessIgnoresOrHandles() {
        var docker = Docker()
        _ = docker("docker run -d --name sleeper alpine:3.21 sleep infinity")
        let ignored = docker("docker kill -s TERM sleeper")
        #expect(ignored.stdout == "sleeper\n" && ignored.exitStatus == 0)
        #expect(ignored.stderr.hasPrefix("dockyard: sleeper ignored SIGTERM and keeps running"))
        #expect(docker("docker ps --format {{.Names}}").stdout == "sleeper\n")
        _ = docker("docker run -d --name web1 nginx")
        #expect(docker("docker kill -s HUP web1") == .ok("web1\n"))
        #expect(docker("docker logs web1").stdout.hasSuffix("[notice] 1#1: signal 1 (SIGHUP) received, reconfiguring\n"))
        #expect(docker("docker kill -s STOP sleeper").stderr.hasPrefix("dockyard: SIGSTOP froze sleeper's main process"))
        let nginx = docker("docker container kill --signal=SIGQUIT web1")
        #expect(nginx == .ok("web1\n"))
        #expect(docker("docker ps -a --filter name=web1 --format {{.Status}}").stdout == "Exited (0) Less than a second ago\n")
        #expect(docker("docker logs web1").stdout.hasSuffix("[notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n"))
        #expect(docker("docker kill -s FOO sleeper") == .failure("Error response from daemon: cannot kill container: sleeper: Invalid signal: FOO\n"))
        #expect(docker("docker kill -s 32 sleeper") == .failure("Error response from daemon: cannot kill container: sleeper: the linux daemon does not support signal 32\n"))
        // The signal is checked before the container is looked up.
        #expect(docker("docker kill -s 0 ghost").stderr == "Error response from daemon: cannot kill container: ghost: Invalid signal: 0\n")
        let mixed = docker("docker kill -s 9 sleeper ghost")
        #expect(mixed.stdout == "sleeper\n" && mixed.exitStatus == 1)
        #expect(mixed.stderr == "Error response from daemon: cannot kill container: ghost: No such container: ghost\n")
    }

    // MARK: rename

    @Test func renameAndItsErrors() {
        var docker = Docker()
        _ = docker("docker run -d --name one alpine:3.21 sleep infinity")
        _ = docker("docker create --name two alpine:3.21 true")
        #expect(docker("docker rename one first") == .ok())
        #expect(docker("docker ps --format {{.Names}}").stdout == "first\n")
        #expect(docker("docker inspect -f {{.Name}} first").stdout == "/first\n")
        let twoID = Self.id(of: "two", docker)
        #expect(docker("docker rename first two") == .failure("Error response from daemon: Error when allocating new name: Conflict. The container name \"/two\" is already in use by container \"\(twoID)\". You have to remove (or rename) that container to be able to reuse that name.\nError: failed to rename container named first\n"))
        #expect(docker("docker rename first first").stderr == "Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named first\n")
        #expect(docker("docker rename first x").stderr == "Error response from daemon: Error when allocating new name: Invalid container name (/x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\nError: failed to rename container named first\n")
        #expect(docker("docker rename ghost other").stderr == "Error response from daemon: No such container: ghost\nError: failed to rename container named ghost\n")
        #expect(docker(arguments: ["rename", "first", " "]) == .failure("Error: Neither old nor new names may be empty\n"))
        #expect(docker("docker rename first").stderr.hasPrefix("docker: 'docker rename' requires 2 arguments\n\nUsage:  docker rename CONTAINER NEW_NAME\n"))
        #expect(docker.engine.checkInvariants() == [])
    }

    // MARK: cp

    @Test func copyIntoAContainerFollowsDockersDestinationRules() {
        var docker = Docker(host: Self.workspace())
        _ = docker("docker run -d --name box alpine:3.21 sleep infinity")
        #expect(docker("docker cp note.txt box:/tmp") == .ok())
        #expect(docker("docker cp note.txt box:/tmp/renamed.txt") == .ok())
        #expect(docker("docker cp site box:/srv") == .ok())
        #expect(docker("docker cp site/. box:/srv") == .ok())
        #expect(docker("docker cp ./site box:/srv") == .ok())
        #expect(docker("docker exec box cat /tmp/note.txt /tmp/renamed.txt").stdout == "hello\nhello\n")
        #expect(docker("docker diff box").stdout == """
            A /srv
            A /srv/index.html
            A /srv/site
            A /srv/site/index.html
            C /tmp
            A /tmp/note.txt
            A /tmp/renamed.txt

            """)
        #expect(docker("docker cp note.txt box:/nope/x") == .failure("Error response from daemon: Could not find the file /nope in container box\n"))
        #expect(docker("docker cp note.txt box:/tmp/note.txt/x") == .failure("Error response from daemon: extraction point is not a directory\n"))
        #expect(docker("docker cp note.txt box:/tmp/newdir/") == .failure("no such directory\n"))
        #expect(docker("docker cp site box:/tmp/note.txt") == .failure("cannot copy directory\n"))
        #expect(docker("docker cp nothere box:/tmp") == .failure("lstat /app/nothere: no such file or directory\n"))
        #expect(docker("docker cp note.txt ghost:/tmp") == .failure("Error response from daemon: No such container: ghost\n"))
        #expect(docker.engine.checkInvariants() == [])
    }

    @Test func copyFollowsLinksInTheContainerPath() {
        var docker = Docker(host: Self.workspace())
        _ = docker("docker run -d --name box alpine:3.21 sleep infinity")
        _ = docker("docker exec box mkdir /srv")
        _ = docker("docker exec box ln -s /srv /data")
        // A link at the destination is followed (the CLI), and so are links inside it (the daemon).
        #expect(docker("docker cp note.txt box:/data") == .ok())
        #expect(docker("docker cp note.txt box:/data/second.txt") == .ok())
        #expect(docker("docker exec box ls /srv").stdout == "note.txt\nsecond.txt\n")
        #expect(docker("docker exec box readlink /data").stdout == "/srv\n")
        // Copying the link out copies the link; -L copies what it points to.
        _ = docker("docker cp box:/data link")
        guard case .symlink("/srv")? = docker.host.workspace["/app/link"]?.kind else {
            Issue.record("expected the link itself")
            return
        }
        _ = docker("docker cp -L box:/data followed")
        #expect(docker.host.workspace["/app/followed/note.txt"] == .file(.text("hello\n")))
    }

    @Test func copyOutOfAContainerWritesTheWorkspace() {
        var docker = Docker(host: Self.workspace())
        _ = docker(arguments: ["run", "--name", "maker", "alpine:3.21", "sh", "-c", "mkdir -p /out && echo made > /out/result.txt"])
        let copy = docker("docker cp maker:/out/result.txt .")
        #expect(copy.exitStatus == 0 && copy.stdout.isEmpty && copy.stderr.isEmpty && copy.workspace != nil)
        #expect(docker.host.workspace["/app/result.txt"] == .file(.text("made\n")))
        _ = docker("docker cp maker:/out copied")
        #expect(docker.host.workspace["/app/copied/result.txt"] == .file(.text("made\n")))
        _ = docker("docker cp maker:/out/result.txt site/renamed.txt")
        #expect(docker.host.workspace["/app/site/renamed.txt"] == .file(.text("made\n")))
        #expect(docker("docker cp maker:/nope .") == .failure("Error response from daemon: Could not find the file /nope in container maker\n"))
        #expect(docker("docker cp maker:/out/result.txt missing/x") == .failure("stat /app/missing: no such file or directory\n"))
        // A stopped container still has its files.
        #expect(docker("docker ps -q").stdout == "")
    }

    @Test func copySummaryOnlyAtATerminalOrWhenAskedFor() {
        var docker = Docker(host: Self.workspace())
        _ = docker("docker run -d --name box alpine:3.21 sleep infinity")
        // 512-byte header, 6 bytes padded to 512, 1024 bytes of end blocks.
        #expect(docker("docker cp -q=false note.txt box:/tmp/") == CommandResult(stderr: "Successfully copied 2.05kB to box:/tmp/\n"))
        docker.host.isTerminal = true
        #expect(docker("docker cp box:/tmp/note.txt back.txt").stderr == "Successfully copied 2.05kB to /app/back.txt\n")
        #expect(docker("docker cp site box:/srv").stderr == "Successfully copied 2.56kB to box:/srv\n")
        #expect(docker("docker cp -q site box:/srv2").stderr == "")
    }

    @Test func copyArgumentErrors() {
        var docker = Docker(host: Self.workspace())
        #expect(docker("docker cp a b") == .failure("must specify at least one container source\n"))
        #expect(docker("docker cp a:/x b:/y") == .failure("copying between containers is not supported\n"))
        #expect(docker("docker cp ./odd:name /tmp") == .failure("must specify at least one container source\n"))
        #expect(docker(arguments: ["cp", "", "b:/"]) == .failure("source can not be empty\n"))
        #expect(docker("docker cp - box:/tmp").stderr.hasPrefix("dockyard: `docker cp` with `-`"))
        let help = docker("docker cp --help").stdout
        #expect(help.hasPrefix("\nUsage:  docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH\n\nCopy files/folders between a container and the local filesystem\n\nUse '-' as the source"))
        #expect(help.contains("  -L, --follow-link   Always follow symbol link in SRC_PATH\n"))
    }

    // MARK: top

    @Test func topShowsTheHostView() {
        var docker = Docker()
        _ = docker("docker run -d --name sleeper alpine:3.21 sleep infinity")
        let top = docker("docker top sleeper").stdout.split(separator: "\n")
        #expect(top.count == 2)
        #expect(top[0] == "UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD")
        let cells = top[1].split(separator: " ").map(String.init)
        #expect(cells.count == 9 && cells[0] == "root" && Int(cells[1]) != nil && Int(cells[2]) != nil)
        #expect(Array(cells[3...]) == ["0", "09:00", "?", "00:00:00", "sleep", "infinity"])
        let pid = cells[1]
        docker.engine.clock.advance(by: 5)
        _ = docker("docker restart sleeper")
        #expect(docker("docker top sleeper").stdout.split(separator: "\n")[1].split(separator: " ")[1] != pid)
        // Inside, the same main process is PID 1 and the exec'd `ps` comes next.
        #expect(docker("docker exec sleeper ps").stdout == "PID   USER     TIME  COMMAND\n    1 root     0:00 sleep infinity\n    7 root     0:00 ps\n")
        let web = docker("docker run -d --name web1 nginx")
        #expect(web.exitStatus == 0)
        let nginx = docker("docker container top web1").stdout
        #expect(nginx.contains("nginx: master process nginx -g daemon off;\n"))
        #expect(nginx.split(separator: "\n").filter { $0.hasSuffix("nginx: worker process") }.count == 2)
        _ = docker("docker stop sleeper")
        #expect(docker("docker top sleeper") == .failure("Error response from daemon: container \(Self.id(of: "sleeper", docker)) is not running\n"))
        #expect(docker("docker top web1 aux").stderr.hasPrefix("dockyard: `ps` options for `docker top` are not simulated"))
        #expect(docker("docker top ghost") == .failure("Error response from daemon: No such container: ghost\n"))
    }

    // MARK: wait

    @Test func waitPrintsExitCodesAndNeverHangs() {
        var docker = Docker()
        _ = docker(arguments: ["run", "--name", "failing", "alpine:3.21", "sh", "-c", "exit 3"])
        _ = docker("docker create --name fresh alpine:3.21 true")
        _ = docker("docker run -d --name nap alpine:3.21 sleep 30")
        let start = docker.engine.clock.now
        #expect(docker("docker wait failing fresh nap") == .ok("3\n0\n0\n"))
        // Waiting for `sleep 30` lets 30 seconds pass on the virtual clock.
        #expect(docker.engine.clock.now.secondsSince1970 - start.secondsSince1970 >= 29.9)
        _ = docker("docker run -d --name forever alpine:3.21 sleep infinity")
        let blocked = docker("docker container wait forever ghost failing")
        #expect(blocked.stdout == "3\n" && blocked.exitStatus == 1)
        #expect(blocked.stderr == "dockyard: `docker wait forever` would block here until forever stops, and it does not stop by itself; stop it first (`docker stop forever` or `docker kill forever`), then wait prints its exit code\nError response from daemon: No such container: ghost\n")
        _ = docker("docker kill forever")
        #expect(docker("docker wait forever") == .ok("137\n"))
    }

    // MARK: commit --change / --author

    @Test func commitChangesEditTheNewImagesConfig() {
        var docker = Docker()
        _ = docker(arguments: ["run", "--name", "box", "alpine:3.21", "sh", "-c", "echo hi > /greeting"])
        let commit = docker(arguments: ["commit", "-c", "CMD [\"cat\", \"/greeting\"]", "--change", "ENV GREETING=hello", "-c", "LABEL who=$GREETING",
                                        "-c", "WORKDIR data", "-c", "EXPOSE 8080", "-c", "USER nobody", "-a", "Ada <ada@example.com>", "-m", "added", "box", "greet:1"])
        #expect(commit.exitStatus == 0 && commit.stdout.hasPrefix("sha256:"))
        let format = "{{.Author}}|{{.Config.Cmd}}|{{.Config.Env}}|{{.Config.Labels}}|{{.Config.WorkingDir}}|{{.Config.ExposedPorts}}|{{.Config.User}}"
        #expect(docker(arguments: ["inspect", "-f", format, "greet:1"]).stdout
                == "Ada <ada@example.com>|[cat /greeting]|[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin GREETING=hello]|map[who:hello]|/data|map[8080/tcp:{}]|nobody\n")
        #expect(docker("docker run --rm greet:1").stdout == "hi\n")
        // Inspect's Comment falls back to the last history entry's: the commit message.
        #expect(docker("docker image inspect -f {{.Comment}} greet:1").stdout == "added\n")
        // CREATED BY is the container's CMD; the message is the COMMENT.
        let history = docker("docker history --no-trunc --format {{.CreatedBy}}|{{.Comment}} greet:1").stdout
        #expect(history.hasPrefix("sh -c echo hi > /greeting|added\n"))
        guard let id = docker.engine.images.resolve("greet:1"), let image = docker.engine.images.images[id] else {
            Issue.record("no image")
            return
        }
        #expect(image.config.author == "Ada <ada@example.com>")
        #expect(image.config.history.last?.author == "Ada <ada@example.com>")
        let json = String(decoding: image.config.canonicalJSON(), as: UTF8.self)
        #expect(json.hasPrefix("{\"architecture\":\"amd64\",\"author\":\"Ada \\u003cada@example.com\\u003e\",\"config\":"))
        // The container's own config is unchanged.
        #expect(docker("docker inspect -f {{.Config.Cmd}} box").stdout == "[sh -c echo hi > /greeting]\n")
    }

    @Test func commitChangeErrorsAndEntrypointRule() {
        var docker = Docker()
        _ = docker("docker run --name box alpine:3.21 true")
        #expect(docker(arguments: ["commit", "-c", "RUN echo no", "box"]) == .failure("Error response from daemon: run is not a valid change command\n"))
        #expect(docker(arguments: ["commit", "-c", "CMD [\"x\"]", "-c", "Maintainer me", "box"]) == .failure("Error response from daemon: maintainer is not a valid change command\n"))
        #expect(docker(arguments: ["commit", "-c", "ENV", "box"]) == .failure("Error response from daemon: ENV requires at least one argument\n"))
        #expect(docker(arguments: ["commit", "-c", "", "box"]) == .failure("Error response from daemon: file with no instructions\n"))
        #expect(docker(arguments: ["commit", "-c", "STOPSIGNAL SIGINT", "-c", "VOLUME /v", "--pause=false", "box", "s:1"]).exitStatus == 0)
        #expect(docker("docker inspect -f {{.Config.StopSignal}}|{{.Config.Volumes}} s:1").stdout == "SIGINT|map[/v:{}]\n")
        // ENTRYPOINT clears the inherited CMD unless CMD is among the changes before it.
        _ = docker(arguments: ["commit", "-c", "ENTRYPOINT [\"echo\"]", "box", "ep:1"])
        #expect(docker("docker inspect -f {{.Config.Entrypoint}}|{{.Config.Cmd}} ep:1").stdout == "[echo]|[]\n")
        _ = docker(arguments: ["commit", "-c", "CMD [\"hi\"]", "-c", "ENTRYPOINT [\"echo\"]", "box", "ep:2"])
        #expect(docker("docker run --rm ep:2").stdout == "hi\n")
        #expect(docker.engine.checkInvariants() == [])
    }
}
