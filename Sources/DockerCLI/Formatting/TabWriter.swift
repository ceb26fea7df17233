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

        // Go computes widths recursively, column by column, within the parent column's
        // block. Cells are prefixes (a line with a cell in column c has one in c-1), so a
        // block of column c is simply a maximal run of consecutive lines that have a cell
        // there; computing those runs per column gives the same widths without recursion.
        var widths = lines.map { [Int](repeating: 0, count: max(0, $0.count - 1)) }
        let columns = lines.map { $0.count - 1 }.max() ?? 0
        for column in 0..<max(columns, 0) {
            var i = 0
            while i < lines.count {
                guard column < lines[i].count - 1 else { i += 1; continue }
                var end = i
                var width = minWidth
                while end < lines.count, column < lines[end].count - 1 {
                    width = max(width, lines[end][column].width + padding)
                    end += 1
                }
                for k in i..<end { widths[k][column] = width }
                i = end
            }
        }
        var out = ""
        for (i, line) in lines.enumerated() {
            for (j, cell) in line.enumerated() {
                out += cell.text
                if j < widths[i].count { out += padding(text: cell.width, cell: widths[i][j]) }
            }
            if i + 1 < lines.count { out += "\n" }
        }
        return out
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
}
