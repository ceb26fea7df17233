/// One `RUN --mount=...` option, parsed and validated as the Dockerfile frontend does
/// (`instructions/commands_runmount.go` in moby/buildkit): CSV fields, `type` first-come,
/// read-only by default except for cache and tmpfs mounts.
public struct RunMount: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case bind, cache, tmpfs, secret, ssh
    }

    public var type: Kind = .bind
    /// As written (relative targets are resolved against WORKDIR when the step runs).
    public var target = ""
    /// Cache ID or secret/ssh ID; for a cache mount empty means "the target".
    public var id = ""
    /// `from=stage|image` (bind and cache mounts).
    public var from = ""
    public var source = ""
    public var readOnly = false
    /// `shared` (default), `private` or `locked`; cache mounts only.
    public var sharing: String?
    public var mode: UInt32?
    public var uid: Int?
    public var gid: Int?
    /// Secret/ssh: fail the build when the client did not provide it.
    public var required = false
    /// Secret: also (or only) expose it as this environment variable.
    public var env: String?

    public init() {}

    /// The cache mount's persistent ID: `id=`, else the target cleaned (dockerfile2llb).
    public var cacheID: String {
        guard id.isEmpty else { return id }
        // Go's path.Clean: a relative target stays relative.
        return target.hasPrefix("/") ? FileTree.normalize(target) : String(FileTree.normalize(target, cwd: "/").dropFirst())
    }

    /// A secret's ID: `id=`, else `source=`, else the target's last element (dockerfile2llb
    /// `dispatchSecret`).
    public var secretID: String {
        if !id.isEmpty { return id }
        if !source.isEmpty { return source }
        return target.split(separator: "/").last.map(String.init) ?? ""
    }

    /// Parses one `--mount` value after variable expansion (`expand` does the expansion of
    /// a value; `from` is refused if it holds a variable, as BuildKit refuses it).
    public static func parse(_ raw: String, expand: (String) throws(MountError) -> String) throws(MountError) -> RunMount {
        guard let fields = csvFields(raw) else { throw MountError("failed to parse csv mounts: parse error on line 1, column \(raw.count): bare \" in non-quoted-field") }
        var m = RunMount()
        var roAuto = true
        for field in fields {
            let key: String
            let rawValue: String?
            if let eq = field.firstIndex(of: "=") {
                key = String(field[..<eq]).lowercased()
                rawValue = String(field[field.index(after: eq)...])
            } else {
                key = field.lowercased()
                rawValue = nil
            }
            guard let raw = rawValue else {
                switch key {
                case "readonly", "ro":
                    m.readOnly = true
                    roAuto = false
                case "readwrite", "rw":
                    m.readOnly = false
                    roAuto = false
                case "required":
                    guard m.type == .secret || m.type == .ssh else { throw MountError("unexpected key '\(key)' for mount type '\(m.type.rawValue)'") }
                    m.required = true
                default:
                    throw MountError("invalid field '\(field)' must be a key=value pair")
                }
                continue
            }
            if key == "from", raw.contains("$"), raw.firstIndex(of: "$").map({ raw.index(after: $0) < raw.endIndex }) == true {
                throw MountError("'from' doesn't support variable expansion, define alias stage instead")
            }
            let value = try expand(raw)
            switch key {
            case "type":
                guard let kind = Kind(rawValue: value.lowercased()) else {
                    throw MountError("unsupported mount type \"\(value)\"" + suggestion(value, Kind.allCases.map(\.rawValue)))
                }
                m.type = kind
            case "from": m.from = value
            case "source", "src": m.source = value
            case "target", "dst", "destination": m.target = value
            case "readonly", "ro":
                guard let b = parseBool(value) else { throw MountError("invalid value for \(key): \(value)") }
                m.readOnly = b
                roAuto = false
            case "readwrite", "rw":
                guard let b = parseBool(value) else { throw MountError("invalid value for \(key): \(value)") }
                m.readOnly = !b
                roAuto = false
            case "required":
                guard m.type == .secret || m.type == .ssh else { throw MountError("unexpected key '\(key)' for mount type '\(m.type.rawValue)'") }
                guard let b = parseBool(value) else { throw MountError("invalid value for \(key): \(value)") }
                m.required = b
            case "size":
                guard m.type == .tmpfs else { throw MountError("unexpected key '\(key)' for mount type '\(m.type.rawValue)'") }
            case "env":
                guard m.type == .secret else { throw MountError("unexpected key '\(key)' for mount type '\(m.type.rawValue)'") }
                m.env = value
            case "id": m.id = value
            case "sharing":
                let v = value.lowercased()
                guard ["shared", "private", "locked"].contains(v) else {
                    throw MountError("unsupported sharing value \"\(value)\"" + suggestion(value, ["shared", "private", "locked"]))
                }
                m.sharing = v
            case "mode":
                guard let n = UInt32(value, radix: 8) else { throw MountError("invalid value \(value) for mode") }
                m.mode = n
            case "uid":
                guard let n = UInt32(value) else { throw MountError("invalid value \(value) for uid") }
                m.uid = Int(n)
            case "gid":
                guard let n = UInt32(value) else { throw MountError("invalid value \(value) for gid") }
                m.gid = Int(n)
            default:
                let keys = ["type", "from", "source", "target", "readonly", "id", "sharing", "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw", "readwrite", "env"]
                throw MountError("unexpected key '\(key)' in '\(field)'" + suggestion(key, keys))
            }
        }
        try m.validate(roAuto: roAuto)
        return m
    }

    private mutating func validate(roAuto: Bool) throws(MountError) {
        if !(type == .secret || type == .ssh || type == .cache) {
            if mode != nil { throw MountError("mode not allowed for \"\(type.rawValue)\" type mounts") }
            if uid != nil { throw MountError("uid not allowed for \"\(type.rawValue)\" type mounts") }
            if gid != nil { throw MountError("gid not allowed for \"\(type.rawValue)\" type mounts") }
        }
        if roAuto { readOnly = !(type == .cache || type == .tmpfs) }
        if type == .secret {
            if !from.isEmpty { throw MountError("secret mount should not have a from") }
            if sharing != nil { throw MountError("secret mount should not define sharing") }
            if source.isEmpty && target.isEmpty && id.isEmpty { throw MountError("invalid secret mount. one of source, target required") }
            if !source.isEmpty && !id.isEmpty { throw MountError("both source and id can't be set") }
        }
        if sharing != nil && type != .cache { throw MountError("invalid cache sharing set for \(type.rawValue) mount") }
    }

    /// Go's `strconv.ParseBool`.
    static func parseBool(_ s: String) -> Bool? {
        switch s {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    /// BuildKit's `suggest.WrapError` wording for a near miss.
    static func suggestion(_ value: String, _ options: [String]) -> String {
        let best = options.map { ($0, editDistance($0, value)) }.filter { $0.1 > 0 && $0.1 <= max(1, value.count / 2) }.min { $0.1 < $1.1 }
        return best.map { " (did you mean \($0.0)?)" } ?? ""
    }

    /// One CSV record (Go `encoding/csv`): comma-separated, double quotes around a field,
    /// `""` for a quote inside one. Nil when a quote is misplaced.
    static func csvFields(_ line: String) -> [String]? {
        var fields: [String] = []
        var current = ""
        var chars = Array(line)[...]
        var atFieldStart = true
        while let c = chars.first {
            chars = chars.dropFirst()
            if atFieldStart && c == "\"" {
                var closed = false
                while let q = chars.first {
                    chars = chars.dropFirst()
                    if q == "\"" {
                        if chars.first == "\"" { current.append("\""); chars = chars.dropFirst(); continue }
                        closed = true
                        break
                    }
                    current.append(q)
                }
                guard closed, chars.first == nil || chars.first == "," else { return nil }
                atFieldStart = false
                continue
            }
            if c == "," {
                fields.append(current)
                current = ""
                atFieldStart = true
                continue
            }
            if c == "\"" { return nil }
            current.append(c)
            atFieldStart = false
        }
        fields.append(current)
        return fields
    }
}

/// A `--mount` value BuildKit rejects, in its words.
public struct MountError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
