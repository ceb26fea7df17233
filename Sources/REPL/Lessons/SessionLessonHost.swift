import DockerCLI
import Engine
import Lessons

/// The lesson runner's view of a real REPL session: checks read the session's engine and
/// workspace, and actions run through a shell built like the REPL's own (same handlers, same
/// Docker and Dockerfile commands), so a lesson step reaches exactly the state a learner
/// typing the same lines would.
public struct SessionLessonHost: LessonHost {
    public var session: Session
    /// Makes the shell that `runLine` uses, around a session (the REPL's handlers without
    /// the lesson handler, so a solution cannot start lessons).
    let makeShell: (Session) -> Shell

    public init(session: Session, makeShell: @escaping (Session) -> Shell = { Shell(session: $0) }) {
        self.session = session
        self.makeShell = makeShell
    }

    // MARK: LessonWorld

    public func image(_ reference: String) -> LessonImage? {
        let store = session.engine.images
        guard let id = store.resolve(reference), let image = store.images[id] else { return nil }
        let c = image.config.config
        let config = LessonImageConfig(
            cmd: c.cmd, entrypoint: c.entrypoint, workingDir: c.workingDir, env: c.env,
            exposedPorts: c.exposedPorts.sorted(), user: c.user, labels: c.labels)
        return LessonImage(
            id: id.description, layers: image.config.diffIDs.map(\.description), size: store.size(of: id),
            config: config, history: image.config.history.map(\.createdBy))
    }

    public func imageHasFile(_ reference: String, path: String) -> Bool {
        let store = session.engine.images
        guard let id = store.resolve(reference) else { return false }
        return store.rootfs(of: id)[FileTree.normalize(path)] != nil
    }

    public func danglingImageCount() -> Int {
        session.engine.images.danglingImages.count
    }

    public func lastBuild() -> LessonBuild? {
        guard let build = session.engine.lastBuild else { return nil }
        var steps: [LessonBuild.Step] = []
        switch build.builder {
        case .buildKit:
            for step in build.steps where !step.hidden {
                guard let number = step.vertexIndex, let text = step.vertexText else { continue }
                steps.append(LessonBuild.Step(number: number, instruction: text, reused: step.cached,
                                              warmCacheMounts: step.cacheMounts.filter(\.wasWarm).map(\.target)))
            }
        case .classic:
            for step in build.steps {
                guard let number = step.classicNumber, let text = step.classicText else { continue }
                steps.append(LessonBuild.Step(number: number, instruction: text, reused: step.cached))
            }
        }
        return LessonBuild(succeeded: build.succeeded, builder: build.builder == .classic ? .classic : .buildkit, steps: steps)
    }

    public func workspaceFile(_ path: String) -> LessonWorkspaceEntry? {
        let absolute = FileTree.normalize(path, cwd: Session.home)
        guard let node = session.workspace[absolute] else { return nil }
        switch node.kind {
        case .directory: return .directory
        case .file(let content):
            switch content {
            case .bytes(let bytes): return .file(String(decoding: bytes, as: UTF8.self))
            case .synthetic: return .file("")
            }
        case .symlink(let target): return .file(target)
        }
    }

    public func registryImageID(registry: String, repository: String, tag: String) -> String? {
        var host = registry
        if ["index.docker.io", "registry-1.docker.io"].contains(host) { host = "docker.io" }
        // Docker Hub keeps official images under library/ (`alpine` is `library/alpine`).
        let path = host == "docker.io" && !repository.contains("/") ? "library/" + repository : repository
        guard let manifest = session.engine.registries.registry(host)?.manifest(repository: path, tag: tag, digest: nil) else { return nil }
        return manifest.config.imageID.description
    }

    public func isLoggedIn(registry: String) -> Bool {
        session.engine.registries.loggedInUser(host: registry) != nil
    }

