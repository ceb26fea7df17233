import DockerCLI

/// `dockyard lessons lint`: checks lesson files for authors. Every message carries file:line.
public enum LessonLinter {
    /// Structural lint of lesson files given as (path, text): the format, the predicates,
    /// steps without a check or solution, missing hints, duplicate ids, unknown prerequisites.
    ///
    /// With `knownCommands` (the REPL's first words: `docker`, `cat`, `echo`, `dockerfile` ...),
    /// solution and setup `run` lines starting with anything else (or a Dockerfile keyword) are
    /// reported, which catches `dokcer build` before a learner does.
    public static func lint(files: [(path: String, text: String)], knownCommands: Set<String>? = nil) -> [LessonDiagnostic] {
        var diagnostics: [LessonDiagnostic] = []
        var lessons: [Lesson] = []
        for file in files {
            let (lesson, found) = LessonParser.parse(file.text, file: file.path)
            diagnostics += found
            if let lesson { lessons.append(lesson) }
        }
        var seen: [String: Lesson] = [:]
        for lesson in lessons {
            let idLine = SourceLocation(file: lesson.file, line: lesson.keyLines["id"] ?? 1)
            if let other = seen[lesson.id] {
                diagnostics.append(LessonDiagnostic(.error, idLine,
                    "duplicate lesson id '\(lesson.id)' (also in \(other.file):\(other.keyLines["id"] ?? 1))"))
            } else {
                seen[lesson.id] = lesson
            }
            diagnostics += lintLesson(lesson)
            if let knownCommands { diagnostics += lintCommands(lesson, knownCommands: knownCommands) }
        }
        for lesson in lessons {
            for id in lesson.prerequisites where seen[id] == nil {
                diagnostics.append(LessonDiagnostic(.warning, SourceLocation(file: lesson.file, line: lesson.keyLines["prerequisites"] ?? 1),
                    "prerequisite '\(id)' is not among the linted lessons"))
            }
            if lesson.prerequisites.contains(lesson.id) {
                diagnostics.append(LessonDiagnostic(.error, SourceLocation(file: lesson.file, line: lesson.keyLines["prerequisites"] ?? 1),
                    "a lesson cannot be its own prerequisite"))
            }
        }
        return diagnostics.sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
    }

    /// The text and status `dockyard lessons lint` prints: one `file:line: severity: message`
    /// line per diagnostic, then a summary. Exit status 1 when there is an error (or, with
    /// `warningsAreErrors`, any warning).
    public static func report(_ diagnostics: [LessonDiagnostic], fileCount: Int, warningsAreErrors: Bool = false) -> CommandResult {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var text = diagnostics.map { "\($0)\n" }.joined()
        let files = fileCount == 1 ? "1 lesson file" : "\(fileCount) lesson files"
        if diagnostics.isEmpty {
            text += "\(files) checked: no problems found.\n"
        } else {
            text += "\(files) checked: \(Message.count(errors, "error")), \(Message.count(warnings, "warning")).\n"
        }
        let failed = errors > 0 || (warningsAreErrors && warnings > 0)
        return CommandResult(stdout: text, exitStatus: failed ? 1 : 0)
    }

    /// Lints files on disk; an unreadable file is an error at line 1.
    public static func lint(paths: [String], knownCommands: Set<String>? = nil) -> [LessonDiagnostic] {
        var files: [(path: String, text: String)] = []
        var diagnostics: [LessonDiagnostic] = []
        for path in paths {
            if let text = LessonCatalog.readText(path) {
                files.append((path, text))
            } else {
                diagnostics.append(LessonDiagnostic(.error, SourceLocation(file: path, line: 1), "cannot read the file as UTF-8 text"))
            }
        }
        return diagnostics + lint(files: files, knownCommands: knownCommands)
    }

