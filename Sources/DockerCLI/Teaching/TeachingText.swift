import Engine

/// Plain-text helpers for the teaching views: fitting to a width, wrapping, colour.
enum TeachingText {
    /// The narrowest layout the views plan for; anything narrower is laid out as if this wide
    /// (lines may then wrap in the terminal, but nothing is cut to a negative width).
    static let minimumWidth = 24

    static func clampWidth(_ width: Int) -> Int { max(minimumWidth, width) }

    static func paint(_ text: String, _ sgr: String, _ colour: Bool) -> String {
        colour ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        let w = DisplayWidth.of(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        let w = DisplayWidth.of(text)
        return w >= width ? text : String(repeating: " ", count: width - w) + text
    }

    static func fit(_ text: String, _ width: Int) -> String {
        DisplayWidth.ellipsis(text, maxWidth: max(1, width))
    }

    /// Word-wraps `text` to `width`, the first line after `first`, later ones after `rest`.
    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var lines: [String] = []
        var current = first
        var currentHasWord = false
        for word in words {
            let candidate = currentHasWord ? current + " " + word : current + word
            if currentHasWord && DisplayWidth.of(candidate) > width {
                lines.append(current)
                current = rest + word
            } else {
                current = candidate
            }
            currentHasWord = true
        }
        if currentHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Simulated seconds: `0.4s`, `12.3s`, `2m03.5s`.
    static func seconds(_ s: Double) -> String {
        let value = max(0, s)
        if value < 60 { return formatOneDecimal(value) + "s" }
        let minutes = Int(value / 60)
        let rest = value - Double(minutes * 60)
        let restText = formatOneDecimal(rest)
        return "\(minutes)m" + (rest < 10 ? "0" : "") + restText + "s"
    }

    static func formatOneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func size(_ bytes: Int64?) -> String {
        guard let bytes else { return "-" }
        return Units.imageSize(bytes)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var teachingTrimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
