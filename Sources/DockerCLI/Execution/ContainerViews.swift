import Engine

/// Turning engine containers into Docker's output: ps rows, pull text of `docker run`,
/// inspect objects, log timestamps.
enum ContainerViews {
    static func lines(_ output: [String]) -> String {
        output.map { $0 + "\n" }.joined()
    }

    /// Why the prompt comes back while a server runs: a real terminal would stay attached.
    static func keepsRunningNote(_ name: String) -> String {
        "dockyard: \(name) keeps running in the background (a real terminal would stay attached to its output); stop it with `docker stop \(name)`\n"
    }

    /// `docker kill -s` with a signal the main process ignores: Docker says nothing, the
    /// container just keeps running.
    static func ignoredSignalNote(_ name: String, signal: String) -> String {
        "dockyard: \(name) ignored SIG\(signal) and keeps running: a container's PID 1 only stops on a signal its program handles (plain `docker kill` sends SIGKILL)\n"
    }

    /// `docker kill -s STOP`: the process is frozen, which the simulator does not model.
    static func frozenNote(_ name: String) -> String {
        "dockyard: SIGSTOP froze \(name)'s main process (Docker still shows it Up until SIGCONT); the simulator does not model a frozen process, so \(name) goes on as before\n"
    }

    /// `docker wait` on a container that will not stop by itself: Docker would block until
    /// someone stops it from another terminal; the simulator has no other terminal.
    static func waitWouldBlockNote(_ name: String) -> String {
        "dockyard: `docker wait \(name)` would block here until \(name) stops, and it does not stop by itself; stop it first (`docker stop \(name)` or `docker kill \(name)`), then wait prints its exit code\n"
    }

    /// `docker top`: the host's `ps -ef` columns, in docker/cli's tabwriter (min width 20).
    static func top(_ processes: [TopProcess], now: Timestamp) -> String {
        var text = "UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD\n"
        for p in processes {
            text += [p.user, String(p.pid), String(p.ppid), "0", startTime(p.started, now: now), p.tty, "00:00:00", p.command].joined(separator: "\t") + "\n"
        }
        return TabWriter(minWidth: 20, tabWidth: 1, padding: 3, padChar: " ").format(text)
    }

    /// procps STIME: `HH:MM` within the last 24 hours, else `MonDD`.
    static func startTime(_ t: Timestamp, now: Timestamp) -> String {
        let c = Timestamp.civil(Int64(t.secondsSince1970.rounded(.down)))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if now.secondsSince1970 - t.secondsSince1970 < 86_400 { return two(Int(c.hour)) + ":" + two(Int(c.minute)) }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return months[Int(c.month) - 1] + two(Int(c.day))
    }

    /// `docker cp`'s summary (stderr): the tar stream's size, as go-units prints it.
    static func copied(_ record: CopyRecord, to destination: String) -> String {
        "Successfully copied \(Units.humanSizeWithPrecision(Double(record.tarBytes), precision: 3)) to \(destination)\n"
    }

    /// What `docker run` prints while pulling a missing image (stderr): the `docker pull`
    /// stream without its final canonical-name line.

    static func status(_ c: Container) -> ContainerStatus {
        switch c.state {
        case .created: return .created
        case .running: return .running(since: c.startedAt ?? c.created, paused: false)
        case .exited(let code): return .exited(code: Int(code), at: c.finishedAt ?? c.created)
        }
    }

    /// The IMAGE column: the name it was created with, or the short ID once that name
    /// points elsewhere.
    static func imageColumn(_ c: Container, images: ImageStore) -> String {
        images.resolve(c.imageReference) == c.imageID ? c.imageReference : c.imageID.short
    }

    static func row(_ c: Container, images: ImageStore) -> ContainerRow {
        var ports: [PortBinding] = []
        if c.isRunning {
            ports = c.ports.map { PortBinding(hostIP: $0.hostIP, hostPort: $0.hostPort, containerPort: $0.containerPort, proto: $0.proto) }
            let published = Set(c.ports.map { "\($0.containerPort)/\($0.proto)" })
            for exposed in c.config.exposedPorts.sorted() where !published.contains(exposed) {
                let parts = exposed.split(separator: "/")
                if let n = parts.first.flatMap({ Int($0) }) { ports.append(PortBinding(containerPort: n, proto: parts.count > 1 ? String(parts[1]) : "tcp")) }
            }
        }
        return ContainerRow(id: c.id, image: imageColumn(c, images: images), command: ContainerRow.command(path: c.path, args: c.args),
                            created: c.created, status: status(c), ports: ports, names: [c.name])
    }

