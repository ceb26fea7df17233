/// Everything that can go wrong while reading a `docker` command line. Turning these into
/// Docker's words happens in one place, `result`.
public enum DockerCLIError: Error, Equatable, Sendable {
    /// `docker foo`.
    case unknownCommand(String)
    /// `docker image foo`: a management command given an unknown subcommand.
    case unknownSubcommand(commandPath: String, word: String)
    /// A pflag error (`unknown flag: --foo`, `flag needs an argument: ...`), reported with
    /// the command's usage line.
    case flag(String, useLine: String, commandPath: String)
    /// Wrong number of positional arguments (docker/cli's `cli.ExactArgs` and friends).
    case argumentCount(ArgRule, useLine: String, commandPath: String)
    /// Any other message, printed as is, with its exit status.
    case message(String, status: Int32)
    /// A real Docker command (`docker volume`, `docker image save`) that Dockyard does not
    /// model: saying "not a docker command" would teach something false.
    case notSimulated(commandPath: String)

    /// The terminal text and exit status Docker CLI 28 produces for this error.
    public var result: CommandResult {
        switch self {
        case .unknownCommand(let name):
            return .failure("docker: '\(name)' is not a docker command.\nSee 'docker --help'\n")
        case .unknownSubcommand(let path, let word):
            return .failure("docker: unknown command: \(path) \(word)\n\nUsage:  \(path)\n\nRun '\(path) --help' for more information\n")
        case .flag(let message, let useLine, let path):
            return .failure("\(message)\n\nUsage:  \(useLine)\n\nRun '\(path) --help' for more information\n", status: 125)
        case .argumentCount(let rule, let useLine, let path):
            return .failure(Self.argumentCountText(rule, useLine: useLine, path: path) + "\n")
        case .message(let text, let status):
            return .failure(text.hasSuffix("\n") ? text : text + "\n", status: status)
        case .notSimulated(let path):
            return .failure("dockyard: \(path) is a real Docker command, but Dockyard does not simulate it\n"
                + "(it models images, builds and the build cache, registries and containers).\n"
                + "Type \"help\" to see what runs here.\n")
        }
    }

    private static func plural(_ n: Int) -> String { n == 1 ? "argument" : "arguments" }

    /// docker/cli 28's validator messages, including their inconsistencies (`See ... for
    /// more information` after a minimum, `SRun` after a maximum), which CLI 28 prints.
    private static func argumentCountText(_ rule: ArgRule, useLine: String, path: String) -> String {
        switch rule {
        case .none:
            return "docker: '\(path)' accepts no arguments\n\nUsage:  \(useLine)\n\nRun '\(path) --help' for more information"
        case .exact(let n):
            return "docker: '\(path)' requires \(n) \(plural(n))\n\nUsage:  \(useLine)\n\nRun '\(path) --help' for more information"
        case .min(let n):
            return "docker: '\(path)' requires at least \(n) \(plural(n))\n\nUsage:  \(useLine)\n\nSee '\(path) --help' for more information"
        case .max(let n):
            return "docker: '\(path)' requires at most \(n) \(plural(n))\n\nUsage:  \(useLine)\n\nSRun '\(path) --help' for more information"
        case .range(let lo, let hi):
            return "docker: '\(path)' requires at least \(lo) and at most \(hi) \(plural(hi))\n\nUsage:  \(useLine)\n\nRun '\(path) --help' for more information"
        }
    }
}
