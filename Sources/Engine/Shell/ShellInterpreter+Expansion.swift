/// ShellWord expansion in POSIX order: tilde, parameters, command substitution and arithmetic,
/// then field splitting of unquoted results, then pathname expansion (globbing).
extension ShellRun {
    private struct FieldBuilder {
        var text = ""
        /// The glob pattern: quoted magic characters are backslash-escaped.
        var pattern = ""
        var hasMagic = false
        var started = false
    }

    /// Expands a word into fields (split and globbed).
    func expand(_ word: ShellWord) throws -> [String] {
        var fields: [FieldBuilder] = []
        var current = FieldBuilder()

        func appendQuoted(_ s: String) {
            current.text += s
            for c in s {
                if c == "*" || c == "?" || c == "[" || c == "\\" { current.pattern.append("\\") }
                current.pattern.append(c)
            }
            current.started = true
        }
        func appendUnquoted(_ s: String, split: Bool) {
            guard split else {
                current.text += s
                current.pattern += s
                if ShellGlob.hasMagic(s) { current.hasMagic = true }
                current.started = true
                return
            }
            let ifs = vars["IFS"] ?? " \t\n"
            var piece = ""
            for c in s {
                if ifs.contains(c) {
                    if !piece.isEmpty || current.started {
                        appendUnquoted(piece, split: false)
                        fields.append(current)
                        current = FieldBuilder()
                        piece = ""
                    }
                } else {
                    piece.append(c)
                }
            }
            if !piece.isEmpty { appendUnquoted(piece, split: false) }
        }

        for (index, part) in word.parts.enumerated() {
            switch part {
            case .literal(let s, let quoted):
                if quoted {
                    appendQuoted(s)
                } else if index == 0 && s.hasPrefix("~") {
                    appendUnquoted(expandTilde(s), split: false)
                } else {
                    appendUnquoted(s, split: false)
                }
            case .parameter(let name, let op, let argument, let length, let quoted):
                if quoted && name == "@" && op == nil && !length {
                    for (i, p) in positional.enumerated() {
                        if i > 0 { fields.append(current); current = FieldBuilder() }
                        appendQuoted(p)
                    }
                    continue
                }
                let value = try parameterValue(name: name, op: op, argument: argument, length: length)
                if quoted { appendQuoted(value) } else { appendUnquoted(value, split: true) }
            case .commandSubstitution(let script, let quoted):
                let value = try commandSubstitution(script)
                if quoted { appendQuoted(value) } else { appendUnquoted(value, split: true) }
            case .arithmetic(let expr, let quoted):
                let value = try arithmetic(expr)
                if quoted { appendQuoted(value) } else { appendUnquoted(value, split: true) }
            }
            if current.text.utf8.count > ShellRun.maxWordLength { throw ShellBudgetExceeded.data }
        }
        if current.started { fields.append(current) }
        try chargeWork(fields.reduce(0) { $0 + $1.text.utf8.count })

        var result: [String] = []
        for field in fields {
            if field.hasMagic {
                let matches = globMatches(field.pattern)
                if !matches.isEmpty { result += matches; continue }
            }
            result.append(field.text)
        }
        return result
    }

    /// Expands without splitting or globbing (assignments, redirection targets, here-docs).
    func expandToString(_ word: ShellWord, tilde: Bool = false) throws -> String {
        var out = ""
        defer { workBytes += out.utf8.count }
        for (index, part) in word.parts.enumerated() {
            switch part {
            case .literal(let s, let quoted):
                out += (!quoted && tilde && index == 0 && s.hasPrefix("~")) ? expandTilde(s) : s
            case .parameter(let name, let op, let argument, let length, _):
                out += try parameterValue(name: name, op: op, argument: argument, length: length)
            case .commandSubstitution(let script, _):
                out += try commandSubstitution(script)
            case .arithmetic(let expr, _):
                out += try arithmetic(expr)
            }
            if out.utf8.count > ShellRun.maxWordLength { throw ShellBudgetExceeded.data }
        }
        return out
    }

    private func expandTilde(_ s: String) -> String {
        if s == "~" { return vars["HOME"] ?? "/root" }
        if s.hasPrefix("~/") { return (vars["HOME"] ?? "/root") + s.dropFirst() }
        let rest = s.dropFirst()
        let name = rest.prefix { $0 != "/" }
        if let entry = userRecord(String(name)), !name.isEmpty { return entry.home + rest.dropFirst(name.count) }
        return s
    }

