/// A parsed `docker ...` command line: one case per command, each with its typed options.
/// Management-command spellings (`docker image ls`, `docker container rm`) map to the same
/// case as their short forms; `invokedAs` in the options keeps the spelling for messages.
public enum DockerCommand: Equatable, Sendable {
    case build(BuildOptions)
    case images(ImagesOptions)
    case history(HistoryOptions)
    /// `docker image inspect` and `docker inspect` (which also finds containers).
    case inspect(InspectOptions)
    case tag(TagOptions)
    case rmi(RmiOptions)
    case imagePrune(ImagePruneOptions)
    case builderPrune(BuilderPruneOptions)
    case systemDf(SystemDfOptions)
    case pull(PullOptions)
    case push(PushOptions)
    case login(LoginOptions)
    case logout(LogoutOptions)
    case search(SearchOptions)
    case manifestInspect(ManifestInspectOptions)
    case run(RunOptions)
    case ps(PsOptions)
    case logs(LogsOptions)
    case stop(ContainerNamesOptions)
    case start(ContainerNamesOptions)
    case restart(ContainerNamesOptions)
    case rm(RmOptions)
    case exec(ExecOptions)
    case diff(DiffOptions)
    case commit(CommitOptions)
    case containerPrune(ContainerPruneOptions)
    case port(PortOptions)
    case version(VersionOptions)
    case info(InfoOptions)
    case systemPrune(SystemPruneOptions)
    /// `docker buildx du` / `docker builder du`: BuildKit's cache records.
    case buildCacheDu(BuildCacheDuOptions)
    /// `docker create`: `docker run`'s options without `--detach`.
    case create(RunOptions)
    case kill(KillOptions)
    case rename(RenameOptions)
    case cp(CopyOptions)
    case top(TopOptions)
    case wait(ContainerNamesOptions)
}

/// Which builder `docker build` uses: BuildKit (default) or the legacy builder selected
/// with `DOCKER_BUILDKIT=0`.
public enum BuilderKind: String, Equatable, Sendable {
    case buildKit
    case classic
}

/// `--progress` of `docker build`.
public enum ProgressMode: String, Equatable, Sendable, CaseIterable {
    case auto, plain, tty, quiet, rawjson
}

/// `docker build [OPTIONS] PATH | URL | -`
public struct BuildOptions: Equatable, Sendable {
    /// The build context path as typed (`.`, `app`, `-`).
    public var contextPath: String
    /// `-t/--tag`, in the order given (repeatable).
    public var tags: [String] = []
    /// `-f/--file`; nil means `PATH/Dockerfile`.
    public var file: String?
    public var noCache = false
    /// `--build-arg KEY=VALUE` (or `KEY`, taking the value from the environment), in order.
    public var buildArgs: [String] = []
    /// `--secret id=NAME[,src=FILE|env=VAR]` as typed (BuildKit only).
    public var secrets: [String] = []
    public var target: String?
    public var progress: ProgressMode = .auto
    public var quiet = false
    public var pull = false
    /// BuildKit unless `DOCKER_BUILDKIT=0` (or false) was in the environment.
    public var builder: BuilderKind = .buildKit

    public init(contextPath: String) { self.contextPath = contextPath }

    /// The `--build-arg` list as key/value pairs; a bare `KEY` takes its value from
    /// `environment` (and is dropped when unset there), as the CLI does.
    public func resolvedBuildArgs(environment: [String: String]) -> [(key: String, value: String)] {
        buildArgs.compactMap { arg in
            if let eq = arg.firstIndex(of: "=") {
                return (String(arg[..<eq]), String(arg[arg.index(after: eq)...]))
            }
            guard let v = environment[arg] else { return nil }
            return (arg, v)
        }
    }
}

/// `docker images [OPTIONS] [REPOSITORY[:TAG]]` / `docker image ls`.
public struct ImagesOptions: Equatable, Sendable {
    public var all = false
    public var quiet = false
    public var digests = false
    public var noTrunc = false
    /// `--filter`/`-f` values as typed (`dangling=true`, `reference=py*`).
    public var filters: [String] = []
    public var format: String?
    /// The optional positional `REPOSITORY[:TAG]` filter.
    public var reference: String?
    /// The command path as typed (`docker images` or `docker image ls`).
    public var invokedAs = "docker images"
    public init() {}

    /// Parsed `--filter` pairs (key lower-cased as the daemon matches them).
    public var filterPairs: [(key: String, value: String)] {
        filters.compactMap { f in
            guard let eq = f.firstIndex(of: "=") else { return nil }
            return (String(f[..<eq]).lowercased(), String(f[f.index(after: eq)...]))
        }
    }
}

/// `docker history [OPTIONS] IMAGE`.
public struct HistoryOptions: Equatable, Sendable {
    public var image: String
    public var noTrunc = false
    /// `-H/--human` (default true); `-H=false` prints RFC 3339 times and raw byte sizes.
    public var human = true
    public var quiet = false
    public var format: String?
    public init(image: String) { self.image = image }
}

/// `docker image inspect [OPTIONS] IMAGE [IMAGE...]` and `docker inspect`.
public struct InspectOptions: Equatable, Sendable {
    public var names: [String]
    public var format: String?
    /// True for `docker image inspect` (images only); false for `docker inspect`.
    public var imagesOnly: Bool
    /// `--type` of `docker inspect` (`image`, `container`), if given.
    public var type: String?
    public init(names: [String], imagesOnly: Bool) {
        self.names = names
        self.imagesOnly = imagesOnly
    }
}

/// `docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]`.
public struct TagOptions: Equatable, Sendable {
    public var source: String
    public var target: String
    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }
}

