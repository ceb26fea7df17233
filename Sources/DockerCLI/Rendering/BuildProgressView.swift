/// Everything BuildKit's progress display needs to draw one finished (or failed) build, in
/// plain (`--progress=plain`) or TTY (final frame) form. Times are seconds relative to the
/// start of the build; nothing reads a clock.
public struct BuildProgressView: Equatable, Sendable {
    /// A sub-status line of a vertex (`transferring context: 1.24kB`, a layer download).
    public struct Status: Equatable, Sendable {
        /// The status ID as BuildKit names it, e.g. `transferring context:`,
        /// `sha256:<64hex>`, `extracting sha256:<64hex>`, `exporting layers`,
        /// `writing image sha256:<64hex>`, `naming to docker.io/library/myapp:latest`.
        public var id: String
        /// Bytes done and expected; 0 when the status carries no byte counts.
        public var current: Int64
        public var total: Int64
        /// When it started and how long it took (seconds from build start; nil if unknown).
        public var started: Double?
        public var duration: Double
        public var completed: Bool

        public init(id: String, current: Int64 = 0, total: Int64 = 0, started: Double? = nil,
                    duration: Double = 0, completed: Bool = true) {
            self.id = id
            self.current = current
            self.total = total
            self.started = started
            self.duration = duration
            self.completed = completed
        }
    }

    /// One line of RUN output, at `offset` seconds after its vertex started.
    public struct LogLine: Equatable, Sendable {
        public var offset: Double
        public var text: String
        public init(offset: Double, text: String) {
            self.offset = offset
            self.text = text
        }
    }

    /// A vertex: an internal step (`[internal] load build context`), a Dockerfile step
    /// (`[2/5] RUN pip install flask`) or `exporting to image`. Vertices are numbered from
    /// 1 in array order (`#1`, `#2` ...).
    public struct Vertex: Equatable, Sendable {
        /// The `#N` number; nil numbers the vertex by its position (1-based). BuildKit
        /// numbers vertices in start order but may print finished ones out of order.
        public var number: Int?
        public var name: String
        public var cached: Bool
        /// Seconds from build start; nil if the vertex never started (it is then not shown).
        public var started: Double?
        /// Run time; nil while unfinished.
        public var duration: Double?
        public var statuses: [Status]
        public var logs: [LogLine]
        /// The error text shown as `#N ERROR: ...` (e.g. `process "/bin/sh -c false" did
        /// not complete successfully: exit code: 1`).
        public var error: String?
        /// A sibling cancelled because another vertex failed.
        public var canceled: Bool
        /// Build-check warnings attached to this vertex, as `Rule: message (line L)`.
        public var warnings: [String]

        public init(number: Int? = nil, name: String, cached: Bool = false, started: Double? = 0, duration: Double? = 0,
                    statuses: [Status] = [], logs: [LogLine] = [], error: String? = nil, canceled: Bool = false,
                    warnings: [String] = []) {
            self.number = number
            self.name = name
            self.cached = cached
            self.started = started
            self.duration = duration
            self.statuses = statuses
            self.logs = logs
            self.error = error
            self.canceled = canceled
            self.warnings = warnings
        }

        var completed: Bool { duration != nil }
    }

    /// A build-check warning for the end-of-build summary.
    public struct Warning: Equatable, Sendable {
        public var rule: String
        public var message: String
        public var line: Int?
        public init(rule: String, message: String, line: Int?) {
            self.rule = rule
            self.message = message
            self.line = line
        }
        /// `JSONArgsRecommended: JSON arguments recommended ... (line 6)`.
        public var text: String { "\(rule): \(message)" + (line.map { " (line \($0))" } ?? "") }
    }

    /// What made the build fail: the solve error and where in the Dockerfile it happened.
    public struct Failure: Equatable, Sendable {
        /// The error after `failed to solve: `.
        public var message: String
        /// The Dockerfile's name as shown (`Dockerfile`, `Dockerfile.dev`).
        public var dockerfileName: String
        /// The full Dockerfile text, for the excerpt; nil when the error has no location.
        public var dockerfileText: String?
        /// 1-based line range of the failing instruction.
        public var lines: ClosedRange<Int>?

