/// Schema-2 image manifests as a registry stores them.

/// One layer entry of a manifest: the compressed blob and, for the simulator's own use, the
/// layer it decompresses to.
public struct ManifestLayer: Hashable, Sendable {
    public let blobDigest: BlobDigest
    /// Size of the compressed blob (what the manifest's `size` says).
    public let size: Int64
    public let diffID: DiffID

    public init(_ layer: Layer) {
        self.blobDigest = layer.blobDigest
        self.size = layer.compressedSize
        self.diffID = layer.diffID
    }
}

/// A `application/vnd.docker.distribution.manifest.v2+json` manifest: the image config plus
/// its layer blobs, with the exact bytes the registry serves (their SHA-256 is the digest
/// `docker pull` prints and `RepoDigests` records).
public struct RegistryManifest: Hashable, Sendable {
    public static let mediaType = "application/vnd.docker.distribution.manifest.v2+json"
    public static let configMediaType = "application/vnd.docker.container.image.v1+json"
    public static let layerMediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip"

    public let config: ImageConfig
    public let layers: [ManifestLayer]
    /// The bytes as served.
    public let bytes: [UInt8]
    public let digest: ManifestDigest

    /// The manifest `docker push` writes: distribution's schema2 manifest marshalled with
    /// three-space indentation, which is why its size is exactly
    /// `313 + digits(configSize) + Σ(204 + digits(layerSize))` (docker-behavior.md §7).
    public init(config: ImageConfig, layers: [Layer]) {
        let configBytes = config.canonicalJSON()
        let configDigest = Digest.sha256(configBytes)
        let configSize = configBytes.count
        self.config = config
        self.layers = layers.map(ManifestLayer.init)
        var s = "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"\(Self.mediaType)\",\n   \"config\": {\n"
        s += "      \"mediaType\": \"\(Self.configMediaType)\",\n      \"size\": \(configSize),\n      \"digest\": \"\(configDigest.string)\"\n   },\n"
        s += "   \"layers\": ["
        for (i, layer) in self.layers.enumerated() {
            s += i == 0 ? "\n" : ",\n"
            s += "      {\n         \"mediaType\": \"\(Self.layerMediaType)\",\n         \"size\": \(layer.size),\n         \"digest\": \"\(layer.blobDigest.digest.string)\"\n      }"
        }
        s += self.layers.isEmpty ? "]\n}" : "\n   ]\n}"
        self.bytes = Array(s.utf8)
        self.digest = ManifestDigest(Digest.sha256(bytes))
    }

    /// A catalog image's manifest, served with the catalog's own bytes so that the digest
    /// matches the one `FROM` records.
    init(catalogImage image: CatalogImage) {
        // The config's digest and size are computed on demand: hashing every catalog
        // config up front would slow the engine's start.
        self.config = image.config
        self.layers = image.layers.map(ManifestLayer.init)
        self.bytes = image.manifest
        self.digest = image.manifestDigest
    }

    /// The config blob's digest (equal to the image ID's digest).
    public var configDigest: Digest { config.imageID.digest }
    /// The config blob's size in bytes.
    public var configSize: Int { config.canonicalJSON().count }

    /// The image ID a pull of this manifest gives.
    public var imageID: ImageID { config.imageID }
}
