import Engine

/// Path handling for workspace commands.
enum WorkspacePath {
    /// Resolves `path` against `cwd`. Returns nil when `..` would climb above `/`: a real
    /// shell silently stays at `/`, but a learner typing `../../..` is usually lost, so the
    /// workspace says so instead.
    static func resolve(_ path: String, cwd: String) -> String? {
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func name(of path: String) -> String {
        path == "/" ? "/" : String(path[path.index(after: path.lastIndex(of: "/") ?? path.startIndex)...])
    }
}

/// `ls -l` dates: "Jan 15 09:00" in UTC (the simulator has no time zone).
enum LsDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ t: Timestamp) -> String {
        let seconds = Int64(t.secondsSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil-from-days (proleptic Gregorian), after Howard Hinnant's public algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let hour = secondOfDay / 3600, minute = (secondOfDay % 3600) / 60
        let d = day < 10 ? " \(day)" : "\(day)"
        let h = hour < 10 ? "0\(hour)" : "\(hour)"
        let m = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(months[Int(month - 1)]) \(d) \(h):\(m)"
    }
}
