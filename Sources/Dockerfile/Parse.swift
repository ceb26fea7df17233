// Entry points of the Dockerfile module.

/// A Dockerfile that could not be parsed, in BuildKit's words, with where it went wrong.
public struct DockerfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// BuildKit's message, e.g. `dockerfile parse error on line 1: unknown instruction: FORM (did you mean FROM?)`.
    public var message: String
    /// 1-based line of the problem, when there is one.
    public var line: Int?
    /// The message without BuildKit's `dockerfile parse error on line N:` prefix.
    public var reason: String
    /// The text of the offending line (line ending removed), for display.
    public var lineText: String?
    /// 1-based column (in characters of `lineText`) the caret should point at.
    public var column: Int?
    /// How many characters the caret underline spans (at least 1).
    public var length: Int

    public init(message: String, line: Int? = nil) {
        self.init(message: message, line: line, reason: message)
    }

    public init(message: String, line: Int?, reason: String, lineText: String? = nil, column: Int? = nil, length: Int = 1) {
        self.message = message
        self.line = line
        self.reason = reason
        self.lineText = lineText
        self.column = column
        self.length = max(1, length)
    }

    public var description: String { message }

    /// The message followed by the offending line and a caret under the problem:
    ///
    ///     dockerfile parse error on line 2: unknown instruction: FORM (did you mean FROM?)
    ///      2 | FORM alpine
    ///        | ^^^^
    public var detailedDescription: String {
        guard let line, let lineText else { return message }
        let number = String(line)
        var out = message + "\n " + number + " | " + lineText
        if let column {
            let pad = String(repeating: " ", count: number.count)
            let prefix = lineText.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "\n " + pad + " | " + prefix + String(repeating: "^", count: length)
        }
        return out
    }
}

/// Parses Dockerfile text into typed instructions grouped into stages.
public func parseDockerfile(_ text: String) throws(DockerfileError) -> DockerfileDocument {
    try InstructionParser.parseDocument(Array(text.utf8))
}

/// Parses Dockerfile bytes (as read from disk: BOM, CRLF and all) into typed instructions.
public func parseDockerfile(bytes: [UInt8]) throws(DockerfileError) -> DockerfileDocument {
    try InstructionParser.parseDocument(bytes)
}

/// BuildKit's word processing (`shell/lex.go` semantics): expands `$var`, `${var...}`, removes
/// quotes and escapes, as done for ENV, LABEL, COPY, WORKDIR and friends.
public struct VariableExpander: Sendable {
    public var escapeCharacter: Character
    public init(escapeCharacter: Character = "\\") {
        self.escapeCharacter = escapeCharacter
    }
    /// Expands one word. `environment` holds the variables in scope (ARG/ENV).
    public func expand(_ word: String, environment: [String: String]) throws(DockerfileError) -> String {
        try expandReportingUsage(word, environment: environment).value
    }
    /// Expands and splits into words on unquoted whitespace (used for EXPOSE, VOLUME, ...).
    public func expandWords(_ text: String, environment: [String: String]) throws(DockerfileError) -> [String] {
        try run(text, environment: environment).words.map(runesToString)
    }
}
