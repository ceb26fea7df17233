import Dockerfile
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

    /// Go `strconv.Quote` (what `%q` prints for a string); the Dockerfile module's copy.
    public static func quote(_ s: String) -> String { goQuote(s) }

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
