/// Go `path/filepath.Match` for one path segment (`*`, `?`, `[...]` with `^` negation and
/// ranges, `\` escapes), used for COPY wildcards and `.dockerignore` patterns.
enum PathMatch {
    /// Whether `text` (no `/`) matches `pattern` (no `/`). Malformed patterns match nothing,
    /// as Go returns `ErrBadPattern`.
    static func matchSegment(_ pattern: Substring, _ text: Substring) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let t = Array(text.unicodeScalars)
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count {
                switch p[pi] {
                case "*":
                    starP = pi
                    starT = ti
                    pi += 1
                    continue
                case "?":
                    pi += 1
                    ti += 1
                    continue
                case "[":
                    if let (matched, next) = matchClass(p, pi, t[ti]) {
                        if matched {
                            pi = next
                            ti += 1
                            continue
                        }
                    } else {
                        return false
                    }
                case "\\":
                    if pi + 1 < p.count, p[pi + 1] == t[ti] {
                        pi += 2
                        ti += 1
                        continue
                    }
                default:
                    if p[pi] == t[ti] {
                        pi += 1
                        ti += 1
                        continue
                    }
                }
            }
            if starP >= 0 {
                pi = starP + 1
                starT += 1
                ti = starT
                continue
            }
            return false
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Matches a `[...]` class at `p[start]`; returns (matched, index after `]`), or nil when
    /// the class is malformed.
    private static func matchClass(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && p[i] == "^" {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == "]" && !first { return (matched != negate, i + 1) }
            first = false
            var lo = p[i]
            if lo == "\\" {
                i += 1
                guard i < p.count else { return nil }
                lo = p[i]
            }
            i += 1
            var hi = lo
            if i + 1 < p.count && p[i] == "-" && p[i + 1] != "]" {
                hi = p[i + 1]
                if hi == "\\" {
                    guard i + 2 < p.count else { return nil }
                    hi = p[i + 2]
                    i += 1
                }
                i += 2
            }
            if lo.value <= c.value && c.value <= hi.value { matched = true }
        }
        return nil
    }

    static func hasWildcard(_ s: String) -> Bool {
        s.contains("*") || s.contains("?") || s.contains("[")
    }

    /// Whole-path match with `**` (any number of segments), as moby/patternmatcher does for
    /// `.dockerignore`. Both sides are relative, `/`-separated.
    static func matchPath(_ patternSegments: [Substring], _ pathSegments: [Substring]) -> Bool {
        // Dynamic programming over (pattern index, path index): no recursion.
        let n = patternSegments.count, m = pathSegments.count
        var reach = Array(repeating: Array(repeating: false, count: m + 1), count: n + 1)
        reach[0][0] = true
        for i in 0..<n {
            let seg = patternSegments[i]
            for j in 0...m where reach[i][j] {
                if seg == "**" {
                    for k in j...m { reach[i + 1][k] = true }
                } else if j < m, matchSegment(seg, pathSegments[j]) {
                    reach[i + 1][j + 1] = true
                }
            }
        }
        return reach[n][m]
    }
}
