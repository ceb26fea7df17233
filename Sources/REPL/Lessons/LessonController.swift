import DockerCLI
import Lessons

/// The lessons of one REPL session: the runner's state, where progress is saved, and how to
/// make a shell for lesson actions. A class because the shell's handler and its after-entry
/// hook share it, and lesson state is not part of the session value (undo does not move the
/// learner between steps).
public final class LessonController {
    public private(set) var runner: LessonRunner
    /// Where progress is saved; nil keeps it in memory only (tests, no state directory).
    public let store: ProgressStore?
    /// Makes a shell for lesson actions (setup `run` lines, `solution run`), without the
    /// lesson handler.
    let makeShell: (Session) -> Shell
    /// Set while a lesson command runs, so the auto-check does not run after it.
    var handledLessonCommand = false
    /// Said once, with the first lesson command (a damaged progress file, a lesson file
    /// that did not load).
    var pendingNotes: [String]

    public init(lessons: [Lesson], store: ProgressStore?, options: RenderOptions = RenderOptions(),
                notes: [String] = [], makeShell: @escaping (Session) -> Shell) {
        var notes = notes
        var progress = LessonProgress()
        if let store {
            let (loaded, warning) = store.load()
            progress = loaded
            if let warning { notes.append(warning) }
        }
        self.runner = LessonRunner(lessons: lessons, progress: progress, options: options)
        self.store = store
        self.makeShell = makeShell
        self.pendingNotes = notes
    }

    /// `3.2` while in a lesson.
    public var promptLabel: String? { runner.promptLabel }

    /// Handles a lesson command; nil when `line` is not one right now.
    public func handle(line: String, session: inout Session) -> CommandResult? {
        guard let command = LessonCommand.parse(line), runner.claims(command) else { return nil }
        handledLessonCommand = true
        var host = SessionLessonHost(session: session, makeShell: makeShell)
        let response = runner.handle(command, host: &host)
        var result = response.result
        if !pendingNotes.isEmpty {
            result.prepend(pendingNotes.map { $0 + "\n" }.joined(), toStderr: true)
            pendingNotes = []
        }
        var changed = response.progressChanged
        if !response.typeIn.isEmpty {
            result.stdout += typeIn(response.typeIn, host: &host)
            if let after = runner.afterCommand(host: &host) {
                result.stdout += "\n" + after.result.stdout
                result.stderr += after.result.stderr
                changed = changed || after.progressChanged
            }
        }
        session = host.session
        if changed { result.stderr += save() }
        return result
    }

    /// The auto-check after a command that was not a lesson command.
    public func afterEntry(session: inout Session) -> CommandResult? {
        if handledLessonCommand {
            handledLessonCommand = false
            return nil
        }
        guard runner.isActive else { return nil }
        var host = SessionLessonHost(session: session, makeShell: makeShell)
        guard let response = runner.afterCommand(host: &host) else { return nil }
        session = host.session
        var result = response.result
        if response.progressChanged { result.stderr += save() }
        return CommandResult(stdout: "\n" + result.stdout, stderr: result.stderr)
    }

    /// Runs solution lines as if typed: each after the prompt, then its output (standard
    /// error folded in, so the two stay in order).
    func typeIn(_ commands: [String], host: inout SessionLessonHost) -> String {
        var text = ""
        for command in commands {
            let prompt = "dockyard\(promptLabel.map { "[\($0)]" } ?? ""):\(host.session.cwd)> "
            let lines = command.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                text += (index == 0 ? prompt : "> ") + line + "\n"
            }
            for output in host.run(command) {
                // Both streams in the order written (the pull before the container's output).
                for chunk in output.result.inTerminalOrder {
                    text += chunk.text
                    if !chunk.text.hasSuffix("\n") { text += "\n" }
                }
            }
        }
        return text
    }

    /// Saves progress; the text to show when that failed.
    func save() -> String {
        guard let store, let problem = store.save(runner.progress) else { return "" }
        return problem + "\n"
    }
}

/// Puts the lesson commands in front of a shell's dispatch chain and the auto-check after
/// every entry.
public struct LessonCommandHandler: CommandHandler, EntryHook {
    public let controller: LessonController

    public init(controller: LessonController) {
        self.controller = controller
    }

    public func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        controller.handle(line: command.entry.text, session: &session)
    }

    public func afterEntry(_ entry: InputEntry, result: CommandResult, session: inout Session, services: ShellServices) -> CommandResult? {
        controller.afterEntry(session: &session)
    }

    public var promptLabel: String? { controller.promptLabel }
}

extension Shell {
    /// Installs lessons: their commands first in the dispatch chain, the auto-check after
    /// every entry, and their help entries. Lesson actions run through a copy of this
    /// shell as it is now (so install lessons last).
    @discardableResult
    public mutating func installLessons(_ lessons: [Lesson], store: ProgressStore?, options: RenderOptions = RenderOptions(),
                                        notes: [String] = []) -> LessonController {
        let base = self
        let controller = LessonController(lessons: lessons, store: store, options: options, notes: notes) { session in
            var shell = base
            shell.session = session
            return shell
        }
        let handler = LessonCommandHandler(controller: controller)
        handlers.insert(handler, at: 0)
        entryHooks.append(handler)
        for entry in LessonController.catalogEntries { services.catalog.add(entry) }
        return controller
    }
}

extension LessonController {
    static let catalogEntries: [CommandCatalog.Entry] = [
        .init(name: "lessons", group: "Lessons", usage: "lessons", summary: "list the lessons, with your progress"),
        .init(name: "lesson", group: "Lessons", usage: "lesson [N | quit]", summary: "start or resume lesson N; lesson quit leaves it",
              details: "lesson alone shows the current step again."),
        .init(name: "check", group: "Lessons", usage: "check", summary: "check the step's goal (also done after every command)"),
        .init(name: "hint", group: "Lessons", usage: "hint", summary: "show the next hint for this step"),
        .init(name: "solution", group: "Lessons", usage: "solution [run]", summary: "show one way to reach the goal; run types it in"),
        .init(name: "next", group: "Lessons", usage: "next", summary: "skip to the next step"),
        .init(name: "back", group: "Lessons", usage: "back", summary: "go back one step"),
        .init(name: "reset", group: "Lessons", usage: "reset", summary: "set the current step up again"),
        .init(name: "progress", group: "Lessons", usage: "progress", summary: "lessons and steps done, hints used"),
    ]
}
