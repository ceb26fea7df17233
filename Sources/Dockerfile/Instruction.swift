/// The typed instructions that the builder consumes.
///
/// This file is the contract between the parser (text -> nodes -> typed instructions) and the
/// engine's builder. Values are kept *unexpanded* (variables and quotes as written), exactly as
/// BuildKit's `instructions` package keeps them; expansion is an explicit, separate step done
/// by the builder with `VariableExpander`, because the value of a variable depends on build
/// state (ARG/ENV in scope, `--build-arg`) that only the builder knows.

/// Where an instruction came from in its Dockerfile (1-based physical lines, inclusive).
public struct SourceRange: Equatable, Hashable, Sendable {
    public var startLine: Int
    public var endLine: Int
    public init(startLine: Int, endLine: Int) {
        self.startLine = startLine
        self.endLine = endLine
    }
}

/// A heredoc attached to RUN/COPY/ADD (`<<EOF ... EOF`).
public struct Heredoc: Equatable, Hashable, Sendable {
    /// Delimiter word without quotes (`EOF`).
    public var name: String
    /// The number before `<<` (`3<<EOF`), 0 when absent.
    public var fileDescriptor: Int
    /// Raw body, each line with its own line ending, terminator excluded.
    /// With `<<-`, leading tabs are already removed.
    public var content: String
    /// True when the delimiter was quoted (`<<'EOF'` / `<<"EOF"`): no expansion in the body.
    public var quoted: Bool
    /// True for `<<-EOF`.
    public var chomp: Bool

    public init(name: String, fileDescriptor: Int = 0, content: String, quoted: Bool = false, chomp: Bool = false) {
        self.name = name
        self.fileDescriptor = fileDescriptor
        self.content = content
        self.quoted = quoted
        self.chomp = chomp
    }
}

/// Shell form (`RUN apt-get update`) or exec form (`RUN ["apt-get", "update"]`).
public enum CommandForm: Equatable, Hashable, Sendable {
    /// The command text as written (continuations joined); run through the stage's SHELL.
    case shell(String)
    /// The JSON array's strings; run as-is, no shell, no expansion.
    case exec([String])
}

/// One `KEY=value` pair of ENV or LABEL (value unexpanded, quotes as written).
public struct KeyValue: Equatable, Hashable, Sendable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One name declared by ARG, with its optional default (unexpanded).
public struct ArgDeclaration: Equatable, Hashable, Sendable {
    public var name: String
    public var defaultValue: String?
    public init(name: String, defaultValue: String? = nil) {
        self.name = name
        self.defaultValue = defaultValue
    }
}

/// `FROM [--platform=p] image [AS name]`.
public struct FromInstruction: Equatable, Hashable, Sendable {
    /// Image reference as written (may contain `$VAR` from global ARGs), or a stage name.
    public var image: String
    /// Stage name, lower-cased as BuildKit does (`AS Builder` -> `builder`).
    public var stageName: String?
    public var platform: String?
    public init(image: String, stageName: String? = nil, platform: String? = nil) {
        self.image = image
        self.stageName = stageName
        self.platform = platform
    }
}

/// `RUN [--mount=...] [--network=...] [--security=...] command`.
public struct RunInstruction: Equatable, Hashable, Sendable {
    public var command: CommandForm
    public var heredocs: [Heredoc]
    /// Raw `--mount` values, in order.
    public var mounts: [String]
    public var network: String?
    public var security: String?
    public init(command: CommandForm, heredocs: [Heredoc] = [], mounts: [String] = [], network: String? = nil, security: String? = nil) {
        self.command = command
        self.heredocs = heredocs
        self.mounts = mounts
        self.network = network
        self.security = security
    }
}

/// COPY and ADD share a shape; `isAdd` tells them apart.
public struct CopyInstruction: Equatable, Hashable, Sendable {
    public var isAdd: Bool
    /// Sources as written (unexpanded); a heredoc source is written `<<NAME`.
    public var sources: [String]
    public var destination: String
    public var heredocs: [Heredoc]
    /// `--from=stage|image|index`.
    public var from: String?
    public var chown: String?
    public var chmod: String?
    public var link: Bool
    public var parents: Bool
    public var excludes: [String]
    /// ADD only.
    public var checksum: String?
    /// ADD only.
    public var keepGitDir: Bool
    /// True when the arguments were a JSON array.
    public var isJSON: Bool

