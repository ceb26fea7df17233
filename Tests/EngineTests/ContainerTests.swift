import Dockerfile
@testable import Engine
import Testing

/// Builds `dockerfile` (BuildKit) and returns the engine and the image.
private func imageFrom(_ dockerfile: String, files: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> (EngineState, ImageID) {
    var state = EngineState()
    let result = try build(&state, dockerfile, files: files, builder: .buildKit, tags: ["t:1"], sourceLocation: sourceLocation)
    return (state, try #require(result.imageID, sourceLocation: sourceLocation))
}

/// The process a container created from the image would run (nil: "no command specified").
private func process(_ dockerfile: String, command: [String] = [], entrypoint: String? = nil) throws -> [String]? {
    var (state, id) = try imageFrom(dockerfile, files: ["a": "x"])
    var request = RunRequest(image: "t:1")
    request.command = command
    request.entrypoint = entrypoint
    do {
        let cid = try state.createContainer(request, imageID: id)
        let c = try #require(state.containers[cid])
        return c.commandLine
    } catch {
        #expect((error as? ContainerError) == .noCommand)
        return nil
    }
}

/// §9.1, one test per cell of the ENTRYPOINT x CMD table (columns: no ENTRYPOINT, shell-form
/// ENTRYPOINT, exec-form ENTRYPOINT; rows: no CMD, exec-form CMD, shell-form CMD).
@Suite struct EntrypointCmdTableTests {
    static let shellEntry = "ENTRYPOINT exec_entry p1_entry\n"
    static let execEntry = "ENTRYPOINT [\"exec_entry\", \"p1_entry\"]\n"
    static let execCmd = "CMD [\"exec_cmd\", \"p1_cmd\"]\n"
    static let shellCmd = "CMD exec_cmd p1_cmd\n"

    @Test func noCmdNoEntrypointIsAnError() throws {
        #expect(try process("FROM scratch\nCOPY a /a\n") == nil)
    }

    @Test func noCmdShellEntrypoint() throws {
        #expect(try process("FROM alpine:3.21\n" + Self.shellEntry) == ["/bin/sh", "-c", "exec_entry p1_entry"])
    }

    @Test func noCmdExecEntrypoint() throws {
        #expect(try process("FROM alpine:3.21\n" + Self.execEntry) == ["exec_entry", "p1_entry"])
    }

    @Test func execCmdNoEntrypoint() throws {
        #expect(try process("FROM scratch\nCOPY a /a\n" + Self.execCmd) == ["exec_cmd", "p1_cmd"])
    }

    /// The shell ignores the CMD words: they become `$0`, `$1` of `sh -c`.
    @Test func execCmdShellEntrypoint() throws {
        #expect(try process("FROM alpine:3.21\n" + Self.shellEntry + Self.execCmd) == ["/bin/sh", "-c", "exec_entry p1_entry", "exec_cmd", "p1_cmd"])
    }

    @Test func execCmdExecEntrypoint() throws {
        #expect(try process("FROM alpine:3.21\n" + Self.execEntry + Self.execCmd) == ["exec_entry", "p1_entry", "exec_cmd", "p1_cmd"])
    }

    @Test func shellCmdNoEntrypoint() throws {
        #expect(try process("FROM scratch\nCOPY a /a\n" + Self.shellCmd) == ["/bin/sh", "-c", "exec_cmd p1_cmd"])
    }

    @Test func shellCmdShellEntrypoint() throws {
        #expect(try process("FROM alpine:3.21\n" + Self.shellEntry + Self.shellCmd) == ["/bin/sh", "-c", "exec_entry p1_entry", "/bin/sh", "-c", "exec_cmd p1_cmd"])
    }

    @Test func shellCmdExecEntrypoint() throws {
        #expect(try process("FROM alpine:3.21\n" + Self.execEntry + Self.shellCmd) == ["exec_entry", "p1_entry", "/bin/sh", "-c", "exec_cmd p1_cmd"])
    }

    @Test func runArgumentsReplaceCmdOnly() throws {
        #expect(try process("FROM alpine:3.21\n" + Self.execEntry + Self.execCmd, command: ["x", "y"]) == ["exec_entry", "p1_entry", "x", "y"])
        #expect(try process("FROM alpine:3.21\n" + Self.execCmd, command: ["echo", "hi"]) == ["echo", "hi"])
    }

    @Test func entrypointFlagReplacesEntrypointAndDropsCmd() throws {
        #expect(try process("FROM alpine:3.21\n" + Self.execEntry + Self.execCmd, entrypoint: "ls") == ["ls"])
        #expect(try process("FROM alpine:3.21\n" + Self.execEntry + Self.execCmd, command: ["-l"], entrypoint: "ls") == ["ls", "-l"])
        #expect(try process("FROM alpine:3.21\n" + Self.execEntry + Self.execCmd, entrypoint: "") == nil)
    }
}

/// The container error `body` throws, or nil.
private func caught<T>(_ body: () throws -> T) -> ContainerError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? ContainerError
    }
}

