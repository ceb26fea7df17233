/// Text filters (mostly pipe sinks) and the nested shell.
enum TextCommands {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["echo"] = { _, args, io in io.out(ShellPrograms.echo(args)); return 0 }
        r["printf"] = { _, args, io in
            guard let f = args.first else { io.errLine("printf: missing operand"); return 1 }
            io.out(ShellPrograms.printf(f, Array(args.dropFirst())))
            return 0
        }
        r["true"] = { _, _, _ in 0 }
        r["false"] = { _, _, _ in 1 }
        r["test"] = { sh, args, io in sh.evaluateTest(args).map { $0 ? 0 : 1 } ?? 2 }
        r["["] = { sh, args, io in
            guard args.last == "]" else { io.errLine("[: missing ']'"); return 2 }
            return sh.evaluateTest(Array(args.dropLast())).map { $0 ? 0 : 1 } ?? 2
        }
        r["pwd"] = { sh, _, io in io.outLine(sh.cwd); return 0 }
        r["grep"] = grep
        r["tee"] = tee
        r["head"] = { sh, args, io in headTail(sh, args, &io, head: true) }
        r["tail"] = { sh, args, io in headTail(sh, args, &io, head: false) }
        r["sort"] = { sh, args, io in
            let o = ShellOptions(args)
            guard let text = input(sh, o.operands, &io, command: "sort") else { return 2 }
            var lines = splitLines(text)
            lines.sort()
            if o.has("r") { lines.reverse() }
            if o.has("u") { lines = uniqueAdjacent(lines) }
            for l in lines { io.outLine(l) }
            return 0
        }
        r["uniq"] = { sh, args, io in
            let o = ShellOptions(args)
            guard let text = input(sh, o.operands, &io, command: "uniq") else { return 1 }
            for l in uniqueAdjacent(splitLines(text)) { io.outLine(l) }
            return 0
        }
        r["wc"] = { sh, args, io in
            let o = ShellOptions(args)
            guard let text = input(sh, o.operands, &io, command: "wc") else { return 1 }
            let lines = text.filter { $0 == "\n" }.count
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
            let bytes = text.utf8.count
            var parts: [String] = []
            let any = o.has("l") || o.has("w") || o.has("c") || o.has("m")
            if !any || o.has("l") { parts.append(String(lines)) }
            if !any || o.has("w") { parts.append(String(words)) }
            if !any || o.has("c") || o.has("m") { parts.append(String(bytes)) }
            var line = parts.count == 1 ? parts[0] : parts.map { String(repeating: " ", count: max(0, 7 - $0.count)) + $0 }.joined(separator: " ")
            if let f = o.operands.first { line += " " + f }
            io.outLine(line)
            return 0
        }
        r["basename"] = { _, args, io in
            guard let p = args.first else { io.errLine("basename: missing operand"); return 1 }
            var b = p.shellBaseName
            if args.count > 1, b.hasSuffix(args[1]), b != args[1] { b = String(b.dropLast(args[1].count)) }
            io.outLine(b)
            return 0
        }
        r["dirname"] = { _, args, io in
            guard var p = args.first else { io.errLine("dirname: missing operand"); return 1 }
            while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
            guard let slash = p.lastIndex(of: "/") else { io.outLine("."); return 0 }
            var dir = String(p[..<slash])
            while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
            io.outLine(dir.isEmpty ? "/" : dir)
            return 0
        }
        r["seq"] = { _, args, io in
            let nums = args.compactMap { Int($0) }
            guard !nums.isEmpty, nums.count == args.count else { io.errLine("seq: invalid argument"); return 1 }
            let (first, stepBy, last) = nums.count == 1 ? (1, 1, nums[0]) : nums.count == 2 ? (nums[0], 1, nums[1]) : (nums[0], nums[1], nums[2])
            guard stepBy != 0 else { return 1 }
            var v = first
            var count = 0
            while (stepBy > 0 ? v <= last : v >= last) && count < 10_000 {
                io.outLine(String(v))
                let (next, overflow) = v.addingReportingOverflow(stepBy)
                if overflow { break }
                v = next
                count += 1
            }
            return 0
        }
        r["tr"] = { _, args, io in
            let o = ShellOptions(args)
            let text = io.stdin ?? ""
            if o.has("d"), let set = o.operands.first {
                io.out(String(text.filter { !set.contains($0) }))
                return 0
            }
            guard o.operands.count == 2 else { io.errLine("tr: missing operand"); return 1 }
            let from = Array(expandRange(o.operands[0])), to = Array(expandRange(o.operands[1]))
            guard !to.isEmpty else { return 1 }
            io.out(String(text.map { c in from.firstIndex(of: c).map { to[min($0, to.count - 1)] } ?? c }))
            return 0
        }
        r["cut"] = { _, args, io in
            let o = ShellOptions(args, valued: ["d", "f", "c"])
            let delimiter = o.flags["d"].flatMap { $0.first } ?? "\t"
            guard let fieldSpec = o.flags["f"], let n = Int(fieldSpec.prefix { $0.isNumber }), n >= 1 else {
                io.errLine("cut: you must specify a list of bytes, characters, or fields")
                return 1
            }
            for line in splitLines(io.stdin ?? "") {
                let parts = line.split(separator: delimiter, omittingEmptySubsequences: false)
                io.outLine(parts.count >= n ? String(parts[n - 1]) : (parts.count == 1 ? line : ""))
            }
            return 0
        }
        r["xargs"] = { sh, args, io in
            let words = (io.stdin ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
            var a = args
            while a.first?.hasPrefix("-") == true { a.removeFirst() }
            let program = a.first ?? "echo"
            let status = sh.runProgram(program, Array(a.dropFirst()) + words, environment: io.environment, stdin: nil)
            return status == 0 ? 0 : 123
        }
        r["sh"] = nestedShell
    }

