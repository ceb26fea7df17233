/// The syntax tree of the simulated POSIX shell, and its lexer. Words keep their quoting so
/// that expansion (a separate step, as in a real shell) knows what to field-split and glob.

/// One piece of a word.
indirect enum ShellWordPart: Hashable, Sendable {
    case literal(String, quoted: Bool)
    /// `$name`, `${name}`, `${name:-word}`; `op` is the operator text (`:-`, `#`, …) and
    /// `length` marks `${#name}`.
    case parameter(name: String, op: String?, argument: ShellWord?, length: Bool, quoted: Bool)
    /// `$(...)` or backticks: the raw script, parsed when it is expanded.
    case commandSubstitution(String, quoted: Bool)
    /// `$((...))`.
    case arithmetic(String, quoted: Bool)
}

/// A shell word: a sequence of parts that expands to zero or more fields.
struct ShellWord: Hashable, Sendable {
    var parts: [ShellWordPart]

    /// The word's text when it is a single unquoted literal (reserved-word detection).
    var plainLiteral: String? {
        if parts.count == 1, case .literal(let s, false) = parts[0] { return s }
        return nil
    }
    var hasQuotes: Bool {
        parts.contains { part in
            switch part {
            case .literal(_, let q), .parameter(_, _, _, _, let q), .commandSubstitution(_, let q), .arithmetic(_, let q): return q
            }
        }
    }
}

struct ShellRedirect: Hashable, Sendable {
    enum Op: Hashable, Sendable { case output, append, input, duplicateOutput, duplicateInput, heredoc(stripTabs: Bool), readWrite }
    var fd: Int
    var op: Op
    var target: ShellWord
    /// Body of a heredoc, as a word (literal when the delimiter was quoted).
    var body: ShellWord?
}

struct ShellSimpleCommand: Hashable, Sendable {
    var assignments: [(name: String, value: ShellWord)]
    var words: [ShellWord]
    var redirects: [ShellRedirect]
    var line: Int

    static func == (a: ShellSimpleCommand, b: ShellSimpleCommand) -> Bool {
        a.words == b.words && a.redirects == b.redirects && a.line == b.line
            && a.assignments.map(\.name) == b.assignments.map(\.name) && a.assignments.map(\.value) == b.assignments.map(\.value)
    }
    func hash(into h: inout Hasher) { h.combine(words); h.combine(line) }
}

indirect enum ShellNode: Hashable, Sendable {
    case simple(ShellSimpleCommand)
    case pipeline([ShellNode], negated: Bool)
    /// `a && b || c`: the first node, then (isAnd, node) pairs.
    case andOr(ShellNode, [ShellAndOrLink])
    case sequence([ShellNode])
    case ifClause([ShellIfBranch], elseBody: ShellNode?)
    case forLoop(variable: String, items: [ShellWord]?, body: ShellNode)
    case whileLoop(condition: ShellNode, body: ShellNode, until: Bool)
    case group(ShellNode, subshell: Bool)
    case redirected(ShellNode, [ShellRedirect])
    case functionDefinition(name: String, body: ShellNode)
    case caseClause(ShellWord, [ShellCaseItem])
}

struct ShellAndOrLink: Hashable, Sendable {
    var isAnd: Bool
    var node: ShellNode
}

struct ShellCaseItem: Hashable, Sendable {
    var patterns: [ShellWord]
    var body: ShellNode?
}

struct ShellIfBranch: Hashable, Sendable {
    var condition: ShellNode
    var body: ShellNode
}

/// A syntax error, worded as dash words it (`Syntax error: "fi" unexpected`).
struct ShellSyntaxError: Error, Hashable {
    var message: String
    var line: Int
}

enum ShellToken: Hashable {
    case word(ShellWord, line: Int)
    case op(String, line: Int)
    case ioNumber(Int, line: Int)
    case newline(line: Int)
    case eof(line: Int)

    var line: Int {
        switch self {
        case .word(_, let l), .op(_, let l), .ioNumber(_, let l), .newline(let l), .eof(let l): return l
        }
    }
    var description: String {
        switch self {
        case .word(let w, _): return w.plainLiteral ?? "word"
        case .op(let o, _): return o
        case .ioNumber(let n, _): return String(n)
        case .newline: return "newline"
        case .eof: return "end of file"
        }
    }
}

