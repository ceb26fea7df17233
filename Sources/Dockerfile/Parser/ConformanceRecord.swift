/// One instruction in the conformance schema of `../shared/conformance/README.md` (the shape
/// the PyPI `dockerfile` wrapper of BuildKit's parser reports), used by `dockyard parse --json`
/// and by the conformance test.
public struct ConformanceRecord: Equatable, Sendable {
    public struct HeredocRecord: Equatable, Sendable {
        public var name: String
        public var fileDescriptor: UInt64
        public var content: String
        public init(name: String, fileDescriptor: UInt64, content: String) {
            self.name = name
            self.fileDescriptor = fileDescriptor
            self.content = content
        }
    }
    public var cmd: String
    public var subCmd: String?
    public var json: Bool
    public var original: String
    public var startLine: Int
    public var endLine: Int
    public var flags: [String]
    public var value: [String]
    public var heredocs: [HeredocRecord]

    public init(cmd: String, subCmd: String?, json: Bool, original: String, startLine: Int, endLine: Int,
                flags: [String], value: [String], heredocs: [HeredocRecord]) {
        self.cmd = cmd
        self.subCmd = subCmd
        self.json = json
        self.original = original
        self.startLine = startLine
        self.endLine = endLine
        self.flags = flags
        self.value = value
        self.heredocs = heredocs
    }

    /// The wrapper's view of a node: for ONBUILD it reports the trigger's word, form and
    /// arguments, and since heredocs hang on the ONBUILD node itself it shows none; for other
    /// nodes with heredocs it appends `"\n"` and each `content + name + "\n"` to `original`.
    public init(_ node: DockerfileNode) {
        var heredocs: [HeredocRecord] = zip(node.heredocs, node.heredocDescriptors).map {
            HeredocRecord(name: $0.name, fileDescriptor: $1, content: $0.content)
        }
        var original = node.original
        if node.trigger != nil { heredocs = [] }
        if !heredocs.isEmpty {
            original += "\n"
            for h in heredocs { original += h.content + h.name + "\n" }
        }
        self.init(cmd: node.command, subCmd: node.trigger?.command, json: node.trigger?.isJSON ?? node.isJSON,
                  original: original, startLine: node.startLine, endLine: node.endLine, flags: node.flags,
                  value: node.trigger?.values ?? node.values, heredocs: heredocs)
    }
}

extension DockerfileAST {
    public var conformanceRecords: [ConformanceRecord] { nodes.map(ConformanceRecord.init) }

    /// The records as a JSON array (one object per line, keys in schema order).
    public var conformanceJSON: String {
        let records = conformanceRecords
        var out = "[\n"
        for (i, r) in records.enumerated() {
            out += "  {\"cmd\": " + jsonQuote(r.cmd)
            out += ", \"sub_cmd\": " + (r.subCmd.map(jsonQuote) ?? "null")
            out += ", \"json\": " + (r.json ? "true" : "false")
            out += ", \"original\": " + jsonQuote(r.original)
            out += ", \"start_line\": \(r.startLine), \"end_line\": \(r.endLine)"
            out += ", \"flags\": [" + r.flags.map(jsonQuote).joined(separator: ", ") + "]"
            out += ", \"value\": [" + r.value.map(jsonQuote).joined(separator: ", ") + "]"
            out += ", \"heredocs\": [" + r.heredocs.map {
                "{\"name\": \(jsonQuote($0.name)), \"file_descriptor\": \($0.fileDescriptor), \"content\": \(jsonQuote($0.content))}"
            }.joined(separator: ", ") + "]}"
            out += i + 1 < records.count ? ",\n" : "\n"
        }
        return out + "]\n"
    }
}

/// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped,
/// everything else kept as UTF-8.
public func jsonQuote(_ s: String) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 || u.value == 0x7F {
                out += "\\u" + hex(u.value, width: 4)
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
