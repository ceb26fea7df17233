/// Shell builtins: commands the shell runs itself, without looking at PATH (as dash does for
/// cd, echo, printf, test, export, set, ...).
struct ShellFunctionReturn: Error { var status: Int32 }

extension ShellRun {
    /// Runs a builtin; nil when `name` is not one.
    func runBuiltin(_ name: String, _ args: [String], assignments: [(String, String)], stdin: String?) throws -> Int32? {
        switch name {
        case ":", "true":
            applyAssignments(assignments)
            return 0
        case "false":
            return 1
        case "cd":
            return changeDirectory(args)
        case "pwd":
            stdoutLine(cwd)
            return 0
        case "exit":
            var status = lastStatus
            if let a = args.first {
                guard let n = Int(a), n >= 0 else {
                    stderrLine(shellError("exit: Illegal number: \(a)"))
                    throw ShellExit(status: 2)
                }
                status = Int32(truncatingIfNeeded: n & 0xff)
            }
            throw ShellExit(status: status, endsInteractiveShell: true)
        case "break", "continue":
            let levels = args.first.flatMap { Int($0) } ?? 1
            guard levels >= 1 else {
                stderrLine(shellError("\(name): Illegal number: \(args.first ?? "")"))
                throw ShellExit(status: 2)
            }
            guard loopDepth > 0 else { return 0 }
            throw ShellLoopControl(isBreak: name == "break", levels: min(levels, loopDepth))
        case "return":
            let n = args.first.flatMap { Int($0) } ?? Int(lastStatus)
            throw ShellFunctionReturn(status: Int32(truncatingIfNeeded: n & 0xff))
        case "export", "readonly":
            applyAssignments(assignments)
            for arg in args where arg != "-p" {
                if let eq = arg.firstIndex(of: "=") {
                    let n = String(arg[..<eq])
                    guard ShellParser.isName(n) else {
                        stderrLine(shellError("\(name): \(n): bad variable name"))
                        throw ShellExit(status: 2)
                    }
                    vars[n] = String(arg[arg.index(after: eq)...])
                    exported.insert(n)
                } else if ShellParser.isName(arg) {
                    exported.insert(arg)
                } else {
                    stderrLine(shellError("\(name): \(arg): bad variable name"))
                    throw ShellExit(status: 2)
                }
            }
            if args.isEmpty || args == ["-p"] {
                for n in exported.sorted() { if let v = vars[n] { stdoutLine("export \(n)='\(v)'") } }
            }
            return 0
        case "local":
            for arg in args {
                if let eq = arg.firstIndex(of: "=") { vars[String(arg[..<eq])] = String(arg[arg.index(after: eq)...]) }
            }
            return 0
        case "unset":
            for arg in args where arg != "-v" && arg != "-f" {
                vars[arg] = nil
                exported.remove(arg)
                if args.contains("-f") { functions[arg] = nil }
            }
            return 0
        case "set":
            return try setOptions(args)
        case "shift":
            let n = args.first.flatMap { Int($0) } ?? 1
            guard n >= 0, n <= positional.count else {
                stderrLine(shellError("shift: can't shift that many"))
                throw ShellExit(status: 2)
            }
            positional.removeFirst(n)
            return 0
        case "echo":
            stdoutLineRaw(flavor == .dash ? ShellPrograms.dashEcho(args) : ShellPrograms.echo(args))
            return 0
        case "printf":
            guard let format = args.first else {
                stderrLine("printf: usage: printf format [arg ...]")
                return 2
            }
            let (output, errors) = ShellPrograms.printfWithErrors(format, Array(args.dropFirst()))
            for e in errors { stderrLine(shellError(e)) }
            write(output, to: stdoutSink)
            return errors.isEmpty ? 0 : 1
        case "test", "[", "[[":
            // `[[` is bash only; dash looks it up in PATH and fails.
            if name == "[[" && flavor != .bash { return nil }
            var a = args
            if name == "[[" {
                guard a.last == "]]" else {
                    stderrLine(shellError("syntax error in conditional expression"))
                    return 2
                }
                a.removeLast()
            } else if name == "[" {
                guard a.last == "]" else {
                    stderrLine(shellError("[: missing ]"))
                    return 2
                }
                a.removeLast()
            }
            testCommandName = name
            testErrorReported = false
            switch evaluateTest(a) {
            case .some(true): return 0
            case .some(false): return 1
            case .none:
                if !testErrorReported { stderrLine(shellError("\(name): syntax error")) }
                return 2
            }
        case "exec":
            guard let program = args.first else { applyAssignments(assignments); return 0 }
            var env = exportedEnvironment()
            for (n, v) in assignments { env[n] = v }
            let status = runProgram(program, Array(args.dropFirst()), environment: env, stdin: stdin)
            throw ShellExit(status: status, endsInteractiveShell: true)
        case "eval":
            callDepth += 1
            defer { callDepth -= 1 }
            if callDepth > ShellRun.maxCallDepth { throw ShellBudgetExceeded.nesting }
            let script = args.joined(separator: " ")
            do {
                let node = try ShellParser.parse(script)
                return try execute(node)
            } catch let e as ShellSyntaxError {
                stderrLine(shellError(e.message))
                return 2
            }
        case ".", "source":
            guard let file = args.first else { return 0 }
            let path = file.contains("/") ? absolute(file) : (locateFile(file) ?? absolute(file))
            guard let text = fs.shellText(at: path) else {
                stderrLine(shellError("\(name): cannot open \(file): No such file"))
                throw ShellExit(status: 2)
            }
            callDepth += 1
            defer { callDepth -= 1 }
            if callDepth > ShellRun.maxCallDepth { throw ShellBudgetExceeded.nesting }
            do {
                let node = try ShellParser.parse(text)
                return try execute(node)
            } catch let e as ShellSyntaxError {
                stderrLine(shellError(e.message))
                return 2
            }
        case "umask", "trap", "wait", "alias", "unalias", "hash", "ulimit", "times":
            return 0
        case "read":
            let names = args.filter { !$0.hasPrefix("-") }
            guard let input = stdin, !input.isEmpty else {
                for n in names { vars[n] = "" }
                return 1
            }
            let firstLine = String(input.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            var words = firstLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            for (i, n) in names.enumerated() {
                if i == names.count - 1 {
                    vars[n] = words.joined(separator: " ")
                } else {
                    vars[n] = words.isEmpty ? "" : words.removeFirst()
                }
            }
            return 0
        case "type", "command":
            var rest = args
            let verbose = name == "type" || rest.first == "-v" || rest.first == "-V"
            if rest.first?.hasPrefix("-") == true { rest.removeFirst() }
            if name == "command" && !verbose {
                guard let program = rest.first else { return 0 }
                if let status = try runBuiltin(program, Array(rest.dropFirst()), assignments: assignments, stdin: stdin) { return status }
                return runProgram(program, Array(rest.dropFirst()), environment: exportedEnvironment(), stdin: stdin)
            }
            var status: Int32 = 0
            for program in rest {
                if ShellRun.builtinNames.contains(program) {
                    stdoutLine(name == "type" ? "\(program) is a shell builtin" : program)
                } else if let found = locate(program, path: vars["PATH"] ?? ShellRun.defaultPath) {
                    stdoutLine(name == "type" ? "\(program) is \(found.path)" : found.path)
                } else {
                    if name == "type" { stdoutLine("\(program): not found") }
                    status = name == "type" ? 127 : 1
                }
            }
            return status
        default:
            return nil
        }
    }

    static let builtinNames: Set<String> = [
        ":", "true", "false", "cd", "pwd", "exit", "return", "break", "continue", "export", "readonly", "local", "unset", "set", "shift",
        "echo", "printf", "test", "[", "exec", "eval", ".", "source", "umask", "trap", "wait", "alias", "unalias",
        "hash", "ulimit", "times", "read", "type", "command",
    ]

    private func applyAssignments(_ assignments: [(String, String)]) {
        for (n, v) in assignments { vars[n] = v }
    }

    func stdoutLineRaw(_ text: String) { write(text, to: stdoutSink) }

    private func locateFile(_ name: String) -> String? {
        for dir in (vars["PATH"] ?? ShellRun.defaultPath).split(separator: ":") {
            let p = FileTree.normalize(name, cwd: String(dir))
            if fs.shellIsFile(p) { return p }
        }
        return nil
    }

    private func changeDirectory(_ args: [String]) -> Int32 {
        let target: String
        if let a = args.first {
            target = a == "-" ? (vars["OLDPWD"] ?? cwd) : a
        } else {
            target = vars["HOME"] ?? "/"
        }
        let path = absolute(target)
        guard fs.shellExists(path) else {
            stderrLine(shellError(flavor == .bash ? "cd: \(target): No such file or directory" : "cd: can't cd to \(target)"))
            return flavor == .bash ? 1 : 2
        }
        guard fs.shellIsDir(path) else {
            stderrLine(shellError(flavor == .bash ? "cd: \(target): Not a directory" : "cd: can't cd to \(target)"))
            return flavor == .bash ? 1 : 2
        }
        vars["OLDPWD"] = cwd
        cwd = path
        vars["PWD"] = path
        if args.first == "-" { stdoutLine(path) }
        return 0
    }

    private func setOptions(_ args: [String]) throws -> Int32 {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" {
                positional = Array(args[(i + 1)...])
                return 0
            }
            guard let sign = a.first, sign == "-" || sign == "+", a.count > 1 else {
                positional = Array(args[i...])
                return 0
            }
            let on = sign == "-"
            for flag in a.dropFirst() {
                switch flag {
                case "e": errexit = on
                case "u": nounset = on
                case "x": xtrace = on
                case "f", "v", "C", "a", "b", "h", "m", "n": continue
                case "o":
                    i += 1
                    guard i < args.count else { return 0 }
                    let option = args[i]
                    switch option {
                    case "errexit": errexit = on
                    case "nounset": nounset = on
                    case "xtrace": xtrace = on
                    case "pipefail" where flavor != .dash:
                        pipefail = on
                    default:
                        if option == "pipefail" {
                            note("dash, Debian's and Ubuntu's /bin/sh, has no `set -o pipefail`; use `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`.")
                        }
                        stderrLine(shellError("set: Illegal option -o \(option)"))
                        throw ShellExit(status: 2)
                    }
                default:
                    stderrLine(shellError("set: Illegal option -\(flag)"))
                    throw ShellExit(status: 2)
                }
            }
            i += 1
        }
        return 0
    }

    // MARK: test / [

    /// Evaluates a `test` expression; nil on a syntax error.
    func evaluateTest(_ a: [String]) -> Bool? {
        var index = 0
        return testOr(a, &index, depth: 0).flatMap { index == a.count ? $0 : nil }
    }

    private func testOr(_ a: [String], _ i: inout Int, depth: Int) -> Bool? {
        guard depth < 32, var v = testAnd(a, &i, depth: depth + 1) else { return nil }
        while i < a.count && a[i] == "-o" {
            i += 1
            guard let r = testAnd(a, &i, depth: depth + 1) else { return nil }
            v = v || r
        }
        return v
    }

    private func testAnd(_ a: [String], _ i: inout Int, depth: Int) -> Bool? {
        guard var v = testNot(a, &i, depth: depth) else { return nil }
        while i < a.count && a[i] == "-a" {
            i += 1
            guard let r = testNot(a, &i, depth: depth) else { return nil }
            v = v && r
        }
        return v
    }

    private func testNot(_ a: [String], _ i: inout Int, depth: Int) -> Bool? {
        guard depth < 32 else { return nil }
        if i < a.count && a[i] == "!" && i + 1 < a.count {
            i += 1
            return testNot(a, &i, depth: depth + 1).map { !$0 }
        }
        return testPrimary(a, &i, depth: depth)
    }

    private func testPrimary(_ a: [String], _ i: inout Int, depth: Int) -> Bool? {
        guard i < a.count else { return a.isEmpty ? false : nil }
        if a[i] == "(" {
            i += 1
            let v = testOr(a, &i, depth: depth + 1)
            guard i < a.count, a[i] == ")" else { return nil }
            i += 1
            return v
        }
        // Binary operators.
        let binary = ["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot"]
        if i + 2 < a.count, binary.contains(a[i + 1]) {
            let l = a[i], op = a[i + 1], r = a[i + 2]
            i += 3
            switch op {
            case "=", "==": return l == r
            case "!=": return l != r
            case "-nt", "-ot": return false
            default:
                guard let x = Int(l.shellTrimmed), let y = Int(r.shellTrimmed) else {
                    let bad = Int(l.shellTrimmed) == nil ? l : r
                    stderrLine(shellError(flavor == .bash ? "\(testCommandName): \(bad): integer expression expected" : "\(testCommandName): Illegal number: \(bad)"))
                    testErrorReported = true
                    return nil
                }
                switch op {
                case "-eq": return x == y
                case "-ne": return x != y
                case "-lt": return x < y
                case "-le": return x <= y
                case "-gt": return x > y
                default: return x >= y
                }
            }
        }
        let unary = ["-e", "-f", "-d", "-s", "-x", "-r", "-w", "-L", "-h", "-z", "-n", "-p", "-S", "-b", "-c"]
        if unary.contains(a[i]) && i + 1 < a.count {
            let op = a[i], arg = a[i + 1]
            i += 2
            switch op {
            case "-z": return arg.isEmpty
            case "-n": return !arg.isEmpty
            default: break
            }
            let path = absolute(arg)
            switch op {
            case "-e": return fs.shellExists(path)
            case "-f": return fs.shellIsFile(path)
            case "-d": return fs.shellIsDir(path)
            case "-s": return (fs.shellLookup(path)?.size ?? 0) > 0
            case "-x": return fs.shellLookup(path).map { $0.isDirectory || $0.mode & 0o111 != 0 } ?? false
            case "-r", "-w": return fs.shellExists(path)
            case "-L", "-h":
                if let p = fs.shellResolve(path, followLast: false), case .symlink? = fs[p]?.kind { return true }
                return false
            default: return false
            }
        }
        let s = a[i]
        i += 1
        return !s.isEmpty
    }
}

extension String {
    var shellTrimmed: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
