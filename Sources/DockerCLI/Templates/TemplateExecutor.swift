import Foundation

/// Runs a parsed `GoTemplate`. In header mode every field prints its Docker column header.
struct TemplateExecutor {
    typealias Node = GoTemplate.Node
    let source: String
    let headerMode: [String: String]?
    /// Bounds nested `range`/`with` evaluation so hostile input cannot exhaust the stack.
    var depth = 0

    static let functionNames: Set<String> = [
        "json", "split", "join", "title", "lower", "upper", "pad", "truncate",
        "len", "index", "print", "eq", "ne", "not", "and", "or",
    ]

    init(source: String, headerMode: [String: String]?) {
        self.source = source
        self.headerMode = headerMode
    }

    /// Go's `line:col` for an offset: col is the offset from the start of its line.
    func location(_ p: Int) -> String {
        let prefix = source.prefix(p)
        let line = 1 + prefix.filter { $0 == "\n" }.count
        let col: Int
        if let nl = prefix.lastIndex(of: "\n") {
            col = prefix.distance(from: nl, to: prefix.endIndex) - 1
        } else {
            col = p
        }
        return "\(line):\(col)"
    }

    func execError(_ node: String, at p: Int, _ msg: String) -> TemplateError {
        TemplateError(message: "template: :\(location(p)): executing \"\" at <\(node)>: \(msg)", isParseError: false)
    }

    mutating func run(_ nodes: [Node], dot: TemplateValue, into out: inout String) throws(TemplateError) {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else {
            throw TemplateError(message: "template: : exceeded maximum template depth (64)", isParseError: false)
        }
        for node in nodes {
            switch node {
            case .text(let t): out += t
            case .action(let pipe):
                let v = try eval(pipe, dot: dot)
                out += v.goText
            case .ifBlock(let pipe, let body, let elseBody):
                if headerMode != nil {
                    try run(body, dot: dot, into: &out)
                } else if truth(try eval(pipe, dot: dot)) {
                    try run(body, dot: dot, into: &out)
                } else {
                    try run(elseBody, dot: dot, into: &out)
                }
            case .withBlock(let pipe, let body, let elseBody):
                if headerMode != nil { try run(body, dot: dot, into: &out); continue }
                let v = try eval(pipe, dot: dot)
                if truth(v) { try run(body, dot: v, into: &out) } else { try run(elseBody, dot: dot, into: &out) }
            case .rangeBlock(let pipe, let body, let elseBody):
                if headerMode != nil { try run(body, dot: dot, into: &out); continue }
                let v = try eval(pipe, dot: dot)
                switch v {
                case .list(let items) where !items.isEmpty:
                    for item in items { try run(body, dot: item, into: &out) }
                case .map(let m) where !m.isEmpty:
                    for key in m.keys.sorted() { try run(body, dot: m[key] ?? .null, into: &out) }
                case .list, .map, .null:
                    try run(elseBody, dot: dot, into: &out)
                default:
                    throw execError("range", at: pipe.position, "range can't iterate over \(v.goText)")
                }
            }
        }
    }

    func truth(_ v: TemplateValue) -> Bool {
        switch v {
        case .string(let s): return !s.isEmpty
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .bool(let b): return b
        case .null: return false
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .object: return true
        }
    }

    func eval(_ pipe: GoTemplate.Pipeline, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        var previous: TemplateValue?
        for command in pipe.commands {
            previous = try evalCommand(command, dot: dot, piped: previous)
        }
        return previous ?? .null
    }

    func evalCommand(_ command: GoTemplate.Command, dot: TemplateValue, piped: TemplateValue?) throws(TemplateError) -> TemplateValue {
        guard let first = command.args.first else { return .null }
        if case .function(let name, let p) = first {
            var args: [TemplateValue] = []
            for operand in command.args.dropFirst() { args.append(try evalOperand(operand, dot: dot)) }
            if let piped { args.append(piped) }
            return try call(name, args, at: p)
        }
        if command.args.count > 1 || piped != nil {
            throw execError(nodeText(first), at: position(first), "can't give argument to non-function \(nodeText(first))")
        }
        return try evalOperand(first, dot: dot)
    }

    func position(_ operand: GoTemplate.Operand) -> Int {
        switch operand {
        case .field(_, let p), .function(_, let p): return p
        default: return 0
        }
    }

