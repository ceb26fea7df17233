import DockerCLI

/// What checks may ask of the simulator. The REPL implements it over the engine and the
/// workspace; tests use an in-memory fake. Every query is read-only.
///
/// References are passed as the author wrote them; the implementation resolves them as
/// `docker` would (`hello` means `hello:latest`, an ID prefix names an image).
public protocol LessonWorld {
    /// The local image a reference names, or nil.
    func image(_ reference: String) -> LessonImage?
    /// Whether the image's filesystem (union of its layers) has this absolute path.
    func imageHasFile(_ reference: String, path: String) -> Bool
    /// Images with no tag and no child image (what `docker image prune` removes).
    func danglingImageCount() -> Int
    /// The most recent `docker build` (or Dockerfile-snippet build), or nil before any.
    func lastBuild() -> LessonBuild?
    /// A workspace entry. Relative paths are relative to the workspace's starting folder.
    func workspaceFile(_ path: String) -> LessonWorkspaceEntry?
    /// The image ID (config digest) a simulated registry holds for repository:tag, or nil.
    /// `repository` is as written (`myapp`, `alice/app`; the implementation adds `library/`
    /// on docker.io where Docker would).
    func registryImageID(registry: String, repository: String, tag: String) -> String?
    /// Whether the session holds credentials for this registry host.
    func isLoggedIn(registry: String) -> Bool
    /// Every container, running or not.
    func containers() -> [LessonContainer]
    /// Why a part of the simulator that checks rely on is missing from this build of Dockyard
    /// (checks that need it fail with this text), or nil when it is there.
    func unavailable(_ feature: LessonFeature) -> String?
}

/// Parts of the simulator that some checks need.
public enum LessonFeature: String, Hashable, Sendable {
    case registries, containers
}

extension LessonWorld {
    public func unavailable(_ feature: LessonFeature) -> String? { nil }
}

/// What a setup block (and `solution run`, and lint's solution runs) may do to the session.
/// The REPL implements it; nothing here writes real files or starts processes.
public protocol LessonActions {
    /// An empty session: no images, containers, registry content or build history; empty workspace.
    mutating func startFresh()
    /// Writes a workspace file, creating folders as needed.
    mutating func writeWorkspaceFile(path: String, contents: String) -> CommandResult
    /// Makes an image present locally (from the base-image catalog, without pull output).
    mutating func ensureImage(_ reference: String) -> CommandResult
    /// Runs one REPL input (a heredoc arrives as one string with newlines), as if typed.
    mutating func runLine(_ line: String) -> CommandResult
}

/// Everything the runner needs from its host.
public typealias LessonHost = LessonWorld & LessonActions

/// A snapshot of one local image, as checks see it.
public struct LessonImage: Hashable, Sendable {
    /// `sha256:<64hex>`.
    public var id: String
    /// Diff IDs of its filesystem layers (rootfs.diff_ids), bottom first.
    public var layers: [String]
    public var layerCount: Int { layers.count }
    /// Bytes, as `docker images` sums them.
    public var size: Int64
    public var config: LessonImageConfig
    /// CREATED BY of each history entry, oldest first.
    public var history: [String]

    public init(id: String, layers: [String], size: Int64, config: LessonImageConfig = LessonImageConfig(), history: [String] = []) {
        self.id = id
        self.layers = layers
        self.size = size
        self.config = config
        self.history = history
    }
}

/// The config fields checks can test, as `docker image inspect` shows them.
public struct LessonImageConfig: Hashable, Sendable {
    public var cmd: [String]?
    public var entrypoint: [String]?
    public var workingDir: String
    /// `KEY=VALUE` entries.
    public var env: [String]
    /// `8000/tcp` entries.
    public var exposedPorts: [String]
    public var user: String
    public var labels: [String: String]

    public init(cmd: [String]? = nil, entrypoint: [String]? = nil, workingDir: String = "", env: [String] = [],
                exposedPorts: [String] = [], user: String = "", labels: [String: String] = [:]) {
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.workingDir = workingDir
        self.env = env
        self.exposedPorts = exposedPorts
        self.user = user
        self.labels = labels
    }
}

/// The last build, as checks see it.
public struct LessonBuild: Hashable, Sendable {
    public enum Builder: String, Hashable, Sendable { case buildkit, classic }
    public struct Step: Hashable, Sendable {
        /// 1-based, as the build printed it (`[3/5]`, `Step 3/6`).
        public var number: Int
        /// The instruction as the build printed it (`RUN pip3 install flask`).
        public var instruction: String
        /// Taken from the cache (`CACHED`, ` ---> Using cache`) rather than executed.
        public var reused: Bool
        /// Mount points of the `--mount=type=cache` directories that already held files
        /// from an earlier build when this step ran.
        public var warmCacheMounts: [String]
        public init(number: Int, instruction: String, reused: Bool, warmCacheMounts: [String] = []) {
            self.number = number
            self.instruction = instruction
            self.reused = reused
            self.warmCacheMounts = warmCacheMounts
        }
    }
    public var succeeded: Bool
    public var builder: Builder
    public var steps: [Step]
    public init(succeeded: Bool, builder: Builder = .buildkit, steps: [Step]) {
        self.succeeded = succeeded
        self.builder = builder
        self.steps = steps
    }
}

/// A workspace path as checks see it: a file with its text, or a folder.
public enum LessonWorkspaceEntry: Hashable, Sendable {
    case file(String)
    case directory
}

/// A container, as checks see it.
public struct LessonContainer: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case created, running
        case exited(Int32)
    }
    public var id: String
    public var name: String
    /// The image as the container was created with it (name or ID).
    public var image: String
    /// What it runs (effective ENTRYPOINT + CMD).
    public var command: [String]
    public var state: State
    public var logs: String

    public init(id: String, name: String, image: String, command: [String], state: State, logs: String = "") {
        self.id = id
        self.name = name
        self.image = image
        self.command = command
        self.state = state
        self.logs = logs
    }
}
