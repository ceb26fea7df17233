/// The interpreter: walks the syntax tree against a `FileTree`, expanding words, routing
/// output through redirections and pipes, and dispatching commands to simulated programs.

/// Thrown by `exit`, by `set -e` failures and by `${x:?}`: unwinds to the enclosing shell.
struct ShellExit: Error {
    var status: Int32
    /// `exit` and `set -e` end an interactive shell too; other fatal errors only end scripts.
    var endsInteractiveShell = false
}
/// `break [n]` / `continue [n]`: unwinds to the enclosing loop.
struct ShellLoopControl: Error {
    var isBreak: Bool
    var levels: Int
}

/// Thrown when the run exceeds its work budget (runaway loop, recursion, data growth).
struct ShellBudgetExceeded: Error {
    var reason: String
    static let loops = ShellBudgetExceeded(reason: "stopped after \(ShellRun.maxSteps) commands (the simulated shell limits loops)")
    static let nesting = ShellBudgetExceeded(reason: "stopped: nesting too deep for the simulated shell")
    static let data = ShellBudgetExceeded(reason: "stopped: more data than the simulated shell handles")
}

/// Where a file descriptor's output goes.
enum ShellOutputSink: Hashable {
    case log
    case null
    case buffer(Int)
    case file(String)
}

/// What a simulated program receives and produces.
struct ShellCommandIO {
    var stdin: String?
    var environment: [String: String]
    /// (fd, text) in the order written, so stdout and stderr interleave as in a build log.
    var chunks: [(fd: Int, text: String)] = []
    var duration: Double = 0
    var notes: [String] = []

    mutating func out(_ s: String) { chunks.append((1, s)) }
    mutating func err(_ s: String) { chunks.append((2, s)) }
    mutating func outLine(_ s: String) { chunks.append((1, s + "\n")) }
    mutating func errLine(_ s: String) { chunks.append((2, s + "\n")) }
}

/// The flavour of `/bin/sh` in the image decides how errors are worded.
enum ShellFlavor: Hashable, Sendable {
    case dash, bash, ash

    /// Interactive bash leaves out `line N:`, as it does at a terminal.
    func notFound(_ name: String, shell: String, line: Int, interactive: Bool = false) -> String {
        switch self {
        case .dash: return "\(shell): \(line): \(name): not found"
        case .bash: return interactive ? "\(shell): \(name): command not found" : "\(shell): line \(line): \(name): command not found"
        case .ash: return "\(shell): \(name): not found"
        }
    }
    func error(_ message: String, shell: String, line: Int, interactive: Bool = false) -> String {
        switch self {
        case .dash: return "\(shell): \(line): \(message)"
        case .bash: return interactive ? "\(shell): \(message)" : "\(shell): line \(line): \(message)"
        case .ash: return "\(shell): line \(line): \(message)"
        }
    }
}

final class ShellRun {
    static let maxSteps = 20_000
    static let maxScriptLength = 256 * 1024
    static let maxSubstitutionDepth = 12
    static let maxCallDepth = 64
    static let maxLogLength = 2 * 1024 * 1024
    static let maxWorkBytes = 256 * 1024 * 1024
    /// Longest single word an expansion may build (a real shell would run out of memory).
    static let maxWordLength = 8 * 1024 * 1024
    static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    var fs: FileTree
    var vars: [String: String]
    var exported: Set<String>
    var cwd: String
    let user: String
    var log = ""
    var logTruncated = false
    var duration: Double = 0
    var notes: [String] = []
    var lastStatus: Int32 = 0
    var errexit = false
    var nounset = false
    var xtrace = false
    var pipefail = false
    var positional: [String] = []
    var scriptName: String
    /// See `ShellInvocation.pidOne`.
    var pidOne: String?
    var functions: [String: ShellNode] = [:]
    var steps = 0
    var substitutionDepth = 0
    var callDepth = 0
    var workBytes = 0
    /// Loops currently running (break/continue outside a loop do nothing, as in dash).
    var loopDepth = 0
    /// A shell typed into (InteractiveShell): error wording differs slightly.
    var interactive = false
    var redirectFailureStatus: Int32 = 2
    var testCommandName = "test"
    var testErrorReported = false
    var currentLine = 1
    var flavor: ShellFlavor = .dash
    var stdoutSink: ShellOutputSink = .log
    var stderrSink: ShellOutputSink = .log
    var buffers: [Int: String] = [:]
    var nextBuffer = 0
    /// Suppresses `set -e` inside if/while conditions and the left side of && / ||.
    var errexitSuppressed = 0
    /// Whether the image has a shell, which implies the base utilities (see README).
    var hasBaseUtilities: Bool
    let distro: ShellDistro

