/// The image configuration (OCI image config plus Docker's extensions). Its canonical JSON
/// bytes are what the image ID hashes.

/// `HEALTHCHECK` as stored in a config; durations in nanoseconds as Go stores them.
public struct HealthConfig: Hashable, Sendable {
    /// `["NONE"]`, `["CMD", ...]` or `["CMD-SHELL", "cmd"]`.
    public var test: [String]
    public var interval: Int64
    public var timeout: Int64
    public var startPeriod: Int64
    public var startInterval: Int64
    public var retries: Int
    public init(test: [String], interval: Int64 = 0, timeout: Int64 = 0, startPeriod: Int64 = 0, startInterval: Int64 = 0, retries: Int = 0) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.startPeriod = startPeriod
        self.startInterval = startInterval
        self.retries = retries
    }
}

/// The runtime defaults of an image (`config` in the JSON; also the classic builder's
/// probe `container_config`).
public struct ContainerConfig: Hashable, Sendable {
    /// `KEY=value`, in order of definition (a redefinition keeps its position).
    public var env: [String]
    public var cmd: [String]?
    public var entrypoint: [String]?
    public var workingDir: String
    public var user: String
    /// `8000/tcp` style keys.
    public var exposedPorts: Set<String>
    public var labels: [String: String]
    public var volumes: Set<String>
    public var onBuild: [String]
    public var shell: [String]?
    public var stopSignal: String?
    public var healthcheck: HealthConfig?
    public var argsEscaped: Bool

    public init(env: [String] = [], cmd: [String]? = nil, entrypoint: [String]? = nil, workingDir: String = "", user: String = "", exposedPorts: Set<String> = [], labels: [String: String] = [:], volumes: Set<String> = [], onBuild: [String] = [], shell: [String]? = nil, stopSignal: String? = nil, healthcheck: HealthConfig? = nil, argsEscaped: Bool = false) {
        self.env = env
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.workingDir = workingDir
        self.user = user
        self.exposedPorts = exposedPorts
        self.labels = labels
        self.volumes = volumes
        self.onBuild = onBuild
        self.shell = shell
        self.stopSignal = stopSignal
        self.healthcheck = healthcheck
        self.argsEscaped = argsEscaped
    }

    /// The value of an environment variable, if set.
    public func envValue(_ name: String) -> String? {
        for entry in env.reversed() {
            if let eq = entry.firstIndex(of: "="), entry[..<eq] == name { return String(entry[entry.index(after: eq)...]) }
        }
        return nil
    }

    /// Sets an environment variable, replacing an existing definition in place.
    public mutating func setEnv(_ name: String, _ value: String) {
        let entry = name + "=" + value
        if let i = env.firstIndex(where: { $0.hasPrefix(name + "=") }) {
            env[i] = entry
        } else {
            env.append(entry)
        }
    }

    /// The environment as a dictionary.
    public var envDictionary: [String: String] {
        var out: [String: String] = [:]
        for entry in env {
            if let eq = entry.firstIndex(of: "=") { out[String(entry[..<eq])] = String(entry[entry.index(after: eq)...]) }
        }
        return out
    }

    func write(_ w: inout JSONWriter) {
        w.object { o in
            if !user.isEmpty { o.member("User") { $0.string(user) } }
            if !exposedPorts.isEmpty { o.member("ExposedPorts") { $0.emptyStructMap(Array(exposedPorts)) } }
            if !env.isEmpty { o.member("Env") { $0.stringArray(env) } }
            if let entrypoint { o.member("Entrypoint") { $0.stringArray(entrypoint) } }
            if let cmd { o.member("Cmd") { $0.stringArray(cmd) } }
            if !volumes.isEmpty { o.member("Volumes") { $0.emptyStructMap(Array(volumes)) } }
            if !workingDir.isEmpty { o.member("WorkingDir") { $0.string(workingDir) } }
            if !labels.isEmpty { o.member("Labels") { $0.stringMap(labels) } }
            if let stopSignal, !stopSignal.isEmpty { o.member("StopSignal") { $0.string(stopSignal) } }
            if argsEscaped { o.member("ArgsEscaped") { $0.raw("true") } }
            if let healthcheck {
                o.member("Healthcheck") { w in
                    w.object { h in
                        h.member("Test") { $0.stringArray(healthcheck.test) }
                        if healthcheck.interval != 0 { h.member("Interval") { $0.raw(String(healthcheck.interval)) } }
                        if healthcheck.timeout != 0 { h.member("Timeout") { $0.raw(String(healthcheck.timeout)) } }
                        if healthcheck.startPeriod != 0 { h.member("StartPeriod") { $0.raw(String(healthcheck.startPeriod)) } }
                        if healthcheck.startInterval != 0 { h.member("StartInterval") { $0.raw(String(healthcheck.startInterval)) } }
                        if healthcheck.retries != 0 { h.member("Retries") { $0.raw(String(healthcheck.retries)) } }
                    }
                }
            }
            if !onBuild.isEmpty { o.member("OnBuild") { $0.stringArray(onBuild) } }
            if let shell { o.member("Shell") { $0.stringArray(shell) } }
        }
    }
}

