import Dockerfile
import Engine

// Questions Docker asks mid-command (a prune's `[y/N]`, login's prompts) and their answers.
extension DockerExecutor {
    /// Continues a command that asked `request`, with the line typed in answer; nil means
    /// the question was interrupted (Ctrl-C) or input ended.
    public func answer(_ reply: String?, to request: InputRequest, engine: inout EngineState, host: HostContext) -> CommandResult {
        switch request.continuation {
        case .confirm(let command):
            // prompt.Confirm: only `y` or `Y` (blanks trimmed) says yes. Anything else
            // cancels, which the CLI ends quietly with status 0.
            guard let reply, reply.trimmingSpaces().lowercased() == "y" else { return CommandResult() }
            return run(command.confirmed, engine: &engine, host: host)
        case .login(let conversation):
            return continueLogin(conversation, reply: reply, engine: &engine)
        }
    }

    /// How a prune without `-f` gets its answer. `prompt` is Docker's warning and question
    /// (`WARNING! … [y/N] `). Piped input answers at once (`echo y | docker image prune`,
    /// the answer not echoed, as with a real pipe); a terminal gets the question; a script
    /// with nothing to read gets N, as Docker reading a closed stdin would, plus a note.
    /// Returns nil when the answer is yes and the command should go on, with `prefix` the
    /// text to print before its output.
    func confirmation(_ prompt: String, for command: DockerCommand, host: HostContext) -> (result: CommandResult?, prefix: String) {
        if let piped = host.stdin {
            let answer = piped.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return answer.trimmingSpaces().lowercased() == "y" ? (nil, prompt) : (CommandResult(stdout: prompt), "")
        }
        if host.stdinIsTerminal {
            // The warning lines print as output; the last line is the question's prompt.
            let split = prompt.lastIndex(of: "\n").map { prompt.index(after: $0) } ?? prompt.startIndex
            let request = InputRequest(prompt: String(prompt[split...]), continuation: .confirm(command))
            return (.asking(request, stdout: String(prompt[..<split])), "")
        }
        return (CommandResult(stdout: prompt + "\n", stderr: "dockyard: no answer can be typed here, so the answer is N and nothing was removed (use -f, or pipe it: echo y | docker …)\n"), "")
    }
}

extension DockerCommand {
    /// The same command as if `-f` had been given (what a `y` answer runs).
    var confirmed: DockerCommand {
        switch self {
        case .imagePrune(var o): o.force = true; return .imagePrune(o)
        case .builderPrune(var o): o.force = true; return .builderPrune(o)
        case .containerPrune(var o): o.force = true; return .containerPrune(o)
        case .systemPrune(var o): o.force = true; return .systemPrune(o)
        default: return self
        }
    }
}
