/// Which distribution/reference entry point to follow (the `mode` of the conformance
/// cases and of `dockyard ref --mode`).
public enum ParseMode: String, CaseIterable, Sendable {
    /// `Parse`: strict grammar, no Docker Hub defaults.
    case parse
    /// `ParseNamed`: normalized, and the input must already be canonical.
    case parseNamed = "parse_named"
    /// `ParseNormalizedNamed`: what `docker pull` uses.
    case parseNormalizedNamed = "parse_normalized_named"
    /// `ParseDockerRef`: normalized, `latest` added, tag dropped when a digest is present.
    case parseDockerRef = "parse_docker_ref"
    /// `ParseAnyReference`: image IDs and bare digests allowed.
    case parseAnyReference = "parse_any_reference"
    /// `WithName`: a bare repository name.
    case withName = "with_name"

    /// Parses `input` with this mode's function.
    public func parse(_ input: String) throws(ReferenceError) -> AnyReference {
        switch self {
        case .parse: try Reference.parse(input)
        case .parseNamed: .named(try Reference.parseNamed(input))
        case .parseNormalizedNamed: .named(try Reference.parseNormalizedNamed(input))
        case .parseDockerRef: .named(try Reference.parseDockerRef(input))
        case .parseAnyReference: try Reference.parseAnyReference(input)
        case .withName: .named(try Reference.withName(input))
        }
    }
}

/// The result of parsing one input in one mode, with exactly the fields of the conformance
/// schema (`../shared/conformance/README.md`, section 2).
public enum ReferenceReport: Equatable, Sendable {
    case valid(Fields)
    case invalid(error: String)

    /// The fields of a valid result; `nil` where a field does not apply (JSON `null`).
    public struct Fields: Equatable, Sendable {
        public var name: String?
        public var domain: String?
        public var path: String?
        public var tag: String?
        public var digest: String?
        public var string: String
        public var familiar: String
        public var familiarName: String?
        /// `ParseNormalizedNamed` of the same input, whatever the mode.
        public var normalized: String?

        public init(name: String?, domain: String?, path: String?, tag: String?, digest: String?,
                    string: String, familiar: String, familiarName: String?, normalized: String?) {
            self.name = name
            self.domain = domain
            self.path = path
            self.tag = tag
            self.digest = digest
            self.string = string
            self.familiar = familiar
            self.familiarName = familiarName
            self.normalized = normalized
        }
    }

    /// Parses `input` in `mode` and reports the result.
    public init(input: String, mode: ParseMode) {
        let ref: AnyReference
        do {
            ref = try mode.parse(input)
        } catch {
            self = .invalid(error: error.description)
            return
        }
        let named = ref.named
        self = .valid(Fields(
            name: named?.name, domain: named?.domain, path: named?.path,
            tag: ref.tag, digest: ref.digest?.string, string: ref.string,
            familiar: ref.familiarString, familiarName: named?.familiarName,
            normalized: (try? Reference.parseNormalizedNamed(input))?.string))
    }

    /// The one-line JSON object of the conformance schema, keys in the documented order.
    public var json: String {
        switch self {
        case .invalid(let error):
            return "{\"valid\": false, \"error\": \(JSON.quote(error))}"
        case .valid(let f):
            let pairs: [(String, String?)] = [
                ("name", f.name), ("domain", f.domain), ("path", f.path), ("tag", f.tag),
                ("digest", f.digest), ("string", f.string), ("familiar", f.familiar),
                ("familiar_name", f.familiarName), ("normalized", f.normalized),
            ]
            let body = pairs.map { key, value in "\(JSON.quote(key)): \(value.map(JSON.quote) ?? "null")" }
            return "{\"valid\": true, " + body.joined(separator: ", ") + "}"
        }
    }
}

enum JSON {
    /// A JSON string literal; non-ASCII text is kept as UTF-8.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
