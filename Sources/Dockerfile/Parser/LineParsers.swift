// BuildKit v0.12.5's per-instruction argument parsers (`line_parsers.go`) and command
// splitting (`splitCommand` / `extractBuilderFlags`), on bytes, quirks included.

struct LineParseError: Error {
    var message: String
}

struct LineParseResult {
    var values: [[UInt8]]?
    var isJSON = false
}

private let notStringArrayMessage = "when using JSON array syntax, arrays must be comprised of strings only"

/// `splitCommand` + dispatch: builds a node from one logical line. ONBUILD triggers are
/// handled iteratively (a line of `ONBUILD ONBUILD ...` must not recurse per word); only the
/// first trigger level is kept, deeper ones are parsed for their errors only.
func newNodeFromLine(_ line: [UInt8], escapeToken: UInt8) throws(LineParseError) -> RawNode {
    let top = try splitAndParse(line, 0, line.count, escapeToken: escapeToken)
    var node = RawNode(command: top.command, flags: top.flags, values: top.result.values, isJSON: top.result.isJSON, trigger: nil)
    guard let firstRest = top.subcommandRest else { return node }
    let child = try splitAndParse(line, firstRest.lowerBound, firstRest.upperBound, escapeToken: escapeToken)
    var trigger = RawTrigger(command: child.command, flags: child.flags, values: child.result.values,
                             isJSON: child.result.isJSON, hasNestedTrigger: false)
    var rest = child.subcommandRest
    if rest != nil { trigger.values = [[]]; trigger.isJSON = false; trigger.hasNestedTrigger = true }
    while let r = rest {
        rest = try splitAndParse(line, r.lowerBound, r.upperBound, escapeToken: escapeToken).subcommandRest
    }
    node.values = [[]]
    node.isJSON = false
    node.trigger = trigger
    return node
}

struct SplitLine {
    var command: ArraySlice<UInt8>
    var flags: [[UInt8]]
    var result: LineParseResult
    /// For ONBUILD with a non-empty rest: where the trigger text is.
    var subcommandRest: Range<Int>?
}

func splitAndParse(_ b: [UInt8], _ start: Int, _ end: Int, escapeToken: UInt8) throws(LineParseError) -> SplitLine {
    let trimmed = goTrimSpace(b, start, end)
    var i = trimmed.lowerBound
    while i < trimmed.upperBound && !isReWhitespace(b[i]) { i += 1 }
    let command = b[trimmed.lowerBound..<i]
    var flags: [[UInt8]] = []
    var args = trimmed.upperBound..<trimmed.upperBound
    if i < trimmed.upperBound {
        var j = i
        while j < trimmed.upperBound && isReWhitespace(b[j]) { j += 1 }
        let (argStart, f) = extractBuilderFlags(b, j, trimmed.upperBound)
        flags = f
        args = goTrimSpace(b, argStart, trimmed.upperBound)
    }
    let keyword = lowerKeyword(command)
    var result = LineParseResult()
    var subRest: Range<Int>?
    switch keyword {
    case "add", "copy", "volume":
        result = try parseMaybeJSONToList(b, args)
    case "arg":
        result.values = parseWords(b, args, escapeToken: escapeToken)
        if result.values?.isEmpty == true { result.values = nil }
    case "cmd", "entrypoint", "run", "shell":
        result = try parseMaybeJSON(b, args)
    case "env", "label":
        result.values = try parseNameVal(b, args, key: keyword == "env" ? "ENV" : "LABEL", escapeToken: escapeToken)
    case "expose", "from":
        result.values = splitWhitespace(b, args)
    case "healthcheck":
        result = try parseHealthConfig(b, args)
    case "maintainer", "stopsignal", "user", "workdir":
        result.values = args.isEmpty ? nil : [Array(b[args])]
    case "onbuild":
        if !args.isEmpty { subRest = args }
    default:
        result.values = [[]]
    }
    return SplitLine(command: command, flags: flags, result: result, subcommandRest: subRest)
}