@Suite struct ContainerLifecycleTests {
    func alpine() throws -> (EngineState, ImageID) {
        var state = EngineState()
        let id = try state.pullImage("alpine:3.21").get().imageID
        return (state, id)
    }

    func run(_ state: inout EngineState, _ id: ImageID, _ command: [String], name: String? = nil, publish: [String] = [], interactive: Bool = false) throws -> StartOutcome {
        var request = RunRequest(image: "alpine:3.21")
        request.command = command
        request.name = name
        request.publish = publish
        request.interactive = interactive
        let cid = try state.createContainer(request, imageID: id)
        return try state.startContainer(cid, attach: interactive)
    }

    @Test func shortLivedProcessesExitWithTheirStatus() throws {
        var (state, id) = try alpine()
        let hello = try run(&state, id, ["echo", "hello"])
        #expect(hello.output == ["hello"] && hello.exitCode == 0)
        let failing = try run(&state, id, ["sh", "-c", "echo oops; exit 3"])
        #expect(failing.output == ["oops"] && failing.exitCode == 3)
        #expect(state.containers[failing.containerID]?.state == .exited(code: 3))
        #expect(state.containers[failing.containerID]?.log.map(\.text) == ["oops"])
    }

    @Test func unknownProgramLeavesACreatedContainer() throws {
        var (state, id) = try alpine()
        let cid = try state.createContainer({ var r = RunRequest(image: "alpine:3.21"); r.command = ["foo"]; return r }(), imageID: id)
        let failure = caught { try state.startContainer(cid, attach: false) }
        #expect(failure == .cannotStart(detail: "exec: \"foo\": executable file not found in $PATH"))
        #expect(state.containers[cid]?.state == .created)
        #expect(ContainerError.cannotStart(detail: "exec: \"foo\": executable file not found in $PATH").runExitStatus == 127)
    }

    @Test func namesAreUniqueDeterministicAndNeverBoringWozniak() throws {
        var (a, id) = try alpine()
        var (b, _) = try alpine()
        var names: [String] = []
        for _ in 0..<40 {
            let x = try run(&a, id, ["true"])
            let y = try run(&b, id, ["true"])
            let nameA = try #require(a.containers[x.containerID]?.name)
            #expect(nameA == b.containers[y.containerID]?.name)
            names.append(nameA)
        }
        #expect(Set(names).count == names.count)
        #expect(!names.contains("boring_wozniak"))
        #expect(names.allSatisfy { $0.split(separator: "_").count >= 2 })
        #expect(ContainerNames.name(for: "x", taken: []) != "boring_wozniak")
    }

    @Test func nameConflictUsesDockersWording() throws {
        var (state, id) = try alpine()
        let first = try run(&state, id, ["true"], name: "x1")
        let failure = caught { try run(&state, id, ["true"], name: "x1") }
        #expect(failure == .nameInUse(name: "x1", id: first.containerID))
        // moby's name pattern wants two characters at least.
        #expect(caught { try run(&state, id, ["true"], name: "x") } == .invalidName("x"))
        #expect(ContainerError.nameInUse(name: "x", id: "abc").description == "Conflict. The container name \"/x\" is already in use by container \"abc\". You have to remove (or rename) that container to be able to reuse that name.")
    }

