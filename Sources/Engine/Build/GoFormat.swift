import Dockerfile

/// Go formatting the history strings need (`%q`, `%v` of slices, `time.Duration`).
enum GoFormat {
    /// Go's `strconv.Quote` (the Dockerfile module's copy).
    static func quote(_ s: String) -> String { goQuote(s) }

    /// `fmt.Sprintf("%q", []string{...})`: `["a" "b"]`.
    static func quotedList(_ items: [String]) -> String {
        "[" + items.map(quote).joined(separator: " ") + "]"
    }

    /// `fmt.Sprintf("%v", []string{...})`: `[a b]`.
    static func plainList(_ items: [String]) -> String {
        "[" + items.joined(separator: " ") + "]"
    }

    /// `%q` of an int: a quoted character literal (`'\x03'`), as Go prints it.
    static func quotedRune(_ v: Int) -> String {
        guard v >= 0, v <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(v)) else { return "'\\ufffd'" }
        if v < 0x20 || v == 0x7f { return "'\\x" + (v < 16 ? "0" : "") + String(v, radix: 16) + "'" }
        if scalar == "'" { return "'\\''" }
        if scalar == "\\" { return "'\\\\'" }
        return "'" + String(scalar) + "'"
    }

    /// Parses a Go duration (`30s`, `1m30s`, `500ms`, `1h`) into nanoseconds.
    static func parseDuration(_ text: String) -> Int64? {
        if text == "0" { return 0 }
        var total: Double = 0
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.sorted(by: { $0.0.count > $1.0.count }).first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
        }
        // Go rejects durations beyond ~292 years; so do we (and never trap converting).
        guard total.isFinite, total < 9.2e18 else { return nil }
        return Int64(total)
    }

    /// Go's `time.Duration.String()`.
    static func duration(_ ns: Int64) -> String {
        if ns == 0 { return "0s" }
        if ns < 1_000_000_000 {
            if ns < 1000 { return "\(ns)ns" }
            if ns < 1_000_000 { return trim(Double(ns) / 1e3) + "µs" }
            return trim(Double(ns) / 1e6) + "ms"
        }
        var out = ""
        let hours = ns / 3_600_000_000_000
        let minutes = (ns / 60_000_000_000) % 60
        let seconds = Double(ns % 60_000_000_000) / 1e9
        if hours > 0 { out += "\(hours)h" }
        if hours > 0 || minutes > 0 { out += "\(minutes)m" }
        out += trim(seconds) + "s"
        return out
    }

    private static func trim(_ v: Double) -> String {
        var s = String(v)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
