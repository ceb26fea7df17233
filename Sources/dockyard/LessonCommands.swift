import ArgumentParser
import Engine
import Foundation
import Lessons
import REPL

/// Where lessons come from and how the REPL gets them.
enum LessonSupport {
    /// The lessons shipped with Dockyard: `share/dockyard/lessons` beside the executable's
    /// folder when installed, else the `lessons` folder of the source tree it was built from.
    static var builtInDirectory: String {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/dockyard/lessons").path
        if FileManager.default.fileExists(atPath: installed + "/README.md") { return installed }
        // A build tree (.build/<triple>/debug/dockyard): the checkout is a few levels up.
        for _ in 0..<5 {
            folder = folder.deletingLastPathComponent()
            let candidate = folder.appendingPathComponent("lessons").path
            if FileManager.default.fileExists(atPath: candidate + "/README.md") { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons").path
    }

    static func directory(option: String?) -> String {
        LessonCatalog.directory(option: option, environment: ProcessInfo.processInfo.environment, builtIn: builtInDirectory)
    }

    /// The lessons of a folder and notes about files that did not load.
    static func load(option: String?) -> (lessons: [Lesson], notes: [String]) {
        let directory = directory(option: option)
        let (lessons, diagnostics) = LessonCatalog.load(directory: directory)
        var notes = diagnostics.filter { $0.severity == .error }.map { "\($0)" }
        if lessons.isEmpty && diagnostics.isEmpty { notes.append("No lesson files found in \(directory).") }
        return (lessons, notes)
    }

    static func colour(noColor: Bool) -> Bool {
        if noColor { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return SystemIO.isTerminal(1)
    }

    /// The REPL with lessons installed and progress in the state directory.
    static func replSetUp(lessonsOption: String?, noColor: Bool) -> REPLSetUp {
        let (lessons, notes) = load(option: lessonsOption)
        let options = RenderOptions(width: 80, color: colour(noColor: noColor))
        let store = ProgressStore.defaultDirectory(environment: ProcessInfo.processInfo.environment).map(ProgressStore.init)
        let count = lessons.count
        return REPLSetUp(
            makeShell: { session, editor in
                var shell = Shell(session: session, editor: editor)
                shell.installLessons(lessons, store: store, options: options, notes: notes)
                return shell
            },
            completionSources: { _ in
                [{ words in words == ["lesson"] ? (1...max(1, count)).map(String.init) + ["quit"] : [] }]
            })
    }
}

/// `dockyard lesson N [--demo] [--speed X]`: the REPL, started in lesson N; or the lesson's
/// solutions played for a projector.
struct StartLessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Start the REPL in lesson N, or play its solutions (--demo).",
        discussion: """
            Lessons come from --lessons DIR, else $DOCKYARD_LESSONS, else the built-in ones. \
            Progress is kept in $XDG_STATE_HOME/dockyard/progress.json (or ~/.local/state/dockyard).
            """
    )

    @Argument(help: "The lesson's number (see the lessons command in the REPL).")
    var number: Int

    @Flag(name: .long, help: "Type the solutions out at a readable pace, pausing for Enter between steps.")
    var demo = false

    @Option(name: .long, help: "With --demo: typing speed multiplier (2 is twice as fast).")
    var speed: Double = 1

    @Option(name: .long, help: "A folder of lesson files to use instead of the built-in lessons.")
    var lessons: String?

    @Flag(name: .long, help: "Never colour the output.")
    var noColor = false

    @Flag(name: .long, help: "Do not print the layer stack, reasons and advice after builds.")
    var noExplain = false

    @Option(name: .long, help: "fixed: a virtual clock starting at 2025-01-15 09:00 UTC; real: the wall clock.")
    var clock: REPLCommand.ClockMode = .real

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
    }

    func run() throws {
        if demo { return try playDemo() }
        var options = REPLOptions(noColor: noColor, clock: clock == .fixed ? .fixed : .real, version: Dockyard.version)
        options.startLines = ["lesson \(number)"]
        options.explain = !noExplain
        let status = REPLApp.run(options, setUp: LessonSupport.replSetUp(lessonsOption: lessons, noColor: noColor))
        if status != 0 { throw ExitCode(status) }
    }

    func playDemo() throws {
        let (all, notes) = LessonSupport.load(option: lessons)
        for note in notes { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        guard all.indices.contains(number - 1) else {
            FileHandle.standardError.write(Data("dockyard: there is no lesson \(number) (\(all.count) lessons found)\n".utf8))
            throw ExitCode.failure
        }
        let lesson = all[number - 1]
        let renderOptions = RenderOptions(width: 80, color: LessonSupport.colour(noColor: noColor))
        let start = clock == .real ? Timestamp(secondsSince1970: SystemIO.wallClockSeconds()) : SimulatedClock.fixedStart
        var session = Session(clock: SimulatedClock(mode: clock == .fixed ? .fixed : .real, start: start))
        session.explainAfterBuild = !noExplain
        // On a projector the demo shows what a terminal shows: Docker's terminal forms, colour.
        session.terminal.isTerminal = SystemIO.isTerminal(1)
        session.terminal.colour = renderOptions.color
        session.terminal.width = SystemIO.terminalColumns() ?? 80
        var player = LessonDemoPlayer(
            driver: InputDriver(shell: SessionLessonHost.sandboxed(Shell(session: session)), numbersInputErrors: false),
            lesson: lesson, lessonNumber: number, speed: speed,
            write: { SystemIO.write($0, to: 1) },
            sleep: { seconds in if seconds >= 0.000_001 { usleep(UInt32(min(seconds, 10) * 1_000_000)) } },
            waitForEnter: { readLine() != nil })
        player.play(LessonDemo.script(for: lesson, number: number, options: renderOptions))
    }
}

/// `dockyard lessons lint [FILE...]`.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Tools for lesson authors.",
        subcommands: [LessonsLintCommand.self]
    )
}

struct LessonsLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lesson files: format, checks, and that each solution reaches its goal.",
        discussion: "Without FILE, checks the lessons of --lessons DIR, $DOCKYARD_LESSONS or the built-in folder."
    )

    @Argument(help: "Lesson files (Markdown).")
    var files: [String] = []

    @Option(name: .long, help: "A folder of lesson files (when no FILE is given).")
    var lessons: String?

    func run() throws {
        let paths = files.isEmpty ? LessonCatalog.lessonFiles(in: LessonSupport.directory(option: lessons)) : files
        let result = LessonLintRunner.run(paths: paths)
        SystemIO.write(result.stdout, to: 1)
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
