/// sed: the `s/re/replacement/[g]` and `/re/d` commands (with line-number addresses for d),
/// on files holding real text; generated files keep their (unknown) content, with a note.
enum SedCommand {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["sed"] = sed
    }

    enum Command {
        /// `occurrence` replaces only the Nth match (`s/a/b/2`).
        case substitute(ShellRegex, replacement: [Character], global: Bool, occurrence: Int)
        case delete(ShellRegex?, line: Int?)
    }

    /// Parses one script like `s|a|b|g` or `/^#/d`; nil when it is outside the subset.
    static func parse(_ script: String, extended: Bool) -> Command? {
        let c = Array(script.shellTrimmed)
        guard let first = c.first else { return nil }
        if first == "s", c.count >= 4 {
            let delimiter = c[1]
            var fields: [[Character]] = [[]]
            var i = 2
            while i < c.count && fields.count <= 3 {
                if c[i] == "\\" && i + 1 < c.count && c[i + 1] == delimiter {
                    fields[fields.count - 1].append(delimiter)
                    i += 2
                    continue
                }
                if c[i] == delimiter { fields.append([]); i += 1; continue }
                fields[fields.count - 1].append(c[i])
                i += 1
            }
            guard fields.count == 3, let regex = ShellRegex(String(fields[0]), extended: extended, ignoreCase: fields[2].contains("I")) else { return nil }
            guard fields[2].allSatisfy({ "gI0123456789".contains($0) }) else { return nil }
            let occurrence = Int(String(fields[2].filter { $0.isNumber })) ?? 1
            guard occurrence >= 1 else { return nil }
            return .substitute(regex, replacement: fields[1], global: fields[2].contains("g"), occurrence: occurrence)
        }
        if first == "/", c.last == "d", c.count >= 3, c[c.count - 2] == "/" {
            guard let regex = ShellRegex(String(c[1..<(c.count - 2)]), extended: extended, ignoreCase: false) else { return nil }
            return .delete(regex, line: nil)
        }
        if c.last == "d", let n = Int(String(c.dropLast())), n >= 1 { return .delete(nil, line: n) }
        return nil
    }

    static func apply(_ command: Command, to lines: [String]) -> [String] {
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            switch command {
            case .delete(let regex, let number):
                if let number, number == index + 1 { continue }
                if let regex, regex.matches(line) { continue }
                out.append(line)
            case .substitute(let regex, let replacement, let global, let occurrence):
                let chars = Array(line)
                var result: [Character] = []
                var position = 0
                var rounds = 0
                while position <= chars.count, rounds < 10_000, let m = regex.firstMatch(in: chars, from: position) {
                    rounds += 1
                    if rounds < occurrence {
                        // Not yet the wanted occurrence: keep the text as it is.
                        let next = m.isEmpty ? m.lowerBound + 1 : m.upperBound
                        result += chars[position..<min(next, chars.count)]
                        position = next
                        continue
                    }
                    result += chars[position..<m.lowerBound]
                    var k = 0
                    while k < replacement.count {
                        if replacement[k] == "&" { result += chars[m] } else if replacement[k] == "\\", k + 1 < replacement.count {
                            k += 1
                            result.append(replacement[k] == "n" ? "\n" : replacement[k])
                        } else {
                            result.append(replacement[k])
                        }
                        k += 1
                    }
                    if m.isEmpty {
                        if m.lowerBound < chars.count { result.append(chars[m.lowerBound]) }
                        position = m.lowerBound + 1
                    } else {
                        position = m.upperBound
                    }
                    if !global { break }
                }
                if position < chars.count { result += chars[position...] }
                out.append(String(result))
            }
        }
        return out
    }

    static let sed: ShellProgramSimulator = { sh, args, io in
        var scripts: [String] = []
        var files: [String] = []
        var inPlace = false
        var extended = false
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            if a == "-i" || a.hasPrefix("-i.") || a == "--in-place" || a.hasPrefix("--in-place=") {
                inPlace = true
            } else if a == "-E" || a == "-r" || a == "--regexp-extended" {
                extended = true
            } else if a == "-e" || a == "--expression" {
                if i < args.count { scripts.append(args[i]); i += 1 }
            } else if a.hasPrefix("-") && a.count > 1 && a != "-" {
                for flag in a.dropFirst() {
                    if flag == "i" { inPlace = true } else if flag == "E" || flag == "r" { extended = true } else if flag != "e" && flag != "n" && flag != "s" {
                        io.errLine("sed: invalid option -- '\(flag)'")
                        return 1
                    }
                }
                if a.contains("e"), i < args.count { scripts.append(args[i]); i += 1 }
            } else if scripts.isEmpty {
                scripts.append(a)
            } else {
                files.append(a)
            }
        }
        guard !scripts.isEmpty else {
            io.errLine("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...")
            return 1
        }
        var commands: [Command] = []
        for script in scripts {
            for part in script.split(separator: ";").map(String.init) where !part.shellTrimmed.isEmpty {
                guard let command = parse(part, extended: extended) else {
                    io.notes.append("`sed \(script)` is beyond the simulator's sed (s///, /re/d, Nd): it changed nothing.")
                    if !inPlace { io.out(io.stdin ?? "") }
                    return 0
                }
                commands.append(command)
            }
        }
        func transform(_ text: String) -> String {
            var lines = TextCommands.splitLines(text)
            for command in commands { lines = apply(command, to: lines) }
            return lines.map { $0 + "\n" }.joined()
        }
        io.duration = 0.002
        if files.isEmpty {
            io.out(transform(io.stdin ?? ""))
            return 0
        }
        var status: Int32 = 0
        for file in files {
            let path = sh.absolute(file)
            guard let node = sh.fs.shellLookup(path), !node.isDirectory else {
                io.errLine("sed: can't read \(file): No such file or directory")
                status = 2
                continue
            }
            guard let text = sh.fs.shellText(at: path) else {
                io.notes.append("`sed` on \(file): its content is generated by the simulator, so the edit is not visible.")
                continue
            }
            let edited = transform(text)
            if inPlace {
                if edited != text { sh.fs.shellWrite(path, .text(edited)) }
            } else {
                io.out(edited)
            }
        }
        return status
    }
}