    static let dockerfileKeywords: Set<String> = [
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
        "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ]

    static func lintCommands(_ lesson: Lesson, knownCommands: Set<String>) -> [LessonDiagnostic] {
        var diagnostics: [LessonDiagnostic] = []
        func check(_ command: String, line: Int) {
            let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            // `DOCKER_BUILDKIT=0 docker build .`: skip leading assignments.
            guard let first = words.first(where: { !$0.contains("=") || $0.hasPrefix("=") }).map(String.init) else { return }
            if knownCommands.contains(first) || dockerfileKeywords.contains(first.uppercased()) { return }
            let hint = closest(first, in: Array(knownCommands).sorted()).map { " (did you mean \($0)?)" } ?? ""
            diagnostics.append(LessonDiagnostic(.error, SourceLocation(file: lesson.file, line: line),
                                                "'\(first)' is not a command the REPL knows\(hint)"))
        }
        for step in lesson.steps {
            for action in step.setup {
                if case .run(let line) = action.kind { check(line, line: action.line) }
            }
            guard let solution = step.solution else { continue }
            var offset = 0
            for (index, line) in solution.lines.enumerated() where index >= offset {
                let trimmed = line.trimmingLeadingSpaces()
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                check(trimmed, line: solution.line + 1 + index)
                // Skip a heredoc body: its lines are content, not commands.
                if let delimiter = Solution.heredocDelimiter(in: line) {
                    offset = solution.lines[(index + 1)...].firstIndex { $0.trimmingLeadingSpaces().trimmingTrailingSpaces() == delimiter }
                        .map { $0 + 1 } ?? solution.lines.count
                }
                if line.hasSuffix("\\") { offset = max(offset, index + 2) }
            }
        }
        return diagnostics
    }

    static func lintLesson(_ lesson: Lesson) -> [LessonDiagnostic] {
        var diagnostics: [LessonDiagnostic] = []
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: lesson.file, line: line) }
        if !(3...8).contains(lesson.steps.count) {
            diagnostics.append(LessonDiagnostic(.warning, at(lesson.steps.first?.line ?? 1),
                "the lesson has \(lesson.steps.count) steps; lessons read best with 3 to 8"))
        }
        if let first = lesson.steps.first, first.setup.first?.kind != .fresh {
            diagnostics.append(LessonDiagnostic(.warning, at(first.line),
                "the first step's setup does not start with 'fresh', so the lesson depends on what the session already holds"))
        }
        var titles: Set<String> = []
        for (index, step) in lesson.steps.enumerated() {
            let name = "step \(index + 1) (\(step.title))"
            if !titles.insert(step.title).inserted {
                diagnostics.append(LessonDiagnostic(.warning, at(step.line), "another step is also titled '\(step.title)'"))
            }
            if step.checks.isEmpty {
                diagnostics.append(LessonDiagnostic(.error, at(step.line), "\(name) has no check block: every step needs a goal"))
            }
            if step.solution == nil {
                diagnostics.append(LessonDiagnostic(.error, at(step.line), "\(name) has no solution block"))
            }
            if step.hints.isEmpty {
                diagnostics.append(LessonDiagnostic(.warning, at(step.line), "\(name) has no hint block"))
            }
            if step.prose.trimmingLeadingSpaces().isEmpty {
                diagnostics.append(LessonDiagnostic(.warning, at(step.line), "\(name) has no text for the learner"))
            }
        }
        return diagnostics
    }

    /// Runs a lesson the way a perfect learner would, in a fresh session from `makeHost`:
    /// for each step, applies its setup, requires at least one check to fail (a check that
    /// already holds teaches nothing), runs the solution's commands, and requires every check
    /// to pass. The host decides what running a REPL line means, so the real session plugs in.
    public static func verifySolutions<Host: LessonHost>(_ lesson: Lesson, makeHost: () -> Host) -> [LessonDiagnostic] {
        var host = makeHost()
        var diagnostics: [LessonDiagnostic] = []
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: lesson.file, line: line) }
        for (index, step) in lesson.steps.enumerated() {
            for note in LessonRunner.applySetup(step, host: &host) {
                diagnostics.append(LessonDiagnostic(.error, at(step.setup.first?.line ?? step.line), "step \(index + 1): \(note)"))
            }
            let before = step.checks.map { $0.evaluate(in: host) }
            if !step.checks.isEmpty && before.allSatisfy(\.passed) {
                diagnostics.append(LessonDiagnostic(.error, at(step.checks[0].line),
                    "step \(index + 1): the checks already pass before the solution runs, so they cannot tell whether the learner did anything"))
            }
            guard let solution = step.solution else { continue }
            for command in solution.commands {
                let result = host.runLine(command)
                if !result.succeeded && !step.solutionMayFail(command) {
                    let line = solution.line + 1 + (solution.lines.firstIndex(of: String(command.split(separator: "\n").first ?? "")) ?? 0)
                    diagnostics.append(LessonDiagnostic(.warning, at(line),
                        "step \(index + 1): solution command failed (exit \(result.exitStatus)): \(firstLine(result.stderr.isEmpty ? result.stdout : result.stderr))"))
                }
            }
            for result in step.checks.map({ $0.evaluate(in: host) }) where !result.passed {
                diagnostics.append(LessonDiagnostic(.error, at(result.check.line),
                    "step \(index + 1): after the solution, '\(result.check.text)' still fails: \(result.message)"))
            }
        }
        return diagnostics
    }
}
