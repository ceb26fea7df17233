import Foundation

/// Number formatting with Go's `fmt` semantics, which Docker's output is built from.
///
/// Go's `%g`/`%f`/`%e` verbs round exactly like C's printf (correctly rounded decimal), so the
/// C formatter is used for digits; Go-specific spelling (exponent, infinities) is identical
/// for the finite values the CLI prints.
public enum GoFormat {
    /// Go `%.{precision}g`: `precision` significant digits, trailing zeros dropped, exponent
    /// form (`1e+03`) when the rounded exponent is < -4 or >= precision.
    public static func g(_ value: Double, precision: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return String(format: "%.\(max(precision, 0))g", value)
    }

    /// Go `%.{precision}f`.
    public static func f(_ value: Double, precision: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return String(format: "%.\(max(precision, 0))f", value)
    }

    private static func nonFinite(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        return value < 0 ? "-Inf" : "+Inf"
    }

    /// Go `strconv.Quote` (what `%q` prints for a string): double quotes, `\"` and `\\`
    /// escaped, control characters as `\n`, `\t`, `\x1b`..., printable Unicode kept as is.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F {
                    out += "\\x" + hex(v, width: 2)
                } else if (0x80...0x9F).contains(v) || v == 0xAD || (0xFFF9...0xFFFB).contains(v)
                    || (0x2028...0x2029).contains(v) || v == 0xFEFF {
                    out += "\\u" + hex(v, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Left-justifies `s` in a field of `width` runes (Go `%-*s`). Never pads negatively.
    public static func padRight(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }

    /// Right-justifies `s` in a field of `width` runes (Go `%*s`).
    public static func padLeft(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        return n >= width ? s : String(repeating: " ", count: width - n) + s
    }
}
