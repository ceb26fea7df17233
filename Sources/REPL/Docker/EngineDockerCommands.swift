import DockerCLI
import Engine

/// Runs `docker ...` lines against the session's engine: parses them as the Docker CLI does,
/// executes them with `DockerExecutor`, and keeps the engine's clock in step with the
/// session's.
public struct EngineDockerCommands: DockerCommandHandler {
    public var executor: DockerExecutor

    public init(executor: DockerExecutor = DockerExecutor()) {
        self.executor = executor
    }

    public func run(_ invocation: DockerInvocation, session: inout Session) -> CommandResult {
        switch DockerParser.parse(invocation.arguments, environment: invocation.environment) {
        case .output(let result):
            return result
        case .command(let command):
            let host = session.hostContext(stdin: invocation.stdin, environment: invocation.environment)
            session.engine.clock = session.clock
            let before = session.engine
            var result = executor.run(command, engine: &session.engine, host: host)
            session.clock = session.engine.clock
            // `docker cp` out of a container writes into the workspace.
            if let workspace = result.workspace { session.workspace = workspace }
            if case .build = command {
                session.appendTeaching(to: &result, before: before)
            }
            session.question = result.question.map { PendingQuestion(request: $0, command: invocation.source) }
            return result
        }
    }

    public func answer(_ reply: String?, to question: PendingQuestion, session: inout Session) -> CommandResult {
        let host = session.hostContext()
        session.engine.clock = session.clock
        let result = executor.answer(reply, to: question.request, engine: &session.engine, host: host)
        session.clock = session.engine.clock
        session.question = result.question.map { PendingQuestion(request: $0, command: question.command) }
        return result
    }
}

extension Session {
    /// What a docker command learns about the host: the workspace, the directory, the
    /// terminal, and its standard input (piped text, or the terminal when there is none).
    func hostContext(stdin: String? = nil, environment: [String: String] = [:]) -> HostContext {
        HostContext(workspace: workspace, cwd: cwd, terminalWidth: terminal.width, isTerminal: terminal.isTerminal,
                    stdin: stdin, environment: environment, stdinIsTerminal: terminal.stdinIsTerminal)
    }
}
