// Go's `json.NewDecoder(r).Decode(&[]interface{})`, which BuildKit uses to tell exec form from
// shell form. Reproduced here because the details decide the form: only the first JSON value
// is read (text after it is ignored), strings get Go's escape and invalid-UTF-8 handling, a
// number too large for a float64 is a decode error (so the line falls back to shell form),
// and nesting deeper than 10000 is a syntax error.

enum GoJSONArray {
    /// A well-formed array whose elements are all strings.
    case strings([[UInt8]])
    /// A well-formed array with a non-string element (BuildKit rejects the file).
    case notAllStrings
    /// Not decodable: BuildKit falls back to shell form.
    case invalid
}

private enum JSONState {
    case value, valueOrClose, afterValue, key, keyOrClose, colon
}

/// Decodes the JSON array starting at `b[start]` (which must be `[`).
func goDecodeJSONArray(_ b: [UInt8], _ start: Int, _ end: Int) -> GoJSONArray {
    var i = start
    var stack: [Bool] = []  // true: array, false: object
    var strings: [[UInt8]] = []
    var allStrings = true
    var typeError = false
    var state = JSONState.value
    let maxDepth = 10000

    while true {
        while i < end, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        guard i < end else { return .invalid }
        let c = b[i]
        switch state {
        case .value, .valueOrClose:
            if state == .valueOrClose && c == UInt8(ascii: "]") {
                stack.removeLast()
                i += 1
                if stack.isEmpty { return typeError ? .invalid : (allStrings ? .strings(strings) : .notAllStrings) }
                state = .afterValue
                continue
            }
            let topLevelElement = stack.count == 1
            switch c {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if stack.count >= maxDepth { return .invalid }
                if topLevelElement { allStrings = false }
                stack.append(c == UInt8(ascii: "["))
                i += 1
                state = c == UInt8(ascii: "[") ? .valueOrClose : .keyOrClose
            case UInt8(ascii: "\""):
                guard let (s, next) = scanString(b, i, end) else { return .invalid }
                if topLevelElement { strings.append(s) }
                i = next
                state = .afterValue
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let next = scanNumber(b, i, end) else { return .invalid }
                if topLevelElement { allStrings = false }
                let text = String(decoding: b[i..<next], as: UTF8.self)
                if let d = Double(text), d.isInfinite { typeError = true }
                i = next
                state = .afterValue
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let word: [UInt8] = c == UInt8(ascii: "t") ? Array("true".utf8) : c == UInt8(ascii: "f") ? Array("false".utf8) : Array("null".utf8)
                guard i + word.count <= end, Array(b[i..<(i + word.count)]) == word else { return .invalid }
                if topLevelElement { allStrings = false }
                i += word.count
                state = .afterValue
            default:
                return .invalid
            }
        case .afterValue:
            guard let isArray = stack.last else { return .invalid }
            if c == UInt8(ascii: ",") {
                i += 1
                state = isArray ? .value : .key
            } else if (isArray && c == UInt8(ascii: "]")) || (!isArray && c == UInt8(ascii: "}")) {
                stack.removeLast()
                i += 1
                if stack.isEmpty { return typeError ? .invalid : (allStrings ? .strings(strings) : .notAllStrings) }
                state = .afterValue
            } else {
                return .invalid
            }
        case .key, .keyOrClose:
            if state == .keyOrClose && c == UInt8(ascii: "}") {
                stack.removeLast()
                i += 1
                if stack.isEmpty { return .invalid }
                state = .afterValue
                continue
            }
            guard c == UInt8(ascii: "\""), let (_, next) = scanString(b, i, end) else { return .invalid }
            i = next
            state = .colon
        case .colon:
            guard c == UInt8(ascii: ":") else { return .invalid }
            i += 1
            state = .value
        }
    }
}

@inline(__always)
private func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
    default: return nil
    }
}

private func u4(_ b: [UInt8], _ i: Int, _ end: Int) -> UInt32? {
    guard i + 6 <= end, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { return nil }
    var v: UInt32 = 0
    for k in 2..<6 {
        guard let h = hexValue(b[i + k]) else { return nil }
        v = v << 4 | h
    }
    return v
}

/// Scans and unquotes a JSON string starting at the opening quote; returns the decoded
/// bytes and the index after the closing quote.
private func scanString(_ b: [UInt8], _ start: Int, _ end: Int) -> ([UInt8], Int)? {
    var out: [UInt8] = []
    var i = start + 1
    while i < end {
        let c = b[i]
        if c == UInt8(ascii: "\"") { return (out, i + 1) }
        if c < 0x20 { return nil }
        if c == UInt8(ascii: "\\") {
            guard i + 1 < end else { return nil }
            let e = b[i + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e); i += 2
            case UInt8(ascii: "b"): out.append(0x08); i += 2
            case UInt8(ascii: "f"): out.append(0x0C); i += 2
            case UInt8(ascii: "n"): out.append(0x0A); i += 2
            case UInt8(ascii: "r"): out.append(0x0D); i += 2
            case UInt8(ascii: "t"): out.append(0x09); i += 2
            case UInt8(ascii: "u"):
                guard var r = u4(b, i, end) else { return nil }
                i += 6
                if r >= 0xD800 && r <= 0xDFFF {
                    if r <= 0xDBFF, let r2 = u4(b, i, end), r2 >= 0xDC00, r2 <= 0xDFFF {
                        r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00)
                        i += 6
                    } else {
                        r = 0xFFFD
                    }
                }
                appendRune(r, to: &out)
            default:
                return nil
            }
            continue
        }
        if c < 0x80 {
            out.append(c)
            i += 1
        } else {
            let (r, w) = goDecodeRune(b, i, end)
            if r == 0xFFFD && w == 1 {
                out.append(contentsOf: runeErrorBytes)
            } else {
                out.append(contentsOf: b[i..<(i + w)])
            }
            i += w
        }
    }
    return nil
}

/// Scans a JSON number; returns the index after it.
private func scanNumber(_ b: [UInt8], _ start: Int, _ end: Int) -> Int? {
    var i = start
    @inline(__always) func isDigit(_ k: Int) -> Bool { k < end && b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9") }
    if b[i] == UInt8(ascii: "-") { i += 1 }
    guard isDigit(i) else { return nil }
    if b[i] == UInt8(ascii: "0") {
        i += 1
    } else {
        while isDigit(i) { i += 1 }
    }
    if i < end && b[i] == UInt8(ascii: ".") {
        i += 1
        guard isDigit(i) else { return nil }
        while isDigit(i) { i += 1 }
    }
    if i < end && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
        i += 1
        if i < end && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
        guard isDigit(i) else { return nil }
        while isDigit(i) { i += 1 }
    }
    return i
}
