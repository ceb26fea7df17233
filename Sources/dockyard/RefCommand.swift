import ArgumentParser

/// `dockyard ref [--json] [--mode MODE] [--] REF` (filled in by the reference work).
struct RefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ref", abstract: "Explain an image reference.")
    @Flag(name: .long, help: "Print the conformance JSON schema.") var json = false
    @Option(name: .long, help: "Which distribution/reference function to follow.") var mode: String = "parse_normalized_named"
    @Argument(help: "The reference.") var reference: String
    func run() throws { throw ExitCode.failure }
}
