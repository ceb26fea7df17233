/// What a `docker ...` line turned into: a command to run, or text to show at once (help,
/// version, or an error in Docker's words).
public enum ParsedCommandLine: Equatable, Sendable {
    case command(DockerCommand)
    case output(CommandResult)
}

/// Reads `docker` command lines the way docker/cli (cobra + pflag) does: global flags before
/// the command, management-command spellings, grouped short flags (`-it`, `-aq`),
/// `--flag=value`, `-tname`, `-t=name`, repeated flags, `--` to end flags, `-H=false`,
/// flags after positionals (except for `run`/`exec`, whose command follows the image),
/// `--help` anywhere, and Docker CLI 28's error messages.
public enum DockerParser {
    /// Parses the words after `docker`. `environment` holds variables set for this command
    /// (`DOCKER_BUILDKIT=0 docker build .`): `DOCKER_BUILDKIT` selects the builder.
    public static func parse(_ arguments: [String], environment: [String: String] = [:]) -> ParsedCommandLine {
        do {
            return try parseThrowing(arguments, environment: environment)
        } catch {
            return .output(error.result)
        }
    }

    /// Parses a whole line already split into words: leading `NAME=value` words become the
    /// environment (merged over `environment`), then `docker` must follow.
    public static func parseLine(words: [String], environment: [String: String] = [:]) -> ParsedCommandLine {
        var env = environment
        var rest = words[...]
        while let first = rest.first, let eq = first.firstIndex(of: "="), isEnvName(first[..<eq]) {
            env[String(first[..<eq])] = String(first[first.index(after: eq)...])
            rest = rest.dropFirst()
        }
        guard rest.first == "docker" else {
            let name = rest.first ?? ""
            return .output(.failure("\(name): command not found\n", status: 127))
        }
        return parse(Array(rest.dropFirst()), environment: env)
    }

