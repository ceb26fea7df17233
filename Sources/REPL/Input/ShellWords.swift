/// One piece of a workspace command line after POSIX-style quoting is removed.
public enum ShellToken: Equatable, Sendable {
    case word(String)
    /// `>` (append false) or `>>` (append true); the target is the next word.
    case redirectOut(append: Bool)
    /// `<<WORD`, `<<'WORD'`, `<<-WORD`: the body follows on the next lines.
    case heredoc(HeredocMarker)
}

/// A here-document operator found on a command line.
public struct HeredocMarker: Equatable, Sendable {
    /// The delimiter with quotes removed.
    public var delimiter: String
    /// Quoted delimiters (`<<'EOF'`, `<<"EOF"`, `<<E\OF`) keep the body literal.
    public var quoted: Bool
    /// `<<-` strips leading tabs from body lines and the delimiter line.
    public var stripsTabs: Bool

    public init(delimiter: String, quoted: Bool, stripsTabs: Bool) {
        self.delimiter = delimiter
        self.quoted = quoted
        self.stripsTabs = stripsTabs
    }
}

/// Why a command line could not be split into words.
public enum ShellSyntaxError: Error, Equatable, Sendable {
    case unmatchedQuote(Character)
    case unsupportedOperator(String)
    case commandSubstitution
    case missingHeredocDelimiter
    case badSubstitution(String)

    /// The message a shell would print (without the `dockyard: ` prefix).
    public var message: String {
        switch self {
        case .unmatchedQuote(let q):
            return "syntax error: unmatched \(q == "'" ? "single" : "double") quote (\(q)); close it on the same line"
        case .unsupportedOperator(let op):
            return "syntax error: '\(op)' is not supported here (one command per line; redirect with > or >> only)"
        case .commandSubstitution:
            return "syntax error: command substitution ($(...) or `...`) is not supported here"
        case .missingHeredocDelimiter:
            return "syntax error: expected a delimiter word after '<<'"
        case .badSubstitution(let text):
            return "\(text): bad substitution"
        }
    }
}

/// Splits a command line into words the way a POSIX shell does for simple commands:
/// single quotes are literal, double quotes allow `\"`, `\\`, `\$` and `$NAME`, a backslash
/// outside quotes escapes the next character, `$NAME`/`${NAME}` expand (unknown names to
/// nothing). Pipes, lists and substitutions are refused rather than misread.
public enum ShellWords {
    public static func split(_ line: String, variables: (String) -> String? = { _ in nil }) -> Result<[ShellToken], ShellSyntaxError> {
        splitWithPatterns(line, variables: variables).map { $0.map(\.token) }
    }

