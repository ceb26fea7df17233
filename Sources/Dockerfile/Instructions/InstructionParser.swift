// Nodes -> typed instructions, following BuildKit's `instructions` package: per-instruction
// argument and flag checks in BuildKit's words, stage assembly (ARGs before the first FROM are
// global, anything else before a FROM is an error), and errors carrying the line text and a
// column so callers can show a caret.

enum InstructionParser {
    static func parseDocument(_ data: [UInt8]) throws(DockerfileError) -> DockerfileDocument {
        if data.isEmpty { throw DockerfileError(message: "the Dockerfile cannot be empty") }
        var parser = NodeParser(data)
        var document = DockerfileDocument()
        // BuildKit parses all nodes before typing any: a parser error anywhere wins over an
        // instruction error earlier in the file. Nodes are typed as they stream by (no node
        // array is kept), and the first instruction error is held until parsing ends.
        var pending: DockerfileError?
        do throws(NodeParseError) {
            _ = try parser.parse { node, escape in
                guard pending == nil else { return }
                pending = add(node, escape: escape, to: &document, data: data)
            }
        } catch {
            let message = error.instructionLevel ? "dockerfile parse error on line \(error.line): \(error.message)" : error.message
            throw located(data, message: message, reason: error.message, line: error.line, highlight: .firstWord)
        }
        if let pending { throw pending }
        document.directives = parser.directiveValues
        document.escapeCharacter = Character(Unicode.Scalar(parser.directives.escapeToken))
        if document.stages.isEmpty {
            throw DockerfileError(message: "dockerfile contains no stages to build")
        }
        return document
    }

    /// Types one node and files it into the document; returns the error if it fails.
    private static func add(_ node: DockerfileNode, escape: UInt8, to document: inout DockerfileDocument, data: [UInt8]) -> DockerfileError? {
        let instruction: Instruction
        do {
            instruction = try parseInstruction(node, escapeToken: Character(Unicode.Scalar(escape)))
        } catch {
            let highlight: Highlight = error.flag.map { .flag($0) } ?? .firstWord
            return located(data, message: "dockerfile parse error on line \(node.startLine): \(error.message)",
                           reason: error.message, line: node.startLine, highlight: highlight)
        }
        if case .from(let from) = instruction.kind {
            document.stages.append(Stage(from: from, fromInstruction: instruction, instructions: [], index: document.stages.count))
        } else if document.stages.isEmpty {
            guard case .arg = instruction.kind else {
                return located(data, message: "no build stage in current context", reason: "no build stage in current context",
                               line: node.startLine, highlight: .firstWord)
            }
            document.globalArgs.append(instruction)
        } else {
            document.stages[document.stages.count - 1].instructions.append(instruction)
        }
        return nil
    }

    enum Highlight {
        case firstWord
        case flag(String)
    }

    /// Builds an error with the physical line's text and where to put the caret.
    static func located(_ data: [UInt8], message: String, reason: String, line: Int, highlight: Highlight) -> DockerfileError {
        guard let text = physicalLine(data, line) else { return DockerfileError(message: message, line: line, reason: reason) }
        let chars = Array(text)
        var start = 0
        while start < chars.count && (chars[start] == " " || chars[start] == "\t") { start += 1 }
        var end = start
        while end < chars.count && !(chars[end] == " " || chars[end] == "\t") { end += 1 }
        var column = start + 1
        var length = max(1, end - start)
        if case .flag(let name) = highlight, let r = text.firstRange(of: "--" + name) {
            column = text.distance(from: text.startIndex, to: r.lowerBound) + 1
            length = name.count + 2
        }
        return DockerfileError(message: message, line: line, reason: reason, lineText: text, column: column, length: length)
    }

    /// The text of 1-based physical line `n` (line ending and, on line 1, a BOM removed).
    static func physicalLine(_ data: [UInt8], _ n: Int) -> String? {
        guard n >= 1 else { return nil }
        var line = 1
        var start = 0
        var i = 0
        while line < n {
            guard let nl = data[i...].firstIndex(of: 0x0A) else { return nil }
            i = nl + 1
            start = i
            line += 1
        }
        var end = data[start...].firstIndex(of: 0x0A) ?? data.count
        while end > start && (data[end - 1] == 0x0D || data[end - 1] == 0x0A) { end -= 1 }
        if n == 1 && end - start >= 3 && data[start] == 0xEF && data[start + 1] == 0xBB && data[start + 2] == 0xBF { start += 3 }
        let slice = data[start..<min(end, start + 4096)]
        return String(decoding: slice, as: UTF8.self)
    }

