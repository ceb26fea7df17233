extension BuildProgressView {
    /// `--progress=plain`: the text BuildKit writes (to stderr) for the whole build, followed
    /// by the error block, the warnings summary and the `ERROR:` line when relevant.
    public func renderPlain() -> String {
        var out = "#0 building with \"\(builderName)\" instance using \(driver) driver\n"
        for (index, v) in vertices.enumerated() where v.started != nil {
            let n = v.number ?? index + 1
            out += "\n#\(n) \(v.name)\n"
            // BuildKit reports build checks once the definition is read, after its transfer.
            for s in v.statuses { out += "#\(n) \(Self.plainStatus(s))\n" }
            for w in v.warnings { out += "#\(n) WARN: \(w)\n" }
            for l in v.logs {
                for line in l.text.split(separator: "\n", omittingEmptySubsequences: false) {
                    out += "#\(n) \(Units.logTimePrefix(l.offset)) \(line)\n"
                }
            }
            guard let duration = v.duration else { continue }
            if v.canceled {
                out += "#\(n) CANCELED\n"
            } else if let error = v.error {
                out += "#\(n) ERROR: \(error)\n"
            } else if v.cached {
                out += "#\(n) CACHED\n"
            } else {
                out += "#\(n) DONE \(Units.buildKitSeconds(duration))\n"
            }
        }
        return out + trailer()
    }

    /// `transferring context: 1.24kB 0.1s done`: byte counts, time over 0.01 s, `done`.
    static func plainStatus(_ s: Status) -> String {
        var line = s.id
        if s.total != 0 {
            line += " " + Units.buildKitBytes(s.current) + " / " + Units.buildKitBytes(s.total)
        } else if s.current != 0 {
            line += " " + Units.buildKitBytes(s.current)
        }
        if s.started != nil, s.duration > 0.01 { line += " " + Units.buildKitSeconds(s.duration) }
        if s.completed { line += " done" }
        return line
    }

    /// What follows the progress display in both modes: failed steps' logs, the warnings
    /// summary, the Dockerfile excerpt and the final error line (buildx 0.29 wording).
    func trailer() -> String {
        var out = ""
        for v in vertices where v.error != nil && !v.canceled {
            out += "------\n > \(v.name):\n"
            for l in v.logs.suffix(errorLogLines) {
                for line in l.text.split(separator: "\n", omittingEmptySubsequences: false) {
                    out += "\(Units.logTimePrefix(l.offset)) \(line)\n"
                }
            }
            out += "------\n"
        }
        if !warnings.isEmpty {
            let count = warnings.count
            out += "\n \(count) warning\(count == 1 ? "" : "s") found (use docker --debug to expand):\n"
            for w in warnings { out += " - \(w.text)\n" }
        }
        if let failure {
            if let text = failure.dockerfileText, let range = failure.lines {
                out += Self.excerpt(name: failure.dockerfileName, text: text, lines: range)
            }
            out += "ERROR: failed to build: failed to solve: \(failure.message)\n"
        }
        return out
    }

    /// BuildKit's source excerpt: `Dockerfile:4`, a rule, ` %3d | >>> line` rows with two
    /// lines of context each side for a one-line range (one for longer ranges), a rule.
    public static func excerpt(name: String, text: String, lines range: ClosedRange<Int>) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard range.lowerBound >= 1, range.lowerBound <= lines.count else { return "" }
        var start = range.lowerBound
        var end = min(range.upperBound, lines.count)
        let pad = start == end ? 4 : 2
        var p = 0
        while p < pad {
            if start > 1 { start -= 1; p += 1 }
            if end != lines.count { end += 1; p += 1 }
            p += 1
        }
        let rule = String(repeating: "-", count: 20)
        var out = "\(name):\(range.lowerBound)\n\(rule)\n"
        for i in start...end {
            let marker = range.contains(i) ? ">>>" : "   "
            out += " " + GoFormat.padLeft(String(i), 3) + " | " + marker + " " + lines[i - 1] + "\n"
        }
        return out + rule + "\n"
    }
}
