/// How lesson text is drawn on a terminal.
public struct RenderOptions: Hashable, Sendable {
    /// Columns to wrap prose at (code blocks are never wrapped).
    public var width: Int
    /// ANSI colours and styles; off for NO_COLOR, --no-color or a non-terminal.
    public var color: Bool
    public init(width: Int = 80, color: Bool = false) {
        self.width = max(20, width)
        self.color = color
    }
}

/// Renders the Markdown subset lessons use (headings, paragraphs, lists, block quotes,
/// emphasis, inline code, links, fenced code) for a terminal. Machine blocks (setup, check,
/// hint, solution) are never shown: hints and solutions appear only on request.
public enum MarkdownRenderer {
    enum ANSI {
        static let reset = "\u{1B}[0m"
        static let bold = "\u{1B}[1m"
        static let italic = "\u{1B}[3m"
        static let code = "\u{1B}[36m"
        static let heading = "\u{1B}[1;34m"
        static let quote = "\u{1B}[2m"
    }

    public static func render(_ markdown: String, options: RenderOptions) -> String {
        var output: [String] = []
        let lines = LessonParser.splitLines(markdown)
        var paragraph: [String] = []
        var index = 0

        func flush() {
            guard !paragraph.isEmpty else { return }
            output += wrap(paragraph.joined(separator: " "), options: options, first: "", rest: "")
            paragraph = []
        }
        func blank() {
            if let last = output.last, !last.isEmpty { output.append("") }
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingLeadingSpaces()
            if let fence = openingFence(line) {
                flush()
                var body: [String] = []
                index += 1
                while index < lines.count, !closesFence(lines[index], fence) {
                    body.append(lines[index])
                    index += 1
                }
                index += 1
                let kind = fence.info.split(separator: " ").first.map(String.init) ?? ""
                if LessonParser.machineBlocks.contains(kind) { continue }
                blank()
                output += codeBlock(body, options: options)
                output.append("")
                continue
            }
            index += 1
            if trimmed.isEmpty {
                flush()
                blank()
            } else if let level = headingLevel(trimmed) {
                flush()
                blank()
                let text = String(trimmed.dropFirst(level)).trimmingLeadingSpaces()
                output += heading(text, level: level, options: options)
                output.append("")
            } else if let (marker, text) = listItem(trimmed) {
                flush()
                var item = text
                while index < lines.count, lines[index].hasPrefix("  "), listItem(lines[index].trimmingLeadingSpaces()) == nil,
                      !lines[index].trimmingLeadingSpaces().isEmpty {
                    item += " " + lines[index].trimmingLeadingSpaces()
                    index += 1
                }
                let bullet = marker == "-" || marker == "*" || marker == "+" ? (options.color ? "•" : "-") : marker
                let indent = String(repeating: " ", count: bullet.count + 3)
                output += wrap(item, options: options, first: "  " + bullet + " ", rest: indent)
            } else if trimmed.hasPrefix(">") {
                flush()
                var quote = String(trimmed.dropFirst()).trimmingLeadingSpaces()
                while index < lines.count, lines[index].trimmingLeadingSpaces().hasPrefix(">") {
                    quote += " " + String(lines[index].trimmingLeadingSpaces().dropFirst()).trimmingLeadingSpaces()
                    index += 1
                }
                let bar = options.color ? ANSI.quote + "│" + ANSI.reset + " " : "| "
                output += wrap(quote, options: options, first: bar, rest: bar, prefixWidth: 2)
            } else if trimmed.allSatisfy({ $0 == "-" || $0 == "*" || $0 == "_" }) && trimmed.count >= 3 {
                flush()
                output.append(String(repeating: "─", count: min(options.width, 40)))
            } else {
                paragraph.append(trimmed)
            }
        }
        flush()
        while output.last == "" { output.removeLast() }
        return output.joined(separator: "\n")
    }

    static func heading(_ text: String, level: Int, options: RenderOptions) -> [String] {
        let plain = inlineSegments(text).map(\.text).joined()
        // The text is already plain: escape what `wrap` would read as Markdown again.
        let escaped = plain.map { "\\`*_[]()#".contains($0) ? "\\\($0)" : String($0) }.joined()
        let lines = wrap(escaped, options: RenderOptions(width: options.width, color: false), first: "", rest: "")
        if options.color {
            return lines.map { ANSI.heading + $0 + ANSI.reset }
        }
        let underline: Character = level <= 2 ? "=" : "-"
        let width = lines.map(\.count).max() ?? 0
        return lines + [String(repeating: underline, count: width)]
    }

    static func codeBlock(_ body: [String], options: RenderOptions) -> [String] {
        body.map { line in
            if line.isEmpty { return "" }
            return options.color ? "    " + ANSI.code + line + ANSI.reset : "    " + line
        }
    }

