/// A content digest as it appears in a reference (`sha256:<64 hex>`), validated the way
/// go-digest v1.0.0 does with only sha256 registered.
public struct ReferenceDigest: Hashable, Sendable, CustomStringConvertible {
    /// The full text, `algorithm:encoded`.
    public let string: String

    init(unvalidated string: String) {
        self.string = string
    }

    /// Parses and validates a digest (go-digest's `Parse`).
    public static func parse(_ s: String) throws(ReferenceError) -> ReferenceDigest {
        let bytes = Array(s.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon + 1 != bytes.count else {
            throw .digestInvalidFormat
        }
        let algorithm = bytes[..<colon], encoded = bytes[(colon + 1)...]
        guard algorithm.elementsEqual("sha256".utf8) else {
            // Unknown algorithms (sha512 included: its hash is not linked in) are told apart
            // from garbage only by go-digest's general digest syntax.
            throw Grammar.goDigestAnchored.matches(bytes) ? .digestUnsupported : .digestInvalidFormat
        }
        guard encoded.count == 64 else { throw .digestInvalidLength }
        guard Grammar.anchoredIdentifier.matches(encoded) else { throw .digestInvalidFormat }
        return ReferenceDigest(unvalidated: s)
    }

    /// The algorithm, e.g. `sha256`.
    public var algorithm: String {
        String(string.prefix { $0 != ":" })
    }

    /// The hex part after the colon.
    public var encoded: String {
        guard let colon = string.firstIndex(of: ":") else { return "" }
        return String(string[string.index(after: colon)...])
    }

    public var description: String { string }
}
