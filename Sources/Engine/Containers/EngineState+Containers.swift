/// Container operations on the engine: create, start, stop, remove, exec, diff, commit,
/// prune, and the interactive shell. Errors are worded as the daemon words them (the CLI
/// adds `Error response from daemon: `).

/// What `docker run` asks the daemon for.
public struct RunRequest: Hashable, Sendable {
    public var image: String
    /// Replaces the image's CMD when not empty.
    public var command: [String] = []
    /// `--entrypoint`: replaces ENTRYPOINT and clears the image's CMD; `""` clears ENTRYPOINT.
    public var entrypoint: String?
    /// `-e KEY=VALUE` or `-e KEY` (taken from `hostEnvironment`, dropped when unset there).
    public var env: [String] = []
    public var workdir: String?
    public var user: String?
    /// `-p` specs as typed.
    public var publish: [String] = []
    public var name: String?
    public var interactive = false
    public var tty = false
    public var autoRemove = false
    public var hostEnvironment: [String: String] = [:]
    public init(image: String) { self.image = image }
}

/// What starting a container's process did.
public struct StartOutcome: Hashable, Sendable {
    public var containerID: String
    /// Output lines of the process so far.
    public var output: [String]
    /// The exit status, or nil while the process runs.
    public var exitCode: Int32?
    /// An interactive shell is now attached (`ContainerStore.attachment`).
    public var attached: Bool
    /// Removed after exiting (`--rm`).
    public var removed: Bool
}

/// Daemon errors of container operations.
public enum ContainerError: Error, Hashable, Sendable, CustomStringConvertible {
    case noSuchContainer(String)
    case nameInUse(name: String, id: String)
    case invalidName(String)
    case noCommand
    /// The process could not start (runc's detail, e.g. `exec: "foo": executable file not found in $PATH`).
    case cannotStart(detail: String)
    case cannotExec(detail: String)
    case portAllocated(name: String, id: String, hostIP: String, port: Int)
    case invalidPort(String)
    case invalidWorkdir(String)
    case isRunning(name: String)
    case notRunning(id: String)
    /// `docker kill -s`: not a signal name or number.
    case invalidSignal(String)
    /// `docker kill -s`: a number Linux has no signal for.
    case unsupportedSignal(Int)
    case emptyRename
    case sameName
    /// `docker rename`: the new name is invalid or taken (the daemon's detail).
    case nameAllocation(String)
    /// `docker cp`: a container path that does not exist.
    case fileNotFound(path: String, container: String)
    /// `docker cp`: the directory to extract into is a file.
    case notADirectory
    /// `docker cp`: refused by the CLI before the daemon is asked (its own wording).
    case copyFailed(String)
    /// `docker commit --change`: a change that cannot be applied (the daemon's message).
    case invalidChange(String)
    /// `docker commit` of a container whose image `docker rmi -f` deleted: the daemon cannot
    /// read the parent image's config.
    case imageGone(ImageID)

    public var description: String {
        switch self {
        case .noSuchContainer(let name): return "No such container: \(name)"
        case .nameInUse(let name, let id):
            return "Conflict. The container name \"/\(name)\" is already in use by container \"\(id)\". You have to remove (or rename) that container to be able to reuse that name."
        case .invalidName(let name): return "Invalid container name (\(name)), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed."
        case .noCommand: return "no command specified"
        case .cannotStart(let detail):
            return "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: \(detail): unknown"
        case .cannotExec(let detail):
            return "OCI runtime exec failed: exec failed: unable to start container process: \(detail): unknown"
        case .portAllocated(let name, let id, let ip, let port):
            return "failed to set up container networking: driver failed programming external connectivity on endpoint \(name) (\(id)): Bind for \(ip):\(port) failed: port is already allocated"
        case .invalidPort(let spec): return "invalid containerPort: \(spec)"
        case .invalidWorkdir(let dir): return "the working directory '\(dir)' is invalid, it needs to be an absolute path"
        case .isRunning(let name): return "cannot remove container \"/\(name)\": container is running: stop the container before removing or force remove"
        case .notRunning(let id): return "container \(id) is not running"
        case .invalidSignal(let raw): return "Invalid signal: \(raw)"
        case .unsupportedSignal(let n): return "the linux daemon does not support signal \(n)"
        case .emptyRename: return "Neither old nor new names may be empty"
        case .sameName: return "Renaming a container with the same name as its current name"
        case .nameAllocation(let detail): return "Error when allocating new name: \(detail)"
        case .fileNotFound(let path, let container): return "Could not find the file \(path) in container \(container)"
        case .notADirectory: return "extraction point is not a directory"
        case .copyFailed(let message), .invalidChange(let message): return message
        case .imageGone(let id):
            return "failed to get digest \(id.digest.string): open /var/lib/docker/image/overlay2/imagedb/content/sha256/\(id.digest.hex): no such file or directory"
        }
    }