    public func containers() -> [LessonContainer] {
        session.engine.containers.all.map { container in
            let state: LessonContainer.State
            switch container.state {
            case .created: state = .created
            case .running: state = .running
            case .exited(let code): state = .exited(code)
            }
            return LessonContainer(
                id: container.id, name: container.name, image: container.imageReference,
                command: container.commandLine, state: state,
                logs: container.log.map { $0.text.hasSuffix("\n") ? $0.text : $0.text + "\n" }.joined())
        }
    }

    // MARK: LessonActions

    public mutating func startFresh() {
        var fresh = Session(clock: session.clock)
        fresh.engine = EngineState(clock: session.clock, seed: "dockyard", catalog: session.engine.catalog)
        fresh.history = session.history
        fresh.terminal = session.terminal
        fresh.exitRequest = session.exitRequest
        // Settings are the learner's, not simulator state.
        fresh.explainAfterBuild = session.explainAfterBuild
        session = fresh
    }

    public mutating func writeWorkspaceFile(path: String, contents: String) -> CommandResult {
        let absolute = FileTree.normalize(path, cwd: Session.home)
        if session.workspace.isDirectory(absolute) {
            return .failure("dockyard: \(path): Is a directory\n")
        }
        session.workspace.set(absolute, .file(.text(contents)))
        var parent = absolute
        repeat {
            session.modified[parent] = session.clock.now
            parent = FileTree.parent(of: parent)
        } while parent != "/" && session.modified[parent] == nil
        return .ok()
    }

    public mutating func ensureImage(_ reference: String) -> CommandResult {
        if session.engine.images.resolve(reference) != nil { return .ok() }
        switch session.engine.catalog.lookup(reference) {
        case .failure:
            return .failure("dockyard: \(reference) is not an image the simulator knows\n")
        case .success(let image):
            session.engine.images.add(Image(config: image.config, repoDigests: [image.repoDigest(for: reference)]), layers: image.layers)
            if !reference.contains("@") { session.engine.images.setTag(reference, to: image.imageID) }
            return .ok()
        }
    }

    public mutating func runLine(_ line: String) -> CommandResult {
        let outputs = run(line)
        var result = CommandResult()
        for output in outputs {
            result.stdout += output.result.stdout
            result.stderr += output.result.stderr
            if !output.result.succeeded { result.exitStatus = output.result.exitStatus }
        }
        return result
    }

    /// Runs one REPL input (its physical lines through the input assembler, as typed) and
    /// returns each entry's output.
    mutating func run(_ input: String) -> [InputDriver.Output] {
        let exitRequest = session.exitRequest
        let terminal = session.terminal
        // Nobody can answer a question for a lesson's line, so none is asked: a later line
        // (or the learner's next one) must not become its answer.
        var shell = SessionLessonHost.sandboxed(makeShell(session))
        shell.session.terminal.stdinIsTerminal = false
        var driver = InputDriver(shell: shell, numbersInputErrors: false)
        var outputs: [InputDriver.Output] = []
        for physical in input.split(separator: "\n", omittingEmptySubsequences: false) {
            outputs += driver.feed(String(physical))
        }
        outputs += driver.finish()
        session = driver.shell.session
        session.terminal = terminal
        session.question = nil
        // A lesson line cannot end the learner's session.
        session.exitRequest = exitRequest
        return outputs
    }

    /// A shell that runs lesson lines: they may change the simulator, but never write a real
    /// file or start a process (no editor, no `export`, no `exit`), whatever a lesson file
    /// from another folder says.
    public static func sandboxed(_ shell: Shell) -> Shell {
        var shell = shell
        shell.services.editor = nil
        shell.handlers.insert(LessonSandboxHandler(), at: 0)
        return shell
    }
}

/// Refuses, in lesson lines, the commands that reach outside the simulator.
struct LessonSandboxHandler: CommandHandler {
    static let refused: Set<String> = ["export", "edit", "exit", "quit"]

    func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        guard LessonSandboxHandler.refused.contains(command.commandWord) else { return nil }
        return .failure("dockyard: \(command.commandWord) cannot be run from a lesson (lessons only change the simulator)\n")
    }
}
