/// An error from `--format` templates, worded as Go's `text/template` words it.
public struct TemplateError: Error, Equatable, Sendable {
    /// The message without Docker's `template parsing error: ` wrapper, e.g.
    /// `template: :1: function "foo" not defined`.
    public var message: String
    /// True for errors found while parsing, false for errors while executing.
    public var isParseError: Bool

    public init(message: String, isParseError: Bool) {
        self.message = message
        self.isParseError = isParseError
    }

    /// The text Docker prints for it: docker/cli 28's formatter wraps both parse and
    /// execution errors as `template parsing error: ...`.
    public var dockerMessage: String {
        "template parsing error: " + message
    }
}

/// A subset of Go's `text/template` for Docker's `--format`: text, `{{.Field.Sub}}`, `{{.}}`,
/// string/number/bool literals, pipelines (`|`), Docker's template functions (`json`,
/// `split`, `join`, `title`, `lower`, `upper`, `pad`, `truncate`), the builtins `len`,
/// `index`, `print`, `eq`, `ne`, `not`, `and`, `or`, `{{if}}`/`{{else}}`/`{{range}}`/`{{with}}`
/// ... `{{end}}`, comments and `{{-`/`-}}` trim markers. Anything else (variables,
/// `define`/`template`, parenthesised pipelines) is refused at parse time with a clear error.
public struct GoTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case action(Pipeline)
        case ifBlock(Pipeline, [Node], [Node])
        case rangeBlock(Pipeline, [Node], [Node])
        case withBlock(Pipeline, [Node], [Node])
    }

    struct Pipeline: Sendable {
        var commands: [Command]
        var position: Int
    }

    struct Command: Sendable {
        var args: [Operand]
    }

    enum Operand: Sendable {
        case field([String], position: Int)   // `.A.B`; empty = `.`
        case function(String, position: Int)
        case string(String)
        case number(Int64)
        case bool(Bool)
        case null
    }

    let nodes: [Node]
    let source: String

    /// Parses `source`; throws a parse error (`template: :1: ...`).
    public init(_ source: String) throws(TemplateError) {
        self.source = source
        var parser = TemplateParser(source: source)
        self.nodes = try parser.parseAll()
    }

    /// Renders the template against `data`.
    public func execute(_ data: TemplateValue) throws(TemplateError) -> String {
        var exec = TemplateExecutor(source: source, headerMode: nil)
        var out = ""
        try exec.run(nodes, dot: data, into: &out)
        return out
    }

    /// Renders the header row of a `table` format: every field reference prints the header
    /// Docker gives that field (`.ID` → `IMAGE ID`), functions pass their argument through.
    /// A field without a header prints `<no value>`, as Go does for a missing map key.
    public func executeHeader(_ headers: [String: String]) throws(TemplateError) -> String {
        var exec = TemplateExecutor(source: source, headerMode: headers)
        var out = ""
        try exec.run(nodes, dot: .null, into: &out)
        return out
    }
}

/// The lexer/parser behind `GoTemplate`.
struct TemplateParser {
    typealias Node = GoTemplate.Node
    let chars: [Character]
    let source: String
    var pos = 0
    /// Nesting of `if`/`range`/`with` blocks, bounded so that hostile input cannot exhaust
    /// the stack.
    var depth = 0
    static let maxDepth = 64

    init(source: String) {
        self.source = source
        self.chars = Array(source)
    }

    func lineOf(_ p: Int) -> Int {
        1 + chars[0..<min(p, chars.count)].filter { $0 == "\n" }.count
    }

    func error(_ msg: String, at p: Int) -> TemplateError {
        TemplateError(message: "template: :\(lineOf(p)): " + msg, isParseError: true)
    }

    enum Terminator { case end, elseBranch, eof }

    mutating func parseAll() throws(TemplateError) -> [Node] {
        let (nodes, term, p) = try parseList()
        switch term {
        case .eof: return nodes
        case .end: throw error("unexpected {{end}}", at: p)
        case .elseBranch: throw error("unexpected {{else}}", at: p)
        }
    }