    // MARK: - One instruction

    static func parseInstruction(_ n: DockerfileNode, escapeToken: Character) throws(InstructionError) -> Instruction {
        Instruction(kind: try parseKind(n, escapeToken: escapeToken), original: n.original, range: n.range)
    }

    static func parseKind(_ n: DockerfileNode, escapeToken: Character) throws(InstructionError) -> InstructionKind {
        var flags = BuildFlags(n.flags)
        let args = n.values
        switch n.keyword {
        case .env:
            try flags.parse()
            return .env(try keyValues(args, "ENV"))
        case .label:
            try flags.parse()
            return .label(try keyValues(args, "LABEL"))
        case .maintainer:
            guard args.count == 1 else { throw InstructionError("MAINTAINER requires exactly one argument") }
            try flags.parse()
            return .maintainer(args[0])
        case .add, .copy:
            let isAdd = n.keyword == .add
            let name = isAdd ? "ADD" : "COPY"
            guard args.count >= 2 else {
                throw InstructionError("\(name) requires at least two arguments, but only one was provided. Destination could not be determined")
            }
            flags.add("chown", .string)
            flags.add("chmod", .string)
            flags.add("link", .bool)
            flags.add("exclude", .strings)
            flags.add("parents", .bool)
            if isAdd {
                flags.add("keep-git-dir", .bool)
                flags.add("checksum", .string)
                // Accepted (BuildKit 0.23+) but not modelled: archives are unpacked as by default.
                flags.add("unpack", .bool)
            } else {
                flags.add("from", .string)
            }
            try flags.parse()
            let dest = args[args.count - 1]
            if isHeredocMarker(dest) {
                throw InstructionError("\(name) cannot accept a heredoc as a destination")
            }
            return .copy(CopyInstruction(
                isAdd: isAdd, sources: Array(args.dropLast()), destination: dest, heredocs: n.heredocs.map(chomped),
                from: flags.string("from"), chown: flags.string("chown"), chmod: flags.string("chmod"),
                link: flags.bool("link"), parents: flags.bool("parents"), excludes: flags.strings("exclude"),
                checksum: flags.string("checksum"), keepGitDir: flags.bool("keep-git-dir"), isJSON: n.isJSON))
        case .from:
            var stageName: String?
            if args.count == 3 && args[1].lowercased() == "as" {
                let name = args[2].lowercased()
                guard isValidStageName(name) else {
                    throw InstructionError("invalid name for build stage: \(goQuote(args[2])), name can't start with a number or contain symbols")
                }
                stageName = name
            } else if args.count != 1 {
                throw InstructionError("FROM requires either one or three arguments")
            }
            flags.add("platform", .string)
            try flags.parse()
            return .from(FromInstruction(image: args[0], stageName: stageName, platform: flags.string("platform")))
        case .onbuild:
            return .onbuild(try parseOnbuild(n, flags: &flags, escapeToken: escapeToken))
        case .workdir:
            guard args.count == 1 else { throw InstructionError("WORKDIR requires exactly one argument") }
            try flags.parse()
            return .workdir(args[0])
        case .run:
            flags.add("mount", .strings)
            flags.add("network", .string)
            flags.add("security", .string)
            try flags.parse()
            let command = commandForm(n)
            if case .shell(let s) = command, s.isEmpty, n.heredocs.isEmpty {
                throw InstructionError("RUN requires at least one argument")
            }
            return .run(RunInstruction(command: command, heredocs: n.heredocs.map(chomped), mounts: flags.strings("mount"),
                                       network: flags.string("network"), security: flags.string("security")))
        case .cmd:
            try flags.parse()
            return .cmd(commandForm(n))
        case .entrypoint:
            try flags.parse()
            return .entrypoint(commandForm(n))
        case .healthcheck:
            return .healthcheck(try parseHealthcheck(n, flags: &flags))
        case .expose:
            guard !args.isEmpty else { throw InstructionError("EXPOSE requires at least one argument") }
            try flags.parse()
            return .expose(args.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        case .user:
            guard args.count == 1 else { throw InstructionError("USER requires exactly one argument") }
            try flags.parse()
            return .user(args[0])
        case .volume:
            guard !args.isEmpty else { throw InstructionError("VOLUME requires at least one argument") }
            try flags.parse()
            var volumes: [String] = []
            for v in args {
                let t = v.isEmpty || v.first!.isWhitespace || v.last!.isWhitespace ? v.trimmingSpaces() : v
                if t.isEmpty { throw InstructionError("VOLUME specified can not be an empty string") }
                volumes.append(t)
            }
            return .volume(volumes)
        case .stopsignal:
            // BuildKit never checks STOPSIGNAL's flags.
            guard args.count == 1 else { throw InstructionError("STOPSIGNAL requires exactly one argument") }
            return .stopSignal(args[0])
        case .arg:
            // Nor ARG's.
            guard !args.isEmpty else { throw InstructionError("ARG requires at least one argument") }
            var decls: [ArgDeclaration] = []
            for a in args {
                if let eq = a.firstIndex(of: "=") {
                    let key = String(a[..<eq])
                    if key.isEmpty { throw InstructionError("ARG names can not be blank") }
                    decls.append(ArgDeclaration(name: key, defaultValue: String(a[a.index(after: eq)...])))
                } else {
                    decls.append(ArgDeclaration(name: a))
                }
            }
            return .arg(decls)
        case .shell:
            try flags.parse()
            let slice = jsonArgs(n)
            if slice.isEmpty { throw InstructionError("SHELL requires at least one argument") }
            guard n.isJSON else { throw InstructionError(notJSONMessage("SHELL", n.original)) }
            return .shell(slice)
        case nil:
            var message = "unknown instruction: \(n.command)"
            if let s = Suggestion.suggest(n.command) { message += " (did you mean \(s)?)" }
            throw InstructionError(message)
        }
    }

    /// BuildKit's `MustParseHeredoc(word) != nil`.
    static func isHeredocMarker(_ word: String) -> Bool {
        guard word.utf8.contains(UInt8(ascii: "<")) else { return false }
        do {
            return try parseHeredocMarker(runes(word)) != nil
        } catch {
            return false
        }
    }

    static func isValidStageName(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let f = u.first, f >= 0x61 && f <= 0x7A else { return false }
        return u.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    static func keyValues(_ args: [String], _ name: String) throws(InstructionError) -> [KeyValue] {
        if args.isEmpty { throw InstructionError("\(name) requires at least one argument") }
        if args.count % 2 != 0 { throw InstructionError("Bad input to \(name), too many arguments") }
        var out: [KeyValue] = []
        var i = 0
        while i < args.count {
            if args[i].isEmpty { throw InstructionError("\(name) names can not be blank") }
            out.append(KeyValue(key: args[i], value: args[i + 1]))
            i += 2
        }
        return out
    }

    /// `handleJSONArgs`: exec form keeps the array; shell form joins the words.
    static func jsonArgs(_ n: DockerfileNode) -> [String] {
        if n.values.isEmpty { return [] }
        if n.values.count == 1 { return n.values }
        return n.isJSON ? n.values : [n.values.joined(separator: " ")]
    }

    static func commandForm(_ n: DockerfileNode) -> CommandForm {
        if n.isJSON { return .exec(n.values) }
        return .shell(n.values.count == 1 ? n.values[0] : n.values.joined(separator: " "))
    }

    /// `<<-` heredocs lose leading tabs on every line, as BuildKit's `ChompHeredocContent`.
    static func chomped(_ h: Heredoc) -> Heredoc {
        guard h.chomp else { return h }
        var out = h
        var result = ""
        var atLineStart = true
        for ch in h.content.unicodeScalars {
            if atLineStart && ch == "\t" { continue }
            atLineStart = ch == "\n"
            result.unicodeScalars.append(ch)
        }
        out.content = result
        return out
    }

    static func notJSONMessage(_ command: String, _ original: String) -> String {
        var extra = ""
        let lowered = original.lowercased().replacingOccurrencesOf(command.lowercased() + " ", with: "")
        let chars = Array(lowered)
        var looksLikePath = false
        if chars.count >= 4 {
            for i in 0..<(chars.count - 3) where chars[i] == "\"" && chars[i + 1].isLetter && chars[i + 1].isASCII && chars[i + 2] == ":" && chars[i + 3] == "\\" {
                looksLikePath = true
                break
            }
        }
        if looksLikePath && !lowered.contains("\\\\") && lowered.contains("[") && lowered.contains("]") {
            extra = ". It looks like '\(lowered)' includes a file path without an escaped back-slash. JSON requires back-slashes to be escaped such as [\"c:\\\\path\\\\to\\\\file.exe\", \"/parameter\"]"
        }
        return "\(command) requires the arguments to be in JSON form\(extra)"
    }

    static func parseHealthcheck(_ n: DockerfileNode, flags: inout BuildFlags) throws(InstructionError) -> HealthcheckInstruction {
        guard !n.values.isEmpty else { throw InstructionError("HEALTHCHECK requires at least one argument") }
        let typ = n.values[0].uppercased()
        let rest = Array(n.values.dropFirst())
        if typ == "NONE" {
            // BuildKit does not look at the flags of HEALTHCHECK NONE.
            guard rest.isEmpty else { throw InstructionError("HEALTHCHECK NONE takes no arguments") }
            return .none
        }
        for f in ["interval", "timeout", "start-period", "start-interval", "retries"] { flags.add(f, .string) }
        try flags.parse()
        guard typ == "CMD" else { throw InstructionError("Unknown type \(goQuote(typ)) in HEALTHCHECK (try CMD)") }
        guard !rest.isEmpty else { throw InstructionError("Missing command after HEALTHCHECK CMD") }
        let form: CommandForm = n.isJSON ? .exec(rest) : .shell(rest.joined(separator: " "))
        var options = HealthcheckOptions()
        for (name, keyPath) in [("interval", \HealthcheckOptions.interval), ("timeout", \.timeout),
                                ("start-period", \.startPeriod), ("start-interval", \.startInterval)] {
            guard let v = flags.string(name), !v.isEmpty else { continue }
            switch GoDuration.parse(v) {
            case .failure(let e): throw InstructionError(e.message, flag: name)
            case .success(let ns):
                if ns != 0 && ns < 1_000_000 {
                    throw InstructionError("Interval \(goQuote(name)) cannot be less than 1ms", flag: name)
                }
            }
            options[keyPath: keyPath] = v
        }
        if let r = flags.string("retries"), !r.isEmpty {
            switch GoDuration.parseInt32(r) {
            case .failure(let e): throw InstructionError(e.message, flag: "retries")
            case .success(let v):
                if v < 0 { throw InstructionError("--retries cannot be negative (\(v))", flag: "retries") }
                options.retries = v
            }
        }
        return .command(form, options: options)
    }

    static func parseOnbuild(_ n: DockerfileNode, flags: inout BuildFlags, escapeToken: Character) throws(InstructionError) -> Instruction {
        guard let triggerNode = n.trigger else { throw InstructionError("ONBUILD requires at least one argument") }
        try flags.parse()
        let trigger = triggerNode.command.trimmingSpaces().uppercased()
        switch trigger {
        case "ONBUILD": throw InstructionError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
        case "MAINTAINER", "FROM": throw InstructionError("\(trigger) isn't allowed as an ONBUILD trigger")
        default: break
        }
        let expression = stripOnbuildPrefix(n.original)
        let bytes = Array(expression.utf8)
        let esc = escapeToken.asciiValue ?? 0x5C
        let raw: RawNode
        do {
            raw = try newNodeFromLine(bytes, escapeToken: esc)
        } catch {
            throw InstructionError(error.message)
        }
        let node = DockerfileNode(command: makeString(Array(raw.command)), flags: raw.flags.map(makeString),
                                  values: raw.values ?? [], isJSON: raw.isJSON, trigger: nil, original: expression,
                                  heredocs: n.heredocs, heredocDescriptors: n.heredocDescriptors,
                                  startLine: n.startLine, endLine: n.endLine, keyword: raw.keyword)
        return try parseInstruction(node, escapeToken: escapeToken)
    }

    /// `(?i)^\s*ONBUILD\s*` removed (Go's `\s` is `[\t\n\f\r ]`).
    static func stripOnbuildPrefix(_ s: String) -> String {
        let u = Array(s.utf8)
        func isS(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
        var i = 0
        while i < u.count && isS(u[i]) { i += 1 }
        guard i + 7 <= u.count, String(decoding: u[i..<(i + 7)], as: UTF8.self).lowercased() == "onbuild" else { return s }
        i += 7
        while i < u.count && isS(u[i]) { i += 1 }
        return String(decoding: u[i...], as: UTF8.self)
    }
}

extension String {
    /// Go's `strings.TrimSpace`: the text without leading and trailing white space (ASCII
    /// and Unicode), as the Docker CLI trims what it reads.
    public func trimmingSpaces() -> String {
        let u = Array(utf8)
        return makeString(Array(u[goTrimSpace(u, 0, u.count)]))
    }

    func replacingOccurrencesOf(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