    @Test func writableLayerRecordsAddsChangesAndWhiteouts() throws {
        var (state, id) = try alpine()
        let out = try run(&state, id, ["sh", "-c", "mkdir /data && echo hi > /data/a.txt && rm /etc/hostname && echo x >> /etc/passwd"])
        #expect(out.exitCode == 0)
        let c = try #require(state.containers[out.containerID])
        #expect(c.upper[Whiteout.marker(for: "/etc/hostname")] != nil)
        let changes = state.changes(of: c).map { "\($0.kind.rawValue) \($0.path)" }
        #expect(changes == ["C /etc", "D /etc/hostname", "C /etc/passwd", "A /data", "A /data/a.txt"].sorted { $0.dropFirst(2) < $1.dropFirst(2) })
        // The image itself is untouched.
        #expect(state.images.rootfs(of: id)["/etc/hostname"] != nil)
        #expect(state.filesystem(of: c)["/etc/hostname"] == nil)
    }

    @Test func commitAddsOneLayerWithTheContainersChanges() throws {
        var (state, id) = try alpine()
        let out = try run(&state, id, ["sh", "-c", "echo remember > /notes.txt"])
        let newID = try state.commitContainer(out.containerID, reference: "notes:1", message: "my notes")
        let image = try #require(state.images.images[newID])
        let base = try #require(state.images.images[id])
        #expect(image.config.diffIDs.count == base.config.diffIDs.count + 1)
        #expect(image.parent == id)
        #expect(image.config.history.last?.createdBy == "sh -c echo remember > /notes.txt")
        #expect(image.config.history.last?.comment == "my notes")
        #expect(state.images.tags["notes:1"] == newID)
        #expect(state.images.rootfs(of: newID)["/notes.txt"] != nil)
        #expect(state.checkInvariants() == [])
        // Nothing changed: an empty-layer history entry, no new diff ID.
        let idle = try run(&state, id, ["true"])
        let same = try #require(state.images.images[try state.commitContainer(idle.containerID, reference: nil, message: nil)])
        #expect(same.config.diffIDs == base.config.diffIDs)
        #expect(same.config.history.last?.emptyLayer == true)
        #expect(state.checkInvariants() == [])
    }

    @Test func stopRemoveAndPrune() throws {
        var (state, id) = try alpine()
        let sleeper = try run(&state, id, ["sleep", "infinity"], name: "s1")
        #expect(state.containers[sleeper.containerID]?.isRunning == true)
        let failure = caught { try state.removeContainer(sleeper.containerID, force: false) }
        #expect(failure == .isRunning(name: "s1"))
        let before = state.clock.now
        let stopped = state.stopContainer(sleeper.containerID)
        #expect(stopped)
        #expect(state.containers[sleeper.containerID]?.state == .exited(code: 137))
        #expect(state.clock.now.secondsSince1970 - before.secondsSince1970 == 10)
        _ = try run(&state, id, ["true"])
        let running = try run(&state, id, ["sleep", "infinity"])
        let pruned = state.pruneContainers()
        #expect(pruned.count == 2)
        #expect(state.containers.all.map(\.id) == [running.containerID])
        #expect(state.checkInvariants() == [])
        try state.removeContainer(running.containerID, force: true)
        #expect(state.containers.all.isEmpty)
    }

    @Test func sleepEndsWhenTheClockPassesIt() throws {
        var (state, id) = try alpine()
        let out = try run(&state, id, ["sleep", "30"])
        #expect(out.exitCode == nil)
        state.clock.advance(by: 29)
        state.settleContainers()
        #expect(state.containers[out.containerID]?.isRunning == true)
        state.clock.advance(by: 2)
        state.settleContainers()
        #expect(state.containers[out.containerID]?.state == .exited(code: 0))
    }

