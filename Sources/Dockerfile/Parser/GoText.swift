// Byte- and rune-level helpers that reproduce the Go standard library functions BuildKit's
// parser relies on (`unicode.IsSpace`, `utf8.DecodeRune`, `strings.TrimSpace`, `%q`), so that
// our results match BuildKit byte for byte, including its quirks.

/// Go's `unicode.IsSpace` for a rune.
@inline(__always)
func goIsSpace(_ v: UInt32) -> Bool {
    switch v {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true
    default:
        return false
    }
}

/// Go's `unicode.IsSpace(rune(b))` applied to a single byte, as BuildKit does in its
/// byte-wise loops (so the UTF-8 continuation bytes 0x85 and 0xA0 count as spaces).
@inline(__always)
func goIsSpaceByte(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0x85 || b == 0xA0
}

/// The replacement character's UTF-8 encoding, what Go produces for an invalid byte.
let runeErrorBytes: [UInt8] = [0xEF, 0xBF, 0xBD]

/// Go's `utf8.DecodeRune`: the rune at `i` and its width; invalid input gives (U+FFFD, 1).
@inline(__always)
func goDecodeRune(_ b: [UInt8], _ i: Int, _ end: Int) -> (UInt32, Int) {
    let b0 = b[i]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    if b0 < 0xC2 { return (0xFFFD, 1) }
    if b0 < 0xE0 {
        guard i + 1 < end, b[i + 1] & 0xC0 == 0x80 else { return (0xFFFD, 1) }
        return ((UInt32(b0 & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2)
    }
    if b0 < 0xF0 {
        guard i + 2 < end else { return (0xFFFD, 1) }
        let b1 = b[i + 1], b2 = b[i + 2]
        let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
        let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
        guard b1 >= lo, b1 <= hi, b2 & 0xC0 == 0x80 else { return (0xFFFD, 1) }
        return ((UInt32(b0 & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F), 3)
    }
    if b0 < 0xF5 {
        guard i + 3 < end else { return (0xFFFD, 1) }
        let b1 = b[i + 1], b2 = b[i + 2], b3 = b[i + 3]
        let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
        let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
        guard b1 >= lo, b1 <= hi, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return (0xFFFD, 1) }
        return ((UInt32(b0 & 0x07) << 18) | (UInt32(b1 & 0x3F) << 12) | (UInt32(b2 & 0x3F) << 6) | UInt32(b3 & 0x3F), 4)
    }
    return (0xFFFD, 1)
}

/// Appends the UTF-8 encoding of a rune (Go's `string(rune)`; invalid values give U+FFFD).
@inline(__always)
func appendRune(_ v: UInt32, to out: inout [UInt8]) {
    if v < 0x80 {
        out.append(UInt8(v))
    } else if v < 0x800 {
        out.append(UInt8(0xC0 | (v >> 6)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
        if v >= 0xD800 && v <= 0xDFFF { out.append(contentsOf: runeErrorBytes); return }
        out.append(UInt8(0xE0 | (v >> 12)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    } else if v <= 0x10FFFF {
        out.append(UInt8(0xF0 | (v >> 18)))
        out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    } else {
        out.append(contentsOf: runeErrorBytes)
    }
}

/// Index of the first byte after leading Unicode white space in `b[start..<end]`.
func goTrimLeftSpace(_ b: [UInt8], _ start: Int, _ end: Int) -> Int {
    var i = start
    while i < end {
        let c = b[i]
        if c < 0x80 {
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) { i += 1; continue }
            return i
        }
        let (r, w) = goDecodeRune(b, i, end)
        if goIsSpace(r) { i += w } else { return i }
    }
    return i
}

/// End index after dropping trailing Unicode white space from `b[start..<end]`.
func goTrimRightSpace(_ b: [UInt8], _ start: Int, _ end: Int) -> Int {
    var e = end
    while e > start {
        let c = b[e - 1]
        if c < 0x80 {
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) { e -= 1; continue }
            return e
        }
        // Find the start of the last rune (at most 4 bytes back).
        var s = e - 1
        while s > start && e - s < 4 && b[s] & 0xC0 == 0x80 { s -= 1 }
        let (r, w) = goDecodeRune(b, s, e)
        if s + w == e && goIsSpace(r) { e = s } else { return e }
    }
    return e
}

/// Go's `strings.TrimSpace` as an index range.
@inline(__always)
func goTrimSpace(_ b: [UInt8], _ start: Int, _ end: Int) -> Range<Int> {
    let s = goTrimLeftSpace(b, start, end)
    if s == end { return end..<end }
    return s..<goTrimRightSpace(b, s, end)
}

/// `[\t\v\f\r ]`, the class of BuildKit's `reWhitespace`.
@inline(__always)
func isReWhitespace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C || c == 0x0D
}

/// Decodes bytes as UTF-8, replacing invalid sequences (what Python does with Go's strings).
@inline(__always)
func makeString(_ b: ArraySlice<UInt8>) -> String {
    String(decoding: b, as: UTF8.self)
}

@inline(__always)
func makeString(_ b: [UInt8]) -> String {
    String(decoding: b, as: UTF8.self)
}

/// Go's `%q` formatting of a string (`strconv.Quote`): control characters as `\n`, `\x1b`,
/// the invisible format characters Go does not print as `\u…`, the rest kept. The one copy
/// the Dockerfile parser, the builder's history strings and the CLI's templates share.
public func goQuote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
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
            if u.value < 0x20 || u.value == 0x7F {
                out += "\\x" + hex(u.value, width: 2)
            } else if (u.value >= 0x80 && u.value < 0xA0) || u.value == 0xAD || u.value == 0xFEFF
                        || (u.value >= 0x2028 && u.value <= 0x202E) || (u.value >= 0x2066 && u.value <= 0x2069)
                        || (u.value >= 0xFFF9 && u.value <= 0xFFFB) {
                out += u.value > 0xFFFF ? "\\U" + hex(u.value, width: 8) : "\\u" + hex(u.value, width: 4)
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}

func hex(_ v: UInt32, width: Int) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}
