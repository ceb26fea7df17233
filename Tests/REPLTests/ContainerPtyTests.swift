import Foundation
import Testing

/// The container shell in a real pseudo-terminal (tmux, helpers in PtyTests.swift): the
/// prompt switches to the container's, Ctrl-C keeps the container shell, `exit` and Ctrl-D
/// return to Dockyard. `hello:1` is made with `docker commit` (python:3.13-slim plus
/// /hello-world/app.py), so the test does not depend on `docker build`.
@Suite(.serialized, .enabled(if: Tmux.path != nil, "tmux is not installed: pseudo-terminal tests skipped"))
struct ContainerPtyTests {
    @Test func runItOpensAContainerPromptAndExitReturns() throws {
        let tmux = try Tmux()
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        tmux.send(literal: "docker run -it --name maker python:3.13-slim sh")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lastLine == "#" }
        tmux.send(literal: "mkdir /hello-world && echo 'print(1)' > /hello-world/app.py")
        tmux.send(keys: "Enter")
        tmux.send(literal: "exit")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lastLine == "dockyard:/app>" }
        tmux.send(literal: "docker commit maker hello:1")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains { $0.hasPrefix("sha256:") } }

        tmux.send(literal: "docker run -it hello:1 sh")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lastLine == "#" }
        tmux.send(literal: "ls /hello-world")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains("app.py") }
        // Ctrl-C drops the half-typed line; the container shell stays.
        tmux.send(literal: "echo never-run")
        tmux.send(keys: "C-c")
        try tmux.waitFor { $0.contains("^C") }
        tmux.send(literal: "echo still-inside")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains("still-inside") && $0.lastLine == "#" }
        #expect(!tmux.capture().lines.contains("never-run"))
        tmux.send(literal: "exit")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lastLine == "dockyard:/app>" }
        tmux.send(literal: "docker ps -a --format '{{.Image}} {{.Status}}'")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains { $0.hasPrefix("hello:1 Exited (0)") } }
        #expect(!tmux.capture().contains("[dockyard exited"))
    }

    @Test func ctrlDLeavesTheContainerNotDockyard() throws {
        let tmux = try Tmux()
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        tmux.send(literal: "docker run -it alpine:3.21 sh")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lastLine == "/ #" }
        tmux.send(literal: "cd /tmp")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lastLine == "/tmp #" }
        tmux.send(keys: "C-d")
        try tmux.waitFor { $0.lastLine == "dockyard:/app>" }
        tmux.send(literal: "pwd")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains("/app") }
        #expect(!tmux.capture().contains("[dockyard exited"))
    }
}
