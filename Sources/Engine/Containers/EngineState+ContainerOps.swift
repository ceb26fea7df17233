import Dockerfile

// The container commands beyond the lifecycle basics: kill, rename, wait, top, cp and the
// config changes of `docker commit --change`. Each takes the container as the learner typed
// it (name, ID or ID prefix), because the daemon checks some arguments before the lookup.

/// What `docker kill` did to the container's main process.
public struct KillOutcome: Hashable, Sendable {
    /// The signal number sent.
    public var signal: Int32
    /// The signal's name without `SIG` (`KILL`, `TERM`), or the number for one without a name.
    public var signalName: String
    public var effect: Effect

    public enum Effect: Hashable, Sendable {
        /// The process ended; the container is exited.
        case stopped
        /// The process handled the signal and runs on (nginx reloading on SIGHUP).
        case handled
        /// PID 1 has no handler for it, so nothing happened.
        case ignored
        /// SIGSTOP froze the process; Docker still lists the container as Up.
        case frozen
    }
}

/// What `docker wait` found.
public enum WaitOutcome: Hashable, Sendable {
    /// The container is not running (or stopped while waiting): its exit code.
    case exited(Int32)
    /// It runs a process that never ends by itself; Docker would block until someone stops it.
    case wouldBlock
}

/// One row of `docker top`: a process of the container as the host's `ps -ef` shows it.
public struct TopProcess: Hashable, Sendable {
    public var user: String
    /// Host PIDs: the container's PID 1 is an ordinary process on the host.
    public var pid: Int
    public var ppid: Int
    public var started: Timestamp
    public var tty: String
    public var command: String
}

/// How much `docker cp` moved: the size of the tar stream, which is what the CLI counts.
public struct CopyRecord: Hashable, Sendable {
    public var tarBytes: Int64
}

extension EngineState {
    // MARK: Signals

    /// moby/sys `signal.SignalMap` for Linux (name without `SIG` -> number).
    static let signalNumbers: [String: Int32] = {
        var map: [String: Int32] = [
            "ABRT": 6, "ALRM": 14, "BUS": 7, "CHLD": 17, "CLD": 17, "CONT": 18, "FPE": 8, "HUP": 1, "ILL": 4, "INT": 2,
            "IO": 29, "IOT": 6, "KILL": 9, "PIPE": 13, "POLL": 29, "PROF": 27, "PWR": 30, "QUIT": 3, "SEGV": 11,
            "STKFLT": 16, "STOP": 19, "SYS": 31, "TERM": 15, "TRAP": 5, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23,
            "USR1": 10, "USR2": 12, "VTALRM": 26, "WINCH": 28, "XCPU": 24, "XFSZ": 25, "RTMIN": 34, "RTMAX": 64,
        ]
        for i in 1...15 {
            map["RTMIN+\(i)"] = 34 + Int32(i)
            map["RTMAX-\(i)"] = 64 - Int32(i)
        }
        return map
    }()

    /// moby/sys `signal.ParseSignal` then `ValidSignalForPlatform`: a number or a name, with or
    /// without `SIG`, in any case.
    static func parseSignal(_ raw: String) throws(ContainerError) -> (number: Int32, name: String) {
        if let n = Int(raw) {
            guard n != 0 else { throw .invalidSignal(raw) }
            guard let number = Int32(exactly: n), signalNumbers.values.contains(number) else { throw .unsupportedSignal(n) }
            let name = ["HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"]
            return (number, number <= 15 ? name[Int(number) - 1] : String(number))
        }
        var key = raw.uppercased()
        if key.hasPrefix("SIG") { key = String(key.dropFirst(3)) }
        guard let number = signalNumbers[key] else { throw .invalidSignal(raw) }
        return (number, key)
    }

    /// The exit code when the container's main process handles `signal` by exiting, or nil
    /// when it ignores it. The kernel gives PID 1 no default action, so only a handler the
    /// program installed makes it stop: nginx (TERM, INT, QUIT) and Werkzeug, which ends its
    /// server loop on KeyboardInterrupt (INT). Shells, sleep and node install none.
    static func exitCode(of c: Container, handling signal: Int32) -> Int32? {
        switch (c.server?.kind, signal) {
        case (.nginx, 2), (.nginx, 3), (.nginx, 15): return 0
        case (.flask, 2): return 0
        default: return nil
        }
    }

