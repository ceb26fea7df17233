import DockerCLI
import Dockerfile
import Engine
import REPL
import Testing

/// The seed's example end to end, with `hello:1` built by the engine's builder (not through
/// `docker build`, which another branch wires): the app is in /hello-world, CMD overrides,
/// ENTRYPOINT with CMD as default arguments, the Flask server answering `curl`, and
/// `docker diff`/`docker commit` making a new layer. These are lesson 11's steps.
struct ContainerSeedFlowTests {
    static let app = "from flask import Flask\napp = Flask(__name__)\n\n@app.route(\"/\")\ndef hello():\n    return \"Hello, World!\"\n"

    func buildImage(_ engine: inout EngineState, _ dockerfile: String, files: [String: String] = [:], tag: String) throws {
        var tree = FileTree()
        tree.set("/Dockerfile", .file(.text(dockerfile)))
        for (path, text) in files { tree.set("/" + path, .file(.text(text))) }
        let document = try parseDockerfile(dockerfile)
        let result = engine.build(document, context: BuildContext(workspace: tree), options: Engine.BuildOptions(tags: [tag]))
        #expect(result.succeeded, "\(String(describing: result.failure))")
    }

    @Test func theSeedsHelloWorldRunsAndAnswers() throws {
        var shell = Shell()
        try buildImage(&shell.session.engine, """
            FROM python:3.13-slim
            WORKDIR /hello-world
            RUN pip3 install flask
            COPY app.py .
            CMD ["flask", "--app", "app", "run", "--host", "0.0.0.0"]
            """, files: ["app.py": Self.app], tag: "hello:1")

        let run = shell.run(line: "docker run -d --name web -p 5000:5000 hello:1")
        #expect(run.exitStatus == 0)
        #expect(shell.run(line: "curl localhost:5000").stdout == "Hello, World!")
        let logs = shell.run(line: "docker logs web").stdout
        #expect(logs.contains(" * Running on http://172.17.0.2:5000"))
        #expect(logs.contains("\"GET / HTTP/1.1\" 200 -"))

        // Jump inside: the shell starts in WORKDIR and finds app.py.
        #expect(shell.run(line: "docker run -it hello:1 sh").exitStatus == 0)
        #expect(shell.session.containerPrompt == "# ")
        #expect(shell.run(line: "pwd").stdout == "/hello-world\n")
        #expect(shell.run(line: "ls /hello-world").stdout == "app.py\n")
        #expect(shell.run(line: "exit").exitStatus == 0)

        // CMD override.
        #expect(shell.run(line: "docker run --name peek hello:1 ls /hello-world").stdout == "app.py\n")

        // What a container changes, committed as a new layer.
        #expect(shell.run(line: "docker run --name notes hello:1 sh -c 'echo remember > /hello-world/notes.txt'").exitStatus == 0)
        #expect(shell.run(line: "docker diff notes").stdout == "C /hello-world\nA /hello-world/notes.txt\n")
        let commit = shell.run(line: "docker commit notes hello:notes")
        #expect(commit.stdout.hasPrefix("sha256:"))
        let engine = shell.session.engine
        let base = try #require(engine.images.resolve("hello:1"))
        let notes = try #require(engine.images.resolve("hello:notes"))
        #expect(engine.images.images[notes]?.config.diffIDs.count == (engine.images.images[base]?.config.diffIDs.count ?? 0) + 1)
        #expect(engine.images.rootfs(of: notes)["/hello-world/notes.txt"] != nil)
        #expect(engine.images.images[notes]?.config.history.last?.createdBy == "sh -c echo remember > /hello-world/notes.txt")

        // rmi of an image a container uses is a conflict (the engine API docker rmi calls).
        let conflict = engine.imageRemovalConflict(base, reference: "hello:1", force: false)
        #expect(conflict?.description.hasPrefix("conflict: unable to remove repository reference \"hello:1\" (must force) - container ") == true)

        #expect(shell.run(line: "docker rm web").exitStatus == 1)
        #expect(shell.run(line: "docker stop web").stdout == "web\n")
        #expect(shell.run(line: "docker rm web").stdout == "web\n")
    }

    @Test func entrypointWithCmdAsDefaultArguments() throws {
        var shell = Shell()
        try buildImage(&shell.session.engine, "FROM alpine:3.20\nENTRYPOINT [\"echo\", \"Hello\"]\nCMD [\"world\"]\n", tag: "greet:1")
        #expect(shell.run(line: "docker run --name g1 greet:1").stdout == "Hello world\n")
        #expect(shell.run(line: "docker run --name g2 greet:1 Docker").stdout == "Hello Docker\n")
        #expect(shell.run(line: "docker run --entrypoint ls greet:1 /etc/alpine-release").stdout == "/etc/alpine-release\n")
        try buildImage(&shell.session.engine, "FROM alpine:3.20\nENTRYPOINT echo Hello\nCMD [\"ignored\"]\n", tag: "greet:2")
        #expect(shell.run(line: "docker run greet:2 also-ignored").stdout == "Hello\n")
    }
}
