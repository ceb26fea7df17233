import Engine

/// What a docker command may know about the machine it "runs" on: the virtual host folder
/// (build contexts are read from it), the terminal (progress style, table widths) and stdin.
/// The REPL fills it in; tests build one by hand.
public struct HostContext: Sendable {
    /// The workspace: the virtual host folder tree.
    public var workspace: FileTree
    /// Current directory in the workspace (context paths like `.` resolve against it).
    public var cwd: String
    /// Columns of the terminal (80 when unknown).
    public var terminalWidth: Int
    /// Whether output goes to a terminal (`--progress=auto` picks tty then, plain otherwise).
    public var isTerminal: Bool
    /// Text for `--password-stdin` and the like; nil when there is none.
    public var stdin: String?
    /// Whether standard input is a terminal someone can answer questions on (`docker login`
    /// prompts, a prune's `[y/N]`). False when `stdin` is set: piped input is not a terminal.
    public var stdinIsTerminal: Bool
    /// Variables set in front of the command (`DOCKER_BUILDKIT=0`), for `--build-arg KEY`.
    public var environment: [String: String]

    public init(workspace: FileTree = FileTree(), cwd: String = "/", terminalWidth: Int = 80, isTerminal: Bool = false, stdin: String? = nil, environment: [String: String] = [:], stdinIsTerminal: Bool = false) {
        self.workspace = workspace
        self.cwd = cwd
        self.terminalWidth = terminalWidth
        self.isTerminal = isTerminal
        self.stdin = stdin
        self.environment = environment
        self.stdinIsTerminal = stdinIsTerminal && stdin == nil
    }
}

/// Runs parsed `docker` commands against the engine and renders Docker-format output.
///
/// One method per command, grouped by area in `DockerExecutor+<Area>.swift` files, so the
/// image, registry and container work each own their file. The executor mutates only the
/// engine value it is handed; rendering stays in the view types.
public struct DockerExecutor: Sendable {
    public init() {}

    /// Runs one parsed command. Never traps on user input: failures come back as Docker's
    /// error text with a non-zero status.
    public func run(_ command: DockerCommand, engine: inout EngineState, host: HostContext) -> CommandResult {
        switch command {
        case .build(let o): return build(o, engine: &engine, host: host)
        case .images(let o): return images(o, engine: &engine, host: host)
        case .history(let o): return history(o, engine: &engine, host: host)
        case .inspect(let o): return inspect(o, engine: &engine, host: host)
        case .tag(let o): return tag(o, engine: &engine, host: host)
        case .rmi(let o): return rmi(o, engine: &engine, host: host)
        case .imagePrune(let o): return imagePrune(o, engine: &engine, host: host)
        case .builderPrune(let o): return builderPrune(o, engine: &engine, host: host)
        case .systemDf(let o): return systemDf(o, engine: &engine, host: host)
        case .pull(let o): return pull(o, engine: &engine, host: host)
        case .push(let o): return push(o, engine: &engine, host: host)
        case .login(let o): return login(o, engine: &engine, host: host)
        case .logout(let o): return logout(o, engine: &engine, host: host)
        case .search(let o): return search(o, engine: &engine, host: host)
        case .manifestInspect(let o): return manifestInspect(o, engine: &engine, host: host)
        case .run(let o): return runContainer(o, engine: &engine, host: host)
        case .ps(let o): return ps(o, engine: &engine, host: host)
        case .logs(let o): return logs(o, engine: &engine, host: host)
        case .stop(let o): return stop(o, engine: &engine, host: host)
        case .start(let o): return start(o, engine: &engine, host: host)
        case .restart(let o): return restart(o, engine: &engine, host: host)
        case .rm(let o): return rm(o, engine: &engine, host: host)
        case .exec(let o): return exec(o, engine: &engine, host: host)
        case .diff(let o): return diff(o, engine: &engine, host: host)
        case .commit(let o): return commit(o, engine: &engine, host: host)
        case .containerPrune(let o): return containerPrune(o, engine: &engine, host: host)
        case .port(let o): return port(o, engine: &engine, host: host)
        case .version(let o): return version(o, engine: &engine, host: host)
        case .info(let o): return info(o, engine: &engine, host: host)
        case .systemPrune(let o): return systemPrune(o, engine: &engine, host: host)
        case .buildCacheDu(let o): return buildCacheDu(o, engine: &engine, host: host)
        case .create(let o): return create(o, engine: &engine, host: host)
        case .kill(let o): return kill(o, engine: &engine, host: host)
        case .rename(let o): return rename(o, engine: &engine, host: host)
        case .cp(let o): return cp(o, engine: &engine, host: host)
        case .top(let o): return top(o, engine: &engine, host: host)
        case .wait(let o): return wait(o, engine: &engine, host: host)
        }
    }

    /// Go's `strconv.ParseBool`, as filters (`dangling=true`, `is-official=1`) read values.
    static func goBool(_ s: String) -> Bool? {
        switch s {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }
}
