/// Just enough reading of a Python or JavaScript application file to answer what the
/// learner's hello-world servers do: which routes they define and what they return, which
/// port they listen on, and what they print. Line-based; never executes anything.

/// Finds the first string literal in `text` ('…' or "…"; f-strings and template literals
/// are not literals). Returns nil when there is none.
func firstStringLiteral(_ text: Substring) -> String? {
    var i = text.startIndex
    while i < text.endIndex {
        let c = text[i]
        if c == "\"" || c == "'" {
            if i > text.startIndex {
                let prev = text[text.index(before: i)]
                if prev == "f" || prev == "F" { return nil }
            }
            var j = text.index(after: i)
            var value = ""
            while j < text.endIndex, text[j] != c {
                if text[j] == "\\", text.index(after: j) < text.endIndex {
                    j = text.index(after: j)
                    switch text[j] {
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    default: value.append(text[j])
                    }
                } else {
                    value.append(text[j])
                }
                j = text.index(after: j)
            }
            return j < text.endIndex ? value : nil
        }
        i = text.index(after: i)
    }
    return nil
}

/// A Python file, as far as a Flask hello world goes.
struct PythonSource {
    struct Route {
        var path: String
        /// The literal the view function returns, when it returns one.
        var body: String?
    }
    struct RunCall {
        var host: String?
        var port: Int?
        var debug: Bool
    }

    let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    var usesFlask: Bool { flaskImportLine > 0 }

    /// 1-based line of `from flask import …` / `import flask`, 0 when absent.
    var flaskImportLine: Int {
        for (i, line) in lines.enumerated() {
            let t = line.drop(while: { $0 == " " })
            if t.hasPrefix("from flask import") || t.hasPrefix("import flask") { return i + 1 }
        }
        return 0
    }

    var flaskImportText: String {
        let n = flaskImportLine
        return n > 0 ? String(lines[n - 1].drop(while: { $0 == " " })) : ""
    }

    /// `@app.route("/")` / `@app.get("/")` decorators and what their function returns.
    var routes: [Route] {
        var routes: [Route] = []
        var i = 0
        while i < lines.count {
            let t = lines[i].drop(while: { $0 == " " })
            if t.hasPrefix("@"), t.contains(".route(") || t.contains(".get("), let path = firstStringLiteral(t) {
                var body: String?
                var j = i + 1
                var sawDef = false
                while j < lines.count {
                    let u = lines[j].drop(while: { $0 == " " })
                    if u.hasPrefix("def ") { sawDef = true } else if sawDef, u.hasPrefix("return ") {
                        body = firstStringLiteral(u.dropFirst(7))
                        break
                    } else if sawDef, u.hasPrefix("@") || (!lines[j].hasPrefix(" ") && !u.isEmpty && !u.hasPrefix("#")) {
                        break
                    }
                    j += 1
                }
                routes.append(Route(path: path, body: body))
                i = j
                continue
            }
            i += 1
        }
        return routes
    }

    /// `app.run(host="0.0.0.0", port=8000, debug=True)` inside the file, if any.
    var runCall: RunCall? {
        for line in lines {
            let t = line.drop(while: { $0 == " " })
            guard t.hasPrefix("app.run(") || (t.contains(".run(") && !t.hasPrefix("#") && t.contains("app")) else { continue }
            var call = RunCall(host: nil, port: nil, debug: false)
            if let r = t.firstRange(of: "host=") { call.host = firstStringLiteral(t[r.upperBound...]) }
            if let r = t.firstRange(of: "port=") { call.port = Int(String(t[r.upperBound...].prefix(while: { $0.isNumber }))) }
            call.debug = t.contains("debug=True")
            return call
        }
        return nil
    }

    /// Top-level `print(…)` lines, in order (what a script without a server prints): string
    /// literals and number arithmetic, several arguments joined by a blank, as Python does.
    var printedLines: [String] {
        lines.compactMap { line -> String? in
            guard line.hasPrefix("print("), let close = line.lastIndex(of: ")") else { return nil }
            return PythonSource.printed(line[line.index(line.startIndex, offsetBy: 6)..<close])
        }
    }

