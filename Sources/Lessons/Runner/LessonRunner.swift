import DockerCLI

/// What a lesson command produced.
public struct LessonResponse: Equatable, Sendable {
    /// Text to print and the status, like every command.
    public var result: CommandResult
    /// REPL inputs to type in, one after the other (`solution run`); each is a whole command,
    /// a heredoc included. Call `afterCommand` once, after the last of them, so a goal met
    /// half-way does not move the learner on while the rest is still being typed.
    public var typeIn: [String]
    /// The progress changed and should be saved (`ProgressStore.save(runner.progress)`).
    public var progressChanged: Bool

    public init(result: CommandResult, typeIn: [String] = [], progressChanged: Bool = false) {
        self.result = result
        self.typeIn = typeIn
        self.progressChanged = progressChanged
    }
}

/// The lesson state machine: which lesson and step the learner is on, and what each lesson
/// command does. It prints nothing and touches no files: it changes the session only through
/// `LessonActions` and returns text for the REPL to show.
///
/// The REPL calls `handle` for lesson commands and `afterCommand` after every other command
/// (the auto-check), then saves `progress` when a response says it changed.
public struct LessonRunner: Sendable {
    /// Where the learner is.
    public struct Position: Hashable, Sendable {
        /// 0-based indexes.
        public var lesson: Int
        public var step: Int
    }

    /// The course, in order (lesson N is `lessons[N - 1]`).
    public private(set) var lessons: [Lesson]
    /// Save this (`ProgressStore.save`) when a response says it changed.
    public private(set) var progress: LessonProgress
    public private(set) var position: Position?
    public var options: RenderOptions
    /// Auto-check only completes a step whose checks failed at least once since it was
    /// entered, so going `back` to a step already met does not bounce the learner forward.
    private var armed = false

    public init(lessons: [Lesson], progress: LessonProgress = LessonProgress(), options: RenderOptions = RenderOptions()) {
        self.lessons = lessons
        self.progress = progress
        self.options = options
    }

    /// `3.2` while in lesson 3 step 2 (for the prompt `dockyard[3.2]:/app> `), else nil.
    public var promptLabel: String? {
        position.map { "\($0.lesson + 1).\($0.step + 1)" }
    }

    /// A lesson is in progress.
    public var isActive: Bool { position != nil }

    /// Whether this runner takes `command` now. `lessons`, `lesson ...` and `progress` are
    /// always lesson commands; `check`, `hint`, `solution`, `next`, `back` and `reset` only
    /// while a lesson is active, so outside a lesson they fall through to the REPL (whose
    /// own `reset`, for instance, resets the session).
    public func claims(_ command: LessonCommand) -> Bool {
        switch command {
        case .list, .start, .status, .quit, .progress, .invalid: return true
        case .check, .hint, .solution, .solutionRun, .next, .back, .reset: return isActive
        }
    }

    /// Parses and handles a REPL line; nil when it is not a lesson command right now.
    public mutating func handle<Host: LessonHost>(line: String, host: inout Host) -> LessonResponse? {
        guard let command = LessonCommand.parse(line), claims(command) else { return nil }
        return handle(command, host: &host)
    }