/// One `history[]` entry of an image config.
public struct HistoryEntry: Hashable, Sendable {
    public var created: Timestamp
    public var createdBy: String
    /// `buildkit.dockerfile.v0` for BuildKit, empty for the classic builder.
    public var comment: String
    /// True when the entry has no layer (metadata-only instructions).
    public var emptyLayer: Bool
    /// `docker commit --author` (empty otherwise, and then left out of the JSON).
    public var author: String
    public init(created: Timestamp, createdBy: String, comment: String = "", emptyLayer: Bool = false, author: String = "") {
        self.created = created
        self.createdBy = createdBy
        self.comment = comment
        self.emptyLayer = emptyLayer
        self.author = author
    }
}

/// An image's configuration document.
public struct ImageConfig: Hashable, Sendable {
    public var architecture: String
    public var os: String
    public var config: ContainerConfig
    public var created: Timestamp
    public var history: [HistoryEntry]
    /// `rootfs.diff_ids`, bottom layer first.
    public var diffIDs: [DiffID]
    /// Classic builds only: the previous step's image.
    public var parent: ImageID?
    /// Classic builds only: the container the step ran in.
    public var container: String?
    /// Classic builds only: the probe config the step was cached under.
    public var containerConfig: ContainerConfig?
    /// Classic builds only.
    public var dockerVersion: String?
    /// `docker commit --author`; nil (or empty) leaves it out of the JSON, as Go's omitempty does.
    public var author: String?

    public init(architecture: String = "amd64", os: String = "linux", config: ContainerConfig = ContainerConfig(), created: Timestamp, history: [HistoryEntry] = [], diffIDs: [DiffID] = [], parent: ImageID? = nil, container: String? = nil, containerConfig: ContainerConfig? = nil, dockerVersion: String? = nil, author: String? = nil) {
        self.architecture = architecture
        self.os = os
        self.config = config
        self.created = created
        self.history = history
        self.diffIDs = diffIDs
        self.parent = parent
        self.container = container
        self.containerConfig = containerConfig
        self.dockerVersion = dockerVersion
        self.author = author
    }

    /// Canonical JSON bytes. Top-level keys are sorted, as moby re-marshals the config through
    /// a map; nested objects keep the OCI struct order; Go escaping throughout.
    public func canonicalJSON() -> [UInt8] {
        canonicalJSON(serializedHistory: nil)
    }

    /// The canonical JSON with the `history` array's members already serialized (the
    /// classic builder extends its parent's bytes by one entry per step).
    func canonicalJSON(serializedHistory: [UInt8]?) -> [UInt8] {
        var w = JSONWriter()
        w.object { o in
            o.member("architecture") { $0.string(architecture) }
            if let author, !author.isEmpty { o.member("author") { $0.string(author) } }
            o.member("config") { config.write(&$0) }
            if let container { o.member("container") { $0.string(container) } }
            if let containerConfig { o.member("container_config") { containerConfig.write(&$0) } }
            o.member("created") { $0.string(created.rfc3339Nano) }
            if let dockerVersion { o.member("docker_version") { $0.string(dockerVersion) } }
            o.member("history") { w in
                w.raw("[")
                if let serializedHistory {
                    w.rawBytes(serializedHistory)
                } else {
                    w.rawBytes(ImageConfig.serializeHistory(history[...], after: []))
                }
                w.raw("]")
            }
            o.member("os") { $0.string(os) }
            if let parent { o.member("parent") { $0.string(parent.digest.string) } }
            o.member("rootfs") { w in
                w.object { r in
                    r.member("type") { $0.string("layers") }
                    r.member("diff_ids") { $0.stringArray(diffIDs.map(\.digest.string)) }
                }
            }
        }
        return w.bytes
    }

    /// Serialized history members (comma-separated, no brackets), appended to `previous`.
    static func serializeHistory(_ entries: ArraySlice<HistoryEntry>, after previous: [UInt8]) -> [UInt8] {
        var w = JSONWriter(bytes: previous)
        // Entries of one build share a handful of times: format each once.
        var lastTime: Timestamp?
        var lastText = ""
        for entry in entries {
            if !w.bytes.isEmpty { w.raw(",") }
            if entry.created != lastTime {
                lastTime = entry.created
                lastText = entry.created.rfc3339Nano
            }
            let created = lastText
            w.object { h in
                h.member("created") { $0.string(created) }
                if !entry.author.isEmpty { h.member("author") { $0.string(entry.author) } }
                h.member("created_by") { $0.string(entry.createdBy) }
                if !entry.comment.isEmpty { h.member("comment") { $0.string(entry.comment) } }
                if entry.emptyLayer { h.member("empty_layer") { $0.raw("true") } }
            }
        }
        return w.bytes
    }

    /// The image ID these bytes give.
    public var imageID: ImageID { ImageID(Digest.sha256(canonicalJSON())) }
}
