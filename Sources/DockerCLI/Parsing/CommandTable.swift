/// The `docker` commands the simulator understands, described as docker/cli declares them
/// (usage lines, one-line descriptions, flag names and types). Help text is written from
/// these facts by `Usage`.
public enum CommandTable {
    static let formatUsage = "Format output using a custom template"
    static let filterFlag = FlagSpec.list("filter", "f", "Filter output based on conditions provided", type: "filter")

    /// A management command (`docker image`, `docker container` ...) and its description.
    public struct Group: Sendable {
        public var name: String
        public var short: String
        /// A CLI plugin (`buildx`), starred in `docker --help`.
        public var isPlugin = false
    }

    public static let groups: [Group] = [
        Group(name: "builder", short: "Manage builds"),
        Group(name: "buildx", short: "Docker Buildx", isPlugin: true),
        Group(name: "container", short: "Manage containers"),
        Group(name: "image", short: "Manage images"),
        Group(name: "manifest", short: "Manage Docker image manifests and manifest lists"),
        Group(name: "system", short: "Manage Docker"),
    ]

    // MARK: build

    static func makeBuild(_ f: ParsedFlags, _ a: [String], _ ctx: ParseContext, builder: BuilderKind) throws(DockerCLIError) -> DockerCommand {
        var o = BuildOptions(contextPath: a[0])
        o.tags = f.list("tag")
        o.file = f.string("file")
        o.noCache = f.bool("no-cache")
        o.buildArgs = f.list("build-arg")
        o.secrets = builder == .buildKit ? f.list("secret") : []
        o.target = f.string("target")
        o.quiet = f.bool("quiet")
        o.pull = f.bool("pull")
        o.builder = builder
        if let p = f.string("progress") {
            guard let mode = ProgressMode(rawValue: p) else {
                throw .message(builder == .buildKit ? "ERROR: invalid progress mode \(p)" : "invalid progress mode \(p)", status: 1)
            }
            o.progress = mode
        }
        return .build(o)
    }

    /// `docker build` as BuildKit's buildx plugin declares it (`docker buildx build`).
    static let buildKitBuild = CommandSpec(
        ["buildx", "build"], usage: "[OPTIONS] PATH | URL | -", short: "Start a build",
        aliases: ["docker buildx build", "docker buildx b"],
        flags: [
            .list("build-arg", nil, "Set build-time variables", type: "stringArray"),
            .string("file", "f", "Name of the Dockerfile (default: \"PATH/Dockerfile\")"),
            .bool("no-cache", nil, "Do not use cache when building the image"),
            .string("progress", nil, "Set type of progress output (\"auto\", \"quiet\", \"plain\", \"tty\", \"rawjson\"). Use plain to show container output", default: "auto"),
            .bool("pull", nil, "Always attempt to pull all referenced images"),
            .bool("quiet", "q", "Suppress the build output and print image ID on success"),
            .list("secret", nil, "Secret to expose to the build (format: \"id=mysecret[,src=/local/secret]\")", type: "stringArray"),
            .list("tag", "t", "Image identifier (format: \"[registry/]repository[:tag]\")", type: "stringArray"),
            .string("target", nil, "Set the target build stage to build"),
        ],
        args: .exact(1)
    ) { f, a, ctx throws(DockerCLIError) in try makeBuild(f, a, ctx, builder: .buildKit) }

    /// `docker build` of the legacy builder (`DOCKER_BUILDKIT=0`), declared by docker/cli.
    static let classicBuild = CommandSpec(
        ["build"], usage: "[OPTIONS] PATH | URL | -", short: "Build an image from a Dockerfile",
        aliases: ["docker image build", "docker build", "docker builder build"],
        flags: [
            .list("build-arg", nil, "Set build-time variables"),
            .string("file", "f", "Name of the Dockerfile (Default is \"PATH/Dockerfile\")"),
            .bool("force-rm", nil, "Always remove intermediate containers"),
            .bool("no-cache", nil, "Do not use cache when building the image"),
            FlagSpec("progress", kind: .value, typeName: "string", usage: "Set type of progress output", defaultText: "auto", hidden: true),
            .bool("pull", nil, "Always attempt to pull a newer version of the image"),
            .bool("quiet", "q", "Suppress the build output and print image ID on success"),
            .bool("rm", nil, "Remove intermediate containers after a successful build", default: "true"),
            .list("tag", "t", "Name and optionally a tag in the \"name:tag\" format"),
            .string("target", nil, "Set the target build stage to build."),
        ],
        args: .exact(1)
    ) { f, a, ctx throws(DockerCLIError) in try makeBuild(f, a, ctx, builder: .classic) }

