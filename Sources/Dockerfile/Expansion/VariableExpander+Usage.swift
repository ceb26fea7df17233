/// The outcome of expanding one word, with the variables it looked at.
public struct ExpansionResult: Equatable, Sendable {
    /// The expanded text, quotes and escapes removed.
    public var value: String
    /// Variables the word referenced that were set, in first-use order.
    public var usedVariables: [String]
    /// Variables the word referenced that were not set (they expanded to nothing).
    public var unsetVariables: [String]
}

extension VariableExpander {
    /// Expands one word and reports which variables it referenced, so the builder can say
    /// which ARG/ENV a cache miss came from.
    public func expandReportingUsage(_ word: String, environment: [String: String]) throws(DockerfileError) -> ExpansionResult {
        let r = try run(word, environment: environment)
        return ExpansionResult(value: runesToString(r.result), usedVariables: r.matched, unsetVariables: r.unmatched)
    }

    func run(_ text: String, environment: [String: String]) throws(DockerfileError) -> ShellLexResult {
        var options = ShellLexOptions()
        options.escapeToken = escapeCharacter.unicodeScalars.first?.value ?? 0x5C
        var src = text.unicodeScalars.map(\.value)
        // Go's text/scanner, which BuildKit's lexer reads with, skips a leading BOM.
        if src.first == 0xFEFF { src.removeFirst() }
        do {
            return try ShellLexer.process(src, options: options, lookup: { environment[$0] })
        } catch {
            throw DockerfileError(message: "failed to process \(goQuote(text)): \(error.reason)", line: nil, reason: error.reason)
        }
    }
}
