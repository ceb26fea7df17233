/// A reference with a repository name, optionally with a tag and/or a digest
/// (distribution/reference's `Named`, `NamedTagged`, `Canonical` and tagged-and-digested
/// references in one value).
///
/// `domain` is `""` when a name was parsed without normalization and has no registry part
/// (`Reference.parse("python")`); the normalizing parsers always fill it in.
public struct NamedReference: Hashable, Sendable, CustomStringConvertible {
    /// The registry host, with its port if any: `docker.io`, `localhost:5000`, `[::1]:5000`.
    public let domain: String
    /// The repository path within the registry: `library/python`, `user/app`.
    public let path: String
    /// The tag, if the reference has one.
    public let tag: String?
    /// The digest, if the reference has one.
    public let digest: ReferenceDigest?

    init(domain: String, path: String, tag: String? = nil, digest: ReferenceDigest? = nil) {
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
    }

    /// The repository name: `domain/path`, or just `path` when there is no domain.
    public var name: String {
        domain.isEmpty ? path : domain + "/" + path
    }

    /// The full reference: `name[:tag][@digest]`.
    public var string: String {
        var s = name
        if let tag { s += ":" + tag }
        if let digest { s += "@" + digest.string }
        return s
    }

    public var description: String { string }

    /// The same reference as the Docker CLI shows it: without `docker.io/`, and without
    /// `library/` for an official image (`python:3.12`, `user/app`, `localhost:5000/app:1`).
    public var familiar: NamedReference {
        var domain = self.domain, path = self.path
        if domain == Reference.defaultDomain {
            domain = ""
            // Only a single component after `library/` is shortened: a nested path under
            // `library/` keeps its prefix, as upstream does.
            if path.hasPrefix(Reference.officialRepositoryPrefix) {
                let rest = String(path.dropFirst(Reference.officialRepositoryPrefix.count))
                if !rest.contains("/") { path = rest }
            }
        }
        return NamedReference(domain: domain, path: path, tag: tag, digest: digest)
    }

    /// `FamiliarString`: the familiar form of the whole reference.
    public var familiarString: String { familiar.string }

    /// `FamiliarName`: the familiar form of the repository name only.
    public var familiarName: String { familiar.name }

    /// `IsNameOnly`: neither a tag nor a digest.
    public var isNameOnly: Bool { tag == nil && digest == nil }

    /// `TrimNamed`: the repository name without tag or digest.
    public var trimmed: NamedReference {
        NamedReference(domain: domain, path: path)
    }

    /// `TagNameOnly`: adds the default tag `latest` when there is neither a tag nor a digest.
    public var tagNameOnly: NamedReference {
        isNameOnly ? NamedReference(domain: domain, path: path, tag: Reference.defaultTag) : self
    }

    /// `WithTag`: the same name (and digest, if any) with the given tag.
    public func withTag(_ tag: String) throws(ReferenceError) -> NamedReference {
        guard Grammar.anchoredTag.matches(tag.utf8) else { throw .invalidTagFormat }
        return NamedReference(domain: domain, path: path, tag: tag, digest: digest)
    }

    /// `WithDigest`: the same name (and tag, if any) with the given digest. Like upstream,
    /// only the digest's syntax is checked here, not its algorithm.
    public func withDigest(_ digest: String) throws(ReferenceError) -> NamedReference {
        guard Grammar.anchoredDigest.matches(digest.utf8) else { throw .invalidDigestFormat }
        return NamedReference(domain: domain, path: path, tag: tag, digest: ReferenceDigest(unvalidated: digest))
    }
}

/// Any reference: a named one, or a bare digest (what `Reference.parseAnyReference` gives
/// for an image ID such as `sha256:<64 hex>` or a bare 64-hex ID).
public enum AnyReference: Hashable, Sendable, CustomStringConvertible {
    case named(NamedReference)
    case digestOnly(ReferenceDigest)

    /// The named reference, or `nil` for a bare digest.
    public var named: NamedReference? {
        if case .named(let named) = self { return named }
        return nil
    }

    /// The tag, if any.
    public var tag: String? { named?.tag }

    /// The digest, if any.
    public var digest: ReferenceDigest? {
        switch self {
        case .named(let named): named.digest
        case .digestOnly(let digest): digest
        }
    }

    /// `String()`.
    public var string: String {
        switch self {
        case .named(let named): named.string
        case .digestOnly(let digest): digest.string
        }
    }

    public var description: String { string }

    /// `FamiliarString`: a bare digest has no familiar form and is shown as it is.
    public var familiarString: String {
        switch self {
        case .named(let named): named.familiarString
        case .digestOnly(let digest): digest.string
        }
    }
}
