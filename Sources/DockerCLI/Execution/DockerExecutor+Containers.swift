import Engine

// Container commands: run, ps, logs, stop, start, restart, rm, exec, diff, commit,
// container prune, port, and `docker inspect` of containers.
extension DockerExecutor {
    // MARK: run

    func runContainer(_ o: RunOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        let imageID: ImageID
        var pullText = ""
        switch imageForContainer(o.image, engine: &engine, terminal: host.isTerminal) {
        case .failure(let failure): return Self.prefixed(failure.pullText, Message.runFailure(failure.message))
        case .success(let found):
            imageID = found.id
            pullText = found.pullText
        }
        let request = Self.runRequest(o, host: host)
        let id: String
        do {
            id = try engine.createContainer(request, imageID: imageID)
        } catch {
            return Self.prefixed(pullText, Message.runFailure(Self.daemonText(error), status: error.runExitStatus))
        }
        let outcome: StartOutcome
        do {
            outcome = try engine.startContainer(id, attach: o.interactive && !o.detach)
        } catch {
            if o.remove { try? engine.removeContainer(id, force: true) }
            return Self.prefixed(pullText, Message.runFailure(Self.daemonText(error), status: error.runExitStatus))
        }
        // The pull shows before anything the container prints.
        if o.detach {
            var result = CommandResult(stdout: ContainerOutput.fullID(id), stderr: pullText)
            result.stderrComesFirst()
            return result
        }
        var result = CommandResult(stdout: ContainerViews.lines(outcome.output), stderr: pullText, exitStatus: outcome.exitCode ?? 0)
        result.stderrComesFirst()
        if outcome.exitCode == nil, !outcome.attached, let c = engine.containers[id] {
            result.stderr += ContainerViews.keepsRunningNote(c.name)
        }
        return result
    }

    /// The image a new container starts from: local, or pulled as `docker run` and `docker
    /// create` pull it (the pull's stream goes to stderr first).
    func imageForContainer(_ name: String, engine: inout EngineState, terminal: Bool) -> Result<(id: ImageID, pullText: String), PullForContainerFailure> {
        if let id = engine.images.resolve(name) { return .success((id, "")) }
        let familiar = EngineState.familiarImageName(name)
        let pullText = Message.unableToFindImageLocally(familiar) + "\n"
        switch engine.pullImage(name) {
        case .failure(.unknownRepository(let repo)):
            return .failure(PullForContainerFailure(pullText: pullText, message: Message.pullAccessDenied(repo)))
        case .failure(.unknownTag):
            return .failure(PullForContainerFailure(pullText: pullText, message: Message.manifestNotFound(familiar)))
        case .success(let record):
            return .success((record.imageID, pullText + RegistryRendering.pull(of: record, terminal: terminal)))
        }
    }

    struct PullForContainerFailure: Error {
        var pullText: String
        var message: String
    }

    /// What `docker run`/`docker create` ask the daemon for.
    static func runRequest(_ o: RunOptions, host: HostContext) -> RunRequest {
        var request = RunRequest(image: o.image)
        request.command = o.command
        request.entrypoint = o.entrypoint
        request.env = o.env
        request.workdir = o.workdir
        request.user = o.user
        request.publish = o.publish
        // `--name ""` lets the daemon pick a name, as no flag does.
        request.name = o.name.flatMap { $0.isEmpty ? nil : $0 }
        request.interactive = o.interactive
        request.tty = o.tty
        request.autoRemove = o.remove
        request.hostEnvironment = host.environment
        return request
    }

    static func daemonText(_ error: ContainerError) -> String {
        error.fromDaemon ? "Error response from daemon: \(error)" : error.description
    }

    static func prefixed(_ stderr: String, _ result: CommandResult) -> CommandResult {
        var r = result
        r.prepend(stderr, toStderr: true)
        return r
    }

    static func noSuchContainer(_ name: String) -> String {
        "Error response from daemon: No such container: \(name)\n"
    }

