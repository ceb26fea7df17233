/// pflag's parsing rules and error messages for one command's flag set.
struct FlagParser {
    let flags: [FlagSpec]
    let interspersed: Bool
    let useLine: String
    let commandPath: String
    /// Set when `-h` was used: docker/cli marks that shorthand deprecated, so pflag warns.
    private(set) var usedDeprecatedHelpShorthand = false

    init(flags: [FlagSpec], interspersed: Bool, useLine: String, commandPath: String) {
        self.flags = flags
        self.interspersed = interspersed
        self.useLine = useLine
        self.commandPath = commandPath
    }

    private func long(_ name: String) -> FlagSpec? { flags.first { $0.name == name } }
    private func short(_ c: Character) -> FlagSpec? { flags.first { $0.short == c } }

    private func fail(_ message: String) -> DockerCLIError {
        .flag(message, useLine: useLine, commandPath: commandPath)
    }

    /// pflag's bool parsing (`strconv.ParseBool`).
    private func boolValue(_ raw: String, for flag: FlagSpec) throws(DockerCLIError) -> String {
        switch raw {
        case "1", "t", "T", "TRUE", "true", "True": return "true"
        case "0", "f", "F", "FALSE", "false", "False": return "false"
        default:
            throw fail("invalid argument \"\(raw)\" for \"\(flag.displayName)\" flag: strconv.ParseBool: parsing \"\(raw)\": invalid syntax")
        }
    }

    private func store(_ flag: FlagSpec, _ value: String, into parsed: inout ParsedFlags) throws(DockerCLIError) {
        switch flag.kind {
        case .bool: parsed.values[flag.name, default: []].append(try boolValue(value, for: flag))
        case .value, .repeated:
            if flag.typeName == "int", Int(value) == nil {
                throw fail("invalid argument \"\(value)\" for \"\(flag.displayName)\" flag: strconv.ParseInt: parsing \"\(value)\": invalid syntax")
            }
            if flag.typeName == "filter", !value.contains("=") {
                throw fail("invalid argument \"\(value)\" for \"\(flag.displayName)\" flag: bad format of filter (expected name=value)")
            }
            parsed.values[flag.name, default: []].append(value)
        }
    }

    /// Splits `args` into flag values and positional arguments.
    mutating func parse(_ args: [String]) throws(DockerCLIError) -> (ParsedFlags, [String]) {
        var parsed = ParsedFlags()
        var positionals: [String] = []
        var i = 0
        while i < args.count {
            let arg = args[i]
            i += 1
            if arg == "--" {
                positionals.append(contentsOf: args[i...])
                break
            }
            if arg.count < 2 || !arg.hasPrefix("-") {
                // `-` alone is an argument (stdin as context).
                positionals.append(arg)
                if !interspersed {
                    positionals.append(contentsOf: args[i...])
                    break
                }
                continue
            }
            if arg.hasPrefix("--") {
                let body = String(arg.dropFirst(2))
                let name: String
                var inline: String?
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq])
                    inline = String(body[body.index(after: eq)...])
                } else {
                    name = body
                }
                if name.isEmpty || name.hasPrefix("-") || name.hasPrefix("=") {
                    throw fail("bad flag syntax: \(arg)")
                }
                guard let flag = long(name) else { throw fail("unknown flag: --\(name)") }
                if flag.kind == .bool {
                    try store(flag, inline ?? "true", into: &parsed)
                } else if let inline {
                    try store(flag, inline, into: &parsed)
                } else if i < args.count {
                    try store(flag, args[i], into: &parsed)
                    i += 1
                } else {
                    throw fail("flag needs an argument: --\(name)")
                }
                continue
            }
            // Short flags, possibly grouped: -aq, -it, -tname, -t=name, -H=false.
            let shorts = Array(arg.dropFirst())
            var j = 0
            while j < shorts.count {
                let c = shorts[j]
                guard let flag = short(c) else {
                    throw fail("unknown shorthand flag: '\(c)' in \(arg)")
                }
                if flag.name == "help" { usedDeprecatedHelpShorthand = true }
                let remainder = j + 1 < shorts.count ? String(shorts[(j + 1)...]) : nil
                if flag.kind == .bool {
                    if let remainder, remainder.hasPrefix("=") {
                        try store(flag, String(remainder.dropFirst()), into: &parsed)
                        break
                    }
                    try store(flag, "true", into: &parsed)
                    j += 1
                    continue
                }
                if let remainder {
                    try store(flag, remainder.hasPrefix("=") ? String(remainder.dropFirst()) : remainder, into: &parsed)
                } else if i < args.count {
                    try store(flag, args[i], into: &parsed)
                    i += 1
                } else {
                    throw fail("flag needs an argument: '\(c)' in -\(c)")
                }
                break
            }
        }
        return (parsed, positionals)
    }
}
