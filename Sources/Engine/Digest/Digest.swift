/// A content digest as Docker writes it: `sha256:<64 lowercase hex>`.
public struct Digest: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 64 lowercase hex characters.
    public let hex: String

    /// Wraps already-validated hex; use `init?(parsing:)` for untrusted text.
    init(hex: String) { self.hex = hex }

    /// Parses `sha256:<64hex>` or bare `<64hex>`; nil for anything else.
    public init?(parsing text: String) {
        let hexPart = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        guard hexPart.utf8.count == 64, hexPart.utf8.allSatisfy({ Digest.isLowerHex($0) }) else { return nil }
        self.hex = hexPart
    }

    /// The SHA-256 digest of some bytes.
    public static func sha256<C: Collection>(_ bytes: C) -> Digest where C.Element == UInt8 {
        Digest(hex: hexString(SHA256.hash(bytes)))
    }

    /// The SHA-256 digest of a string's UTF-8 bytes.
    public static func sha256(_ string: String) -> Digest {
        var h = SHA256()
        h.update(string)
        return Digest(hex: hexString(h.finalize()))
    }

    /// Finishes an incremental hasher into a digest.
    public static func finishing(_ hasher: inout SHA256) -> Digest {
        Digest(hex: hexString(hasher.finalize()))
    }

    /// `sha256:<64hex>`.
    public var string: String { "sha256:" + hex }
    public var description: String { string }
    /// The 12-hex short form Docker prints in IMAGE ID columns.
    public var short: String { String(hex.prefix(12)) }

    public static func < (a: Digest, b: Digest) -> Bool { a.hex < b.hex }

    static func isLowerHex(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 97 && c <= 102) }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    static func hexString(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An image ID: the digest of the image's config JSON (graphdriver store, Engine 27/28).
public struct ImageID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let digest: Digest
    public init(_ digest: Digest) { self.digest = digest }
    public var description: String { digest.string }
    /// 12-hex form shown by `docker images`.
    public var short: String { digest.short }
    public static func < (a: ImageID, b: ImageID) -> Bool { a.digest < b.digest }
}

/// A layer's diff ID: the digest of its uncompressed (tar) change set, as listed in the image
/// config's `rootfs.diff_ids`.
public struct DiffID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let digest: Digest
    public init(_ digest: Digest) { self.digest = digest }
    public var description: String { digest.string }
    public static func < (a: DiffID, b: DiffID) -> Bool { a.digest < b.digest }
}

/// A chain ID: identifies a layer together with everything below it; the layer store's key.
public struct ChainID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let digest: Digest
    public init(_ digest: Digest) { self.digest = digest }
    public var description: String { digest.string }
    public static func < (a: ChainID, b: ChainID) -> Bool { a.digest < b.digest }

    /// The OCI identity rule (§10.1): `ChainID(L0) = DiffID(L0)`,
    /// `ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(Ln))`, hashing the string form.
    public static func chain(_ diffIDs: [DiffID]) -> [ChainID] {
        var out: [ChainID] = []
        out.reserveCapacity(diffIDs.count)
        for diffID in diffIDs {
            if let last = out.last {
                out.append(ChainID(Digest.sha256(last.digest.string + " " + diffID.digest.string)))
            } else {
                out.append(ChainID(diffID.digest))
            }
        }
        return out
    }

    /// The chain ID of one more layer on top of `parent` (nil parent = bottom layer).
    public static func next(parent: ChainID?, _ diffID: DiffID) -> ChainID {
        guard let parent else { return ChainID(diffID.digest) }
        return ChainID(Digest.sha256(parent.digest.string + " " + diffID.digest.string))
    }
}

/// A blob digest in a registry (the compressed layer), as listed in a manifest.
public struct BlobDigest: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let digest: Digest
    public init(_ digest: Digest) { self.digest = digest }
    public var description: String { digest.string }
    public static func < (a: BlobDigest, b: BlobDigest) -> Bool { a.digest < b.digest }
}

/// A manifest (repo) digest: what `docker pull` prints as `Digest:` and `--digests` shows.
public struct ManifestDigest: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let digest: Digest
    public init(_ digest: Digest) { self.digest = digest }
    public var description: String { digest.string }
    public static func < (a: ManifestDigest, b: ManifestDigest) -> Bool { a.digest < b.digest }
}
