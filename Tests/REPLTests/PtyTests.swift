import Foundation
import Testing

/// Drives the real executable in a pseudo-terminal through tmux (send-keys, capture-pane):
/// libedit's history, completion, Ctrl-C and Ctrl-D, and the fallback reader. Each test has
/// its own tmux server socket and state directory. The screen is polled with a generous
/// timeout rather than read after fixed sleeps, so a slow machine only makes tests slower.
@Suite(.serialized, .enabled(if: Tmux.path != nil, "tmux is not installed: pseudo-terminal tests skipped"))
struct PtyTests {
    @Test func upArrowRecallsTheLastLine() throws {
        let tmux = try Tmux()
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        try tmux.enter("echo first-line")
        tmux.send(keys: "Up")
        try tmux.waitFor { $0.lastLine == "dockyard:/app> echo first-line" }
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.filter { $0 == "first-line" }.count == 2 }
    }

    @Test func tabCompletesCommandsDockerSubcommandsAndFiles() throws {
        let tmux = try Tmux()
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        try tmux.enter("echo hello > requirements.txt")
        tmux.send(literal: "ca")
        tmux.send(keys: "Tab")
        try tmux.waitFor { $0.lastLine == "dockyard:/app> cat" }
        tmux.send(literal: "req")
        tmux.send(keys: "Tab")
        try tmux.waitFor { $0.lastLine?.hasPrefix("dockyard:/app> cat requirements.txt") == true }
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains("hello") }
        try tmux.waitFor { $0.lastLine == "dockyard:/app>" }
        tmux.send(literal: "docker pu")
        tmux.send(keys: "Tab")
        try tmux.waitFor { screen in
            // Two candidates (pull, push): libedit lists them below the line.
            let lines = screen.lines
            return lines.contains { $0.hasPrefix("pull") && $0.contains("push") }
        }
    }

    @Test func ctrlCClearsTheLineAndKeepsTheSession() throws {
        let tmux = try Tmux()
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        tmux.send(literal: "echo should-not-run")
        try tmux.waitFor { $0.contains("echo should-not-run") }
        tmux.send(keys: "C-c")
        try tmux.waitFor { $0.contains("^C") }
        tmux.send(literal: "pwd")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains("/app") }
        #expect(!tmux.capture().lines.contains("should-not-run"))
        #expect(!tmux.capture().contains("[dockyard exited"))
    }

    @Test func ctrlDOnAnEmptyLineExits() throws {
        let tmux = try Tmux()
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        tmux.send(keys: "C-d")
        try tmux.waitFor { $0.contains("[dockyard exited 0]") }
    }

    @Test func heredocShowsTheContinuationPrompt() throws {
        let tmux = try Tmux()
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        try tmux.enter("cat > notes.txt <<EOF", next: ">")
        try tmux.enter("héllo wörld", prompt: ">")
        try tmux.enter("EOF", prompt: ">", next: "dockyard:/app>")
        try tmux.enter("cat notes.txt")
        #expect(tmux.capture().lines.contains("héllo wörld"))
    }

    @Test func historyPersistsAcrossSessions() throws {
        let state = Tmux.makeStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        do {
            let tmux = try Tmux(stateDirectory: state)
            defer { tmux.stop() }
            try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
            try tmux.enter("echo remembered")
            tmux.send(keys: "C-d")
            try tmux.waitFor { $0.contains("[dockyard exited 0]") }
        }
        #expect(FileManager.default.fileExists(atPath: state + "/dockyard/history"))
        let tmux = try Tmux(stateDirectory: state)
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        tmux.send(keys: "Up")
        try tmux.waitFor { $0.lastLine == "dockyard:/app> echo remembered" }
    }

    /// `docker login -u` at a terminal asks `Password: ` with echo off; the password never
    /// shows on screen or in the saved history; Ctrl-C at a prompt cancels only the login.
    @Test(arguments: [false, true])
    func loginAsksForAPasswordWithoutEcho(plainReader: Bool) throws {
        let state = Tmux.makeStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let tmux = try Tmux(stateDirectory: state, environment: plainReader ? ["DOCKYARD_NO_LIBEDIT": "1"] : [:])
        defer { tmux.stop() }
        try tmux.enter("docker login -u alice localhost:5000", next: "Password:")
        tmux.send(literal: "hunter22")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains("Login Succeeded") && $0.lastLine == "dockyard:/app>" }
        try tmux.enter("docker login localhost:5000")
        try tmux.enter("docker logout localhost:5000")
        try tmux.enter("docker login localhost:5000", next: "Username:")
        tmux.send(literal: "alice")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lastLine == "Password:" }
        tmux.send(literal: "half")
        tmux.send(keys: "C-c")
        try tmux.waitFor { $0.lastLine == "dockyard:/app>" }
        try tmux.enter("echo still-here")
        #expect(!tmux.capture().contains("hunter22"))
        #expect(!tmux.capture().contains("half"))
        tmux.send(keys: "C-d")
        try tmux.waitFor { $0.contains("[dockyard exited 0]") }
        let history = (try? String(contentsOfFile: state + "/dockyard/history", encoding: .utf8)) ?? ""
        #expect(history.contains("docker login -u alice localhost:5000"))
        #expect(!history.contains("hunter22") && !history.contains("alice\n"))
    }

    @Test func fallbackReaderWorksWithLibeditHidden() throws {
        let tmux = try Tmux(environment: ["DOCKYARD_NO_LIBEDIT": "1"])
        defer { tmux.stop() }
        try tmux.waitFor { $0.lines.contains("dockyard:/app>") }
        try tmux.enter("mkdir src")
        try tmux.enter("cd src", next: "dockyard:/app/src>")
        tmux.send(literal: "half-typed")
        tmux.send(keys: "C-c")
        try tmux.waitFor { $0.contains("^C") }
        tmux.send(literal: "pwd")
        tmux.send(keys: "Enter")
        try tmux.waitFor { $0.lines.contains("/app/src") }
        // Tab is a plain character here: no completion list appears.
        tmux.send(keys: "C-d")
        try tmux.waitFor { $0.contains("[dockyard exited 0]") }
    }
}