    // MARK: images

    static let images = CommandSpec(
        ["image", "ls"], usage: "[OPTIONS] [REPOSITORY[:TAG]]", short: "List images",
        aliases: ["docker image ls", "docker image list", "docker images"],
        flags: [
            .bool("all", "a", "Show all images (default hides intermediate images)"),
            .bool("digests", nil, "Show digests"),
            filterFlag,
            .string("format", nil, formatUsage),
            .bool("no-trunc", nil, "Don't truncate output"),
            .bool("quiet", "q", "Only show image IDs"),
        ],
        args: .max(1)
    ) { f, a, ctx in
        var o = ImagesOptions()
        o.invokedAs = ctx.commandPath
        o.all = f.bool("all"); o.digests = f.bool("digests"); o.noTrunc = f.bool("no-trunc")
        o.quiet = f.bool("quiet"); o.filters = f.list("filter"); o.format = f.string("format")
        o.reference = a.first
        return .images(o)
    }

    static let history = CommandSpec(
        ["image", "history"], usage: "[OPTIONS] IMAGE", short: "Show the history of an image",
        aliases: ["docker image history", "docker history"],
        flags: [
            .string("format", nil, formatUsage),
            .bool("human", "H", "Print sizes and dates in human readable format", default: "true"),
            .bool("no-trunc", nil, "Don't truncate output"),
            .bool("quiet", "q", "Only show image IDs"),
        ],
        args: .exact(1)
    ) { f, a, _ in
        var o = HistoryOptions(image: a[0])
        o.format = f.string("format"); o.human = f.bool("human", default: true)
        o.noTrunc = f.bool("no-trunc"); o.quiet = f.bool("quiet")
        return .history(o)
    }

    static let imageInspect = CommandSpec(
        ["image", "inspect"], usage: "[OPTIONS] IMAGE [IMAGE...]", short: "Display detailed information on one or more images",
        flags: [.string("format", "f", formatUsage)],
        args: .min(1)
    ) { f, a, _ in
        var o = InspectOptions(names: a, imagesOnly: true)
        o.format = f.string("format")
        return .inspect(o)
    }

    static let inspect = CommandSpec(
        ["inspect"], usage: "[OPTIONS] NAME|ID [NAME|ID...]", short: "Return low-level information on Docker objects",
        flags: [
            .string("format", "f", formatUsage),
            .bool("size", "s", "Display total file sizes if the type is container"),
            .string("type", nil, "Only inspect objects of the given type"),
        ],
        args: .min(1)
    ) { f, a, _ throws(DockerCLIError) in
        var o = InspectOptions(names: a, imagesOnly: false)
        o.format = f.string("format")
        if let t = f.string("type") {
            let known = ["config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"]
            guard known.contains(t) else { throw .message("\"\(t)\" is not a valid value for --type", status: 1) }
            o.type = t
        }
        return .inspect(o)
    }

    static let tag = CommandSpec(
        ["image", "tag"], usage: "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", short: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
        aliases: ["docker image tag", "docker tag"], flags: [], args: .exact(2)
    ) { _, a, _ in .tag(TagOptions(source: a[0], target: a[1])) }

    static let rmi = CommandSpec(
        ["image", "rm"], usage: "[OPTIONS] IMAGE [IMAGE...]", short: "Remove one or more images",
        aliases: ["docker image rm", "docker image remove", "docker rmi"],
        flags: [
            .bool("force", "f", "Force removal of the image"),
            .bool("no-prune", nil, "Do not delete untagged parents"),
        ],
        args: .min(1)
    ) { f, a, _ in
        var o = RmiOptions(images: a)
        o.force = f.bool("force"); o.noPrune = f.bool("no-prune")
        return .rmi(o)
    }

    static let imagePrune = CommandSpec(
        ["image", "prune"], usage: "[OPTIONS]", short: "Remove unused images",
        flags: [
            .bool("all", "a", "Remove all unused images, not just dangling ones"),
            .list("filter", nil, "Provide filter values (e.g. \"until=<timestamp>\")", type: "filter"),
            .bool("force", "f", "Do not prompt for confirmation"),
        ],
        args: .none
    ) { f, _, _ in
        var o = ImagePruneOptions()
        o.all = f.bool("all"); o.force = f.bool("force"); o.filters = f.list("filter")
        return .imagePrune(o)
    }

