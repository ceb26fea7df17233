import Engine

/// The fixed facts of the Docker install Dockyard stands in for: Docker Engine - Community
/// 28.5.2 on linux/amd64 (the Debian/Ubuntu packages), as its `docker version` reports them.
public enum DockerRelease {
    public static let platformName = "Docker Engine - Community"
    public static let version = "28.5.2"
    public static let apiVersion = "1.51"
    public static let minAPIVersion = "1.24"
    public static let goVersion = "go1.24.9"
    public static let cliCommit = "ecc6942"
    public static let engineCommit = "89c5e8f"
    public static let cliBuilt = "Wed Nov  5 14:42:30 2025"
    public static let engineBuilt = "Wed Nov  5 14:45:42 2025"
    public static let os = "linux"
    public static let arch = "amd64"
    public static let containerdVersion = "v1.7.29"
    public static let containerdCommit = "442cb34bda9a6a0fed82a2ca7cade05c5c749582"
    public static let runcVersion = "1.3.3"
    public static let runcCommit = "v1.3.3-0-gd842d771"
    public static let initVersion = "0.19.0"
    public static let initCommit = "de40ad0"
    public static let buildxVersion = "v0.29.1"
}

/// docker/cli's version and info writers use Go's tabwriter (minwidth 20, padding 1) over
/// `label:\tvalue` lines; every label is short, so each value starts at column 20.
private func labelled(_ label: String, _ value: String) -> String {
    GoFormat.padRight(label, 19) + " " + value + "\n"
}

/// `docker version`: the Client and Server sections, or `--format` over the same data.
public struct VersionView: Equatable, Sendable {
    public var context = "default"
    public var format: String?

    public init(format: String? = nil) { self.format = format }

    /// The data `--format` reads, shaped like docker/cli's `versionInfo`.
    public var templateValue: TemplateValue {
        typealias F = TemplateObject.Field
        func platform() -> TemplateValue {
            .object(TemplateObject(typeName: "system.platformInfo", fields: [F("Name", .string(DockerRelease.platformName))]))
        }
        func component(_ name: String, _ version: String, _ details: [String: String]) -> TemplateValue {
            .object(TemplateObject(typeName: "types.ComponentVersion", fields: [
                F("Name", .string(name)), F("Version", .string(version)), F("Details", .map(details.mapValues { .string($0) })),
            ]))
        }
        let client = TemplateObject(typeName: "system.clientVersion", fields: [
            F("Platform", platform()),
            F("Version", .string(DockerRelease.version)),
            F("APIVersion", .string(DockerRelease.apiVersion)),
            F("DefaultAPIVersion", .string(DockerRelease.apiVersion)),
            F("GitCommit", .string(DockerRelease.cliCommit)),
            F("GoVersion", .string(DockerRelease.goVersion)),
            F("Os", .string(DockerRelease.os)),
            F("Arch", .string(DockerRelease.arch)),
            F("BuildTime", .string(DockerRelease.cliBuilt)),
            F("Context", .string(context)),
        ])
        let server = TemplateObject(typeName: "*types.Version", fields: [
            F("Platform", platform()),
            F("Components", .list([
                component("Engine", DockerRelease.version, [
                    "ApiVersion": DockerRelease.apiVersion, "Arch": DockerRelease.arch, "BuildTime": DockerRelease.engineBuilt,
                    "Experimental": "false", "GitCommit": DockerRelease.engineCommit, "GoVersion": DockerRelease.goVersion,
                    "MinAPIVersion": DockerRelease.minAPIVersion, "Os": DockerRelease.os,
                ]),
                component("containerd", DockerRelease.containerdVersion, ["GitCommit": DockerRelease.containerdCommit]),
                component("runc", DockerRelease.runcVersion, ["GitCommit": DockerRelease.runcCommit]),
                component("docker-init", DockerRelease.initVersion, ["GitCommit": DockerRelease.initCommit]),
            ])),
            F("Version", .string(DockerRelease.version)),
            F("APIVersion", .string(DockerRelease.apiVersion)),
            F("MinAPIVersion", .string(DockerRelease.minAPIVersion)),
            F("GitCommit", .string(DockerRelease.engineCommit)),
            F("GoVersion", .string(DockerRelease.goVersion)),
            F("Os", .string(DockerRelease.os)),
            F("Arch", .string(DockerRelease.arch)),
            F("BuildTime", .string(DockerRelease.engineBuilt)),
        ])
        return .object(TemplateObject(typeName: "system.versionInfo", fields: [F("Client", .object(client)), F("Server", .object(server))]))
    }