    // MARK: ps

    func ps(_ o: PsOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        var containers = engine.containers.all
        // A status filter looks at every container, as `-a` does.
        let byStatus = o.filters.contains { $0.lowercased().hasPrefix("status=") }
        if !o.all && !byStatus { containers = containers.filter(\.isRunning) }
        for filter in o.filters {
            guard let eq = filter.firstIndex(of: "=") else {
                return .failure("invalid argument \"\(filter)\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n")
            }
            let key = filter[..<eq].lowercased(), value = String(filter[filter.index(after: eq)...])
            switch key {
            case "name": containers = containers.filter { $0.name.contains(value) }
            case "status": containers = containers.filter { $0.state.word == value }
            case "ancestor":
                let id = engine.images.resolve(value)
                containers = containers.filter { $0.imageID == id }
            default:
                return .failure("Error response from daemon: invalid filter '\(key)'\n")
            }
        }
        let rows = containers.map { ContainerViews.row($0, images: engine.images) }
        return PsView(rows: rows, now: engine.clock.now, options: o).render()
    }

    // MARK: logs

    func logs(_ o: LogsOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        guard let c = engine.containers.find(o.container) else { return .failure(Self.noSuchContainer(o.container)) }
        var lines = c.log
        if let tail = o.tail, tail != "all" {
            guard let n = Int(tail), n >= 0 else { return .failure("invalid value for \"tail\": \(tail)\n") }
            lines = Array(lines.suffix(n))
        }
        let text = lines.map { (o.timestamps ? ContainerViews.logTime($0.time) + " " : "") + $0.text + "\n" }.joined()
        return .ok(text)
    }

    // MARK: stop, start, restart, rm

    /// Runs `body` for each named container; successes echo the name as typed, failures are
    /// collected on stderr (status 1 if any).
    func eachContainer(_ names: [String], engine: inout EngineState, _ body: (String, inout EngineState) -> String?) -> CommandResult {
        var out = "", err = ""
        for name in names {
            guard let c = engine.containers.find(name) else {
                err += Self.noSuchContainer(name)
                continue
            }
            if let problem = body(c.id, &engine) { err += problem } else { out += name + "\n" }
        }
        return CommandResult(stdout: out, stderr: err, exitStatus: err.isEmpty ? 0 : 1)
    }

    func stop(_ o: ContainerNamesOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        eachContainer(o.containers, engine: &engine) { id, engine in
            engine.stopContainer(id)
            return nil
        }
    }

    func start(_ o: ContainerNamesOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        var failed: [String] = []
        var output = ""
        var result = eachContainer(o.containers, engine: &engine) { id, engine in
            do throws(ContainerError) {
                let outcome = try engine.startContainer(id, attach: o.attach && o.interactive)
                if o.attach { output += ContainerViews.lines(outcome.output) }
                return nil
            } catch {
                failed.append(engine.containers[id]?.name ?? id)
                return Self.daemonText(error) + "\n"
            }
        }
        if o.attach {
            result.stdout = output
        }
        if !failed.isEmpty { result.stderr += "Error: failed to start containers: \(failed.joined(separator: ", "))\n" }
        return result
    }

    func restart(_ o: ContainerNamesOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        eachContainer(o.containers, engine: &engine) { id, engine in
            engine.stopContainer(id)
            do throws(ContainerError) {
                _ = try engine.startContainer(id, attach: false)
                return nil
            } catch {
                return Self.daemonText(error) + "\n"
            }
        }
    }

    func rm(_ o: RmOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        eachContainer(o.containers, engine: &engine) { id, engine in
            do throws(ContainerError) {
                try engine.removeContainer(id, force: o.force)
                return nil
            } catch {
                return Self.daemonText(error) + "\n"
            }
        }
    }

    // MARK: exec

