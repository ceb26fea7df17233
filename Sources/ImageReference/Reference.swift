/// Image references parsed exactly as Docker parses them: a port of
/// github.com/distribution/reference (with go-digest v1.0.0, sha256 only). Every image name
/// the simulator takes goes through these functions, so the errors a learner sees are
/// Docker's own.
public enum Reference {
    /// Docker Hub's canonical domain.
    public static let defaultDomain = "docker.io"
    /// The old Docker Hub ("Docker Index") domain, rewritten to `docker.io`.
    public static let legacyDefaultDomain = "index.docker.io"
    /// The namespace of official images on Docker Hub.
    public static let officialRepositoryPrefix = "library/"
    /// The tag assumed when a reference has neither tag nor digest.
    public static let defaultTag = "latest"
    /// The longest repository path accepted, in bytes.
    public static let maxRepositoryNameLength = 255

    /// `Parse`: the strict grammar, with no Docker Hub defaults (`python` has domain `""`).
    public static func parse(_ s: String) throws(ReferenceError) -> AnyReference {
        if s.isEmpty { throw .nameEmpty }
        guard let groups = Grammar.reference.submatches(s) else {
            let lowered = goLowercased(s)
            if lowered != s, Grammar.reference.matches(lowered.utf8) { throw .nameContainsUppercase }
            throw .invalidReferenceFormat
        }
        let nameText = groups[0], tagText = groups[1], digestText = groups[2]
        let (domain, path) = splitDomain(nameText)
        if path.utf8.count > maxRepositoryNameLength { throw .nameTooLong }
        let digest = digestText.isEmpty ? nil : try ReferenceDigest.parse(digestText)
        let tag = tagText.isEmpty ? nil : tagText
        if domain.isEmpty && path.isEmpty {
            // Unreachable with this grammar (a name has at least one character); kept to
            // mirror upstream's digest-only branch.
            guard let digest else { throw .nameEmpty }
            return .digestOnly(digest)
        }
        return .named(NamedReference(domain: domain, path: path, tag: tag, digest: digest))
    }

    /// `ParseNormalizedNamed`: what `docker pull` and friends use. `python` becomes
    /// `docker.io/library/python`; no tag is added.
    public static func parseNormalizedNamed(_ s: String) throws(ReferenceError) -> NamedReference {
        if Grammar.anchoredIdentifier.matches(s.utf8) { throw .hexadecimalRepositoryName(s) }
        let (domain, remainder) = splitDockerDomain(s)
        let remote = remainder.splitOnce(UInt8(ascii: ":"))?.0 ?? remainder
        if goLowercased(remote) != remote { throw .repositoryNameNotLowercase(remote) }
        let ref = try parse(domain + "/" + remainder)
        guard let named = ref.named else { throw .referenceHasNoName(ref.string) }
        return named
    }

    /// `ParseNamed`: like `parseNormalizedNamed`, but the input must already be canonical
    /// (`docker.io/library/python`, not `python`).
    public static func parseNamed(_ s: String) throws(ReferenceError) -> NamedReference {
        let named = try parseNormalizedNamed(s)
        if named.string != s { throw .nameNotCanonical }
        return named
    }

    /// `ParseDockerRef`: normalized, `:latest` added when there is neither tag nor digest, and
    /// the tag dropped when there are both (the digest is what counts).
    public static func parseDockerRef(_ s: String) throws(ReferenceError) -> NamedReference {
        let named = try parseNormalizedNamed(s)
        if named.tag != nil, let digest = named.digest {
            return try withName(named.name).withDigest(digest.string)
        }
        return named.tagNameOnly
    }

    /// `ParseAnyReference`: a bare 64-hex image ID or a valid digest gives a digest-only
    /// reference; anything else is parsed as a normalized name.
    public static func parseAnyReference(_ s: String) throws(ReferenceError) -> AnyReference {
        if Grammar.anchoredIdentifier.matches(s.utf8) {
            return .digestOnly(ReferenceDigest(unvalidated: "sha256:" + s))
        }
        if let digest = try? ReferenceDigest.parse(s) { return .digestOnly(digest) }
        return .named(try parseNormalizedNamed(s))
    }

    /// `WithName`: a repository name only (no tag, no digest), not normalized.
    public static func withName(_ name: String) throws(ReferenceError) -> NamedReference {
        guard let groups = Grammar.anchoredName.submatches(name) else { throw .invalidReferenceFormat }
        if groups[1].utf8.count > maxRepositoryNameLength { throw .nameTooLong }
        return NamedReference(domain: groups[0], path: groups[1])
    }

    /// `FamiliarMatch`: whether a `docker images --filter reference=PATTERN`-style glob
    /// (Go's `path.Match`) matches the familiar string, or else the familiar name.
    public static func familiarMatch(_ pattern: String, _ ref: AnyReference) throws(ReferenceError) -> Bool {
        let result = GlobPattern.match(pattern, ref.familiarString)
        if case .success(true) = result { return true }
        if let named = ref.named, case .success(true) = GlobPattern.match(pattern, named.familiarName) {
            // Upstream reports the first match's pattern error even when the name matches,
            // but a pattern error is found before any comparison, so both agree.
            return true
        }
        switch result {
        case .success(let matched): return matched
        case .failure(let error): throw error
        }
    }

    /// `splitDomain`: the domain and path of an already-valid name, by the strict grammar.
    static func splitDomain(_ name: String) -> (domain: String, path: String) {
        guard let groups = Grammar.anchoredName.submatches(name) else { return ("", name) }
        return (groups[0], groups[1])
    }

    /// `splitDockerDomain`: Docker's rule for whether the first component is a registry.
    static func splitDockerDomain(_ name: String) -> (domain: String, remainder: String) {
        var domain: String, remainder: String
        if let (first, rest) = name.splitOnce(UInt8(ascii: "/")) {
            if first == "localhost" {
                (domain, remainder) = (first, rest)
            } else if first == legacyDefaultDomain {
                (domain, remainder) = (defaultDomain, rest)
            } else if first.utf8.contains(UInt8(ascii: ".")) || first.utf8.contains(UInt8(ascii: ":")) {
                (domain, remainder) = (first, rest)
            } else if goLowercased(first) != first {
                // Namespaces are lower case, so an upper-case first component must be a host.
                (domain, remainder) = (first, rest)
            } else {
                (domain, remainder) = (defaultDomain, name)
            }
        } else {
            // A single component is always a Docker Hub name, even `localhost` or `example.com`.
            return (defaultDomain, officialRepositoryPrefix + name)
        }
        if domain == defaultDomain && !remainder.utf8.contains(UInt8(ascii: "/")) {
            remainder = officialRepositoryPrefix + remainder
        }
        return (domain, remainder)
    }
}