/// `extractBuilderFlags`: reads leading `--flag` words byte by byte (non-ASCII bytes are
/// widened as Latin-1, which is what BuildKit's `rune(line[pos])` does). Returns where the
/// remaining arguments start and the flags.
func extractBuilderFlags(_ b: [UInt8], _ start: Int, _ end: Int) -> (Int, [[UInt8]]) {
    enum Phase { case spaces, word, quote }
    var words: [[UInt8]] = []
    var phase = Phase.spaces
    var word: [UInt8] = []
    var quote: UInt8 = 0
    var blankOK = false
    @inline(__always) func put(_ c: UInt8, _ w: inout [UInt8]) {
        if c < 0x80 { w.append(c) } else { w.append(0xC0 | (c >> 6)); w.append(0x80 | (c & 0x3F)) }
    }
    var pos = start
    while pos <= end {
        let ch: UInt8 = pos < end ? b[pos] : 0
        if phase == .spaces {
            if pos == end { break }
            if goIsSpaceByte(ch) { pos += 1; continue }
            if ch != UInt8(ascii: "-") || pos + 1 == end || b[pos + 1] != UInt8(ascii: "-") {
                return (pos, words)
            }
            phase = .word
        }
        if pos == end {
            if word != [0x2D, 0x2D] && (blankOK || !word.isEmpty) { words.append(word) }
            break
        }
        if phase == .word {
            if goIsSpaceByte(ch) {
                phase = .spaces
                if word == [0x2D, 0x2D] { return (pos, words) }
                if blankOK || !word.isEmpty { words.append(word) }
                word.removeAll()
                blankOK = false
                pos += 1
                continue
            }
            if ch == UInt8(ascii: "'") || ch == UInt8(ascii: "\"") {
                quote = ch
                blankOK = true
                phase = .quote
                pos += 1
                continue
            }
            var c = ch
            if c == UInt8(ascii: "\\") {
                if pos + 1 == end { pos += 1; continue }
                pos += 1
                c = b[pos]
            }
            put(c, &word)
            pos += 1
            continue
        }
        // quote
        if ch == quote {
            phase = .word
            pos += 1
            continue
        }
        var c = ch
        if c == UInt8(ascii: "\\") {
            if pos + 1 == end { phase = .word; pos += 1; continue }
            pos += 1
            c = b[pos]
        }
        put(c, &word)
        pos += 1
    }
    return (end, words)
}

/// `parseWords`: splits on white space, keeping quotes and escapes as written.
func parseWords(_ b: [UInt8], _ r: Range<Int>, escapeToken: UInt8) -> [[UInt8]] {
    enum Phase { case spaces, word, quote }
    var words: [[UInt8]] = []
    var phase = Phase.spaces
    var word: [UInt8] = []
    var quote: UInt32 = 0
    var blankOK = false
    let esc = UInt32(escapeToken)
    let end = r.upperBound
    var pos = r.lowerBound
    var ch: UInt32 = 0
    var width = 0
    @inline(__always) func put(_ v: UInt32, _ p: Int, _ w: Int, _ word: inout [UInt8]) {
        if v == 0xFFFD && w == 1 { word.append(contentsOf: runeErrorBytes) } else { word.append(contentsOf: b[p..<(p + w)]) }
    }
    while pos <= end {
        if pos != end { (ch, width) = goDecodeRune(b, pos, end) }
        if phase == .spaces {
            if pos == end { break }
            if goIsSpace(ch) { pos += width; continue }
            phase = .word
        }
        if pos == end {
            if blankOK || !word.isEmpty { words.append(word) }
            break
        }
        if phase == .word {
            if goIsSpace(ch) {
                phase = .spaces
                if blankOK || !word.isEmpty { words.append(word) }
                word.removeAll()
                blankOK = false
                pos += width
                continue
            }
            if ch == 0x27 || ch == 0x22 {
                quote = ch
                blankOK = true
                phase = .quote
            }
            if ch == esc {
                if pos + width == end { pos += width; continue }
                put(ch, pos, width, &word)
                pos += width
                (ch, width) = goDecodeRune(b, pos, end)
            }
            put(ch, pos, width, &word)
            pos += width
            continue
        }
        // quote
        if ch == quote { phase = .word }
        if ch == esc && quote != 0x27 {
            if pos + width == end {
                phase = .word
                pos += width
                continue
            }
            put(ch, pos, width, &word)
            pos += width
            (ch, width) = goDecodeRune(b, pos, end)
        }
        put(ch, pos, width, &word)
        pos += width
    }
    return words
}

