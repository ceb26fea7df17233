import ArgumentParser

@main
struct Dockyard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockyard",
        abstract: "An interactive Docker simulator for learning images, layers and the build cache.",
        version: "0.1.0",
        subcommands: [ParseCommand.self, RefCommand.self, BenchCommand.self]
    )

    func run() throws {
        print("Dockyard REPL is not available yet.")
    }
}