    /// Top-level statements (not blank, not comments, not indented).
    var statementCount: Int {
        lines.filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }.count
    }

    /// `python -c CODE`: statements split at newlines and `;` (outside quotes).
    static func commandLine(_ code: String) -> PythonSource {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        for c in code {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
                current.append(c)
            } else if c == ";" || c == "\n" {
                statements.append(String(current.trimmingCharacters(in: " \t")))
                current = ""
            } else {
                current.append(c)
            }
        }
        statements.append(String(current.trimmingCharacters(in: " \t")))
        return PythonSource(statements.joined(separator: "\n"))
    }

    /// What `print(ARGS)` writes, or nil when an argument is beyond this simulator
    /// (variables, f-strings, calls).
    static func printed(_ arguments: Substring) -> String? {
        var parts: [String] = []
        var depth = 0
        var quote: Character?
        var start = arguments.startIndex
        var i = arguments.startIndex
        func take(_ end: Substring.Index) -> Bool {
            let piece = String(arguments[start..<end]).trimmingCharacters(in: " \t")
            if piece.isEmpty { return true }
            if let first = piece.first, first == "\"" || first == "'" {
                guard let text = firstStringLiteral(piece), piece.hasSuffix(String(first)) else { return false }
                parts.append(text)
                return true
            }
            guard let value = PythonArithmetic.evaluate(String(piece)) else { return false }
            parts.append(value)
            return true
        }
        while i < arguments.endIndex {
            let c = arguments[i]
            if let q = quote {
                if c == "\\" { i = arguments.index(after: i) } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
            } else if c == ",", depth == 0 {
                guard take(i) else { return nil }
                start = arguments.index(after: i)
            }
            if i < arguments.endIndex { i = arguments.index(after: i) }
        }
        guard quote == nil, take(arguments.endIndex) else { return nil }
        return parts.joined(separator: " ")
    }
}

/// A Node.js file, as far as an http/express hello world goes.
struct JavaScriptSource {
    let lines: [Substring]
    let environment: [String: String]

    init(_ text: String, environment: [String: String]) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.environment = environment
    }

    /// The port from `.listen(3000` or a `PORT`/`port` constant (`process.env.PORT || 3000`).
    var listenPort: Int? {
        guard lines.contains(where: { $0.contains(".listen(") }) else { return nil }
        for line in lines where line.contains(".listen(") {
            if let r = line.firstRange(of: ".listen("), let n = Int(String(line[r.upperBound...].prefix(while: { $0.isNumber }))) { return n }
        }
        if let env = environment["PORT"], let n = Int(env) { return n }
        for line in lines where line.lowercased().contains("port") && line.contains("=") {
            let digits = line.split(whereSeparator: { !$0.isNumber }).first.flatMap { Int($0) }
            if let digits, digits > 0, digits < 65536 { return digits }
        }
        return 3000
    }

    /// `console.log(…)` lines with literal text; in template literals `${port}`/`${PORT}`
    /// become the port.
    func logLines(port: Int?) -> [String] {
        lines.compactMap { line -> String? in
            guard let r = line.firstRange(of: "console.log(") else { return nil }
            let rest = line[r.upperBound...]
            if rest.first == "`" {
                guard let end = rest.dropFirst().firstIndex(of: "`") else { return nil }
                var text = String(rest[rest.index(after: rest.startIndex)..<end])
                if let port {
                    for name in ["${port}", "${PORT}"] {
                        while let range = text.firstRange(of: name) { text.replaceSubrange(range, with: String(port)) }
                    }
                }
                return text
            }
            return firstStringLiteral(rest)
        }
    }

    /// What `res.send('…')` / `res.end('…')` answers (the first one in the file).
    var responseBody: String? {
        for line in lines {
            for call in ["res.send(", "res.end(", "res.write("] {
                if let r = line.firstRange(of: call), let text = firstStringLiteral(line[r.upperBound...]) { return text }
            }
        }
        return nil
    }
}


/// Number arithmetic as Python prints it: `+ - * / // % **` and parentheses over integer
/// and decimal literals (`7/2` is `3.5`, `4/2` is `2.0`, `2**10` is `1024`).
enum PythonArithmetic {
    enum Value { case int(Int), float(Double) }

    static func evaluate(_ text: String) -> String? {
        var parser = Parser(chars: Array(text.filter { $0 != " " && $0 != "\t" }))
        guard !parser.chars.isEmpty, let value = parser.expression(), parser.at == parser.chars.count else { return nil }
        switch value {
        case .int(let n): return String(n)
        case .float(let d):
            guard d.isFinite else { return nil }
            if d == d.rounded(), abs(d) < 1e16 { return String(Int(d)) + ".0" }
            return String(d)
        }
    }