    /// Whether the CLI reports it as a daemon error (`Error response from daemon: `).
    public var fromDaemon: Bool {
        switch self {
        case .invalidPort, .invalidWorkdir, .copyFailed: return false
        default: return true
        }
    }

    /// The exit status `docker run` ends with for this error.
    public var runExitStatus: Int32 {
        switch self {
        case .cannotStart(let detail), .cannotExec(let detail):
            return detail.contains("permission denied") ? 126 : 127
        default: return 125
        }
    }
}

/// What `curl` gets from a published port.
public enum HTTPAnswer: Hashable, Sendable {
    /// Nothing listens on the host port.
    case refused
    /// A container publishes the port but nothing answers on the container side (wrong port,
    /// or the server only listens on 127.0.0.1 inside the container).
    case reset
    case response(status: Int, body: String)
}

extension EngineState {
    // MARK: Lookups

    /// The containers created from an image (running or not), oldest first.
    public func containersUsing(_ image: ImageID) -> [Container] {
        containers.order.compactMap { containers[$0] }.filter { $0.imageID == image }
    }

    /// The rmi conflict a container causes (§8), or nil when the removal may go ahead.
    /// `reference` is the argument as typed (a tag or an ID prefix).
    public func imageRemovalConflict(_ id: ImageID, reference: String, force: Bool) -> ImageStoreError? {
        let users = containersUsing(id)
        guard let first = users.first else { return nil }
        let byTag = images.tags[FamiliarName.normalize(reference)] == id
        if byTag {
            // Removing one of several tags only untags.
            if images.tags(of: id).count > 1 || force { return nil }
            return .conflict("unable to remove repository reference \"\(reference)\" (must force) - container \(first.shortID) is using its referenced image \(id.short)")
        }
        if let running = users.first(where: \.isRunning) {
            return .conflict("unable to delete \(id.short) (cannot be forced) - image is being used by running container \(running.shortID)")
        }
        if !force {
            return .conflict("unable to delete \(id.short) (must be forced) - image is being used by stopped container \(first.shortID)")
        }
        return nil
    }

    /// The container's filesystem: the image's union view with the writable layer on top.
    public func filesystem(of container: Container) -> FileTree {
        var tree = images.rootfs(of: container.imageID)
        Layer(changes: container.upper).apply(to: &tree)
        return tree
    }

    /// Records a new filesystem for a container as its writable layer.
    mutating func setFilesystem(_ tree: FileTree, of id: String) {
        guard var c = containers[id] else { return }
        c.upper = Layer.diff(from: images.rootfs(of: c.imageID), to: tree).changes
        containers.update(c)
    }

    /// Ends background processes whose time has come (`sleep 30` started 30 s ago).
    public mutating func settleContainers() {
        for c in containers.all where c.isRunning {
            guard let end = c.stopsAt, clock.now >= end else { continue }
            var done = c
            done.state = .exited(code: 0)
            done.finishedAt = end
            done.stopsAt = nil
            containers.update(done)
            if done.autoRemove { containers.remove(done.id) }
        }
    }

    // MARK: Images for run

    /// Normalizes an image name as the CLI prints it (`python` -> `python:latest`).
    public static func familiarImageName(_ name: String) -> String { FamiliarName.normalize(name) }

