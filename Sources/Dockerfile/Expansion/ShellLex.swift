// BuildKit's shell word processor (`frontend/dockerfile/shell/lex.go`): quote removal,
// escapes, `$var` / `${var...}` expansion and word splitting. One implementation serves two
// callers: the node parser (heredoc detection, with raw quotes/escapes and unset variables left
// alone, using the v0.12 modifier set) and `VariableExpander` (current BuildKit semantics).

struct ShellLexError: Error, Equatable, Sendable {
    /// The inner message, e.g. `syntax error: missing '}'`.
    var reason: String
}

struct ShellLexOptions: Sendable {
    var escapeToken: UInt32 = 0x5C
    var rawQuotes = false
    var rawEscapes = false
    var skipUnsetEnv = false
    var skipProcessQuotes = false
    /// BuildKit v0.12: only `${v}`, `${v?w}`, `${v:-w}`, `${v:+w}`, `${v:?w}`; anything else is
    /// `missing ':' in substitution`, and nested words keep the caller's raw-escape mode.
    var legacyModifiers = false
}

struct ShellLexResult {
    var result: [UInt32]
    var words: [[UInt32]]
    var matched: [String]
    var unmatched: [String]
}

/// Converts UTF-8 bytes to runes the way Go's `text/scanner` reads them (invalid bytes become
/// U+FFFD, a leading byte-order mark is skipped).
func scannerRunes(_ b: [UInt8], _ start: Int = 0, _ end: Int? = nil) -> [UInt32] {
    let end = end ?? b.count
    var out: [UInt32] = []
    out.reserveCapacity(end - start)
    var i = start
    while i < end {
        let (r, w) = goDecodeRune(b, i, end)
        out.append(r)
        i += w
    }
    if out.first == 0xFEFF { out.removeFirst() }
    return out
}