    private func globMatches(_ pattern: String) -> [String] {
        fs.glob(pattern, cwd: cwd)
    }

    /// The value of a special or named parameter; nil when unset.
    func rawParameter(_ name: String) -> String? {
        switch name {
        case "?": return String(lastStatus)
        case "#": return String(positional.count)
        case "$": return "1"
        case "!": return nil
        case "-": return (errexit ? "e" : "") + (nounset ? "u" : "") + (xtrace ? "x" : "")
        case "@", "*": return positional.joined(separator: " ")
        case "0": return scriptName
        default:
            if let n = Int(name) { return n >= 1 && n <= positional.count ? positional[n - 1] : nil }
            return vars[name]
        }
    }

    func parameterValue(name: String, op: String?, argument: ShellWord?, length: Bool) throws -> String {
        let value = rawParameter(name)
        if length {
            try requireSet(name, value)
            return String((value ?? "").count)
        }
        guard let op else {
            try requireSet(name, value)
            return value ?? ""
        }
        let colon = op.hasPrefix(":")
        let missing = value == nil || (colon && value == "")
        func arg() throws -> String { try argument.map { try expandToString($0, tilde: true) } ?? "" }
        switch op {
        case ":-", "-": return missing ? try arg() : (value ?? "")
        case ":=", "=":
            if missing {
                let v = try arg()
                vars[name] = v
                return v
            }
            return value ?? ""
        case ":+", "+": return missing ? "" : try arg()
        case ":?", "?":
            if missing {
                let message = try arg()
                stderrLine(shellError("\(name): \(message.isEmpty ? (flavor == .bash ? "parameter null or not set" : "parameter not set") : message)"))
                throw ShellExit(status: flavor == .bash ? 127 : 2)
            }
            return value ?? ""
        case ":":
            // ${v:offset[:length]} (bash and busybox ash; dash has no substrings).
            guard flavor != .dash else {
                stderrLine(shellError("Bad substitution"))
                throw ShellExit(status: 2)
            }
            let v = Array(value ?? "")
            let spec = try arg()
            let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).shellTrimmed }
            var offset = Int(parts[0]) ?? 0
            if offset < 0 { offset = max(0, v.count + offset) }
            offset = min(offset, v.count)
            var length = v.count - offset
            if parts.count == 2, let l = Int(parts[1]) { length = l < 0 ? max(0, v.count - offset + l) : min(l, v.count - offset) }
            return String(v[offset..<(offset + max(0, length))])
        case "#", "##", "%", "%%":
            try requireSet(name, value)
            let v = value ?? ""
            let pattern = try arg()
            let chars = Array(v)
            let longest = op.count == 2
            if op.hasPrefix("#") {
                let range = longest ? Array((0...chars.count).reversed()) : Array(0...chars.count)
                for k in range where ShellGlob.match(pattern, String(chars[0..<k])) { return String(chars[k...]) }
            } else {
                let range = longest ? Array(0...chars.count) : Array((0...chars.count).reversed())
                for k in range where ShellGlob.match(pattern, String(chars[k...])) { return String(chars[0..<k]) }
            }
            return v
        default:
            return value ?? ""
        }
    }

    private func requireSet(_ name: String, _ value: String?) throws {
        if nounset && value == nil && name != "@" && name != "*" {
            stderrLine(shellError(flavor == .bash ? "\(name): unbound variable" : "\(name): parameter not set"))
            throw ShellExit(status: flavor == .bash ? (errexit ? 1 : 127) : 2)
        }
    }

    // MARK: ShellArithmetic

    func arithmetic(_ expression: String) throws -> String {
        // Parameters inside $(( )) are expanded first, as dash does.
        var parser = ShellArithmetic(text: try expandArithmeticText(expression), lookup: { [unowned self] in self.vars[$0] })
        if let value = parser.evaluate() { return String(value) }
        stderrLine(shellError("arithmetic expression: \(parser.error ?? "syntax error"): \"\(expression)\""))
        throw ShellExit(status: 2)
    }

    private func expandArithmeticText(_ text: String) throws -> String {
        guard text.contains("$") || text.contains("`") else { return text }
        let (tokens, _) = (try? ShellLexer.tokenize("\"" + text.replacingQuotes() + "\"")) ?? ([], [:])
        if case .word(let w, _)? = tokens.first { return try expandToString(w) }
        return text
    }
}

