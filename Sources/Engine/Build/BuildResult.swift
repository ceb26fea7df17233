import Dockerfile

/// Which builder runs a build.
public enum BuilderKind: String, Hashable, Sendable {
    /// BuildKit (the default since Engine 23).
    case buildKit
    /// The legacy builder (`DOCKER_BUILDKIT=0`).
    case classic
}

/// `docker build` switches the engine cares about.
public struct BuildOptions: Hashable, Sendable {
    public var builder: BuilderKind
    /// `-t` names, in order.
    public var tags: [String]
    public var noCache: Bool
    /// `--build-arg NAME=value` in the order given (a later duplicate wins).
    public var buildArgs: [BuildArg]
    public var target: String?
    public var pull: Bool
    /// `-f` as given (for `load build definition from <name>`), default `Dockerfile`.
    public var dockerfileName: String
    /// `--secret` values by ID: what `RUN --mount=type=secret` sees. Never part of a cache
    /// key, a layer or the history.
    public var secrets: [String: [UInt8]]

    public init(builder: BuilderKind = .buildKit, tags: [String] = [], noCache: Bool = false, buildArgs: [BuildArg] = [], target: String? = nil, pull: Bool = false, dockerfileName: String = "Dockerfile", secrets: [String: [UInt8]] = [:]) {
        self.secrets = secrets
        self.builder = builder
        self.tags = tags
        self.noCache = noCache
        self.buildArgs = buildArgs
        self.target = target
        self.pull = pull
        self.dockerfileName = dockerfileName
    }
}

