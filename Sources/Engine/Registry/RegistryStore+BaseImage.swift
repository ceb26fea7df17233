import ImageReference

/// An image as a registry serves it to a build's `FROM`: the same members the builder used
/// to take from the catalog, so catalog images (served from Docker Hub's `library/`) and a
/// learner's pushed images come down the same path.
public struct RegistryImage: Sendable {
    public let config: ImageConfig
    public let layers: [Layer]
    public let manifestDigest: ManifestDigest
    /// The repository it came from, familiar (`python`, `alice/app`, `localhost:5000/app`).
    public let familiarRepository: String

    public var imageID: ImageID { config.imageID }

    /// `repo@sha256:…` (the name is ignored: the digest belongs to the repository pulled).
    public func repoDigest(for name: String) -> String {
        familiarRepository + "@" + manifestDigest.digest.string
    }
}

extension RegistryStore {
    /// Resolves a `FROM` name on the registries: Docker Hub's catalog images and whatever
    /// learners pushed anywhere. Names that do not parse are unknown repositories, as the
    /// catalog answered before.
    public func baseImage(_ name: String) -> Result<RegistryImage, CatalogLookupError> {
        guard let named = try? Reference.parseNormalizedNamed(name) else { return .failure(.unknownRepository(name)) }
        let ref = named.digest == nil ? named.tagNameOnly : named
        let repository = ref.familiarName
        guard let registry = registries[ref.domain], registry.repositories[ref.path] != nil else {
            return .failure(.unknownRepository(repository))
        }
        guard let manifest = registry.manifest(repository: ref.path, tag: ref.tag, digest: ref.digest?.string) else {
            return .failure(.unknownTag(repository: repository, tag: ref.digest?.string ?? ref.tag ?? Reference.defaultTag))
        }
        let layers = manifest.layers.compactMap { registry.blobs[$0.blobDigest] }
        guard layers.count == manifest.layers.count else { return .failure(.unknownRepository(repository)) }
        return .success(RegistryImage(config: manifest.config, layers: layers, manifestDigest: manifest.digest, familiarRepository: repository))
    }
}
