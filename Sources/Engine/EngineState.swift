/// The whole engine as one value: image store, both builders' caches, the base-image
/// catalog, the clock and the ID generator. Copying it is cheap (every collection inside is a
/// copy-on-write dictionary), so REPL undo/redo and lesson resets just keep earlier values.
public struct EngineState: Sendable, Equatable {
    /// Local images, tags and layers. Also the classic builder's cache (intermediate images
    /// with parent links).
    public var images: ImageStore
    /// BuildKit's cache.
    public var buildKitCache: BuildKitCache
    /// Per builder, Dockerfile and stage, what the last build of that stage looked like.
    public var fingerprints: [String: StageFingerprint]
    /// The images `FROM` can pull (read-only data; the registry work will sit beside it).
    public let catalog: BaseImageCatalog
    public var clock: SimulatedClock
    public var ids: IDGenerator
    /// Simulated remote registries (Docker Hub holds the catalog) and the CLI's logins.
    public var registries: RegistryStore
    /// The last build's result, for `explain` and lesson checks.
    public var lastBuild: BuildResult?
    /// Containers and the interactive shell attached to one, if any.
    public var containers: ContainerStore
    /// Memo of file checksums (a pure function of the entry), as BuildKit keeps its
    /// content-hash cache between builds; bounded, and not part of equality.
    var contentChecksums: [FileNode: Digest] = [:]
    /// The last config BuildKit exported and its ID: a fully cached rebuild reproduces the
    /// same config, and comparing is far cheaper than serializing and hashing it again.
    var lastExport: (config: ImageConfig, id: ImageID)?
    /// Checksum summaries of recently copied directories (a pure function of the source tree,
    /// the directory, the excludes and the builder), so a cached `COPY . .` of a large context
    /// does not rehash every file at each rebuild. Compared by value: an unchanged context
    /// shares its storage, which makes the comparison cheap. Not part of equality.
    var directorySummaries: [DirectorySummary] = []

    mutating func rememberDirectorySummary(_ summary: DirectorySummary) {
        if directorySummaries.count >= 8 { directorySummaries.removeFirst() }
        directorySummaries.append(summary)
    }

    mutating func rememberChecksum(_ digest: Digest, for node: FileNode) {
        if contentChecksums.count >= 200_000 { contentChecksums.removeAll(keepingCapacity: true) }
        contentChecksums[node] = digest
    }

    public init(clock: SimulatedClock = SimulatedClock(), seed: String = "dockyard", catalog: BaseImageCatalog = .standard) {
        self.images = ImageStore()
        self.buildKitCache = BuildKitCache()
        self.fingerprints = [:]
        self.catalog = catalog
        self.clock = clock
        self.ids = IDGenerator(seed: seed)
        self.lastBuild = nil
        self.containers = ContainerStore()
        self.registries = RegistryStore(catalog: catalog)
    }

    public static func == (a: EngineState, b: EngineState) -> Bool {
        a.images == b.images && a.buildKitCache == b.buildKitCache && a.fingerprints == b.fingerprints
            && a.clock == b.clock && a.ids == b.ids && a.lastBuild == b.lastBuild
            && a.containers == b.containers && a.registries == b.registries
    }

    /// Debug check for tests: image store invariants plus cache consistency. Empty when all
    /// is well.
    public func checkInvariants() -> [String] {
        var problems = images.invariantViolations() + containers.invariantViolations() + registries.invariantViolations()
        for record in buildKitCache.records.values {
            if let diffID = record.diffID {
                guard let layer = buildKitCache.layers[diffID] else {
                    problems.append("cache record \(record.id) has no layer")
                    continue
                }
                if Layer(changes: layer.changes).diffID != diffID { problems.append("cache layer does not hash to \(diffID)") }
            }
        }
        return problems
    }

    /// `docker system df` figures for images and build cache.
    public func diskUsage(activeImages: Set<ImageID> = []) -> DiskUsage {
        let imageLayers = Set(images.images.values.flatMap(\.config.diffIDs))
        return DiskUsage(images: images.imageDiskUsage(activeImages: activeImages), buildCache: buildKitCache.diskUsage(imageLayers: imageLayers))
    }

    /// `docker builder prune [-a]`: removes BuildKit cache records; returns them.
    public mutating func pruneBuildCache(all: Bool, matching: ((CacheRecord) -> Bool)? = nil) -> [CacheRecord] {
        let imageLayers = Set(images.images.values.flatMap(\.config.diffIDs))
        return buildKitCache.prune(all: all, imageLayers: imageLayers, matching: matching)
    }
}
