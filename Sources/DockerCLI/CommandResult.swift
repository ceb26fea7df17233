import Engine

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
    /// The order the streams were written in, for a terminal that shows both: each mark
    /// ends a stretch of one stream (at a UTF-8 offset into it). Whatever lies past the
    /// marks follows, standard output first. Most commands leave it empty (all output,
    /// then all errors); `docker run` shows its pull before the container's output, a
    /// login its warnings before `Login Succeeded`.
    public var marks: [StreamMark] = []
    /// The host folder after the command, when the command wrote to it (`docker cp` out of a
    /// container); nil when it left it alone. The front end keeps it as its workspace.
    public var workspace: FileTree?

    /// See `marks`.
    public struct StreamMark: Equatable, Sendable {
        public var toStderr: Bool
        public var end: Int
        public init(toStderr: Bool, end: Int) {
            self.toStderr = toStderr
            self.end = end
        }
    }

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

    /// Output and status, not the order of writes (a presentation detail).
    public static func == (a: CommandResult, b: CommandResult) -> Bool {
        a.stdout == b.stdout && a.stderr == b.stderr && a.exitStatus == b.exitStatus && a.question == b.question && a.workspace == b.workspace
    }

    /// Appends to one stream and remembers the order.
    public mutating func write(_ text: String, toStderr: Bool = false) {
        guard !text.isEmpty else { return }
        if toStderr { stderr += text } else { stdout += text }
        marks.append(StreamMark(toStderr: toStderr, end: (toStderr ? stderr : stdout).utf8.count))
    }

    /// Adds `other`'s output after all of this one's (both streams), keeping each one's
    /// order; the status and question stay this result's.
    public mutating func append(_ other: CommandResult) {
        guard !other.stdout.isEmpty || !other.stderr.isEmpty else { return }
        var merged = CommandResult(exitStatus: exitStatus)
        merged.question = question
        merged.workspace = workspace
        for chunk in inTerminalOrder + other.inTerminalOrder { merged.write(chunk.text, toStderr: chunk.isError) }
        self = merged
    }

    /// Puts `text` in front of all output on one stream. When the writes' order is recorded,
    /// the marks move with the text and the text is shown first; otherwise it is plain
    /// concatenation (the default order, output then errors, is unchanged).
    public mutating func prepend(_ text: String, toStderr: Bool) {
        guard !text.isEmpty else { return }
        if toStderr { stderr = text + stderr } else { stdout = text + stdout }
        guard !marks.isEmpty else { return }
        let shift = text.utf8.count
        marks = [StreamMark(toStderr: toStderr, end: shift)] + marks.map {
            $0.toStderr == toStderr ? StreamMark(toStderr: toStderr, end: $0.end + shift) : $0
        }
    }

    /// Marks everything on standard error so far as shown before standard output.
    public mutating func stderrComesFirst() {
        marks = [StreamMark(toStderr: true, end: stderr.utf8.count)]
    }

    /// The output as a terminal shows it: stretches of each stream in the order written
    /// (`isError` for standard error).
    public var inTerminalOrder: [(text: String, isError: Bool)] {
        let out = Array(stdout.utf8), err = Array(stderr.utf8)
        var outAt = 0, errAt = 0
        var chunks: [(text: String, isError: Bool)] = []
        func take(_ bytes: [UInt8], _ at: inout Int, to end: Int, isError: Bool) {
            let end = min(end, bytes.count)
            guard end > at else { return }
            chunks.append((String(decoding: bytes[at..<end], as: UTF8.self), isError))
            at = end
        }
        for mark in marks {
            if mark.toStderr { take(err, &errAt, to: mark.end, isError: true) } else { take(out, &outAt, to: mark.end, isError: false) }
        }
        take(out, &outAt, to: out.count, isError: false)
        take(err, &errAt, to: err.count, isError: true)
        return chunks
    }
}
