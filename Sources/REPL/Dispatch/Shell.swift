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

    public init(
        session: Session = Session(),
        docker: any DockerCommandHandler = EngineDockerCommands(),
        dockerfile: any DockerfileSnippetHandler = PendingDockerfileSnippets(),
        editor: (any ExternalEditor)? = nil,
        catalog: CommandCatalog = .standard
    ) {
        self.session = session
        self.handlers = Shell.defaultHandlers
        self.dockerfile = dockerfile
        self.services = ShellServices(catalog: catalog, editor: editor, docker: docker)
    }

    /// Built-ins, the teaching commands (which also run watch mode), then `docker ...`, then
    /// workspace commands. A lesson handler goes in front of `DockerDispatchHandler` (index 2)
    /// or before everything.
    public static var defaultHandlers: [any CommandHandler] {
        [BuiltinHandler(), TeachingHandler(), DockerDispatchHandler(), WorkspaceHandler()]
    }

    /// Runs one entry and records it in the session history.
    public mutating func run(_ entry: InputEntry) -> CommandResult {
        switch entry.kind {
        case .invalid(let message):
            return .failure("dockyard: \(message)\n", status: 2)
        case .dockerfile:
            session.history.append(entry.source)
            return dockerfile.run(snippet: entry.text, line: entry.line, session: &session)
        case .command:
            session.history.append(entry.source)
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
        var words = services.catalog.names.filter { $0 != "dockerfile" }
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