    /// The default layout (docker/cli's `defaultVersionTemplate`).
    var defaultText: String {
        var out = "Client: \(DockerRelease.platformName)\n"
        out += labelled(" Version:", DockerRelease.version)
        out += labelled(" API version:", DockerRelease.apiVersion)
        out += labelled(" Go version:", DockerRelease.goVersion)
        out += labelled(" Git commit:", DockerRelease.cliCommit)
        out += labelled(" Built:", DockerRelease.cliBuilt)
        out += labelled(" OS/Arch:", "\(DockerRelease.os)/\(DockerRelease.arch)")
        out += labelled(" Context:", context)
        out += "\nServer: \(DockerRelease.platformName)\n Engine:\n"
        out += labelled("  Version:", DockerRelease.version)
        out += labelled("  API version:", "\(DockerRelease.apiVersion) (minimum version \(DockerRelease.minAPIVersion))")
        out += labelled("  Go version:", DockerRelease.goVersion)
        out += labelled("  Git commit:", DockerRelease.engineCommit)
        out += labelled("  Built:", DockerRelease.engineBuilt)
        out += labelled("  OS/Arch:", "\(DockerRelease.os)/\(DockerRelease.arch)")
        out += labelled("  Experimental:", "false")
        for (name, version, commit) in [("containerd", DockerRelease.containerdVersion, DockerRelease.containerdCommit),
                                        ("runc", DockerRelease.runcVersion, DockerRelease.runcCommit),
                                        ("docker-init", DockerRelease.initVersion, DockerRelease.initCommit)] {
            out += " \(name):\n" + labelled("  Version:", version) + labelled("  GitCommit:", commit)
        }
        return out
    }

    public func render() -> CommandResult {
        guard let format, !format.isEmpty else { return .ok(defaultText) }
        let text = format == "json" ? "{{json .}}" : format
        let template: GoTemplate
        do {
            template = try GoTemplate(text)
        } catch {
            // docker version exits 64 when its template does not parse.
            return .failure(error.dockerMessage + "\n", status: 64)
        }
        do {
            return .ok(try template.execute(templateValue) + "\n")
        } catch {
            return .failure(error.dockerMessage + "\n")
        }
    }
}

/// `docker info`: the Client section, then the Server section with the engine's figures.
public struct InfoView: Equatable, Sendable {
    public var containers = 0
    public var running = 0
    public var paused = 0
    public var stopped = 0
    public var images = 0
    /// The Docker Hub user the CLI holds credentials for (`Username:`), if any.
    public var username: String?
    public var context = "default"
    public var format: String?

    public init() {}

    static let driverStatus: [(String, String)] = [
        ("Backing Filesystem", "extfs"), ("Supports d_type", "true"), ("Using metacopy", "false"),
        ("Native Overlay Diff", "true"), ("userxattr", "false"),
    ]
    static let logPlugins = "awslogs fluentd gcplogs gelf journald json-file local splunk syslog"
    static let networkPlugins = "bridge host ipvlan macvlan null overlay"

