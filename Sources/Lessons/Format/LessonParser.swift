import Foundation

/// Reads lesson files (see lessons/README.md for the format).
public enum LessonParser {
    /// The info strings that carry machine parts; every other fenced block is shown as code.
    public static let machineBlocks = ["setup", "check", "hint", "solution"]
    /// Info strings accepted silently for code shown to the learner.
    public static let displayLanguages: Set<String> = [
        "", "dockerfile", "python", "console", "shell", "sh", "bash", "text", "plaintext", "json",
        "yaml", "yml", "javascript", "js", "go", "ini", "toml", "diff", "html", "ignore", "gitignore",
    ]
    static let frontMatterKeys = ["id", "title", "summary", "prerequisites"]

    /// Parses one lesson file. Returns the lesson when there was no error, and every diagnostic
    /// found (warnings too) with its file:line.
    public static func parse(_ text: String, file: String) -> (lesson: Lesson?, diagnostics: [LessonDiagnostic]) {
        var parser = Parser(file: file, lines: splitLines(text))
        let lesson = parser.run()
        let hasError = parser.diagnostics.contains { $0.severity == .error }
        return (hasError ? nil : lesson, parser.diagnostics)
    }

    /// Parses one lesson file, throwing every diagnostic when any of them is an error.
    public static func lesson(from text: String, file: String) throws(LessonFormatError) -> Lesson {
        let (lesson, diagnostics) = parse(text, file: file)
        guard let lesson else { throw LessonFormatError(diagnostics: diagnostics.filter { $0.severity == .error }) }
        return lesson
    }

    static func splitLines(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

private struct Fence {
    var character: Character
    var length: Int
    var info: String

    /// A CommonMark fence opener: up to three spaces, then three or more backticks or tildes.
    static func opening(_ line: String) -> Fence? {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix(while: { $0 == first }).count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length).trimmingCharacters(in: .whitespaces)
        if first == "`" && info.contains("`") { return nil }
        return Fence(character: first, length: length, info: info)
    }

    func closes(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard line.prefix(while: { $0 == " " }).count <= 3, trimmed.count >= length else { return false }
        return trimmed.allSatisfy { $0 == character }
    }
}

private struct Parser {
    let file: String
    let lines: [String]
    var diagnostics: [LessonDiagnostic] = []

    init(file: String, lines: [String]) {
        self.file = file
        self.lines = lines
    }

    mutating func error(_ line: Int, _ message: String) {
        diagnostics.append(LessonDiagnostic(.error, SourceLocation(file: file, line: line), message))
    }
    mutating func warning(_ line: Int, _ message: String) {
        diagnostics.append(LessonDiagnostic(.warning, SourceLocation(file: file, line: line), message))
    }

    mutating func run() -> Lesson? {
        var fields: [String: String] = [:]
        var keyLines: [String: Int] = [:]
        guard let bodyStart = parseFrontMatter(into: &fields, keyLines: &keyLines) else { return nil }

        var intro: [String] = []
        var steps: [LessonStep] = []
        var current: LessonStep?
        var prose: [String] = []
        var index = bodyStart

        func finishStep(_ step: inout LessonStep?, _ prose: inout [String], into steps: inout [LessonStep]) {
            guard var done = step else { return }
            done.prose = trimBlankLines(prose)
            steps.append(done)
            step = nil
            prose = []
        }

        while index < lines.count {
            let line = lines[index]
            let lineNumber = index + 1
            if let fence = Fence.opening(line) {
                var body: [String] = []
                var end = index + 1
                var closed = false
                while end < lines.count {
                    if fence.closes(lines[end]) { closed = true; break }
                    body.append(lines[end])
                    end += 1
                }
                if !closed {
                    error(lineNumber, "code block opened here is never closed (missing \(String(repeating: fence.character, count: fence.length)))")
                }
                let kind = fence.info.split(separator: " ").first.map(String.init) ?? ""
                if LessonParser.machineBlocks.contains(kind) {
                    if var step = current {
                        addBlock(kind: kind, body: body, line: lineNumber, to: &step)
                        current = step
                    } else {
                        error(lineNumber, "a \(kind) block must be inside a step (after a '## ' heading)")
                    }
                } else {
                    checkDisplayInfo(kind, line: lineNumber)
                    let raw = Array(lines[index..<min(end + 1, lines.count)])
                    if current == nil { intro += raw } else { prose += raw }
                }
                index = end + 1
                continue
            }
            if line.hasPrefix("## ") || line == "##" {
                finishStep(&current, &prose, into: &steps)
                let title = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
                if title.isEmpty { error(lineNumber, "a step heading needs a title") }
                current = LessonStep(title: title, line: lineNumber)
            } else if current == nil {
                intro.append(line)
            } else {
                prose.append(line)
            }
            index += 1
        }
        finishStep(&current, &prose, into: &steps)

        if steps.isEmpty {
            error(bodyStart + 1, "the lesson has no steps (each step starts with a '## ' heading)")
        }
        let prerequisites = (fields["prerequisites"] ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "none" }
        return Lesson(id: fields["id"] ?? "", title: fields["title"] ?? "", summary: fields["summary"] ?? "",
                      prerequisites: prerequisites, intro: trimBlankLines(intro), steps: steps,
                      file: file, keyLines: keyLines)
    }

