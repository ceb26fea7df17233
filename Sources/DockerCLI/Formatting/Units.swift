import Engine

/// Human-readable sizes and durations exactly as Docker's libraries print them.
public enum Units {
    private static let decimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]

    /// go-units `HumanSizeWithPrecision`: divide by 1000 while >= 1000, then `%.{p}g` + unit.
    /// The unit is chosen before rounding, so 999,500 bytes prints `1e+03kB` as Docker does.
    public static func humanSizeWithPrecision(_ size: Double, precision: Int) -> String {
        var value = size
        var index = 0
        while value >= 1000, index < decimalUnits.count - 1 {
            value /= 1000
            index += 1
        }
        return GoFormat.g(value, precision: precision) + decimalUnits[index]
    }

    /// The `docker images` / `docker history` SIZE column (`HumanSizeWithPrecision(n, 3)`).
    public static func imageSize(_ bytes: Int64) -> String {
        humanSizeWithPrecision(Double(bytes), precision: 3)
    }

    /// go-units `HumanSize` (4 significant digits): reclaimed space, build context, pull counters.
    public static func humanSize(_ bytes: Int64) -> String {
        humanSizeWithPrecision(Double(bytes), precision: 4)
    }

    /// BuildKit's byte counts (`tonistiigi/units` with `%.2f`): plain integer bytes below
    /// 1000 (`189B`), two fixed decimals from there on (`1.24kB`, `2.00kB`). Units step at
    /// exact integer thresholds, so 999,999 bytes prints `1000.00kB`.
    public static func buildKitBytes(_ bytes: Int64) -> String {
        if bytes > -1000 && bytes < 1000 { return "\(bytes)B" }
        var base: Int64 = 1
        var index = 0
        let magnitude = bytes.magnitude
        while index < 6 {
            let (next, overflow) = base.multipliedReportingOverflow(by: 1000)
            if overflow || magnitude < UInt64(next) { break }
            base = next
            index += 1
        }
        return GoFormat.f(Double(bytes) / Double(base), precision: 2) + decimalUnits[index]
    }

    /// go-units `HumanDuration`: seconds and minutes truncate, hours round (`int(h + 0.5)`);
    /// there is never "1 hour/day/week/month/year".
    public static func humanDuration(seconds d: Double) -> String {
        let seconds = truncatedInt(d)
        if seconds < 1 { return "Less than a second" }
        if seconds == 1 { return "1 second" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = truncatedInt(d / 60)
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = truncatedInt(d / 3600 + 0.5)
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(truncatedInt(d / 3600) / 24 / 365) years"
    }

    /// `HumanDuration(now - then) + " ago"`, the CREATED column of images, history and ps.
    public static func ago(_ then: Timestamp, now: Timestamp) -> String {
        humanDuration(seconds: now.secondsSince1970 - then.secondsSince1970) + " ago"
    }

    /// BuildKit's step and status durations (`%.1f` seconds + `s`): `0.0s`, `12.3s`.
    public static func buildKitSeconds(_ seconds: Double) -> String {
        GoFormat.f(seconds, precision: 1) + "s"
    }

    /// The time prefix of a RUN log line in `--progress=plain`: seconds since the step
    /// started, 3 decimals below 10 s, 2 below 100 s, 1 otherwise.
    public static func logTimePrefix(_ seconds: Double) -> String {
        let precision = seconds < 10 ? 3 : (seconds < 100 ? 2 : 1)
        return GoFormat.f(seconds, precision: precision)
    }

    /// Go's `int(x)` on a float: truncation toward zero, saturating instead of trapping on
    /// values an integer cannot hold.
    static func truncatedInt(_ x: Double) -> Int {
        guard x.isFinite else { return x.isNaN ? 0 : (x > 0 ? Int.max : Int.min) }
        if x >= Double(Int.max) { return Int.max }
        if x <= Double(Int.min) { return Int.min }
        return Int(x)
    }
}

/// RFC 3339 timestamps (Go `time.RFC3339`), as `-H=false` and `inspect` print them.
public enum RFC3339 {
    /// Formats `t` at `utcOffsetSeconds` from UTC (`Z` when 0), whole seconds.
    public static func format(_ t: Timestamp, utcOffsetSeconds: Int = 0) -> String {
        let (date, time) = civil(Units.truncatedFloor(t.secondsSince1970) + Int64(utcOffsetSeconds))
        return date + "T" + time + zone(utcOffsetSeconds)
    }

    /// Go's `time.RFC3339Nano` (trailing zeros of the fraction dropped), used by
    /// `docker inspect` for `Created`.
    public static func formatNano(_ t: Timestamp, utcOffsetSeconds: Int = 0) -> String {
        let whole = Units.truncatedFloor(t.secondsSince1970)
        let nanos = Int64(((t.secondsSince1970 - Double(whole)) * 1e9).rounded())
        var fraction = ""
        if nanos > 0 && nanos < 1_000_000_000 {
            var digits = String(nanos)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            fraction = "." + digits
        }
        let (date, time) = civil(whole + Int64(utcOffsetSeconds))
        return date + "T" + time + fraction + zone(utcOffsetSeconds)
    }

    private static func zone(_ offset: Int) -> String {
        if offset == 0 { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let m = abs(offset) / 60
        return sign + two(m / 60) + ":" + two(m % 60)
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// The date and the time of day of `seconds` (UTC), as RFC 3339 writes them.
    private static func civil(_ seconds: Int64) -> (String, String) {
        let c = Timestamp.civil(seconds)
        let y = c.year
        var year = String(y)
        if y >= 0 && y < 1000 { year = String(repeating: "0", count: 4 - year.count) + year }
        let date = year + "-" + two(Int(c.month)) + "-" + two(Int(c.day))
        let time = two(Int(c.hour)) + ":" + two(Int(c.minute)) + ":" + two(Int(c.second))
        return (date, time)
    }
}

extension Units {
    /// Floor of a float as Int64, saturating.
    static func truncatedFloor(_ x: Double) -> Int64 {
        guard x.isFinite else { return 0 }
        let f = x.rounded(.down)
        if f >= 9.2e18 { return Int64.max / 2 }
        if f <= -9.2e18 { return Int64.min / 2 }
        return Int64(f)
    }
}