    init(filesystem: FileTree, invocation: ShellInvocation) {
        fs = filesystem
        vars = invocation.environment
        exported = Set(invocation.environment.keys)
        cwd = FileTree.normalize(invocation.workingDirectory)
        user = invocation.user.isEmpty ? "root" : invocation.user
        scriptName = invocation.argv.first ?? "sh"
        pidOne = invocation.pidOne
        distro = ShellDistro.detect(in: filesystem)
        hasBaseUtilities = filesystem.shellExists("/bin/sh")
        if vars["PATH"] == nil { vars["PATH"] = ShellRun.defaultPath }
        // The runtime puts HOME in every process's environment when the image does not.
        if vars["HOME"] == nil { vars["HOME"] = homeDirectory(of: user); exported.insert("HOME") }
        if vars["IFS"] == nil { vars["IFS"] = " \t\n" }
        if vars["PWD"] == nil { vars["PWD"] = cwd }
    }

    /// What survives between lines of an interactive shell.
    struct SavedState: Hashable, Sendable {
        var vars: [String: String]
        var exported: Set<String>
        var cwd: String
        var functions: [String: ShellNode]
        var errexit, nounset, xtrace, pipefail: Bool
        var lastStatus: Int32
    }

    var savedState: SavedState {
        SavedState(vars: vars, exported: exported, cwd: cwd, functions: functions, errexit: errexit, nounset: nounset, xtrace: xtrace, pipefail: pipefail, lastStatus: lastStatus)
    }

    func restore(_ s: SavedState) {
        vars = s.vars
        exported = s.exported
        cwd = s.cwd
        functions = s.functions
        errexit = s.errexit
        nounset = s.nounset
        xtrace = s.xtrace
        pipefail = s.pipefail
        lastStatus = s.lastStatus
    }

    // MARK: Output

    func write(_ text: String, to sink: ShellOutputSink) {
        guard !text.isEmpty else { return }
        workBytes += text.utf8.count
        switch sink {
        case .log:
            if log.utf8.count + text.utf8.count > ShellRun.maxLogLength {
                logTruncated = true
                return
            }
            log += text
        case .null: return
        case .buffer(let id):
            if (buffers[id]?.utf8.count ?? 0) < ShellRun.maxLogLength { buffers[id, default: ""] += text }
        case .file(let path):
            var bytes: [UInt8] = []
            if case .file(.bytes(let existing))? = fs[path]?.kind { bytes = existing }
            // A full file stays as it is; appending copies it, which counts as work.
            guard bytes.count < ShellRun.maxLogLength else { return }
            workBytes += bytes.count
            bytes.append(contentsOf: text.utf8)
            fs.shellWrite(path, .bytes(bytes), uid: uid, gid: gid)
        }
    }

    func stderrLine(_ text: String) { write(text + "\n", to: stderrSink) }
    func stdoutLine(_ text: String) { write(text + "\n", to: stdoutSink) }

    func newBuffer() -> Int {
        nextBuffer += 1
        buffers[nextBuffer] = ""
        return nextBuffer
    }
    func takeBuffer(_ id: Int) -> String {
        let text = buffers[id] ?? ""
        buffers[id] = nil
        return text
    }

    func shellError(_ message: String) -> String { flavor.error(message, shell: scriptName, line: currentLine, interactive: interactive) }

    func note(_ text: String) {
        if !notes.contains(text) && notes.count < 100 { notes.append(text) }
    }

    // MARK: Users

    var uid: Int { userRecord(user)?.uid ?? (user == "root" ? 0 : Int(user) ?? 1000) }
    var gid: Int { userRecord(user)?.gid ?? (user == "root" ? 0 : Int(user) ?? 1000) }
    var isRoot: Bool { uid == 0 }

    struct PasswdEntry { var name: String; var uid: Int; var gid: Int; var home: String; var shell: String }

    /// /etc/passwd as last parsed, kept while its bytes are unchanged: `uid`/`gid` read it at
    /// every redirection and file write.
    private var passwdMemo: (bytes: [UInt8], entries: [PasswdEntry])?

