import ArgumentParser

/// `dockyard bench <name>`: performance figures (benchmarks, never timed tests).
/// Each benchmark is its own subcommand in its own file.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its figures (use a release build).",
        subcommands: [StartupBench.self, WorkspaceBench.self, ParseBench.self, FuzzParseBench.self, BuildBench.self, FuzzSessionBench.self]
    )
}
