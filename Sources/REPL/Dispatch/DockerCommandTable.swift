import DockerCLI

/// The `docker` subcommands and flags the REPL knows about, for completion, `help` and
/// unknown-command messages; `standard` is derived from the DockerCLI parser's table.
public struct DockerCommandTable: Sendable {
    public struct Command: Sendable, Equatable {
        public var name: String
        public var summary: String
        public var flags: [String]
        public var subcommands: [String]

        public init(name: String, summary: String, flags: [String] = [], subcommands: [String] = []) {
            self.name = name
            self.summary = summary
            self.flags = flags
            self.subcommands = subcommands
        }
    }

    public var commands: [Command]

    public init(commands: [Command]) { self.commands = commands }

    public func command(named name: String) -> Command? {
        commands.first { $0.name == name }
    }

    /// Every command the DockerCLI parser routes, with its visible flags and subcommands.
    public static let standard = DockerCommandTable(commands: CommandTable.entries.map {
        Command(name: $0.name, summary: $0.short, flags: $0.flags, subcommands: $0.subcommands)
    })
}