/// One `--build-arg`. A nil value means `--build-arg NAME` with NAME unset in the client
/// environment (the CLI resolves set ones before calling the engine).
public struct BuildArg: Hashable, Sendable {
    public var name: String
    public var value: String?
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// A file's checksum as a cache key sees it (content + mode/owner/type, never mtime).
public struct FileChecksum: Hashable, Sendable {
    /// Path relative to the copy source (context root or stage root), e.g. `/app.py`.
    public var path: String
    public var checksum: Digest
}

/// The parts a step's cache key was computed from, for the explain view.
public struct CacheKeyParts: Hashable, Sendable {
    /// BuildKit: the parent vertex's key; classic: the parent image ID.
    public var parent: Digest?
    /// The operation as keyed: RUN argv, `COPY src... dest` + flags, `mkdir /app`, the
    /// classic probe `Cmd`, `FROM ref@digest`.
    public var operation: String
    /// Variables that enter the key (BuildKit RUN env; classic: the whole config env).
    public var environment: [String: String]
    /// Build args among `environment` (to word "build-arg X changed" vs "ENV X changed").
    public var buildArgNames: Set<String>
    /// COPY/ADD: per-file checksums of what is copied.
    public var files: [FileChecksum]
    /// FROM: the base image's digest or ID.
    public var base: String?
    /// The key itself (classic: the probe config's digest).
    public var key: Digest
}

/// A changed file between two builds of the same COPY.
public struct FileChange: Hashable, Sendable {
    public var path: String
    /// nil = the file is new.
    public var old: Digest?
    /// nil = the file is gone.
    public var new: Digest?
}

/// A changed variable between two builds of the same RUN.
public struct VariableChange: Hashable, Sendable {
    public var name: String
    public var old: String?
    public var new: String?
    /// A `--build-arg`/ARG rather than an ENV.
    public var isBuildArg: Bool
}

/// Why a step was not taken from the cache.
public enum CacheMissReason: Hashable, Sendable {
    /// `--no-cache`.
    case noCache
    /// This stage has never been built before (from this Dockerfile, builder and tag).
    case noPreviousBuild
    /// An earlier step it depends on was rebuilt in this build (step index in `steps`).
    case parentRebuilt(stepIndex: Int)
    /// The instruction's text changed since the previous build of this step (the line was
    /// edited in place, or replaced by another).
    case instructionChanged(old: String, new: String)
    /// A line the previous build of the stage did not have. `afterStep`: index in `steps` of
    /// the step before it in this build (FROM included); nil when there is none.
    case lineInserted(afterStep: Int?)
    /// Built before, but the lines that came right before it (quoted) were removed, so its
    /// parent is different.
    case parentLineRemoved([String])
    /// Built before, but new lines (quoted, themselves taken from the cache) now come right
    /// before it, so its parent is different.
    case parentLineAdded([String])
    /// Built before, but after another line: lines were moved. The lines right before it in the
    /// previous build and in this one (nil = none, it came right after FROM).
    case orderChanged(oldPrevious: String?, newPrevious: String?)
    /// Copied files changed (content, mode or owner).
    case filesChanged([FileChange])
    /// ENV or build-arg values that reach this RUN changed.
    case environmentChanged([VariableChange])
    /// FROM names the same reference, which now resolves to a different image (digests/IDs).
    case baseImageChanged(old: String, new: String)
    /// FROM names a different image than in the previous build: the references as written
    /// (variables expanded), then the digests/IDs they resolved to.
    case baseReferenceChanged(old: String, new: String, oldBase: String, newBase: String)
    /// Same inputs as an earlier build, but the cache entry is gone (pruned, or the classic
    /// builder's intermediate image was removed).
    case cacheEntryRemoved
}

/// A base image pulled during the build.
public struct PullRecord: Hashable, Sendable {
    /// Familiar name as requested (`python:3.13-slim`).
    public var name: String
    public var manifestDigest: ManifestDigest
    public var imageID: ImageID
    /// (blob digest, compressed size) of every layer, bottom first, for progress lines.
    public var layers: [PulledLayer]
    public var duration: Double
}

/// One layer of a pull.
public struct PulledLayer: Hashable, Sendable {
    public var blobDigest: BlobDigest
    public var compressedSize: Int64
    /// Already present locally (`Already exists`).
    public var alreadyExists: Bool
}

/// What kind of step a `BuildStep` is.
public enum BuildStepKind: Hashable, Sendable {
    case globalArg
    case from
    case run
    case copy
    case add
    case workdir
    /// ENV, LABEL, CMD, … (classic steps only; BuildKit records them in config only).
    case metadata
}

/// One step of a build, with everything the renderers and the explain view need.
public struct BuildStep: Hashable, Sendable {
    public var kind: BuildStepKind
    /// 0-based stage index in the file (nil for global ARGs).
    public var stageIndex: Int?
    /// `builder`, `stage-1`; nil when the Dockerfile has a single stage (BuildKit omits it).
    public var stageLabel: String?
    public var instruction: Instruction
    /// True for an ONBUILD trigger executed after FROM.
    public var isTrigger: Bool
    /// BuildKit: `[<label> i/total]` numbering; nil when the step is not a vertex.
    public var vertexIndex: Int?
    public var vertexTotal: Int?
    /// BuildKit: the vertex text after the prefix (`RUN pip3 install flask`,
    /// `FROM docker.io/library/python:3.13-slim@sha256:…`).
    public var vertexText: String?
    /// Classic: `Step N/M : <original>`; nil for triggers.
    public var classicNumber: Int?
    public var classicTotal: Int?
    /// Classic: the original instruction text.
    public var classicText: String?
    /// Taken from the cache.
    public var cached: Bool
    /// FROM not shown as a vertex (`scratch`, another stage).
    public var hidden: Bool
    public var keyParts: CacheKeyParts?
    public var missReason: CacheMissReason?
    /// Command output lines.
    public var output: [String]
    /// Teaching notes from the simulated shell.
    public var notes: [String]
    /// RUN: the cache mounts the command used (BuildKit), with what they held.
    public var cacheMounts: [CacheMountUse] = []
    /// Simulated duration in seconds (0 for cache hits).
    public var duration: Double
    /// Size of the layer this step made or reused (nil when it has none).
    public var layerSize: Int64?
    /// Classic: the image after this step (for FROM, the base image; nil for scratch).
    public var imageID: ImageID?
    /// Classic: the intermediate container (`Running in <12hex>`) on a miss.
    public var containerID: String?
    /// FROM: the pull it needed, if any.
    public var pull: PullRecord?
}

/// Why a build failed, in Docker's words.
public struct BuildFailure: Error, Hashable, Sendable {
    /// The error text after BuildKit's `ERROR: failed to solve: ` / the classic
    /// `Error response from daemon: ` (or the classic RUN line `The command … returned …`).
    public var message: String
    /// The failing instruction's lines, when one is to blame.
    public var range: SourceRange?
    /// Index in `BuildResult.steps` of the failing step, when it got that far.
    public var stepIndex: Int?
    /// The CLI's exit status (classic RUN failures exit with the command's code).
    public var exitStatus: Int32
    /// True when the classic builder's message is the bare `The command …` line rather than
    /// a daemon error.
    public var isClassicCommandFailure: Bool
}

/// The outcome of `docker build`.
public struct BuildResult: Hashable, Sendable {
    public var builder: BuilderKind
    public var steps: [BuildStep]
    /// The built image (nil on failure).
    public var imageID: ImageID?
    /// Tags applied (familiar form), in order.
    public var tags: [String]
    public var failure: BuildFailure?
    /// Bytes of the build context after `.dockerignore`.
    public var contextSize: Int64
    /// Bytes of the Dockerfile.
    public var dockerfileSize: Int64
    /// Bytes of the `.dockerignore` file (0 when absent).
    public var dockerignoreSize: Int64
    /// Base references whose metadata was loaded (BuildKit `load metadata for …`), qualified.
    public var metadataLoaded: [String]
    /// Pulls done for FROM / COPY --from images.
    public var pulls: [PullRecord]
    /// Classic: build-args that were not consumed (sorted).
    public var unconsumedBuildArgs: [String]
    /// Stage labels BuildKit skipped as unreachable from the target.
    public var skippedStages: [Int]
    /// Total simulated time.
    public var duration: Double

    public var succeeded: Bool { failure == nil }
    /// Steps counted as cache hits.
    public var cachedSteps: [BuildStep] { steps.filter(\.cached) }
}

extension BuildStep {
    /// BuildKit's full vertex name (§2.2): `[<stage> i/total] TEXT`, the stage part omitted
    /// for single-stage Dockerfiles, the index right-aligned to the width of the total
    /// (`[ 1/12]`). Nil for steps that are not vertices or are hidden.
    public var vertexName: String? {
        guard let index = vertexIndex, let total = vertexTotal, let text = vertexText, !hidden else { return nil }
        let width = String(total).count
        let number = String(index)
        let padded = String(repeating: " ", count: max(0, width - number.count)) + number
        let prefix = stageLabel.map { "[\($0) \(padded)/\(total)] " } ?? "[\(padded)/\(total)] "
        return prefix + text
    }
}

/// One `RUN --mount=type=cache` as a step used it.
public struct CacheMountUse: Hashable, Sendable {
    /// Where the command saw it.
    public var target: String
    public var id: String
    /// Files in it before the command ran (left by earlier builds) and after.
    public var filesBefore: Int
    public var filesAfter: Int
    /// Whether it held anything from an earlier build.
    public var wasWarm: Bool { filesBefore > 0 }
}