    /// The data `--format` reads: the daemon's `system.Info` fields the simulator can fill
    /// honestly, plus `ClientInfo`.
    public var templateValue: TemplateValue {
        typealias F = TemplateObject.Field
        let client = TemplateObject(typeName: "*system.clientInfo", fields: [
            F("Debug", .bool(false)),
            F("Version", .string(DockerRelease.version)),
            F("Context", .string(context)),
        ])
        return .object(TemplateObject(typeName: "system.dockerInfo", fields: [
            F("Containers", .int(Int64(containers))),
            F("ContainersRunning", .int(Int64(running))),
            F("ContainersPaused", .int(Int64(paused))),
            F("ContainersStopped", .int(Int64(stopped))),
            F("Images", .int(Int64(images))),
            F("Driver", .string("overlay2")),
            F("DriverStatus", .list(Self.driverStatus.map { .list([.string($0.0), .string($0.1)]) })),
            F("LoggingDriver", .string("json-file")),
            F("CgroupDriver", .string("systemd")),
            F("CgroupVersion", .string("2")),
            F("OSType", .string("linux")),
            F("Architecture", .string("x86_64")),
            F("IndexServerAddress", .string(RegistryStore.indexServer)),
            F("DockerRootDir", .string("/var/lib/docker")),
            F("ServerVersion", .string(DockerRelease.version)),
            F("DefaultRuntime", .string("runc")),
            F("InitBinary", .string("docker-init")),
            F("ExperimentalBuild", .bool(false)),
            F("LiveRestoreEnabled", .bool(false)),
            F("ProductLicense", .string("Community Engine")),
            F("ClientInfo", .object(client)),
        ]))
    }

    /// docker/cli's `prettyPrintInfo`. Host facts Dockyard cannot know (kernel, operating
    /// system, CPUs, memory, host name, daemon ID) are left out rather than made up.
    var defaultText: String {
        var out = "Client: \(DockerRelease.platformName)\n"
        out += " Version:    \(DockerRelease.version)\n"
        out += " Context:    \(context)\n"
        out += " Debug Mode: false\n"
        out += " Plugins:\n"
        out += "  buildx: Docker Buildx (Docker Inc.)\n"
        out += "    Version:  \(DockerRelease.buildxVersion)\n"
        out += "    Path:     /usr/libexec/docker/cli-plugins/docker-buildx\n"
        out += "\nServer:\n"
        out += " Containers: \(containers)\n"
        out += "  Running: \(running)\n"
        out += "  Paused: \(paused)\n"
        out += "  Stopped: \(stopped)\n"
        out += " Images: \(images)\n"
        out += " Server Version: \(DockerRelease.version)\n"
        out += " Storage Driver: overlay2\n"
        for (key, value) in Self.driverStatus { out += "  \(key): \(value)\n" }
        out += " Logging Driver: json-file\n"
        out += " Cgroup Driver: systemd\n"
        out += " Cgroup Version: 2\n"
        out += " Plugins:\n"
        out += "  Volume: local\n"
        out += "  Network: \(Self.networkPlugins)\n"
        out += "  Log: \(Self.logPlugins)\n"
        out += " CDI spec directories:\n  /etc/cdi\n  /var/run/cdi\n"
        out += " Swarm: inactive\n"
        out += " Runtimes: io.containerd.runc.v2 runc\n"
        out += " Default Runtime: runc\n"
        out += " Init Binary: docker-init\n"
        out += " containerd version: \(DockerRelease.containerdCommit)\n"
        out += " runc version: \(DockerRelease.runcCommit)\n"
        out += " init version: \(DockerRelease.initCommit)\n"
        out += " Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  cgroupns\n"
        out += " OSType: linux\n"
        out += " Architecture: x86_64\n"
        out += " Docker Root Dir: /var/lib/docker\n"
        out += " Debug Mode: false\n"
        if let username { out += " Username: \(username)\n" }
        out += " Experimental: false\n"
        out += " Insecure Registries:\n  ::1/128\n  127.0.0.0/8\n"
        out += " Live Restore Enabled: false\n"
        out += " Product License: Community Engine\n"
        return out + "\n"
    }

    public func render() -> CommandResult {
        guard let format, !format.isEmpty else { return .ok(defaultText) }
        let text = format == "json" ? "{{json .}}" : format
        do {
            let template = try GoTemplate(text)
            return .ok(try template.execute(templateValue) + "\n")
        } catch {
            return .failure(error.dockerMessage + "\n")
        }
    }
}

