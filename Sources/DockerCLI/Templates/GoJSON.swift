/// JSON text as Go's `encoding/json` writes it: compact by default, HTML-safe escaping
/// (`<`, `>`, `&` become `\u003c`, `\u003e`, `\u0026`), maps with sorted keys, structs in
/// field order. `indented` reproduces `json.Indent` / `MarshalIndent` layout, which
/// `docker inspect` prints with a four-space indent.
public enum GoJSON {
    /// Compact encoding (`json.Marshal`), as the `{{json .X}}` template function prints it.
    public static func compact(_ value: TemplateValue) -> String {
        var out = ""
        write(value, indent: nil, level: 0, into: &out)
        return out
    }

    /// Indented encoding with `prefix` "" and the given indent.
    public static func indented(_ value: TemplateValue, indent: String = "    ") -> String {
        var out = ""
        write(value, indent: indent, level: 0, into: &out)
        return out
    }

    /// The quoted JSON string literal for `s`.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func newline(_ indent: String?, _ level: Int, _ out: inout String) {
        guard let indent else { return }
        out += "\n" + String(repeating: indent, count: level)
    }

    private static func write(_ value: TemplateValue, indent: String?, level: Int, into out: inout String) {
        switch value {
        case .string(let s): out += quote(s)
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? GoFormat.goFloat(d) : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .list(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(indent, level + 1, &out)
                write(item, indent: indent, level: level + 1, into: &out)
            }
            newline(indent, level, &out)
            out += "]"
        case .map(let m):
            writeObject(m.keys.sorted().map { ($0, m[$0] ?? .null) }, indent: indent, level: level, into: &out)
        case .object(let o):
            var pairs = o.fields.filter { !($0.omitsEmptyInJSON && $0.isEmptyForJSON) }.map { ($0.name, $0.value) }
            if o.sortsKeysInJSON { pairs.sort { $0.0 < $1.0 } }
            writeObject(pairs, indent: indent, level: level, into: &out)
        }
    }

    private static func writeObject(_ pairs: [(String, TemplateValue)], indent: String?, level: Int, into out: inout String) {
        if pairs.isEmpty { out += "{}"; return }
        out += "{"
        for (i, pair) in pairs.enumerated() {
            if i > 0 { out += "," }
            newline(indent, level + 1, &out)
            out += quote(pair.0) + (indent == nil ? ":" : ": ")
            write(pair.1, indent: indent, level: level + 1, into: &out)
        }
        newline(indent, level, &out)
        out += "}"
    }
}
