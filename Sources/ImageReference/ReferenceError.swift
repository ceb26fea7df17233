/// Why a string is not a valid image reference. `description` is the exact `err.Error()` text
/// of distribution/reference (and go-digest), because Docker prints it as is.
public enum ReferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `invalid reference format`: the string does not fit the grammar.
    case invalidReferenceFormat
    /// `invalid tag format` (only from `withTag`).
    case invalidTagFormat
    /// `invalid digest format` (only from `withDigest`).
    case invalidDigestFormat
    /// `repository name must be lowercase`: the string fits the grammar once lower-cased.
    case nameContainsUppercase
    /// `repository name must have at least one component`: the empty string.
    case nameEmpty
    /// `repository name must not be more than 255 characters` (the path, in bytes).
    case nameTooLong
    /// `repository name must be canonical` (only from `parseNamed`).
    case nameNotCanonical
    /// `invalid reference format: repository name (REMOTE) must be lowercase`, from the
    /// normalizing parsers, which check the repository part before the grammar.
    case repositoryNameNotLowercase(String)
    /// `invalid repository name (HEX), cannot specify 64-byte hexadecimal strings`: a bare
    /// image ID where a name is expected.
    case hexadecimalRepositoryName(String)
    /// `invalid checksum digest format` (go-digest).
    case digestInvalidFormat
    /// `invalid checksum digest length` (go-digest).
    case digestInvalidLength
    /// `unsupported digest algorithm` (go-digest; only sha256 is registered).
    case digestUnsupported
    /// `reference REF has no name`.
    case referenceHasNoName(String)
    /// `syntax error in pattern` (Go's `path.ErrBadPattern`, from `familiarMatch`).
    case badPattern

    public var description: String {
        switch self {
        case .invalidReferenceFormat: "invalid reference format"
        case .invalidTagFormat: "invalid tag format"
        case .invalidDigestFormat: "invalid digest format"
        case .nameContainsUppercase: "repository name must be lowercase"
        case .nameEmpty: "repository name must have at least one component"
        case .nameTooLong: "repository name must not be more than \(Reference.maxRepositoryNameLength) characters"
        case .nameNotCanonical: "repository name must be canonical"
        case .repositoryNameNotLowercase(let remote): "invalid reference format: repository name (\(remote)) must be lowercase"
        case .hexadecimalRepositoryName(let name): "invalid repository name (\(name)), cannot specify 64-byte hexadecimal strings"
        case .digestInvalidFormat: "invalid checksum digest format"
        case .digestInvalidLength: "invalid checksum digest length"
        case .digestUnsupported: "unsupported digest algorithm"
        case .referenceHasNoName(let ref): "reference \(ref) has no name"
        case .badPattern: "syntax error in pattern"
        }
    }
}
