import DockerCLI
import Engine

/// Runs complete input entries against a session and returns what each printed. No terminal
/// I/O happens here: the interactive loop, script mode and the transcript tests are thin
/// layers over `run(_:)`.
public struct Shell {
    public var session: Session
    /// The dispatch chain, tried in order; the first non-nil answer wins. Lines no handler
    /// takes get "command not found" with a suggestion.
    public var handlers: [any CommandHandler]
    /// Where Dockerfile lines go.
    public var dockerfile: any DockerfileSnippetHandler
    public var services: ShellServices
    /// Run after every entry, in order (the lesson auto-check); what they return is added to
    /// the entry's output.
    public var entryHooks: [any EntryHook] = []
    /// Earlier sessions for `undo` (newest last) with the command that changed each, and the
    /// undone ones for `redo`. Only commands that change the session push an entry.
    public private(set) var undoStack: [(session: Session, command: String)] = []
    public private(set) var redoStack: [(session: Session, command: String)] = []
    /// How many steps `undo` can go back.
    public static let undoLimit = 100

    public init(
        session: Session = Session(),
        docker: any DockerCommandHandler = EngineDockerCommands(),
        dockerfile: any DockerfileSnippetHandler = DockerfileSnippets(),
        editor: (any ExternalEditor)? = nil,
        catalog: CommandCatalog = .standard
    ) {
        self.session = session
        self.handlers = Shell.defaultHandlers
        self.dockerfile = dockerfile
        self.services = ShellServices(catalog: catalog, editor: editor, docker: docker)
    }

    /// Built-ins, the teaching commands (which also run watch mode), then `docker ...`, then
    /// `curl` to published ports, then workspace commands, then `dockerfile`. A lesson
    /// handler goes in front of `DockerDispatchHandler` (index 2) or before everything.
    public static var defaultHandlers: [any CommandHandler] {
        [BuiltinHandler(), TeachingHandler(), DockerDispatchHandler(), CurlHandler(), WorkspaceHandler(), DockerfileCommandHandler()]
    }

    /// Runs one entry and records it in the session history. `undo` and `redo` step the
    /// whole session (workspace, engine) back and forth; any other entry that changes the
    /// session can be undone.
    public mutating func run(_ entry: InputEntry) -> CommandResult {
        // History is recorded here, before the undo snapshot is taken, and snapshots are kept
        // without it (`restore` keeps the live history anyway): a snapshot sharing the
        // history array would make every later append copy the whole array.
        if case .invalid = entry.kind {} else { session.history.append(entry.source) }
        if entry.kind == .command, let word = Shell.undoWord(entry.text) {
            let result = word == "undo" ? undo() : redo()
            // The lesson check runs on the restored session and may set the next step up
            // (writing its files over the learner's): that change can be undone in turn.
            var restored = session
            let checked = afterEntry(entry, result)
            restored.history = []
            recordUndo(before: restored, command: "the lesson step set up after \(word)")
            return checked
        }
        var before = session
        var result = dispatch(entry)
        // A command waiting for an answer is not finished: lesson checks run after the answer.
        if session.question == nil { result = afterEntry(entry, result) }
        before.history = []
        recordUndo(before: before, command: entry.source)
        return result
    }

    /// Gives the pending question its answer (nil: Ctrl-C or end of input). The line is not
    /// history: it may be a password. Once the command finishes it can be undone like any
    /// other, under the command line that asked.
    public mutating func answer(_ reply: String?) -> CommandResult {
        guard let question = session.question else { return CommandResult() }
        var before = session
        before.question = nil
        var result = services.docker.answer(reply, to: question, session: &session)
        if session.question == nil {
            let entry = InputEntry(kind: .command, text: question.command, line: 0, source: question.command)
            result = afterEntry(entry, result)
        }
        before.history = []
        recordUndo(before: before, command: question.command)
        return result
    }

    /// Pushes `before` on the undo stack when the session changed since.
    mutating func recordUndo(before: Session, command: String) {
        guard Shell.changed(from: before, to: session) else { return }
        undoStack.append((before, Shell.summary(command)))
        if undoStack.count > Shell.undoLimit { undoStack.removeFirst(undoStack.count - Shell.undoLimit) }
        redoStack.removeAll()
    }