    /// Pulls an image from the catalog into the local store (what `docker run` does when
    /// the image is missing), tagging it as requested.
    public mutating func pullImage(_ name: String) -> Result<PullRecord, CatalogLookupError> {
        switch catalog.lookup(name) {
        case .failure(let error): return .failure(error)
        case .success(let image):
            let familiar = FamiliarName.normalize(name)
            let known = Set(images.layerContents.keys)
            let pulled = image.layers.map { PulledLayer(blobDigest: $0.blobDigest, compressedSize: $0.compressedSize, alreadyExists: known.contains($0.diffID)) }
            let bytes = pulled.filter { !$0.alreadyExists }.reduce(Int64(0)) { $0 + $1.compressedSize }
            let duration = 0.3 + Double(bytes) / 40_000_000
            clock.advance(by: duration)
            images.add(Image(config: image.config, repoDigests: [image.repoDigest(for: familiar)]), layers: image.layers)
            if !familiar.contains("@") { images.setTag(familiar, to: image.imageID) }
            return .success(PullRecord(name: familiar, manifestDigest: image.manifestDigest, imageID: image.imageID, layers: pulled, duration: duration))
        }
    }

    // MARK: Create

    /// The process a container runs (§9.1): ENTRYPOINT followed by CMD; `docker run` args
    /// replace CMD; `--entrypoint` replaces ENTRYPOINT and drops the image's CMD.
    public static func process(image: ContainerConfig, command: [String], entrypoint: String?) -> (entrypoint: [String]?, cmd: [String]?) {
        var ep = image.entrypoint
        var cmd = image.cmd
        if let entrypoint {
            ep = entrypoint.isEmpty ? nil : [entrypoint]
            cmd = nil
        }
        if !command.isEmpty { cmd = command }
        return (ep, cmd)
    }

    /// `docker create` (the first half of `docker run`): returns the new container's ID.
    public mutating func createContainer(_ request: RunRequest, imageID: ImageID) throws(ContainerError) -> String {
        guard let image = images.images[imageID] else { throw .noSuchContainer(request.image) }
        if let name = request.name {
            let bare = name.hasPrefix("/") ? String(name.dropFirst()) : name
            guard Self.isValidName(bare) else { throw .invalidName(name) }
            if let existing = containers.find(bare), existing.name == bare { throw .nameInUse(name: bare, id: existing.id) }
        }
        if let dir = request.workdir, !dir.isEmpty, !dir.hasPrefix("/") { throw .invalidWorkdir(dir) }
        var ports: [PortMapping] = []
        for spec in request.publish { ports += try parsePublish(spec) }

        var config = image.config.config
        let process = Self.process(image: config, command: request.command, entrypoint: request.entrypoint)
        config.entrypoint = process.entrypoint
        config.cmd = process.cmd
        let argv = (process.entrypoint ?? []) + (process.cmd ?? [])
        guard let path = argv.first else { throw .noCommand }
        for e in request.env {
            if let eq = e.firstIndex(of: "=") {
                config.setEnv(String(e[..<eq]), String(e[e.index(after: eq)...]))
            } else if let v = request.hostEnvironment[e] {
                config.setEnv(e, v)
            }
        }
        if let dir = request.workdir, !dir.isEmpty { config.workingDir = FileTree.normalize(dir) }
        if let user = request.user { config.user = user }
        for p in ports { config.exposedPorts.insert("\(p.containerPort)/\(p.proto)") }

        let id = ids.next64()
        let name = request.name.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? ContainerNames.name(for: id, taken: containers.names)
        var container = Container(
            id: id, name: name, imageID: imageID, imageReference: request.image, config: config,
            path: path, args: Array(argv.dropFirst()), ports: ports, upper: FileTree(), state: .created,
            created: clock.now, startedAt: nil, finishedAt: nil, log: [], autoRemove: request.autoRemove,
            interactive: request.interactive, tty: request.tty, server: nil, stopsAt: nil, ipAddress: "", restartCount: 0)
        // The daemon creates a missing working directory.
        if !config.workingDir.isEmpty {
            var tree = images.rootfs(of: imageID)
            if !tree.isDirectory(config.workingDir) {
                tree.set(config.workingDir, .directory())
                container.upper = Layer.diff(from: images.rootfs(of: imageID), to: tree).changes
            }
        }
        containers.insert(container)
        clock.advance(by: 0.05)
        return id
    }

