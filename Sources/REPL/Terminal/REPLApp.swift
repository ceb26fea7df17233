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

/// The front ends: script mode (a file, or stdin that is not a terminal) and the interactive
/// loop. Both are thin layers over `InputDriver`.
public enum REPLApp {
    public static func run(_ options: REPLOptions) -> Int32 {
        if options.scriptPath != nil || !SystemIO.isTerminal(0) {
            return runScript(options)
        }
        return runInteractive(options)
    }

    static func makeDriver(_ options: REPLOptions, interactive: Bool, editor: (any ExternalEditor)?) -> InputDriver {
        let start = options.clock == .real ? Timestamp(secondsSince1970: SystemIO.wallClockSeconds()) : SimulatedClock.fixedStart
        var session = Session(clock: SimulatedClock(mode: options.clock, start: start))
        session.explainAfterBuild = options.explain
        var driver = InputDriver(shell: Shell(session: session, editor: editor), strict: options.strict, numbersInputErrors: !interactive)
        if options.clock == .real {
            driver.wallClock = { Timestamp(secondsSince1970: SystemIO.wallClockSeconds()) }
        }
        return driver
    }

    static func emit(_ outputs: [InputDriver.Output]) {
        for output in outputs {
            if !output.result.stdout.isEmpty { SystemIO.write(output.result.stdout, to: 1) }
            if !output.result.stderr.isEmpty { SystemIO.write(output.result.stderr, to: 2) }
        }
    }

    // MARK: Script mode

    static func runScript(_ options: REPLOptions) -> Int32 {
        var fd: Int32 = 0
        if let path = options.scriptPath, path != "-" {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                SystemIO.write("dockyard: \(path): \(String(cString: strerror(errno)))\n", to: 2)
                return 127
            }
        }
        defer { if fd != 0 { close(fd) } }
        var source = FileLineSource(fd: fd)
        var driver = makeDriver(options, interactive: false, editor: nil)
        while !driver.stopped {
            guard case .line(let bytes) = source.next() else { break }
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

    /// The prompt: `dockyard:/app> `, in colour when enabled. libedit needs non-printing
    /// bytes between \u{1} markers so that it can measure the prompt.
    public static func prompt(cwd: String, color: Bool, markers: Bool) -> String {
        guard color else { return "dockyard:\(cwd)> " }
        let (open, close) = markers ? ("\u{1}", "\u{1}") : ("", "")
        func paint(_ text: String, _ code: String) -> String {
            open + "\u{1B}[\(code)m" + close + text + open + "\u{1B}[0m" + close
        }
        return paint("dockyard", "1;36") + ":" + paint(cwd, "1;34") + "> "
    }

    static func runInteractive(_ options: REPLOptions) -> Int32 {
        let color = colorEnabled(options)
        let stateDir = SystemIO.stateDirectory
        var history = HistoryFile(directory: stateDir)
        let editor: (any ExternalEditor)? = stateDir.map { TerminalEditor(stateDirectory: $0) }
        var driver = makeDriver(options, interactive: true, editor: editor)
        driver.shell.session.history = history.lines

        var reader: any LineReader
        if let libedit = LibeditLineReader(completer: { _ in Completion() }) {
            reader = libedit
        } else {
            reader = PlainLineReader(showsPrompt: true, catchesInterrupt: true)
        }
        for line in history.lines { reader.addHistory(line) }

        SystemIO.write("Dockyard \(options.version): a Docker simulator for learning images, layers and the build cache.\n")
        SystemIO.write("Type \"help\" for the commands, \"lessons\" for guided lessons, \"exit\" or Ctrl-D to leave.\n")

        while !driver.stopped {
            let completer = Completer(session: driver.shell.session, catalog: driver.shell.services.catalog)
            CompletionBridge.completer = { completer.complete($0) }
            let continuing = driver.assembler.isContinuing || driver.assembler.isHoldingDockerfile
            let prompt = continuing ? "> " : REPLApp.prompt(cwd: driver.shell.session.cwd, color: color, markers: reader.name == "libedit")
            switch reader.readLine(prompt: prompt) {
            case .interrupted:
                SystemIO.write("^C\n")
                driver.interrupt()
            case .end:
                SystemIO.write("\n")
                emit(driver.finish())
                return driver.shell.session.exitRequest ?? 0
            case .line(let bytes):
                let text = String(decoding: bytes, as: UTF8.self)
                if !text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    reader.addHistory(text)
                    history.append(text)
                }
                emit(driver.feed(bytes: bytes))
                if !driver.assembler.isContinuing && !reader.hasPendingInput {
                    emit(driver.flush())
                }
                if driver.shell.session.clearRequested {
                    driver.shell.session.clearRequested = false
                    if SystemIO.isTerminal(1) { SystemIO.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") }
                }
            }
        }
        emit(driver.finish())
        return driver.shell.session.exitRequest ?? 0
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