    /// `2025-01-15T09:00:00.000000000Z` (docker logs -t).
    static func logTime(_ t: Timestamp) -> String {
        let s = t.rfc3339Nano
        guard s.hasSuffix("Z") else { return s }
        let body = s.dropLast()
        if let dot = body.firstIndex(of: ".") {
            let fraction = body[body.index(after: dot)...]
            return body[..<dot] + "." + fraction + String(repeating: "0", count: max(0, 9 - fraction.count)) + "Z"
        }
        return body + ".000000000Z"
    }

    static func strings(_ values: [String]?) -> TemplateValue {
        guard let values else { return .null }
        return .list(values.map { .string($0) })
    }

    /// The container's `docker inspect` object (the fields the simulator models).
    static func inspectObject(_ c: Container, engine: EngineState) -> TemplateValue {
        let running = c.isRunning
        let exitCode: Int64 = if case .exited(let code) = c.state { Int64(code) } else { 0 }
        let zero = "0001-01-01T00:00:00Z"
        let state = TemplateObject(typeName: "*container.State", fields: [
            .init("Status", .string(c.state.word)),
            .init("Running", .bool(running)),
            .init("Paused", .bool(false)),
            .init("Restarting", .bool(false)),
            .init("OOMKilled", .bool(false)),
            .init("Dead", .bool(false)),
            .init("Pid", .int(running ? 4242 : 0)),
            .init("ExitCode", .int(exitCode)),
            .init("Error", .string("")),
            .init("StartedAt", .string(c.startedAt?.rfc3339Nano ?? zero)),
            .init("FinishedAt", .string(c.finishedAt?.rfc3339Nano ?? zero)),
        ])
        var portMap: [String: TemplateValue] = [:]
        for exposed in c.config.exposedPorts { portMap[exposed] = .null }
        var bindings: [String: [TemplateValue]] = [:]
        for p in c.ports {
            bindings["\(p.containerPort)/\(p.proto)", default: []].append(.object(TemplateObject(typeName: "nat.PortBinding", fields: [
                .init("HostIp", .string(p.hostIP)), .init("HostPort", .string(String(p.hostPort))),
            ])))
        }
        var hostBindings: [String: TemplateValue] = [:]
        for (k, v) in bindings {
            hostBindings[k] = .list(v.filter { if case .object(let o) = $0 { return o.fields.first?.value != .string("::") } else { return true } }.map { value in
                guard case .object(var o) = value else { return value }
                o.fields[0].value = .string("")
                return .object(o)
            })
            if running { portMap[k] = .list(v) }
        }
        var exposed: [String: TemplateValue] = [:]
        for p in c.config.exposedPorts { exposed[p] = .map([:]) }
        let config = TemplateObject(typeName: "*container.Config", fields: [
            .init("Hostname", .string(c.hostname)),
            .init("User", .string(c.config.user)),
            .init("AttachStdin", .bool(c.interactive)),
            .init("Tty", .bool(c.tty)),
            .init("OpenStdin", .bool(c.interactive)),
            .init("ExposedPorts", exposed.isEmpty ? .null : .map(exposed)),
            .init("Env", strings(c.config.env)),
            .init("Cmd", strings(c.config.cmd)),
            .init("Image", .string(c.imageReference)),
            .init("WorkingDir", .string(c.config.workingDir)),
            .init("Entrypoint", strings(c.config.entrypoint)),
            .init("Labels", .map(c.config.labels.mapValues { .string($0) })),
        ])
        let hostConfig = TemplateObject(typeName: "*container.HostConfig", fields: [
            .init("NetworkMode", .string("bridge")),
            .init("PortBindings", .map(hostBindings)),
            .init("AutoRemove", .bool(c.autoRemove)),
        ])
        let network = TemplateObject(typeName: "*container.NetworkSettings", fields: [
            .init("Ports", .map(portMap)),
            .init("IPAddress", .string(running ? c.ipAddress : "")),
        ])
        return .object(TemplateObject(typeName: "*container.InspectResponse", fields: [
            .init("Id", .string(c.id)),
            .init("Created", .string(c.created.rfc3339Nano)),
            .init("Path", .string(c.path)),
            .init("Args", .list(c.args.map { .string($0) })),
            .init("State", .object(state)),
            .init("Image", .string(c.imageID.digest.string)),
            .init("Name", .string("/" + c.name)),
            .init("RestartCount", .int(Int64(c.restartCount))),
            .init("HostConfig", .object(hostConfig)),
            .init("Config", .object(config)),
            .init("NetworkSettings", .object(network)),
        ]))
    }
}