    /// Like `split`, with each word's glob pattern when it has unquoted `*`, `?` or `[`
    /// (quoted or escaped magic characters are backslash-escaped in the pattern), so a
    /// command can expand `ls *.py` against its files; nil for other words and operators.
    public static func splitWithPatterns(_ line: String, variables: (String) -> String? = { _ in nil }) -> Result<[(token: ShellToken, pattern: String?)], ShellSyntaxError> {
        var tokens: [(token: ShellToken, pattern: String?)] = []
        let chars = Array(line.unicodeScalars)
        var i = 0
        var current = ""
        var pattern = ""
        var magic = false
        var inWord = false

        func flush() {
            if inWord { tokens.append((.word(current), magic ? pattern : nil)) }
            current = ""
            pattern = ""
            magic = false
            inWord = false
        }
        // Text that came quoted, escaped or from a variable: never a wildcard.
        func literal<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
            for c in scalars {
                current.unicodeScalars.append(c)
                if c == "*" || c == "?" || c == "[" || c == "\\" { pattern.unicodeScalars.append("\\") }
                pattern.unicodeScalars.append(c)
            }
        }

        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\n":
                flush()
                i += 1
            case "'":
                inWord = true
                guard let end = chars[(i + 1)...].firstIndex(of: "'") else { return .failure(.unmatchedQuote("'")) }
                literal(chars[(i + 1)..<end])
                i = end + 1
            case "\"":
                inWord = true
                i += 1
                var closed = false
                while i < chars.count {
                    let d = chars[i]
                    if d == "\"" { closed = true; i += 1; break }
                    if d == "\\", i + 1 < chars.count, "\"\\$`".unicodeScalars.contains(chars[i + 1]) {
                        literal([chars[i + 1]])
                        i += 2
                        continue
                    }
                    if d == "`" { return .failure(.commandSubstitution) }
                    if d == "$" {
                        switch expand(chars, at: i, variables: variables) {
                        case .failure(let e): return .failure(e)
                        case .success(let (text, next)): literal(text.unicodeScalars); i = next
                        }
                        continue
                    }
                    literal([d])
                    i += 1
                }
                if !closed { return .failure(.unmatchedQuote("\"")) }
            case "\\":
                inWord = true
                if i + 1 < chars.count { literal([chars[i + 1]]) }
                i += 2
            case "$":
                inWord = true
                switch expand(chars, at: i, variables: variables) {
                case .failure(let e): return .failure(e)
                case .success(let (text, next)): literal(text.unicodeScalars); i = next
                }
            case "`":
                return .failure(.commandSubstitution)
            case ">":
                flush()
                if i + 1 < chars.count, chars[i + 1] == ">" {
                    tokens.append((.redirectOut(append: true), nil)); i += 2
                } else {
                    tokens.append((.redirectOut(append: false), nil)); i += 1
                }
                if i < chars.count, chars[i] == "|" || chars[i] == "&" { return .failure(.unsupportedOperator(">" + String(chars[i]))) }
            case "<":
                flush()
                guard i + 1 < chars.count, chars[i + 1] == "<" else { return .failure(.unsupportedOperator("<")) }
                i += 2
                var strips = false
                if i < chars.count, chars[i] == "-" { strips = true; i += 1 }
                if i < chars.count, chars[i] == "<" { return .failure(.unsupportedOperator("<<<")) }
                while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
                var delimiter = ""
                var quoted = false
                var sawAny = false
                delimiterLoop: while i < chars.count {
                    let d = chars[i]
                    switch d {
                    case " ", "\t", ">", "<", ";", "|", "&":
                        break delimiterLoop
                    case "'", "\"":
                        quoted = true; sawAny = true
                        guard let end = chars[(i + 1)...].firstIndex(of: d) else { return .failure(.unmatchedQuote(Character(d))) }
                        delimiter.unicodeScalars.append(contentsOf: chars[(i + 1)..<end])
                        i = end + 1
                    case "\\":
                        quoted = true; sawAny = true
                        if i + 1 < chars.count { delimiter.unicodeScalars.append(chars[i + 1]) }
                        i += 2
                    default:
                        sawAny = true
                        delimiter.unicodeScalars.append(d)
                        i += 1
                    }
                }
                guard sawAny, !delimiter.isEmpty else { return .failure(.missingHeredocDelimiter) }
                tokens.append((.heredoc(HeredocMarker(delimiter: delimiter, quoted: quoted, stripsTabs: strips)), nil))
            case "|", ";", "&":
                var op = String(c)
                if i + 1 < chars.count, chars[i + 1] == c { op += String(chars[i + 1]) }
                return .failure(.unsupportedOperator(op))
            default:
                inWord = true
                current.unicodeScalars.append(c)
                pattern.unicodeScalars.append(c)
                if c == "*" || c == "?" || c == "[" { magic = true }
                i += 1
            }
        }
        flush()
        return .success(tokens)
    }

    /// Expands `$NAME`, `${NAME}` or a lone `$` starting at `chars[i] == "$"`.
    static func expand(_ chars: [Unicode.Scalar], at i: Int, variables: (String) -> String?) -> Result<(String, Int), ShellSyntaxError> {
        var j = i + 1
        guard j < chars.count else { return .success(("$", j)) }
        if chars[j] == "(" { return .failure(.commandSubstitution) }
        if chars[j] == "{" {
            guard let end = chars[(j + 1)...].firstIndex(of: "}") else {
                return .failure(.badSubstitution(String(String.UnicodeScalarView(chars[i...]))))
            }
            let name = String(String.UnicodeScalarView(chars[(j + 1)..<end]))
            guard isName(name) else { return .failure(.badSubstitution("${\(name)}")) }
            return .success((variables(name) ?? "", end + 1))
        }
        var name = ""
        while j < chars.count, isNameScalar(chars[j]), !(name.isEmpty && ("0"..."9").contains(chars[j])) {
            name.unicodeScalars.append(chars[j]); j += 1
        }
        if name.isEmpty { return .success(("$", i + 1)) }
        return .success((variables(name) ?? "", j))
    }

    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy(isNameScalar)
    }

    /// Expands a heredoc body written with an unquoted delimiter: `$NAME`, `${NAME}`,
    /// and the escapes `\$`, `` \` ``, `\\` and backslash-newline.
    public static func expandHeredocBody(_ body: String, variables: (String) -> String?) -> Result<String, ShellSyntaxError> {
        let chars = Array(body.unicodeScalars)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let n = chars[i + 1]
                if n == "$" || n == "`" || n == "\\" { out.unicodeScalars.append(n); i += 2; continue }
                if n == "\n" { i += 2; continue }
            }
            if c == "`" { return .failure(.commandSubstitution) }
            if c == "$" {
                switch expand(chars, at: i, variables: variables) {
                case .failure(let e): return .failure(e)
                case .success(let (text, next)): out += text; i = next
                }
                continue
            }
            out.unicodeScalars.append(c)
            i += 1
        }
        return .success(out)
    }
}