/// `docker rmi [OPTIONS] IMAGE [IMAGE...]` / `docker image rm`.
public struct RmiOptions: Equatable, Sendable {
    public var images: [String]
    public var force = false
    public var noPrune = false
    public init(images: [String]) { self.images = images }
}

/// `docker image prune [OPTIONS]`.
public struct ImagePruneOptions: Equatable, Sendable {
    public var all = false
    public var force = false
    public var filters: [String] = []
    public init() {}
}

/// `docker builder prune [OPTIONS]`.
public struct BuilderPruneOptions: Equatable, Sendable {
    public var all = false
    public var force = false
    public var filters: [String] = []
    public init() {}
}

/// `docker system df [OPTIONS]`.
public struct SystemDfOptions: Equatable, Sendable {
    public var verbose = false
    public var format: String?
    public init() {}
}

/// `docker pull [OPTIONS] NAME[:TAG|@DIGEST]`.
public struct PullOptions: Equatable, Sendable {
    public var reference: String
    public var quiet = false
    public var allTags = false
    public var platform: String?
    public init(reference: String) { self.reference = reference }
}

/// `docker push [OPTIONS] NAME[:TAG]`.
public struct PushOptions: Equatable, Sendable {
    public var reference: String
    public var quiet = false
    public var allTags = false
    public init(reference: String) { self.reference = reference }
}

/// `docker login [OPTIONS] [SERVER]`.
public struct LoginOptions: Equatable, Sendable {
    public var server: String?
    public var username: String?
    public var password: String?
    public var passwordStdin = false
    public init() {}
}

/// `docker logout [SERVER]`.
public struct LogoutOptions: Equatable, Sendable {
    public var server: String?
    public init() {}
}

/// `docker search [OPTIONS] TERM`.
public struct SearchOptions: Equatable, Sendable {
    public var term: String
    public var limit: Int?
    public var filters: [String] = []
    public var format: String?
    public var noTrunc = false
    public init(term: String) { self.term = term }
}

/// `docker manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST`.
public struct ManifestInspectOptions: Equatable, Sendable {
    public var manifestList: String?
    public var manifest: String
    public var verbose = false
    public var insecure = false
    public init(manifest: String) { self.manifest = manifest }
}

/// `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`.
public struct RunOptions: Equatable, Sendable {
    public var image: String
    /// Everything after the image: the command overriding CMD.
    public var command: [String] = []
    public var interactive = false
    public var tty = false
    public var detach = false
    public var remove = false
    public var name: String?
    /// `-e/--env` values (`KEY=VALUE` or `KEY`), in order.
    public var env: [String] = []
    /// `-p/--publish` values as typed (`8000:8000`).
    public var publish: [String] = []
    public var workdir: String?
    /// `--entrypoint`; an empty string clears the image's ENTRYPOINT.
    public var entrypoint: String?
    public var user: String?
    public init(image: String) { self.image = image }
}

/// `docker ps [OPTIONS]` / `docker container ls`.
public struct PsOptions: Equatable, Sendable {
    public var all = false
    public var quiet = false
    public var noTrunc = false
    public var filters: [String] = []
    public var format: String?
    public init() {}
}

/// `docker logs [OPTIONS] CONTAINER`.
public struct LogsOptions: Equatable, Sendable {
    public var container: String
    public var follow = false
    public var timestamps = false
    public var tail: String?
    public init(container: String) { self.container = container }
}

/// `docker stop|start|restart CONTAINER [CONTAINER...]`.
public struct ContainerNamesOptions: Equatable, Sendable {
    public var containers: [String]
    public var attach = false
    public var interactive = false
    public init(containers: [String]) { self.containers = containers }
}

/// `docker rm [OPTIONS] CONTAINER [CONTAINER...]`.
public struct RmOptions: Equatable, Sendable {
    public var containers: [String]
    public var force = false
    public var volumes = false
    public init(containers: [String]) { self.containers = containers }
}

/// `docker exec [OPTIONS] CONTAINER COMMAND [ARG...]`.
public struct ExecOptions: Equatable, Sendable {
    public var container: String
    public var command: [String]
    public var interactive = false
    public var tty = false
    public var detach = false
    public var env: [String] = []
    public var workdir: String?
    public var user: String?
    public init(container: String, command: [String]) {
        self.container = container
        self.command = command
    }
}

/// `docker diff CONTAINER`.
public struct DiffOptions: Equatable, Sendable {
    public var container: String
    public init(container: String) { self.container = container }
}

/// `docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]`.
public struct CommitOptions: Equatable, Sendable {
    public var container: String
    public var reference: String?
    public var message: String?
    public var author: String?
    public var changes: [String] = []
    public init(container: String) { self.container = container }
}

/// `docker container prune [OPTIONS]`.
public struct ContainerPruneOptions: Equatable, Sendable {
    public var force = false
    public var filters: [String] = []
    public init() {}
}

/// `docker port CONTAINER [PRIVATE_PORT[/PROTO]]`.
public struct PortOptions: Equatable, Sendable {
    public var container: String
    public var privatePort: String?
    public init(container: String) { self.container = container }
}

/// `docker version [OPTIONS]`.
public struct VersionOptions: Equatable, Sendable {
    public var format: String?
    public init() {}
}

/// `docker info [OPTIONS]` / `docker system info`.
public struct InfoOptions: Equatable, Sendable {
    public var format: String?
    public init() {}
}

/// `docker system prune [OPTIONS]`.
public struct SystemPruneOptions: Equatable, Sendable {
    public var all = false
    public var force = false
    /// `--volumes`: no volumes are simulated, so it only changes the warning.
    public var volumes = false
    public var filters: [String] = []
    public init() {}
}

/// `docker buildx du [OPTIONS]`.
public struct BuildCacheDuOptions: Equatable, Sendable {
    public var filters: [String] = []
    public var format: String?
    public var verbose = false
    public init() {}
}
