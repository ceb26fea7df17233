/// The description of one flag, as pflag knows it: enough to parse it and to print its
/// line in `--help`.
public struct FlagSpec: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A boolean switch: `--all`, `-a`, `--all=false`, `-a=false`.
        case bool
        /// Takes a value; repeated uses keep the last one.
        case value
        /// Takes a value; repeated uses accumulate (`-t a -t b`).
        case repeated
    }

    public var name: String
    public var short: Character?
    public var kind: Kind
    /// The type word pflag prints after the flag in help (`string`, `list`, `stringArray`).
    public var typeName: String
    public var usage: String
    /// Printed as `(default ...)` in help when not the zero value.
    public var defaultText: String?
    /// Hidden flags parse but are not listed in help.
    public var hidden: Bool

    public init(_ name: String, short: Character? = nil, kind: Kind, typeName: String = "", usage: String,
                defaultText: String? = nil, hidden: Bool = false) {
        self.name = name
        self.short = short
        self.kind = kind
        self.typeName = typeName
        self.usage = usage
        self.defaultText = defaultText
        self.hidden = hidden
    }

    static func bool(_ name: String, _ short: Character? = nil, _ usage: String, default def: String? = nil) -> FlagSpec {
        FlagSpec(name, short: short, kind: .bool, usage: usage, defaultText: def)
    }

    static func string(_ name: String, _ short: Character? = nil, _ usage: String, type: String = "string", default def: String? = nil) -> FlagSpec {
        FlagSpec(name, short: short, kind: .value, typeName: type, usage: usage, defaultText: def)
    }

    static func list(_ name: String, _ short: Character? = nil, _ usage: String, type: String = "list") -> FlagSpec {
        FlagSpec(name, short: short, kind: .repeated, typeName: type, usage: usage)
    }

    /// pflag's `-t, --tag` spelling used in `invalid argument` errors.
    var displayName: String {
        if let short { return "-\(short), --\(name)" }
        return "--\(name)"
    }
}

/// How many positional arguments a command takes, with docker/cli's validators' wording.
public enum ArgRule: Equatable, Sendable {
    case none
    case exact(Int)
    case min(Int)
    case max(Int)
    case range(Int, Int)
}

/// One `docker` command: its path, usage line, one-line description, flags and arguments.
public struct CommandSpec: Sendable {
    /// Words after `docker`, e.g. `["image", "ls"]`.
    public var path: [String]
    /// The usage after the command path, e.g. `[OPTIONS] [REPOSITORY[:TAG]]`.
    public var usage: String
    public var short: String
    /// The longer description some commands print in `--help` instead of `short` (cobra's
    /// `Long`).
    public var long: String?
    /// Other spellings, shown in help as `Aliases:` (full command paths).
    public var aliases: [String]
    public var flags: [FlagSpec]
    public var args: ArgRule
    /// False when flags stop at the first positional (run, exec: the rest is the command).
    public var interspersed: Bool
    /// Builds the typed command from the parsed flags and arguments.
    let make: @Sendable (ParsedFlags, [String], ParseContext) throws(DockerCLIError) -> DockerCommand

    init(_ path: [String], usage: String, short: String, aliases: [String] = [], flags: [FlagSpec], args: ArgRule,
         interspersed: Bool = true,
         make: @escaping @Sendable (ParsedFlags, [String], ParseContext) throws(DockerCLIError) -> DockerCommand) {
        self.path = path
        self.usage = usage
        self.short = short
        self.aliases = aliases
        self.flags = flags
        self.args = args
        self.interspersed = interspersed
        self.make = make
    }

    /// `docker image ls` — what cobra calls the command path.
    public var commandPath: String { (["docker"] + path).joined(separator: " ") }

    /// `docker image ls [OPTIONS] [REPOSITORY[:TAG]]` — cobra's use line.
    public var useLine: String { usage.isEmpty ? commandPath : commandPath + " " + usage }
}

/// Flag values gathered while parsing, by long name.
public struct ParsedFlags: Equatable, Sendable {
    var values: [String: [String]] = [:]

    /// True if a bool flag was set to true (last use wins).
    public func bool(_ name: String, default def: Bool = false) -> Bool {
        guard let last = values[name]?.last else { return def }
        return last == "true"
    }

    /// The last value of a flag, if used.
    public func string(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable flag, in order.
    public func list(_ name: String) -> [String] { values[name] ?? [] }

    public func isSet(_ name: String) -> Bool { values[name] != nil }
}

/// What the parser knows besides argv: the environment of the command line.
public struct ParseContext: Sendable {
    public var environment: [String: String]
    /// The command path as typed (`docker images`, `docker image ls`).
    public var commandPath: String
    public init(environment: [String: String], commandPath: String) {
        self.environment = environment
        self.commandPath = commandPath
    }
}
