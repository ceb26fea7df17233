// BuildKit's `BFlags`: the `--name[=value]` flags an instruction accepts, with its error texts.

struct BuildFlags {
    enum Kind { case bool, string, strings }

    struct Declared {
        var kind: Kind
        var value: String?
        var values: [String] = []
        var used = false
    }

    private(set) var declared: [String: Declared] = [:]
    let args: [String]

    init(_ args: [String]) { self.args = args }

    mutating func add(_ name: String, _ kind: Kind) {
        declared[name] = Declared(kind: kind, value: kind == .bool ? "false" : nil)
    }

    /// Checks every flag against the declared ones; returns the offending flag name with the
    /// error so a caret can point at it.
    mutating func parse() throws(InstructionError) {
        for var arg in args {
            guard arg.hasPrefix("--") else { throw InstructionError("Arg should start with -- : \(arg)", flag: arg) }
            if arg == "--" { return }
            arg.removeFirst(2)
            var value = ""
            var hasValue = false
            if let eq = arg.firstIndex(of: "=") {
                value = String(arg[arg.index(after: eq)...])
                arg = String(arg[..<eq])
                hasValue = true
            }
            guard var flag = declared[arg] else { throw InstructionError("Unknown flag: \(arg)", flag: arg) }
            if flag.used && flag.kind != .strings { throw InstructionError("Duplicate flag specified: \(arg)", flag: arg) }
            flag.used = true
            switch flag.kind {
            case .bool:
                if hasValue && value.isEmpty { throw InstructionError("Missing a value on flag: \(arg)", flag: arg) }
                let lower = value.lowercased()
                if lower.isEmpty {
                    flag.value = "true"
                } else if lower == "true" || lower == "false" {
                    flag.value = lower
                } else {
                    throw InstructionError("Expecting boolean value for flag \(arg), not: \(value)", flag: arg)
                }
            case .string:
                if !hasValue { throw InstructionError("Missing a value on flag: \(arg)", flag: arg) }
                flag.value = value
            case .strings:
                if !hasValue { throw InstructionError("Missing a value on flag: \(arg)", flag: arg) }
                flag.values.append(value)
            }
            declared[arg] = flag
        }
    }

    func string(_ name: String) -> String? {
        guard let f = declared[name], f.used else { return nil }
        return f.value
    }
    func bool(_ name: String) -> Bool { declared[name]?.value == "true" }
    func strings(_ name: String) -> [String] { declared[name]?.values ?? [] }
}

/// An instruction-level error before it gets its line number.
struct InstructionError: Error {
    var message: String
    /// The flag the error is about (without `--`), to place the caret.
    var flag: String?
    init(_ message: String, flag: String? = nil) {
        self.message = message
        self.flag = flag
    }
}
