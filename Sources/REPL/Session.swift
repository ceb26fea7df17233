import DockerCLI
import Engine

/// Everything a REPL session knows, as one value: the workspace (the virtual host folder
/// that later becomes the build context), the working directory, the clock and settings.
/// Keeping it a value means `undo` or "reset this step" is just keeping an earlier copy.
public struct Session: Equatable, Sendable {
    /// The virtual host folder. Starts as an empty `/app`.
    public var workspace: FileTree
    /// Modification times of workspace entries (FileNode has none; `ls -l` shows them).
    public var modified: [String: Timestamp]
    /// Current directory inside the workspace (normalized, absolute).
    public var cwd: String
    public var clock: SimulatedClock
    /// Logical commands entered in this session (plus earlier sessions' history when the
    /// front end loads it), oldest first, as `history` shows them.
    public var history: [String]
    /// Set by `exit`/`quit`; the front end stops reading when it is non-nil.
    public var exitRequest: Int32?
    /// Set by `clear`; the front end clears the screen on a terminal and resets it.
    public var clearRequested: Bool
    /// The simulated Docker: images, caches, registries, containers. Its clock is kept in
    /// step with `clock` around every docker command.
    public var engine: EngineState
    /// What the front end knows about the terminal (width, tty, colour).
    public var terminal: TerminalInfo
    /// Print the teaching views (layer stack, reasons, advice) after each build
    /// (`set explain on|off`, `dockyard --no-explain`).
    public var explainAfterBuild: Bool = true
    /// `watch on`: workspace and Dockerfile edits rebuild at once (nil when off).
    public var watch: WatchSettings?
    /// A question a command is waiting on (`Password: `, `[y/N]`): the next line typed is
    /// its answer, not a command.
    public var question: PendingQuestion?

    /// A throwaway value for moving a session out of a variable without copying it.
    static let placeholder = Session()

    /// Where a new session starts.
    public static let home = "/app"

    public init(clock: SimulatedClock = SimulatedClock(mode: .fixed)) {
        var tree = FileTree()
        tree.set(Session.home, .directory())
        self.workspace = tree
        self.modified = [Session.home: clock.now]
        self.cwd = Session.home
        self.clock = clock
        self.history = []
        self.exitRequest = nil
        self.clearRequested = false
        self.engine = EngineState(clock: clock)
        self.terminal = TerminalInfo()
    }

    /// Shell-like variables for `$NAME` expansion in workspace commands and heredocs.
    public func variable(_ name: String) -> String? {
        switch name {
        case "HOME": return "/root"
        case "PWD": return cwd
        case "USER", "LOGNAME": return "root"
        case "SHELL": return "/bin/sh"
        default: return nil
        }
    }
}

/// A command's unanswered question and the command line that asked it (for undo and the
/// lesson checks that run once it finishes).
public struct PendingQuestion: Equatable, Sendable {
    public var request: InputRequest
    public var command: String
    public init(request: InputRequest, command: String) {
        self.request = request
        self.command = command
    }
}

/// The terminal as the front end sees it. Transcripts use the defaults: 80 columns, not a
/// terminal, no colour — so output is Docker's non-TTY form.
public struct TerminalInfo: Equatable, Sendable {
    public var width: Int
    public var isTerminal: Bool
    public var colour: Bool
    /// Whether input comes from a person at a terminal, who can answer a command's questions
    /// (`docker login` prompts). Script mode and transcripts (unless they ask) have none.
    public var stdinIsTerminal: Bool
    /// Set by `set width`: the front end stops following the terminal's own width.
    public var widthIsFixed = false
    public init(width: Int = 80, isTerminal: Bool = false, colour: Bool = false, stdinIsTerminal: Bool = false) {
        self.width = width
        self.isTerminal = isTerminal
        self.colour = colour
        self.stdinIsTerminal = stdinIsTerminal
    }
}