    private func hasPrefix(_ s: String, at p: Int) -> Bool {
        var i = p
        for c in s {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
        }
        return true
    }

    /// Parses nodes until `{{end}}`, `{{else}}` or the end of input.
    mutating func parseList() throws(TemplateError) -> ([Node], Terminator, Int) {
        var nodes: [Node] = []
        var text = ""
        while pos < chars.count {
            guard hasPrefix("{{", at: pos) else {
                text.append(chars[pos])
                pos += 1
                continue
            }
            let actionStart = pos
            pos += 2
            // `{{- ` trims the whitespace before the action.
            if hasPrefix("- ", at: pos) || hasPrefix("-\t", at: pos) || hasPrefix("-\n", at: pos) {
                while let last = text.last, last == " " || last == "\t" || last == "\n" || last == "\r" { text.removeLast() }
                pos += 1
            }
            if !text.isEmpty { nodes.append(.text(text)); text = "" }
            let (tokens, trimAfter) = try lexAction(start: actionStart)
            if trimAfter {
                while pos < chars.count, chars[pos] == " " || chars[pos] == "\t" || chars[pos] == "\n" || chars[pos] == "\r" { pos += 1 }
            }
            if tokens.isEmpty { continue } // comment
            if case .word(let w, _) = tokens[0] {
                switch w {
                case "end":
                    return (nodes, .end, actionStart)
                case "else":
                    if tokens.count > 1 { throw error("else if/with chains are not supported by this simulator", at: actionStart) }
                    return (nodes, .elseBranch, actionStart)
                case "if", "range", "with":
                    let pipe = try parsePipeline(Array(tokens.dropFirst()), start: actionStart, context: w)
                    guard depth < Self.maxDepth else { throw error("blocks nested too deeply", at: actionStart) }
                    depth += 1
                    defer { depth -= 1 }
                    let (body, term, _) = try parseList()
                    var elseBody: [Node] = []
                    switch term {
                    case .eof: throw error("unexpected EOF", at: chars.count)
                    case .end: break
                    case .elseBranch:
                        let (eb, t2, p2) = try parseList()
                        guard case .end = t2 else { throw error(t2 == .eof ? "unexpected EOF" : "unexpected {{else}}", at: p2) }
                        elseBody = eb
                    }
                    switch w {
                    case "if": nodes.append(.ifBlock(pipe, body, elseBody))
                    case "range": nodes.append(.rangeBlock(pipe, body, elseBody))
                    default: nodes.append(.withBlock(pipe, body, elseBody))
                    }
                    continue
                case "define", "template", "block", "break", "continue":
                    throw error("{{\(w)}} is not supported by this simulator's --format", at: actionStart)
                default: break
                }
            }
            nodes.append(.action(try parsePipeline(tokens, start: actionStart, context: "command")))
        }
        if !text.isEmpty { nodes.append(.text(text)) }
        return (nodes, .eof, pos)
    }

    enum Token: Equatable {
        case field([String], Int)
        case word(String, Int)
        case string(String)
        case number(Int64)
        case pipe
    }

