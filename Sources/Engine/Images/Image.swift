/// An image in the local store.
public struct Image: Hashable, Sendable {
    public let id: ImageID
    public let config: ImageConfig
    /// Digest references (`python@sha256:…`) for images that came from (or went to) a registry.
    public var repoDigests: [String]
    /// The local parent link (classic builder steps, `docker commit`). Like moby's image
    /// store metadata it is not part of the image: the config's `parent` field is ignored,
    /// so a pulled image has no parent even when its config still names one.
    public let parent: ImageID?

    public init(config: ImageConfig, repoDigests: [String] = [], parent: ImageID? = nil) {
        self.config = config
        self.id = config.imageID
        self.repoDigests = repoDigests
        self.parent = parent
    }

    /// An image whose ID was computed from the same config's canonical bytes already.
    init(config: ImageConfig, id: ImageID, parent: ImageID? = nil) {
        self.config = config
        self.id = id
        self.repoDigests = []
        self.parent = parent
    }

    public var created: Timestamp { config.created }

    /// Chain IDs of the image's layers, bottom first.
    public var chainIDs: [ChainID] { ChainID.chain(config.diffIDs) }
}

/// A layer as the layer store keeps it: keyed by chain ID, referencing its parent chain and
/// counted by the images and layers that sit on it.
public struct StoredLayer: Hashable, Sendable {
    public let chainID: ChainID
    public let diffID: DiffID
    public let parent: ChainID?
    /// Images whose top layer this is, plus layers directly above it.
    public internal(set) var referenceCount: Int
}

/// Minimal name normalisation until the `ImageReference` module lands: TO BE REPLACED by
/// ImageReference's parser. Turns `python` into `python:latest`, strips the implicit
/// `docker.io/library/` so names are kept in Docker's familiar form.
enum FamiliarName {
    /// `docker.io/library/python:3.13-slim` -> `python:3.13-slim`; `python` -> `python:latest`;
    /// digest references (`python@sha256:…`) are kept as they are.
    static func normalize(_ name: String) -> String {
        var s = name
        for prefix in ["docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count))
            break
        }
        if s.contains("@") { return s }
        let last = s.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(s)
        if !last.contains(":") { s += ":latest" }
        return s
    }

    /// The repository part of a familiar name (`python:3.13` -> `python`).
    static func repository(_ familiar: String) -> String {
        if let at = familiar.firstIndex(of: "@") { return String(familiar[..<at]) }
        let slash = familiar.lastIndex(of: "/")
        if let colon = familiar.lastIndex(of: ":"), slash.map({ $0 < colon }) ?? true { return String(familiar[..<colon]) }
        return familiar
    }

    /// The tag part (`python:3.13` -> `3.13`), nil for digest references.
    static func tag(_ familiar: String) -> String? {
        if familiar.contains("@") { return nil }
        let repo = repository(familiar)
        guard familiar.count > repo.count + 1 else { return nil }
        return String(familiar.dropFirst(repo.count + 1))
    }

    /// Fully qualified form for BuildKit vertex names (`docker.io/library/python:3.13`).
    static func qualified(_ familiar: String) -> String {
        let repo = repository(familiar)
        let firstComponent = repo.split(separator: "/").first.map(String.init) ?? repo
        let hasDomain = repo.contains("/") && (firstComponent.contains(".") || firstComponent.contains(":") || firstComponent == "localhost")
        if hasDomain { return familiar }
        return repo.contains("/") ? "docker.io/" + familiar : "docker.io/library/" + familiar
    }
}
