// Entry points of the Dockerfile module. Placeholder signatures: the parser work replaces the
// bodies; the engine codes against these names.

/// A Dockerfile that could not be parsed, in BuildKit's words, with where it went wrong.
public struct DockerfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// BuildKit's message, e.g. `dockerfile parse error on line 1: unknown instruction: FORM (did you mean FROM?)`.
    public var message: String
    /// 1-based line of the problem, when there is one.
    public var line: Int?
    public init(message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }
    public var description: String { message }
}

/// Parses Dockerfile text into typed instructions grouped into stages.
public func parseDockerfile(_ text: String) throws(DockerfileError) -> DockerfileDocument {
    throw DockerfileError(message: "Dockerfile parsing is not available yet")
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
        throw DockerfileError(message: "variable expansion is not available yet")
    }
    /// Expands and splits into words on unquoted whitespace (used for EXPOSE, VOLUME, ...).
    public func expandWords(_ text: String, environment: [String: String]) throws(DockerfileError) -> [String] {
        throw DockerfileError(message: "variable expansion is not available yet")
    }
}