    func nodeText(_ operand: GoTemplate.Operand) -> String {
        switch operand {
        case .field(let path, _): return path.isEmpty ? "." : "." + path.joined(separator: ".")
        case .function(let n, _): return n
        case .string(let s): return GoFormat.quote(s)
        case .number(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "nil"
        }
    }

    func evalOperand(_ operand: GoTemplate.Operand, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        switch operand {
        case .string(let s): return .string(s)
        case .number(let n): return .int(n)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .function(let name, let p): return try call(name, [], at: p)
        case .field(let path, let p):
            if let headers = headerMode {
                guard let first = path.first else { return .string("") }
                return .string(headers[first] ?? "<no value>")
            }
            var value = dot
            var walked = ""
            for name in path {
                walked += "." + name
                switch value {
                case .object(let o):
                    guard let v = o[name] else {
                        throw execError(walked, at: p, "can't evaluate field \(name) in type \(o.typeName)")
                    }
                    value = v
                case .map(let m):
                    value = m[name] ?? .string("<no value>")
                case .null:
                    throw execError(walked, at: p, "nil pointer evaluating interface {}.\(name)")
                default:
                    throw execError(walked, at: p, "can't evaluate field \(name) in type \(goTypeName(value))")
                }
            }
            return value
        }
    }

    func goTypeName(_ v: TemplateValue) -> String {
        switch v {
        case .string: return "string"
        case .int: return "int64"
        case .double: return "float64"
        case .bool: return "bool"
        case .null: return "interface {}"
        case .list: return "[]string"
        case .map: return "map[string]string"
        case .object(let o): return o.typeName
        }
    }

    func want(_ name: String, _ args: [TemplateValue], _ n: Int, at p: Int) throws(TemplateError) {
        if args.count != n {
            throw execError(name, at: p, "wrong number of args for \(name): want \(n) got \(args.count)")
        }
    }

    func call(_ name: String, _ args: [TemplateValue], at p: Int) throws(TemplateError) -> TemplateValue {
        if headerMode != nil {
            // Docker's header functions print the header text they are given.
            return args.first ?? .string("")
        }
        switch name {
        case "json":
            try want(name, args, 1, at: p)
            return .string(GoJSON.compact(args[0]))
        case "upper":
            try want(name, args, 1, at: p)
            return .string(args[0].goText.uppercased())
        case "lower":
            try want(name, args, 1, at: p)
            return .string(args[0].goText.lowercased())
        case "title":
            try want(name, args, 1, at: p)
            return .string(titleCase(args[0].goText))
        case "split":
            try want(name, args, 2, at: p)
            let s = args[0].goText, sep = args[1].goText
            if sep.isEmpty { return .list(s.map { .string(String($0)) }) }
            return .list(s.components(separatedBy: sep).map { .string($0) })
        case "join":
            try want(name, args, 2, at: p)
            guard case .list(let items) = args[0] else {
                throw execError(name, at: p, "error calling join: argument is not a list of strings")
            }
            return .string(items.map(\.goText).joined(separator: args[1].goText))
        case "pad":
            try want(name, args, 3, at: p)
            guard case .int(let before) = args[1], case .int(let after) = args[2] else {
                throw execError(name, at: p, "wrong type for value; expected int")
            }
            let b = Int(max(0, min(before, 10_000))), a = Int(max(0, min(after, 10_000)))
            return .string(String(repeating: " ", count: b) + args[0].goText + String(repeating: " ", count: a))
        case "truncate":
            try want(name, args, 2, at: p)
            guard case .int(let n) = args[1] else { throw execError(name, at: p, "wrong type for value; expected int") }
            let s = Array(args[0].goText.unicodeScalars)
            if n < 0 || Int(n) >= s.count { return .string(args[0].goText) }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: s[0..<Int(n)])
            return .string(String(view))
        case "len":
            try want(name, args, 1, at: p)
            switch args[0] {
            case .string(let s): return .int(Int64(s.utf8.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw execError(name, at: p, "error calling len: len of type \(goTypeName(args[0]))")
            }
        case "index":
            guard args.count >= 2 else { throw execError(name, at: p, "wrong number of args for index: want at least 1 got \(args.count)") }
            var v = args[0]
            for key in args.dropFirst() {
                switch (v, key) {
                case (.list(let l), .int(let i)):
                    guard i >= 0, Int(i) < l.count else { throw execError(name, at: p, "error calling index: index out of range: \(i)") }
                    v = l[Int(i)]
                case (.map(let m), .string(let k)):
                    v = m[k] ?? .null
                default:
                    throw execError(name, at: p, "error calling index: cannot index slice/array with type \(goTypeName(key))")
                }
            }
            return v
        case "print":
            var s = ""
            for (i, a) in args.enumerated() {
                if i > 0, !isString(a), !isString(args[i - 1]) { s += " " }
                s += a.goText
            }
            return .string(s)
        case "eq", "ne":
            try want(name, args, 2, at: p)
            return .bool((args[0] == args[1]) == (name == "eq"))
        case "not":
            try want(name, args, 1, at: p)
            return .bool(!truth(args[0]))
        case "and":
            return args.first { !truth($0) } ?? args.last ?? .null
        case "or":
            return args.first { truth($0) } ?? args.last ?? .null
        default:
            throw execError(name, at: p, "function \"\(name)\" not defined")
        }
    }

    func isString(_ v: TemplateValue) -> Bool {
        if case .string = v { return true }
        return false
    }

    /// Go's deprecated `strings.Title`: upper-cases the first letter of each word.
    func titleCase(_ s: String) -> String {
        var out = ""
        var atWordStart = true
        for c in s {
            if c.isLetter || c.isNumber || c == "_" || c == "'" {
                out += atWordStart ? c.uppercased() : String(c)
                atWordStart = false
            } else {
                out.append(c)
                atWordStart = true
            }
        }
        return out
    }
}