    func exec(_ o: ExecOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        guard let c = engine.containers.find(o.container) else { return .failure(Self.noSuchContainer(o.container)) }
        if let dir = o.workdir, !dir.isEmpty, !dir.hasPrefix("/") {
            return .failure("Error response from daemon: the working directory '\(dir)' is invalid, it needs to be an absolute path\n")
        }
        do throws(ContainerError) {
            let outcome = try engine.execInContainer(c.id, command: o.command, env: o.env, workdir: o.workdir.flatMap { $0.isEmpty ? nil : $0 },
                                                     user: o.user, interactive: o.interactive, attach: o.interactive && !o.detach)
            if o.detach { return .ok() }
            return CommandResult(stdout: ContainerViews.lines(outcome.output), exitStatus: outcome.exitCode ?? 0)
        } catch {
            switch error {
            case .cannotExec: return .failure(error.description + "\n", status: error.runExitStatus)
            default: return .failure(Self.daemonText(error) + "\n")
            }
        }
    }

    // MARK: diff, commit

    func diff(_ o: DiffOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        guard let c = engine.containers.find(o.container) else { return .failure(Self.noSuchContainer(o.container)) }
        let changes = engine.changes(of: c).map { (kind: ContainerOutput.ChangeKind(rawValue: $0.kind.rawValue) ?? .changed, path: $0.path) }
        return .ok(ContainerOutput.diff(changes))
    }

    func commit(_ o: CommitOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        guard let c = engine.containers.find(o.container) else { return .failure(Self.noSuchContainer(o.container)) }
        if let ref = o.reference {
            let valid = !ref.isEmpty && ref == ref.lowercased() && !ref.contains("@") && !ref.hasPrefix("-")
            if !valid { return .failure("Error parsing reference: \"\(ref)\" is not a valid repository/tag: invalid reference format\n") }
        }
        do {
            let id = try engine.commitContainer(c.id, reference: o.reference, message: o.message, author: o.author, changes: o.changes)
            return .ok(ContainerOutput.fullID(id.digest.string))
        } catch {
            return .failure(Self.daemonText(error) + "\n")
        }
    }

    // MARK: prune, port

    func containerPrune(_ o: ContainerPruneOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        if !o.filters.isEmpty { return .failure("dockyard: `docker container prune --filter` is not simulated\n") }
        var out = ""
        if !o.force {
            let asked = confirmation(ContainerPruneView.confirmationPrompt, for: .containerPrune(o), host: host)
            if let result = asked.result { return result }
            out = asked.prefix
        }
        let removed = engine.pruneContainers()
        var result = ContainerPruneView(containerIDs: removed.map(\.id), reclaimedBytes: removed.reduce(0) { $0 + $1.size }).render()
        result.prepend(out, toStderr: false)
        return result
    }

    func port(_ o: PortOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        guard let c = engine.containers.find(o.container) else { return .failure(Self.noSuchContainer(o.container)) }
        let bindings = c.isRunning ? c.ports : []
        guard let privatePort = o.privatePort else {
            return .ok(ContainerOutput.ports(bindings.map { PortBinding(hostIP: $0.hostIP, hostPort: $0.hostPort, containerPort: $0.containerPort, proto: $0.proto) }))
        }
        let parts = privatePort.split(separator: "/")
        guard let number = parts.first.flatMap({ Int($0) }) else {
            return .failure("Error: invalid port (\(privatePort)): strconv.Atoi: parsing \"\(parts.first ?? "")\": invalid syntax\n")
        }
        let proto = parts.count > 1 ? String(parts[1]) : "tcp"
        let matching = bindings.filter { $0.containerPort == number && $0.proto == proto }
        guard !matching.isEmpty else {
            return .failure("Error: No public port '\(number)/\(proto)' published for \(o.container)\n")
        }
        return .ok(matching.map { ($0.hostIP.contains(":") ? "[\($0.hostIP)]" : $0.hostIP) + ":\($0.hostPort)\n" }.joined())
    }
}