/// Turns script text into tokens. Heredoc bodies are read at the newline after their `<<`
/// operator and stored by the index of that operator's token.
struct ShellLexer {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private(set) var tokens: [ShellToken] = []
    private(set) var heredocs: [Int: ShellWord] = [:]
    private var pending: [(tokenIndex: Int, delimiter: String, quoted: Bool, strip: Bool)] = []
    /// Nesting of `${...}` arguments lexed by sub-lexers; bounded to protect the stack.
    private var nesting = 0

    init(_ text: String, nesting: Int = 0) {
        s = Array(text.unicodeScalars)
        self.nesting = nesting
    }

    static func tokenize(_ text: String) throws(ShellSyntaxError) -> (tokens: [ShellToken], heredocs: [Int: ShellWord]) {
        var lexer = ShellLexer(text)
        try lexer.run()
        return (lexer.tokens, lexer.heredocs)
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    private mutating func run() throws(ShellSyntaxError) {
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == "\\" && peek(1) == "\n" { i += 2; line += 1; continue }
            if c == "#" {
                while i < s.count && s[i] != "\n" { i += 1 }
                continue
            }
            if c == "\n" {
                tokens.append(.newline(line: line))
                i += 1
                line += 1
                try readHeredocBodies()
                continue
            }
            if let op = readOperator() {
                tokens.append(.op(op, line: line))
                if op == "<<" || op == "<<-" { try registerHeredoc(strip: op == "<<-") }
                continue
            }
            let startLine = line
            let word = try readWord()
            if let lit = word.plainLiteral, !lit.isEmpty, lit.allSatisfy({ $0.isASCII && $0.isNumber }),
               let n = peek(), n == "<" || n == ">", let fd = Int(lit), fd < 10 {
                tokens.append(.ioNumber(fd, line: startLine))
            } else {
                tokens.append(.word(word, line: startLine))
            }
        }
        if !pending.isEmpty {
            // dash accepts a heredoc ended by end of input; keep whatever body there is.
            try readHeredocBodies()
        }
        tokens.append(.eof(line: line))
    }

    private mutating func readOperator() -> String? {
        guard let c = peek() else { return nil }
        let n = peek(1)
        switch c {
        case "&": if n == "&" { i += 2; return "&&" }; i += 1; return "&"
        case "|": if n == "|" { i += 2; return "||" }; i += 1; return "|"
        case ";": if n == ";" { i += 2; return ";;" }; i += 1; return ";"
        case "(": i += 1; return "("
        case ")": i += 1; return ")"
        case "<":
            if n == "<" {
                if peek(2) == "-" { i += 3; return "<<-" }
                i += 2; return "<<"
            }
            if n == "&" { i += 2; return "<&" }
            if n == ">" { i += 2; return "<>" }
            i += 1; return "<"
        case ">":
            if n == ">" { i += 2; return ">>" }
            if n == "&" { i += 2; return ">&" }
            if n == "|" { i += 2; return ">|" }
            i += 1; return ">"
        default: return nil
        }
    }

    private mutating func registerHeredoc(strip: Bool) throws(ShellSyntaxError) {
        while let c = peek(), c == " " || c == "\t" { i += 1 }
        let index = tokens.count - 1
        let word = try readWord()
        var delimiter = ""
        for part in word.parts {
            if case .literal(let t, _) = part { delimiter += t }
        }
        if delimiter.isEmpty && word.parts.isEmpty { throw ShellSyntaxError(message: "Syntax error: newline unexpected", line: line) }
        tokens.append(.word(word, line: line))
        pending.append((index, delimiter, word.hasQuotes, strip))
    }

    private mutating func readHeredocBodies() throws(ShellSyntaxError) {
        let todo = pending
        pending = []
        for doc in todo {
            var bodyLines: [String] = []
            while i < s.count {
                var lineText = ""
                while i < s.count && s[i] != "\n" { lineText.unicodeScalars.append(s[i]); i += 1 }
                if i < s.count { i += 1 }
                line += 1
                var candidate = lineText
                if doc.strip { candidate = String(candidate.drop(while: { $0 == "\t" })) }
                if candidate == doc.delimiter { break }
                bodyLines.append(candidate)
            }
            let text = bodyLines.map { $0 + "\n" }.joined()
            if doc.quoted {
                heredocs[doc.tokenIndex] = ShellWord(parts: [.literal(text, quoted: true)])
            } else {
                var sub = ShellLexer(text)
                heredocs[doc.tokenIndex] = try sub.readQuotedContent(heredoc: true)
            }
        }
    }

