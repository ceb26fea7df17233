import Engine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the executable asked to run.
public struct REPLOptions: Sendable {
    /// A script of REPL lines to run instead of reading stdin.
    public var scriptPath: String?
    public var noColor: Bool
    /// Print each input line after a prompt (script mode), so output reads like a session.
    public var echo: Bool
    /// Stop a script at the first failing line.
    public var strict: Bool
    public var clock: SimulatedClock.Mode
    public var version: String
    /// Lines run before any input, as if typed (`dockyard lesson 3` starts with `lesson 3`).
    public var startLines: [String] = []
    /// Print the teaching views after builds (`--no-explain` turns them off).
    public var explain = true

    public init(scriptPath: String? = nil, noColor: Bool = false, echo: Bool = false, strict: Bool = false, clock: SimulatedClock.Mode = .real, version: String = "") {
        self.scriptPath = scriptPath
        self.noColor = noColor
        self.echo = echo
        self.strict = strict
        self.clock = clock
        self.version = version
    }
}

/// How the executable wires later work into the REPL without touching the front ends.
public struct REPLSetUp {
    /// Makes the shell for a new session: install the Docker and Dockerfile handlers here,
    /// insert lesson handlers into `handlers`, add catalog entries.
    public var makeShell: (_ session: Session, _ editor: (any ExternalEditor)?) -> Shell
    /// Extra Tab-completion sources for the current state (image names, lesson numbers).
    public var completionSources: (_ shell: Shell) -> [Completer.Source]

    public init(
        makeShell: @escaping (Session, (any ExternalEditor)?) -> Shell = { Shell(session: $0, editor: $1) },
        completionSources: @escaping (Shell) -> [Completer.Source] = { _ in [] }
    ) {
        self.makeShell = makeShell
        self.completionSources = completionSources
    }
}

/// The front ends: script mode (a file, or stdin that is not a terminal) and the interactive
/// loop. Both are thin layers over `InputDriver`.
public enum REPLApp {
    public static func run(_ options: REPLOptions, setUp: REPLSetUp = REPLSetUp()) -> Int32 {
        if options.scriptPath != nil || !SystemIO.isTerminal(0) {
            return runScript(options, setUp: setUp)
        }
        return runInteractive(options, setUp: setUp)
    }

    static func makeDriver(_ options: REPLOptions, setUp: REPLSetUp, interactive: Bool, editor: (any ExternalEditor)?) -> InputDriver {
        let start = options.clock == .real ? Timestamp(secondsSince1970: SystemIO.wallClockSeconds()) : SimulatedClock.fixedStart
        var session = Session(clock: SimulatedClock(mode: options.clock, start: start))
        session.explainAfterBuild = options.explain
        // Interactive input comes from a person at the terminal, who can answer Docker's
        // questions (login prompts, a prune's [y/N]); a script cannot.
        session.terminal.stdinIsTerminal = interactive
        var driver = InputDriver(shell: setUp.makeShell(session, editor), strict: options.strict, numbersInputErrors: !interactive)
        if options.clock == .real {
            driver.wallClock = { Timestamp(secondsSince1970: SystemIO.wallClockSeconds()) }
        }
        return driver
    }

    /// Writes script-mode results as they are.
    static func emit(_ outputs: [InputDriver.Output]) {
        for output in outputs {
            for chunk in output.result.inTerminalOrder { SystemIO.write(chunk.text, to: chunk.isError ? 2 : 1) }
        }
    }

    // MARK: Script mode