    /// Runs a lesson command. Step commands outside a lesson answer with a hint to start one.
    public mutating func handle<Host: LessonHost>(_ command: LessonCommand, host: inout Host) -> LessonResponse {
        switch command {
        case .list: return list()
        case .start(let number): return start(number, host: &host)
        case .status: return status()
        case .progress: return showProgress()
        case .invalid: return LessonResponse(result: .failure(LessonCommand.usage + "\n"))
        default: break
        }
        guard let position else {
            return LessonResponse(result: .failure("You are not in a lesson. Type lessons to see them, and lesson 1 to start the first.\n"))
        }
        let lesson = lessons[position.lesson]
        let step = lesson.steps[position.step]
        switch command {
        case .quit:
            self.position = nil
            return LessonResponse(result: .ok("Left lesson \(position.lesson + 1) at step \(position.step + 1). Type lesson \(position.lesson + 1) to come back.\n"))
        case .check:
            let failures = failedChecks(step, host)
            if failures.isEmpty { return complete(host: &host) }
            armed = true
            return LessonResponse(result: .failure("Not yet: \(failures[0].message)\n"))
        case .hint:
            return hint(step, position)
        case .solution, .solutionRun:
            guard let solution = step.solution else {
                return LessonResponse(result: .failure("This step has no solution written down.\n"))
            }
            var entry = progress[lesson.id]
            let changed = entry.solutionsShown.insert(position.step + 1).inserted
            progress[lesson.id] = entry
            if command == .solutionRun {
                return LessonResponse(result: .ok("Typing the solution of step \(promptLabel ?? ""):\n"),
                                      typeIn: solution.commands, progressChanged: changed)
            }
            let code = MarkdownRenderer.codeBlock(solution.lines, options: options).joined(separator: "\n")
            return LessonResponse(result: .ok("One way to do it:\n\n\(code)\n\nType solution run to have it typed in for you.\n"),
                                  progressChanged: changed)
        case .next:
            guard position.step + 1 < lesson.steps.count else {
                return LessonResponse(result: .failure("This is the last step of lesson \(position.lesson + 1). Type check when you are done, or lesson quit.\n"))
            }
            return enter(step: position.step + 1, of: position.lesson, host: &host, header: "Skipping ahead.")
        case .back:
            guard position.step > 0 else {
                return LessonResponse(result: .failure("This is the first step of lesson \(position.lesson + 1).\n"))
            }
            return enter(step: position.step - 1, of: position.lesson, host: &host, header: nil)
        case .reset:
            let notes = LessonRunner.applySetup(step, host: &host)
            armed = !failedChecks(step, host).isEmpty
            return LessonResponse(result: .ok(joinLines(["Step \(promptLabel ?? "") is set up again."] + notes)))
        default:
            return LessonResponse(result: .failure("Unknown lesson command.\n"))
        }
    }

    /// The auto-check, run after every non-lesson command: when the current step's goal has
    /// just been reached, announces it and moves on; otherwise nil (nothing to print).
    public mutating func afterCommand<Host: LessonHost>(host: inout Host) -> LessonResponse? {
        guard let position else { return nil }
        let step = lessons[position.lesson].steps[position.step]
        guard failedChecks(step, host).isEmpty else {
            armed = true
            return nil
        }
        guard armed else { return nil }
        return complete(host: &host)
    }

    // MARK: Commands

    func list() -> LessonResponse {
        guard !lessons.isEmpty else { return LessonResponse(result: .ok("No lessons found.\n")) }
        let width = String(lessons.count).count
        var lines = ["Lessons ([x] done, [~] started):"]
        for (index, lesson) in lessons.enumerated() {
            let entry = progress.lessons[lesson.id]
            let mark = entry?.completed == true ? "[x]" : (entry.map { !$0.stepsDone.isEmpty } == true ? "[~]" : "[ ]")
            let number = String(repeating: " ", count: width - String(index + 1).count) + "\(index + 1)"
            let done = entry?.stepsDone.filter { $0 <= lesson.steps.count }.count ?? 0
            let current = position?.lesson == index ? "  <- you are here" : ""
            lines.append(" \(mark) \(number). \(lesson.title) (\(done)/\(lesson.steps.count))\(current)")
        }
        lines.append("Type lesson N to start or resume one.")
        return LessonResponse(result: .ok(joinLines(lines)))
    }

    func status() -> LessonResponse {
        guard let position else {
            return LessonResponse(result: .ok("You are not in a lesson. Type lessons to see them, and lesson N to start one.\n"))
        }
        let lesson = lessons[position.lesson]
        let step = lesson.steps[position.step]
        return LessonResponse(result: .ok(joinLines([stepHeader(lesson, position), "", render(step.prose)])))
    }

