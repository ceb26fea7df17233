/// Recursive-descent parser for the POSIX shell grammar subset the simulator runs. Nesting is
/// bounded so hostile input cannot exhaust the stack.
struct ShellParser {
    private let tokens: [ShellToken]
    private let heredocs: [Int: ShellWord]
    private var pos = 0
    private var depth = 0
    static let maxDepth = 48

    private init(tokens: [ShellToken], heredocs: [Int: ShellWord]) {
        self.tokens = tokens
        self.heredocs = heredocs
    }

    static func parse(_ text: String) throws(ShellSyntaxError) -> ShellNode {
        let (tokens, heredocs) = try ShellLexer.tokenize(text)
        var parser = ShellParser(tokens: tokens, heredocs: heredocs)
        let node = try parser.parseList(terminators: [])
        if case .eof = parser.current { return node }
        throw parser.unexpected()
    }

    private var current: ShellToken { pos < tokens.count ? tokens[pos] : .eof(line: tokens.last?.line ?? 1) }

    private func reserved(_ t: ShellToken) -> String? {
        if case .word(let w, _) = t, let lit = w.plainLiteral { return lit }
        return nil
    }

    private func unexpected() -> ShellSyntaxError {
        let t = current
        switch t {
        case .eof: return ShellSyntaxError(message: "Syntax error: end of file unexpected", line: t.line)
        case .newline: return ShellSyntaxError(message: "Syntax error: newline unexpected", line: t.line)
        default: return ShellSyntaxError(message: "Syntax error: \"\(t.description)\" unexpected", line: t.line)
        }
    }

    private mutating func skipNewlines() {
        while case .newline = current { pos += 1 }
    }

    private func atTerminator(_ terminators: Set<String>) -> Bool {
        switch current {
        case .eof: return true
        case .op(let o, _): return o == ")" || o == ";;"
        case .word:
            if let r = reserved(current), terminators.contains(r) { return true }
            return false
        default: return false
        }
    }

