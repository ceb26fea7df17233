// Text -> nodes, following BuildKit v0.12.5's `parser.Parse` line by line: lines end at `\n`
// only (a CR-only file is one long line), a BOM is dropped from the first line only,
// directives are looked for until the first line that is not one, continuation lines keep
// their leading white space, comment and blank lines inside a continuation are skipped, and
// heredoc bodies are read raw after the instruction line.

/// Go's `bufio.MaxScanTokenSize`: a longer line stops the scanner.
let maxLineLength = 64 * 1024

private let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

/// Splits input into lines the way BuildKit's `bufio.Scanner` with `scanLines` does.
struct LineScanner {
    let data: [UInt8]
    var pos = 0
    /// Set when a line exceeded the scanner's buffer; scanning stops there.
    var tooLong = false

    init(_ data: [UInt8]) { self.data = data }

    /// The next line including its `\n`, or nil at the end (or after a too-long line).
    mutating func next() -> Range<Int>? {
        guard !tooLong, pos < data.count else { return nil }
        let start = pos
        let limit = min(data.count, start + maxLineLength)
        var i = start
        while i < limit && data[i] != 0x0A { i += 1 }
        if i < limit {
            pos = i + 1
            return start..<pos
        }
        if limit == data.count && limit - start < maxLineLength {
            pos = data.count
            return start..<pos
        }
        tooLong = true
        return nil
    }
}

/// Parser directive state (`# syntax=`, `# escape=`).
struct DirectiveState {
    var escapeToken: UInt8 = 0x5C
    var done = false
    var seen: [String: String] = [:]
    var order: [String] = []
    var checkValue: String?

    /// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` applied to `b[r]` (Go RE2, `\s` = `[\t\n\f\r ]`).
    static func match(_ b: [UInt8], _ r: Range<Int>) -> (String, [UInt8])? {
        @inline(__always) func isS(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
        @inline(__always) func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        var i = r.lowerBound
        let end = r.upperBound
        guard i < end, b[i] == UInt8(ascii: "#") else { return nil }
        i += 1
        while i < end && isS(b[i]) { i += 1 }
        guard i < end, isAlpha(b[i]) else { return nil }
        let nameStart = i
        while i < end && (isAlpha(b[i]) || (b[i] >= 0x30 && b[i] <= 0x39)) { i += 1 }
        let name = String(decoding: b[nameStart..<i], as: UTF8.self)
        while i < end && isS(b[i]) { i += 1 }
        guard i < end, b[i] == UInt8(ascii: "=") else { return nil }
        i += 1
        let restStart = i
        guard restStart < end else { return nil }
        while i < end && isS(b[i]) { i += 1 }
        if i == end {
            // Only white space after `=`: the lazy group takes the last character.
            return (name, [b[end - 1]])
        }
        var e = end
        while e > i && isS(b[e - 1]) { e -= 1 }
        return (name, Array(b[i..<e]))
    }

    mutating func check(_ b: [UInt8], _ r: Range<Int>) -> String? {
        if done { return nil }
        guard let (rawName, value) = DirectiveState.match(b, r) else {
            done = true
            return nil
        }
        let key = rawName.lowercased()
        guard key == "syntax" || key == "escape" else {
            // v0.12.5 knows no `check` directive: it ends the directive block there. Newer
            // BuildKit reads it, so keep its value for whoever wants the build-check settings.
            if key == "check" { checkValue = String(decoding: value, as: UTF8.self) }
            done = true
            return nil
        }
        if seen[key] != nil { return "only one \(key) parser directive can be used" }
        let text = String(decoding: value, as: UTF8.self)
        seen[key] = text
        order.append(key)
        if key == "escape" {
            guard value == [UInt8(ascii: "`")] || value == [UInt8(ascii: "\\")] else {
                return "invalid escape token '\(text)' does not match ` or \\"
            }
            escapeToken = value[0]
        }
        return nil
    }
}

/// A node in the making, kept as bytes until the end.
struct RawNode {
    var command: ArraySlice<UInt8>
    var flags: [[UInt8]]
    var values: [String]?
    var isJSON: Bool
    var trigger: RawTrigger?
    var keyword: Keyword?
}

struct RawTrigger {
    var command: ArraySlice<UInt8>
    var flags: [[UInt8]]
    var values: [String]?
    var isJSON: Bool
    var hasNestedTrigger: Bool
    var keyword: Keyword?
}

struct NodeParseError: Error {
    var message: String
    var line: Int
    /// True for errors about one instruction (BuildKit's build output prefixes those with
    /// `dockerfile parse error on line N:`), false for file-level ones.
    var instructionLevel = false
}

/// Parses Dockerfile bytes into nodes exactly as BuildKit v0.12.5 does.
public func parseDockerfileNodes(_ data: [UInt8]) throws(DockerfileError) -> DockerfileAST {
    var parser = NodeParser(data)
    do throws(NodeParseError) {
        return try parser.parse()
    } catch {
        throw DockerfileError(message: error.message, line: error.line, reason: error.message)
    }
}


/// Convenience for text input.
public func parseDockerfileNodes(_ text: String) throws(DockerfileError) -> DockerfileAST {
    try parseDockerfileNodes(Array(text.utf8))
}

struct NodeParser {
    let data: [UInt8]
    var scanner: LineScanner
    var directives = DirectiveState()

