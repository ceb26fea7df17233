/// A tiny JSON writer that produces the exact bytes Go's `encoding/json` would: fixed key
/// order chosen by the caller, no whitespace, and Go's string escaping (`<`, `>`, `&`,
/// U+2028 and U+2029 as `\u00XX`-style escapes). Image IDs are hashes of these bytes, so
/// the output must be canonical.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(bytes: [UInt8] = []) { self.bytes = bytes }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func rawBytes(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func string(_ s: String) {
        // Fast path: printable ASCII with nothing to escape is copied as it is, scanning the
        // contiguous UTF-8 rather than iterating the string's view.
        var text = s
        let copied: Bool = text.withUTF8 { utf8 in
            for b in utf8 where b < 0x20 || b >= 0x7f || b == 0x22 || b == 0x5c || b == 0x3c || b == 0x3e || b == 0x26 {
                return false
            }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if copied { return }
        bytes.append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": raw("\\\"")
            case "\\": raw("\\\\")
            case "\n": raw("\\n")
            case "\r": raw("\\r")
            case "\t": raw("\\t")
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                raw("\\u" + JSONWriter.hex4(scalar.value))
            default:
                if scalar.value < 0x20 {
                    raw("\\u" + JSONWriter.hex4(scalar.value))
                } else {
                    bytes.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    static func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// Writes an object; `body` writes members with `member`.
    mutating func object(_ body: (inout ObjectWriter) -> Void) {
        raw("{")
        // Swap the buffer in and out so nested objects never copy it.
        var o = ObjectWriter(writer: JSONWriter())
        swap(&o.writer.bytes, &bytes)
        body(&o)
        swap(&o.writer.bytes, &bytes)
        raw("}")
    }

    mutating func stringArray(_ items: [String]) {
        raw("[")
        for (i, item) in items.enumerated() {
            if i > 0 { raw(",") }
            string(item)
        }
        raw("]")
    }

    /// A Go `map[string]struct{}` (keys sorted, values `{}`).
    mutating func emptyStructMap(_ keys: [String]) {
        raw("{")
        for (i, key) in keys.sorted().enumerated() {
            if i > 0 { raw(",") }
            string(key)
            raw(":{}")
        }
        raw("}")
    }

    /// A Go `map[string]string` (keys sorted).
    mutating func stringMap(_ map: [String: String]) {
        raw("{")
        for (i, key) in map.keys.sorted().enumerated() {
            if i > 0 { raw(",") }
            string(key)
            raw(":")
            string(map[key] ?? "")
        }
        raw("}")
    }

    struct ObjectWriter {
        var writer: JSONWriter
        var first = true
        mutating func member(_ key: String, _ value: (inout JSONWriter) -> Void) {
            if !first { writer.raw(",") }
            first = false
            writer.string(key)
            writer.raw(":")
            value(&writer)
        }
    }
}

extension Timestamp {
    /// RFC 3339 with nanoseconds trimmed, as Go's `time.Time` marshals to JSON
    /// (`2025-01-15T09:00:00Z`, `2025-01-15T09:00:00.5Z`).
    public var rfc3339Nano: String {
        let whole = secondsSince1970.rounded(.down)
        var nanos = Int(((secondsSince1970 - whole) * 1_000_000_000).rounded())
        var seconds = Int64(whole)
        if nanos >= 1_000_000_000 { nanos -= 1_000_000_000; seconds += 1 }
        var fraction = ""
        if nanos > 0 {
            var digits = String(nanos)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            fraction = "." + digits
        }
        return Timestamp.dateTimeString(seconds) + fraction + "Z"
    }

    /// RFC 3339 to the second (`2025-01-15T09:00:00Z`).
    public var rfc3339: String { Timestamp.dateTimeString(Int64(secondsSince1970.rounded(.down))) + "Z" }

    static func dateTimeString(_ seconds: Int64) -> String {
        let c = civil(seconds)
        func pad(_ v: Int64, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    }

    /// A UTC calendar date and time of day (proleptic Gregorian).
    public struct Civil: Equatable, Sendable {
        public let year: Int64, month: Int64, day: Int64
        public let hour: Int64, minute: Int64, second: Int64
    }

    /// Whole seconds since 1970 as a UTC date and time: Howard Hinnant's civil-from-days, so
    /// no Calendar/TimeZone lookups (and no host time zone) are involved. Callers keep
    /// `seconds` well inside Int64 (the formatters saturate first).
    public static func civil(_ seconds: Int64) -> Civil {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secOfDay = seconds - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return Civil(year: y, month: m, day: d, hour: secOfDay / 3600, minute: secOfDay % 3600 / 60, second: secOfDay % 60)
    }

    /// Builds a timestamp from a UTC calendar date (used by the base-image catalog).
    public static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Timestamp {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Timestamp(secondsSince1970: Double(days * 86400 + Int64(hour * 3600 + minute * 60 + second)))
    }
}