    private static func isMeta(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == ";" || c == "&" || c == "|" || c == "<" || c == ">" || c == "(" || c == ")"
    }

    private mutating func readWord() throws(ShellSyntaxError) -> ShellWord {
        var parts: [ShellWordPart] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal, quoted: false)); literal = "" }
        }
        while let c = peek(), !ShellLexer.isMeta(c) {
            switch c {
            case "\\":
                if peek(1) == "\n" { i += 2; line += 1; continue }
                flush()
                if let n = peek(1) {
                    parts.append(.literal(String(n), quoted: true))
                    i += 2
                } else {
                    i += 1
                }
            case "'":
                flush()
                i += 1
                var text = ""
                while let d = peek(), d != "'" {
                    if d == "\n" { line += 1 }
                    text.unicodeScalars.append(d)
                    i += 1
                }
                if peek() == nil { throw ShellSyntaxError(message: "Syntax error: Unterminated quoted string", line: line) }
                i += 1
                parts.append(.literal(text, quoted: true))
            case "\"":
                flush()
                i += 1
                let inner = try readQuotedContent(heredoc: false)
                if inner.parts.isEmpty { parts.append(.literal("", quoted: true)) } else { parts.append(contentsOf: inner.parts) }
            case "$":
                if let part = try readDollar(quoted: false) {
                    flush()
                    parts.append(part)
                } else {
                    literal += "$"
                    i += 1
                }
            case "`":
                flush()
                parts.append(.commandSubstitution(try readBackticks(), quoted: false))
            default:
                literal.unicodeScalars.append(c)
                i += 1
            }
        }
        flush()
        return ShellWord(parts: parts)
    }

    /// Reads double-quoted content up to the closing quote (or to the end for heredocs).
    private mutating func readQuotedContent(heredoc: Bool) throws(ShellSyntaxError) -> ShellWord {
        var parts: [ShellWordPart] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal, quoted: true)); literal = "" }
        }
        while true {
            guard let c = peek() else {
                if heredoc { break }
                throw ShellSyntaxError(message: "Syntax error: Unterminated quoted string", line: line)
            }
            if c == "\"" && !heredoc { i += 1; break }
            switch c {
            case "\\":
                guard let n = peek(1) else { literal += "\\"; i += 1; continue }
                if n == "\n" { i += 2; line += 1; continue }
                if n == "$" || n == "`" || n == "\\" || (n == "\"" && !heredoc) {
                    literal.unicodeScalars.append(n)
                } else {
                    literal += "\\"
                    literal.unicodeScalars.append(n)
                }
                i += 2
            case "$":
                if let part = try readDollar(quoted: true) {
                    flush()
                    parts.append(part)
                } else {
                    literal += "$"
                    i += 1
                }
            case "`":
                flush()
                parts.append(.commandSubstitution(try readBackticks(), quoted: true))
            default:
                if c == "\n" { line += 1 }
                literal.unicodeScalars.append(c)
                i += 1
            }
        }
        flush()
        return ShellWord(parts: parts)
    }

    private mutating func readBackticks() throws(ShellSyntaxError) -> String {
        i += 1
        var text = ""
        while let c = peek(), c != "`" {
            if c == "\\", let n = peek(1), n == "`" || n == "\\" || n == "$" {
                text.unicodeScalars.append(n)
                i += 2
                continue
            }
            if c == "\n" { line += 1 }
            text.unicodeScalars.append(c)
            i += 1
        }
        if peek() == nil { throw ShellSyntaxError(message: "Syntax error: EOF in backquote substitution", line: line) }
        i += 1
        return text
    }

    /// Reads text up to the parenthesis that closes one already consumed, skipping quotes.
    private mutating func readBalanced(open: Unicode.Scalar, close: Unicode.Scalar, what: String) throws(ShellSyntaxError) -> String {
        var depth = 1
        var text = ""
        var quote: Unicode.Scalar? = nil
        while let c = peek() {
            i += 1
            if c == "\n" { line += 1 }
            if let q = quote {
                if c == "\\" && q == "\"", let n = peek() { text.unicodeScalars.append(c); text.unicodeScalars.append(n); i += 1; continue }
                if c == q { quote = nil }
                text.unicodeScalars.append(c)
                continue
            }
            if c == "\\", let n = peek() { text.unicodeScalars.append(c); text.unicodeScalars.append(n); i += 1; continue }
            if c == "'" || c == "\"" { quote = c }
            if c == open { depth += 1 }
            if c == close {
                depth -= 1
                if depth == 0 { return text }
            }
            text.unicodeScalars.append(c)
        }
        throw ShellSyntaxError(message: "Syntax error: Missing '\(String(close))' in \(what)", line: line)
    }

    private mutating func readDollar(quoted: Bool) throws(ShellSyntaxError) -> ShellWordPart? {
        guard let n = peek(1) else { return nil }
        if n == "(" {
            if peek(2) == "(" {
                i += 3
                let expr = try readBalanced(open: "(", close: ")", what: "arithmetic")
                if peek() == ")" { i += 1 }
                return .arithmetic(expr, quoted: quoted)
            }
            i += 2
            return .commandSubstitution(try readBalanced(open: "(", close: ")", what: "command substitution"), quoted: quoted)
        }
        if n == "{" {
            i += 2
            let body = try readBalanced(open: "{", close: "}", what: "parameter expansion")
            return try parseBraced(body, quoted: quoted)
        }
        if n == "_" || (n.properties.isAlphabetic && n.isASCII) {
            i += 1
            var name = ""
            while let c = peek(), c == "_" || (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c))) {
                name.unicodeScalars.append(c)
                i += 1
            }
            return .parameter(name: name, op: nil, argument: nil, length: false, quoted: quoted)
        }
        if ("0"..."9").contains(n) || "?#@*$!-".unicodeScalars.contains(n) {
            i += 2
            return .parameter(name: String(n), op: nil, argument: nil, length: false, quoted: quoted)
        }
        return nil
    }

    private func parseBraced(_ body: String, quoted: Bool) throws(ShellSyntaxError) -> ShellWordPart {
        let chars = Array(body.unicodeScalars)
        var k = 0
        var length = false
        if chars.count > 1 && chars[0] == "#" { length = true; k = 1 }
        var name = ""
        if k < chars.count, "?#@*$!-".unicodeScalars.contains(chars[k]) || ("0"..."9").contains(chars[k]) {
            name = String(chars[k]); k += 1
            if ("0"..."9").contains(chars[k - 1]) {
                while k < chars.count, ("0"..."9").contains(chars[k]) { name.unicodeScalars.append(chars[k]); k += 1 }
            }
        } else {
            while k < chars.count, chars[k] == "_" || (chars[k].isASCII && (chars[k].properties.isAlphabetic || ("0"..."9").contains(chars[k]))) {
                name.unicodeScalars.append(chars[k]); k += 1
            }
        }
        if name.isEmpty { throw ShellSyntaxError(message: "Bad substitution", line: line) }
        if length {
            if k != chars.count { throw ShellSyntaxError(message: "Bad substitution", line: line) }
            return .parameter(name: name, op: nil, argument: nil, length: true, quoted: quoted)
        }
        if k == chars.count { return .parameter(name: name, op: nil, argument: nil, length: false, quoted: quoted) }
        let ops = [":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%", ":"]
        let rest = String(String.UnicodeScalarView(chars[k...]))
        for op in ops where rest.hasPrefix(op) {
            let argText = String(rest.dropFirst(op.count))
            guard nesting < 32 else { throw ShellSyntaxError(message: "Bad substitution", line: line) }
            var sub = ShellLexer(argText, nesting: nesting + 1)
            let arg = quoted ? try sub.readQuotedContent(heredoc: true) : try sub.readWordAll()
            return .parameter(name: name, op: op, argument: arg, length: false, quoted: quoted)
        }
        throw ShellSyntaxError(message: "Bad substitution", line: line)
    }

    /// Reads the whole input as one word, treating blanks as literal text.
    private mutating func readWordAll() throws(ShellSyntaxError) -> ShellWord {
        var parts: [ShellWordPart] = []
        while i < s.count {
            let c = s[i]
            if ShellLexer.isMeta(c) {
                parts.append(.literal(String(c), quoted: false))
                i += 1
                continue
            }
            parts.append(contentsOf: try readWord().parts)
        }
        return ShellWord(parts: parts)
    }
}
