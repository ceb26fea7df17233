/// The grammar of distribution/reference (`regexp.go`) and go-digest v1.0.0, piece by piece
/// with the upstream names, so the two can be compared side by side.
enum Grammar {
    /// `[a-z0-9]+`: path components are lower case only.
    static let alphanumeric = Pattern.oneOrMore(.set("a-z0-9"))

    /// One period, one or two underscores, or any number of dashes, tried in that order.
    static let separator = Pattern.choice([.set("._"), .literal("__"), .oneOrMore(.set("-"))])

    /// `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`: upper case is allowed in a domain.
    static let domainNameComponent = Pattern.choice([
        .set("a-zA-Z0-9"),
        .sequence([.set("a-zA-Z0-9"), .repetition(.set("a-zA-Z0-9-"), min: 0, max: nil), .set("a-zA-Z0-9")]),
    ])

    static let optionalPort = Pattern.optional(.literal(":"), .oneOrMore(.set("0-9")))

    /// `[\w][\w.-]{0,127}`: at most 128 characters, upper case allowed.
    static let tag = Pattern.sequence([.set("A-Za-z0-9_"), .repetition(.set("A-Za-z0-9_.-"), min: 0, max: 127)])

    /// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`
    static let digest: Pattern = {
        let component = Pattern.sequence([.set("A-Za-z"), .repetition(.set("A-Za-z0-9"), min: 0, max: nil)])
        return .sequence([
            component,
            .anyTimes(.set("-_+."), component),
            .literal(":"),
            .repetition(.set("0-9a-fA-F"), min: 32, max: nil),
        ])
    }()

    /// `[a-f0-9]{64}`: an image ID without its algorithm.
    static let identifier = Pattern.repetition(.set("a-f0-9"), min: 64, max: 64)

    /// `\[(?:[a-fA-F0-9:]+)\]`
    static let ipv6Address = Pattern.sequence([.literal("["), .oneOrMore(.set("a-fA-F0-9:")), .literal("]")])

    static let domainName = Pattern.sequence([domainNameComponent, .anyTimes(.literal("."), domainNameComponent)])
    static let host = Pattern.choice([domainName, ipv6Address])
    static let domainAndPort = Pattern.sequence([host, optionalPort])

    static let pathComponent = Pattern.sequence([alphanumeric, .anyTimes(separator, alphanumeric)])
    static let remoteName = Pattern.sequence([pathComponent, .anyTimes(.literal("/"), pathComponent)])
    static let name = Pattern.sequence([.optional(domainAndPort, .literal("/")), remoteName])

    /// `^(name)(?::(tag))?(?:@(digest))?$`
    static let referencePattern = Pattern.sequence([
        .capture(name),
        .optional(.literal(":"), .capture(tag)),
        .optional(.literal("@"), .capture(digest)),
    ])
    static let reference = AnchoredRegex(referencePattern)

    /// `^(?:(domainAndPort)/)?(remoteName)$`
    static let anchoredNamePattern = Pattern.sequence([
        .optional(.capture(domainAndPort), .literal("/")),
        .capture(remoteName),
    ])
    static let anchoredName = AnchoredRegex(anchoredNamePattern)

    static let anchoredTag = AnchoredRegex(tag)
    static let anchoredDigest = AnchoredRegex(digest)
    static let anchoredIdentifier = AnchoredRegex(identifier)

    /// go-digest's `DigestRegexpAnchored`: `^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$`.
    static let goDigestPattern = Pattern.sequence([
        .oneOrMore(.set("a-z0-9")),
        .anyTimes(.set(".+_-"), .oneOrMore(.set("a-z0-9"))),
        .literal(":"),
        .oneOrMore(.set("a-zA-Z0-9=_-")),
    ])
    static let goDigestAnchored = AnchoredRegex(goDigestPattern)
}