/// `docker system prune`: the sections of each pruner that removed something, in Docker's
/// order (containers, networks, volumes, images, build cache), then the total.
public struct SystemPruneView: Equatable, Sendable {
    public var containerIDs: [String]
    public var imageLines: [RemovalLine]
    public var cacheIDs: [String]
    public var reclaimedBytes: Int64

    public init(containerIDs: [String], imageLines: [RemovalLine], cacheIDs: [String], reclaimedBytes: Int64) {
        self.containerIDs = containerIDs
        self.imageLines = imageLines
        self.cacheIDs = cacheIDs
        self.reclaimedBytes = reclaimedBytes
    }

    /// docker/cli's confirmation template: one `  - ` line per kind of data, a blank line,
    /// then the question.
    public static func confirmationPrompt(all: Bool, volumes: Bool) -> String {
        var warnings = ["all stopped containers", "all networks not used by at least one container"]
        if volumes { warnings.append("all anonymous volumes not used by at least one container") }
        warnings.append(all ? "all images without at least one container associated to them" : "all dangling images")
        warnings.append(all ? "all build cache" : "unused build cache")
        return "WARNING! This will remove:\n" + warnings.map { "  - \($0)\n" }.joined() + "\nAre you sure you want to continue? [y/N] "
    }

    public func render() -> CommandResult {
        var out = ContainerPruneView.deletedSection(containerIDs)
        out += ImagePruneView.deletedSection(imageLines)
        if !cacheIDs.isEmpty {
            out += "Deleted build cache objects:\n" + cacheIDs.map { $0 + "\n" }.joined() + "\n"
        }
        return .ok(out + "Total reclaimed space: \(Units.humanSize(reclaimedBytes))\n")
    }
}

/// `docker buildx du`: BuildKit's cache records as buildx 0.29 lists them (a table, or with
/// `--verbose` one block per record), then the Shared/Private/Reclaimable/Total summary.
public struct BuildCacheDuView: Equatable, Sendable {
    public struct Record: Equatable, Sendable {
        public var id: String
        public var size: Int64
        /// False while an image still uses the record's layer (not removed by a plain prune).
        public var reclaimable: Bool
        /// The record's layer is shared with an image.
        public var shared: Bool
        public var mutable: Bool
        public var created: Timestamp
        public var lastUsed: Timestamp?
        public var usageCount: Int
        public var description: String
        public var type: String

        public init(id: String, size: Int64, reclaimable: Bool, shared: Bool, mutable: Bool = false, created: Timestamp,
                    lastUsed: Timestamp?, usageCount: Int, description: String, type: String = "regular") {
            self.id = id
            self.size = size
            self.reclaimable = reclaimable
            self.shared = shared
            self.mutable = mutable
            self.created = created
            self.lastUsed = lastUsed
            self.usageCount = usageCount
            self.description = description
            self.type = type
        }
    }

    /// Records in BuildKit's order: largest first, ties by ID descending.
    public var records: [Record]
    public var now: Timestamp
    public var format: String?
    public var verbose = false
    /// buildx leaves the summary out when filtering.
    public var filtered = false

    public init(records: [Record], now: Timestamp, format: String? = nil, verbose: Bool = false) {
        self.records = records.sorted { $0.size != $1.size ? $0.size > $1.size : $0.id > $1.id }
        self.now = now
        self.format = format
        self.verbose = verbose
    }