    static let builderPrune = CommandSpec(
        ["builder", "prune"], usage: "[OPTIONS]", short: "Remove build cache",
        flags: [
            .bool("all", "a", "Remove all unused build cache, not just dangling ones"),
            .list("filter", nil, "Provide filter values (e.g. \"until=24h\")", type: "filter"),
            .bool("force", "f", "Do not prompt for confirmation"),
        ],
        args: .none
    ) { f, _, _ in
        var o = BuilderPruneOptions()
        o.all = f.bool("all"); o.force = f.bool("force"); o.filters = f.list("filter")
        return .builderPrune(o)
    }

    static let systemDf = CommandSpec(
        ["system", "df"], usage: "[OPTIONS]", short: "Show docker disk usage",
        flags: [
            .string("format", nil, formatUsage),
            .bool("verbose", "v", "Show detailed information on space usage"),
        ],
        args: .none
    ) { f, _, _ in
        var o = SystemDfOptions()
        o.format = f.string("format"); o.verbose = f.bool("verbose")
        return .systemDf(o)
    }

    // MARK: registries

    static let pull = CommandSpec(
        ["image", "pull"], usage: "[OPTIONS] NAME[:TAG|@DIGEST]", short: "Download an image from a registry",
        aliases: ["docker image pull", "docker pull"],
        flags: [
            .bool("all-tags", "a", "Download all tagged images in the repository"),
            .string("platform", nil, "Set platform if server is multi-platform capable"),
            .bool("quiet", "q", "Suppress verbose output"),
        ],
        args: .exact(1)
    ) { f, a, _ in
        var o = PullOptions(reference: a[0])
        o.allTags = f.bool("all-tags"); o.quiet = f.bool("quiet"); o.platform = f.string("platform")
        return .pull(o)
    }

    static let push = CommandSpec(
        ["image", "push"], usage: "[OPTIONS] NAME[:TAG]", short: "Upload an image to a registry",
        aliases: ["docker image push", "docker push"],
        flags: [
            .bool("all-tags", "a", "Push all tags of an image to the repository"),
            .bool("quiet", "q", "Suppress verbose output"),
        ],
        args: .exact(1)
    ) { f, a, _ in
        var o = PushOptions(reference: a[0])
        o.allTags = f.bool("all-tags"); o.quiet = f.bool("quiet")
        return .push(o)
    }

    static let login = CommandSpec(
        ["login"], usage: "[OPTIONS] [SERVER]", short: "Authenticate to a registry",
        flags: [
            .string("password", "p", "Password or Personal Access Token (PAT)"),
            .bool("password-stdin", nil, "Take the Password or Personal Access Token (PAT) from stdin"),
            .string("username", "u", "Username"),
        ],
        args: .max(1)
    ) { f, a, _ throws(DockerCLIError) in
        var o = LoginOptions()
        o.server = a.first; o.username = f.string("username"); o.password = f.string("password")
        o.passwordStdin = f.bool("password-stdin")
        if o.password != nil && o.passwordStdin {
            throw .message("--password and --password-stdin are mutually exclusive", status: 1)
        }
        if o.passwordStdin && o.username == nil {
            throw .message("Must provide --username with --password-stdin", status: 1)
        }
        return .login(o)
    }

    static let logout = CommandSpec(
        ["logout"], usage: "[SERVER]", short: "Log out from a registry", flags: [], args: .max(1)
    ) { _, a, _ in
        var o = LogoutOptions()
        o.server = a.first
        return .logout(o)
    }

    static let search = CommandSpec(
        ["search"], usage: "[OPTIONS] TERM", short: "Search Docker Hub for images",
        flags: [
            filterFlag,
            .string("format", nil, "Pretty-print search using a Go template"),
            .string("limit", nil, "Max number of search results", type: "int"),
            .bool("no-trunc", nil, "Don't truncate output"),
        ],
        args: .exact(1)
    ) { f, a, _ throws(DockerCLIError) in
        var o = SearchOptions(term: a[0])
        o.filters = f.list("filter"); o.format = f.string("format"); o.noTrunc = f.bool("no-trunc")
        if let l = f.string("limit") {
            guard let n = Int(l) else {
                throw .message("invalid argument \"\(l)\" for \"--limit\" flag: strconv.ParseInt: parsing \"\(l)\": invalid syntax", status: 125)
            }
            o.limit = n
        }
        return .search(o)
    }