        public init(message: String, dockerfileName: String = "Dockerfile", dockerfileText: String? = nil,
                    lines: ClosedRange<Int>? = nil) {
            self.message = message
            self.dockerfileName = dockerfileName
            self.dockerfileText = dockerfileText
            self.lines = lines
        }
    }

    public var vertices: [Vertex]
    /// Wall time of the whole build, for the TTY header.
    public var totalDuration: Double
    public var builderName = "default"
    public var driver = "docker"
    public var warnings: [Warning] = []
    public var failure: Failure?
    /// How many trailing log lines of a failed step the error block repeats.
    public var errorLogLines = 10

    public init(vertices: [Vertex], totalDuration: Double) {
        self.vertices = vertices
        self.totalDuration = totalDuration
    }
}

extension BuildProgressView {
    /// The whole `docker build` result for BuildKit: the progress goes to stderr (as buildx
    /// writes it), nothing to stdout, exit status 1 on failure. `mode` must already be
    /// resolved (`plain` or `tty`; `quiet` prints nothing here, see `QuietBuildView`).
    public func result(mode: ProgressMode, width: Int = 80) -> CommandResult {
        let text: String
        switch mode {
        case .tty: text = renderTTY(width: width)
        case .quiet: text = trailer()
        default: text = renderPlain()
        }
        return CommandResult(stderr: text, exitStatus: failure == nil ? 0 : 1)
    }
}

extension ProgressMode {
    /// `auto` becomes `tty` on a terminal and `plain` otherwise, as BuildKit decides.
    public func resolved(isTerminal: Bool) -> ProgressMode {
        self == .auto ? (isTerminal ? .tty : .plain) : self
    }
}

/// How BuildKit names its vertices and statuses (docker-behavior.md §2.2, §2.3).
public enum BuildKitNames {
    public static let loadDefinition = "[internal] load build definition from Dockerfile"
    public static let loadDockerignore = "[internal] load .dockerignore"
    public static let loadContext = "[internal] load build context"
    public static let exporting = "exporting to image"
    public static let transferringDockerfile = "transferring dockerfile:"
    public static let transferringContext = "transferring context:"
    public static let exportingLayers = "exporting layers"

    /// `[internal] load build definition from Dockerfile.dev` when `-f` names another file.
    public static func loadDefinition(file: String) -> String {
        "[internal] load build definition from \(file)"
    }

    /// `[internal] load metadata for docker.io/library/python:3.12-slim`.
    public static func loadMetadata(_ canonicalReference: String) -> String {
        "[internal] load metadata for \(canonicalReference)"
    }

    /// A Dockerfile step: `[2/5] RUN ...`, `[builder 2/4] WORKDIR /src`, `[ 1/12] FROM ...`.
    /// `stage` is nil for single-stage Dockerfiles (the stage part is then omitted); the
    /// index is right-aligned to the width of the total.
    public static func step(stage: String?, index: Int, total: Int, text: String) -> String {
        let counter = GoFormat.padLeft(String(index), String(total).count) + "/\(total)"
        return "[" + (stage.map { "\($0) " } ?? "") + counter + "] " + text
    }

    /// The stage label of an unnamed stage: `stage-1` (0-based index in the file).
    public static func unnamedStage(_ index: Int) -> String { "stage-\(index)" }

    /// `writing image sha256:<64hex>`.
    public static func writingImage(_ id: String) -> String {
        "writing image " + (id.hasPrefix("sha256:") ? id : "sha256:" + id)
    }

    /// `naming to docker.io/library/myapp:latest`.
    public static func namingTo(_ canonicalReference: String) -> String {
        "naming to \(canonicalReference)"
    }

    /// BuildKit's RUN failure text.
    public static func runFailed(command: String, exitCode: Int) -> String {
        "process \"\(command)\" did not complete successfully: exit code: \(exitCode)"
    }
}
