@testable import DockerCLI
import Dockerfile
import Engine
import Testing

/// Builds a Dockerfile with the real simulated shell against a workspace of text files, the
/// way `docker build -t TAG .` does in the REPL.
@discardableResult
func teachingBuild(_ state: inout EngineState, _ dockerfile: String, files: [String: String] = [:], builder: Engine.BuilderKind = .buildKit, tags: [String] = ["app:latest"], noCache: Bool = false, buildArgs: [String: String] = [:]) throws -> BuildResult {
    let document = try parseDockerfile(dockerfile)
    var tree = FileTree()
    var all = files
    all["Dockerfile"] = dockerfile
    for (path, text) in all { tree.set("/" + path, .file(.text(text))) }
    let options = Engine.BuildOptions(builder: builder, tags: tags, noCache: noCache, buildArgs: buildArgs.sorted { $0.key < $1.key }.map { BuildArg(name: $0.key, value: $0.value) })
    return state.build(document, dockerfileSize: Int64(dockerfile.utf8.count), context: BuildContext(workspace: tree), options: options)
}

let pythonApp = """
FROM python:3.13-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
"""

let pythonAppFixed = """
FROM python:3.13-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""

let pythonFiles = ["app.py": "print('hello')\n", "requirements.txt": "flask==3.1.0\n"]