func runesToString(_ r: [UInt32]) -> String {
    var s = String.UnicodeScalarView()
    for v in r { s.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
    return String(s)
}

private struct Words {
    var word: [UInt32] = []
    var words: [[UInt32]] = []
    var inWord = false

    mutating func addChar(_ ch: UInt32) {
        if goIsSpace(ch) {
            if inWord && !word.isEmpty {
                words.append(word)
                word.removeAll()
                inWord = false
            }
        } else {
            addRawChar(ch)
        }
    }
    mutating func addRawChar(_ ch: UInt32) {
        word.append(ch)
        inWord = true
    }
    mutating func addString(_ s: [UInt32]) {
        for ch in s { addChar(ch) }
    }
    mutating func addRawString(_ s: [UInt32]) {
        word.append(contentsOf: s)
        inWord = true
    }
    mutating func getWords() -> [[UInt32]] {
        if !word.isEmpty {
            words.append(word)
            word.removeAll()
            inWord = false
        }
        return words
    }
}

private let dollar: UInt32 = 0x24, lbrace: UInt32 = 0x7B, rbrace: UInt32 = 0x7D
private let squote: UInt32 = 0x27, dquote: UInt32 = 0x22, colon: UInt32 = 0x3A, slash: UInt32 = 0x2F

struct ShellLexer {
    private let src: [UInt32]
    private var pos = 0
    private let options: ShellLexOptions
    private var rawEscapes: Bool
    private let lookup: (String) -> String?
    private(set) var matched: [String] = []
    private(set) var unmatched: [String] = []
    private var seenMatched: Set<String> = []
    private var seenUnmatched: Set<String> = []
    private var depth = 0
    /// Nesting bound for `${a:-${b:-...}}`; Go has none, but unbounded recursion could
    /// exhaust the stack on hostile input.
    static let maxDepth = 200

    init(_ src: [UInt32], options: ShellLexOptions, lookup: @escaping (String) -> String?) {
        self.src = src
        self.options = options
        self.rawEscapes = options.rawEscapes
        self.lookup = lookup
    }

    /// Runs the word processor over the whole input.
    static func process(_ src: [UInt32], options: ShellLexOptions, lookup: @escaping (String) -> String?) throws(ShellLexError) -> ShellLexResult {
        var lexer = ShellLexer(src, options: options, lookup: lookup)
        let (result, words) = try lexer.processStopOn(nil, rawEscapes: options.rawEscapes)
        return ShellLexResult(result: result, words: words, matched: lexer.matched, unmatched: lexer.unmatched)
    }

    @inline(__always) private func peek() -> UInt32? { pos < src.count ? src[pos] : nil }
    @inline(__always) private mutating func next() -> UInt32? {
        guard pos < src.count else { return nil }
        pos += 1
        return src[pos - 1]
    }

    private mutating func getEnv(_ name: String) -> String? {
        if let v = lookup(name) {
            if seenMatched.insert(name).inserted { matched.append(name) }
            return v
        }
        if seenUnmatched.insert(name).inserted { unmatched.append(name) }
        return nil
    }

    private mutating func processStopOn(_ stop: UInt32?, rawEscapes newRaw: Bool) throws(ShellLexError) -> ([UInt32], [[UInt32]]) {
        depth += 1
        defer { depth -= 1 }
        if depth > ShellLexer.maxDepth { throw ShellLexError(reason: "syntax error: substitution nested too deeply") }
        let savedRaw = rawEscapes
        rawEscapes = newRaw
        defer { rawEscapes = savedRaw }

        var result: [UInt32] = []
        var words = Words()
        while let ch = peek() {
            if let stop, ch == stop {
                pos += 1
                return (result, words.getWords())
            }
            if ch == dollar {
                let tmp = try processDollar()
                result.append(contentsOf: tmp)
                words.addString(tmp)
            } else if !options.skipProcessQuotes && (ch == squote || ch == dquote) {
                let tmp = ch == squote ? try processSingleQuote() : try processDoubleQuote()
                result.append(contentsOf: tmp)
                words.addRawString(tmp)
            } else {
                pos += 1
                if ch == options.escapeToken {
                    if rawEscapes {
                        words.addRawChar(ch)
                        result.append(ch)
                    }
                    guard let escaped = next() else { break }
                    words.addRawChar(escaped)
                    result.append(escaped)
                } else {
                    words.addChar(ch)
                    result.append(ch)
                }
            }
        }
        if let stop {
            throw ShellLexError(reason: "unexpected end of statement while looking for matching " + runesToString([stop]))
        }
        return (result, words.getWords())
    }

    private mutating func processSingleQuote() throws(ShellLexError) -> [UInt32] {
        var result: [UInt32] = []
        let open = next()!
        if options.rawQuotes { result.append(open) }
        while true {
            guard let ch = next() else {
                throw ShellLexError(reason: "unexpected end of statement while looking for matching single-quote")
            }
            if ch == squote {
                if options.rawQuotes { result.append(ch) }
                return result
            }
            result.append(ch)
        }
    }

    private mutating func processDoubleQuote() throws(ShellLexError) -> [UInt32] {
        var result: [UInt32] = []
        let open = next()!
        if options.rawQuotes { result.append(open) }
        while true {
            guard let p = peek() else {
                throw ShellLexError(reason: "unexpected end of statement while looking for matching double-quote")
            }
            if p == dquote {
                pos += 1
                if options.rawQuotes { result.append(p) }
                return result
            }
            if p == dollar {
                result.append(contentsOf: try processDollar())
                continue
            }
            var ch = next()!
            if ch == options.escapeToken {
                if rawEscapes { result.append(ch) }
                guard let n = peek() else { continue }
                if n == dquote || n == dollar || n == options.escapeToken {
                    ch = next()!
                }
            }
            result.append(ch)
        }
    }

    private mutating func processName() -> String {
        var name = String.UnicodeScalarView()
        while let ch = peek() {
            let scalar = Unicode.Scalar(ch) ?? "\u{FFFD}"
            if name.isEmpty && isGoDigit(scalar) {
                while let c = peek(), isGoDigit(Unicode.Scalar(c) ?? "\u{FFFD}") {
                    pos += 1
                    name.append(Unicode.Scalar(c)!)
                }
                return String(name)
            }
            if name.isEmpty && isSpecialParam(ch) {
                pos += 1
                return String(scalar)
            }
            if !isGoLetter(scalar) && !isGoDigit(scalar) && ch != 0x5F { break }
            pos += 1
            name.append(scalar)
        }
        return String(name)
    }

    private func isSpecialParam(_ ch: UInt32) -> Bool {
        switch ch {
        case 0x40, 0x2A, 0x23, 0x3F, 0x2D, 0x24, 0x21, 0x30: return true  // @ * # ? - $ ! 0
        default: return false
        }
    }

    private mutating func processDollar() throws(ShellLexError) -> [UInt32] {
        pos += 1  // '$'
        if peek() != lbrace {
            let name = processName()
            if name.isEmpty { return [dollar] }
            if let value = getEnv(name) { return runes(value) }
            if options.skipUnsetEnv { return [dollar] + runes(name) }
            return []
        }
        pos += 1  // '{'
        guard let first = peek() else { throw ShellLexError(reason: "syntax error: missing '}'") }
        if first == lbrace || first == rbrace || first == colon {
            throw ShellLexError(reason: "syntax error: bad substitution")
        }
        let name = processName()
        if options.legacyModifiers { return try legacyModifier(name) }

        var ch = next()
        var chs = runesToString([ch ?? 0xFFFD])
        var nullIsUnset = false
        switch ch {
        case rbrace:
            if let value = getEnv(name) { return runes(value) }
            if options.skipUnsetEnv { return runes("${" + name + "}") }
            return []
        case colon, 0x2B, 0x2D, 0x3F, 0x23, 0x25:  // : + - ? # %
            if ch == colon {
                nullIsUnset = true
                ch = next()
                chs += runesToString([ch ?? 0xFFFD])
            }
            let rawWord = ch == 0x23 || ch == 0x25
            let word: [UInt32]
            do {
                word = try processStopOn(rbrace, rawEscapes: rawWord).0
            } catch {
                if peek() == nil { throw ShellLexError(reason: "syntax error: missing '}'") }
                throw error
            }
            let value = getEnv(name)
            if options.skipUnsetEnv && value == nil {
                return runes("${" + name + chs) + word + [rbrace]
            }
            let empty = value == nil || (nullIsUnset && value == "")
            switch ch {
            case 0x2D:  // -
                return empty ? word : runes(value ?? "")
            case 0x2B:  // +
                return empty ? [] : word
            case 0x3F:  // ?
                if value == nil {
                    throw ShellLexError(reason: name + ": " + (word.isEmpty ? "is not allowed to be unset" : runesToString(word)))
                }
                if nullIsUnset && value == "" {
                    throw ShellLexError(reason: name + ": " + (word.isEmpty ? "is not allowed to be empty" : runesToString(word)))
                }
                return runes(value ?? "")
            case 0x25, 0x23:  // % #
                var pattern = word
                var greedy = false
                if let c0 = pattern.first, c0 == ch {
                    greedy = true
                    pattern.removeFirst()
                }
                let v = runes(value ?? "")
                if ch == 0x25 {
                    return try ShellPattern.trimSuffix(pattern: pattern, value: v, greedy: greedy)
                }
                return try ShellPattern.trimPrefix(pattern: pattern, value: v, greedy: greedy)
            default:
                throw ShellLexError(reason: "unsupported modifier (\(chs)) in substitution")
            }
        case slash:
            let replaceAll = peek() == slash
            if replaceAll { pos += 1 }
            let pattern: [UInt32]
            do {
                pattern = try processStopOn(slash, rawEscapes: true).0
            } catch {
                if peek() == nil { throw ShellLexError(reason: "syntax error: missing '/' in ${}") }
                throw error
            }
            let replacement: [UInt32]
            do {
                replacement = try processStopOn(rbrace, rawEscapes: true).0
            } catch {
                if peek() == nil { throw ShellLexError(reason: "syntax error: missing '}'") }
                throw error
            }
            let value = getEnv(name)
            if options.skipUnsetEnv && value == nil {
                return runes("${" + name + "/") + pattern + [slash] + replacement + [rbrace]
            }
            return try ShellPattern.replace(pattern: pattern, replacement: replacement, in: runes(value ?? ""), all: replaceAll)
        default:
            throw ShellLexError(reason: "unsupported modifier (\(chs)) in substitution")
        }
    }

    /// BuildKit v0.12's `${...}` forms, used for heredoc detection in the node parser.
    private mutating func legacyModifier(_ name: String) throws(ShellLexError) -> [UInt32] {
        let ch = next()
        switch ch {
        case rbrace:
            if let value = getEnv(name) { return runes(value) }
            if options.skipUnsetEnv { return runes("${" + name + "}") }
            return []
        case 0x3F:
            let word = try legacyWord()
            guard let value = getEnv(name) else {
                if options.skipUnsetEnv { return runes("${" + name + "?") + word + [rbrace] }
                throw ShellLexError(reason: name + ": " + (word.isEmpty ? "is not allowed to be unset" : runesToString(word)))
            }
            return runes(value)
        case colon:
            let modifier = next()
            let word = try legacyWord()
            let value = getEnv(name)
            let literal = runes("${" + name + ":") + [modifier ?? 0xFFFD] + word + [rbrace]
            switch modifier {
            case 0x2B:
                if value == nil && options.skipUnsetEnv { return literal }
                return (value ?? "").isEmpty ? [] : word
            case 0x2D:
                if value == nil && options.skipUnsetEnv { return literal }
                return (value ?? "").isEmpty ? word : runes(value ?? "")
            case 0x3F:
                guard let value else {
                    if options.skipUnsetEnv { return literal }
                    throw ShellLexError(reason: name + ": " + (word.isEmpty ? "is not allowed to be unset" : runesToString(word)))
                }
                if value.isEmpty {
                    throw ShellLexError(reason: name + ": " + (word.isEmpty ? "is not allowed to be empty" : runesToString(word)))
                }
                return runes(value)
            default:
                throw ShellLexError(reason: "unsupported modifier (\(runesToString([modifier ?? 0xFFFD]))) in substitution")
            }
        default:
            throw ShellLexError(reason: "missing ':' in substitution")
        }
    }

    private mutating func legacyWord() throws(ShellLexError) -> [UInt32] {
        do {
            return try processStopOn(rbrace, rawEscapes: rawEscapes).0
        } catch {
            if peek() == nil { throw ShellLexError(reason: "syntax error: missing '}'") }
            throw error
        }
    }
}

@inline(__always) func runes(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

/// Go's `unicode.IsDigit` (decimal digits of any script).
func isGoDigit(_ s: Unicode.Scalar) -> Bool {
    if s.value < 0x80 { return s.value >= 0x30 && s.value <= 0x39 }
    return s.properties.numericType == .decimal
}

/// Go's `unicode.IsLetter` (general category L).
func isGoLetter(_ s: Unicode.Scalar) -> Bool {
    if s.value < 0x80 { return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }
    switch s.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
    default: return false
    }
}

/// Shell patterns of `${v#p}`, `${v%p}`, `${v/p/r}`: `*` and `?` wildcards (which, as in Go's
/// regexp `.`, never match a newline), `\` escaping `*`, `?`, `\`, and `\}` / `\/` for a
/// literal brace or slash. Matching prefers what Go's backtracking-order regexp prefers
/// (greedy or lazy stars), computed with a table so hostile patterns stay polynomial.
enum ShellPattern {
    enum Token: Equatable { case star, any, literal(UInt32) }

    static func tokens(_ pattern: [UInt32]) throws(ShellLexError) -> [Token] {
        var out: [Token] = []
        var p = pattern
        if p.first == 0xFEFF { p.removeFirst() }
        var i = 0
        while i < p.count {
            let c = p[i]
            i += 1
            switch c {
            case 0x2A: out.append(.star)
            case 0x3F: out.append(.any)
            case 0x5C:
                if i < p.count && (p[i] == rbrace || p[i] == slash) { continue }
                guard i < p.count, p[i] == 0x2A || p[i] == 0x3F || p[i] == 0x5C else {
                    let bad = i < p.count ? runesToString([p[i]]) : "\u{FFFD}"
                    throw ShellLexError(reason: "invalid pattern (\(runesToString(pattern))) in substitution: invalid escape '\\\(bad)'")
                }
                out.append(.literal(p[i]))
                i += 1
            default:
                out.append(.literal(c))
            }
        }
        return out
    }

    /// `ends[s]` = end of the preferred match starting at `s`, or -1.
    static func matchEnds(_ tokens: [Token], _ v: [UInt32], greedy: Bool) -> [Int] {
        let n = v.count
        // nextNewline[i]: index of first '\n' at or after i (or n).
        var nextNewline = [Int](repeating: n, count: n + 1)
        if n > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) { nextNewline[i] = v[i] == 0x0A ? i : nextNewline[i + 1] }
        }
        var row = [Int](0...n)  // after all tokens: match ends where we are
        for t in tokens.reversed() {
            var cur = [Int](repeating: -1, count: n + 1)
            switch t {
            case .literal(let c):
                for i in 0..<n where v[i] == c { cur[i] = row[i + 1] }
            case .any:
                for i in 0..<n where v[i] != 0x0A { cur[i] = row[i + 1] }
            case .star:
                // A star spans [i, nextNewline[i]]. Greedy wants the largest k in that span
                // that lets the rest match, lazy the smallest; one right-to-left sweep per
                // newline-free segment finds both in linear time.
                var nearest = -1  // smallest valid k >= i in the segment
                var largest = -1  // largest valid k in the segment
                var i = n
                while i >= 0 {
                    if i < n && v[i] == 0x0A { nearest = -1; largest = -1 }
                    if row[i] >= 0 {
                        nearest = i
                        if largest < 0 { largest = i }
                    }
                    let k = greedy ? largest : nearest
                    if k >= i { cur[i] = row[k] }
                    i -= 1
                }
            }
            row = cur
        }
        return row
    }

    /// Bounds the matcher's table (tokens x value length); beyond it the value is left as is.
    static func tooLarge(_ t: [Token], _ v: [UInt32]) -> Bool {
        (t.count + 1) * (v.count + 1) > 4_000_000
    }

    static func trimPrefix(pattern: [UInt32], value: [UInt32], greedy: Bool) throws(ShellLexError) -> [UInt32] {
        let t = try tokens(pattern)
        if tooLarge(t, value) { return value }
        let ends = matchEnds(t, value, greedy: greedy)
        let e = ends[0]
        return e >= 0 ? Array(value[e...]) : value
    }

    static func trimSuffix(pattern: [UInt32], value: [UInt32], greedy: Bool) throws(ShellLexError) -> [UInt32] {
        let reversed = reversePattern(pattern)
        let r = try trimPrefix(pattern: reversed, value: value.reversed(), greedy: greedy)
        return r.reversed()
    }

    /// Reverses a pattern but keeps `\x` escape pairs in order (`a\*c` -> `c\*a`).
    static func reversePattern(_ p: [UInt32]) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: p.count)
        let last = p.count - 1
        var i = 0
        while i <= last {
            let tok = p[i]
            let o = last - i
            if tok == 0x5C && i != last {
                out[o - 1] = tok
                out[o] = p[i + 1]
                i += 2
            } else {
                out[o] = tok
                i += 1
            }
        }
        return out
    }

    static func replace(pattern: [UInt32], replacement: [UInt32], in value: [UInt32], all: Bool) throws(ShellLexError) -> [UInt32] {
        let t = try tokens(pattern)
        if tooLarge(t, value) { return value }
        let ends = matchEnds(t, value, greedy: true)
        var out: [UInt32] = []
        var lastEnd = 0
        var search = 0
        let n = value.count
        while search <= n {
            var start = -1
            var s = search
            while s <= n { if ends[s] >= 0 { start = s; break }; s += 1 }
            if start < 0 { break }
            let end = ends[start]
            out.append(contentsOf: value[lastEnd..<start])
            if end > lastEnd || start == 0 {
                out.append(contentsOf: expandTemplate(replacement, match: Array(value[start..<end])))
            }
            lastEnd = end
            if !all { break }
            search = search + 1 > end ? search + 1 : end
        }
        out.append(contentsOf: value[lastEnd...])
        return out
    }

    /// Go's `Regexp.Expand` for a replacement with no capture groups: `$$` is `$`, `$0` or
    /// `${0}` is the match, other names are empty, a malformed `$` stays literal.
    static func expandTemplate(_ r: [UInt32], match: [UInt32]) -> [UInt32] {
        guard r.contains(dollar) else { return r }
        func isNameChar(_ c: UInt32) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
        }
        var out: [UInt32] = []
        var i = 0
        while i < r.count {
            let c = r[i]
            guard c == dollar else { out.append(c); i += 1; continue }
            if i + 1 < r.count && r[i + 1] == dollar { out.append(dollar); i += 2; continue }
            var j = i + 1
            var name: [UInt32] = []
            if j < r.count && r[j] == lbrace {
                var k = j + 1
                while k < r.count && isNameChar(r[k]) { k += 1 }
                if k > j + 1 && k < r.count && r[k] == rbrace {
                    name = Array(r[(j + 1)..<k])
                    j = k + 1
                } else {
                    out.append(dollar); i += 1; continue
                }
            } else {
                var k = j
                while k < r.count && isNameChar(r[k]) { k += 1 }
                if k == j { out.append(dollar); i += 1; continue }
                name = Array(r[j..<k])
                j = k
            }
            if name.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let num = Int(runesToString(name)), num == 0 {
                out.append(contentsOf: match)
            }
            i = j
        }
        return out
    }
}
