/// A small regular-expression matcher for grep: `.`, `*`, `+`, `?`, `^`, `$`, bracket
/// classes, groups with `|`. Basic syntax (grep) treats `+ ? ( ) |` as literals unless
/// escaped; extended syntax (grep -E) the other way round. Matching is backtracking with a
/// step budget, so a pathological pattern gives "no match" instead of hanging.
struct ShellRegex {
    indirect enum Node {
        case char(Character)
        case any
        case charClass([ClosedRange<Character>], negated: Bool)
        case start, end
        case group([[Node]])
        case repeatNode(Node, min: Int, max: Int)
    }

    let alternatives: [[Node]]
    let ignoreCase: Bool

    init?(_ pattern: String, extended: Bool, ignoreCase: Bool) {
        self.ignoreCase = ignoreCase
        // Matching recurses once per pattern element: keep patterns short enough for the stack.
        guard pattern.count <= 512 else { return nil }
        var chars = Array(ignoreCase ? pattern.lowercased() : pattern)
        var i = 0
        guard let alts = ShellRegex.parseAlternatives(&chars, &i, extended: extended, depth: 0), i == chars.count else { return nil }
        alternatives = alts
    }

    private static func parseAlternatives(_ p: inout [Character], _ i: inout Int, extended: Bool, depth: Int) -> [[Node]]? {
        guard depth < 32 else { return nil }
        var alts: [[Node]] = [[]]
        while i < p.count {
            let c = p[i]
            // Group end / alternation, in either syntax.
            if extended && c == ")" || !extended && c == "\\" && i + 1 < p.count && p[i + 1] == ")" { break }
            if extended && c == "|" { i += 1; alts.append([]); continue }
            if !extended && c == "\\" && i + 1 < p.count && p[i + 1] == "|" { i += 2; alts.append([]); continue }
            var node: Node
            if extended && c == "(" || !extended && c == "\\" && i + 1 < p.count && p[i + 1] == "(" {
                i += extended ? 1 : 2
                guard let inner = parseAlternatives(&p, &i, extended: extended, depth: depth + 1) else { return nil }
                if extended { guard i < p.count, p[i] == ")" else { return nil }; i += 1 } else {
                    guard i + 1 < p.count, p[i] == "\\", p[i + 1] == ")" else { return nil }
                    i += 2
                }
                node = .group(inner)
            } else if c == "." {
                node = .any; i += 1
            } else if c == "^" {
                node = .start; i += 1
            } else if c == "$" {
                node = .end; i += 1
            } else if c == "[" {
                i += 1
                var negated = false
                if i < p.count && p[i] == "^" { negated = true; i += 1 }
                var ranges: [ClosedRange<Character>] = []
                var first = true
                while i < p.count && (p[i] != "]" || first) {
                    first = false
                    if p[i] == "[" && i + 1 < p.count && p[i + 1] == ":" {
                        let rest = String(p[i...])
                        let classes: [(String, [ClosedRange<Character>])] = [("[:alpha:]", ["a"..."z", "A"..."Z"]), ("[:digit:]", ["0"..."9"]), ("[:alnum:]", ["a"..."z", "A"..."Z", "0"..."9"]), ("[:space:]", [" "..." ", "\t"..."\t"]), ("[:upper:]", ["A"..."Z"]), ("[:lower:]", ["a"..."z"])]
                        if let match = classes.first(where: { rest.hasPrefix($0.0) }) { ranges += match.1; i += match.0.count; continue }
                    }
                    if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                        if p[i] <= p[i + 2] { ranges.append(p[i]...p[i + 2]) }
                        i += 3
                    } else {
                        ranges.append(p[i]...p[i])
                        i += 1
                    }
                }
                guard i < p.count else { return nil }
                i += 1
                node = .charClass(ranges, negated: negated)
            } else if c == "\\" && i + 1 < p.count {
                let n = p[i + 1]
                i += 2
                switch n {
                case "d": node = .charClass(["0"..."9"], negated: false)
                case "w": node = .charClass(["a"..."z", "A"..."Z", "0"..."9", "_"..."_"], negated: false)
                case "s": node = .charClass([" "..." ", "\t"..."\t"], negated: false)
                case "+" where !extended: node = .repeatNode(alts[alts.count - 1].popLast() ?? .char("+"), min: 1, max: Int.max)
                    alts[alts.count - 1].append(node); continue
                case "?" where !extended: node = .repeatNode(alts[alts.count - 1].popLast() ?? .char("?"), min: 0, max: 1)
                    alts[alts.count - 1].append(node); continue
                default: node = .char(n)
                }
            } else if c == "*" || (extended && (c == "+" || c == "?")) {
                i += 1
                guard let last = alts[alts.count - 1].popLast() else { alts[alts.count - 1].append(.char(c)); continue }
                let (lo, hi) = c == "*" ? (0, Int.max) : c == "+" ? (1, Int.max) : (0, 1)
                alts[alts.count - 1].append(.repeatNode(last, min: lo, max: hi))
                continue
            } else {
                node = .char(c); i += 1
            }
            alts[alts.count - 1].append(node)
        }
        return alts
    }

    /// One step budget shared by a whole match (continuations included), so backtracking
    /// is bounded no matter how the pattern nests.
    private final class Budget {
        var left: Int
        init(_ n: Int) { left = n }
        func spend() -> Bool {
            left -= 1
            return left > 0
        }
    }

    /// The leftmost match in `s` at or after `from`, as a character range (greedy).
    func firstMatch(in s: [Character], from: Int = 0) -> Range<Int>? {
        let subject = ignoreCase ? Array(String(s).lowercased()) : s
        guard subject.count == s.count, from <= subject.count else { return nil }
        let budget = Budget(20_000)
        for start in from...subject.count {
            var end = -1
            for alt in alternatives where match(alt, 0, subject, start, budget, depth: 0, { e in end = e; return true }) {
                return start..<end
            }
            if budget.left <= 0 { return nil }
        }
        return nil
    }

    /// Whether the pattern matches anywhere in `line`.
    func matches(_ line: String) -> Bool {
        let s = Array(ignoreCase ? line.lowercased() : line)
        let budget = Budget(20_000)
        for start in 0...s.count {
            for alt in alternatives where match(alt, 0, s, start, budget, depth: 0, { _ in true }) { return true }
            if budget.left <= 0 { return false }
        }
        return false
    }

    private func single(_ node: Node, _ c: Character) -> Bool {
        switch node {
        case .char(let x): return x == c
        case .any: return true
        case .charClass(let ranges, let negated): return ranges.contains { $0.contains(c) } != negated
        default: return false
        }
    }

    /// Continuation-passing backtracking matcher; `depth` bounds the recursion.
    private func match(_ nodes: [Node], _ k: Int, _ s: [Character], _ pos: Int, _ budget: Budget, depth: Int, _ rest: (Int) -> Bool) -> Bool {
        guard budget.spend(), depth < 1_500 else { return false }
        guard k < nodes.count else { return rest(pos) }
        switch nodes[k] {
        case .start: return pos == 0 && match(nodes, k + 1, s, pos, budget, depth: depth + 1, rest)
        case .end: return pos == s.count && match(nodes, k + 1, s, pos, budget, depth: depth + 1, rest)
        case .group(let alts):
            for alt in alts where match(alt, 0, s, pos, budget, depth: depth + 1, { p in self.match(nodes, k + 1, s, p, budget, depth: depth + 2, rest) }) {
                return true
            }
            return false
        case .repeatNode(let inner, let lo, let hi):
            if case .group = inner {
                // Groups repeat at most 64 times and must consume input on each pass.
                // Greedy: one more pass first, then stop here.
                func rep(_ count: Int, _ p: Int, _ depth: Int) -> Bool {
                    if count < min(hi, 64), budget.left > 0,
                       match([inner], 0, s, p, budget, depth: depth + 1, { q in q > p && rep(count + 1, q, depth + 2) }) {
                        return true
                    }
                    return count >= lo && match(nodes, k + 1, s, p, budget, depth: depth + 1, rest)
                }
                return rep(0, pos, depth)
            }
            var n = 0
            while pos + n < s.count && n < hi && single(inner, s[pos + n]) { n += 1 }
            while n >= lo {
                if match(nodes, k + 1, s, pos + n, budget, depth: depth + 1, rest) { return true }
                if budget.left <= 0 { return false }
                n -= 1
            }
            return false
        default:
            guard pos < s.count, single(nodes[k], s[pos]) else { return false }
            return match(nodes, k + 1, s, pos + 1, budget, depth: depth + 1, rest)
        }
    }
}
