import ArgumentParser
import ImageReference

extension ParseMode: ExpressibleByArgument {}

/// `dockyard ref [--json] [--mode MODE] [--] REF`: explains an image reference the way
/// distribution/reference parses it.
struct RefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ref",
        abstract: "Explain an image reference.",
        discussion: "Use -- before a reference that starts with '-'.")

    @Flag(name: .long, help: "Print the conformance JSON schema.") var json = false
    @Option(name: .long, help: "Which distribution/reference function to follow.")
    var mode: ParseMode = .parseNormalizedNamed
    @Argument(help: "The reference.") var reference: String

    func run() throws {
        if json {
            // The JSON describes invalid references too, so the command itself succeeded.
            print(ReferenceReport(input: reference, mode: mode).json)
            return
        }
        let explanation = ReferenceExplanation(input: reference, mode: mode)
        print(explanation.text, terminator: "")
        if !explanation.isValid { throw ExitCode.failure }
    }
}
