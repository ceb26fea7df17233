// Go's `time.ParseDuration` and `strconv.ParseInt` error texts, which HEALTHCHECK reports.

enum GoDuration {
    /// Nanoseconds, or the Go error text.
    static func parse(_ s: String) -> Result<Int64, InstructionError> {
        let orig = s
        var chars = Array(s.unicodeScalars)
        var neg = false
        if let c = chars.first, c == "-" || c == "+" {
            neg = c == "-"
            chars.removeFirst()
        }
        let invalid = InstructionError("time: invalid duration " + goQuote(orig))
        if chars.count == 1 && chars[0] == "0" { return .success(0) }
        if chars.isEmpty { return .failure(invalid) }
        var total: Double = 0
        var i = 0
        while i < chars.count {
            var intPart = ""
            var fracPart = ""
            while i < chars.count, chars[i].properties.numericType != nil, chars[i].isASCII { intPart.unicodeScalars.append(chars[i]); i += 1 }
            var sawDot = false
            if i < chars.count && chars[i] == "." {
                sawDot = true
                i += 1
                while i < chars.count, chars[i].isASCII, chars[i].properties.numericType != nil { fracPart.unicodeScalars.append(chars[i]); i += 1 }
            }
            if intPart.isEmpty && fracPart.isEmpty { return .failure(invalid) }
            _ = sawDot
            var unit = ""
            while i < chars.count, chars[i] != ".", !(chars[i].isASCII && chars[i].properties.numericType != nil) {
                unit.unicodeScalars.append(chars[i])
                i += 1
            }
            if unit.isEmpty { return .failure(InstructionError("time: missing unit in duration " + goQuote(orig))) }
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return .failure(InstructionError("time: unknown unit " + goQuote(unit) + " in duration " + goQuote(orig)))
            }
            let number = Double((intPart.isEmpty ? "0" : intPart) + "." + (fracPart.isEmpty ? "0" : fracPart)) ?? 0
            total += number * scale
            if total > 9.223372036854775807e18 { return .failure(invalid) }
        }
        return .success(Int64(neg ? -total : total))
    }

    /// `strconv.ParseInt(s, 10, 32)`.
    static func parseInt32(_ s: String) -> Result<Int, InstructionError> {
        var body = Substring(s)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(InstructionError("strconv.ParseInt: parsing \(goQuote(s)): invalid syntax"))
        }
        guard let v = Int32(s.hasPrefix("+") ? String(s.dropFirst()) : s) else {
            return .failure(InstructionError("strconv.ParseInt: parsing \(goQuote(s)): value out of range"))
        }
        return .success(Int(v))
    }
}

/// BuildKit's "did you mean" rule for unknown instructions: the closest keyword within edit
/// distance 2, compared case-insensitively, written lower case when the input was all lower
/// case, otherwise upper case.
enum Suggestion {
    static let keywords = ["ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
                           "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"]

    static func suggest(_ word: String) -> String? {
        guard !word.isEmpty, word.count <= 64 else { return nil }
        let upper = word.uppercased()
        var best: String?
        var bestDistance = 3
        for k in keywords {
            let d = levenshtein(Array(upper.unicodeScalars), Array(k.unicodeScalars))
            if d < bestDistance {
                bestDistance = d
                best = k
            }
        }
        guard let best else { return nil }
        return word == word.lowercased() ? best.lowercased() : best
    }

    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