/// `reWhitespace.Split(rest, -1)` (nil for empty input).
func splitWhitespace(_ b: [UInt8], _ r: Range<Int>) -> [[UInt8]]? {
    if r.isEmpty { return nil }
    var out: [[UInt8]] = []
    var s = r.lowerBound
    var i = r.lowerBound
    while i < r.upperBound {
        if isReWhitespace(b[i]) {
            out.append(Array(b[s..<i]))
            while i < r.upperBound && isReWhitespace(b[i]) { i += 1 }
            s = i
        } else {
            i += 1
        }
    }
    out.append(Array(b[s..<r.upperBound]))
    return out
}

/// ENV / LABEL: `key value` (old form) or `k=v ...`, flattened to key, value pairs.
func parseNameVal(_ b: [UInt8], _ r: Range<Int>, key: String, escapeToken: UInt8) throws(LineParseError) -> [[UInt8]]? {
    let words = parseWords(b, r, escapeToken: escapeToken)
    guard let first = words.first else { return nil }
    if !first.contains(UInt8(ascii: "=")) {
        var i = r.lowerBound
        while i < r.upperBound && !isReWhitespace(b[i]) { i += 1 }
        guard i < r.upperBound else { throw LineParseError(message: "\(key) must have two arguments") }
        var j = i
        while j < r.upperBound && isReWhitespace(b[j]) { j += 1 }
        return [Array(b[r.lowerBound..<i]), Array(b[j..<r.upperBound])]
    }
    var out: [[UInt8]] = []
    for w in words {
        guard let eq = w.firstIndex(of: UInt8(ascii: "=")) else {
            throw LineParseError(message: "Syntax error - can't find = in \(goQuote(makeString(w))). Must be of the form: name=value")
        }
        out.append(Array(w[..<eq]))
        out.append(Array(w[(eq + 1)...]))
    }
    return out
}

/// `parseJSON`: nil when the text is not a decodable JSON array (shell form then).
func parseJSON(_ b: [UInt8], _ r: Range<Int>) throws(LineParseError) -> [[UInt8]]? {
    let s = goTrimLeftSpace(b, r.lowerBound, r.upperBound)
    guard s < r.upperBound, b[s] == UInt8(ascii: "[") else { return nil }
    switch goDecodeJSONArray(b, s, r.upperBound) {
    case .strings(let values): return values
    case .notAllStrings: throw LineParseError(message: notStringArrayMessage)
    case .invalid: return nil
    }
}

func parseMaybeJSON(_ b: [UInt8], _ r: Range<Int>) throws(LineParseError) -> LineParseResult {
    if r.isEmpty { return LineParseResult(values: nil) }
    if let values = try parseJSON(b, r) {
        return LineParseResult(values: values.isEmpty ? nil : values, isJSON: true)
    }
    return LineParseResult(values: [Array(b[r])])
}

func parseMaybeJSONToList(_ b: [UInt8], _ r: Range<Int>) throws(LineParseError) -> LineParseResult {
    if let values = try parseJSON(b, r) {
        return LineParseResult(values: values.isEmpty ? nil : values, isJSON: true)
    }
    return LineParseResult(values: splitWhitespace(b, r))
}

