import Engine

// create, kill, rename, cp, top, wait.
extension DockerExecutor {
    // MARK: create

    /// `docker create`: `docker run`'s first half. Unlike `docker run`, daemon errors come
    /// back plain (`Error response from daemon: ...`, status 1); only flag problems get
    /// the `docker:` form with status 125.
    func create(_ o: RunOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        let imageID: ImageID
        var pullText = ""
        switch imageForContainer(o.image, engine: &engine, terminal: host.isTerminal) {
        case .failure(let failure): return Self.prefixed(failure.pullText, .failure(failure.message + "\n"))
        case .success(let found):
            imageID = found.id
            pullText = found.pullText
        }
        do {
            let id = try engine.createContainer(Self.runRequest(o, host: host), imageID: imageID)
            var result = CommandResult(stdout: ContainerOutput.fullID(id), stderr: pullText)
            result.stderrComesFirst()
            return result
        } catch {
            if !error.fromDaemon {
                return Self.prefixed(pullText, .failure("docker: \(error)\n\nRun 'docker create --help' for more information\n", status: 125))
            }
            return Self.prefixed(pullText, .failure(Self.daemonText(error) + "\n"))
        }
    }

    // MARK: kill

    func kill(_ o: KillOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        var out = "", err = "", notes = ""
        for name in o.containers {
            do throws(ContainerError) {
                let outcome = try engine.killContainer(name, signal: o.signal)
                out += name + "\n"
                switch outcome.effect {
                case .stopped, .handled: break
                case .ignored: notes += ContainerViews.ignoredSignalNote(name, signal: outcome.signalName)
                case .frozen: notes += ContainerViews.frozenNote(name)
                }
            } catch {
                // The daemon's router wraps every kill failure with the name as given.
                err += "Error response from daemon: cannot kill container: \(name): \(error)\n"
            }
        }
        return CommandResult(stdout: out, stderr: notes + err, exitStatus: err.isEmpty ? 0 : 1)
    }

    // MARK: rename

    func rename(_ o: RenameOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        do throws(ContainerError) {
            try engine.renameContainer(o.container, to: o.newName)
            return .ok()
        } catch {
            // CLI 28 prints the daemon's error, then its own line.
            return .failure("Error response from daemon: \(error)\nError: failed to rename container named \(o.container)\n")
        }
    }

    // MARK: wait

    func wait(_ o: ContainerNamesOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        var result = CommandResult()
        var errors = ""
        var blocked = false
        for name in o.containers {
            do throws(ContainerError) {
                switch try engine.waitContainer(name) {
                case .exited(let code):
                    result.write("\(code)\n")
                case .wouldBlock:
                    // Where Docker would sit waiting, in the order of the arguments.
                    blocked = true
                    result.write(ContainerViews.waitWouldBlockNote(name), toStderr: true)
                }
            } catch {
                errors += Self.daemonText(error) + "\n"
            }
        }
        // The CLI joins the errors and prints them when every wait is over.
        result.write(errors, toStderr: true)
        result.exitStatus = blocked || !errors.isEmpty ? 1 : 0
        return result
    }

    // MARK: top

    func top(_ o: TopOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        if !o.psOptions.isEmpty {
            return .failure("dockyard: `ps` options for `docker top` are not simulated; `docker top \(o.container)` shows the default `ps -ef` columns\n")
        }
        do throws(ContainerError) {
            let processes = try engine.topProcesses(o.container)
            return .ok(ContainerViews.top(processes, now: engine.clock.now))
        } catch {
            return .failure(Self.daemonText(error) + "\n")
        }
    }

    // MARK: cp

    /// docker/cli `splitCpArg`: `CONTAINER:PATH`, unless the argument is an absolute local
    /// path or starts with `.` (`./file:name.txt` is local).
    static func splitCopyArgument(_ arg: String) -> (container: String?, path: String) {
        if arg.hasPrefix("/") { return (nil, arg) }
        guard let colon = arg.firstIndex(of: ":") else { return (nil, arg) }
        let container = String(arg[..<colon])
        if container.hasPrefix(".") { return (nil, arg) }
        return (container, String(arg[arg.index(after: colon)...]))
    }

    /// docker/cli `resolveLocalPath`: absolute, keeping a trailing `/` or `/.` as typed.
    static func localPath(_ raw: String, cwd: String) -> String {
        let abs = FileTree.normalize(raw, cwd: cwd)
        let base = abs == "/" ? "" : abs
        if raw.hasSuffix("/.") || raw == "." { return base + "/." }
        if raw.hasSuffix("/") { return base + "/" }
        return abs
    }

    func cp(_ o: CopyOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        if o.source == "-" || o.destination == "-" {
            return .failure("dockyard: `docker cp` with `-` (a tar stream on standard input or output) is not simulated; copy a file or folder instead\n")
        }
        let source = Self.splitCopyArgument(o.source), destination = Self.splitCopyArgument(o.destination)
        // Without -q the CLI reports the copy only when its output is a terminal.
        let quiet = o.quiet ?? !host.isTerminal
        do throws(ContainerError) {
            switch (source.container, destination.container) {
            case (let from?, nil):
                var workspace = host.workspace
                let local = Self.localPath(destination.path, cwd: host.cwd)
                let record = try engine.copyFromContainer(from, containerPath: source.path, into: &workspace,
                                                          hostPath: FileTree.normalize(local, cwd: "/"), rawHostPath: destination.path, followLink: o.followLink)
                var result = CommandResult()
                result.workspace = workspace
                if !quiet { result.stderr = ContainerViews.copied(record, to: local) }
                return result
            case (nil, let to?):
                let record = try engine.copyToContainer(to, from: host.workspace, hostPath: FileTree.normalize(source.path, cwd: host.cwd),
                                                        rawHostPath: source.path, containerPath: destination.path, keepOwner: o.archive, followLink: o.followLink)
                return quiet ? .ok() : CommandResult(stderr: ContainerViews.copied(record, to: to + ":" + destination.path))
            case (_?, _?):
                return .failure("copying between containers is not supported\n")
            case (nil, nil):
                return .failure("must specify at least one container source\n")
            }
        } catch {
            return .failure(Self.daemonText(error) + "\n")
        }
    }
}