    static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " ? hashes : nil
    }

    static func listItem(_ line: String) -> (String, String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (String(first), String(line.dropFirst(2)))
        }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 3 {
            let rest = line.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") {
                return (digits + String(rest.prefix(1)), String(rest.dropFirst(2)))
            }
        }
        return nil
    }

    struct FenceInfo {
        var character: Character
        var length: Int
        var info: String
    }

    static func openingFence(_ line: String) -> FenceInfo? {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix(while: { $0 == first }).count
        guard length >= 3 else { return nil }
        let info = String(rest.dropFirst(length)).trimmingLeadingSpaces()
        if first == "`" && info.contains("`") { return nil }
        return FenceInfo(character: first, length: length, info: info)
    }

    static func closesFence(_ line: String, _ fence: FenceInfo) -> Bool {
        let trimmed = line.trimmingLeadingSpaces().trimmingTrailingSpaces()
        return trimmed.count >= fence.length && trimmed.allSatisfy { $0 == fence.character }
    }

    // MARK: Inline text

    struct Style: OptionSet, Hashable {
        let rawValue: Int
        static let bold = Style(rawValue: 1)
        static let italic = Style(rawValue: 2)
        static let code = Style(rawValue: 4)
    }

    struct Segment: Hashable {
        var text: String
        var style: Style
    }

    /// Splits inline Markdown into styled runs. Unmatched markers are kept as literal text.
    static func inlineSegments(_ text: String) -> [Segment] {
        var segments: [Segment] = []
        let chars = Array(text)
        var i = 0
        var style: Style = []
        var current = ""
        func emit() {
            if !current.isEmpty { segments.append(Segment(text: current, style: style)) }
            current = ""
        }
        func hasClosing(_ marker: [Character], from start: Int) -> Bool {
            var j = start
            while j + marker.count <= chars.count {
                if Array(chars[j..<j + marker.count]) == marker { return j > start }
                j += 1
            }
            return false
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "\\`*_[]()#".contains(chars[i + 1]) {
                current.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "`" {
                let ticks = chars[i...].prefix(while: { $0 == "`" }).count
                let marker = Array(repeating: Character("`"), count: ticks)
                if hasClosing(marker, from: i + ticks) {
                    emit()
                    var j = i + ticks
                    var code = ""
                    while Array(chars[j..<j + ticks]) != marker {
                        code.append(chars[j])
                        j += 1
                    }
                    if ticks > 1 { code = code.trimmingLeadingSpaces().trimmingTrailingSpaces() }
                    segments.append(Segment(text: code, style: style.union(.code)))
                    i = j + ticks
                    continue
                }
            }
            if c == "*" || c == "_" {
                let double = i + 1 < chars.count && chars[i + 1] == c
                let flag: Style = double ? .bold : .italic
                let width = double ? 2 : 1
                // `_` inside a word (snake_case) is not emphasis.
                let inWord = c == "_" && i > 0 && chars[i - 1].isLetter && i + width < chars.count && chars[i + width].isLetter
                if !inWord {
                    if style.contains(flag) {
                        emit()
                        style.remove(flag)
                        i += width
                        continue
                    }
                    let next = i + width < chars.count ? chars[i + width] : " "
                    if next != " ", hasClosing(Array(repeating: c, count: width), from: i + width) {
                        emit()
                        style.insert(flag)
                        i += width
                        continue
                    }
                }
            }
            if c == "[", let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
               let end = chars[(close + 1)...].firstIndex(of: ")") {
                let label = String(chars[(i + 1)..<close])
                let url = String(chars[(close + 2)..<end])
                emit()
                segments += inlineSegments(label).map { Segment(text: $0.text, style: $0.style.union(style)) }
                if url != label { segments.append(Segment(text: " (\(url))", style: style)) }
                i = end + 1
                continue
            }
            current.append(c)
            i += 1
        }
        emit()
        return segments
    }

    /// Greedy word wrap over styled runs; widths count visible characters only.
    static func wrap(_ text: String, options: RenderOptions, first: String, rest: String, prefixWidth: Int? = nil) -> [String] {
        var words: [[Segment]] = [[]]
        for var segment in inlineSegments(text) {
            if segment.style.contains(.code) {
                // Code spans keep their spaces: a command is never broken across lines.
                if !options.color { segment.text = "`" + segment.text + "`" }
                words[words.count - 1].append(segment)
                continue
            }
            var piece = ""
            for c in segment.text {
                if c == " " {
                    if !piece.isEmpty { words[words.count - 1].append(Segment(text: piece, style: segment.style)) }
                    piece = ""
                    if !(words.last?.isEmpty ?? true) { words.append([]) }
                } else {
                    piece.append(c)
                }
            }
            if !piece.isEmpty { words[words.count - 1].append(Segment(text: piece, style: segment.style)) }
        }
        words = words.filter { !$0.isEmpty }
        let firstWidth = prefixWidth ?? first.count
        let restWidth = prefixWidth ?? rest.count
        var lines: [String] = []
        var line = first
        var used = firstWidth
        var lineHasWord = false
        for word in words {
            let visible = word.reduce(0) { $0 + $1.text.count }
            if lineHasWord && used + 1 + visible > options.width {
                lines.append(line)
                line = rest
                used = restWidth
                lineHasWord = false
            }
            if lineHasWord {
                line += " "
                used += 1
            }
            line += word.map { styled($0, options: options) }.joined()
            used += visible
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    static func styled(_ segment: Segment, options: RenderOptions) -> String {
        guard options.color else { return segment.text }
        var codes = ""
        if segment.style.contains(.bold) { codes += ANSI.bold }
        if segment.style.contains(.italic) { codes += ANSI.italic }
        if segment.style.contains(.code) { codes += ANSI.code }
        return codes.isEmpty ? segment.text : codes + segment.text + ANSI.reset
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop(while: { $0 == " " || $0 == "\t" })) }
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