    func passwdEntries() -> [PasswdEntry] {
        guard case .file(.bytes(let bytes))? = fs.shellLookup("/etc/passwd")?.kind else { return [] }
        if let memo = passwdMemo, memo.bytes == bytes { return memo.entries }
        let text = String(decoding: bytes, as: UTF8.self)
        let entries: [PasswdEntry] = text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 7, let u = Int(f[2]), let g = Int(f[3]) else { return nil }
            return PasswdEntry(name: f[0], uid: u, gid: g, home: f[5], shell: f[6])
        }
        passwdMemo = (bytes, entries)
        return entries
    }

    func userRecord(_ nameOrID: String) -> PasswdEntry? {
        let spec = nameOrID.split(separator: ":").first.map(String.init) ?? nameOrID
        let entries = passwdEntries()
        if let e = entries.first(where: { $0.name == spec }) { return e }
        if let n = Int(spec) { return entries.first(where: { $0.uid == n }) }
        return nil
    }

    func homeDirectory(of user: String) -> String {
        if let e = userRecord(user) { return e.home }
        return user == "root" || user == "0" ? "/root" : "/"
    }

    func groupName(_ gid: Int) -> String? {
        guard let text = fs.shellText(at: "/etc/group") else { return gid == 0 ? "root" : nil }
        for line in text.split(separator: "\n") {
            let f = line.split(separator: ":", omittingEmptySubsequences: false)
            if f.count >= 3, Int(f[2]) == gid { return String(f[0]) }
        }
        return gid == 0 ? "root" : nil
    }

    /// Write permission on a directory for the current user (root may always write).
    func canWrite(_ dir: String) -> Bool {
        if isRoot { return true }
        guard let real = fs.shellResolve(dir) else { return false }
        let node: FileNode = real == "/" ? .directory() : (fs[real] ?? .directory())
        if node.uid == uid { return node.mode & 0o200 != 0 }
        if node.gid == gid { return node.mode & 0o020 != 0 }
        return node.mode & 0o002 != 0
    }

    func absolute(_ path: String) -> String { FileTree.normalize(path, cwd: cwd) }

    // MARK: Running

    func step() throws {
        steps += 1
        if steps > ShellRun.maxSteps { throw ShellBudgetExceeded.loops }
        if workBytes > ShellRun.maxWorkBytes { throw ShellBudgetExceeded.data }
    }

    /// Counts bytes copied around (output, file appends, expansions); past the limit the next
    /// step stops the script, so doubling loops cannot exhaust memory.
    func chargeWork(_ bytes: Int) throws {
        workBytes += bytes
        if workBytes > ShellRun.maxWorkBytes { throw ShellBudgetExceeded.data }
    }

    /// Runs a script; returns its status. `exit` and errexit end it.
    func runScript(_ text: String) -> Int32 {
        guard text.utf8.count <= ShellRun.maxScriptLength else {
            stderrLine(shellError("script too long for the simulated shell"))
            return 2
        }
        let node: ShellNode
        do {
            node = try ShellParser.parse(text)
        } catch {
            currentLine = error.line
            stderrLine(shellError(error.message))
            return 2
        }
        do {
            return try execute(node)
        } catch let e as ShellExit {
            return e.status
        } catch let r as ShellFunctionReturn {
            return r.status
        } catch is ShellLoopControl {
            return 0
        } catch {
            stderrLine(shellError((error as? ShellBudgetExceeded ?? .loops).reason))
            note("The simulated shell stops scripts that run more than \(ShellRun.maxSteps) commands, nest too deeply or move more than \(ShellRun.maxWorkBytes / 1024 / 1024) MB of data.")
            return 2
        }
    }

    func execute(_ node: ShellNode) throws -> Int32 {
        let status = try executeNode(node)
        lastStatus = status
        return status
    }

    private func executeNode(_ node: ShellNode) throws -> Int32 {
        switch node {
        case .simple(let cmd):
            let status = try runSimple(cmd)
            lastStatus = status
            try checkErrexit(status)
            return status
        case .sequence(let items):
            var status: Int32 = 0
            for item in items { status = try execute(item) }
            return status
        case .andOr(let first, let links):
            var status = try suppressingErrexit { try execute(first) }
            for (index, link) in links.enumerated() {
                if (link.isAnd && status != 0) || (!link.isAnd && status == 0) { continue }
                if index == links.count - 1 {
                    status = try execute(link.node)
                } else {
                    status = try suppressingErrexit { try execute(link.node) }
                }
            }
            return status
        case .pipeline(let commands, let negated):
            var input: String? = nil
            var status: Int32 = 0
            var statuses: [Int32] = []
            if negated { errexitSuppressed += 1 }
            defer { if negated { errexitSuppressed -= 1 } }
            for (index, command) in commands.enumerated() {
                let isLast = index == commands.count - 1
                let savedOut = stdoutSink
                let savedIn = pipeInput
                pipeInput = input
                var buffer = 0
                if !isLast { buffer = newBuffer(); stdoutSink = .buffer(buffer) }
                do {
                    // Each element runs in its own subshell: `exit` in one does not end the script.
                    status = try runInSubshell(command)
                } catch {
                    stdoutSink = savedOut
                    pipeInput = savedIn
                    throw error
                }
                stdoutSink = savedOut
                pipeInput = savedIn
                statuses.append(status)
                input = isLast ? nil : takeBuffer(buffer)
            }
            if pipefail, let failed = statuses.last(where: { $0 != 0 }) { status = failed }
            if negated { status = status == 0 ? 1 : 0 }
            lastStatus = status
            try checkErrexit(status)
            return status
        case .ifClause(let branches, let elseBody):
            for branch in branches {
                let cond = try suppressingErrexit { try execute(branch.condition) }
                if cond == 0 { return try execute(branch.body) }
            }
            if let elseBody { return try execute(elseBody) }
            return 0
        case .forLoop(let variable, let items, let body):
            var values: [String] = []
            if let items {
                for item in items { values += try expand(item) }
            } else {
                values = positional
            }
            var status: Int32 = 0
            loopDepth += 1
            defer { loopDepth -= 1 }
            for value in values {
                try step()
                vars[variable] = value
                do {
                    status = try execute(body)
                } catch let control as ShellLoopControl {
                    if control.levels > 1 { throw ShellLoopControl(isBreak: control.isBreak, levels: control.levels - 1) }
                    if control.isBreak { break }
                    continue
                }
            }
            return status
        case .whileLoop(let condition, let body, let until):
            var status: Int32 = 0
            loopDepth += 1
            defer { loopDepth -= 1 }
            while true {
                try step()
                let cond = try suppressingErrexit { try execute(condition) }
                if (cond == 0) == until { break }
                do {
                    status = try execute(body)
                } catch let control as ShellLoopControl {
                    if control.levels > 1 { throw ShellLoopControl(isBreak: control.isBreak, levels: control.levels - 1) }
                    if control.isBreak { break }
                    continue
                }
            }
            return status
        case .group(let body, let subshell):
            if subshell {
                // A failing subshell is one failing command for `set -e`.
                let status = try runInSubshell(body)
                try checkErrexit(status)
                return status
            }
            return try execute(body)
        case .redirected(let inner, let redirects):
            let saved = (stdoutSink, stderrSink, pipeInput)
            defer { (stdoutSink, stderrSink, pipeInput) = saved }
            guard let plan = try applyRedirects(redirects) else { return 2 }
            stdoutSink = plan.stdout
            stderrSink = plan.stderr
            if let input = plan.stdin { pipeInput = input }
            return try execute(inner)
        case .functionDefinition(let name, let body):
            functions[name] = body
            return 0
        case .caseClause(let subject, let items):
            let value = try expandToString(subject, tilde: true)
            for item in items {
                for pattern in item.patterns where ShellGlob.match(try casePattern(pattern), value) {
                    guard let body = item.body else { return 0 }
                    return try execute(body)
                }
            }
            return 0
        }
    }

    /// A case pattern: expanded, with quoted glob characters escaped so they match literally.
    func casePattern(_ word: ShellWord) throws -> String {
        var out = ""
        for part in word.parts {
            let piece: String
            var quoted = false
            switch part {
            case .literal(let s, let q): piece = s; quoted = q
            default: piece = try expandToString(ShellWord(parts: [part])); quoted = true
            }
            for c in piece {
                if quoted && (c == "*" || c == "?" || c == "[" || c == "\\") { out.append("\\") }
                out.append(c)
            }
        }
        return out
    }

    /// Input for the next command from a pipe or a redirection around a compound command.
    var pipeInput: String?

    func suppressingErrexit<T>(_ body: () throws -> T) rethrows -> T {
        errexitSuppressed += 1
        defer { errexitSuppressed -= 1 }
        return try body()
    }

    func checkErrexit(_ status: Int32) throws {
        if errexit && errexitSuppressed == 0 && status != 0 { throw ShellExit(status: status, endsInteractiveShell: true) }
    }

    /// Runs `node` with variables, cwd, functions and options restored afterwards.
    func runInSubshell(_ node: ShellNode) throws -> Int32 {
        let saved = (vars, exported, cwd, functions, errexit, nounset, xtrace, positional)
        defer { (vars, exported, cwd, functions, errexit, nounset, xtrace, positional) = saved }
        do {
            return try execute(node)
        } catch let e as ShellExit {
            return e.status
        }
    }

    /// Runs `$(...)`: output captured, trailing newlines dropped.
    func commandSubstitution(_ script: String) throws -> String {
        substitutionDepth += 1
        defer { substitutionDepth -= 1 }
        if substitutionDepth > ShellRun.maxSubstitutionDepth { throw ShellBudgetExceeded.nesting }
        let node: ShellNode
        do {
            node = try ShellParser.parse(script)
        } catch {
            stderrLine(shellError(error.message))
            lastStatus = 2
            return ""
        }
        let buffer = newBuffer()
        let savedOut = stdoutSink
        let savedIn = pipeInput
        stdoutSink = .buffer(buffer)
        pipeInput = nil
        defer { stdoutSink = savedOut; pipeInput = savedIn }
        // $? later in the same command still shows the previous command's status, as in dash.
        let previous = lastStatus
        let status = try runInSubshell(node)
        lastStatus = flavor == .bash ? status : previous
        lastSubstitutionStatus = status
        var text = takeBuffer(buffer)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    // MARK: Redirections

    struct RedirectPlan { var stdout: ShellOutputSink; var stderr: ShellOutputSink; var stdin: String? }

    /// Opens the redirections in order; nil (after printing the error) when one fails.
    func applyRedirects(_ redirects: [ShellRedirect]) throws -> RedirectPlan? {
        var plan = RedirectPlan(stdout: stdoutSink, stderr: stderrSink, stdin: nil)
        for r in redirects {
            switch r.op {
            case .heredoc:
                if r.fd == 0 {
                    plan.stdin = try r.body.map { try expandToString($0) } ?? ""
                }
            case .duplicateOutput, .duplicateInput:
                let target = try expandToString(r.target)
                let sink: ShellOutputSink
                if target == "1" { sink = plan.stdout } else if target == "2" { sink = plan.stderr } else if target == "-" { sink = .null } else {
                    if case .duplicateOutput = r.op, r.fd == 1, !target.isEmpty, Int(target) == nil {
                        // `>&file` is bash's `&>file`.
                        guard let s = try openForWriting(target, append: false) else { return nil }
                        plan.stdout = s; plan.stderr = s
                        continue
                    }
                    stderrLine(shellError("\(target): Bad file descriptor"))
                    return nil
                }
                if r.fd == 1 { plan.stdout = sink } else if r.fd == 2 { plan.stderr = sink }
            case .output, .append, .readWrite:
                let target = try expandToString(r.target)
                guard let sink = try openForWriting(target, append: r.op != .output) else { return nil }
                if r.fd == 1 { plan.stdout = sink } else if r.fd == 2 { plan.stderr = sink }
            case .input:
                let target = try expandToString(r.target)
                let path = absolute(target)
                guard fs.shellExists(path) else {
                    stderrLine(shellError("cannot open \(target): No such file"))
                    return nil
                }
                if r.fd == 0 { plan.stdin = fs.shellText(at: path) ?? "" }
            }
        }
        return plan
    }

    private func openForWriting(_ target: String, append: Bool) throws -> ShellOutputSink? {
        if target == "/dev/null" { return .null }
        if target == "/dev/stdout" { return stdoutSink }
        if target == "/dev/stderr" { return stderrSink }
        let path = absolute(target)
        let parent = FileTree.parent(of: path)
        guard fs.shellIsDir(parent) else {
            stderrLine(shellError(flavor == .bash ? "\(target): No such file or directory" : "cannot create \(target): Directory nonexistent"))
            redirectFailureStatus = flavor == .bash ? 1 : 2
            return nil
        }
        if fs.shellIsDir(path) {
            stderrLine(shellError(flavor == .bash ? "\(target): Is a directory" : "cannot create \(target): Is a directory"))
            redirectFailureStatus = flavor == .bash ? 1 : 2
            return nil
        }
        let exists = fs.shellExists(path)
        if !exists && !canWrite(parent) {
            stderrLine(shellError("cannot create \(target): Permission denied"))
            return nil
        }
        let real = fs.shellResolve(path) ?? path
        if !append || !exists {
            fs.shellWrite(real, .bytes([]), uid: uid, gid: gid)
            if !exists, var node = fs[real] { node.uid = uid; node.gid = gid; fs.set(real, node) }
        } else if case .file(.synthetic)? = fs[real]?.kind {
            note("Appending to the synthetic file \(path) replaced its simulated content with the appended text.")
            fs.shellWrite(real, .bytes([]), uid: uid, gid: gid)
        }
        return .file(real)
    }

    // MARK: Simple commands

    func runSimple(_ cmd: ShellSimpleCommand) throws -> Int32 {
        try step()
        currentLine = cmd.line
        lastSubstitutionStatus = nil
        var fields: [String] = []
        for word in cmd.words { fields += try expand(word) }
        var assignments: [(String, String)] = []
        for (name, value) in cmd.assignments { assignments.append((name, try expandToString(value, tilde: true))) }

        if xtrace {
            // dash traces words as they are; bash quotes them and traces assignments apart.
            if flavor == .bash {
                for (n, v) in assignments { stderrLine("+ \(n)=\(Self.bashQuoted(v))") }
                if !fields.isEmpty { stderrLine("+ " + fields.map(Self.bashQuoted).joined(separator: " ")) }
            } else {
                let shown = assignments.map { "\($0.0)=\($0.1)" } + fields
                if !shown.isEmpty { stderrLine("+ " + shown.joined(separator: " ")) }
            }
        }

        let saved = (stdoutSink, stderrSink)
        defer { (stdoutSink, stderrSink) = saved }
        guard let plan = try applyRedirects(cmd.redirects) else { return redirectFailureStatus }
        stdoutSink = plan.stdout
        stderrSink = plan.stderr
        let stdin = plan.stdin ?? pipeInput

        guard let name = fields.first else {
            for (n, v) in assignments { vars[n] = v }
            return lastSubstitutionStatus ?? 0
        }
        let args = Array(fields.dropFirst())

        if let status = try runBuiltin(name, args, assignments: assignments, stdin: stdin) { return status }
        if let body = functions[name] {
            callDepth += 1
            defer { callDepth -= 1 }
            if callDepth > ShellRun.maxCallDepth {
                stderrLine(shellError("\(name): function nesting too deep for the simulated shell"))
                throw ShellBudgetExceeded.nesting
            }
            let savedPositional = positional
            positional = args
            defer { positional = savedPositional }
            do {
                return try execute(body)
            } catch let r as ShellFunctionReturn {
                return r.status
            }
        }
        var env = exportedEnvironment()
        for (n, v) in assignments { env[n] = v }
        return runProgram(name, args, environment: env, stdin: stdin)
    }

    var lastSubstitutionStatus: Int32?
    /// Path of the program being run (pip looks at it to find its virtualenv).
    var invokedPath = ""

    func exportedEnvironment() -> [String: String] {
        var env: [String: String] = [:]
        for name in exported { if let v = vars[name] { env[name] = v } }
        return env
    }

    static func bashQuoted(_ s: String) -> String {
        if s.isEmpty { return "''" }
        let plain = s.unicodeScalars.allSatisfy { c in
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "-_./=:,+@%".unicodeScalars.contains(c))
        }
        if plain { return s }
        return "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// Runs a program found via PATH (or implied by the image), routing its output.
    func runProgram(_ name: String, _ args: [String], environment: [String: String], stdin: String?) -> Int32 {
        guard let program = locate(name, path: environment["PATH"] ?? vars["PATH"] ?? ShellRun.defaultPath) else {
            stderrLine(flavor.notFound(name, shell: scriptName, line: currentLine, interactive: interactive))
            return 127
        }
        var io = ShellCommandIO(stdin: stdin, environment: environment)
        invokedPath = program.path
        let status: Int32
        if let sim = ShellPrograms.simulator(for: program.simulatedName) {
            status = sim(self, args, &io)
        } else {
            io.duration = 0.05
            io.notes.append("`\(name)` is not simulated: it ran with no effect on files.")
            status = 0
        }
        for chunk in io.chunks { write(chunk.text, to: chunk.fd == 2 ? stderrSink : stdoutSink) }
        duration += max(0, io.duration)
        for n in io.notes { note(n) }
        return status
    }
}
