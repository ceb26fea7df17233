/// A port of Go's `text/tabwriter` (no flags set), the engine behind every Docker table.
///
/// Cells are tab-terminated; the text after a line's last tab is not part of any column.
/// A column block is a run of consecutive lines that all have a cell in that column; its
/// width is the widest cell + `padding`, at least `minWidth`. Widths count runes (Unicode
/// scalars), as Go does. Cells are padded with `padChar`; the last cell of a line is never
/// padded, so a row whose last cell is empty keeps the previous cell's trailing spaces.
public struct TabWriter: Sendable {
    public var minWidth: Int
    public var tabWidth: Int
    public var padding: Int
    public var padChar: Character

    /// Docker's settings: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`.
    public static let docker = TabWriter(minWidth: 10, tabWidth: 1, padding: 3, padChar: " ")

    public init(minWidth: Int, tabWidth: Int, padding: Int, padChar: Character) {
        self.minWidth = minWidth
        self.tabWidth = tabWidth
        self.padding = padding
        self.padChar = padChar
    }

    private struct Cell {
        var text: String
        var width: Int
    }

    /// Aligns `text` (tab-separated cells, newline-separated lines) as `Flush` would.
    public func format(_ text: String) -> String {
        var lines: [[Cell]] = []
        var current: [Cell] = []
        var cellText = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\t":
                current.append(Cell(text: cellText, width: cellText.unicodeScalars.count))
                cellText = ""
            case "\n":
                current.append(Cell(text: cellText, width: cellText.unicodeScalars.count))
                cellText = ""
                lines.append(current)
                current = []
            default:
                cellText.unicodeScalars.append(ch)
            }
        }
        // The unterminated last line (possibly empty) is kept, as tabwriter keeps it on Flush.
        current.append(Cell(text: cellText, width: cellText.unicodeScalars.count))
        lines.append(current)

        var out = ""
        var widths: [Int] = []
        formatBlock(lines: lines, line0: 0, line1: lines.count, widths: &widths, out: &out)
        return out
    }

    /// Go's recursive `format`; recursion depth is bounded by the number of columns, which
    /// is itself bounded by the input, and each level strictly increases the column index.
    private func formatBlock(lines: [[Cell]], line0 start: Int, line1: Int, widths: inout [Int], out: inout String) {
        var line0 = start
        let column = widths.count
        var this = line0
        while this < line1 {
            if column >= lines[this].count - 1 { this += 1; continue }
            writeLines(lines: lines, from: line0, to: this, widths: widths, out: &out)
            line0 = this
            var width = minWidth
            while this < line1 {
                let line = lines[this]
                if column >= line.count - 1 { break }
                width = max(width, line[column].width + padding)
                this += 1
            }
            widths.append(width)
            formatBlock(lines: lines, line0: line0, line1: this, widths: &widths, out: &out)
            widths.removeLast()
            line0 = this
        }
        writeLines(lines: lines, from: line0, to: line1, widths: widths, out: &out)
    }

    /// Go's `writePadding`: spaces (or any char) fill the cell exactly; a tab pad character
    /// rounds the cell up to a multiple of `tabWidth` and fills it with tabs.
    private func padding(text: Int, cell: Int) -> String {
        if padChar == "\t" {
            guard tabWidth > 0 else { return "" }
            let rounded = (cell + tabWidth - 1) / tabWidth * tabWidth
            let n = rounded - text
            return n > 0 ? String(repeating: "\t", count: (n + tabWidth - 1) / tabWidth) : ""
        }
        let n = cell - text
        return n > 0 ? String(repeating: padChar, count: n) : ""
    }

    private func writeLines(lines: [[Cell]], from: Int, to: Int, widths: [Int], out: inout String) {
        guard from < to else { return }
        for i in from..<to {
            let line = lines[i]
            for (j, cell) in line.enumerated() {
                out += cell.text
                if j < widths.count { out += padding(text: cell.width, cell: widths[j]) }
            }
            if i + 1 < lines.count { out += "\n" }
        }
    }
}