    static let tableFormat = "table {{.ID}}\t{{.Reclaimable}}\t{{.Size}}\t{{.LastUsedAt}}"
    static let prettyFormat = """
        ID:           {{.ID}}
        {{- if .Parents }}
        Parents:
        {{- range .Parents }}
         - {{.}}
        {{- end }}
        {{- end }}
        Created at:   {{.CreatedAt}}
        Mutable:      {{.Mutable}}
        Reclaimable:  {{.Reclaimable}}
        Shared:       {{.Shared}}
        Size:         {{.Size}}
        {{- if .Description}}
        Description:  {{ .Description }}
        {{- end }}
        Usage count:  {{.UsageCount}}
        {{- if .LastUsedAt}}
        Last used:    {{ .LastUsedAt }}
        {{- end }}
        {{- if .Type}}
        Type:         {{ .Type }}
        {{- end }}

        """
    static let headers: [String: String] = [
        "ID": "ID", "Parents": "PARENTS", "CreatedAt": "CREATED AT", "Mutable": "MUTABLE", "Reclaimable": "RECLAIMABLE",
        "Shared": "SHARED", "Size": "SIZE", "Description": "DESCRIPTION", "UsageCount": "USAGE COUNT",
        "LastUsedAt": "LAST ACCESSED", "Type": "TYPE",
    ]

    var effectiveFormat: String {
        switch format {
        case nil, "": return verbose ? Self.prettyFormat : Self.tableFormat
        case "pretty": return Self.prettyFormat
        case "table": return Self.tableFormat
        case let f?: return f
        }
    }

    func templateValue(_ r: Record, table: Bool) -> TemplateValue {
        typealias F = TemplateObject.Field
        let lastUsed = r.lastUsed.map { Units.ago($0, now: now) } ?? ""
        return .object(TemplateObject(typeName: "*commands.diskusageContext", sortsKeysInJSON: true, fields: [
            F("ID", .string(r.id + (table && r.mutable ? "*" : ""))),
            F("Parents", .null),
            F("CreatedAt", .string(Formatted.goTimeString(r.created))),
            F("Mutable", .bool(r.mutable)),
            F("Reclaimable", .bool(r.reclaimable)),
            F("Shared", .bool(r.shared)),
            F("Size", .string(Units.humanSize(r.size) + (table && r.shared ? "*" : ""))),
            F("Description", .string(r.description)),
            F("UsageCount", .int(Int64(r.usageCount))),
            F("LastUsedAt", .string(lastUsed)),
            F("Type", .string(r.type)),
        ]))
    }

    /// buildx's `printSummary`: Shared and Private only when something is shared.
    var summary: String {
        var total: Int64 = 0, reclaimable: Int64 = 0, shared: Int64 = 0
        for r in records {
            if r.size > 0 {
                total += r.size
                if r.reclaimable { reclaimable += r.size }
            }
            if r.shared { shared += r.size }
        }
        var text = ""
        if shared > 0 {
            text += "Shared:\t\(Units.humanSize(shared))\nPrivate:\t\(Units.humanSize(total - shared))\n"
        }
        text += "Reclaimable:\t\(Units.humanSize(reclaimable))\nTotal:\t\(Units.humanSize(total))\n"
        return BuilderPruneView.writer.format(text)
    }

    public func render() -> CommandResult {
        let format = effectiveFormat
        let isTable = DockerFormat(format).isTable
        var result = Formatted.render(format: format, rows: records.map { templateValue($0, table: isTable) }, headers: Self.headers)
        guard result.exitStatus == 0 else {
            result.stderr = "ERROR: " + result.stderr
            return result
        }
        if (format == Self.tableFormat || format == Self.prettyFormat) && !filtered {
            result.stdout += summary
        }
        return result
    }
}

/// `docker system df -v`: a table per kind of data (docker/cli's `verboseWriteTable`).
public struct SystemDfVerboseView: Equatable, Sendable {
    public struct ImageRow: Equatable, Sendable {
        public var repository: String?
        public var tag: String?
        public var id: String
        public var created: Timestamp
        public var size: Int64
        /// Bytes of layers another listed image uses too.
        public var sharedSize: Int64
        public var containers: Int
        public init(repository: String?, tag: String?, id: String, created: Timestamp, size: Int64, sharedSize: Int64, containers: Int) {
            self.repository = repository
            self.tag = tag
            self.id = id
            self.created = created
            self.size = size
            self.sharedSize = sharedSize
            self.containers = containers
        }
    }

    public var images: [ImageRow]
    /// Each container with the size of its writable layer.
    public var containers: [ContainerRow]
    public var containerSizes: [Int64]
    public var buildCache: [BuildCacheDuView.Record]
    public var now: Timestamp

