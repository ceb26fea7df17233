import DockerCLI
import Dockerfile
import Engine

/// Dockerfile lines typed at the prompt, and the `dockerfile` command that shows and edits
/// the file by line number. Both work on `Dockerfile` in the current directory and rebuild it
/// at once, so the learner sees the new step and the earlier ones come from the cache.
///
/// Choices (documented for the lessons and the README):
/// - One instruction (or several typed as one entry) is appended. A pasted block that starts
///   with `FROM` or `ARG` and holds more than one instruction is a whole Dockerfile: it
///   replaces the file.
/// - The new file is parsed first; when it does not parse, the parser's error is shown with a
///   caret under the problem and the file is left as it was.
/// - The build is `docker build -t dockyard-snippet .` with BuildKit, shown as BuildKit's
///   compact final TTY frame (`=> CACHED [2/4] ...`) whatever the terminal, so every step
///   and its cache state fit on a few lines. The fixed tag keeps `docker run dockyard-snippet`
///   at hand; the image it replaces becomes dangling, as with any re-tagged build.
public enum DockerfileWorkspace {
    /// The tag snippet builds get.
    public static let snippetTag = "dockyard-snippet"

    /// The Dockerfile the snippets edit: `Dockerfile` in the current directory.
    public static func path(_ session: Session) -> String {
        FileTree.normalize("Dockerfile", cwd: session.cwd)
    }

    /// The file's text, or nil when there is none.
    public static func text(_ session: Session) -> String? {
        guard let node = session.workspace[path(session)], case .file(let content) = node.kind, case .bytes(let bytes) = content else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lines of a text (a final newline does not start another line).
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Parses `newText`; on success writes it and rebuilds, on failure reports the error with
    /// a caret and changes nothing. `what` says what changed (`line 3 added`).
    /// Instructions that are not BuildKit steps.
    static let configOnly: Set<String> = ["ENV", "LABEL", "EXPOSE", "CMD", "ENTRYPOINT", "USER", "VOLUME", "ARG", "SHELL", "STOPSIGNAL", "HEALTHCHECK", "ONBUILD", "MAINTAINER"]

    static func apply(_ newText: String, what: String, changedKeyword: String? = nil, session: inout Session) -> CommandResult {
        do {
            _ = try parseDockerfile(newText)
        } catch {
            let location = error.line.map { " (Dockerfile line \($0))" } ?? ""
            return .failure("dockyard: the Dockerfile would not parse\(location); it was not changed:\n" + error.detailedDescription + "\n")
        }
        let file = path(session)
        session.workspace.set(file, .file(.text(newText)))
        session.modified[file] = session.clock.now
        var result = build(session: &session)
        let header = "Dockerfile: \(what). Building: docker build -t \(snippetTag) .\n"
        result.prepend(header, toStderr: false)
        if result.succeeded, let keyword = changedKeyword, configOnly.contains(keyword), let id = session.engine.lastBuild?.imageID {
            // BuildKit shows no step for these; say where the change went.
            // On stderr, after the build output it comments on (stdout is shown first).
            result.stderr += "\(keyword) changes only the image config: BuildKit shows no step and adds no layer for it; the new image is \(id.short).\n"
        }
        if !result.succeeded {
            result.stderr += "dockyard: the change stays in the Dockerfile; see it with `dockerfile`, fix it with `dockerfile replace N ...` or `dockerfile delete N`, or type `undo`\n"
        }
        return result
    }

    /// `docker build -t dockyard-snippet .` in the current directory, TTY-style progress.
    static func build(session: inout Session) -> CommandResult {
        var options = BuildOptions(contextPath: ".")
        options.tags = [snippetTag]
        options.progress = .tty
        let host = session.hostContext()
        session.engine.clock = session.clock
        let before = session.engine
        var result = DockerExecutor().run(.build(options), engine: &session.engine, host: host)
        session.clock = session.engine.clock
        session.appendTeaching(to: &result, before: before)
        return result
    }
}

/// Takes Dockerfile lines typed or pasted at the prompt (see `DockerfileWorkspace`).
public struct DockerfileSnippets: DockerfileSnippetHandler {
    public init() {}

    public func run(snippet: String, line: Int, session: inout Session) -> CommandResult {
        var block = DockerfileWorkspace.lines(snippet)
        while let first = block.first, first.trimmingCharacters(in: " \t").isEmpty { block.removeFirst() }
        guard !block.isEmpty else { return .ok() }
        let instructionCount = block.filter { InputAssembler.isDockerfileLine($0.trimmingCharacters(in: " \t")) }.count
        let firstWord = block[0].trimmingCharacters(in: " \t").prefix(while: { $0 != " " && $0 != "\t" }).uppercased()
        let old = DockerfileWorkspace.text(session) ?? ""
        if instructionCount > 1 && (firstWord == "FROM" || firstWord == "ARG") {
            let text = block.joined(separator: "\n") + "\n"
            return DockerfileWorkspace.apply(text, what: "replaced by the pasted Dockerfile (\(DockerfileWorkspace.lines(text).count) lines)", session: &session)
        }
        let oldLines = DockerfileWorkspace.lines(old)
        let newText = (oldLines + block).joined(separator: "\n") + "\n"
        let first = oldLines.count + 1
        let last = oldLines.count + block.count
        let what = first == last ? "line \(first) added" : "lines \(first)-\(last) added"
        return DockerfileWorkspace.apply(newText, what: what, changedKeyword: instructionCount == 1 ? firstWord : nil, session: &session)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        // Index by index: `dropLast()` counts the whole string each time, which made a line
        // of thousands of trailing blanks take seconds.
        var start = startIndex, end = endIndex
        while start < end, set.contains(self[start]) { formIndex(after: &start) }
        while end > start, set.contains(self[index(before: end)]) { formIndex(before: &end) }
        return String(self[start..<end])
    }
}

/// `dockerfile`, `dockerfile replace N INSTRUCTION`, `dockerfile insert N INSTRUCTION`,
/// `dockerfile delete N`: shows the current directory's Dockerfile with line numbers, or
/// changes it and rebuilds. A line that belongs to a multi-line instruction stands for the
/// whole instruction in `replace` and `delete`.
public struct DockerfileCommandHandler: CommandHandler {
    public init() {}

