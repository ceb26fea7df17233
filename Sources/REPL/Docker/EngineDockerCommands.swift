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
            let host = HostContext(
                workspace: session.workspace, cwd: session.cwd,
                terminalWidth: session.terminal.width, isTerminal: session.terminal.isTerminal,
                stdin: invocation.stdin, environment: invocation.environment)
            session.engine.clock = session.clock
            let before = session.engine
            var result = executor.run(command, engine: &session.engine, host: host)
            session.clock = session.engine.clock
            if case .build = command {
                session.appendTeaching(to: &result, before: before)
            }
            return result
        }
    }
}
