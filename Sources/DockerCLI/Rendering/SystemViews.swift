import Engine

/// `docker system df` (default table).
public struct SystemDfView: Equatable, Sendable {
    /// One TYPE row; the caller computes the figures as the daemon does.
    public struct Row: Equatable, Sendable {
        /// `Images`, `Containers`, `Local Volumes`, `Build Cache`.
        public var type: String
        public var total: Int
        public var active: Int
        public var size: Int64
        public var reclaimable: Int64
        /// Images, containers and volumes show `(NN%)` of size; build cache does not.
        public var showsPercent: Bool
        public init(type: String, total: Int, active: Int, size: Int64, reclaimable: Int64, showsPercent: Bool) {
            self.type = type
            self.total = total
            self.active = active
            self.size = size
            self.reclaimable = reclaimable
            self.showsPercent = showsPercent
        }
    }

    public var rows: [Row]
    public var format: String?

    public init(rows: [Row], format: String? = nil) {
        self.rows = rows
        self.format = format
    }

    static let defaultFormat = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"

    func templateValue(_ r: Row) -> TemplateValue {
        var reclaimable = Units.humanSize(r.reclaimable)
        if r.showsPercent, r.size > 0 { reclaimable += " (\(r.reclaimable * 100 / r.size)%)" }
        return .object(TemplateObject(typeName: "*formatter.diskUsageContext", sortsKeysInJSON: true, fields: [
            .init("Type", .string(r.type)),
            .init("TotalCount", .string(String(r.total))),
            .init("Active", .string(String(r.active))),
            .init("Size", .string(Units.humanSize(r.size))),
            .init("Reclaimable", .string(reclaimable)),
        ]))
    }

    public func render() -> CommandResult {
        let f = (format?.isEmpty ?? true) || format == "table" ? Self.defaultFormat : (format ?? Self.defaultFormat)
        return Formatted.render(format: f, rows: rows.map(templateValue), headers: FormatHeaders.diskUsage)
    }
}

/// A container's state as `docker ps` STATUS shows it.
public enum ContainerStatus: Equatable, Sendable {
    case created
    case running(since: Timestamp, paused: Bool)
    case restarting(exitCode: Int, since: Timestamp)
    case exited(code: Int, at: Timestamp)
    case dead

    /// `Up 2 minutes`, `Exited (0) 58 minutes ago`, `Created` ...
    public func text(now: Timestamp) -> String {
        func d(_ t: Timestamp) -> String { Units.humanDuration(seconds: now.secondsSince1970 - t.secondsSince1970) }
        switch self {
        case .created: return "Created"
        case .running(let since, let paused): return "Up \(d(since))" + (paused ? " (Paused)" : "")
        case .restarting(let code, let since): return "Restarting (\(code)) \(d(since)) ago"
        case .exited(let code, let at): return "Exited (\(code)) \(d(at)) ago"
        case .dead: return "Dead"
        }
    }

    /// The `.State` word.
    public var state: String {
        switch self {
        case .created: return "created"
        case .running(_, let paused): return paused ? "paused" : "running"
        case .restarting: return "restarting"
        case .exited: return "exited"
        case .dead: return "dead"
        }
    }
}

/// A published or exposed port, for the PORTS column.
public struct PortBinding: Equatable, Sendable {
    public var hostIP: String?
    public var hostPort: Int?
    public var containerPort: Int
    public var proto: String
    public init(hostIP: String? = nil, hostPort: Int? = nil, containerPort: Int, proto: String = "tcp") {
        self.hostIP = hostIP
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.proto = proto
    }

    /// `0.0.0.0:8000->8000/tcp`, `[::]:8000->8000/tcp`, or `8000/tcp` when not published.
    public var text: String {
        guard let hostPort else { return "\(containerPort)/\(proto)" }
        var ip = hostIP ?? "0.0.0.0"
        if ip.contains(":") { ip = "[\(ip)]" }
        return "\(ip):\(hostPort)->\(containerPort)/\(proto)"
    }
}

/// One `docker ps` row.
public struct ContainerRow: Equatable, Sendable {
    /// Full 64-hex container ID.
    public var id: String
    /// The image as the container was created with it (`myapp:latest` or an ID).
    public var image: String
    /// The daemon's command string (see `command(path:args:)`).
    public var command: String
    public var created: Timestamp
    public var status: ContainerStatus
    public var ports: [PortBinding]
    public var names: [String]
    public var labels: [String: String]
    /// Networks the container is attached to (Docker's default is `bridge`).
    public var networks: [String]
    /// Mount sources (volume names or host paths) for `{{.Mounts}}`.
    public var mounts: [String]