    /// Returns the index of the first body line, or nil when there is no usable front matter.
    mutating func parseFrontMatter(into fields: inout [String: String], keyLines: inout [String: Int]) -> Int? {
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            error(1, "a lesson file starts with front matter: a '---' line, then id, title, summary and prerequisites, then '---'")
            return nil
        }
        var index = 1
        while index < lines.count {
            let line = lines[index]
            let lineNumber = index + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            index += 1
            if trimmed == "---" {
                for key in ["id", "title", "summary"] where fields[key] == nil {
                    error(1, "front matter has no '\(key):' line")
                }
                if let id = fields["id"], !id.isEmpty, !isValidID(id) {
                    error(keyLines["id"] ?? 1, "lesson id '\(id)' must be lower-case letters, digits and dashes")
                }
                return index
            }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                error(lineNumber, "front matter lines are 'key: value'; got '\(trimmed)'")
                continue
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            guard LessonParser.frontMatterKeys.contains(key) else {
                let hint = closest(key, in: LessonParser.frontMatterKeys).map { " (did you mean \($0)?)" } ?? ""
                error(lineNumber, "unknown front matter key '\(key)'\(hint)")
                continue
            }
            if fields[key] != nil {
                error(lineNumber, "front matter key '\(key)' is given twice")
                continue
            }
            if value.isEmpty && key != "prerequisites" {
                error(lineNumber, "front matter key '\(key)' has no value")
            }
            fields[key] = value
            keyLines[key] = lineNumber
        }
        error(1, "front matter opened on line 1 is never closed with '---'")
        return nil
    }

    mutating func checkDisplayInfo(_ kind: String, line: Int) {
        let lower = kind.lowercased()
        if LessonParser.displayLanguages.contains(lower) { return }
        if LessonParser.machineBlocks.contains(lower) {
            error(line, "block kinds are lower case: write '\(lower)', not '\(kind)'")
        } else if let near = closest(lower, in: LessonParser.machineBlocks) {
            error(line, "unknown block '\(kind)' (did you mean \(near)?)")
        } else {
            warning(line, "unknown block '\(kind)': it is shown to the learner as code (machine blocks are setup, check, hint, solution)")
        }
    }

    mutating func addBlock(kind: String, body: [String], line: Int, to step: inout LessonStep) {
        switch kind {
        case "setup":
            if !step.setup.isEmpty { error(line, "a step has at most one setup block") }
            step.setup += parseSetup(body, firstLine: line + 1)
        case "check":
            if !step.checks.isEmpty { error(line, "a step has one check block; put every predicate in it") }
            for (offset, text) in body.enumerated() {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let lineNumber = line + 1 + offset
                do {
                    let (predicate, message) = try PredicateParser.parseLine(trimmed)
                    step.checks.append(Check(predicate: predicate, message: message, line: lineNumber, text: trimmed))
                } catch {
                    self.error(lineNumber, error.message)
                }
            }
            if body.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                error(line, "the check block is empty")
            }
        case "hint":
            let text = trimBlankLines(body)
            if text.isEmpty { error(line, "the hint block is empty") }
            step.hints.append(Hint(text: text, line: line))
        default: // solution
            if step.solution != nil { error(line, "a step has at most one solution block") }
            let solution = Solution(lines: body, line: line)
            if solution.commands.isEmpty { error(line, "the solution block has no commands") }
            step.solution = solution
        }
    }

    mutating func parseSetup(_ body: [String], firstLine: Int) -> [SetupAction] {
        var actions: [SetupAction] = []
        var index = 0
        while index < body.count {
            let lineNumber = firstLine + index
            let trimmed = body[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
            let word = parts[0]
            let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            switch word {
            case "fresh":
                if !argument.isEmpty { error(lineNumber, "'fresh' takes no argument") }
                if !actions.isEmpty { error(lineNumber, "'fresh' must be the first line of the setup block") }
                actions.append(SetupAction(.fresh, line: lineNumber))
            case "image":
                if argument.isEmpty || argument.contains(" ") {
                    error(lineNumber, "'image' takes one image reference, e.g. image python:3.13-slim")
                } else {
                    actions.append(SetupAction(.image(argument), line: lineNumber))
                }
            case "run":
                if argument.isEmpty { error(lineNumber, "'run' needs a REPL line, e.g. run docker build -t hello:1 .") }
                else { actions.append(SetupAction(.run(argument), line: lineNumber)) }
            case "file":
                guard let marker = argument.range(of: "<<") else {
                    error(lineNumber, "'file' is written 'file PATH <<EOF', then the content, then a line 'EOF'")
                    continue
                }
                let path = argument[..<marker.lowerBound].trimmingCharacters(in: .whitespaces)
                let delimiter = argument[marker.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
                if path.isEmpty || path.contains(" ") {
                    error(lineNumber, "'file' needs one path before '<<'")
                }
                if delimiter.isEmpty { error(lineNumber, "'file' needs a delimiter after '<<', e.g. <<EOF") }
                var content: [String] = []
                var closed = false
                while index < body.count {
                    let text = body[index]
                    index += 1
                    if text.trimmingCharacters(in: .whitespaces) == delimiter { closed = true; break }
                    content.append(text)
                }
                if !closed { error(lineNumber, "the content of \(path) is never ended by a line '\(delimiter)'") }
                let contents = content.isEmpty ? "" : content.joined(separator: "\n") + "\n"
                actions.append(SetupAction(.file(path: path, contents: contents), line: lineNumber))
            default:
                let hint = closest(word, in: ["fresh", "image", "file", "run"]).map { " (did you mean \($0)?)" } ?? ""
                error(lineNumber, "unknown setup line '\(word)'\(hint); use fresh, image REF, file PATH <<EOF, or run LINE")
            }
        }
        return actions
    }
}

func isValidID(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
    return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
}

func trimBlankLines(_ lines: [String]) -> String {
    var lines = lines
    while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
    while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n")
}

/// The candidate within edit distance 2 of `word`, if any (for "did you mean" suggestions).
func closest(_ word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(Array(word.lowercased()), Array(candidate.lowercased()))
        if distance <= 2, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var row = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = row
    }
    return previous[b.count]
}