    @Test func execNeedsARunningContainer() throws {
        var (state, id) = try alpine()
        let done = try run(&state, id, ["true"])
        let failure = caught { try state.execInContainer(done.containerID, command: ["ls"], env: [], workdir: nil, user: nil, interactive: false, attach: false) }
        #expect(failure == .notRunning(id: done.containerID))
        let live = try run(&state, id, ["sleep", "infinity"])
        let out = try state.execInContainer(live.containerID, command: ["sh", "-c", "echo $A > /a"], env: ["A=1"], workdir: nil, user: nil, interactive: false, attach: false)
        #expect(out.exitCode == 0)
        #expect(state.changes(of: try #require(state.containers[live.containerID])).map(\.path) == ["/a"])
    }

    @Test func attachedShellWritesTheWritableLayerAndExitStopsTheContainer() throws {
        var (state, id) = try alpine()
        let out = try run(&state, id, ["sh"], interactive: true)
        #expect(out.attached)
        #expect(state.attachedPrompt == "/ # ")
        _ = state.runInAttachedShell("mkdir /w && cd /w")
        #expect(state.attachedPrompt == "/w # ")
        let echo = state.runInAttachedShell("echo hi > f && cat f")
        #expect(echo.output == ["hi"] && !echo.ended)
        let exit = state.runInAttachedShell("exit 5")
        #expect(exit.ended && exit.status == 5)
        #expect(state.containers.attachment == nil)
        let c = try #require(state.containers[out.containerID])
        #expect(c.state == .exited(code: 5))
        #expect(state.filesystem(of: c)["/w/f"] != nil)
        #expect(state.checkInvariants() == [])
    }

    /// Found by the session fuzzer: after `docker rmi -f` deleted the image a stopped
    /// container was made from, committing that container made an image whose parent did
    /// not exist. moby reads the parent image first and fails.
    @Test func committingAContainerWhoseImageWasForceRemovedFails() throws {
        var (state, id) = try alpine()
        let out = try run(&state, id, ["sh", "-c", "echo remember > /notes.txt"])
        _ = try state.images.remove(id.digest.string, force: true)
        #expect(state.images.images[id] == nil)
        let before = state
        let failure = caught { try state.commitContainer(out.containerID, reference: "notes:1", message: nil) }
        #expect(failure == .imageGone(id))
        #expect(failure?.description == "failed to get digest \(id.digest.string): open /var/lib/docker/image/overlay2/imagedb/content/sha256/\(id.digest.hex): no such file or directory")
        #expect(state.images == before.images)
        #expect(state.checkInvariants() == [])
    }

    @Test func rmiConflictsFollowTheDaemon() throws {
        var (state, id) = try alpine()
        #expect(state.imageRemovalConflict(id, reference: "alpine:3.21", force: false) == nil)
        let stopped = try run(&state, id, ["true"])
        let short = String(stopped.containerID.prefix(12))
        #expect(state.containersUsing(id).map(\.id) == [stopped.containerID])
        #expect(state.imageRemovalConflict(id, reference: "alpine:3.21", force: false)?.description
                == "conflict: unable to remove repository reference \"alpine:3.21\" (must force) - container \(short) is using its referenced image \(id.short)")
        #expect(state.imageRemovalConflict(id, reference: id.short, force: false)?.description
                == "conflict: unable to delete \(id.short) (must be forced) - image is being used by stopped container \(short)")
        #expect(state.imageRemovalConflict(id, reference: id.short, force: true) == nil)
        let running = try run(&state, id, ["sleep", "infinity"])
        #expect(state.imageRemovalConflict(id, reference: id.short, force: true)?.description
                == "conflict: unable to delete \(id.short) (cannot be forced) - image is being used by running container \(running.containerID.prefix(12))")
    }

    @Test func portsArePublishedAndConflictsRefused() throws {
        var (state, id) = try alpine()
        let first = try run(&state, id, ["sleep", "infinity"], publish: ["8000:80", "127.0.0.1:9000:90/udp", "70"])
        let c = try #require(state.containers[first.containerID])
        #expect(c.ports.map(\.hostPort) == [8000, 8000, 9000, 32768, 32768])
        #expect(c.ports[2].hostIP == "127.0.0.1" && c.ports[2].proto == "udp")
        let allocated = caught { try run(&state, id, ["true"], publish: ["8000:80"]) }
        if case .portAllocated(_, _, "0.0.0.0", 8000)? = allocated {} else { Issue.record("port 8000 should be allocated") }
        let failure = caught { try run(&state, id, ["true"], publish: ["abc"]) }
        #expect(failure == .invalidPort("abc"))
        // Published, but nothing listens on the container side.
        let reset = state.httpRequest(port: 8000, path: "/")
        let refused = state.httpRequest(port: 8001, path: "/")
        #expect(reset == .reset && refused == .refused)
    }
}

