/// A shell a learner types into, one line at a time (`docker run -it IMAGE sh`,
/// `docker exec -it C sh`). Unlike a RUN, variables, functions and the working directory
/// carry over from line to line; `exit` ends the session.
public struct InteractiveShell: Hashable, Sendable {
    /// The program the learner started (`sh`, `/bin/bash`); it words errors and the prompt.
    public let shell: String
    public let user: String
    /// The container's hostname (its short ID in Docker), shown by bash's prompt.
    public let hostname: String
    /// The container's main process when this shell was exec'd beside it (see
    /// `ShellInvocation.pidOne`).
    public let pidOne: String?
    /// Set once the learner typed `exit` (or the shell died): the status the container exits with.
    public private(set) var exitStatus: Int32?
    private var state: ShellRun.SavedState

    /// `filesystem` is the container's tree at start (it decides HOME for the user).
    public init(shell: String = "sh", environment: [String: String], workingDirectory: String = "/", user: String = "root",
                hostname: String = "buildkitsandbox", filesystem: FileTree = FileTree(), pidOne: String? = nil) {
        self.shell = shell
        self.user = user.isEmpty ? "root" : user
        self.hostname = hostname
        self.pidOne = pidOne
        let run = ShellRun(filesystem: filesystem, invocation: ShellInvocation(argv: [shell], environment: environment, workingDirectory: workingDirectory, user: user, pidOne: pidOne))
        state = run.savedState
    }

    /// The current working directory.
    public var workingDirectory: String { state.cwd }
    /// The exported environment (what `env` prints).
    public var environment: [String: String] {
        var env: [String: String] = [:]
        for name in state.exported { if let v = state.vars[name] { env[name] = v } }
        return env
    }
    /// Status of the last command (`$?`).
    public var lastStatus: Int32 { state.lastStatus }

    /// The prompt as the image's shell prints it for this user and directory.
    public func prompt(on filesystem: FileTree) -> String {
        let root = user == "root" || user == "0"
        if shell.shellBaseName == "bash" {
            let home = state.vars["HOME"] ?? "/root"
            let dir = state.cwd == home ? "~" : (state.cwd.hasPrefix(home + "/") ? "~" + state.cwd.dropFirst(home.count) : state.cwd)
            return "\(user)@\(hostname):\(dir)\(root ? "#" : "$") "
        }
        if ShellDistro.detect(in: filesystem).family == .alpine { return "\(state.cwd) \(root ? "#" : "$") " }
        return root ? "# " : "$ "
    }

    /// Runs one line (or a pasted block) against the container's filesystem.
    public mutating func run(_ line: String, on filesystem: FileTree) -> ShellOutcome {
        guard exitStatus == nil else {
            return ShellOutcome(exitCode: exitStatus ?? 0, output: [], filesystem: filesystem, duration: 0)
        }
        let invocation = ShellInvocation(argv: [shell], environment: [:], workingDirectory: state.cwd, user: user, pidOne: pidOne)
        let sh = ShellRun(filesystem: filesystem, invocation: invocation)
        sh.restore(state)
        sh.flavor = SimulatedShell.flavor(of: shell, in: sh)
        sh.interactive = true
        var exited = false
        let status = sh.runInteractiveLine(line, exited: &exited)
        sh.lastStatus = status
        state = sh.savedState
        if exited { exitStatus = status }
        var lines = sh.log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return ShellOutcome(exitCode: status, output: lines, filesystem: sh.fs, duration: SimulatedShell.rounded(sh.duration), notes: sh.notes)
    }
}

extension ShellRun {
    /// Like `runScript`, but reports whether `exit` ran, and an interactive shell survives
    /// errors that would end a script (a failed special builtin, a syntax error).
    func runInteractiveLine(_ text: String, exited: inout Bool) -> Int32 {
        guard text.utf8.count <= ShellRun.maxScriptLength else {
            stderrLine("\(scriptName): line too long for the simulated shell")
            return 2
        }
        let node: ShellNode
        do {
            node = try ShellParser.parse(text)
        } catch {
            stderrLine(flavor == .dash ? "\(scriptName): \(error.line): \(error.message)" : "\(scriptName): \(error.message)")
            return 2
        }
        do {
            return try execute(node)
        } catch let e as ShellExit {
            exited = e.endsInteractiveShell
            return e.status
        } catch let r as ShellFunctionReturn {
            return r.status
        } catch is ShellLoopControl {
            return 0
        } catch {
            stderrLine("\(scriptName): \((error as? ShellBudgetExceeded ?? .loops).reason)")
            return 2
        }
    }
}