func parseHealthConfig(_ b: [UInt8], _ r: Range<Int>) throws(LineParseError) -> LineParseResult {
    var sep = r.lowerBound
    while sep < r.upperBound && !goIsSpaceByte(b[sep]) { sep += 1 }
    var next = sep
    while next < r.upperBound && goIsSpaceByte(b[next]) { next += 1 }
    if sep == r.lowerBound { return LineParseResult(values: nil) }
    let typ = Array(b[r.lowerBound..<sep])
    let cmd = try parseMaybeJSON(b, next..<r.upperBound)
    return LineParseResult(values: [typ] + (cmd.values ?? []), isJSON: cmd.isJSON)
}

struct ParsedHeredocMarker {
    var name: String
    var fileDescriptor: UInt64
    var expand: Bool
    var chomp: Bool
}

/// `heredocsFromLine`: every word of the line (shell-lexed with raw quotes and escapes,
/// unset variables kept) that looks like `[n]<<[-]WORD`.
func heredocsFromLine(_ line: [UInt8]) throws(LineParseError) -> [ParsedHeredocMarker] {
    guard line.contains(UInt8(ascii: "<")) else { return [] }
    var options = ShellLexOptions()
    options.rawQuotes = true
    options.rawEscapes = true
    options.skipUnsetEnv = true
    options.legacyModifiers = true
    let words = (try? ShellLexer.process(scannerRunes(line), options: options, lookup: { _ in nil }))?.words ?? []
    var out: [ParsedHeredocMarker] = []
    for w in words {
        if let m = try parseHeredocMarker(w) { out.append(m) }
    }
    return out
}

/// `ParseHeredoc` on one word: `^(\d*)<<(-?)([^<]*)$`, then the name's quoting decides expansion.
func parseHeredocMarker(_ w: [UInt32]) throws(LineParseError) -> ParsedHeredocMarker? {
    var i = 0
    while i < w.count && w[i] >= 0x30 && w[i] <= 0x39 { i += 1 }
    let digits = w[0..<i]
    guard w.count >= i + 2, w[i] == 0x3C, w[i + 1] == 0x3C else { return nil }
    i += 2
    var chomp = false
    if i < w.count && w[i] == 0x2D { chomp = true; i += 1 }
    let rest = Array(w[i...])
    if rest.contains(0x3C) { return nil }
    if rest.isEmpty { return nil }
    var fd: UInt64 = 0
    for d in digits {
        let (m, o1) = fd.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(UInt64(d - 0x30))
        if o1 || o2 { fd = UInt64.max; break }
        fd = a
    }
    var options = ShellLexOptions()
    options.skipUnsetEnv = true
    options.legacyModifiers = true
    let words: [[UInt32]]
    do {
        words = try ShellLexer.process(rest, options: options, lookup: { _ in nil }).words
    } catch {
        throw LineParseError(message: "failed to process \(goQuote(runesToString(rest))): \(error.reason)")
    }
    guard words.count == 1 else { return nil }
    options.rawQuotes = true
    let raw: [[UInt32]]
    do {
        raw = try ShellLexer.process(rest, options: options, lookup: { _ in nil }).words
    } catch {
        throw LineParseError(message: "failed to process \(goQuote(runesToString(rest))): \(error.reason)")
    }
    guard raw.count == words.count else {
        throw LineParseError(message: "internal lexing of heredoc produced inconsistent results: \(runesToString(rest))")
    }
    @inline(__always) func quotes(_ x: [UInt32]) -> Int { x.reduce(0) { $0 + ($1 == 0x27 || $1 == 0x22 ? 1 : 0) } }
    return ParsedHeredocMarker(name: runesToString(words[0]), fileDescriptor: fd,
                               expand: quotes(words[0]) == quotes(raw[0]), chomp: chomp)
}
