import DockerCLI
import Dockerfile

/// Session commands: `help`, `history`, `clear`, `exit`/`quit`, and the lesson commands'
/// placeholder until lessons land.
public struct BuiltinHandler: CommandHandler {
    public init() {}

    public func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        let word = command.commandWord
        guard ["help", "history", "clear", "exit", "quit", "lessons", "lesson"].contains(word) else { return nil }
        let args: [String]
        switch command.tokens {
        case .failure(let error): return .failure("dockyard: \(error.message)\n", status: 2)
        case .success: args = Array(command.arguments.dropFirst())
        }
        switch word {
        case "help": return help(args, services: services)
        case "history": return history(args, session: session)
        case "clear":
            session.clearRequested = true
            return .ok()
        case "exit", "quit":
            guard args.count <= 1 else { return .failure("\(word): too many arguments\n") }
            if let arg = args.first {
                guard let status = Int32(arg), (0...255).contains(status) else {
                    return .failure("\(word): \(arg): numeric argument required\n", status: 2)
                }
                session.exitRequest = status
            } else {
                session.exitRequest = 0
            }
            return .ok()
        default:
            return .failure("dockyard: lessons are not available yet (they come in a later version of Dockyard)\n")
        }
    }

    func history(_ args: [String], session: Session) -> CommandResult {
        var entries = Array(session.history.enumerated())
        if let arg = args.first {
            guard args.count == 1, let n = Int(arg), n >= 0 else {
                return .failure("history: \(args.joined(separator: " ")): numeric argument required\n", status: 2)
            }
            entries = Array(entries.suffix(n))
        }
        var out = ""
        for (i, line) in entries {
            let number = String(i + 1)
            out += String(repeating: " ", count: max(0, 5 - number.count)) + number + "  " + line + "\n"
        }
        return .ok(out)
    }

    func help(_ args: [String], services: ShellServices) -> CommandResult {
        let catalog = services.catalog
        guard let topic = args.first else {
            var out = "Dockyard commands (help COMMAND for more):\n"
            let width = (catalog.entries.map(\.usage.count).max() ?? 0) + 2
            for group in catalog.groups {
                let entries = catalog.entries.filter { $0.group == group }
                if entries.isEmpty { continue }
                out += "\n\(group):\n"
                for e in entries {
                    out += "  " + e.usage + String(repeating: " ", count: max(1, width - e.usage.count)) + e.summary + "\n"
                }
            }
            return .ok(out)
        }
        if topic == "docker" {
            if args.count > 1 {
                let sub = args[1]
                guard let c = DockerCommandTable.standard.command(named: sub) else {
                    return .failure("help: no help for 'docker \(sub)': docker has no such command\n")
                }
                var out = "docker \(c.name): \(c.summary)\n"
                if !c.subcommands.isEmpty { out += "commands: \(c.subcommands.joined(separator: ", "))\n" }
                if !c.flags.isEmpty { out += "flags: \(c.flags.joined(separator: " "))\n" }
                return .ok(out)
            }
            var out = "usage: docker COMMAND [ARG...]\n\n"
            let width = (DockerCommandTable.standard.commands.map(\.name.count).max() ?? 0) + 2
            for c in DockerCommandTable.standard.commands {
                out += "  " + c.name + String(repeating: " ", count: width - c.name.count) + c.summary + "\n"
            }
            return .ok(out)
        }
        if topic.lowercased() == "dockerfile" {
            var overview = InstructionHelp.overview
            if topic == "dockerfile", let e = catalog.entry(named: "dockerfile") {
                // The command first, then the instructions it edits.
                let details = e.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
                overview = "usage: \(e.usage)\n  \(e.summary)\n\(details)\n\n" + overview
            }
            if overview.isEmpty {
                let keywords = InputAssembler.dockerfileKeywords.sorted().joined(separator: " ")
                return .ok("Dockerfile instructions: \(keywords)\n(descriptions are not available yet)\n")
            }
            return .ok(overview.hasSuffix("\n") ? overview : overview + "\n")
        }
        if InputAssembler.dockerfileKeywords.contains(topic.uppercased()) {
            guard let text = InstructionHelp.text(for: topic), !text.isEmpty else {
                return .ok("\(topic.uppercased()): a Dockerfile instruction (its description is not available yet)\n")
            }
            return .ok(text.hasSuffix("\n") ? text : text + "\n")
        }
        guard let e = catalog.entry(named: topic) else {
            var message = "help: no help for '\(topic)'\n"
            if let near = Suggestion.nearest(to: topic, in: catalog.names) {
                message += "did you mean \"help \(near)\"?\n"
            }
            return .failure(message)
        }
        var out = "usage: \(e.usage)\n  \(e.summary)\n"
        if !e.details.isEmpty {
            out += e.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return .ok(out)
    }
}
