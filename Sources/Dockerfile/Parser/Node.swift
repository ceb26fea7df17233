/// One instruction as BuildKit's parser (`frontend/dockerfile/parser`) sees it, before typed
/// instruction parsing: the keyword as written, flags, argument words and heredocs, plus the
/// original text and line range. Field semantics follow the conformance schema
/// (`../shared/conformance/README.md`).
public struct DockerfileNode: Equatable, Hashable, Sendable {
    /// The instruction word exactly as written (`from`, `FrOm`, `FOO`).
    public var command: String
    /// Leading `--name=value` words, quotes and escapes processed.
    public var flags: [String]
    /// Argument nodes (`Node.Next` chain). For ONBUILD with a trigger this is `[""]` and the
    /// trigger is in `trigger`.
    public var values: [String]
    /// True when the arguments were a JSON string array (exec form).
    public var isJSON: Bool
    /// ONBUILD's trigger, parsed as an instruction line of its own.
    public var trigger: DockerfileTrigger?
    /// The logical line: continuations joined, comments inside them dropped.
    public var original: String
    /// Heredocs read after this line; contents raw (line endings kept, no tab stripping).
    public var heredocs: [Heredoc]
    /// File descriptors as parsed (`3<<EOF`); kept wide because Go parses them as uint64.
    public var heredocDescriptors: [UInt64]
    public var startLine: Int
    public var endLine: Int
    public var range: SourceRange { SourceRange(startLine: startLine, endLine: endLine) }
}

/// The instruction inside `ONBUILD`.
public struct DockerfileTrigger: Equatable, Hashable, Sendable {
    public var command: String
    public var flags: [String]
    public var values: [String]
    public var isJSON: Bool
    /// True when the trigger is itself an ONBUILD with arguments (`ONBUILD ONBUILD ...`).
    public var hasNestedTrigger: Bool
}

/// The result of node parsing: the instructions plus what the directives set.
public struct DockerfileAST: Equatable, Sendable {
    public var nodes: [DockerfileNode]
    public var escapeToken: Character
    /// `syntax` / `escape` directives found at the top (key lower-cased).
    public var directives: [String: String]
    /// Physical lines of the input with line endings removed (for error display).
    public var lineCount: Int
}
