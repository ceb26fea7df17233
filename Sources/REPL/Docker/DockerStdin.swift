/// Standard input for `docker` lines, in the two forms a learner needs for
/// `docker login --password-stdin` (and `echo y | docker image prune`): a heredoc on the
/// docker line, or a pipe from `echo …` / `cat FILE`. Other pipes stay refused; the REPL
/// is not a shell.
enum DockerStdin {
    /// Splits `LEFT | RIGHT` at its only unquoted `|`. Nil when there is none, or when the
    /// line has `||`, `>|` or more than one pipe (those keep the tokenizer's error).
    static func splitPipe(_ line: String) -> (left: String, right: String)? {
        let chars = Array(line.unicodeScalars)
        var pipes: [Int] = []
        var i = 0
        var single = false
        var double = false
        while i < chars.count {
            let c = chars[i]
            if single {
                if c == "'" { single = false }
            } else if c == "\\" {
                i += 1
            } else if double {
                if c == "\"" { double = false }
            } else if c == "'" {
                single = true
            } else if c == "\"" {
                double = true
            } else if c == "|" {
                if i + 1 < chars.count, chars[i + 1] == "|" { return nil }
                if i > 0, chars[i - 1] == "|" || chars[i - 1] == ">" { return nil }
                pipes.append(i)
            }
            i += 1
        }
        guard pipes.count == 1, let at = pipes.first else { return nil }
        let left = String(String.UnicodeScalarView(chars[..<at]))
        let right = String(String.UnicodeScalarView(chars[(at + 1)...]))
        return (left.trimmingBlanks, right.trimmingBlanks)
    }

    /// The text of the last heredoc on the line (a shell gives the command the last one),
    /// expanded unless its delimiter was quoted; nil when the line has none.
    static func heredoc(_ command: ParsedCommand, session: Session) -> Result<String?, ShellSyntaxError> {
        guard case .success(let tokens) = command.tokens else { return .success(nil) }
        let markers = tokens.compactMap { token -> HeredocMarker? in if case .heredoc(let m) = token { return m } else { return nil } }
        guard let marker = markers.last else { return .success(nil) }
        let index = markers.count - 1
        let body = index < command.entry.heredocBodies.count ? command.entry.heredocBodies[index] : ""
        if marker.quoted { return .success(body) }
        return ShellWords.expandHeredocBody(body, variables: { session.variable($0) }).map { Optional($0) }
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
