/// Go's `strings.ToLower`: per-rune simple case mapping. Swift's `lowercased()` applies full
/// mappings (`İ` becomes two scalars), and the lower-case checks must agree with Go's even on
/// non-ASCII input, e.g. the Kelvin sign lower-cases to ASCII `k`.
func goLowercased(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
        if scalar.isASCII {
            let v = scalar.value
            out.append((0x41...0x5A).contains(v) ? Unicode.Scalar(UInt8(v + 0x20)) : scalar)
        } else if scalar.value == 0x130 {
            // LATIN CAPITAL LETTER I WITH DOT ABOVE: the simple mapping is plain `i`.
            out.append("i")
        } else {
            let mapped = scalar.properties.lowercaseMapping.unicodeScalars
            if mapped.count == 1, let only = mapped.first { out.append(only) } else { out.append(scalar) }
        }
    }
    return String(out)
}

extension String {
    /// The byte offset of the first `separator`, like Go's `strings.Index` for a one-byte string.
    func splitOnce(_ separator: UInt8) -> (String, String)? {
        let bytes = utf8
        guard let i = bytes.firstIndex(of: separator) else { return nil }
        return (String(self[..<i]), String(self[bytes.index(after: i)...]))
    }
}