    static let usage = "usage: dockerfile [replace N INSTRUCTION | insert N INSTRUCTION | delete N]\n"

    public func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        guard command.commandWord == "dockerfile", command.assignments.isEmpty else { return nil }
        // The instruction is taken raw, so quotes that a shell would reject (`RUN ["x`) reach
        // the Dockerfile parser, which decides.
        var args = Array(command.arguments.dropFirst())
        if case .failure = command.tokens {
            args = command.entry.text.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().map(String.init)
        }
        guard let action = args.first else { return show(session) }
        guard ["replace", "insert", "delete"].contains(action) else {
            return .failure("dockerfile: unknown action '\(action)'\n" + Self.usage, status: 2)
        }
        guard args.count >= 2, let n = Int(args[1]), n >= 1 else {
            return .failure("dockerfile \(action): a line number is needed\n" + Self.usage, status: 2)
        }
        guard let text = DockerfileWorkspace.text(session) else {
            return .failure("dockerfile: no Dockerfile in \(session.cwd) yet; type an instruction such as FROM alpine:3.20 to start one\n")
        }
        var lines = DockerfileWorkspace.lines(text)
        let instruction = Self.rawTail(command.entry.text, skippingWords: 3)
        let limit = action == "insert" ? lines.count + 1 : lines.count
        guard n <= limit else {
            return .failure("dockerfile \(action): line \(n) is out of range (the Dockerfile has \(lines.count) line\(lines.count == 1 ? "" : "s"))\n")
        }
        var range = Self.instructionRange(containing: n, in: text) ?? (n...n)
        if action != "insert" { range = max(1, range.lowerBound)...min(lines.count, max(range.upperBound, range.lowerBound)) }
        let what: String
        switch action {
        case "delete":
            guard args.count == 2 else { return .failure("dockerfile delete: too many arguments\n" + Self.usage, status: 2) }
            lines.removeSubrange(range.lowerBound - 1...range.upperBound - 1)
            what = range.count == 1 ? "line \(n) deleted" : "lines \(range.lowerBound)-\(range.upperBound) deleted"
        default:
            guard !instruction.isEmpty else { return .failure("dockerfile \(action): an instruction is needed after the line number\n" + Self.usage, status: 2) }
            guard InputAssembler.isDockerfileLine(instruction) else {
                let word = instruction.prefix(while: { $0 != " " && $0 != "\t" })
                return .failure("dockerfile \(action): '\(word)' is not a Dockerfile instruction\n", status: 2)
            }
            if action == "insert" {
                lines.insert(instruction, at: n - 1)
                what = "line \(n) inserted"
            } else {
                lines.replaceSubrange(range.lowerBound - 1...range.upperBound - 1, with: [instruction])
                what = range.count == 1 ? "line \(n) replaced" : "lines \(range.lowerBound)-\(range.upperBound) replaced"
            }
        }
        let newText = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        if lines.isEmpty {
            session.workspace.set(DockerfileWorkspace.path(session), .file(.text("")))
            session.modified[DockerfileWorkspace.path(session)] = session.clock.now
            return .ok("Dockerfile: \(what); it is empty now (nothing to build).\n")
        }
        let keyword = action == "delete" ? nil : instruction.prefix(while: { $0 != " " && $0 != "\t" }).uppercased()
        return DockerfileWorkspace.apply(newText, what: what, changedKeyword: keyword, session: &session)
    }

    func show(_ session: Session) -> CommandResult {
        guard let text = DockerfileWorkspace.text(session) else {
            return .failure("dockerfile: no Dockerfile in \(session.cwd) yet; type an instruction such as FROM alpine:3.20 to start one\n")
        }
        let lines = DockerfileWorkspace.lines(text)
        if lines.isEmpty { return .ok("(the Dockerfile is empty)\n") }
        let width = String(lines.count).count
        return .ok(lines.enumerated().map { i, line in
            let number = String(i + 1)
            return String(repeating: " ", count: width - number.count) + number + "  " + line + "\n"
        }.joined())
    }

    /// The lines of the instruction that `line` belongs to, when the file parses.
    static func instructionRange(containing line: Int, in text: String) -> ClosedRange<Int>? {
        guard let document = try? parseDockerfile(text) else { return nil }
        var all = document.globalArgs
        for stage in document.stages { all += [stage.fromInstruction] + stage.instructions }
        for instruction in all where instruction.range.startLine <= line && line <= instruction.range.endLine {
            return instruction.range.startLine...instruction.range.endLine
        }
        return nil
    }

    /// The raw text after the first `count` blank-separated words (quotes kept as typed, so
    /// `CMD ["python", "app.py"]` survives).
    static func rawTail(_ text: String, skippingWords count: Int) -> String {
        var rest = Substring(text)
        for _ in 0..<count {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            rest = rest.drop(while: { $0 != " " && $0 != "\t" })
        }
        return String(rest.drop(while: { $0 == " " || $0 == "\t" }))
    }
}