    static func runScript(_ options: REPLOptions, setUp: REPLSetUp) -> Int32 {
        var fd: Int32 = 0
        if let path = options.scriptPath, path != "-" {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                SystemIO.write("dockyard: \(path): \(String(cString: strerror(errno)))\n", to: 2)
                return 127
            }
            var info = stat()
            if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                SystemIO.write("dockyard: \(path): Is a directory\n", to: 2)
                return 126
            }
        }
        defer { if fd != 0 { close(fd) } }
        var source = FileLineSource(fd: fd)
        var driver = makeDriver(options, setUp: setUp, interactive: false, editor: nil)
        for line in options.startLines {
            if options.echo { SystemIO.write(driver.prompt + line + "\n", to: 1) }
            emit(driver.feed(line))
            emit(driver.flush())
        }
        reading: while !driver.stopped {
            let bytes: [UInt8]
            switch source.next() {
            case .line(let line): bytes = line
            case .interrupted: continue reading
            case .end: break reading
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if !driver.continues(text) { emit(driver.flush()) }
            if options.echo {
                SystemIO.write((driver.continues(text) ? "> " : driver.prompt) + text + "\n", to: 1)
            }
            emit(driver.feed(bytes: bytes))
            driver.shell.session.clearRequested = false
        }
        emit(driver.finish())
        return driver.shell.session.exitRequest ?? (driver.failures > 0 ? 1 : 0)
    }

    // MARK: Interactive mode

    static func colorEnabled(_ options: REPLOptions) -> Bool {
        if options.noColor { return false }
        if let noColor = SystemIO.environment("NO_COLOR"), !noColor.isEmpty { return false }
        if SystemIO.environment("TERM") == "dumb" { return false }
        return SystemIO.isTerminal(1)
    }

    /// The prompt: `dockyard:/app> ` (`dockyard[3.2]:/app> ` in lesson 3 step 2), in colour
    /// when enabled. libedit needs non-printing bytes between \u{1} markers so that it can
    /// measure the prompt.
    public static func prompt(cwd: String, color: Bool, markers: Bool, label: String? = nil) -> String {
        let where_ = label.map { "[\($0)]" } ?? ""
        guard color else { return "dockyard\(where_):\(cwd)> " }
        let (open, close) = markers ? ("\u{1}", "\u{1}") : ("", "")
        func paint(_ text: String, _ code: String) -> String {
            open + "\u{1B}[\(code)m" + close + text + open + "\u{1B}[0m" + close
        }
        return paint("dockyard", "1;36") + (label.map { "[" + paint($0, "1;33") + "]" } ?? "") + ":" + paint(cwd, "1;34") + "> "
    }

    static func runInteractive(_ options: REPLOptions, setUp: REPLSetUp) -> Int32 {
        let color = colorEnabled(options)
        let stateDir = SystemIO.stateDirectory
        var history = HistoryFile(directory: stateDir)
        let editor: (any ExternalEditor)? = stateDir.map { TerminalEditor(stateDirectory: $0) }
        var driver = makeDriver(options, setUp: setUp, interactive: true, editor: editor)
        driver.shell.session.history = history.lines
        // Docker's output takes its terminal forms (BuildKit's progress screen, pull and push
        // status per layer) and the teaching views their colours, at the terminal's width.
        driver.shell.session.terminal.isTerminal = SystemIO.isTerminal(1)
        driver.shell.session.terminal.colour = color
        driver.shell.session.terminal.width = SystemIO.terminalColumns() ?? 80

        var reader: any LineReader
        if let libedit = LibeditLineReader(completer: { _ in Completion() }) {
            reader = libedit
        } else {
            reader = PlainLineReader(showsPrompt: true, catchesInterrupt: true)
        }
        for line in history.lines { reader.addHistory(line) }

        // Two lines, each under 80 columns.
        SystemIO.write("Dockyard \(options.version): a Docker simulator - images, layers and the build cache.\n")
        SystemIO.write("Type \"help\" for commands, \"lessons\" for guided lessons, Ctrl-D to leave.\n")

        for line in options.startLines {
            emit(driver.feed(line))
            emit(driver.flush())
        }
        var loop = InteractiveLoop(driver: driver, color: color, completionSources: setUp.completionSources)
        loop.recordHistory = { history.append($0) }
        loop.clearScreen = { if SystemIO.isTerminal(1) { SystemIO.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") } }
        loop.terminalColumns = { SystemIO.terminalColumns() }
        return loop.run(&reader)
    }
}

/// The interactive read-run loop, with its I/O passed in so that tests can drive it with a
/// `ScriptedLineReader`.
public struct InteractiveLoop {
    public var driver: InputDriver
    public var color: Bool
    public var completionSources: (Shell) -> [Completer.Source]
    /// Where output goes: text and file descriptor (1 stdout, 2 stderr).
    public var write: (String, Int32) -> Void = { SystemIO.write($0, to: $1) }
    /// Receives each non-blank line typed (the persistent history).
    public var recordHistory: (String) -> Void = { _ in }
    /// Clears the screen after `clear`.
    public var clearScreen: () -> Void = {}
    /// The terminal's current width, read before each command so a resized window is
    /// followed (unless `set width` fixed one).
    public var terminalColumns: () -> Int? = { nil }

    public init(driver: InputDriver, color: Bool = false, completionSources: @escaping (Shell) -> [Completer.Source] = { _ in [] }) {
        self.driver = driver
        self.color = color
        self.completionSources = completionSources
    }

    /// Reads and runs lines until `exit` or end of input; returns the exit status.
    public mutating func run(_ reader: inout any LineReader) -> Int32 {
        while !driver.stopped {
            let completer = Completer(session: driver.shell.session, catalog: driver.shell.services.catalog,
                                      extraSources: completionSources(driver.shell))
            CompletionBridge.completer = { completer.complete($0) }
            if let question = driver.shell.session.question {
                // A command asked something: the line read is its answer (never history).
                let event = question.request.secret ? reader.readSecret(prompt: question.request.prompt)
                                                    : reader.readLine(prompt: question.request.prompt)
                switch event {
                case .line(let bytes): emit(driver.feed(bytes: bytes))
                case .interrupted: write("^C\n", 1); emit(driver.cancelQuestion())
                case .end: write("\n", 1); emit(driver.cancelQuestion())
                }
                continue
            }
            let continuing = driver.assembler.isContinuing || driver.assembler.isHoldingDockerfile
            // Inside a container shell the prompt is the container's (`# `, `/hello-world # `).
            let containerPrompt = driver.shell.session.containerPrompt
            let prompt = continuing ? "> " : containerPrompt ?? REPLApp.prompt(cwd: driver.shell.session.cwd, color: color, markers: reader.name == "libedit",
                                                                                label: driver.shell.promptLabel)
            switch reader.readLine(prompt: prompt) {
            case .interrupted:
                // Ctrl-C drops the line being typed; a container shell stays attached.
                write("^C\n", 1)
                driver.interrupt()
            case .end where containerPrompt != nil:
                // Ctrl-D in a container shell leaves the container, not Dockyard.
                write("\n", 1)
                driver.interrupt()
                emit(driver.feed("exit"))
            case .end:
                write("\n", 1)
                emit(driver.finish())
                return driver.shell.session.exitRequest ?? 0
            case .line(let bytes):
                if !driver.shell.session.terminal.widthIsFixed, let columns = terminalColumns() {
                    driver.shell.session.terminal.width = columns
                }
                let text = String(decoding: bytes, as: UTF8.self)
                if !text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    reader.addHistory(text)
                    recordHistory(text)
                }
                emit(driver.feed(bytes: bytes))
                if !driver.assembler.isContinuing && !reader.hasPendingInput {
                    emit(driver.flush())
                }
                if driver.shell.session.clearRequested {
                    driver.shell.session.clearRequested = false
                    clearScreen()
                }
            }
        }
        emit(driver.finish())
        return driver.shell.session.exitRequest ?? 0
    }

    /// Output without a final newline gets one, so the next prompt starts on its own line.
    /// The streams are written in the order the command wrote them.
    func emit(_ outputs: [InputDriver.Output]) {
        for output in outputs {
            let chunks = output.result.inTerminalOrder
            let lastOut = chunks.lastIndex { !$0.isError }
            for (i, chunk) in chunks.enumerated() {
                var text = chunk.text
                if i == lastOut && !text.hasSuffix("\n") { text += "\n" }
                write(text, chunk.isError ? 2 : 1)
            }
        }
    }
}

/// Persistent history: one physical line per line of `history` in the state directory, the
/// last 1000 kept, rewritten atomically. The directory is created only when something is
/// saved.
struct HistoryFile {
    static let limit = 1000
    let path: String?
    let directory: String?
    private(set) var lines: [String] = []

    init(directory: String?) {
        self.directory = directory
        self.path = directory.map { $0 + "/history" }
        if let path, let data = SystemIO.readFile(path) {
            lines = InputLine.split(data).compactMap { try? InputLine.decode($0).get() }.filter { !$0.isEmpty }
            lines = Array(lines.suffix(HistoryFile.limit))
        }
    }

    mutating func append(_ line: String) {
        guard !line.contains("\n"), line.utf8.count <= 4096 else { return }
        if lines.last == line { return }
        lines.append(line)
        if lines.count > HistoryFile.limit { lines.removeFirst(lines.count - HistoryFile.limit) }
        guard let directory, let path, SystemIO.makeDirectories(directory) else { return }
        SystemIO.writeFileAtomically(path, Array(lines.map { $0 + "\n" }.joined().utf8))
    }
}
