import Engine

/// The layer stack as a picture: a standalone SVG (no external fonts, scripts or images;
/// large type and strong colours for a projector) and a single self-contained HTML page with
/// the same picture and the explanation text. Each layer is one `<g class="layer">` element
/// carrying `data-step`, `data-status` and the labels as text.
public enum TeachingExport {
    /// One bar of the picture.
    public struct Bar: Hashable, Sendable {
        public var number: Int
        public var text: String
        public var size: String
        public var status: LayerStatus
        /// Words after the symbol (`reused from cache`, or `+3 files, wasted 36.1MB`).
        public var label: String
        /// Optional stage heading shown left of the bar.
        public var stage: String?
    }

    /// What to draw.
    public struct Picture: Hashable, Sendable {
        public var title: String
        public var bars: [Bar]
        /// Lines under the picture (summary, reason).
        public var footer: [String]
        public var legend: [LayerStatus]
    }

    /// The last build's layer stack.
    public static func picture(_ result: BuildResult, engine: EngineState) -> Picture {
        let e = BuildExplanation(result, engine: engine)
        let name = e.tags.first ?? e.imageID?.short ?? "build"
        let bars = e.rows.map { Bar(number: $0.number, text: $0.text, size: TeachingText.size($0.size), status: $0.status, label: $0.status.label, stage: $0.stage) }
        var footer = ["\(e.reusedCount) steps reused, \(e.rebuiltCount) rebuilt · \(Units.imageSize(e.newLayerBytes)) of new layers",
                      "took \(TeachingText.seconds(e.duration)); a cold build takes \(TeachingText.seconds(e.coldDuration)); the cache saved \(TeachingText.seconds(e.saved))"]
        for reason in e.reasons.prefix(2) {
            footer.append("Why: " + reason.title)
            footer += reason.details.prefix(4).map { "   " + $0.teachingTrimmed }
        }
        return Picture(title: "Layer stack of \(name)" + (e.failed ? " (failed build)" : ""), bars: bars, footer: footer, legend: LayerStatus.allCases.filter { s in bars.contains { $0.status == s } })
    }

    /// An image's layers (`export svg FILE IMAGE`).
    public static func picture(layers analysis: ImageLayers) -> Picture {
        let bars = analysis.layers.map { layer -> Bar in
            var label = "+\(layer.changes.filter { $0.mark == .added }.reduce(0) { $0 + $1.files })"
                + " ~\(layer.changes.filter { $0.mark == .changed }.reduce(0) { $0 + $1.files })"
                + " -\(layer.changes.filter { $0.mark == .deleted }.reduce(0) { $0 + $1.files })"
            if layer.wasted > 0 { label += ", wasted \(Units.imageSize(layer.wasted))" }
            return Bar(number: layer.number, text: TeachingViews.readable(layer.createdBy), size: Units.imageSize(layer.size), status: .reused, label: label, stage: nil)
        }
        let footer = ["\(analysis.layers.count) layers, \(Units.imageSize(analysis.totalSize)); wasted: \(Units.imageSize(analysis.wasted)) (files hidden by later layers still take space)"]
        return Picture(title: "Layers of \(analysis.name)", bars: bars, footer: footer, legend: [])
    }

    // MARK: SVG

    static let width = 1280
    static let barHeight = 48
    static let gap = 8
    static let margin = 32

    /// A standalone SVG document.
    public static func svg(_ picture: Picture) -> String {
        let top = margin + 56
        let barsHeight = picture.bars.count * (barHeight + gap)
        let legendTop = top + barsHeight + 16
        let legendHeight = picture.legend.isEmpty ? 0 : 40
        let footerTop = legendTop + legendHeight + 16
        let height = footerTop + picture.footer.count * 28 + margin
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace">
        <title>\(escape(picture.title))</title>
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>
        <text x="\(margin)" y="\(margin + 28)" font-size="30" font-weight="bold" fill="#111111">\(escape(picture.title))</text>
        <text x="\(width - margin)" y="\(margin + 28)" font-size="18" fill="#444444" text-anchor="end">newest on top</text>

        """
        let textChars = 48
        for (index, bar) in picture.bars.reversed().enumerated() {
            let y = top + index * (barHeight + gap)
            let fill = picture.legend.isEmpty ? "#eef2f7" : bar.status.fill
            let stroke = picture.legend.isEmpty ? "#334155" : bar.status.stroke
            let symbol = picture.legend.isEmpty ? "" : "\(bar.status.symbol) "
            out += "<g class=\"layer\" data-step=\"\(bar.number)\" data-status=\"\(bar.status.rawValue)\">\n"
            out += "  <rect x=\"\(margin)\" y=\"\(y)\" width=\"\(width - 2 * margin)\" height=\"\(barHeight)\" rx=\"6\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(bar.status == .rebuiltChanged ? 4 : 2)\"/>\n"
            out += "  <text x=\"\(margin + 14)\" y=\"\(y + 32)\" font-size=\"22\" font-weight=\"bold\" fill=\"#111111\">\(bar.number)</text>\n"
            out += "  <text x=\"\(margin + 64)\" y=\"\(y + 32)\" font-size=\"22\" fill=\"#111111\">\(escape(symbol + DisplayWidth.ellipsis(bar.text, maxWidth: textChars)))</text>\n"
            out += "  <text x=\"\(margin + 790)\" y=\"\(y + 32)\" font-size=\"22\" fill=\"#111111\" text-anchor=\"end\">\(escape(bar.size))</text>\n"
            out += "  <text x=\"\(margin + 810)\" y=\"\(y + 32)\" font-size=\"17\" fill=\"\(stroke)\">\(escape(DisplayWidth.ellipsis(bar.label, maxWidth: 38)))</text>\n"
            out += "</g>\n"
        }
        var x = margin
        for status in picture.legend {
            let label = "\(status.symbol) \(status.label)"
            out += "<g class=\"legend\"><rect x=\"\(x)\" y=\"\(legendTop)\" width=\"22\" height=\"22\" fill=\"\(status.fill)\" stroke=\"\(status.stroke)\" stroke-width=\"2\"/>"
            out += "<text x=\"\(x + 30)\" y=\"\(legendTop + 18)\" font-size=\"16\" fill=\"#111111\">\(escape(label))</text></g>\n"
            x += 40 + label.count * 10
        }
        for (index, line) in picture.footer.enumerated() {
            let bold = index < 2 && !picture.legend.isEmpty || line.hasPrefix("Why:")
            out += "<text x=\"\(margin)\" y=\"\(footerTop + 20 + index * 28)\" font-size=\"20\"\(bold ? " font-weight=\"bold\"" : "") fill=\"#111111\" xml:space=\"preserve\">\(escape(DisplayWidth.ellipsis(line, maxWidth: 100)))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// A single self-contained HTML page: the picture inline plus the text.
    public static func html(_ picture: Picture, text: String) -> String {
        let svgBody = svg(picture).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(picture.title))</title>
        <style>
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2rem; color: #111; background: #fff; }
        svg { max-width: 100%; height: auto; }
        pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 1.1rem; background: #f6f8fa; padding: 1rem; overflow-x: auto; }
        </style>
        </head>
        <body>
        <h1>\(escape(picture.title))</h1>
        \(svgBody)
        <h2>Explanation</h2>
        <pre>\(escape(text))</pre>
        <p>Made by Dockyard, a Docker simulator for learning.</p>
        </body>
        </html>

        """
    }

    /// XML text and attribute escaping; control characters that XML 1.0 forbids are dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += " "
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\r" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
