import DockerCLI
import Engine
import Lessons

/// Drives a whole REPL session (the real `InputDriver` and `Shell`, lessons installed) with
/// random lines from `SessionFuzzGrammar`, answering the questions commands ask, and checks
/// after every entry what the guide promises: engine invariants hold, output is bounded,
/// `undo` gives back the session as it was and `redo` the one after. A crash stops the
/// process; the seed and the trace replay it. (Output is a Swift `String`, valid UTF-8 by
/// construction; what can go wrong is its stream marks, which are checked.)
public struct SessionFuzzer {
    /// One broken promise.
    public struct Finding: CustomStringConvertible, Sendable {
        public var kind: String
        public var seed: UInt64
        /// The position of the line in the session (0-based).
        public var step: Int
        public var line: String
        public var detail: String
        /// The lines before it in the same session, oldest first (enough to replay it).
        public var recent: [String]

        public var description: String {
            "\(kind) at step \(step) of seed \(seed): \(line.debugDescription)\n  \(detail)\n  after: \(recent.suffix(12).map { String($0.debugDescription.prefix(120)) }.joined(separator: " | "))"
        }
    }

    /// What a run did.
    public struct Report: Sendable {
        /// Physical lines (and answers) fed.
        public var lines = 0
        /// Entries the shell ran (a heredoc is one).
        public var entries = 0
        public var questionsAnswered = 0
        public var undoChecks = 0
        /// Lines typed in a container shell (`docker run -it`) and inside a lesson.
        public var containerShellLines = 0
        public var lessonLines = 0
        /// FNV-1a over everything printed, in order: two runs of one seed must agree (output
        /// that depends on hash-table order differs between processes).
        public var outputDigest: UInt64 = 0xCBF2_9CE4_8422_2325
        public var findings: [Finding] = []
        /// The slowest lines, slowest first, with their time in nanoseconds.
        public var slowest: [(nanoseconds: UInt64, line: String)] = []

        public init() {}

        public mutating func merge(_ other: Report, keepSlowest: Int = 5) {
            lines += other.lines
            entries += other.entries
            questionsAnswered += other.questionsAnswered
            undoChecks += other.undoChecks
            containerShellLines += other.containerShellLines
            lessonLines += other.lessonLines
            findings += other.findings
            slowest = Array((slowest + other.slowest).sorted { $0.nanoseconds > $1.nanoseconds }.prefix(keepSlowest))
        }
    }

    public var lessons: [Lesson]
    /// More output than this from one line is a finding (a runaway loop or repetition).
    public var maximumOutputBytes = 1 << 20
    /// How often (percent) a change is undone and redone to check both.
    public var undoCheckPercent = 15
    /// Called with each line before it is fed (a trace to find the line a crash died on).
    public var trace: ((String) -> Void)?

    public init(lessons: [Lesson]) {
        self.lessons = lessons
    }

    func makeDriver() -> InputDriver {
        var shell = Shell()
        // `export` writes real files; keep them in memory.
        shell.handlers = shell.handlers.map { $0 is TeachingHandler ? TeachingHandler(files: DiscardingExportWriter()) : $0 }
        if !lessons.isEmpty { shell.installLessons(lessons, store: nil) }
        return InputDriver(shell: shell, strict: false, numbersInputErrors: false)
    }