    init(_ data: [UInt8]) {
        self.data = data
        self.scanner = LineScanner(data)
    }

    @inline(__always) func trimNewline(_ r: Range<Int>) -> Range<Int> {
        var e = r.upperBound
        while e > r.lowerBound && (data[e - 1] == 0x0A || data[e - 1] == 0x0D) { e -= 1 }
        return r.lowerBound..<e
    }

    @inline(__always) func isComment(_ r: Range<Int>) -> Bool {
        let t = trimNewline(r)
        let s = goTrimLeftSpace(data, t.lowerBound, t.upperBound)
        return s < t.upperBound && data[s] == UInt8(ascii: "#")
    }

    /// Applies the escape-token continuation rule (`([^E])E[ \t]*$|^E[ \t]*$`); returns the
    /// kept range and whether the line is complete.
    @inline(__always) func trimContinuation(_ b: [UInt8], _ r: Range<Int>) -> (Range<Int>, Bool) {
        var t = r.upperBound
        while t > r.lowerBound && (b[t - 1] == 0x20 || b[t - 1] == 0x09) { t -= 1 }
        let esc = directives.escapeToken
        if t > r.lowerBound && b[t - 1] == esc && (t - 1 == r.lowerBound || b[t - 2] != esc) {
            return (r.lowerBound..<(t - 1), false)
        }
        return (r, true)
    }

    mutating func parse() throws(NodeParseError) -> DockerfileAST {
        var nodes: [DockerfileNode] = []
        // Growing a large array repeatedly costs more than one upfront estimate.
        var newlines = 0
        for c in data where c == 0x0A { newlines += 1 }
        nodes.reserveCapacity(newlines + 1)
        let (lineCount, _) = try parse { node, _ in nodes.append(node) }
        return DockerfileAST(nodes: nodes, escapeToken: Character(Unicode.Scalar(directives.escapeToken)),
                             directives: directiveValues, lineCount: lineCount)
    }

    /// Streams nodes to `visit` as they are parsed (with the escape token in force); throws
    /// the parser's own errors, which BuildKit reports before any later-stage error. Returns
    /// the number of lines read and the number of nodes.
    mutating func parse(_ visit: (DockerfileNode, UInt8) -> Void) throws(NodeParseError) -> (Int, Int) {
        var currentLine = 0
        var count = 0
        var line: [UInt8] = []
        line.reserveCapacity(1024)

        while let raw = scanner.next() {
            var r = raw
            if currentLine == 0 && r.count >= 3 && data[r.lowerBound] == 0xEF && data[r.lowerBound + 1] == 0xBB && data[r.lowerBound + 2] == 0xBF {
                r = (r.lowerBound + 3)..<r.upperBound
            }
            // processLine(stripLeftWhitespace: true)
            var tok = trimNewline(r)
            tok = goTrimLeftSpace(data, tok.lowerBound, tok.upperBound)..<tok.upperBound
            if let message = directives.check(data, tok) {
                throw NodeParseError(message: message, line: currentLine + 1)
            }
            if !tok.isEmpty && data[tok.lowerBound] == UInt8(ascii: "#") { tok = tok.lowerBound..<tok.lowerBound }
            currentLine += 1
            let startLine = currentLine

            let (first, firstDone) = trimContinuation(data, tok)
            var isEndOfLine = firstDone
            if isEndOfLine && first.isEmpty { continue }
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: data[first])

            while !isEndOfLine, let next = scanner.next() {
                var t = trimNewline(next)
                if let message = directives.check(data, t) {
                    throw NodeParseError(message: message, line: currentLine + 1)
                }
                if !t.isEmpty && data[t.lowerBound] == UInt8(ascii: "#") { t = t.lowerBound..<t.lowerBound }
                currentLine += 1
                if isComment(next) { continue }
                if goTrimLeftSpace(data, t.lowerBound, t.upperBound) == t.upperBound { continue }
                let (kept, done) = trimContinuation(data, t)
                isEndOfLine = done
                line.append(contentsOf: data[kept])
            }

            let rawNode: RawNode
            do {
                rawNode = try newNodeFromLine(line, escapeToken: directives.escapeToken)
            } catch {
                throw NodeParseError(message: error.message, line: startLine, instructionLevel: true)
            }

            var heredocs: [Heredoc] = []
            var descriptors: [UInt64] = []
            if canContainHeredoc(rawNode) {
                let found: [ParsedHeredocMarker]
                do {
                    found = try heredocsFromLine(line)
                } catch {
                    throw NodeParseError(message: error.message, line: startLine, instructionLevel: true)
                }
                for marker in found {
                    let terminator = Array(marker.name.utf8)
                    var content: [UInt8] = []
                    var terminated = false
                    while let body = scanner.next() {
                        currentLine += 1
                        var t = trimNewline(body)
                        if marker.chomp {
                            var s = t.lowerBound
                            while s < t.upperBound && data[s] == 0x09 { s += 1 }
                            t = s..<t.upperBound
                        }
                        if t.count == terminator.count && data[t].elementsEqual(terminator) {
                            terminated = true
                            break
                        }
                        content.append(contentsOf: data[body])
                    }
                    if !terminated {
                        throw NodeParseError(message: "unterminated heredoc", line: startLine, instructionLevel: true)
                    }
                    heredocs.append(Heredoc(name: marker.name, fileDescriptor: Int(clamping: marker.fileDescriptor),
                                            content: makeString(content), quoted: !marker.expand, chomp: marker.chomp))
                    descriptors.append(marker.fileDescriptor)
                }
            }

            visit(makeNode(rawNode, original: line, heredocs: heredocs, descriptors: descriptors,
                           startLine: startLine, endLine: currentLine), directives.escapeToken)
            count += 1
        }

