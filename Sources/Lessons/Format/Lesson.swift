import Foundation

/// Where something is in a lesson file: the file name as given and a 1-based line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
    public var description: String { "\(file):\(line)" }
}

/// One problem found in a lesson file. Parse errors and lint findings share this shape so an
/// author sees every message as `file:line: error: text`.
public struct LessonDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable { case error, warning }
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// A lesson file that could not be used, with the first error's position.
public struct LessonFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    public var diagnostics: [LessonDiagnostic]
    public init(diagnostics: [LessonDiagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A parsed lesson: front matter, an introduction and its steps.
public struct Lesson: Hashable, Sendable {
    public var id: String
    public var title: String
    public var summary: String
    /// Ids of lessons a learner should have done first.
    public var prerequisites: [String]
    /// Markdown between the front matter and the first step (may hold a `# ` title).
    public var intro: String
    public var steps: [LessonStep]
    /// The file it came from, as given to the parser.
    public var file: String
    /// Lines of the front matter keys, for diagnostics that point at them.
    public var keyLines: [String: Int]

    public init(id: String, title: String, summary: String, prerequisites: [String] = [],
                intro: String = "", steps: [LessonStep], file: String, keyLines: [String: Int] = [:]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.prerequisites = prerequisites
        self.intro = intro
        self.steps = steps
        self.file = file
        self.keyLines = keyLines
    }
}

/// One `## ` section of a lesson: prose for the learner plus its machine blocks.
public struct LessonStep: Hashable, Sendable {
    public var title: String
    /// Line of the `## ` heading.
    public var line: Int
    /// The step's Markdown with machine blocks (setup, check, hint, solution) removed.
    public var prose: String
    public var setup: [SetupAction]
    public var checks: [Check]
    public var hints: [Hint]
    public var solution: Solution?

    public init(title: String, line: Int, prose: String = "", setup: [SetupAction] = [],
                checks: [Check] = [], hints: [Hint] = [], solution: Solution? = nil) {
        self.title = title
        self.line = line
        self.prose = prose
        self.setup = setup
        self.checks = checks
        self.hints = hints
        self.solution = solution
    }

    /// Whether a solution line may fail: in a step whose goal is a failed build
    /// (`last-build failed`), its `docker build` is meant to.
    public func solutionMayFail(_ command: String) -> Bool {
        checks.contains { $0.text.hasPrefix("last-build failed") } && command.contains("docker build")
    }
}

/// One line of a `setup` block.
public struct SetupAction: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Start from an empty session: no images, containers, registry content, empty workspace.
        case fresh
        /// Make sure an image is present locally (taken quietly from the base-image catalog).
        case image(String)
        /// Write a workspace file (path as written; relative paths are relative to the workspace).
        case file(path: String, contents: String)
        /// Run one REPL line, exactly as if typed.
        case run(String)
    }
    public var kind: Kind
    public var line: Int
    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }
}

/// One predicate line of a `check` block.
public struct Check: Hashable, Sendable {
    public var predicate: Predicate
    /// The author's own failure message (`else "..."`), used instead of the built-in one.
    public var message: String?
    public var line: Int
    /// The line as written, for diagnostics.
    public var text: String
    public init(predicate: Predicate, message: String? = nil, line: Int, text: String) {
        self.predicate = predicate
        self.message = message
        self.line = line
        self.text = text
    }
}

/// A `hint` block: Markdown revealed on request, one block at a time.
public struct Hint: Hashable, Sendable {
    public var text: String
    public var line: Int
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

/// A `solution` block: REPL lines that reach the step's goal.
public struct Solution: Hashable, Sendable {
    /// The lines as written (for showing and for typing out in a demo).
    public var lines: [String]
    /// Logical commands: heredocs and backslash continuations joined into one entry with
    /// newlines; blank lines and `#` comments left out.
    public var commands: [String]
    /// Line of the opening fence.
    public var line: Int
    public init(lines: [String], line: Int) {
        self.lines = lines
        self.commands = Solution.group(lines)
        self.line = line
    }

    /// Groups REPL lines into the units a REPL executes: a line opening a heredoc takes every
    /// line up to its delimiter; a trailing backslash joins the next line.
    static func group(_ lines: [String]) -> [String] {
        var commands: [String] = []
        var index = 0
        while index < lines.count {
            var command = lines[index]
            index += 1
            let trimmed = command.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            while command.hasSuffix("\\") && index < lines.count {
                command += "\n" + lines[index]
                index += 1
            }
            if let delimiter = heredocDelimiter(in: command) {
                while index < lines.count {
                    let body = lines[index]
                    index += 1
                    command += "\n" + body
                    if body.trimmingCharacters(in: .whitespaces) == delimiter { break }
                }
            }
            commands.append(command)
        }
        return commands
    }

    /// The delimiter of a `<<EOF`, `<<'EOF'` or `<<"EOF"` heredoc opened on this line, if any.
    static func heredocDelimiter(in line: String) -> String? {
        guard let range = line.range(of: "<<") else { return nil }
        var rest = line[range.upperBound...]
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        rest = rest.drop(while: { $0 == " " })
        var word = String(rest.prefix(while: { !$0.isWhitespace }))
        if word.count >= 2, let first = word.first, first == "'" || first == "\"", word.last == first {
            word = String(word.dropFirst().dropLast())
        }
        return word.isEmpty ? nil : word
    }
}