    /// Runs one session of `lines` lines from `seed`.
    public func run(seed: UInt64, lines count: Int) -> Report {
        var random = FuzzRandom(seed: seed)
        var grammar = SessionFuzzGrammar(random: FuzzRandom(seed: random.next()))
        var driver = makeDriver()
        var report = Report()
        var recent: [String] = []
        var lastProblems: [String] = []

        func note(_ kind: String, _ line: String, _ detail: String) {
            report.findings.append(Finding(kind: kind, seed: seed, step: report.lines, line: line, detail: detail, recent: recent))
        }

        func timed(_ line: String, _ body: () -> [InputDriver.Output]) -> [InputDriver.Output] {
            trace?(line)
            let start = SystemIO.monotonicNanoseconds()
            let outputs = body()
            let elapsed = SystemIO.monotonicNanoseconds() &- start
            report.lines += 1
            report.entries += outputs.filter { $0.entry != nil }.count
            if report.slowest.count < 5 || elapsed > report.slowest[report.slowest.count - 1].nanoseconds {
                report.slowest.append((elapsed, line))
                report.slowest.sort { $0.nanoseconds > $1.nanoseconds }
                if report.slowest.count > 5 { report.slowest.removeLast() }
            }
            check(outputs, line: line)
            recent.append(line)
            if recent.count > 40 { recent.removeFirst() }
            return outputs
        }

        func check(_ outputs: [InputDriver.Output], line: String) {
            var bytes = 0
            for output in outputs {
                for byte in output.result.stdout.utf8 { report.outputDigest = (report.outputDigest ^ UInt64(byte)) &* 0x100_0000_01B3 }
                for byte in output.result.stderr.utf8 { report.outputDigest = (report.outputDigest ^ UInt64(byte)) &* 0x100_0000_01B3 }
                bytes += output.result.stdout.utf8.count + output.result.stderr.utf8.count
                for mark in output.result.marks where mark.end < 0 || mark.end > (mark.toStderr ? output.result.stderr : output.result.stdout).utf8.count {
                    note("bad stream mark", line, "mark \(mark) outside the output")
                }
            }
            if bytes > maximumOutputBytes { note("output too large", line, "\(bytes) bytes") }
            for output in outputs {
                let status = output.result.exitStatus
                if status < 0 || status > 255 { note("exit status out of range", line, "status \(status)") }
                let text = output.result.stdout + output.result.stderr
                // Swift's description of an optional or a type leaking into what Docker prints.
                if let leak = ["Optional(", "Swift.", "DockerCLI.", "Engine.", "REPL."].first(where: { text.contains($0) && !line.contains($0) }) {
                    note("Swift value in output", line, "\(leak) in: " + String(text.prefix(300)))
                }
            }

            // A broken invariant stays broken: report it when it appears or changes.
            let problems = driver.shell.session.engine.checkInvariants()
            if !problems.isEmpty && problems != lastProblems { note("invariant", line, problems.prefix(3).joined(separator: "; ")) }
            lastProblems = problems
            if driver.shell.session.clearRequested { driver.shell.session.clearRequested = false }
        }

        /// When the lines of a chunk changed the session, as many `undo`s as they pushed
        /// steps must give back `before`, and as many `redo`s the session after them.
        func checkUndoRedo(before: Session, undoDepth: Int, line: String) {
            guard !driver.stopped, !driver.isAnswering, !driver.assembler.isContinuing, !driver.assembler.isHoldingDockerfile,
                  Shell.changed(from: before, to: driver.shell.session) else { return }
            // At the cap the oldest step falls off and the count says nothing.
            let steps = driver.shell.undoStack.count - undoDepth
            if driver.shell.undoStack.count >= Shell.undoLimit { return }
            report.undoChecks += 1
            guard steps > 0 else {
                note("undo not recorded", line, "the session changed but the undo stack went from \(undoDepth) to \(driver.shell.undoStack.count)")
                return
            }
            let after = driver.shell.session
            let step = driver.shell.promptLabel
            for _ in 0..<steps { _ = timed("undo") { driver.feed("undo") + flush() } }
            // The lesson auto-check runs after undo too: when the restored session passes the
            // step, the next step's setup changes it (lesson state is not undone, by design),
            // and that change is one more step to undo.
            if driver.shell.promptLabel != step {
                // A step without setup changes nothing, and pushes no step to undo.
                if SessionFuzzer.difference(before, driver.shell.session) == nil { return }
                let moved = driver.shell.promptLabel
                _ = timed("undo") { driver.feed("undo") + flush() }
                if driver.shell.promptLabel == moved, let difference = SessionFuzzer.difference(before, driver.shell.session) {
                    note("undo lost state", line, "after undo of the lesson step's setup: \(difference)")
                }
                return
            }
            if let difference = SessionFuzzer.difference(before, driver.shell.session) {
                note("undo lost state", line, "after undo: \(difference)")
                return
            }
            for _ in 0..<steps { _ = timed("redo") { driver.feed("redo") + flush() } }
            if driver.shell.promptLabel != step { return }
            if let difference = SessionFuzzer.difference(after, driver.shell.session) {
                note("redo lost state", line, "after redo: \(difference)")
            }
        }

        /// The interactive loop flushes a held Dockerfile block once no more input is
        /// pending, but never in the middle of a heredoc or continuation.
        func flush() -> [InputDriver.Output] {
            driver.assembler.isContinuing ? [] : driver.flush()
        }

        while report.lines < count {
            if random.chance(3) { driver.shell.session.terminal.stdinIsTerminal.toggle() }
            // A terminal gets BuildKit's TTY frames and colour; a pipe the plain forms.
            if random.chance(2) { driver.shell.session.terminal.isTerminal.toggle() }
            if random.chance(2) { driver.shell.session.terminal.colour.toggle() }
            if driver.stopped {
                // `exit` at the prompt ends the session as it ends the REPL; start another.
                driver = makeDriver()
                recent.append("<new session after exit>")
            }
            if driver.isAnswering {
                report.questionsAnswered += 1
                if random.chance(20) {
                    _ = timed("<Ctrl-C>") { driver.cancelQuestion() }
                } else {
                    let answer = grammar.answer()
                    _ = timed(answer) { driver.feed(answer) }
                }
                continue
            }
            if driver.assembler.isContinuing && random.chance(25) {
                // Ctrl-C drops a half-typed entry (an unterminated heredoc would otherwise
                // swallow the rest of the session).
                trace?("<Ctrl-C>")
                driver.interrupt()
                recent.append("<Ctrl-C>")
                continue
            }
            let attached = driver.shell.session.attachedContainer != nil
            if attached { report.containerShellLines += 1 }
            if driver.shell.promptLabel != nil { report.lessonLines += 1 }
            switch grammar.chunk(attached: attached) {
            case .bytes(let bytes):
                _ = timed(String(decoding: bytes, as: UTF8.self)) { driver.feed(bytes: bytes) + flush() }
            case .lines(let lines):
                // Typed one at a time (flushed as the interactive loop does when no more input
                // is pending), or pasted (flushed once at the end).
                let pasted = random.chance(30)
                let checkUndo = !driver.assembler.isContinuing && !driver.assembler.isHoldingDockerfile && random.int(100) < undoCheckPercent
                    && !lines.contains { Shell.undoWord($0) != nil }
                let before = driver.shell.session
                let undoDepth = driver.shell.undoStack.count
                for (index, line) in lines.enumerated() where report.lines < count {
                    if driver.isAnswering || driver.stopped { break }
                    if random.chance(10) {
                        // Tab at some point of the line, as the interactive loop offers it.
                        let completer = Completer(session: driver.shell.session, catalog: driver.shell.services.catalog)
                        let cut = random.int(line.count + 1)
                        _ = completer.complete(String(line.prefix(cut)))
                    }
                    _ = driver.prompt
                    let last = index == lines.count - 1
                    _ = timed(line) { driver.feed(line) + (pasted && !last ? [] : flush()) }
                }
                if checkUndo { checkUndoRedo(before: before, undoDepth: undoDepth, line: lines.joined(separator: "\n")) }
            }
        }
        return report
    }

