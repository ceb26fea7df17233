extension BuildProgressView {
    /// The last frame BuildKit's TTY display leaves on a terminal `width` columns wide
    /// (default 80), followed by the same trailer as plain mode. Every line is at most
    /// `width - 1` columns; on very narrow terminals job lines are dropped, as BuildKit does.
    public func renderTTY(width requested: Int = 80) -> String {
        let width = max(requested, 1)
        let done = vertices.filter { $0.started != nil && $0.completed }.count
        let finished = done > 0 && done == vertices.count
        var header = "[+] Building \(Units.buildKitSeconds(totalDuration)) (\(done)/\(vertices.count)) "
        if finished { header += "FINISHED" }
        let desc = "\(driver):\(builderName)"
        header = Self.align(header, desc, width - 1)
        if header.unicodeScalars.count > width { header = String(String.UnicodeScalarView(header.unicodeScalars.prefix(width))) }
        var out = header + "\n"
        for v in vertices where v.started != nil {
            var name = v.name.replacingTabs()
            if v.canceled { name = "CANCELED " + name } else if v.error != nil { name = "ERROR " + name }
            if v.cached { name = "CACHED " + name }
            out += jobLine(name: name, status: "", seconds: v.duration ?? 0, width: width)
            for s in v.statuses {
                var status = ""
                if s.total != 0 {
                    status = Units.buildKitBytes(s.current) + " / " + Units.buildKitBytes(s.total)
                } else if s.current != 0 {
                    status = Units.buildKitBytes(s.current)
                }
                out += jobLine(name: "=> " + s.id, status: status, seconds: s.duration, width: width)
            }
            for w in v.warnings {
                out += jobLine(name: "WARN: " + w, status: "", seconds: v.duration ?? 0, width: width)
            }
        }
        return out + trailer()
    }

    /// One ` => name [status]   1.2s` line padded so the timer ends at column width-1.
    func jobLine(name: String, status: String, seconds: Double, width: Int) -> String {
        let prefix = " => "
        let timer = " " + Units.buildKitSeconds(seconds < 0.05 ? 0 : seconds)
        var left = width - prefix.count - (timer.count + 1) - 1
        var showStatus = false
        if !status.isEmpty, left + status.count > 20 {
            showStatus = true
            left -= status.count + 1
        }
        // Too narrow to show progress: BuildKit skips the line.
        guard left >= 12 else { return "" }
        var shown = name
        if shown.unicodeScalars.count > left {
            shown = String(String.UnicodeScalarView(shown.unicodeScalars.prefix(left)))
        }
        var line = prefix + shown
        if showStatus { line += " " + status }
        return Self.align(line, timer, width - 1) + "\n"
    }

    /// BuildKit's `align`: `l` padded to `w - len(r) - 1`, a space, then `r` (never a
    /// negative pad).
    static func align(_ l: String, _ r: String, _ w: Int) -> String {
        GoFormat.padRight(l, w - r.unicodeScalars.count - 1) + " " + r
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
