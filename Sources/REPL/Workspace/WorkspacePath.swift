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
        let c = Timestamp.civil(seconds)
        let day = c.day, month = c.month, hour = c.hour, minute = c.minute
        let d = day < 10 ? " \(day)" : "\(day)"
        let h = hour < 10 ? "0\(hour)" : "\(hour)"
        let m = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(months[Int(month - 1)]) \(d) \(h):\(m)"
    }
}
