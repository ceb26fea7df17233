/// A learner-facing explanation of how a reference is read: registry, repository, tag or
/// digest, what Docker filled in by default, and the familiar and canonical forms; for an
/// invalid reference, Docker's error and, where one helps, a suggestion. Pure: returns text.
public struct ReferenceExplanation: Sendable {
    /// Whether the input parsed in the chosen mode.
    public let isValid: Bool
    /// The explanation, one item per line, ending with a newline.
    public let text: String

    public init(input: String, mode: ParseMode) {
        var lines: [String] = []
        let function = Self.functionName(mode)
        do {
            let ref = try mode.parse(input)
            isValid = true
            lines.append("\(JSON.quote(input)) read with \(function):")
            switch ref {
            case .digestOnly(let digest):
                lines.append(contentsOf: Self.describeDigestOnly(input: input, digest: digest))
            case .named(let named):
                lines.append(contentsOf: Self.describeNamed(input: input, mode: mode, named: named))
            }
        } catch {
            isValid = false
            lines.append("\(JSON.quote(input)) is not valid for \(function):")
            lines.append("  error: \(error.description)")
            if let hint = Self.hint(for: error, input: input, mode: mode) {
                lines.append("  hint:  \(hint)")
            }
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    private static func functionName(_ mode: ParseMode) -> String {
        switch mode {
        case .parse: "Parse (strict grammar, no Docker Hub defaults)"
        case .parseNamed: "ParseNamed (canonical names only)"
        case .parseNormalizedNamed: "ParseNormalizedNamed (as docker pull reads it)"
        case .parseDockerRef: "ParseDockerRef (normalized, default tag added)"
        case .parseAnyReference: "ParseAnyReference (names, image IDs and digests)"
        case .withName: "WithName (a repository name only)"
        }
    }

    private static func describeDigestOnly(input: String, digest: ReferenceDigest) -> [String] {
        var lines = ["  kind:       content digest (an image ID), not a repository name",
                     "  algorithm:  \(digest.algorithm)",
                     "  digest:     \(digest.string)"]
        if !input.contains(":") {
            lines.append("              (\"sha256:\" added: a bare 64-hex string is an image ID)")
        }
        return lines
    }

    private static func describeNamed(input: String, mode: ParseMode, named: NamedReference) -> [String] {
        let normalizing = mode != .parse && mode != .withName
        let explicitFirst = input.splitOnce(UInt8(ascii: "/")).map(\.0)
        var lines: [String] = []

        var registry = named.domain.isEmpty ? "none" : named.domain
        if named.domain.isEmpty {
            registry += "  (this function adds no default; docker pull would use \(Reference.defaultDomain))"
        } else if normalizing && named.domain == Reference.defaultDomain {
            if explicitFirst == Reference.legacyDefaultDomain {
                registry += "  (\(Reference.legacyDefaultDomain) rewritten to \(Reference.defaultDomain))"
            } else if explicitFirst != Reference.defaultDomain {
                registry += "  (default registry: Docker Hub)"
            }
        }
        lines.append("  registry:   \(registry)")

        var repository = named.path
        let givenRemote: String = {
            guard let explicitFirst, explicitFirst == named.domain || explicitFirst == Reference.legacyDefaultDomain,
                  let rest = input.splitOnce(UInt8(ascii: "/"))?.1 else { return input }
            return rest
        }()
        if normalizing && named.domain == Reference.defaultDomain
            && named.path.hasPrefix(Reference.officialRepositoryPrefix)
            && !givenRemote.hasPrefix(Reference.officialRepositoryPrefix) {
            repository += "  (\"library/\" added for official images)"
        }
        lines.append("  repository: \(repository)")

        let given = try? Reference.parseNormalizedNamed(input)
        if let tag = named.tag {
            var line = "  tag:        \(tag)"
            if mode == .parseDockerRef, let given, given.isNameOnly { line += "  (added: no tag or digest given)" }
            lines.append(line)
        } else if mode == .parseDockerRef, let givenTag = given?.tag {
            lines.append("  tag:        none  (\(givenTag) dropped: the digest decides)")
        } else if named.digest == nil {
            lines.append(mode == .withName
                ? "  tag:        none  (a name only)"
                : "  tag:        none  (docker pull and run use \"\(Reference.defaultTag)\")")
        } else {
            lines.append("  tag:        none")
        }
        lines.append("  digest:     \(named.digest?.string ?? "none")")
        lines.append("  familiar:   \(named.familiarString)  (as docker images shows it)")
        lines.append("  canonical:  \(named.string)")
        if !normalizing, let given, given.string != named.string {
            lines.append("  normalized: \(given.string)  (as docker pull reads it)")
        }
        return lines
    }

    private static func hint(for error: ReferenceError, input: String, mode: ParseMode) -> String? {
        switch error {
        case .repositoryNameNotLowercase, .nameContainsUppercase:
            let fixed = lowercasedRepository(input)
            if fixed != input, (try? mode.parse(fixed)) != nil {
                return "repository names must be lower case (tags may not be); try \(JSON.quote(fixed))"
            }
            return "repository names must be lower case (tags may not be)"
        case .hexadecimalRepositoryName:
            return "a 64-hex string is an image ID, not a name; use it where an image ID is accepted (docker run, docker rmi, docker tag SOURCE)"
        case .nameTooLong:
            return "the repository path must be at most \(Reference.maxRepositoryNameLength) bytes"
        case .nameNotCanonical:
            if let canonical = try? Reference.parseNormalizedNamed(input) {
                return "the canonical form is \(JSON.quote(canonical.string))"
            }
            return nil
        case .nameEmpty:
            return "give an image name, such as \"python:3.12\""
        case .digestInvalidLength, .digestInvalidFormat:
            return "a digest is \"sha256:\" followed by 64 lower-case hex digits"
        case .digestUnsupported:
            return "only sha256 digests are supported"
        case .invalidReferenceFormat:
            return formatHint(input)
        default:
            return nil
        }
    }

    private static func formatHint(_ input: String) -> String? {
        if input.isEmpty { return "give an image name, such as \"python:3.12\"" }
        if input.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
            return "a reference cannot contain spaces, tabs or newlines"
        }
        if input.unicodeScalars.contains(where: { !$0.isASCII }) {
            return "only ASCII letters, digits and . _ - / : @ are allowed"
        }
        if input.hasPrefix("-") || input.hasPrefix("_") || input.hasPrefix(".") {
            return "a name must start with a letter or digit"
        }
        if input.hasSuffix(":") || input.hasSuffix("@") || input.hasSuffix("/") {
            return "something is missing after the final '\(input.suffix(1))'"
        }
        let lastComponent = input.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? input
        let beforeDigest = lastComponent.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let parts = beforeDigest.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count > 2 { return "a reference has at most one ':tag'" }
        if parts.count == 2, parts[1].utf8.count > 128 { return "a tag is at most 128 characters" }
        if input.contains("//") { return "path components cannot be empty" }
        return "the form is [REGISTRY[:PORT]/]REPOSITORY[:TAG][@DIGEST], with lower-case repository names"
    }

    /// The input with its repository part lower-cased and the tag and digest left alone.
    private static func lowercasedRepository(_ input: String) -> String {
        var name = input, suffix = ""
        if let at = input.firstIndex(of: "@") {
            name = String(input[..<at])
            suffix = String(input[at...])
        }
        let lastSlash = name.lastIndex(of: "/")
        let searchStart = lastSlash.map { name.index(after: $0) } ?? name.startIndex
        if let colon = name[searchStart...].firstIndex(of: ":") {
            suffix = String(name[colon...]) + suffix
            name = String(name[..<colon])
        }
        // Keep a registry host as written: host names may contain upper case.
        if let slash = name.firstIndex(of: "/") {
            let first = name[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                return String(first) + goLowercased(String(name[slash...])) + suffix
            }
        }
        return goLowercased(name) + suffix
    }
}
