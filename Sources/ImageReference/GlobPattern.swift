/// Go's `path.Match` (Go 1.16+ behaviour, which also reports a malformed pattern after a
/// mismatch): `*` matches any run of non-`/` characters, `?` one non-`/` character, `[...]`
/// a class with ranges and `^` negation, and `\` escapes. Used by `Reference.familiarMatch`.
enum GlobPattern {
    typealias Bytes = ArraySlice<UInt8>

    static func match(_ pattern: String, _ name: String) -> Result<Bool, ReferenceError> {
        var pattern = Bytes(pattern.utf8)
        var name = Bytes(name.utf8)
        patternLoop: while !pattern.isEmpty {
            let (star, chunk, rest) = scanChunk(pattern)
            pattern = rest
            if star && chunk.isEmpty {
                // A trailing `*` matches the rest unless it contains a `/`.
                return .success(!name.contains(UInt8(ascii: "/")))
            }
            switch matchChunk(chunk, name) {
            case .failure(let error):
                return .failure(error)
            case .success(let remaining?) where remaining.isEmpty || !pattern.isEmpty:
                name = remaining
                continue patternLoop
            default:
                break
            }
            if star {
                var i = name.startIndex
                while i < name.endIndex && name[i] != UInt8(ascii: "/") {
                    switch matchChunk(chunk, name[(i + 1)...]) {
                    case .failure(let error):
                        return .failure(error)
                    case .success(let remaining?):
                        if pattern.isEmpty && !remaining.isEmpty { break }
                        name = remaining
                        continue patternLoop
                    case .success(nil):
                        break
                    }
                    i += 1
                }
            }
            // No match; still report a malformed remainder of the pattern.
            while !pattern.isEmpty {
                let (_, chunk, rest) = scanChunk(pattern)
                pattern = rest
                if case .failure(let error) = matchChunk(chunk, Bytes()) { return .failure(error) }
            }
            return .success(false)
        }
        return .success(name.isEmpty)
    }

    /// Splits off leading stars and the chunk up to the next star outside a class.
    private static func scanChunk(_ pattern: Bytes) -> (star: Bool, chunk: Bytes, rest: Bytes) {
        var pattern = pattern
        var star = false
        while pattern.first == UInt8(ascii: "*") {
            pattern = pattern.dropFirst()
            star = true
        }
        var inRange = false
        var i = pattern.startIndex
        scan: while i < pattern.endIndex {
            switch pattern[i] {
            case UInt8(ascii: "\\"):
                if i + 1 < pattern.endIndex { i += 1 }
            case UInt8(ascii: "["):
                inRange = true
            case UInt8(ascii: "]"):
                inRange = false
            case UInt8(ascii: "*"):
                if !inRange { break scan }
            default:
                break
            }
            i += 1
        }
        return (star, pattern[..<i], pattern[i...])
    }

    /// Matches a star-free chunk at the start of `s`: the rest of `s`, `nil` on mismatch, or
    /// the pattern error. After a mismatch the chunk is still checked for well-formedness.
    private static func matchChunk(_ chunk: Bytes, _ s: Bytes) -> Result<Bytes?, ReferenceError> {
        var chunk = chunk, s = s
        var failed = false
        while let c = chunk.first {
            if !failed && s.isEmpty { failed = true }
            switch c {
            case UInt8(ascii: "["):
                var r: UInt32 = 0
                if !failed {
                    let (scalar, n) = decodeRune(s)
                    r = scalar
                    s = s.dropFirst(n)
                }
                chunk = chunk.dropFirst()
                var negated = false
                if chunk.first == UInt8(ascii: "^") {
                    negated = true
                    chunk = chunk.dropFirst()
                }
                var matched = false
                var ranges = 0
                while true {
                    if chunk.first == UInt8(ascii: "]") && ranges > 0 {
                        chunk = chunk.dropFirst()
                        break
                    }
                    guard let (lo, afterLo) = escapedRune(chunk) else { return .failure(.badPattern) }
                    chunk = afterLo
                    var hi = lo
                    if chunk.first == UInt8(ascii: "-") {
                        guard let (h, afterHi) = escapedRune(chunk.dropFirst()) else { return .failure(.badPattern) }
                        hi = h
                        chunk = afterHi
                    }
                    if lo <= r && r <= hi { matched = true }
                    ranges += 1
                }
                if matched == negated { failed = true }
            case UInt8(ascii: "?"):
                if !failed {
                    if s.first == UInt8(ascii: "/") { failed = true }
                    s = s.dropFirst(decodeRune(s).length)
                }
                chunk = chunk.dropFirst()
            default:
                if c == UInt8(ascii: "\\") {
                    chunk = chunk.dropFirst()
                    if chunk.isEmpty { return .failure(.badPattern) }
                }
                if !failed {
                    if chunk.first != s.first { failed = true }
                    s = s.dropFirst()
                }
                chunk = chunk.dropFirst()
            }
        }
        return .success(failed ? nil : s)
    }

    /// One possibly escaped character of a class; `nil` where Go reports `ErrBadPattern`
    /// (missing, `-` or `]` in that place, or nothing after it).
    private static func escapedRune(_ chunk: Bytes) -> (UInt32, Bytes)? {
        var chunk = chunk
        guard let first = chunk.first, first != UInt8(ascii: "-"), first != UInt8(ascii: "]") else { return nil }
        if first == UInt8(ascii: "\\") {
            chunk = chunk.dropFirst()
            if chunk.isEmpty { return nil }
        }
        let (r, n) = decodeRune(chunk)
        let rest = chunk.dropFirst(n)
        if rest.isEmpty { return nil }
        return (r, rest)
    }

    /// Decodes the first UTF-8 scalar (the input comes from a Swift string, so it is valid).
    private static func decodeRune(_ s: Bytes) -> (value: UInt32, length: Int) {
        guard let lead = s.first else { return (0, 0) }
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead) & (length == 1 ? 0x7F : length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for b in s.dropFirst().prefix(length - 1) { value = value << 6 | UInt32(b & 0x3F) }
        return (value, min(length, s.count))
    }
}