private extension String {
    func replacingQuotes() -> String { String(self.map { $0 == "\"" ? " " : $0 }) }
}

/// Integer arithmetic for `$(( ))`: + - * / % comparisons, && ||, parentheses, variables.
struct ShellArithmetic {
    let chars: [Character]
    var pos = 0
    var depth = 0
    var error: String?
    let lookup: (String) -> String?

    init(text: String, lookup: @escaping (String) -> String?) {
        chars = Array(text)
        self.lookup = lookup
    }

    mutating func evaluate() -> Int? {
        let v = parseOr()
        skip()
        if error == nil && pos < chars.count { error = "syntax error" }
        return error == nil ? v : nil
    }

    private mutating func skip() { while pos < chars.count && chars[pos].isWhitespace { pos += 1 } }
    private mutating func eat(_ s: String) -> Bool {
        skip()
        let a = Array(s)
        guard pos + a.count <= chars.count, Array(chars[pos..<pos + a.count]) == a else { return false }
        pos += a.count
        return true
    }

    private mutating func parseOr() -> Int {
        var v = parseAnd()
        while error == nil && eat("||") { let r = parseAnd(); v = (v != 0 || r != 0) ? 1 : 0 }
        return v
    }
    private mutating func parseAnd() -> Int {
        var v = parseCompare()
        while error == nil && eat("&&") { let r = parseCompare(); v = (v != 0 && r != 0) ? 1 : 0 }
        return v
    }
    private mutating func parseCompare() -> Int {
        var v = parseAdd()
        while error == nil {
            if eat("==") { v = v == parseAdd() ? 1 : 0 } else if eat("!=") { v = v != parseAdd() ? 1 : 0 } else if eat("<=") { v = v <= parseAdd() ? 1 : 0 } else if eat(">=") { v = v >= parseAdd() ? 1 : 0 } else if eat("<") { v = v < parseAdd() ? 1 : 0 } else if eat(">") { v = v > parseAdd() ? 1 : 0 } else { break }
        }
        return v
    }
    private mutating func parseAdd() -> Int {
        var v = parseMul()
        while error == nil {
            if eat("+") { v = v &+ parseMul() } else if eat("-") { v = v &- parseMul() } else { break }
        }
        return v
    }
    private mutating func parseMul() -> Int {
        var v = parseUnary()
        while error == nil {
            if eat("*") { v = v &* parseUnary() } else if eat("/") {
                let r = parseUnary()
                if r == 0 { error = "division by zero"; return 0 }
                v = (v == Int.min && r == -1) ? v : v / r
            } else if eat("%") {
                let r = parseUnary()
                if r == 0 { error = "division by zero"; return 0 }
                v = (v == Int.min && r == -1) ? 0 : v % r
            } else { break }
        }
        return v
    }
    private mutating func parseUnary() -> Int {
        depth += 1
        defer { depth -= 1 }
        if depth > 64 { error = "expression too deep"; return 0 }
        if eat("-") { return 0 &- parseUnary() }
        if eat("+") { return parseUnary() }
        if eat("!") { return parseUnary() == 0 ? 1 : 0 }
        return parsePrimary()
    }
    private mutating func parsePrimary() -> Int {
        skip()
        if eat("(") {
            let v = parseOr()
            if !eat(")") { error = "expecting ')'" }
            return v
        }
        var text = ""
        while pos < chars.count, chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_" {
            text.append(chars[pos]); pos += 1
        }
        if text.isEmpty { error = "expecting primary"; return 0 }
        if let first = text.first, first.isNumber {
            let lower = text.lowercased()
            let n: Int?
            if lower.hasPrefix("0x") { n = Int(lower.dropFirst(2), radix: 16) } else if lower.count > 1 && lower.hasPrefix("0") { n = Int(lower.dropFirst(), radix: 8) } else { n = Int(text) }
            guard let n else { error = "syntax error"; return 0 }
            return n
        }
        return Int(lookup(text) ?? "0") ?? 0
    }
}