    /// A list of and-or lists separated by `;`, `&` or newlines, up to a terminator word.
    private mutating func parseList(terminators: Set<String>) throws(ShellSyntaxError) -> ShellNode {
        depth += 1
        defer { depth -= 1 }
        if depth > ShellParser.maxDepth {
            throw ShellSyntaxError(message: "Syntax error: nesting too deep for the simulated shell", line: current.line)
        }
        var items: [ShellNode] = []
        skipNewlines()
        while !atTerminator(terminators) {
            items.append(try parseAndOr())
            switch current {
            case .op(let o, _) where o == ";" || o == "&":
                pos += 1
                skipNewlines()
            case .newline:
                skipNewlines()
            default:
                if !atTerminator(terminators) { throw unexpected() }
            }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAndOr() throws(ShellSyntaxError) -> ShellNode {
        let first = try parsePipeline()
        var links: [ShellAndOrLink] = []
        while case .op(let o, _) = current, o == "&&" || o == "||" {
            pos += 1
            skipNewlines()
            links.append(ShellAndOrLink(isAnd: o == "&&", node: try parsePipeline()))
        }
        return links.isEmpty ? first : .andOr(first, links)
    }

    private mutating func parsePipeline() throws(ShellSyntaxError) -> ShellNode {
        var negated = false
        if reserved(current) == "!" { negated = true; pos += 1 }
        var commands = [try parseCommand()]
        while case .op("|", _) = current {
            pos += 1
            skipNewlines()
            commands.append(try parseCommand())
        }
        if commands.count == 1 && !negated { return commands[0] }
        return .pipeline(commands, negated: negated)
    }

    private mutating func expectReserved(_ word: String) throws(ShellSyntaxError) {
        if reserved(current) == word { pos += 1; return }
        if case .eof = current {
            throw ShellSyntaxError(message: "Syntax error: end of file unexpected (expecting \"\(word)\")", line: current.line)
        }
        throw unexpected()
    }

    private mutating func parseCommand() throws(ShellSyntaxError) -> ShellNode {
        depth += 1
        defer { depth -= 1 }
        if depth > ShellParser.maxDepth {
            throw ShellSyntaxError(message: "Syntax error: nesting too deep for the simulated shell", line: current.line)
        }
        let line = current.line
        var node: ShellNode
        switch reserved(current) {
        case "if":
            pos += 1
            var branches: [ShellIfBranch] = []
            let cond = try parseList(terminators: ["then"])
            try expectReserved("then")
            let body = try parseList(terminators: ["elif", "else", "fi"])
            branches.append(ShellIfBranch(condition: cond, body: body))
            var elseBody: ShellNode? = nil
            while true {
                if reserved(current) == "elif" {
                    pos += 1
                    let c = try parseList(terminators: ["then"])
                    try expectReserved("then")
                    let b = try parseList(terminators: ["elif", "else", "fi"])
                    branches.append(ShellIfBranch(condition: c, body: b))
                } else if reserved(current) == "else" {
                    pos += 1
                    elseBody = try parseList(terminators: ["fi"])
                } else {
                    break
                }
            }
            try expectReserved("fi")
            node = .ifClause(branches, elseBody: elseBody)
        case "for":
            pos += 1
            guard case .word(let w, _) = current, let name = w.plainLiteral, ShellParser.isName(name) else {
                throw ShellSyntaxError(message: "Syntax error: Bad for loop variable", line: line)
            }
            pos += 1
            var items: [ShellWord]? = nil
            skipNewlines()
            if reserved(current) == "in" {
                pos += 1
                var list: [ShellWord] = []
                while case .word(let item, _) = current {
                    list.append(item)
                    pos += 1
                }
                items = list
            }
            if case .op(";", _) = current { pos += 1 }
            skipNewlines()
            try expectReserved("do")
            let body = try parseList(terminators: ["done"])
            try expectReserved("done")
            node = .forLoop(variable: name, items: items, body: body)
        case "while", "until":
            let until = reserved(current) == "until"
            pos += 1
            let cond = try parseList(terminators: ["do"])
            try expectReserved("do")
            let body = try parseList(terminators: ["done"])
            try expectReserved("done")
            node = .whileLoop(condition: cond, body: body, until: until)
        case "{":
            pos += 1
            let body = try parseList(terminators: ["}"])
            try expectReserved("}")
            node = .group(body, subshell: false)
        case "case":
            pos += 1
            guard case .word(let subject, _) = current else { throw unexpected() }
            pos += 1
            skipNewlines()
            try expectReserved("in")
            skipNewlines()
            var items: [ShellCaseItem] = []
            while reserved(current) != "esac" {
                if case .eof = current {
                    throw ShellSyntaxError(message: "Syntax error: end of file unexpected (expecting \"esac\")", line: current.line)
                }
                if case .op("(", _) = current { pos += 1 }
                var patterns: [ShellWord] = []
                while true {
                    guard case .word(let p, _) = current else { throw unexpected() }
                    patterns.append(p)
                    pos += 1
                    if case .op("|", _) = current { pos += 1; continue }
                    break
                }
                guard case .op(")", _) = current else { throw unexpected() }
                pos += 1
                skipNewlines()
                var body: ShellNode? = nil
                if !(reserved(current) == "esac") {
                    if case .op(";;", _) = current {} else { body = try parseList(terminators: ["esac"]) }
                }
                items.append(ShellCaseItem(patterns: patterns, body: body))
                if case .op(";;", _) = current { pos += 1 }
                skipNewlines()
                if items.count > 10_000 { throw unexpected() }
            }
            pos += 1
            node = .caseClause(subject, items)
        case "then", "else", "elif", "fi", "do", "done", "}", "esac", "in":
            throw unexpected()
        default:
            if case .op("(", _) = current {
                pos += 1
                let body = try parseList(terminators: [])
                guard case .op(")", _) = current else { throw unexpected() }
                pos += 1
                node = .group(body, subshell: true)
            } else {
                return try parseSimpleCommand()
            }
        }
        var redirects: [ShellRedirect] = []
        while let r = try parseRedirect() { redirects.append(r) }
        return redirects.isEmpty ? node : .redirected(node, redirects)
    }

    static func isName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private mutating func parseRedirect() throws(ShellSyntaxError) -> ShellRedirect? {
        var fd: Int? = nil
        let start = pos
        if case .ioNumber(let n, _) = current { fd = n; pos += 1 }
        guard case .op(let o, _) = current else { pos = start; return nil }
        let op: ShellRedirect.Op
        switch o {
        case ">", ">|": op = .output
        case ">>": op = .append
        case "<": op = .input
        case ">&": op = .duplicateOutput
        case "<&": op = .duplicateInput
        case "<>": op = .readWrite
        case "<<": op = .heredoc(stripTabs: false)
        case "<<-": op = .heredoc(stripTabs: true)
        default: pos = start; return nil
        }
        let opIndex = pos
        pos += 1
        guard case .word(let target, _) = current else { throw unexpected() }
        pos += 1
        let defaultFD: Int
        switch op {
        case .input, .duplicateInput, .heredoc, .readWrite: defaultFD = 0
        default: defaultFD = 1
        }
        return ShellRedirect(fd: fd ?? defaultFD, op: op, target: target, body: heredocs[opIndex])
    }

    private mutating func parseSimpleCommand() throws(ShellSyntaxError) -> ShellNode {
        let line = current.line
        var cmd = ShellSimpleCommand(assignments: [], words: [], redirects: [], line: line)
        while true {
            if let r = try parseRedirect() { cmd.redirects.append(r); continue }
            guard case .word(let w, _) = current else { break }
            if cmd.words.isEmpty, let (name, value) = ShellParser.assignment(w) {
                cmd.assignments.append((name, value))
                pos += 1
                continue
            }
            // `name() { ...; }` defines a function.
            if cmd.words.isEmpty, cmd.assignments.isEmpty, let name = w.plainLiteral, ShellParser.isName(name),
               pos + 2 < tokens.count, case .op("(", _) = tokens[pos + 1], case .op(")", _) = tokens[pos + 2] {
                pos += 3
                skipNewlines()
                let body = try parseCommand()
                return .functionDefinition(name: name, body: body)
            }
            cmd.words.append(w)
            pos += 1
        }
        if cmd.words.isEmpty && cmd.assignments.isEmpty && cmd.redirects.isEmpty { throw unexpected() }
        return .simple(cmd)
    }

    /// Splits `NAME=value` (unquoted name) into an assignment.
    static func assignment(_ w: ShellWord) -> (String, ShellWord)? {
        guard case .literal(let first, false)? = w.parts.first, let eq = first.firstIndex(of: "=") else { return nil }
        let name = String(first[..<eq])
        guard isName(name) else { return nil }
        var parts = Array(w.parts.dropFirst())
        let rest = String(first[first.index(after: eq)...])
        if !rest.isEmpty { parts.insert(.literal(rest, quoted: false), at: 0) }
        return (name, ShellWord(parts: parts))
    }
}
