import DockerCLI
@testable import Lessons

/// An in-memory `LessonHost` for tests: state is set directly; REPL lines run through a table
/// of scripted commands so runner and verifier tests can change the world "by typing".
struct FakeWorld: LessonHost {
    var images: [String: LessonImage] = [:]
    var imageFiles: [String: Set<String>] = [:]
    var dangling = 0
    var build: LessonBuild?
    var workspace: [String: LessonWorkspaceEntry] = [:]
    var registries: [String: String] = [:]
    var logins: Set<String> = []
    var containerList: [LessonContainer] = []

    var scripts: [String: @Sendable (inout FakeWorld) -> CommandResult] = [:]
    var linesRun: [String] = []
    var freshCount = 0

    // MARK: LessonWorld

    func image(_ reference: String) -> LessonImage? {
        let ref = reference.contains(":") ? reference : reference + ":latest"
        return images[ref] ?? images.values.first { $0.id.hasPrefix("sha256:" + reference) && reference.count >= 4 }
    }
    func imageHasFile(_ reference: String, path: String) -> Bool {
        imageFiles[reference.contains(":") ? reference : reference + ":latest"]?.contains(path) ?? false
    }
    func danglingImageCount() -> Int { dangling }
    func lastBuild() -> LessonBuild? { build }
    func workspaceFile(_ path: String) -> LessonWorkspaceEntry? {
        workspace[path.hasPrefix("/") ? path : "/app/" + path]
    }
    func registryImageID(registry: String, repository: String, tag: String) -> String? {
        registries["\(registry)/\(repository):\(tag)"]
    }
    func isLoggedIn(registry: String) -> Bool { logins.contains(registry) }
    func containers() -> [LessonContainer] { containerList }

    // MARK: LessonActions

    mutating func startFresh() {
        let keep = (scripts, freshCount + 1, linesRun)
        self = FakeWorld()
        (scripts, freshCount, linesRun) = keep
    }
    mutating func writeWorkspaceFile(path: String, contents: String) -> CommandResult {
        workspace[path.hasPrefix("/") ? path : "/app/" + path] = .file(contents)
        return .ok()
    }
    mutating func ensureImage(_ reference: String) -> CommandResult {
        if reference == "nosuch:1" { return .failure("Error response from daemon: pull access denied for nosuch\n") }
        images[reference] = LessonImage(id: "sha256:" + String(repeating: "b", count: 64), layers: [FakeWorld.id("1")], size: 7_800_000)
        return .ok()
    }
    mutating func runLine(_ line: String) -> CommandResult {
        linesRun.append(line)
        guard let script = scripts[line] else { return .failure("unknown command: \(line)\n", status: 127) }
        return script(&self)
    }

    static func id(_ c: Character) -> String { "sha256:" + String(repeating: c, count: 64) }

    /// The seed's image, built with BuildKit.
    static var withHello: FakeWorld {
        var world = FakeWorld()
        world.images["hello:1"] = LessonImage(
            id: id("a"), layers: ["1", "2", "3", "4", "5", "6"].map { id(Character($0)) }, size: 163_000_000,
            config: LessonImageConfig(cmd: ["flask", "--app", "app", "run", "--host", "0.0.0.0"],
                                      workingDir: "/hello-world", env: ["PATH=/usr/local/bin:/usr/bin", "LANG=C.UTF-8"],
                                      exposedPorts: ["5000/tcp"], labels: ["version": "1"]),
            history: ["CMD [\"python3\"]", "WORKDIR /hello-world", "RUN /bin/sh -c pip3 install flask # buildkit", "COPY app.py . # buildkit"])
        world.imageFiles["hello:1"] = ["/hello-world/app.py", "/usr/local/bin/python3"]
        world.build = LessonBuild(succeeded: true, builder: .buildkit, steps: [
            .init(number: 1, instruction: "FROM docker.io/library/python:3.13-slim", reused: true),
            .init(number: 2, instruction: "WORKDIR /hello-world", reused: true),
            .init(number: 3, instruction: "RUN pip3 install flask", reused: false),
            .init(number: 4, instruction: "COPY app.py .", reused: false),
        ])
        world.workspace["/app/app.py"] = .file("from flask import Flask\napp = Flask(__name__)\n")
        world.workspace["/app/Dockerfile"] = .file("FROM python:3.13-slim\nWORKDIR hello-world\nRUN pip3 install flask\nCOPY app.py .\n")
        world.workspace["/app/src"] = .directory
        return world
    }
}