    private static func isEnvName(_ s: Substring) -> Bool {
        guard let first = s.first, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    static let rootUseLine = "docker [OPTIONS] COMMAND [ARG...]"

    static let globalFlags: [FlagSpec] = [
        .string("config", nil, "Location of client config files", default: "/root/.docker"),
        .string("context", "c", "Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with \"docker context use\")"),
        .bool("debug", "D", "Enable debug mode"),
        .list("host", "H", "Daemon socket to connect to"),
        .string("log-level", "l", "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")", default: "info"),
        .bool("version", "v", "Print version information and quit"),
        FlagSpec("help", short: "h", kind: .bool, usage: "Print usage", hidden: true),
    ]

    static func parseThrowing(_ arguments: [String], environment: [String: String]) throws(DockerCLIError) -> ParsedCommandLine {
        // Global flags stop at the first non-flag word (pflag with interspersed off).
        var global = FlagParser(flags: globalFlags, interspersed: false, useLine: rootUseLine, commandPath: "docker")
        let (globals, rest) = try global.parse(arguments)
        if globals.bool("help") { return .output(.ok(Usage.rootHelp())) }
        if globals.bool("version") { return .output(.ok("Docker version 28.5.2, build ecc6942\n")) }
        guard let first = rest.first else {
            // Plain `docker` prints its help (to stderr, exit 0).
            return .output(CommandResult(stderr: Usage.rootHelp()))
        }

        if first == "help" {
            return .output(try help(for: Array(rest.dropFirst()), environment: environment))
        }

        if let group = CommandTable.groups.first(where: { $0.name == first }),
           !rest.dropFirst().contains(where: { !$0.hasPrefix("-") }) {
            // A management command without a subcommand: its help (stderr when bare).
            var groupFlags = FlagParser(flags: [FlagSpec("help", short: "h", kind: .bool, usage: "Print usage", hidden: true)],
                                        interspersed: true, useLine: "docker \(group.name)", commandPath: "docker \(group.name)")
            let (flags, _) = try groupFlags.parse(Array(rest.dropFirst()))
            let text = Usage.groupHelp(group)
            return .output(flags.bool("help") ? .ok(text) : CommandResult(stderr: text))
        }

        let (spec, path, args) = try resolve(rest, environment: environment)
        var parser = FlagParser(flags: spec.flags + [FlagSpec("help", short: "h", kind: .bool, usage: "Print usage", hidden: true)],
                                interspersed: spec.interspersed, useLine: useLine(spec, path), commandPath: commandPath(path))
        let (flags, positionals) = try parser.parse(args)
        if flags.bool("help") {
            let warning = parser.usedDeprecatedHelpShorthand ? "Flag shorthand -h has been deprecated, use --help\n" : ""
            return .output(CommandResult(stdout: Usage.help(for: spec, path: path), stderr: warning))
        }
        do {
            try check(spec.args, count: positionals.count, spec: spec, path: path)
        } catch {
            // buildx prints errors that are not status errors behind `ERROR: `.
            if path == ["buildx", "build"] {
                throw .message("ERROR: " + error.result.stderr, status: 1)
            }
            throw error
        }
        return .command(try spec.make(flags, positionals, ParseContext(environment: environment, commandPath: commandPath(path))))
    }

    /// The known command closest to a mistyped one (edit distance at most 2), for the REPL's
    /// "did you mean" hint; Docker itself prints no suggestion.
    public static func closestCommand(to word: String) -> String? {
        var names = Set(CommandTable.routes.keys.compactMap { $0.count == 1 ? $0[0] : nil })
        names.formUnion(CommandTable.groups.map(\.name))
        names.insert("build")
        let scored = names.map { ($0, editDistance(word.lowercased(), $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }

    static func commandPath(_ path: [String]) -> String { (["docker"] + path).joined(separator: " ") }

    static func useLine(_ spec: CommandSpec, _ path: [String]) -> String {
        spec.usage.isEmpty ? commandPath(path) : commandPath(path) + " " + spec.usage
    }

    /// `DOCKER_BUILDKIT`, read with Go's `strconv.ParseBool`.
    static func builder(environment: [String: String]) throws(DockerCLIError) -> BuilderKind {
        guard let raw = environment["DOCKER_BUILDKIT"] else { return .buildKit }
        switch raw {
        case "1", "t", "T", "TRUE", "true", "True": return .buildKit
        case "0", "f", "F", "FALSE", "false", "False": return .classic
        default:
            throw .message("DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing \"\(raw)\": invalid syntax", status: 1)
        }
    }

    /// Finds the command a word list names, returning its spec, the path as the user typed
    /// it (used in messages) and the remaining words.
    static func resolve(_ words: [String], environment: [String: String]) throws(DockerCLIError) -> (CommandSpec, [String], [String]) {
        guard let first = words.first else { throw .unknownCommand("") }
        if first.hasPrefix("-") { throw .unknownCommand(first) }
        if CommandTable.unsimulatedCommands.contains(first) { throw .notSimulated(commandPath: "docker \(first)") }
        let isGroup = CommandTable.groups.contains { $0.name == first } || first == "buildx"
        var path = [first]
        var rest = Array(words.dropFirst())
        if isGroup {
            // cobra finds the subcommand as the first non-flag word.
            guard let idx = rest.firstIndex(where: { !$0.hasPrefix("-") }) else {
                // Flags only: the group's help was printed before resolving.
                throw .unknownCommand(first)
            }
            path.append(rest[idx])
            rest.remove(at: idx)
        }
        if CommandTable.buildPaths.contains(path) {
            let kind = try builder(environment: environment)
            // With BuildKit, `docker build` is the buildx plugin's `docker buildx build`,
            // which is the path its messages name.
            if kind == .buildKit { return (CommandTable.buildKitBuild, ["buildx", "build"], rest) }
            return (CommandTable.classicBuild, path == ["buildx", "build"] || path == ["buildx", "b"] ? ["build"] : path, rest)
        }
        if let spec = CommandTable.routes[path] { return (spec, path, rest) }
        if isGroup, CommandTable.unsimulatedSubcommands[first]?.contains(path[1]) == true {
            throw .notSimulated(commandPath: commandPath(path))
        }
        if isGroup { throw .unknownSubcommand(commandPath: "docker \(first)", word: path[1]) }
        throw .unknownCommand(first)
    }

    static func check(_ rule: ArgRule, count: Int, spec: CommandSpec, path: [String]) throws(DockerCLIError) {
        let ok: Bool
        switch rule {
        case .none: ok = count == 0
        case .exact(let n): ok = count == n
        case .min(let n): ok = count >= n
        case .max(let n): ok = count <= n
        case .range(let lo, let hi): ok = count >= lo && count <= hi
        }
        if !ok { throw .argumentCount(rule, useLine: useLine(spec, path), commandPath: commandPath(path)) }
    }

    /// `docker help [COMMAND...]`.
    static func help(for words: [String], environment: [String: String]) throws(DockerCLIError) -> CommandResult {
        if words.isEmpty { return .ok(Usage.rootHelp()) }
        if words.count == 1, let group = CommandTable.groups.first(where: { $0.name == words[0] }) {
            return .ok(Usage.groupHelp(group))
        }
        do {
            let (spec, path, rest) = try resolve(words, environment: environment)
            if !rest.isEmpty { throw DockerCLIError.unknownCommand(rest[0]) }
            return .ok(Usage.help(for: spec, path: path))
        } catch DockerCLIError.notSimulated(let path) {
            return DockerCLIError.notSimulated(commandPath: path).result
        } catch {
            return .failure("unknown help topic: \(words.joined(separator: " "))\n")
        }
    }
}