    public init(id: String, image: String, command: String, created: Timestamp, status: ContainerStatus,
                ports: [PortBinding] = [], names: [String], labels: [String: String] = [:],
                networks: [String] = ["bridge"], mounts: [String] = []) {
        self.id = id
        self.image = image
        self.command = command
        self.created = created
        self.status = status
        self.ports = ports
        self.names = names
        self.labels = labels
        self.networks = networks
        self.mounts = mounts
    }

    /// The daemon's COMMAND text: path, then args, each arg containing a space wrapped in
    /// single quotes (`/bin/sh -c 'python app.py'`).
    public static func command(path: String, args: [String]) -> String {
        ([path] + args.map { $0.contains(" ") ? "'\($0)'" : $0 }).joined(separator: " ")
    }
}

/// `docker ps` / `docker container ls`.
public struct PsView: Equatable, Sendable {
    public var rows: [ContainerRow]
    public var now: Timestamp
    public var quiet = false
    public var noTrunc = false
    public var format: String?

    public init(rows: [ContainerRow], now: Timestamp) {
        self.rows = rows
        self.now = now
    }

    public init(rows: [ContainerRow], now: Timestamp, options: PsOptions) {
        self.init(rows: rows, now: now)
        quiet = options.quiet
        noTrunc = options.noTrunc
        format = options.format
    }

    static let defaultFormat = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"

    var effectiveFormat: String {
        if let format, !format.isEmpty, format != "table" { return format }
        return quiet ? "{{.ID}}" : Self.defaultFormat
    }

    func templateValue(_ r: ContainerRow) -> TemplateValue {
        var command = r.command
        if !noTrunc { command = DisplayWidth.ellipsis(command, maxWidth: 20) }
        var image = r.image
        if !noTrunc, image.hasPrefix("sha256:") { image = Formatted.truncateID(image) }
        return .object(TemplateObject(typeName: "*formatter.ContainerContext", sortsKeysInJSON: true, fields: [
            .init("ID", .string(noTrunc ? r.id : Formatted.truncateID(r.id))),
            .init("Image", .string(image)),
            .init("Command", .string(GoFormat.quote(command))),
            .init("CreatedAt", .string(Formatted.goTimeString(r.created))),
            .init("RunningFor", .string(Units.ago(r.created, now: now))),
            .init("Ports", .string(r.ports.map(\.text).joined(separator: ", "))),
            .init("Status", .string(r.status.text(now: now))),
            .init("Names", .string(r.names.joined(separator: ","))),
            .init("State", .string(r.status.state)),
            // The daemon only computes sizes for `ps --size`, which is not simulated.
            .init("Size", .string("N/A")),
            .init("Labels", .string(r.labels.keys.sorted().map { "\($0)=\(r.labels[$0] ?? "")" }.joined(separator: ","))),
            .init("Mounts", .string(r.mounts.joined(separator: ","))),
            .init("Networks", .string(r.networks.joined(separator: ","))),
            .init("LocalVolumes", .string(String(r.mounts.filter { !$0.hasPrefix("/") }.count))),
        ]))
    }

    public func render() -> CommandResult {
        Formatted.render(format: effectiveFormat, rows: rows.map(templateValue), headers: FormatHeaders.containers)
    }
}

/// `docker inspect` / `docker image inspect`: a JSON array in Docker's four-space indent, or
/// one `--format` result per object.
public struct InspectView: Equatable, Sendable {
    /// The objects found, in argument order, as JSON-shaped values (field order kept).
    public var objects: [TemplateValue]
    /// Messages for names not found (`Error response from daemon: No such image: x:latest`).
    public var errors: [String]
    public var format: String?

    public init(objects: [TemplateValue], errors: [String] = [], format: String? = nil) {
        self.objects = objects
        self.errors = errors
        self.format = format
    }

    public func render() -> CommandResult {
        var out = ""
        if let format, !format.isEmpty {
            do {
                let template = try GoTemplate(format)
                for object in objects { out += try template.execute(object) + "\n" }
            } catch {
                return CommandResult(stdout: out, stderr: error.dockerMessage + "\n", exitStatus: 1)
            }
        } else {
            out = GoJSON.indented(.list(objects)) + "\n"
        }
        let err = errors.map { $0 + "\n" }.joined()
        return CommandResult(stdout: out, stderr: err, exitStatus: errors.isEmpty ? 0 : 1)
    }
}