    struct Parser {
        let chars: [Character]
        var at = 0

        mutating func expression() -> Value? {
            guard var left = term() else { return nil }
            while at < chars.count, chars[at] == "+" || chars[at] == "-" {
                let op = chars[at]; at += 1
                guard let right = term() else { return nil }
                left = combine(left, right) { op == "+" ? $0.addingReportingOverflow($1) : $0.subtractingReportingOverflow($1) } float: { op == "+" ? $0 + $1 : $0 - $1 }
                if case .float(let d) = left, d.isNaN { return nil }
            }
            return left
        }

        mutating func term() -> Value? {
            guard var left = power() else { return nil }
            while at < chars.count, chars[at] == "*" || chars[at] == "/" || chars[at] == "%" {
                if chars[at] == "*", at + 1 < chars.count, chars[at + 1] == "*" { break }
                var op = String(chars[at]); at += 1
                if op == "/", at < chars.count, chars[at] == "/" { op = "//"; at += 1 }
                guard let right = power() else { return nil }
                switch op {
                case "*": left = combine(left, right) { $0.multipliedReportingOverflow(by: $1) } float: { $0 * $1 }
                case "/":
                    guard double(right) != 0 else { return nil }
                    left = .float(double(left) / double(right))
                default:
                    guard double(right) != 0 else { return nil }
                    if case .int(let a) = left, case .int(let b) = right {
                        let q = Int((Double(a) / Double(b)).rounded(.down))
                        left = .int(op == "//" ? q : a - b * q)
                    } else {
                        let q = (double(left) / double(right)).rounded(.down)
                        left = .float(op == "//" ? q : double(left) - double(right) * q)
                    }
                }
            }
            return left
        }

        mutating func power() -> Value? {
            guard let base = unary() else { return nil }
            guard at + 1 < chars.count, chars[at] == "*", chars[at + 1] == "*" else { return base }
            at += 2
            guard let exponent = power() else { return nil }
            if case .int(let b) = base, case .int(let e) = exponent, e >= 0, e < 64 {
                var result = 1
                for _ in 0..<e {
                    let (next, overflow) = result.multipliedReportingOverflow(by: b)
                    if overflow { return .float(PythonArithmetic.pow(Double(b), Double(e))) }
                    result = next
                }
                return .int(result)
            }
            return .float(PythonArithmetic.pow(double(base), double(exponent)))
        }

        mutating func unary() -> Value? {
            if at < chars.count, chars[at] == "-" || chars[at] == "+" {
                let negative = chars[at] == "-"; at += 1
                guard let v = unary() else { return nil }
                guard negative else { return v }
                switch v { case .int(let n): return .int(-n); case .float(let d): return .float(-d) }
            }
            return atom()
        }

        mutating func atom() -> Value? {
            guard at < chars.count else { return nil }
            if chars[at] == "(" {
                at += 1
                guard let v = expression(), at < chars.count, chars[at] == ")" else { return nil }
                at += 1
                return v
            }
            let start = at
            while at < chars.count, chars[at].isNumber || chars[at] == "." || chars[at] == "_" { at += 1 }
            let literal = String(chars[start..<at]).replacingUnderscores()
            if literal.contains(".") { return Double(literal).map(Value.float) }
            return Int(literal).map(Value.int)
        }

        func double(_ v: Value) -> Double {
            switch v { case .int(let n): return Double(n); case .float(let d): return d }
        }

        func combine(_ a: Value, _ b: Value, int: (Int, Int) -> (partialValue: Int, overflow: Bool), float: (Double, Double) -> Double) -> Value {
            if case .int(let x) = a, case .int(let y) = b {
                let r = int(x, y)
                if !r.overflow { return .int(r.partialValue) }
            }
            return .float(float(double(a), double(b)))
        }
    }

    /// x to the power y without Foundation (repeated squaring for whole exponents).
    static func pow(_ x: Double, _ y: Double) -> Double {
        guard y == y.rounded(), abs(y) < 1024 else { return .nan }
        var result = 1.0, base = x, n = Int(abs(y))
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        return y < 0 ? 1 / result : result
    }
}


private extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
