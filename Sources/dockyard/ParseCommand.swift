import ArgumentParser

/// `dockyard parse [--json] FILE|-` (filled in by the parser work).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Parse a Dockerfile and show its instructions.")
    @Flag(name: .long, help: "Print the conformance JSON schema.") var json = false
    @Argument(help: "Dockerfile path, or - for stdin.") var file: String
    func run() throws { throw ExitCode.failure }
}