    /// Marks a running container as ended with `code` now.
    mutating func endMainProcess(_ id: String, code: Int32) {
        guard var c = containers[id] else { return }
        c.state = .exited(code: code)
        c.finishedAt = clock.now
        c.server = nil
        c.stopsAt = nil
        containers.update(c)
        if containers.attachment?.containerID == id { containers.attachment = nil }
        if c.autoRemove { containers.remove(id) }
    }

    // MARK: kill

    /// `docker kill [-s SIGNAL]`: SIGKILL by default (exit 137); another signal stops the
    /// process only if it handles it. The signal is checked before the container is looked
    /// up, as the daemon does.
    public mutating func killContainer(_ reference: String, signal: String?) throws(ContainerError) -> KillOutcome {
        settleContainers()
        var sig: (number: Int32, name: String) = (9, "KILL")
        if let signal, !signal.isEmpty { sig = try Self.parseSignal(signal) }
        guard let c = containers.find(reference) else { throw .noSuchContainer(reference) }
        guard c.isRunning else { throw .notRunning(id: c.id) }
        let code: Int32? = sig.number == 9 ? 137 : Self.exitCode(of: c, handling: sig.number)
        // nginx names what it does with each signal it handles in its error log.
        let nginxAction: String? = switch sig.number {
        case 1: "reconfiguring"
        case 2, 15: "exiting"
        case 3: "shutting down"
        case 10: "reopening logs"
        default: nil
        }
        if c.server?.kind == .nginx, let nginxAction {
            var logged = c
            let t = ContainerRuntime.nginxTime(clock.now)
            logged.log.append(LogLine(time: clock.now, text: "\(t) [notice] 1#1: signal \(sig.number) (SIG\(sig.name)) received, \(nginxAction)"))
            containers.update(logged)
        }
        clock.advance(by: 0.1)
        if let code {
            endMainProcess(c.id, code: code)
            return KillOutcome(signal: sig.number, signalName: sig.name, effect: .stopped)
        }
        // Only SIGKILL and SIGSTOP reach a PID 1 that installed no handler.
        let effect: KillOutcome.Effect = sig.number == 19 ? .frozen : (c.server?.kind == .nginx && nginxAction != nil ? .handled : .ignored)
        return KillOutcome(signal: sig.number, signalName: sig.name, effect: effect)
    }

    // MARK: rename

