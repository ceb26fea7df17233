/// The data a `--format` template reads: a small model of the Go values Docker's formatter
/// contexts expose, so any command's view model can feed the same template engine.
public indirect enum TemplateValue: Equatable, Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    /// Go `nil` (a nil slice, map or pointer): prints `<nil>`, JSON `null`.
    case null
    case list([TemplateValue])
    /// A Go map: printed and JSON-encoded with sorted keys, as Go does.
    case map([String: TemplateValue])
    /// A Go struct (or a formatter context): fields in declaration order.
    case object(TemplateObject)

    /// Go's `%v` text of the value, as `{{.Field}}` prints it.
    public var goText: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return GoFormat.goFloat(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "<nil>"
        case .list(let items): return "[" + items.map(\.goNestedText).joined(separator: " ") + "]"
        case .map(let m):
            return "map[" + m.keys.sorted().map { "\($0):\(m[$0]?.goNestedText ?? "")" }.joined(separator: " ") + "]"
        case .object(let o):
            return "{" + o.fields.map(\.value.goNestedText).joined(separator: " ") + "}"
        }
    }

    /// Inside a container, Go prints a nil as `<nil>` and strings bare, like at top level;
    /// kept separate in case of pointer-valued fields (`0xc000...` never appears here).
    private var goNestedText: String { goText }
}

/// An ordered set of named fields with the Go type name Docker would report in errors
/// (e.g. `*formatter.ImageContext`).
public struct TemplateObject: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public var name: String
        public var value: TemplateValue
        /// Go's `json:",omitempty"`: left out of JSON when empty, still there for templates
        /// (`{{.Config.Labels}}` prints `map[]`).
        public var omitsEmptyInJSON: Bool
        public init(_ name: String, _ value: TemplateValue, omitsEmptyInJSON: Bool = false) {
            self.name = name
            self.value = value
            self.omitsEmptyInJSON = omitsEmptyInJSON
        }

        /// Whether Go's omitempty would drop the value.
        var isEmptyForJSON: Bool {
            switch value {
            case .null: return true
            case .string(let s): return s.isEmpty
            case .int(let i): return i == 0
            case .double(let d): return d == 0
            case .bool(let b): return !b
            case .list(let l): return l.isEmpty
            case .map(let m): return m.isEmpty
            case .object: return false
            }
        }
    }

    public var typeName: String
    public var fields: [Field]
    /// docker/cli's formatter contexts marshal `{{json .}}` through a map, so their keys come
    /// out sorted; plain structs (inspect data) keep declaration order.
    public var sortsKeysInJSON: Bool

    public init(typeName: String, sortsKeysInJSON: Bool = false, fields: [Field]) {
        self.typeName = typeName
        self.fields = fields
        self.sortsKeysInJSON = sortsKeysInJSON
    }

    public subscript(name: String) -> TemplateValue? {
        fields.first { $0.name == name }?.value
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue {
    /// `[String]` as a Go string slice (`nil` when `nil`).
    public static func strings(_ values: [String]?) -> TemplateValue {
        guard let values else { return .null }
        return .list(values.map { .string($0) })
    }
}

extension GoFormat {
    /// Go `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`): shortest round-trip
    /// digits, exponent form for exponents < -4 or >= 21.
    public static func goFloat(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf") }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let exponent = Int((abs(d)).log10Floor)
        if exponent < -4 || exponent >= 21 {
            var s = "\(d)"
            if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                var mantissa = String(s[..<e])
                if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
                var exp = String(s[s.index(after: e)...])
                var sign = "+"
                if exp.hasPrefix("-") { sign = "-"; exp.removeFirst() } else if exp.hasPrefix("+") { exp.removeFirst() }
                if exp.count < 2 { exp = "0" + exp }
                s = mantissa + "e" + sign + exp
            }
            return s
        }
        var s = "\(d)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}

extension Double {
    fileprivate var log10Floor: Double {
        var e = 0.0
        var v = self
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
}

/// Anything `--format` can read: a view model hands the template engine its Go-shaped value.
public protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension DockerFormat {
    /// Renders any `TemplateRepresentable` rows (see `render(rows:headers:)`).
    public func render<Row: TemplateRepresentable>(_ items: [Row], headers: [String: String]) throws(TemplateError) -> String {
        try render(rows: items.map(\.templateValue), headers: headers)
    }
}
