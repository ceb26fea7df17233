import DockerCLI

/// A command line after quoting, as handlers see it.
public struct ParsedCommand: Sendable {
    /// The entry this came from (its `text` is the logical line).
    public var entry: InputEntry
    /// The words and operators, or why the line could not be split.
    public var tokens: Result<[ShellToken], ShellSyntaxError>
    /// The first word as typed (before quote removal), for cheap dispatch.
    public var firstWord: String
    /// Leading `NAME=VALUE` words (`DOCKER_BUILDKIT=0 docker build .`), in order.
    public var assignments: [(name: String, value: String)]
    /// The words after the assignments, without redirections and heredoc operators.
    public var arguments: [String]

    public init(entry: InputEntry, session: Session) {
        self.entry = entry
        self.firstWord = String(entry.text.drop(while: { $0 == " " || $0 == "\t" }).prefix(while: { $0 != " " && $0 != "\t" }))
        self.tokens = ShellWords.split(entry.text, variables: { session.variable($0) })
        var assignments: [(String, String)] = []
        var arguments: [String] = []
        if case .success(let tokens) = tokens {
            var skipNext = false
            for token in tokens {
                if skipNext { skipNext = false; continue }
                switch token {
                case .word(let w):
                    if arguments.isEmpty, let eq = w.firstIndex(of: "="), ShellWords.isName(String(w[..<eq])) {
                        assignments.append((String(w[..<eq]), String(w[w.index(after: eq)...])))
                    } else {
                        arguments.append(w)
                    }
                case .redirectOut: skipNext = true
                case .heredoc: break
                }
            }
        }
        self.assignments = assignments
        self.arguments = arguments
    }

    /// The command name (first argument after assignments), if any.
    public var name: String? { arguments.first }

    /// The word that selects a handler: the command name, or (when the line could not be
    /// split into words) the first word up to an operator, so the right command reports the
    /// syntax error.
    public var commandWord: String {
        if let name { return name }
        return String(firstWord.prefix(while: { !"<>|;&'\"".contains($0) }))
    }
}

/// What handlers may use besides the session: the command catalog (for `help`) and the
/// external editor (for `edit`; nil when there is no terminal).
public struct ShellServices {
    public var catalog: CommandCatalog
    public var editor: (any ExternalEditor)?
    public var docker: any DockerCommandHandler

    public init(catalog: CommandCatalog, editor: (any ExternalEditor)?, docker: any DockerCommandHandler) {
        self.catalog = catalog
        self.editor = editor
        self.docker = docker
    }
}

/// One link of the dispatch chain. Return nil to pass the line on to the next handler.
///
/// The default chain is `BuiltinHandler`, `DockerDispatchHandler`, `WorkspaceHandler`;
/// a lesson runner inserts its own handler in front of (or after) the built-ins.
public protocol CommandHandler {
    func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult?
}

/// Runs after every entry the shell runs (the lesson auto-check), and may add output.
public protocol EntryHook {
    func afterEntry(_ entry: InputEntry, result: CommandResult, session: inout Session, services: ShellServices) -> CommandResult?
    /// A label for the prompt (`3.2` makes `dockyard[3.2]:/app> `), or nil.
    var promptLabel: String? { get }
}

/// A `docker ...` line, as the Docker command table receives it.
public struct DockerInvocation: Equatable, Sendable {
    /// The arguments after `docker` (`["build", "-t", "app", "."]`).
    public var arguments: [String]
    /// Variables set in front of the command (`DOCKER_BUILDKIT=0`).
    public var environment: [String: String]
    /// The line as typed.
    public var source: String
    /// Standard input (a heredoc on the line, or piped from `echo`/`cat`); nil when none.
    public var stdin: String?

    public init(arguments: [String], environment: [String: String] = [:], source: String = "", stdin: String? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.source = source
        self.stdin = stdin
    }
}

/// Runs `docker ...` lines. The Docker work implements this over the engine; until then
/// `PendingDockerCommands` answers.
public protocol DockerCommandHandler {
    func run(_ invocation: DockerInvocation, session: inout Session) -> CommandResult
    /// Continues the command that asked `question` with the line typed (nil: interrupted),
    /// setting or clearing `session.question`.
    func answer(_ reply: String?, to question: PendingQuestion, session: inout Session) -> CommandResult
}

extension DockerCommandHandler {
    /// Handlers whose commands never ask drop the question.
    public func answer(_ reply: String?, to question: PendingQuestion, session: inout Session) -> CommandResult {
        session.question = nil
        return CommandResult()
    }
}

/// Runs Dockerfile lines typed or pasted at the prompt (one instruction, or a whole pasted
/// Dockerfile, raw). The snippet builder implements this; until then
/// `PendingDockerfileSnippets` answers.
public protocol DockerfileSnippetHandler {
    func run(snippet: String, line: Int, session: inout Session) -> CommandResult
}

/// Opens an editor on a file's bytes and returns the edited bytes, or an error message.
public protocol ExternalEditor {
    func edit(name: String, contents: [UInt8]) -> Result<[UInt8], EditorError>
}