    mutating func start<Host: LessonHost>(_ number: Int, host: inout Host) -> LessonResponse {
        guard number >= 1, number <= lessons.count else {
            return LessonResponse(result: .failure("There is no lesson \(number). Type lessons to see the list.\n"))
        }
        let index = number - 1
        let lesson = lessons[index]
        guard !lesson.steps.isEmpty else {
            return LessonResponse(result: .failure("Lesson \(number) has no steps.\n"))
        }
        var notes: [String] = []
        for id in lesson.prerequisites where progress.lessons[id]?.completed != true {
            if let other = lessons.firstIndex(where: { $0.id == id }) {
                notes.append("Note: this lesson builds on lesson \(other + 1) (\(lessons[other].title)), which you have not finished.")
            }
        }
        let entry = progress.lessons[lesson.id]
        var target = 0
        if let entry, !entry.completed, (1...lesson.steps.count).contains(entry.currentStep) {
            target = entry.currentStep - 1
        }
        if entry?.completed == true { notes.append("You finished this lesson before; starting again from step 1.") }
        if target > 0 && !failedChecks(lesson.steps[target - 1], host).isEmpty {
            // The session no longer holds what earlier steps built (a new session, or the
            // learner changed things): rebuild it from the lesson's own setups and solutions.
            notes.append("Resuming at step \(target + 1): replaying steps 1-\(target) so the simulator is where that step starts.")
            for earlier in lesson.steps[..<target] {
                notes += LessonRunner.applySetup(earlier, host: &host)
                for command in earlier.solution?.commands ?? [] {
                    let result = host.runLine(command)
                    if !result.succeeded && !earlier.solutionMayFail(command) { notes.append("(while replaying: \(firstLine(result.stderr)))") }
                }
            }
        } else if target > 0 {
            notes.append("Resuming at step \(target + 1).")
        }
        var intro: [String] = []
        if target == 0 && !lesson.intro.isEmpty { intro = [render(lesson.intro), ""] }
        var response = enter(step: target, of: index, host: &host, header: nil, before: intro, notes: notes)
        response.progressChanged = true
        return response
    }

    mutating func hint(_ step: LessonStep, _ position: Position) -> LessonResponse {
        guard !step.hints.isEmpty else {
            return LessonResponse(result: .ok("This step has no hints. Type solution to see one way to do it.\n"))
        }
        let lesson = lessons[position.lesson]
        var entry = progress[lesson.id]
        let used = max(0, entry.hintsUsed[position.step + 1] ?? 0)
        guard used < step.hints.count else {
            return LessonResponse(result: .ok("No more hints for this step. Type solution to see one way to do it.\n"))
        }
        entry.hintsUsed[position.step + 1] = used + 1
        progress[lesson.id] = entry
        let text = "Hint \(used + 1) of \(step.hints.count):\n\n\(render(step.hints[used].text))\n"
        return LessonResponse(result: .ok(text), progressChanged: true)
    }

    func showProgress() -> LessonResponse {
        let completed = lessons.filter { progress.lessons[$0.id]?.completed == true }.count
        var lines = ["Lessons completed: \(completed) of \(lessons.count). Hints used: \(progress.totalHintsUsed)."]
        for (index, lesson) in lessons.enumerated() {
            guard let entry = progress.lessons[lesson.id], !entry.stepsDone.isEmpty || position?.lesson == index else { continue }
            let done = entry.stepsDone.sorted().filter { $0 <= lesson.steps.count }
            let hints = entry.hintsUsed.values.reduce(0, +)
            let state = entry.completed ? "complete"
                : "\(done.count) of \(lesson.steps.count) steps done\(done.isEmpty ? "" : " (\(Message.ranges(done)))")"
            lines.append("  \(index + 1). \(lesson.title): \(state)\(hints > 0 ? ", \(Message.count(hints, "hint")) used" : "")")
        }
        if let position {
            lines.append("You are on step \(position.step + 1) of lesson \(position.lesson + 1).")
        }
        return LessonResponse(result: .ok(joinLines(lines)))
    }