    /// `docker rename OLD NEW`, with the daemon's checks in its order.
    public mutating func renameContainer(_ reference: String, to newName: String) throws(ContainerError) {
        guard !reference.isEmpty, !newName.isEmpty else { throw .emptyRename }
        guard var c = containers.find(reference) else { throw .noSuchContainer(reference) }
        // The daemon compares and reports names with their leading slash.
        let slashed = newName.hasPrefix("/") ? newName : "/" + newName
        guard slashed != "/" + c.name else { throw .sameName }
        let bare = String(slashed.dropFirst())
        guard Self.isValidName(bare) else {
            throw .nameAllocation("Invalid container name (\(slashed)), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
        }
        if let holder = containers.all.first(where: { $0.name == bare }) {
            throw .nameAllocation(ContainerError.nameInUse(name: bare, id: holder.id).description)
        }
        c.name = bare
        containers.update(c)
    }

    // MARK: wait

    /// `docker wait`: the exit code of a container that is not running. One that will end by
    /// itself (`sleep 30`) is waited for on the virtual clock; one that never would is
    /// reported as such instead of blocking the session forever.
    public mutating func waitContainer(_ reference: String) throws(ContainerError) -> WaitOutcome {
        settleContainers()
        guard let c = containers.find(reference) else { throw .noSuchContainer(reference) }
        switch c.state {
        case .created: return .exited(0)
        case .exited(let code): return .exited(code)
        case .running:
            guard let end = c.stopsAt else { return .wouldBlock }
            clock.advance(by: end.secondsSince1970 - clock.now.secondsSince1970)
            settleContainers()
            if let after = containers[c.id], case .exited(let code) = after.state { return .exited(code) }
            // Removed by --rm once it ended: a background sleep ends with 0.
            return .exited(0)
        }
    }

    // MARK: top

    /// `docker top`: the container's processes as the host sees them. PIDs are host PIDs,
    /// derived from the container ID so that transcripts stay stable.
    public func topProcesses(_ reference: String) throws(ContainerError) -> [TopProcess] {
        guard let c = containers.find(reference) else { throw .noSuchContainer(reference) }
        guard c.isRunning else { throw .notRunning(id: c.id) }
        let started = c.startedAt ?? c.created
        // Each start is a new process on the host: the start time moves the PIDs on.
        let seed = (Int(c.id.prefix(4), radix: 16) ?? 0) + Int(started.secondsSince1970.rounded(.down)) % 7919
        let pid = 2000 + seed % 60000
        let shim = pid - 23
        let tty = c.tty ? "pts/0" : "?"
        let user = hostUser(c.config.user, in: c)
        var rows: [TopProcess] = []
        if c.server?.kind == .nginx {
            rows.append(TopProcess(user: user, pid: pid, ppid: shim, started: started, tty: tty, command: "nginx: master process " + c.args.joined(separator: " ")))
            // One worker per CPU (`worker_processes auto`); the workers run as nginx (uid 101).
            for i in 1...2 {
                rows.append(TopProcess(user: "101", pid: pid + 40 + i, ppid: pid, started: started, tty: tty, command: "nginx: worker process"))
            }
        } else {
            rows.append(TopProcess(user: user, pid: pid, ppid: shim, started: started, tty: tty, command: c.commandLine.joined(separator: " ")))
        }
        if let a = containers.attachment, a.containerID == c.id, a.isExec {
            rows.append(TopProcess(user: hostUser(a.shell.user, in: c), pid: pid + 60, ppid: shim, started: clock.now, tty: "pts/1", command: a.shell.shell))
        }
        return rows
    }

    /// How the host's `ps` names a container user: root is root everywhere; any other user
    /// is known to the host only by number.
    func hostUser(_ user: String, in c: Container) -> String {
        let name = String(user.split(separator: ":", maxSplits: 1).first ?? "")
        if name.isEmpty || name == "root" || name == "0" { return "root" }
        if Int(name) != nil { return name }
        let passwd = filesystem(of: c).shellText(at: "/etc/passwd") ?? ""
        for line in passwd.split(separator: "\n") {
            let f = line.split(separator: ":", omittingEmptySubsequences: false)
            if f.count >= 3, f[0] == name { return f[2] == "0" ? "root" : String(f[2]) }
        }
        return name
    }

    // MARK: cp

    /// A path as given after `CONTAINER:`: relative to the container's root.
    static func containerPath(_ raw: String) -> String { FileTree.normalize(raw, cwd: "/") }

    /// `docker cp HOSTPATH CONTAINER:PATH`. `hostPath` is absolute in `host` (the CLI
    /// resolves it against the current directory); the raw forms as typed carry the trailing
    /// `/` and `/.` that change the meaning. Works on stopped containers too.
    public mutating func copyToContainer(_ reference: String, from host: FileTree, hostPath: String, rawHostPath: String, containerPath rawDestination: String, keepOwner: Bool = false, followLink: Bool = false) throws(ContainerError) -> CopyRecord {
        let source = try Self.copySource(host, path: hostPath, raw: rawHostPath, followLink: followLink, notFound: .copyFailed("lstat \(hostPath): no such file or directory"))
        guard let c = containers.find(reference) else { throw .noSuchContainer(reference) }
        var fs = filesystem(of: c)
        // The CLI follows a link at the destination; the daemon resolves the rest of the path.
        let destination = fs.shellResolve(Self.containerPath(rawDestination)) ?? Self.containerPath(rawDestination)
        let (dir, name) = try Self.copyTarget(source: source, destination: destination, assertsDirectory: rawDestination.hasSuffix("/") || rawDestination.hasSuffix("/."), in: fs)
        guard fs.isDirectory(dir) else {
            if fs[dir] == nil { throw .fileNotFound(path: dir, container: reference) }
            throw .notADirectory
        }
        Self.place(source, at: dir == "/" ? "/" + name : dir + "/" + name, in: &fs, owner: keepOwner ? nil : (0, 0))
        setFilesystem(fs, of: c.id)
        clock.advance(by: 0.05)
        return CopyRecord(tarBytes: source.tarBytes)
    }

    /// `docker cp CONTAINER:PATH HOSTPATH`: writes into `host` at the absolute `hostPath`.
    public mutating func copyFromContainer(_ reference: String, containerPath rawSource: String, into host: inout FileTree, hostPath: String, rawHostPath: String, followLink: Bool = false) throws(ContainerError) -> CopyRecord {
        guard let c = containers.find(reference) else { throw .noSuchContainer(reference) }
        let fs = filesystem(of: c)
        let source = try Self.copySource(fs, path: Self.containerPath(rawSource), raw: rawSource, followLink: followLink, notFound: .fileNotFound(path: rawSource, container: reference))
        if host[hostPath] == nil, !host.isDirectory(hostPath) {
            // The CLI checks the parent of a new destination itself (`CopyInfoDestinationPath`).
            let parent = FileTree.parent(of: hostPath)
            guard host.isDirectory(parent) else {
                if host[parent] == nil { throw .copyFailed("stat \(parent): no such file or directory") }
                throw .copyFailed("not a directory")
            }
        }
        let (dir, name) = try Self.copyTarget(source: source, destination: host.shellResolve(hostPath) ?? hostPath, assertsDirectory: rawHostPath.hasSuffix("/") || rawHostPath.hasSuffix("/."), in: host)
        Self.place(source, at: dir == "/" ? "/" + name : dir + "/" + name, in: &host, owner: (0, 0))
        clock.advance(by: 0.05)
        return CopyRecord(tarBytes: source.tarBytes)
    }

    /// What a `docker cp` source holds: its entries relative to the copied item (`""` is the
    /// item itself), and its base name.
    struct CopySource {
        var name: String
        var isDirectory: Bool
        /// Relative path (`""`, `/a`, `/a/b`) -> node.
        var entries: [(String, FileNode)]
        /// 512-byte header per entry, contents padded to 512 bytes, 1024 bytes of end blocks.
        var tarBytes: Int64 {
            entries.reduce(Int64(1024)) { total, e in total + 512 + (e.1.size + 511) / 512 * 512 }
        }
    }

    /// `raw` is the path as typed: `dir/.` copies what is inside `dir`; a trailing `/` asks
    /// for a directory.
    /// With `followLink` (`-L`) a symlink source is copied as what it points to, under the
    /// link's name.
    static func copySource(_ tree: FileTree, path linkPath: String, raw: String, followLink: Bool, notFound: ContainerError) throws(ContainerError) -> CopySource {
        // Links in the parent path are followed (merged-/usr images link /bin to usr/bin);
        // the last component only with -L.
        let path = tree.shellResolve(linkPath, followLast: followLink) ?? linkPath
        guard let node = tree[path] ?? (path == "/" ? FileNode.directory() : nil) else { throw notFound }
        let contentsOnly = raw.hasSuffix("/.") || raw == "."
        if (raw.hasSuffix("/") || contentsOnly) && !node.isDirectory { throw .copyFailed("not a directory") }
        var entries: [(String, FileNode)] = [("", node)]
        if node.isDirectory {
            let prefix = path == "/" ? "/" : path + "/"
            for (key, child) in tree.entries where key.hasPrefix(prefix) {
                entries.append((String(key.dropFirst(prefix.count - 1)), child))
            }
            entries.sort { $0.0 < $1.0 }
        }
        // `dir/.` copies what is inside: the entries are renamed as the destination.
        let name = contentsOnly ? "." : FileTree.baseName(of: linkPath)
        return CopySource(name: name, isDirectory: node.isDirectory, entries: entries)
    }

    /// moby `PrepareArchiveCopy`: the directory to extract into and the name the copied item
    /// takes there.
    static func copyTarget(source: CopySource, destination: String, assertsDirectory: Bool, in tree: FileTree) throws(ContainerError) -> (dir: String, name: String) {
        let exists = tree[destination] != nil || destination == "/"
        let isDir = tree.isDirectory(destination)
        switch (exists, isDir) {
        case (true, true):
            // `dir/.` into an existing directory: the contents land in it.
            if source.name == "." { return (FileTree.parent(of: destination), FileTree.baseName(of: destination)) }
            return (destination, source.name)
        case (true, false):
            if source.isDirectory { throw .copyFailed("cannot copy directory") }
            return (FileTree.parent(of: destination), FileTree.baseName(of: destination))
        default:
            if !source.isDirectory && assertsDirectory { throw .copyFailed("no such directory") }
            return (FileTree.parent(of: destination), FileTree.baseName(of: destination))
        }
    }

    static func place(_ source: CopySource, at target: String, in tree: inout FileTree, owner: (Int, Int)?) {
        for (relative, node) in source.entries {
            let path = relative.isEmpty ? target : (target == "/" ? relative : target + relative)
            if relative.isEmpty, source.isDirectory, tree.isDirectory(path) { continue }
            var placed = node
            if let owner { placed.uid = owner.0; placed.gid = owner.1 }
            if !placed.isDirectory || !tree.isDirectory(path) {
                if tree[path] != nil, tree[path]?.isDirectory != placed.isDirectory { tree.remove(path) }
                tree.set(path, placed)
            }
        }
    }

    // MARK: commit --change

    /// moby's `validCommitCommands`: the instructions `docker commit --change` accepts.
    public static let commitChangeKeywords: Set<String> = ["cmd", "entrypoint", "healthcheck", "env", "expose", "label", "onbuild", "stopsignal", "user", "volume", "workdir"]

    /// `docker commit --change`: the changes joined by newlines and read as a Dockerfile
    /// (moby `BuildFromConfig`), every keyword vetted before any is applied, then each applied
    /// to the container's config by the builder's own metadata logic.
    func applyingCommitChanges(_ changes: [String], to config: ContainerConfig) throws(ContainerError) -> ContainerConfig {
        guard !changes.isEmpty else { return config }
        let ast: DockerfileAST
        do {
            ast = try parseDockerfileNodes(changes.joined(separator: "\n"))
        } catch {
            throw .invalidChange(error.message)
        }
        for node in ast.nodes where !Self.commitChangeKeywords.contains(node.command.lowercased()) {
            throw .invalidChange("\(node.command.lowercased()) is not a valid change command")
        }
        var instructions: [Instruction] = []
        for node in ast.nodes {
            do {
                instructions.append(try parseInstruction(node, escapeToken: ast.escapeToken))
            } catch {
                // `instructions.ParseCommand` errors carry no `dockerfile parse error on
                // line N:` prefix: only a whole-Dockerfile parse adds it.
                throw .invalidChange(error.reason)
            }
        }
        var run = BuildRun(state: self, document: DockerfileDocument(escapeCharacter: ast.escapeToken), context: BuildContext(workspace: FileTree()),
                           options: BuildOptions(builder: .classic), shell: SimulatedShell())
        var stage = StageState(key: Digest.sha256("commit"))
        stage.config = config
        for instruction in instructions {
            do throws(BuildFailure) {
                if case .workdir(let raw) = instruction.kind {
                    // No directory is made: the daemon only records it (`disableCommit`).
                    let dir = try run.expand(raw, stage.scope, range: instruction.range)
                    stage.config.workingDir = FileTree.normalize(dir, cwd: stage.config.workingDir.isEmpty ? "/" : stage.config.workingDir)
                } else {
                    _ = try run.applyMetadata(instruction, scope: stage.scope, range: instruction.range, st: &stage, classic: true)
                }
            } catch {
                throw .invalidChange(error.message)
            }
        }
        return stage.config
    }
}