/// Why `edit` could not run the editor.
public struct EditorError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Routes `docker ...` lines (optionally prefixed by `NAME=VALUE` words) to the Docker
/// command handler.
public struct DockerDispatchHandler: CommandHandler {
    public init() {}

    public func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        if let piped = runPipe(command, session: &session, services: services) { return piped }
        return run(command, stdin: nil, session: &session, services: services)
    }

    private func run(_ command: ParsedCommand, stdin piped: String?, session: inout Session, services: ShellServices) -> CommandResult? {
        let first = command.firstWord
        guard first == "docker" || first.contains("=") || command.name == "docker" else { return nil }
        if case .failure(let error) = command.tokens {
            guard first == "docker" else { return nil }
            return .failure("dockyard: \(error.message)\n", status: 2)
        }
        guard command.name == "docker" else { return nil }
        if case .success(let tokens) = command.tokens, tokens.contains(where: { if case .redirectOut = $0 { return true } else { return false } }) {
            return .failure("dockyard: redirecting the output of docker commands is not supported\n", status: 2)
        }
        var stdin = piped
        switch DockerStdin.heredoc(command, session: session) {
        case .failure(let error): return .failure("dockyard: \(error.message)\n", status: 2)
        case .success(let text): if let text { stdin = text }
        }
        var environment: [String: String] = [:]
        for (name, value) in command.assignments { environment[name] = value }
        let invocation = DockerInvocation(arguments: Array(command.arguments.dropFirst()), environment: environment, source: command.entry.source, stdin: stdin)
        return services.docker.run(invocation, session: &session)
    }

    /// `echo secret | docker login -u me --password-stdin` and `cat FILE | docker …`: the
    /// workspace command's output becomes docker's stdin (its errors are shown, as a shell
    /// would, and docker still runs). Nil when the line is not a pipe into docker.
    private func runPipe(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        guard case .failure = command.tokens, let (left, right) = DockerStdin.splitPipe(command.entry.text) else { return nil }
        let entry = command.entry
        let docker = ParsedCommand(entry: InputEntry(kind: .command, text: right, line: entry.line, source: entry.source), session: session)
        guard docker.name == "docker" || docker.firstWord == "docker" else { return nil }
        let producer = ParsedCommand(entry: InputEntry(kind: .command, text: left, line: entry.line, source: entry.source), session: session)
        guard producer.name == "echo" || producer.name == "cat", case .success(let tokens) = producer.tokens,
              tokens.allSatisfy({ if case .word = $0 { return true } else { return false } }) else {
            return .failure("dockyard: only `echo TEXT | docker …` and `cat FILE | docker …` pipes are supported (for docker login, -p PASSWORD works too)\n", status: 2)
        }
        var scratch = session
        let produced = WorkspaceHandler().handle(producer, session: &scratch, services: services) ?? CommandResult()
        guard var result = run(docker, stdin: produced.stdout, session: &session, services: services) else { return nil }
        result.prepend(produced.stderr, toStderr: true)
        return result
    }
}

/// The answer to `docker ...` until the Docker commands land: known subcommands say they are
/// not available yet; unknown ones get Docker's own error.
public struct PendingDockerCommands: DockerCommandHandler {
    public init() {}

    public func run(_ invocation: DockerInvocation, session: inout Session) -> CommandResult {
        guard let sub = invocation.arguments.first, !sub.hasPrefix("-") else {
            if invocation.arguments.first == "--version" || invocation.arguments.first == "-v" {
                return .failure("dockyard: docker --version is not available yet (the simulated Docker engine comes in a later version)\n")
            }
            return .failure("dockyard: docker commands are not available yet (the simulated Docker engine comes in a later version)\n")
        }
        guard DockerCommandTable.standard.command(named: sub) != nil else {
            return .failure("docker: unknown command: docker \(sub)\n\nRun 'docker --help' for more information\n")
        }
        return .failure("dockyard: docker \(sub) is not available yet (the simulated Docker engine comes in a later version)\n")
    }
}

/// The answer to Dockerfile lines until the snippet builder lands.
public struct PendingDockerfileSnippets: DockerfileSnippetHandler {
    public init() {}

    public func run(snippet: String, line: Int, session: inout Session) -> CommandResult {
        let keyword = snippet.drop(while: { $0 == " " || $0 == "\t" }).prefix(while: { $0 != " " && $0 != "\t" && $0 != "\n" })
        let count = snippet.split(separator: "\n").filter { InputAssembler.isDockerfileLine($0.drop(while: { $0 == " " || $0 == "\t" })) }.count
        let what = count > 1 ? "a Dockerfile of \(count) instructions" : "the \(keyword.uppercased()) instruction"
        return .failure("dockyard: Dockerfile lines are not available yet: \(what) was not run (the Dockerfile snippet builder comes in a later version); write a file with cat > Dockerfile <<EOF instead\n")
    }
}