@Suite struct ContainerServerTests {
    static let app = """
        from flask import Flask
        app = Flask(__name__)

        @app.route("/")
        def hello():
            return "Hello, World!"

        @app.route('/bye')
        def bye():
            # a comment
            return 'Bye!'

        if __name__ == "__main__":
            app.run(host="0.0.0.0", port=8000)
        """

    @Test func flaskRoutesAndRunCallAreRead() {
        let source = PythonSource(Self.app)
        #expect(source.usesFlask && source.flaskImportLine == 1)
        #expect(source.routes.map(\.path) == ["/", "/bye"])
        #expect(source.routes.map(\.body) == ["Hello, World!", "Bye!"])
        #expect(source.runCall?.host == "0.0.0.0" && source.runCall?.port == 8000)
    }

    func runtime(_ files: [String: String]) throws -> ContainerRuntime {
        var state = EngineState()
        let id = try state.pullImage("python:3.13-slim").get().imageID
        var fs = state.images.rootfs(of: id)
        for (path, text) in files { fs.set(path, .file(.text(text))) }
        return ContainerRuntime(filesystem: fs, environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"], workingDirectory: "/app", user: "root",
                                interactive: false, now: SimulatedClock.fixedStart, ipAddress: "172.17.0.2", containerID: "abc")
    }

    @Test func pythonAppRunsFlaskWhenInstalled() throws {
        let without = try runtime(["/app/app.py": Self.app]).start(["python", "app.py"])
        #expect(without.exitCode == 1 && without.output.last == "ModuleNotFoundError: No module named 'flask'")
        let with = try runtime(["/app/app.py": Self.app, "/usr/local/lib/python3.13/site-packages/flask/__init__.py": ""]).start(["python", "app.py"])
        #expect(with.exitCode == nil)
        #expect(with.server == ServerProcess(kind: .flask, listenHost: "0.0.0.0", port: 8000, appFile: "/app/app.py"))
        #expect(with.output.contains(" * Running on http://172.17.0.2:8000"))
        let shellForm = try runtime(["/app/app.py": Self.app, "/usr/local/lib/python3.13/site-packages/flask/__init__.py": ""]).start(["/bin/sh", "-c", "python app.py"])
        #expect(shellForm.server?.kind == .flask)
    }

    @Test func plainScriptsPrintAndExit() throws {
        let run = try runtime(["/app/hi.py": "print(\"hi\")\nprint('there')\n"]).start(["python3", "hi.py"])
        #expect(run.output == ["hi", "there"] && run.exitCode == 0)
        let missing = try runtime([:]).start(["python", "nope.py"])
        #expect(missing.exitCode == 2 && missing.output == ["python: can't open file '/app/nope.py': [Errno 2] No such file or directory"])
    }

    @Test func nodeServerListensAndAnswers() {
        let js = JavaScriptSource("const http = require('http');\nconst port = 3000;\nhttp.createServer((req, res) => res.end('hello from node')).listen(port, () => console.log(`listening on ${port}`));\n", environment: [:])
        #expect(js.listenPort == 3000)
        #expect(js.logLines(port: 3000) == ["listening on 3000"])
        #expect(js.responseBody == "hello from node")
    }
}
