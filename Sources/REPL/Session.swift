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