        if count == 0 {
            throw NodeParseError(message: "file with no instructions", line: max(currentLine, 1))
        }
        if scanner.tooLong {
            throw NodeParseError(message: "dockerfile line greater than max allowed size of \(maxLineLength - 1)", line: currentLine + 1)
        }
        return (currentLine, count)
    }

    var directiveValues: [String: String] {
        var dirs: [String: String] = [:]
        for (k, v) in directives.seen { dirs[k] = v }
        if let check = directives.checkValue { dirs["check"] = check }
        return dirs
    }

    private func makeNode(_ raw: RawNode, original: [UInt8], heredocs: [Heredoc], descriptors: [UInt64],
                          startLine: Int, endLine: Int) -> DockerfileNode {
        var trigger: DockerfileTrigger?
        if let t = raw.trigger {
            trigger = DockerfileTrigger(command: makeString(t.command), flags: t.flags.map(makeString),
                                        values: t.values ?? [], isJSON: t.isJSON,
                                        hasNestedTrigger: t.hasNestedTrigger)
        }
        return DockerfileNode(command: makeString(raw.command), flags: raw.flags.map(makeString),
                              values: raw.values ?? [], isJSON: raw.isJSON, trigger: trigger,
                              original: makeString(original), heredocs: heredocs, heredocDescriptors: descriptors,
                              startLine: startLine, endLine: endLine, keyword: raw.keyword)
    }

    private func canContainHeredoc(_ n: RawNode) -> Bool {
        var keyword = n.keyword
        var json = n.isJSON
        if keyword == .onbuild, let t = n.trigger {
            keyword = t.keyword
            json = t.isJSON
        }
        switch keyword {
        case .run, .copy, .add: return !json
        default: return false
        }
    }
}

/// The instruction keywords, recognised the way Go's `strings.ToLower` + map lookup does:
/// ASCII letters in any case, plus the two non-ASCII capitals whose lower case is ASCII
/// (U+0130 -> `i`, U+212A KELVIN SIGN -> `k`).
enum Keyword: UInt8, CaseIterable {
    case add, arg, cmd, copy, entrypoint, env, expose, from, healthcheck, label, maintainer, onbuild, run, shell,
         stopsignal, user, volume, workdir

    private static let packed: [(UInt64, UInt64, Keyword)] = Keyword.allCases.map { k in
        let (lo, hi) = pack(Array(String(describing: k).utf8)[...])!
        return (lo, hi, k)
    }

    /// Lower-cased bytes packed into two words (nil when too long or not a candidate).
    private static func pack(_ b: ArraySlice<UInt8>) -> (UInt64, UInt64)? {
        var lo: UInt64 = 0, hi: UInt64 = 0
        var n = 0
        var i = b.startIndex
        while i < b.endIndex {
            var c = b[i]
            if c >= 0x80 {
                if c == 0xC4 && i + 1 < b.endIndex && b[i + 1] == 0xB0 {
                    c = UInt8(ascii: "i"); i += 1
                } else if c == 0xE2 && i + 2 < b.endIndex && b[i + 1] == 0x84 && b[i + 2] == 0xAA {
                    c = UInt8(ascii: "k"); i += 2
                } else {
                    return nil
                }
            } else if c >= 0x41 && c <= 0x5A {
                c |= 0x20
            }
            if n < 8 { lo |= UInt64(c) << (8 * UInt64(n)) } else if n < 16 { hi |= UInt64(c) << (8 * UInt64(n - 8)) } else { return nil }
            n += 1
            i += 1
        }
        return (lo, hi)
    }

    init?(_ b: ArraySlice<UInt8>) {
        guard b.count <= 33, let (lo, hi) = Keyword.pack(b) else { return nil }
        for (l, h, k) in Keyword.packed where l == lo && h == hi {
            self = k
            return
        }
        return nil
    }

    init?(_ s: String) {
        self.init(Array(s.utf8)[...])
    }
}