    // MARK: Moving between steps

    mutating func complete<Host: LessonHost>(host: inout Host) -> LessonResponse {
        guard let position else { return LessonResponse(result: .ok()) }
        let lesson = lessons[position.lesson]
        var entry = progress[lesson.id]
        entry.stepsDone.insert(position.step + 1)
        let label = promptLabel ?? ""
        if position.step + 1 >= lesson.steps.count {
            entry.completed = true
            entry.currentStep = 1
            progress[lesson.id] = entry
            self.position = nil
            armed = false
            let next = position.lesson + 1 < lessons.count ? " Type lesson \(position.lesson + 2) for the next one." : ""
            return LessonResponse(result: .ok("✓ Step \(label) done.\n✓ Lesson \(position.lesson + 1) complete: \(lesson.title).\(next)\n"),
                                  progressChanged: true)
        }
        progress[lesson.id] = entry
        var response = enter(step: position.step + 1, of: position.lesson, host: &host, header: "✓ Step \(label) done.")
        response.progressChanged = true
        return response
    }

    mutating func enter<Host: LessonHost>(step index: Int, of lessonIndex: Int, host: inout Host, header: String?,
                                          before: [String] = [], notes: [String] = []) -> LessonResponse {
        let lesson = lessons[lessonIndex]
        let step = lesson.steps[index]
        position = Position(lesson: lessonIndex, step: index)
        var entry = progress[lesson.id]
        entry.currentStep = index + 1
        progress[lesson.id] = entry
        let setupNotes = LessonRunner.applySetup(step, host: &host)
        armed = !failedChecks(step, host).isEmpty
        var lines: [String] = []
        if let header { lines.append(header) }
        lines += notes
        if !lines.isEmpty { lines.append("") }
        lines += before
        lines += [stepHeader(lesson, Position(lesson: lessonIndex, step: index)), "", render(step.prose)]
        if !setupNotes.isEmpty { lines += [""] + setupNotes }
        if step.setup.first?.kind == .fresh {
            lines += ["", "(The simulator was reset: images, containers and workspace files from before are gone.)"]
        }
        if !armed {
            lines += ["", "(The goal of this step is already met: type check to confirm it, or next to move on.)"]
        }
        return LessonResponse(result: .ok(joinLines(lines)), progressChanged: true)
    }

    /// Applies a step's setup; returns notes for anything that did not work.
    public static func applySetup<Host: LessonHost>(_ step: LessonStep, host: inout Host) -> [String] {
        var notes: [String] = []
        for action in step.setup {
            let result: CommandResult
            switch action.kind {
            case .fresh:
                host.startFresh()
                continue
            case .image(let ref): result = host.ensureImage(ref)
            case .file(let path, let contents): result = host.writeWorkspaceFile(path: path, contents: contents)
            case .run(let line): result = host.runLine(line)
            }
            if !result.succeeded {
                notes.append("Setting up this step did not fully work: \(firstLine(result.stderr.isEmpty ? result.stdout : result.stderr))")
            }
        }
        return notes
    }

    func failedChecks(_ step: LessonStep, _ world: some LessonWorld) -> [CheckResult] {
        step.checks.map { $0.evaluate(in: world) }.filter { !$0.passed }
    }

    func stepHeader(_ lesson: Lesson, _ position: Position) -> String {
        let title = "Lesson \(position.lesson + 1): \(lesson.title) — step \(position.step + 1) of \(lesson.steps.count): \(lessons[position.lesson].steps[position.step].title)"
        return MarkdownRenderer.heading(title, level: 2, options: options).joined(separator: "\n")
    }

    func render(_ markdown: String) -> String { MarkdownRenderer.render(markdown, options: options) }
}

func joinLines(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

func firstLine(_ text: String) -> String {
    String(text.split(separator: "\n").first ?? "")
}