    /// What differs between two sessions as undo sees them (nil when nothing does).
    static func difference(_ a: Session, _ b: Session) -> String? {
        guard Shell.changed(from: a, to: b) else { return nil }
        if a.cwd != b.cwd { return "cwd \(a.cwd) != \(b.cwd)" }
        if a.workspace != b.workspace {
            let paths = Set(a.workspace.entries.keys).union(b.workspace.entries.keys).filter { a.workspace[$0] != b.workspace[$0] }
            return "workspace differs at " + paths.sorted().prefix(4).joined(separator: ", ")
        }
        if a.modified != b.modified { return "modification times differ" }
        var parts: [String] = []
        if a.engine.images != b.engine.images { parts.append("images") }
        if a.engine.buildKitCache != b.engine.buildKitCache { parts.append("build cache") }
        if a.engine.containers != b.engine.containers { parts.append("containers") }
        if a.engine.registries != b.engine.registries { parts.append("registries") }
        if a.engine.lastBuild != b.engine.lastBuild { parts.append("last build") }
        return "engine differs: " + (parts.isEmpty ? "other fields" : parts.joined(separator: ", "))
    }
}

/// Accepts every export and writes nothing.
struct DiscardingExportWriter: ExportFileWriter {
    func write(_ text: String, to path: String, force: Bool) -> Result<String, ExportMessage> {
        .success("/fuzz/" + path)
    }
}
