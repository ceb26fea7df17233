/// One complete piece of input, ready to run.
public struct InputEntry: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A shell-style line: a built-in, a `docker` command or a workspace command.
        case command
        /// One or more Dockerfile lines, raw (continuations and heredocs kept as typed).
        case dockerfile
        /// Input that cannot run; the message says why (without the `dockyard: ` prefix).
        case invalid(String)
    }

    public var kind: Kind
    /// `.command`: the logical line, backslash-newlines removed. `.dockerfile`: the raw block.
    public var text: String
    /// Bodies of the heredocs on a `.command` line, in order, each ending with a newline
    /// unless empty.
    public var heredocBodies: [String]
    /// The 1-based number of the entry's first physical line.
    public var line: Int
    /// The physical lines as typed, joined with newlines (for history and `--echo`).
    public var source: String

    public init(kind: Kind, text: String, heredocBodies: [String] = [], line: Int, source: String) {
        self.kind = kind
        self.text = text
        self.heredocBodies = heredocBodies
        self.line = line
        self.source = source
    }
}

/// Turns physical lines into complete entries: joins backslash continuations, reads heredoc
/// bodies up to their delimiter, drops comment and blank lines, and (optionally) keeps
/// consecutive Dockerfile lines together so a pasted Dockerfile is taken whole.
///
/// Grouping: a finished Dockerfile entry is held back; following Dockerfile lines, comments
/// and blank lines join it; any other line, `flush()` or `finish()` releases it. The
/// interactive loop calls `flush()` whenever no more input is waiting, so a typed
/// instruction runs at once while a paste arrives as one block.
public struct InputAssembler: Sendable {
    /// Dockerfile instruction keywords (upper case); a line starting with one of them (in
    /// any case) is a Dockerfile line.
    public static let dockerfileKeywords: Set<String> = [
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
        "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ]

    public var groupsDockerfileLines: Bool

    private var lineNumber = 0
    private var building: Building?
    private var held: InputEntry?

    private struct Building: Sendable {
        var isDockerfile: Bool
        var text: String
        var source: [String]
        var firstLine: Int
        var awaitingContinuation = false
        var pendingHeredocs: [HeredocMarker] = []
        var currentBody: [String] = []
        var bodies: [String] = []
    }

    public init(groupsDockerfileLines: Bool = true) {
        self.groupsDockerfileLines = groupsDockerfileLines
    }

    /// Whether the assembler is in the middle of an entry (a continuation or heredoc body is
    /// expected): the interactive loop shows the continuation prompt `> `.
    public var isContinuing: Bool { building != nil }

    /// Whether a Dockerfile block is being held back (see `flush()`).
    public var isHoldingDockerfile: Bool { held != nil }

    /// The physical line count so far.
    public var linesRead: Int { lineNumber }

    /// Discards the entry being typed (Ctrl-C) but keeps anything already complete.
    public mutating func discardCurrent() {
        building = nil
    }

    /// Counts a line that was rejected before it reached the assembler.
    public mutating func skipLine() {
        lineNumber += 1
    }

    /// Feeds one physical line (without its newline); returns entries that became complete.
    public mutating func feed(_ line: String) -> [InputEntry] {
        lineNumber += 1
        var out: [InputEntry] = []

        if var b = building {
            if let marker = b.pendingHeredocs.first {
                let candidate = marker.stripsTabs ? String(line.drop(while: { $0 == "\t" })) : line
                b.source.append(line)
                if candidate == marker.delimiter {
                    b.bodies.append(b.currentBody.map { $0 + "\n" }.joined())
                    b.currentBody = []
                    b.pendingHeredocs.removeFirst()
                    if b.isDockerfile { b.text += "\n" + line }
                    if b.pendingHeredocs.isEmpty {
                        building = nil
                        complete(b, into: &out)
                        return out
                    }
                } else {
                    b.currentBody.append(candidate)
                    if b.isDockerfile { b.text += "\n" + line }
                }
                building = b
                return out
            }
            // Continuation of a backslash-terminated line.
            b.source.append(line)
            if b.isDockerfile {
                b.text += "\n" + line
            } else {
                b.text += line
            }
            building = b
            afterSegment(line, into: &out)
            return out
        }

        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        if trimmed.isEmpty || trimmed.hasPrefix("#") {
            if var h = held {
                h.text += "\n" + line
                h.source += "\n" + line
                held = h
            }
            return out
        }
        let isDockerfile = InputAssembler.isDockerfileLine(trimmed)
        if !isDockerfile, let h = held {
            out.append(InputAssembler.trimmed(h))
            held = nil
        }
        building = Building(isDockerfile: isDockerfile, text: line, source: [line], firstLine: lineNumber)
        afterSegment(line, into: &out)
        return out
    }

    /// Releases a held Dockerfile block.
    public mutating func flush() -> [InputEntry] {
        guard let h = held else { return [] }
        held = nil
        return [InputAssembler.trimmed(h)]
    }

    /// End of input: reports an unterminated heredoc, runs a dangling continuation, and
    /// releases a held block.
    public mutating func finish() -> [InputEntry] {
        var out: [InputEntry] = []
        if let b = building {
            building = nil
            if let marker = b.pendingHeredocs.first {
                if let h = held { out.append(InputAssembler.trimmed(h)); held = nil }
                out.append(InputEntry(
                    kind: .invalid("here-document at line \(b.firstLine) delimited by end-of-file (wanted '\(marker.delimiter)'); command not run"),
                    text: b.text, line: b.firstLine, source: b.source.joined(separator: "\n")))
            } else {
                var finished = b
                if finished.awaitingContinuation, !finished.isDockerfile, finished.text.hasSuffix("\\") {
                    finished.text.removeLast()
                }
                complete(finished, into: &out)
            }
        }
        out += flush()
        return out
    }

    /// Whether a line (leading blanks removed) starts with a Dockerfile keyword.
    public static func isDockerfileLine<S: StringProtocol>(_ line: S) -> Bool {
        let word = line.prefix(while: { $0 != " " && $0 != "\t" })
        guard word.count >= 3, word.count <= 11 else { return false }
        return dockerfileKeywords.contains(word.uppercased())
    }

    // MARK: - Private

    private mutating func afterSegment(_ segment: String, into out: inout [InputEntry]) {
        guard var b = building else { return }
        if InputAssembler.endsWithContinuation(segment) {
            b.awaitingContinuation = true
            if !b.isDockerfile { b.text.removeLast() }
            building = b
            return
        }
        b.awaitingContinuation = false
        let markers: [HeredocMarker]
        if b.isDockerfile {
            markers = InputAssembler.dockerfileHeredocs(in: b.text)
        } else {
            markers = InputAssembler.commandHeredocs(in: b.text)
        }
        if markers.isEmpty {
            building = nil
            complete(b, into: &out)
        } else {
            b.pendingHeredocs = markers
            building = b
        }
    }

    private mutating func complete(_ b: Building, into out: inout [InputEntry]) {
        let entry = InputEntry(
            kind: b.isDockerfile ? .dockerfile : .command,
            text: b.text, heredocBodies: b.bodies, line: b.firstLine,
            source: b.source.joined(separator: "\n"))
        guard b.isDockerfile, groupsDockerfileLines else {
            out.append(entry)
            return
        }
        if var h = held {
            h.text += "\n" + entry.text
            h.source += "\n" + entry.source
            held = h
        } else {
            held = entry
        }
    }

    private static func trimmed(_ entry: InputEntry) -> InputEntry {
        var e = entry
        var lines = e.text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) || last.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") {
            lines.removeLast()
        }
        e.text = lines.joined(separator: "\n")
        var source = e.source.split(separator: "\n", omittingEmptySubsequences: false)
        while source.count > lines.count { source.removeLast() }
        e.source = source.joined(separator: "\n")
        return e
    }

    static func endsWithContinuation(_ line: String) -> Bool {
        var count = 0
        for c in line.reversed() {
            if c == "\\" { count += 1 } else { break }
        }
        return count % 2 == 1
    }

    /// Heredoc markers on a command line. A line the REPL will refuse (a pipe into a command
    /// other than docker, `;`, `&&`) still has its heredoc bodies read here, so that the body
    /// lines are not run as commands of their own after the refusal.
    static func commandHeredocs(in text: String) -> [HeredocMarker] {
        func markers(_ text: String) -> [HeredocMarker]? {
            guard case .success(let tokens) = ShellWords.split(text) else { return nil }
            return tokens.compactMap { if case .heredoc(let m) = $0 { return m } else { return nil } }
        }
        if let found = markers(text) { return found }
        // Blank out unquoted operators and try again.
        var scalars: [Unicode.Scalar] = []
        var quote: Unicode.Scalar?
        var escaped = false
        for c in text.unicodeScalars {
            if escaped { escaped = false; scalars.append(c); continue }
            if c == "\\" && quote != "'" { escaped = true; scalars.append(c); continue }
            if let q = quote {
                if c == q { quote = nil }
                scalars.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                scalars.append(c)
            } else {
                scalars.append(c == "|" || c == ";" || c == "&" ? " " : c)
            }
        }
        var blanked = ""
        blanked.unicodeScalars.append(contentsOf: scalars)
        return markers(blanked) ?? []
    }

    /// Heredoc markers on a RUN/COPY/ADD line (BuildKit's `<<EOF`, `<<-EOF`, `<<"EOF"`).
    static func dockerfileHeredocs(in text: String) -> [HeredocMarker] {
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text
        let keyword = firstLine.drop(while: { $0 == " " || $0 == "\t" }).prefix(while: { $0 != " " && $0 != "\t" }).uppercased()
        guard keyword == "RUN" || keyword == "COPY" || keyword == "ADD" else { return [] }
        var markers: [HeredocMarker] = []
        let chars = Array(text)
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == "<", chars[i + 1] == "<" else { i += 1; continue }
            i += 2
            var strips = false
            if i < chars.count, chars[i] == "-" { strips = true; i += 1 }
            var quoted = false
            var word = ""
            if i < chars.count, chars[i] == "'" || chars[i] == "\"" {
                let q = chars[i]
                quoted = true
                i += 1
                while i < chars.count, chars[i] != q, chars[i] != "\n" { word.append(chars[i]); i += 1 }
                i += 1
            } else {
                while i < chars.count, !" \t\n<>;|&".contains(chars[i]) { word.append(chars[i]); i += 1 }
            }
            if !word.isEmpty { markers.append(HeredocMarker(delimiter: word, quoted: quoted, stripsTabs: strips)) }
        }
        return markers
    }
}