    static func splitLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func uniqueAdjacent(_ lines: [String]) -> [String] {
        var out: [String] = []
        for l in lines where out.last != l { out.append(l) }
        return out
    }

    static func expandRange(_ s: String) -> [Character] {
        if s == "[:upper:]" || s == "A-Z" { return Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ") }
        if s == "[:lower:]" || s == "a-z" { return Array("abcdefghijklmnopqrstuvwxyz") }
        return Array(s)
    }

    /// Reads the concatenated operands, or stdin when there are none.
    static func input(_ sh: ShellRun, _ operands: [String], _ io: inout ShellCommandIO, command: String) -> String? {
        if operands.isEmpty { return io.stdin ?? "" }
        var text = ""
        for operand in operands {
            let path = sh.absolute(operand)
            guard let node = sh.fs.shellLookup(path) else {
                io.errLine("\(command): \(operand): No such file or directory")
                return nil
            }
            if case .file(.bytes(let b)) = node.kind { text += String(decoding: b, as: UTF8.self) }
        }
        return text
    }

    static let grep: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["e", "m", "A", "B", "C"])
        var operands = o.operands
        guard let pattern = o.flags["e"] ?? (operands.isEmpty ? nil : operands.removeFirst()) else {
            io.errLine("Usage: grep [OPTION]... PATTERNS [FILE]...")
            return 2
        }
        let ignoreCase = o.has("i")
        let invert = o.has("v")
        let quiet = o.has("q")
        let count = o.has("c")
        let regex: ShellRegex?
        if o.has("F") || pattern.count > 512 {
            regex = nil
        } else {
            guard let r = ShellRegex(pattern, extended: o.has("E") || o.has("P"), ignoreCase: ignoreCase) else {
                io.errLine("grep: Unmatched ( or \\(")
                return 2
            }
            regex = r
        }
        guard let text = input(sh, operands, &io, command: "grep") else { return 2 }
        io.duration = 0.001
        var matches = 0
        for line in splitLines(text) {
            var hit = regex.map { $0.matches(line) } ?? (ignoreCase ? line.lowercased().contains(pattern.lowercased()) : line.contains(pattern))
            if invert { hit.toggle() }
            if hit {
                matches += 1
                if !quiet && !count { io.outLine(line) }
            }
        }
        if count { io.outLine(String(matches)) }
        return matches > 0 ? 0 : 1
    }

    static let tee: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args)
        let text = io.stdin ?? ""
        io.out(text)
        var status: Int32 = 0
        for operand in o.operands {
            let path = sh.absolute(operand)
            if path == "/dev/null" { continue }
            guard sh.fs.shellIsDir(FileTree.parent(of: path)), !sh.fs.shellIsDir(path) else {
                io.errLine("tee: \(operand): No such file or directory")
                status = 1
                continue
            }
            var bytes: [UInt8] = []
            if o.has("a"), case .file(.bytes(let old))? = sh.fs.shellLookup(path)?.kind { bytes = old }
            bytes.append(contentsOf: text.utf8)
            sh.fs.shellWrite(path, .bytes(bytes), uid: sh.uid, gid: sh.gid)
        }
        return status
    }

    static func headTail(_ sh: ShellRun, _ args: [String], _ io: inout ShellCommandIO, head: Bool) -> Int32 {
        var a = args
        var n = 10
        if let first = a.first, first.count > 1, first.hasPrefix("-"), let v = Int(first.dropFirst()), v >= 0 { n = v; a.removeFirst() }
        let o = ShellOptions(a, valued: ["n", "c"])
        if let v = o.flags["n"], let k = Int(v.hasPrefix("+") ? String(v.dropFirst()) : v) { n = k == Int.min ? Int.max : abs(k) }
        guard let text = input(sh, o.operands, &io, command: head ? "head" : "tail") else { return 1 }
        let lines = splitLines(text)
        for l in head ? Array(lines.prefix(n)) : Array(lines.suffix(n)) { io.outLine(l) }
        return 0
    }

    /// `sh -c '...'`, `sh script.sh`, or `curl ... | sh` (script on stdin).
    static let nestedShell: ShellProgramSimulator = { sh, args, io in
        var rest = args
        var script: String? = nil
        var setE = false, setX = false
        var name: String? = nil
        while let a = rest.first, a.hasPrefix("-") || a.hasPrefix("+") {
            rest.removeFirst()
            if a == "-" || a == "--" { break }
            if a == "-o" || a == "+o" {
                if let opt = rest.first { rest.removeFirst(); if opt == "errexit" { setE = true } }
                continue
            }
            if a.contains("e") { setE = true }
            if a.contains("x") { setX = true }
            if a.contains("c") {
                guard !rest.isEmpty else {
                    io.errLine("sh: 0: -c requires an argument")
                    return 2
                }
                script = rest.removeFirst()
                if !rest.isEmpty { name = rest.removeFirst() }
            }
        }
        if script == nil {
            if let file = rest.first {
                rest.removeFirst()
                let path = sh.absolute(file)
                guard let text = sh.fs.shellText(at: path) else {
                    if sh.fs.shellExists(path) {
                        io.notes.append("`sh \(file)`: the script's content is generated, so it was not run.")
                        return 0
                    }
                    io.errLine("sh: 0: cannot open \(file): No such file")
                    return 2
                }
                script = text
                name = file
            } else if let stdin = io.stdin {
                script = stdin
            } else {
                return 0
            }
        }
        sh.substitutionDepth += 1
        defer { sh.substitutionDepth -= 1 }
        if sh.substitutionDepth > ShellRun.maxSubstitutionDepth {
            io.errLine("sh: nested too deeply for the simulated shell")
            return 2
        }
        let saved = (sh.vars, sh.exported, sh.cwd, sh.functions, sh.errexit, sh.nounset, sh.xtrace, sh.positional, sh.scriptName, sh.stdoutSink, sh.stderrSink, sh.pipeInput, sh.errexitSuppressed)
        let buffer = sh.newBuffer()
        sh.stdoutSink = .buffer(buffer)
        sh.stderrSink = .buffer(buffer)
        sh.pipeInput = nil
        sh.vars = io.environment
        sh.exported = Set(io.environment.keys)
        if sh.vars["IFS"] == nil { sh.vars["IFS"] = " \t\n" }
        sh.functions = [:]
        sh.errexit = setE
        sh.xtrace = setX
        sh.nounset = false
        sh.errexitSuppressed = 0
        sh.positional = rest
        if let name { sh.scriptName = name } else { sh.scriptName = "sh" }
        let status = sh.runScript(script ?? "")
        let output = sh.takeBuffer(buffer)
        (sh.vars, sh.exported, sh.cwd, sh.functions, sh.errexit, sh.nounset, sh.xtrace, sh.positional, sh.scriptName, sh.stdoutSink, sh.stderrSink, sh.pipeInput, sh.errexitSuppressed) = saved
        io.out(output)
        return status
    }
}
