// BuildKit's `BFlags`: the `--name[=value]` flags an instruction accepts, with its error texts.

struct BuildFlags {
    enum Kind { case bool, string, strings }

    struct Declared {
        var kind: Kind
        var value: String?
        var values: [String] = []
        var used = false
    }

    /// Few flags per instruction: a list beats a dictionary here.
    private var names: [String] = []
    private var declared: [Declared] = []
    let args: [String]

    init(_ args: [String]) { self.args = args }

    mutating func add(_ name: String, _ kind: Kind) {
        // Without flags on the line every declared flag keeps its default; skip the bookkeeping.
        if args.isEmpty { return }
        if names.isEmpty {
            names.reserveCapacity(8)
            declared.reserveCapacity(8)
        }
        names.append(name)
        declared.append(Declared(kind: kind, value: kind == .bool ? "false" : nil))
    }

    private func index(_ name: String) -> Int? { names.firstIndex(of: name) }

    /// Checks every flag against the declared ones; returns the offending flag name with the
    /// error so a caret can point at it.
    mutating func parse() throws(InstructionError) {
        if args.isEmpty { return }
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
            guard let at = index(arg) else { throw InstructionError("Unknown flag: \(arg)", flag: arg) }
            var flag = declared[at]
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
            declared[at] = flag
        }
    }

    func string(_ name: String) -> String? {
        guard let i = index(name), declared[i].used else { return nil }
        return declared[i].value
    }
    func bool(_ name: String) -> Bool { index(name).map { declared[$0].value == "true" } ?? false }
    func strings(_ name: String) -> [String] { index(name).map { declared[$0].values } ?? [] }
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
