/// Contract between the builder (and later containers) and the simulated shell that "runs"
/// RUN commands. Nothing runs on the host: a command is interpreted against a `FileTree`
/// value and returns the changed tree, its output and how long it would have taken.

/// One process to simulate, as the builder would start it.
public struct ShellInvocation: Hashable, Sendable {
    /// Full argv, e.g. `["/bin/sh", "-c", "pip install flask"]` for shell form (the stage's
    /// SHELL + the command), or the exec-form array as written.
    public var argv: [String]
    /// Environment: image ENV plus build args in scope (what BuildKit puts in the exec env).
    public var environment: [String: String]
    /// Working directory (absolute).
    public var workingDirectory: String
    /// `USER` in effect (`root` when unset).
    public var user: String
    /// Extra files readable by the command but not part of its filesystem (e.g. heredoc
    /// bodies handed to the shell). Usually empty.
    public var stdin: String?
    /// The container's main process (its command line) when this process runs beside it
    /// (`docker exec`): what `ps` shows as PID 1. Nil when this process is PID 1.
    public var pidOne: String?

    public init(argv: [String], environment: [String: String] = [:], workingDirectory: String = "/", user: String = "root", stdin: String? = nil, pidOne: String? = nil) {
        self.argv = argv
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.user = user
        self.stdin = stdin
        self.pidOne = pidOne
    }
}

/// What a simulated command did.
public struct ShellOutcome: Hashable, Sendable {
    /// 0 on success; the failing command's status otherwise (127 for an unknown program
    /// that is not in the filesystem, as a real shell gives).
    public var exitCode: Int32
    /// Output lines (stdout and stderr interleaved, as a build log shows them).
    public var output: [String]
    /// The filesystem after the command.
    public var filesystem: FileTree
    /// Simulated wall time the command took, in seconds (advances the virtual clock).
    public var duration: Double
    /// Teaching notes, e.g. "`foo` is not simulated: it ran with no effect on files".
    public var notes: [String]

    public init(exitCode: Int32, output: [String], filesystem: FileTree, duration: Double, notes: [String] = []) {
        self.exitCode = exitCode
        self.output = output
        self.filesystem = filesystem
        self.duration = duration
        self.notes = notes
    }
}

/// Anything that can simulate a command against a filesystem. Deterministic: the same
/// invocation on the same tree gives the same outcome.
public protocol CommandSimulator: Sendable {
    func run(_ invocation: ShellInvocation, on filesystem: FileTree) -> ShellOutcome
}
