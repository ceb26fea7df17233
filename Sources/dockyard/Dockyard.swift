import ArgumentParser
import Engine
import REPL

@main
struct Dockyard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockyard",
        abstract: "An interactive Docker simulator for learning images, layers and the build cache.",
        usage: """
            dockyard [FILE] [--no-color] [--no-explain] [--echo] [--strict] [--clock fixed|real]
              dockyard <subcommand>
            """,
        discussion: """
            Without FILE, starts the REPL (or, when standard input is not a terminal, runs it \
            as a script). History is kept in $XDG_STATE_HOME/dockyard (or ~/.local/state/dockyard).
            Set DOCKYARD_NO_LIBEDIT=1 to use plain line input instead of libedit.
            The REPL's options are listed by 'dockyard help repl'.
            """,
        version: Dockyard.version,
        subcommands: [REPLCommand.self, StartLessonCommand.self, LessonsCommand.self, ParseCommand.self, RefCommand.self, BenchCommand.self, ExportCommand.self],
        defaultSubcommand: REPLCommand.self
    )

    static let version = "0.1.0"
}

/// The REPL itself: `dockyard [FILE]` lands here (it is the default subcommand, so a
/// root-level FILE argument does not shadow the other subcommands' names).
struct REPLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the REPL, or run a script of REPL lines (the default).",
        shouldDisplay: true
    )

    @Argument(help: "A script of REPL lines to run, then exit (- for standard input).")
    var file: String?

    @Flag(name: .long, help: "Never colour the output (NO_COLOR and a non-terminal also turn colour off).")
    var noColor = false

    @Flag(name: .long, help: "Script mode: print each input line after a prompt, like a terminal session.")
    var echo = false

    @Flag(name: .long, help: "Script mode: stop at the first failing line.")
    var strict = false

    @Option(name: .long, help: "A folder of lesson files to use instead of the built-in lessons.")
    var lessons: String?

    @Flag(name: .long, help: "Do not print the layer stack, reasons and advice after builds (set explain on brings them back).")
    var noExplain = false

    @Option(name: .long, help: "fixed: a virtual clock starting at 2025-01-15 09:00 UTC, moved only by simulated work; real: the wall clock.")
    var clock: ClockMode = .real

    enum ClockMode: String, ExpressibleByArgument, CaseIterable {
        case fixed, real
    }

    func run() throws {
        var options = REPLOptions(
            scriptPath: file,
            noColor: noColor,
            echo: echo,
            strict: strict,
            clock: clock == .fixed ? .fixed : .real,
            version: Dockyard.version)
        options.explain = !noExplain
        let status = REPLApp.run(options, setUp: LessonSupport.replSetUp(lessonsOption: lessons, noColor: noColor))
        if status != 0 { throw ExitCode(status) }
    }
}