/// One tmux server (own socket) running dockyard in a 100x40 pane.
final class Tmux {
    static let path: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func makeStateDirectory() -> String {
        let dir = NSTemporaryDirectory() + "dockyard-pty-\(getpid())-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    let socket = "dockyard-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    let stateDirectory: String
    let timeout: TimeInterval = 30

    /// Whether `stop()` deletes the state directory (not when the caller passed one in).
    let ownsStateDirectory: Bool

    init(stateDirectory: String? = nil, environment: [String: String] = [:], arguments: [String] = []) throws {
        guard let binary = DockyardBinary.url else { throw DockyardBinary.BinaryMissing() }
        self.ownsStateDirectory = stateDirectory == nil
        let stateDirectory = stateDirectory ?? Tmux.makeStateDirectory()
        self.stateDirectory = stateDirectory
        var env = ["XDG_STATE_HOME": stateDirectory, "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        for (k, v) in environment { env[k] = v }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        let argv = ([binary.path] + arguments).map(Tmux.quote).joined(separator: " ")
        let command = "env \(assignments) \(argv); echo \"[dockyard exited $?]\"; sleep 600"
        try run(["new-session", "-d", "-s", "main", "-x", "100", "-y", "40", command])
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux with a clean signal mask and default dispositions (the test runner blocks
    /// most signals, and tmux, its server and dockyard would inherit that), returning what
    /// it printed.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let argv = [Tmux.path ?? "tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnFailed() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // Only capture-pane's output is read: the server that new-session starts would keep
        // a captured pipe open for its whole life.
        if arguments.first == "capture-pane" {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, environ)
        close(fds[1])
        defer { close(fds[0]) }
        guard spawned == 0 else { throw SpawnFailed() }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: data, as: UTF8.self)
    }

    struct SpawnFailed: Error {}

    /// Types a line once `prompt` is showing, waits for its echo, presses Enter and waits
    /// for `next` (default: the same prompt) to show up as the last line, so nothing is
    /// typed ahead of the reader.
    func enter(_ text: String, prompt: String = "dockyard:/app>", next: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor({ $0.lastLine == prompt }, sourceLocation: sourceLocation)
        send(literal: text)
        try waitFor({ $0.lastLine == "\(prompt) \(text)" }, sourceLocation: sourceLocation)
        send(keys: "Enter")
        try waitFor({ $0.lastLine == (next ?? prompt) && $0.lines.contains("\(prompt) \(text)") }, sourceLocation: sourceLocation)
    }

    func send(literal text: String) { _ = try? run(["send-keys", "-t", "main", "-l", text]) }
    func send(keys: String) { _ = try? run(["send-keys", "-t", "main", keys]) }

    func capture() -> String { (try? run(["capture-pane", "-p", "-t", "main"])) ?? "" }

    /// Polls the screen until `predicate` holds; fails with the screen after the timeout.
    func waitFor(_ predicate: (String) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if predicate(screen) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for the screen; it shows:\n\(screen)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    struct TimedOut: Error {}

    func stop() {
        _ = try? run(["kill-server"])
        if ownsStateDirectory { try? FileManager.default.removeItem(atPath: stateDirectory) }
    }
}

extension String {
    /// The last non-empty screen line.
    var lastLine: String? { lines.last(where: { !$0.isEmpty }) }

    /// Screen lines with trailing blanks removed.
    var lines: [String] {
        split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var l = String(line)
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }
    }
}
