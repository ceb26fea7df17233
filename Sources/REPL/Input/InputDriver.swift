import DockerCLI
import Engine

/// Feeds physical lines through the assembler into the shell and collects what each entry
/// printed. Script mode, the interactive loop and the transcript tests all drive this, so
/// they agree on continuations, heredocs, Dockerfile blocks and bad input.
public struct InputDriver {
    /// One entry's output (entry is nil for a line rejected before assembly).
    public struct Output {
        public var entry: InputEntry?
        public var result: CommandResult
    }

    public var shell: Shell
    public var assembler: InputAssembler
    /// Stop at the first failing entry (`--strict`).
    public var strict: Bool
    /// Put the line number in front of input errors (script mode).
    public var numbersInputErrors: Bool
    /// How many entries failed so far.
    public private(set) var failures = 0
    /// Called before each entry runs; in real-clock mode it returns the wall clock, which
    /// the session's clock catches up with.
    public var wallClock: (() -> Timestamp)?
    /// Set once `exit` ran or (with `strict`) an entry failed: no more input is run.
    public private(set) var stopped = false

    public init(shell: Shell = Shell(), strict: Bool = false, numbersInputErrors: Bool = true) {
        self.shell = shell
        self.assembler = InputAssembler()
        self.strict = strict
        self.numbersInputErrors = numbersInputErrors
    }

    /// The prompt for the next line: `dockyard:/app> `, or `> ` inside a multi-line entry.
    public var prompt: String {
        if let question = shell.session.question { return question.request.prompt }
        if assembler.isContinuing { return "> " }
        // Inside a container shell, the container's prompt (`# `, `/ # `).
        if let container = shell.session.containerPrompt { return container }
        return "dockyard\(shell.promptLabel.map { "[\($0)]" } ?? ""):\(shell.session.cwd)> "
    }

    /// Whether the next line answers a command's question (`Password: `) instead of being
    /// input of its own.
    public var isAnswering: Bool { shell.session.question != nil }

    /// Ctrl-C or end of input at a question: the command stops as Docker's does then.
    public mutating func cancelQuestion() -> [Output] {
        guard isAnswering else { return [] }
        return answer(nil)
    }

    private mutating func answer(_ reply: String?) -> [Output] {
        if let wallClock { shell.session.clock.sync(toWallClock: wallClock()) }
        let result = shell.answer(reply)
        if !result.succeeded { failures += 1; if strict { stopped = true } }
        return [Output(entry: nil, result: result)]
    }

    /// Whether `line` continues what is pending (a heredoc, a backslash continuation, or a
    /// held Dockerfile block) rather than starting something new.
    public func continues(_ line: String) -> Bool {
        if isAnswering { return false }
        if assembler.isContinuing { return true }
        guard assembler.isHoldingDockerfile else { return false }
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        return trimmed.isEmpty || trimmed.hasPrefix("#") || InputAssembler.isDockerfileLine(trimmed)
    }

    /// Feeds one physical line of raw bytes.
    public mutating func feed<C: BidirectionalCollection>(bytes: C) -> [Output] where C.Element == UInt8 {
        switch InputLine.decode(bytes) {
        case .success(let text):
            return feed(text)
        case .failure(let problem):
            assembler.skipLine()
            let prefix = numbersInputErrors ? "dockyard: line \(assembler.linesRead): " : "dockyard: "
            return record([Output(entry: nil, result: .failure(prefix + problem.message + "\n", status: 2))])
        }
    }

    /// Feeds one physical line of text.
    public mutating func feed(_ line: String) -> [Output] {
        if stopped { return [] }
        // An answer goes to the question as typed: it is not a command, a continuation or
        // a Dockerfile line, and not history.
        if isAnswering { return answer(line) }
        if line.utf8.count > InputLine.maximumBytes {
            assembler.skipLine()
            let prefix = numbersInputErrors ? "dockyard: line \(assembler.linesRead): " : "dockyard: "
            return record([Output(entry: nil, result: .failure(prefix + InputLine.Problem.tooLong(bytes: line.utf8.count).message + "\n", status: 2))])
        }
        return run(assembler.feed(line))
    }

    /// Runs a held Dockerfile block now.
    public mutating func flush() -> [Output] {
        run(assembler.flush())
    }

    /// End of input.
    public mutating func finish() -> [Output] {
        run(assembler.finish())
    }

    /// Drops a half-typed entry (Ctrl-C).
    public mutating func interrupt() {
        assembler.discardCurrent()
        _ = assembler.flush()
    }

    private mutating func run(_ entries: [InputEntry]) -> [Output] {
        var outputs: [Output] = []
        for entry in entries {
            if stopped { break }
            if let wallClock { shell.session.clock.sync(toWallClock: wallClock()) }
            let result = shell.run(entry)
            outputs.append(Output(entry: entry, result: result))
            if !result.succeeded { failures += 1; if strict { stopped = true } }
            if shell.session.exitRequest != nil { stopped = true }
        }
        return outputs
    }

    private mutating func record(_ outputs: [Output]) -> [Output] {
        failures += outputs.count
        if strict && !outputs.isEmpty { stopped = true }
        return outputs
    }
}