    static let manifestInspect = CommandSpec(
        ["manifest", "inspect"], usage: "[OPTIONS] [MANIFEST_LIST] MANIFEST", short: "Display an image manifest, or manifest list",
        flags: [
            .bool("insecure", nil, "Allow communication with an insecure registry"),
            .bool("verbose", "v", "Output additional info including layers and platform"),
        ],
        args: .range(1, 2)
    ) { f, a, _ in
        var o = ManifestInspectOptions(manifest: a[a.count - 1])
        if a.count == 2 { o.manifestList = a[0] }
        o.verbose = f.bool("verbose"); o.insecure = f.bool("insecure")
        return .manifestInspect(o)
    }

    // MARK: containers

    static let run = CommandSpec(
        ["container", "run"], usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]", short: "Create and run a new container from an image",
        aliases: ["docker container run", "docker run"],
        flags: [
            .bool("detach", "d", "Run container in background and print container ID"),
            .string("entrypoint", nil, "Overwrite the default ENTRYPOINT of the image"),
            .list("env", "e", "Set environment variables"),
            .bool("interactive", "i", "Keep STDIN open even if not attached"),
            .string("name", nil, "Assign a name to the container"),
            .list("publish", "p", "Publish a container's port(s) to the host"),
            .bool("rm", nil, "Automatically remove the container and its associated anonymous volumes when it exits"),
            .bool("tty", "t", "Allocate a pseudo-TTY"),
            .string("user", "u", "Username or UID (format: \"<name|uid>[:<group|gid>]\")"),
            .string("workdir", "w", "Working directory inside the container"),
        ],
        args: .min(1), interspersed: false
    ) { f, a, _ throws(DockerCLIError) in
        var o = RunOptions(image: a[0])
        o.command = Array(a.dropFirst())
        o.detach = f.bool("detach"); o.entrypoint = f.string("entrypoint"); o.env = f.list("env")
        o.interactive = f.bool("interactive"); o.name = f.string("name"); o.publish = f.list("publish")
        o.remove = f.bool("rm"); o.tty = f.bool("tty"); o.user = f.string("user"); o.workdir = f.string("workdir")
        return .run(o)
    }

    static let ps = CommandSpec(
        ["container", "ls"], usage: "[OPTIONS]", short: "List containers",
        aliases: ["docker container ls", "docker container list", "docker container ps", "docker ps"],
        flags: [
            .bool("all", "a", "Show all containers (default shows just running)"),
            filterFlag,
            .string("format", nil, formatUsage),
            .bool("no-trunc", nil, "Don't truncate output"),
            .bool("quiet", "q", "Only display container IDs"),
        ],
        args: .none
    ) { f, _, _ in
        var o = PsOptions()
        o.all = f.bool("all"); o.filters = f.list("filter"); o.format = f.string("format")
        o.noTrunc = f.bool("no-trunc"); o.quiet = f.bool("quiet")
        return .ps(o)
    }

    static let logs = CommandSpec(
        ["container", "logs"], usage: "[OPTIONS] CONTAINER", short: "Fetch the logs of a container",
        aliases: ["docker container logs", "docker logs"],
        flags: [
            .bool("follow", "f", "Follow log output"),
            .string("tail", "n", "Number of lines to show from the end of the logs", default: "all"),
            .bool("timestamps", "t", "Show timestamps"),
        ],
        args: .exact(1)
    ) { f, a, _ in
        var o = LogsOptions(container: a[0])
        o.follow = f.bool("follow"); o.tail = f.string("tail"); o.timestamps = f.bool("timestamps")
        return .logs(o)
    }

    static let stopFlags: [FlagSpec] = [
        .string("signal", "s", "Signal to send to the container"),
        .string("timeout", "t", "Seconds to wait before killing the container", type: "int"),
    ]

    static let stop = CommandSpec(
        ["container", "stop"], usage: "[OPTIONS] CONTAINER [CONTAINER...]", short: "Stop one or more running containers",
        aliases: ["docker container stop", "docker stop"], flags: stopFlags, args: .min(1)
    ) { _, a, _ in .stop(ContainerNamesOptions(containers: a)) }

    static let start = CommandSpec(
        ["container", "start"], usage: "[OPTIONS] CONTAINER [CONTAINER...]", short: "Start one or more stopped containers",
        aliases: ["docker container start", "docker start"],
        flags: [
            .bool("attach", "a", "Attach STDOUT/STDERR and forward signals"),
            .bool("interactive", "i", "Attach container's STDIN"),
        ],
        args: .min(1)
    ) { f, a, _ in
        var o = ContainerNamesOptions(containers: a)
        o.attach = f.bool("attach"); o.interactive = f.bool("interactive")
        return .start(o)
    }

    static let restart = CommandSpec(
        ["container", "restart"], usage: "[OPTIONS] CONTAINER [CONTAINER...]", short: "Restart one or more containers",
        aliases: ["docker container restart", "docker restart"], flags: stopFlags, args: .min(1)
    ) { _, a, _ in .restart(ContainerNamesOptions(containers: a)) }

    static let rm = CommandSpec(
        ["container", "rm"], usage: "[OPTIONS] CONTAINER [CONTAINER...]", short: "Remove one or more containers",
        aliases: ["docker container rm", "docker container remove", "docker rm"],
        flags: [
            .bool("force", "f", "Force the removal of a running container (uses SIGKILL)"),
            .bool("volumes", "v", "Remove anonymous volumes associated with the container"),
        ],
        args: .min(1)
    ) { f, a, _ in
        var o = RmOptions(containers: a)
        o.force = f.bool("force"); o.volumes = f.bool("volumes")
        return .rm(o)
    }

    static let exec = CommandSpec(
        ["container", "exec"], usage: "[OPTIONS] CONTAINER COMMAND [ARG...]", short: "Execute a command in a running container",
        aliases: ["docker container exec", "docker exec"],
        flags: [
            .bool("detach", "d", "Detached mode: run command in the background"),
            .list("env", "e", "Set environment variables"),
            .bool("interactive", "i", "Keep STDIN open even if not attached"),
            .bool("tty", "t", "Allocate a pseudo-TTY"),
            .string("user", "u", "Username or UID (format: \"<name|uid>[:<group|gid>]\")"),
            .string("workdir", "w", "Working directory inside the container"),
        ],
        args: .min(2), interspersed: false
    ) { f, a, _ in
        var o = ExecOptions(container: a[0], command: Array(a.dropFirst()))
        o.detach = f.bool("detach"); o.env = f.list("env"); o.interactive = f.bool("interactive")
        o.tty = f.bool("tty"); o.user = f.string("user"); o.workdir = f.string("workdir")
        return .exec(o)
    }

    static let diff = CommandSpec(
        ["container", "diff"], usage: "CONTAINER", short: "Inspect changes to files or directories on a container's filesystem",
        aliases: ["docker container diff", "docker diff"], flags: [], args: .exact(1)
    ) { _, a, _ in .diff(DiffOptions(container: a[0])) }

    static let commit = CommandSpec(
        ["container", "commit"], usage: "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", short: "Create a new image from a container's changes",
        aliases: ["docker container commit", "docker commit"],
        flags: [
            .string("author", "a", "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")"),
            .list("change", "c", "Apply Dockerfile instruction to the created image"),
            .string("message", "m", "Commit message"),
            // Pausing has no visible effect in the simulator; the flag parses.
            .bool("pause", "p", "Pause container during commit", default: "true"),
        ],
        args: .range(1, 2), interspersed: false
    ) { f, a, _ in
        var o = CommitOptions(container: a[0])
        o.reference = a.count > 1 ? a[1] : nil
        o.author = f.string("author"); o.changes = f.list("change"); o.message = f.string("message")
        return .commit(o)
    }

    static let containerPrune = CommandSpec(
        ["container", "prune"], usage: "[OPTIONS]", short: "Remove all stopped containers",
        flags: [
            .list("filter", nil, "Provide filter values (e.g. \"until=<timestamp>\")", type: "filter"),
            .bool("force", "f", "Do not prompt for confirmation"),
        ],
        args: .none
    ) { f, _, _ in
        var o = ContainerPruneOptions()
        o.force = f.bool("force"); o.filters = f.list("filter")
        return .containerPrune(o)
    }

    static let port = CommandSpec(
        ["container", "port"], usage: "CONTAINER [PRIVATE_PORT[/PROTO]]", short: "List port mappings or a specific mapping for the container",
        aliases: ["docker container port", "docker port"], flags: [], args: .range(1, 2)
    ) { _, a, _ in
        var o = PortOptions(container: a[0])
        o.privatePort = a.count > 1 ? a[1] : nil
        return .port(o)
    }

    // MARK: system

    static let version = CommandSpec(
        ["version"], usage: "[OPTIONS]", short: "Show the Docker version information",
        flags: [.string("format", "f", formatUsage)], args: .none
    ) { f, _, _ in
        var o = VersionOptions()
        o.format = f.string("format")
        return .version(o)
    }

    static let info = CommandSpec(
        ["info"], usage: "[OPTIONS]", short: "Display system-wide information",
        aliases: ["docker system info", "docker info"],
        flags: [.string("format", "f", formatUsage)], args: .none
    ) { f, _, _ in
        var o = InfoOptions()
        o.format = f.string("format")
        return .info(o)
    }

    static let systemPrune = CommandSpec(
        ["system", "prune"], usage: "[OPTIONS]", short: "Remove unused data",
        flags: [
            .bool("all", "a", "Remove all unused images not just dangling ones"),
            .list("filter", nil, "Provide filter values (e.g. \"label=<key>=<value>\")", type: "filter"),
            .bool("force", "f", "Do not prompt for confirmation"),
            .bool("volumes", nil, "Prune anonymous volumes"),
        ],
        args: .none
    ) { f, _, _ in
        var o = SystemPruneOptions()
        o.all = f.bool("all"); o.force = f.bool("force"); o.volumes = f.bool("volumes"); o.filters = f.list("filter")
        return .systemPrune(o)
    }

    /// `docker buildx du` (also `docker builder du`: the CLI hands `docker builder ...` to buildx).
    static let buildxDu = CommandSpec(
        ["buildx", "du"], usage: "", short: "Disk usage",
        flags: [
            .list("filter", nil, "Provide filter values", type: "filter"),
            .string("format", nil, "Format the output"),
            .bool("verbose", nil, "Shorthand for \"--format=pretty\""),
        ],
        args: .none
    ) { f, _, _ throws(DockerCLIError) in
        var o = BuildCacheDuOptions()
        o.filters = f.list("filter"); o.format = f.string("format"); o.verbose = f.bool("verbose")
        if o.format != nil && o.verbose {
            throw .message("ERROR: --format and --verbose cannot be used together", status: 1)
        }
        return .buildCacheDu(o)
    }

    static let containerInspect = CommandSpec(
        ["container", "inspect"], usage: "[OPTIONS] CONTAINER [CONTAINER...]", short: "Display detailed information on one or more containers",
        flags: [
            .string("format", "f", formatUsage),
            .bool("size", "s", "Display total file sizes"),
        ],
        args: .min(1)
    ) { f, a, _ in
        var o = InspectOptions(names: a, imagesOnly: false)
        o.format = f.string("format"); o.type = "container"
        return .inspect(o)
    }

    // MARK: real Docker commands that are not simulated

    /// Top-level commands and management commands of CLI 28 (`docker --help`, with the
    /// buildx, compose, scout and init plugins) that Dockyard does not model.
    static let unsimulatedCommands: Set<String> = [
        "attach", "bake", "checkpoint", "compose", "config", "context", "events", "export", "import",
        "init", "load", "network", "node", "pause", "plugin", "save", "scout", "secret", "service",
        "stack", "stats", "swarm", "trust", "unpause", "update", "volume",
    ]

    /// Subcommands of the simulated management commands that Dockyard does not model.
    static let unsimulatedSubcommands: [String: Set<String>] = [
        "image": ["import", "load", "save"],
        "container": ["attach", "export", "pause", "stats", "unpause", "update"],
        "system": ["events"],
        "manifest": ["annotate", "create", "push", "rm"],
        "buildx": buildxOthers,
        "builder": buildxOthers,
    ]

    /// buildx 0.29's commands besides build, du and prune.
    static let buildxOthers: Set<String> = [
        "bake", "create", "debug", "dial-stdio", "history", "imagetools", "inspect", "ls", "rm", "stop", "use", "version",
    ]

    // MARK: lookup

    /// Every spelling of every command, mapped to its spec: `images`, `image ls`,
    /// `image list`, `container ls`, `ps` ... (BuildKit's `build` is resolved separately,
    /// since the builder depends on the environment).
    static let routes: [[String]: CommandSpec] = {
        var r: [[String]: CommandSpec] = [:]
        func add(_ spec: CommandSpec, _ paths: [[String]]) { for p in paths { r[p] = spec } }
        add(images, [["images"], ["image", "ls"], ["image", "list"]])
        add(history, [["history"], ["image", "history"]])
        add(imageInspect, [["image", "inspect"]])
        add(inspect, [["inspect"]])
        add(tag, [["tag"], ["image", "tag"]])
        add(rmi, [["rmi"], ["image", "rm"], ["image", "remove"]])
        add(imagePrune, [["image", "prune"]])
        add(builderPrune, [["builder", "prune"]])
        add(systemDf, [["system", "df"]])
        add(pull, [["pull"], ["image", "pull"]])
        add(push, [["push"], ["image", "push"]])
        add(login, [["login"]])
        add(logout, [["logout"]])
        add(search, [["search"]])
        add(manifestInspect, [["manifest", "inspect"]])
        add(run, [["run"], ["container", "run"]])
        add(ps, [["ps"], ["container", "ls"], ["container", "list"], ["container", "ps"]])
        add(logs, [["logs"], ["container", "logs"]])
        add(stop, [["stop"], ["container", "stop"]])
        add(start, [["start"], ["container", "start"]])
        add(restart, [["restart"], ["container", "restart"]])
        add(rm, [["rm"], ["container", "rm"], ["container", "remove"]])
        add(exec, [["exec"], ["container", "exec"]])
        add(diff, [["diff"], ["container", "diff"]])
        add(commit, [["commit"], ["container", "commit"]])
        add(containerPrune, [["container", "prune"]])
        add(port, [["port"], ["container", "port"]])
        add(containerInspect, [["container", "inspect"]])
        add(version, [["version"]])
        add(info, [["info"], ["system", "info"]])
        add(systemPrune, [["system", "prune"]])
        add(buildxDu, [["buildx", "du"], ["builder", "du"]])
        add(builderPrune, [["buildx", "prune"]])
        add(create, [["create"], ["container", "create"]])
        add(kill, [["kill"], ["container", "kill"]])
        add(rename, [["rename"], ["container", "rename"]])
        add(cp, [["cp"], ["container", "cp"]])
        add(top, [["top"], ["container", "top"]])
        add(wait, [["wait"], ["container", "wait"]])
        return r
    }()

    /// A command word after `docker`, as front ends list it (completion, `help docker`).
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var short: String
        /// Visible flags, `--long` and `-s` spellings, sorted.
        public var flags: [String]
        /// A management command's subcommands (`image`: `build`, `history` ...).
        public var subcommands: [String]
    }

    /// Every top-level command and management command the parser routes, sorted by name:
    /// derived from `routes` so completion cannot drift from what actually parses.
    public static let entries: [Entry] = {
        func spellings(_ flags: [FlagSpec]) -> [String] {
            Set(flags.filter { !$0.hidden }.flatMap { f in ["--" + f.name] + (f.short.map { ["-" + String($0)] } ?? []) }).sorted()
        }
        var out: [Entry] = []
        for (path, spec) in routes where path.count == 1 {
            out.append(Entry(name: path[0], short: spec.short, flags: spellings(spec.flags), subcommands: []))
        }
        out.append(Entry(name: "build", short: classicBuild.short, flags: spellings(classicBuild.flags + buildKitBuild.flags), subcommands: []))
        for group in groups {
            out.append(Entry(name: group.name, short: group.short, flags: [], subcommands: subcommands(of: group.name).map(\.name)))
        }
        return out.sorted { $0.name < $1.name }
    }()

    /// Paths that run `docker build`.
    static let buildPaths: Set<[String]> = [["build"], ["image", "build"], ["builder", "build"], ["buildx", "build"], ["buildx", "b"]]

    /// The subcommands of a management command, in help order.
    static func subcommands(of group: String) -> [(name: String, short: String)] {
        var seen: [String: String] = [:]
        for (path, spec) in routes where path.count == 2 && path[0] == group {
            seen[path[1]] = spec.short
        }
        if group == "image" || group == "builder" { seen["build"] = classicBuild.short }
        if group == "buildx" { seen["build"] = buildKitBuild.short }
        // Aliases (`list`, `remove`, `ps`) are not listed as commands of their own.
        for alias in ["list", "remove", "ps"] { seen[alias] = nil }
        return seen.keys.sorted().map { ($0, seen[$0] ?? "") }
    }
}