    /// moby's `^[a-zA-Z0-9][a-zA-Z0-9_.-]+$`: two characters at least.
    static func isValidName(_ name: String) -> Bool {
        guard name.unicodeScalars.count >= 2, let first = name.unicodeScalars.first, first.properties.isASCIIHexDigit || ("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0) }
    }

    /// `-p [IP:][HOST:]CONTAINER[/PROTO]`.
    mutating func parsePublish(_ spec: String) throws(ContainerError) -> [PortMapping] {
        var body = Substring(spec)
        var proto = "tcp"
        if let slash = body.lastIndex(of: "/") {
            proto = String(body[body.index(after: slash)...])
            body = body[..<slash]
            guard proto == "tcp" || proto == "udp" || proto == "sctp" else { throw .invalidPort(spec) }
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 3, let containerText = parts.last, let containerPort = Int(containerText), (1...65535).contains(containerPort) else {
            throw .invalidPort(parts.last ?? spec)
        }
        let hostText = parts.count >= 2 ? parts[parts.count - 2] : ""
        let ip = parts.count == 3 ? parts[0] : ""
        var hostPort: Int
        if hostText.isEmpty {
            hostPort = containers.nextEphemeralPort
            containers.nextEphemeralPort += 1
        } else {
            guard let p = Int(hostText), (1...65535).contains(p) else { throw .invalidPort(hostText) }
            hostPort = p
        }
        if ip.isEmpty {
            return [PortMapping(hostIP: "0.0.0.0", hostPort: hostPort, containerPort: containerPort, proto: proto),
                    PortMapping(hostIP: "::", hostPort: hostPort, containerPort: containerPort, proto: proto)]
        }
        return [PortMapping(hostIP: ip, hostPort: hostPort, containerPort: containerPort, proto: proto)]
    }

    // MARK: Start

    func runtimeEnvironment(_ c: Container, extra: [String] = []) -> [String: String] {
        var env = c.config.envDictionary
        if env["PATH"] == nil { env["PATH"] = ShellRun.defaultPath }
        env["HOSTNAME"] = c.hostname
        if c.tty { env["TERM"] = "xterm" }
        for e in extra {
            if let eq = e.firstIndex(of: "=") { env[String(e[..<eq])] = String(e[e.index(after: eq)...]) }
        }
        return env
    }

    func runtime(for c: Container, interactive: Bool, extraEnv: [String] = [], workdir: String? = nil, user: String? = nil, beside: Bool = false) -> ContainerRuntime {
        ContainerRuntime(
            filesystem: filesystem(of: c), environment: runtimeEnvironment(c, extra: extraEnv),
            workingDirectory: workdir ?? (c.config.workingDir.isEmpty ? "/" : c.config.workingDir),
            user: user ?? (c.config.user.isEmpty ? "root" : c.config.user),
            interactive: interactive, now: clock.now, ipAddress: c.ipAddress, containerID: c.id,
            pidOne: beside ? c.commandLine.joined(separator: " ") : nil)
    }

    /// Starts a created or exited container's process. `attach` says a terminal is attached
    /// with stdin (`docker run -it`, `docker start -ai`): an interactive shell then takes
    /// the learner's input.
    public mutating func startContainer(_ id: String, attach: Bool) throws(ContainerError) -> StartOutcome {
        settleContainers()
        guard var c = containers[id] else { throw .noSuchContainer(id) }
        if c.isRunning { return StartOutcome(containerID: id, output: [], exitCode: nil, attached: false, removed: false) }
        // Published host ports must be free.
        for p in c.ports {
            if containers.all.contains(where: { $0.isRunning && $0.id != id && $0.ports.contains { $0.hostPort == p.hostPort && $0.proto == p.proto } }) {
                throw .portAllocated(name: c.name, id: c.id, hostIP: p.hostIP, port: p.hostPort)
            }
        }
        let running = containers.all.filter(\.isRunning).count
        c.ipAddress = "172.17.0.\(running + 2)"
        containers.update(c)
        let rt = runtime(for: c, interactive: c.interactive)
        let run = rt.start([c.path] + c.args)
        if let detail = run.startError {
            // The container stays `Created`, with the exit code runc reported.
            throw .cannotStart(detail: detail)
        }
        c.startedAt = clock.now
        c.finishedAt = nil
        c.upper = Layer.diff(from: images.rootfs(of: c.imageID), to: run.filesystem).changes
        clock.advance(by: run.duration)
        c.log += run.output.map { LogLine(time: clock.now, text: $0) }
        c.server = run.server
        var attached = false
        if let shell = run.interactiveShell {
            c.state = .running
            if attach {
                let sh = InteractiveShell(shell: shell, environment: runtimeEnvironment(c), workingDirectory: c.config.workingDir.isEmpty ? "/" : c.config.workingDir,
                                          user: c.config.user.isEmpty ? "root" : c.config.user, hostname: c.hostname, filesystem: run.filesystem)
                containers.attachment = ShellAttachment(containerID: id, shell: sh, isExec: false)
                attached = true
            }
        } else if let code = run.exitCode {
            c.state = .exited(code: code)
            c.finishedAt = clock.now
        } else {
            c.state = .running
            c.stopsAt = run.endsAfter.map { clock.now.adding(seconds: $0) }
        }
        containers.update(c)
        var removed = false
        if case .exited = c.state, c.autoRemove {
            containers.remove(id)
            removed = true
        }
        let code: Int32? = if case .exited(let x) = c.state { x } else { nil }
        return StartOutcome(containerID: id, output: run.output, exitCode: code, attached: attached, removed: removed)
    }

    // MARK: Stop and remove

    /// `docker stop`: the stop signal, then SIGKILL after 10 s when the process ignores it
    /// (every PID 1 without a handler does; nginx handles SIGQUIT). Returns whether it was
    /// running.
    @discardableResult
    public mutating func stopContainer(_ id: String) -> Bool {
        settleContainers()
        guard var c = containers[id], c.isRunning else { return false }
        let graceful = c.server?.kind == .nginx
        if graceful {
            clock.advance(by: 0.3)
            let t = ContainerRuntime.nginxTime(clock.now)
            c.log += ["\(t) [notice] 1#1: signal 3 (SIGQUIT) received, shutting down", "\(t) [notice] 1#1: exiting"].map { LogLine(time: clock.now, text: $0) }
        } else {
            clock.advance(by: 10)
        }
        containers.update(c)
        endMainProcess(id, code: graceful ? 0 : 137)
        return true
    }

    /// `docker rm [-f]`.
    public mutating func removeContainer(_ id: String, force: Bool) throws(ContainerError) {
        settleContainers()
        guard let c = containers[id] else { throw .noSuchContainer(id) }
        if c.isRunning {
            guard force else { throw .isRunning(name: c.name) }
        }
        containers.remove(id)
    }

    /// `docker container prune`: removes every container that is not running; returns them
    /// with the size of their writable layers.
    public mutating func pruneContainers() -> [(id: String, size: Int64)] {
        settleContainers()
        var removed: [(String, Int64)] = []
        for c in containers.all.reversed() where !c.isRunning {
            removed.append((c.id, c.upper.entries.values.reduce(0) { $0 + $1.size }))
            containers.remove(c.id)
        }
        return removed
    }

    // MARK: Exec

    /// `docker exec`: runs a process beside the main one. With `attach` an interactive
    /// shell takes the learner's input.
    public mutating func execInContainer(_ id: String, command: [String], env: [String], workdir: String?, user: String?, interactive: Bool, attach: Bool) throws(ContainerError) -> StartOutcome {
        settleContainers()
        guard let c = containers[id] else { throw .noSuchContainer(id) }
        guard c.isRunning else { throw .notRunning(id: c.id) }
        let rt = runtime(for: c, interactive: interactive, extraEnv: env, workdir: workdir, user: user, beside: true)
        let run = rt.start(command)
        if let detail = run.startError { throw .cannotExec(detail: detail) }
        setFilesystem(run.filesystem, of: id)
        clock.advance(by: run.duration)
        if let shell = run.interactiveShell {
            guard attach else { return StartOutcome(containerID: id, output: [], exitCode: 0, attached: false, removed: false) }
            let sh = InteractiveShell(shell: shell, environment: rt.environment, workingDirectory: rt.workingDirectory, user: rt.user, hostname: c.hostname, filesystem: run.filesystem, pidOne: rt.pidOne)
            containers.attachment = ShellAttachment(containerID: id, shell: sh, isExec: true)
            return StartOutcome(containerID: id, output: [], exitCode: nil, attached: true, removed: false)
        }
        // A second server or sleep in an exec keeps running in the background; its output
        // so far is what the learner sees.
        return StartOutcome(containerID: id, output: run.output, exitCode: run.exitCode ?? 0, attached: false, removed: false)
    }

    // MARK: The attached shell

    /// The prompt of the attached shell (`/hello-world # `), or nil when none is attached.
    public var attachedPrompt: String? {
        guard let a = containers.attachment, let c = containers[a.containerID] else { return nil }
        return a.shell.prompt(on: filesystem(of: c))
    }

    /// Runs a line in the attached shell. When the shell exits, `docker run -it` stops the
    /// container with the shell's status (and removes it with `--rm`); `docker exec -it`
    /// just ends. Returns the output and the status, and whether the shell ended.
    public mutating func runInAttachedShell(_ text: String) -> (output: [String], status: Int32, ended: Bool) {
        settleContainers()
        guard var a = containers.attachment, let c = containers[a.containerID] else {
            containers.attachment = nil
            return ([], 0, true)
        }
        let before = filesystem(of: c)
        let outcome = a.shell.run(text, on: before)
        if outcome.filesystem != before { setFilesystem(outcome.filesystem, of: c.id) }
        clock.advance(by: outcome.duration)
        if !a.isExec, var updated = containers[c.id] {
            let prompt = a.shell.prompt(on: before)
            updated.log += ([prompt + text] + outcome.output).map { LogLine(time: clock.now, text: $0) }
            containers.update(updated)
        }
        if let status = a.shell.exitStatus {
            containers.attachment = nil
            if !a.isExec, var ended = containers[c.id] {
                ended.state = .exited(code: status)
                ended.finishedAt = clock.now
                containers.update(ended)
                if ended.autoRemove { containers.remove(c.id) }
            }
            return (outcome.output, status, true)
        }
        containers.attachment = a
        return (outcome.output, outcome.exitCode, false)
    }

    // MARK: Diff and commit

    /// One `docker diff` line.
    public struct FileChange: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable { case added = "A", changed = "C", deleted = "D" }
        public var kind: Kind
        public var path: String
    }

    /// `docker diff`: the writable layer against the image, sorted by path.
    public func changes(of container: Container) -> [FileChange] {
        let base = images.rootfs(of: container.imageID)
        var out: [FileChange] = []
        for path in container.upper.entries.keys {
            let name = FileTree.baseName(of: path)
            if name == Whiteout.opaqueMarker { continue }
            if name.hasPrefix(Whiteout.prefix) {
                let parent = FileTree.parent(of: path)
                out.append(FileChange(kind: .deleted, path: (parent == "/" ? "" : parent) + "/" + String(name.dropFirst(Whiteout.prefix.count))))
            } else {
                out.append(FileChange(kind: base[path] == nil ? .added : .changed, path: path))
            }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// `docker commit`: a new image = the container's image + one layer with its changes;
    /// the history entry's CREATED BY is the container's CMD (moby `NewChildImage` joins
    /// `ContainerConfig.Cmd`, not the entrypoint), COMMENT the message, and the author is
    /// recorded in the entry and the config. `changes` (`--change`) edit the new image's config.
    public mutating func commitContainer(_ id: String, reference: String?, message: String?, author: String? = nil, changes: [String] = []) throws(ContainerError) -> ImageID {
        settleContainers()
        guard let c = containers[id] else { throw .noSuchContainer(id) }
        // moby's CommitImage reads the parent image first and fails when it is gone.
        guard images.images[c.imageID] != nil else { throw .imageGone(c.imageID) }
        let newConfig = try applyingCommitChanges(changes, to: c.config)
        let baseLayers = images.layers(of: c.imageID)
        let base = images.images[c.imageID]?.config
        let layer = Layer.diff(from: Layer.union(baseLayers), to: filesystem(of: c))
        clock.advance(by: 0.2)
        var history = base?.history ?? []
        history.append(HistoryEntry(created: clock.now, createdBy: (c.config.cmd ?? []).joined(separator: " "), comment: message ?? "", emptyLayer: layer.isEmpty, author: author ?? ""))
        let diffIDs = (base?.diffIDs ?? []) + (layer.isEmpty ? [] : [layer.diffID])
        let config = ImageConfig(architecture: base?.architecture ?? "amd64", os: base?.os ?? "linux", config: newConfig, created: clock.now,
                                 history: history, diffIDs: diffIDs, parent: c.imageID, container: c.id, containerConfig: c.config, dockerVersion: "28.5.2",
                                 author: author)
        let image = Image(config: config, parent: c.imageID)
        images.add(image, layers: baseLayers + (layer.isEmpty ? [] : [layer]))
        if let reference, !reference.isEmpty { images.setTag(reference, to: image.id) }
        return image.id
    }

    // MARK: HTTP

    /// A request to `localhost:PORT` on the host: the container publishing the port answers
    /// if its server listens there. Successful requests are logged by the server.
    public mutating func httpRequest(port: Int, path: String) -> HTTPAnswer {
        settleContainers()
        guard let c = containers.all.first(where: { $0.isRunning && $0.ports.contains { $0.hostPort == port && $0.proto == "tcp" } }),
              let mapping = c.ports.first(where: { $0.hostPort == port }) else { return .refused }
        guard let server = c.server, server.port == mapping.containerPort, server.listenHost != "127.0.0.1", server.listenHost != "localhost" else { return .reset }
        let fs = filesystem(of: c)
        let answer: (Int, String)
        switch server.kind {
        case .flask:
            let routes = server.appFile.flatMap { fs.shellText(at: $0) }.map { PythonSource($0).routes } ?? []
            if let route = routes.first(where: { $0.path == path }) {
                answer = (200, route.body ?? "")
            } else {
                answer = (404, "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n")
            }
        case .node:
            let body = server.appFile.flatMap { fs.shellText(at: $0) }.map { JavaScriptSource($0, environment: [:]).responseBody ?? "" } ?? ""
            answer = (200, body)
        case .nginx:
            let file = "/usr/share/nginx/html" + (path.hasSuffix("/") ? path + "index.html" : path)
            if let text = fs.shellText(at: FileTree.normalize(file)) {
                answer = (200, text)
            } else {
                answer = (404, "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n")
            }
        }
        var updated = c
        switch server.kind {
        case .flask:
            let t = Self.flaskLogTime(clock.now)
            updated.log.append(LogLine(time: clock.now, text: "172.17.0.1 - - [\(t)] \"GET \(path) HTTP/1.1\" \(answer.0) -"))
        case .nginx:
            let t = Self.flaskLogTime(clock.now).replacingFirstSpace(with: ":")
            updated.log.append(LogLine(time: clock.now, text: "172.17.0.1 - - [\(t) +0000] \"GET \(path) HTTP/1.1\" \(answer.0) \(answer.1.utf8.count) \"-\" \"curl/8.5.0\" \"-\""))
        case .node:
            break
        }
        containers.update(updated)
        return .response(status: answer.0, body: answer.1)
    }

    /// `15/Jan/2025 09:00:00` (werkzeug's request log time).
    static func flaskLogTime(_ t: Timestamp) -> String {
        let s = t.rfc3339Nano
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = s.prefix(10).split(separator: "-")
        guard parts.count == 3, let m = Int(parts[1]), (1...12).contains(m) else { return s }
        return "\(parts[2])/\(months[m - 1])/\(parts[0]) \(s.dropFirst(11).prefix(8))"
    }
}

extension String {
    func replacingFirstSpace(with s: String) -> String {
        guard let i = firstIndex(of: " ") else { return self }
        return String(self[..<i]) + s + String(self[index(after: i)...])
    }
}
