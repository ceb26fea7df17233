import DockerCLI
import Engine
import Lessons

/// `dockyard lessons lint`: the linter's structural checks plus each lesson's solutions run
/// in a fresh, real REPL session (the engine and the workspace, not a fake).
public enum LessonLintRunner {
    /// Lints lesson files; the report text and exit status.
    /// README.md files (the format's documentation, matched by `lessons/*.md`) are skipped.
    public static func run(paths: [String]) -> CommandResult {
        let paths = paths.filter { ($0.split(separator: "/").last ?? "").lowercased() != "readme.md" }
        var diagnostics = LessonLinter.lint(paths: paths, knownCommands: knownCommands)
        // Solutions are only worth running in files that parse.
        for path in paths {
            guard let text = LessonCatalog.readText(path) else { continue }
            let (lesson, _) = LessonParser.parse(text, file: path)
            guard let lesson else { continue }
            diagnostics += LessonLinter.verifySolutions(lesson, makeHost: freshHost)
        }
        diagnostics.sort { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
        return LessonLinter.report(diagnostics, fileCount: paths.count)
    }

    /// A fresh session on the fixed clock, with the REPL's own shell.
    public static func freshHost() -> SessionLessonHost {
        SessionLessonHost(session: Session(clock: SimulatedClock(mode: .fixed)))
    }

    /// Every first word a solution line may start with.
    public static var knownCommands: Set<String> {
        var words = Set(Shell().knownCommandWords)
        words.formUnion(["undo", "redo"])
        return words
    }
}
