/// What running one command produced: the text a terminal would show on each stream and the
/// exit status. Every command (docker, workspace, lesson) returns one, so transcript tests can
/// drive the whole product without a terminal.
public struct CommandResult: Equatable, Sendable {
    public var stdout: String
    public var stderr: String
    public var exitStatus: Int32
    /// Set when the command is not finished: it waits for an answer typed at the terminal
    /// (see `InputRequest`). `exitStatus` means nothing until the answer is given.
    public var question: InputRequest?

    public init(stdout: String = "", stderr: String = "", exitStatus: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitStatus = exitStatus
    }

    public static func ok(_ text: String = "") -> CommandResult { CommandResult(stdout: text) }
    public static func failure(_ message: String, status: Int32 = 1) -> CommandResult {
        CommandResult(stderr: message, exitStatus: status)
    }
    public var succeeded: Bool { exitStatus == 0 }
}
