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

    /// Top-level `print("…")` lines, in order (what a script without a server prints).
    var printedLines: [String] {
        lines.compactMap { line -> String? in
            guard line.hasPrefix("print(") else { return nil }
            return firstStringLiteral(line.dropFirst(6))
        }
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