    /// Lexes one action up to `}}` (pos is just after `{{` and an optional trim marker).
    mutating func lexAction(start: Int) throws(TemplateError) -> ([Token], Bool) {
        var tokens: [Token] = []
        // Comments: {{/* ... */}}
        var p = pos
        while p < chars.count, chars[p] == " " { p += 1 }
        if hasPrefix("/*", at: p) {
            var q = p + 2
            while q < chars.count, !hasPrefix("*/", at: q) { q += 1 }
            guard q < chars.count else { throw error("unclosed comment", at: start) }
            q += 2
            while q < chars.count, chars[q] == " " { q += 1 }
            var trim = false
            if hasPrefix("-}}", at: q) { trim = true; q += 1 }
            guard hasPrefix("}}", at: q) else { throw error("comment ends before closing delimiter", at: start) }
            pos = q + 2
            return ([], trim)
        }
        while true {
            guard pos < chars.count else { throw error("unclosed action", at: start) }
            let c = chars[pos]
            if hasPrefix("}}", at: pos) { pos += 2; return (tokens, false) }
            if hasPrefix(" -}}", at: pos) || hasPrefix("\t-}}", at: pos) {
                pos += 4
                return (tokens, true)
            }
            if c == " " || c == "\t" || c == "\r" { pos += 1; continue }
            if c == "\n" { throw error("unclosed action", at: start) }
            if c == "|" { tokens.append(.pipe); pos += 1; continue }
            if c == "." {
                let tokenStart = pos
                var path: [String] = []
                pos += 1
                var name = ""
                while pos < chars.count {
                    let d = chars[pos]
                    if d.isLetter || d.isNumber || d == "_" {
                        name.append(d); pos += 1
                    } else if d == "." && !name.isEmpty {
                        path.append(name); name = ""; pos += 1
                    } else { break }
                }
                if !name.isEmpty { path.append(name) }
                tokens.append(.field(path, tokenStart))
                continue
            }
            if c == "\"" || c == "`" {
                tokens.append(.string(try lexString(start: start)))
                continue
            }
            if c.isNumber || (c == "-" && pos + 1 < chars.count && chars[pos + 1].isNumber) {
                var s = String(c)
                pos += 1
                while pos < chars.count, chars[pos].isNumber { s.append(chars[pos]); pos += 1 }
                guard let n = Int64(s) else { throw error("bad number syntax: \"\(s)\"", at: start) }
                tokens.append(.number(n))
                continue
            }
            if c.isLetter || c == "_" {
                let tokenStart = pos
                var w = ""
                while pos < chars.count, chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_" {
                    w.append(chars[pos]); pos += 1
                }
                tokens.append(.word(w, tokenStart))
                continue
            }
            if c == "$" { throw error("template variables ($) are not supported by this simulator's --format", at: start) }
            if c == "(" || c == ")" { throw error("parenthesised pipelines are not supported by this simulator's --format", at: start) }
            throw error("unexpected \"\(c)\" in command", at: start)
        }
    }

    mutating func lexString(start: Int) throws(TemplateError) -> String {
        let quote = chars[pos]
        pos += 1
        var s = ""
        while pos < chars.count {
            let c = chars[pos]
            if c == quote { pos += 1; return s }
            if quote == "\"" {
                if c == "\n" { break }
                if c == "\\" {
                    pos += 1
                    guard pos < chars.count else { break }
                    switch chars[pos] {
                    case "n": s.append("\n")
                    case "t": s.append("\t")
                    case "\\": s.append("\\")
                    case "\"": s.append("\"")
                    case "r": s.append("\r")
                    default: throw error("invalid syntax", at: start)
                    }
                    pos += 1
                    continue
                }
            }
            s.append(c)
            pos += 1
        }
        throw error(quote == "`" ? "unterminated raw quoted string" : "unterminated quoted string", at: start)
    }

    func parsePipeline(_ tokens: [Token], start: Int, context: String) throws(TemplateError) -> GoTemplate.Pipeline {
        if tokens.isEmpty { throw error("missing value for \(context)", at: start) }
        var commands: [GoTemplate.Command] = []
        var current: [GoTemplate.Operand] = []
        for token in tokens {
            switch token {
            case .pipe:
                if current.isEmpty { throw error("missing command", at: start) }
                commands.append(GoTemplate.Command(args: current)); current = []
            case .field(let path, let p): current.append(.field(path, position: p))
            case .string(let s): current.append(.string(s))
            case .number(let n): current.append(.number(n))
            case .word(let w, let p):
                switch w {
                case "true": current.append(.bool(true))
                case "false": current.append(.bool(false))
                case "nil": current.append(.null)
                default:
                    guard TemplateExecutor.functionNames.contains(w) else {
                        throw error("function \"\(w)\" not defined", at: start)
                    }
                    current.append(.function(w, position: p))
                }
            }
        }
        if current.isEmpty { throw error("missing command", at: start) }
        commands.append(GoTemplate.Command(args: current))
        return GoTemplate.Pipeline(commands: commands, position: start)
    }
}
