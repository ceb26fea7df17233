/// Terminal display widths (a small `go-runewidth`): East Asian wide and fullwidth characters
/// take two columns, combining marks and zero-width characters none.
public enum DisplayWidth {
    /// Columns one Unicode scalar occupies.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || v == 0x200B || v == 0x200C || v == 0x200D || v == 0xFEFF { return 0 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v)
            || (0x3041...0x33FF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) { return 2 }
        return 1
    }

    /// Columns a string occupies.
    public static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// docker/cli `formatter.Ellipsis`: if `s` is wider than `maxWidth` columns, keep what fits
    /// in `maxWidth - 1` columns and append `…`.
    public static func ellipsis(_ s: String, maxWidth: Int) -> String {
        if maxWidth <= 0 { return "" }
        let scalars = Array(s.unicodeScalars)
        guard of(s) > maxWidth else { return s }
        if maxWidth == 1 { return scalars.first.map { String($0) } ?? "" }
        var out = String.UnicodeScalarView()
        var width = 0
        for scalar in scalars {
            let w = of(scalar)
            if width + w > maxWidth - 1 { break }
            width += w
            out.append(scalar)
        }
        return String(out) + "…"
    }
}