    public init(images: [ImageRow], containers: [(ContainerRow, Int64)], buildCache: [BuildCacheDuView.Record], now: Timestamp) {
        self.images = images
        self.containers = containers.map(\.0)
        self.containerSizes = containers.map(\.1)
        // docker/cli's buildCacheSort: least recently used first.
        self.buildCache = buildCache.sorted {
            ($0.lastUsed?.secondsSince1970 ?? -1, -$0.size, $1.id) < ($1.lastUsed?.secondsSince1970 ?? -1, -$1.size, $0.id)
        }
        self.now = now
    }

    static let imageFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}"
    static let containerFormat = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}"
    static let volumeFormat = "table {{.Name}}\t{{.Links}}\t{{.Size}}"
    static let cacheFormat = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}"
    static let cacheHeaders: [String: String] = [
        "ID": "CACHE ID", "CacheType": "CACHE TYPE", "Size": "SIZE", "CreatedSince": "CREATED",
        "LastUsedSince": "LAST USED", "UsageCount": "USAGE", "Shared": "SHARED",
    ]

    func imageValue(_ r: ImageRow) -> TemplateValue {
        typealias F = TemplateObject.Field
        return .object(TemplateObject(typeName: "*formatter.imageContext", sortsKeysInJSON: true, fields: [
            F("Repository", .string(r.repository ?? "<none>")),
            F("Tag", .string(r.tag ?? "<none>")),
            F("ID", .string(Formatted.truncateID(r.id))),
            F("CreatedSince", .string(Units.ago(r.created, now: now))),
            F("Size", .string(Units.imageSize(r.size))),
            F("SharedSize", .string(Units.imageSize(r.sharedSize))),
            F("UniqueSize", .string(Units.imageSize(r.size - r.sharedSize))),
            F("Containers", .string(String(r.containers))),
        ]))
    }

    func containerValue(_ row: ContainerRow, size: Int64) -> TemplateValue {
        guard case .object(var object) = PsView(rows: [], now: now).templateValue(row) else { return .null }
        if let i = object.fields.firstIndex(where: { $0.name == "Size" }) {
            object.fields[i].value = .string(Units.imageSize(size))
        }
        return .object(object)
    }

    func cacheValue(_ r: BuildCacheDuView.Record) -> TemplateValue {
        typealias F = TemplateObject.Field
        return .object(TemplateObject(typeName: "*formatter.buildCacheContext", sortsKeysInJSON: true, fields: [
            F("ID", .string(String(r.id.prefix(12)))),
            F("CacheType", .string(r.type)),
            F("Size", .string(Units.humanSize(r.size))),
            F("CreatedSince", .string(Units.ago(r.created, now: now))),
            F("LastUsedSince", .string(r.lastUsed.map { Units.ago($0, now: now) } ?? "")),
            F("UsageCount", .int(Int64(r.usageCount))),
            F("Shared", .bool(r.shared)),
        ]))
    }

    public func render() -> CommandResult {
        let images = Formatted.render(format: Self.imageFormat, rows: self.images.map(imageValue), headers: FormatHeaders.images)
        let containers = Formatted.render(format: Self.containerFormat,
                                          rows: zip(self.containers, containerSizes).map { containerValue($0, size: $1) },
                                          headers: FormatHeaders.containers)
        let volumes = Formatted.render(format: Self.volumeFormat, rows: [], headers: ["Name": "VOLUME NAME", "Links": "LINKS", "Size": "SIZE"])
        let cache = Formatted.render(format: Self.cacheFormat, rows: buildCache.map(cacheValue), headers: Self.cacheHeaders)
        let total = buildCache.reduce(Int64(0)) { $0 + $1.size }
        return .ok("Images space usage:\n\n" + images.stdout
            + "\nContainers space usage:\n\n" + containers.stdout
            + "\nLocal Volumes space usage:\n\n" + volumes.stdout
            + "\nBuild cache usage: \(Units.humanSize(total))\n\n" + cache.stdout)
    }
}