    public init(
        isAdd: Bool, sources: [String], destination: String, heredocs: [Heredoc] = [],
        from: String? = nil, chown: String? = nil, chmod: String? = nil, link: Bool = false,
        parents: Bool = false, excludes: [String] = [], checksum: String? = nil,
        keepGitDir: Bool = false, isJSON: Bool = false
    ) {
        self.isAdd = isAdd
        self.sources = sources
        self.destination = destination
        self.heredocs = heredocs
        self.from = from
        self.chown = chown
        self.chmod = chmod
        self.link = link
        self.parents = parents
        self.excludes = excludes
        self.checksum = checksum
        self.keepGitDir = keepGitDir
        self.isJSON = isJSON
    }
}

/// HEALTHCHECK NONE, or HEALTHCHECK [options] CMD command.
public enum HealthcheckInstruction: Equatable, Hashable, Sendable {
    case none
    case command(CommandForm, options: HealthcheckOptions)
}

/// Durations kept as written (`30s`, `1m30s`); nil when not given.
public struct HealthcheckOptions: Equatable, Hashable, Sendable {
    public var interval: String?
    public var timeout: String?
    public var startPeriod: String?
    public var startInterval: String?
    public var retries: Int?
    public init(interval: String? = nil, timeout: String? = nil, startPeriod: String? = nil, startInterval: String? = nil, retries: Int? = nil) {
        self.interval = interval
        self.timeout = timeout
        self.startPeriod = startPeriod
        self.startInterval = startInterval
        self.retries = retries
    }
}

/// The typed payload of one Dockerfile instruction.
public indirect enum InstructionKind: Equatable, Hashable, Sendable {
    case from(FromInstruction)
    case run(RunInstruction)
    case cmd(CommandForm)
    case entrypoint(CommandForm)
    case copy(CopyInstruction)
    case workdir(String)
    case env([KeyValue])
    case arg([ArgDeclaration])
    case label([KeyValue])
    /// Port specs as written (`8000`, `53/udp`, `$PORT`).
    case expose([String])
    case user(String)
    case volume([String])
    case shell([String])
    case healthcheck(HealthcheckInstruction)
    case stopSignal(String)
    /// The trigger, parsed as an instruction of its own.
    case onbuild(Instruction)
    case maintainer(String)
}

/// One instruction of a Dockerfile: its typed payload plus where and how it was written.
public struct Instruction: Equatable, Hashable, Sendable {
    public var kind: InstructionKind
    /// The instruction as the user wrote it (continuations joined, no expansion), the text
    /// classic `Step N/M :` lines and BuildKit vertex names are made from.
    public var original: String
    public var range: SourceRange

    public init(kind: InstructionKind, original: String, range: SourceRange) {
        self.kind = kind
        self.original = original
        self.range = range
    }
}

/// A build stage: its FROM and the instructions up to the next FROM.
public struct Stage: Equatable, Hashable, Sendable {
    public var from: FromInstruction
    public var fromInstruction: Instruction
    public var instructions: [Instruction]
    /// 0-based position among the file's stages (`stage-1` naming uses it).
    public var index: Int
    public init(from: FromInstruction, fromInstruction: Instruction, instructions: [Instruction], index: Int) {
        self.from = from
        self.fromInstruction = fromInstruction
        self.instructions = instructions
        self.index = index
    }
}

/// A whole Dockerfile after instruction parsing: directives, global ARGs (before the first
/// FROM) and stages.
public struct DockerfileDocument: Equatable, Hashable, Sendable {
    /// `syntax`, `escape`, `check` directives as found (key lower-cased).
    public var directives: [String: String]
    public var escapeCharacter: Character
    public var globalArgs: [Instruction]
    public var stages: [Stage]
    public init(directives: [String: String] = [:], escapeCharacter: Character = "\\", globalArgs: [Instruction] = [], stages: [Stage] = []) {
        self.directives = directives
        self.escapeCharacter = escapeCharacter
        self.globalArgs = globalArgs
        self.stages = stages
    }
}