    mutating func afterEntry(_ entry: InputEntry, _ result: CommandResult) -> CommandResult {
        var result = result
        for hook in entryHooks {
            // After everything the command printed, on whichever stream.
            if let extra = hook.afterEntry(entry, result: result, session: &session, services: services) { result.append(extra) }
        }
        return result
    }

    /// Where a lesson is (`3.2`), shown in the prompt; nil outside lessons.
    public var promptLabel: String? {
        entryHooks.lazy.compactMap(\.promptLabel).first
    }

    /// One line naming an entry for `Undone:`/`Redone:` (a paste shows its first line).
    static func summary(_ source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1, let first = lines.first else { return source }
        return "\(first) ... (\(lines.count) lines)"
    }

    /// `undo` / `redo` typed alone (with blanks around), or nil.
    static func undoWord(_ text: String) -> String? {
        let word = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard word.count == 1, word[0] == "undo" || word[0] == "redo" else { return nil }
        return String(word[0])
    }

    /// Whether a command changed what undo restores: the workspace, the directory, the engine
    /// (its clock aside: the front end moves it to the wall clock before every command).
    static func changed(from a: Session, to b: Session) -> Bool {
        if a.cwd != b.cwd || a.workspace != b.workspace || a.modified != b.modified { return true }
        var engine = a.engine
        engine.clock = b.engine.clock
        return engine != b.engine
    }

    /// Puts `snapshot` in place, keeping what is not undone: the typed history, the terminal
    /// and pending exit/clear requests.
    mutating func restore(_ snapshot: Session) {
        var restored = snapshot
        restored.history = session.history
        restored.terminal = session.terminal
        restored.exitRequest = session.exitRequest
        restored.clearRequested = session.clearRequested
        session = restored
    }

    mutating func undo() -> CommandResult {
        guard let (snapshot, command) = undoStack.popLast() else {
            return .failure("dockyard: nothing to undo\n")
        }
        redoStack.append((session, command))
        restore(snapshot)
        return .ok("Undone: \(command)\n")
    }

    mutating func redo() -> CommandResult {
        guard let (snapshot, command) = redoStack.popLast() else {
            return .failure("dockyard: nothing to redo\n")
        }
        undoStack.append((session, command))
        restore(snapshot)
        return .ok("Redone: \(command)\n")
    }

    mutating func dispatch(_ entry: InputEntry) -> CommandResult {
        // Inside a container shell every line belongs to that shell.
        if session.attachedContainer != nil {
            return ContainerShellHandler.run(entry, session: &session)
        }
        switch entry.kind {
        case .invalid(let message):
            return .failure("dockyard: \(message)\n", status: 2)
        case .dockerfile:
            return dockerfile.run(snippet: entry.text, line: entry.line, session: &session)
        case .command:
            let command = ParsedCommand(entry: entry, session: session)
            for handler in handlers {
                if let result = handler.handle(command, session: &session, services: services) { return result }
            }
            return notFound(command)
        }
    }

    /// Runs a single-line command (tests and the benchmark).
    public mutating func run(line: String) -> CommandResult {
        run(InputEntry(kind: .command, text: line, line: 1, source: line))
    }

    /// Every first word the REPL understands (for "did you mean" and completion).
    public var knownCommandWords: [String] {
        var words = services.catalog.names.filter { $0 != CommandCatalog.instructionEntry }
        words += InputAssembler.dockerfileKeywords.sorted()
        return words
    }

    func notFound(_ command: ParsedCommand) -> CommandResult {
        if case .failure(let error) = command.tokens {
            return .failure("dockyard: \(error.message)\n", status: 2)
        }
        guard let name = command.name else {
            // Only assignments (`A=1`): a shell would set a variable; we have none.
            return .failure("dockyard: setting variables is not supported (prefix a docker command instead: DOCKER_BUILDKIT=0 docker build .)\n")
        }
        var message = "dockyard: command not found: \(name)\n"
        if let near = Suggestion.nearest(to: name, in: knownCommandWords) {
            let suggestionWord = name == name.uppercased() && near == near.lowercased() ? near : (name == name.lowercased() ? near.lowercased() : near)
            let rest = command.entry.text.drop(while: { $0 == " " || $0 == "\t" }).drop(while: { $0 != " " && $0 != "\t" })
            message += "did you mean \"\(suggestionWord)\(rest)\"?\n"
        } else {
            message += "Type \"help\" to see the commands.\n"
        }
        return .failure(message, status: 127)
    }
}
