/// BuildKit's build cache: results of vertices by cache key, kept apart from the image store
/// (removing an image keeps them; `docker builder prune` clears them). The classic builder has
/// no separate cache: its intermediate images in the `ImageStore` are its cache.
public struct BuildKitCache: Hashable, Sendable {
    /// Results by cache key.
    public private(set) var records: [Digest: CacheRecord] = [:]
    /// Layer contents the records refer to.
    public private(set) var layers: [DiffID: Layer] = [:]
    /// Base images BuildKit pulled into its own store (a BuildKit pull does not add the image
    /// to `docker images`), by familiar name.
    public private(set) var baseImages: [String: BaseImageRecord] = [:]
    /// Contents of `RUN --mount=type=cache` directories by cache ID, kept across builds (and
    /// shared by every Dockerfile that names the same ID) until pruned.
    public private(set) var cacheMounts: [String: CacheMountContent] = [:]

    public init() {}

    /// The record key under which a cache mount is listed (`docker buildx du`).
    static func cacheMountKey(_ id: String) -> Digest { Digest.sha256("exec.cachemount\u{0}" + id) }

    mutating func storeCacheMount(_ content: CacheMountContent, record: CacheRecord) {
        cacheMounts[content.id] = content
        records[record.key] = record
    }

    mutating func store(_ record: CacheRecord, layer: Layer?) {
        records[record.key] = record
        if let layer { layers[layer.diffID] = layer }
    }

    mutating func touch(_ key: Digest, at time: Timestamp) {
        records[key]?.lastUsed = time
        records[key]?.usageCount += 1
    }

    mutating func storeBase(_ record: BaseImageRecord, layers baseLayers: [Layer]) {
        baseImages[record.name] = record
        for layer in baseLayers { layers[layer.diffID] = layer }
    }

    /// Total size of the cache records' layers.
    public var size: Int64 {
        records.values.reduce(0) { $0 + $1.size }
    }

    /// `docker builder prune` (`all`: everything; otherwise records whose layer no image
    /// uses). Returns the removed records.
    /// `matching` narrows it to some records (`--filter type=...`); base images then stay.
    public mutating func prune(all: Bool, imageLayers: Set<DiffID>, matching: ((CacheRecord) -> Bool)? = nil) -> [CacheRecord] {
        let removed = records.values.filter { (all || !($0.diffID.map(imageLayers.contains) ?? false)) && matching?($0) != false }
        for record in removed { records.removeValue(forKey: record.key) }
        if all && matching == nil { baseImages.removeAll() }
        for (id, mount) in cacheMounts where records[BuildKitCache.cacheMountKey(mount.id)] == nil { cacheMounts.removeValue(forKey: id) }
        let referenced = Set(records.values.compactMap(\.diffID)).union(baseImages.values.flatMap(\.config.diffIDs))
        for diffID in layers.keys where !referenced.contains(diffID) { layers.removeValue(forKey: diffID) }
        return removed.sorted { $0.lastUsed > $1.lastUsed }
    }

    /// `docker system df` "Build Cache" row.
    public func diskUsage(imageLayers: Set<DiffID>) -> DiskUsage.Row {
        let inUse = records.values.filter { $0.diffID.map(imageLayers.contains) ?? false }
        return DiskUsage.Row(total: records.count, active: inUse.count, size: size, reclaimable: size - inUse.reduce(0) { $0 + $1.size })
    }
}

/// One BuildKit cache entry.
public struct CacheRecord: Hashable, Sendable {
    public let key: Digest
    /// The layer the vertex produced (nil for FROM).
    public let diffID: DiffID?
    public let size: Int64
    /// When the result was first produced: history `created` of cache hits (§1.5).
    public let created: Timestamp
    public var lastUsed: Timestamp
    public var usageCount: Int
    /// `[2/5] RUN pip install …`, as `docker builder du` describes records.
    public let description: String
    /// Short ID (BuildKit record IDs are 25 chars of base36).
    public let id: String
    /// BuildKit's record type: `regular`, or `exec.cachemount` for a cache mount's directory.
    public var recordType = "regular"
}

/// What a cache mount holds: paths relative to the mount point (`/http-v2/a/b.body`).
public struct CacheMountContent: Hashable, Sendable {
    public var id: String
    public var files: FileTree
    /// The mount point directory's owner and mode (from `uid`, `gid`, `mode`).
    public var root: FileNode
    public var size: Int64 { files.entries.values.reduce(0) { $0 + $1.size } }
}

/// A base image known to BuildKit's store.
public struct BaseImageRecord: Hashable, Sendable {
    public let name: String
    public let config: ImageConfig
    public let manifestDigest: ManifestDigest
}

/// What a previous build did at one step, to explain the next build's misses.
public struct StepFingerprint: Hashable, Sendable {
    public var text: String
    /// Nil for a line that made no keyed step (BuildKit `WORKDIR /`).
    public var parts: CacheKeyParts?
}

/// What the previous build of one stage looked like, line by line, so that the next build's
/// misses are explained against the matching line rather than the same position.
public struct StageFingerprint: Hashable, Sendable {
    public var from: StepFingerprint
    /// The lines that can make a keyed step, in order: BuildKit's RUN, COPY/ADD and WORKDIR;
    /// every instruction for the classic builder. ONBUILD triggers come first.
    public var steps: [StepFingerprint]
}

/// Deterministic IDs for containers, BuildKit record IDs and the like.
public struct IDGenerator: Hashable, Sendable {
    public var seed: String
    public private(set) var counter: UInt64 = 0
    public init(seed: String = "dockyard") { self.seed = seed }

    /// A 64-hex ID (containers).
    public mutating func next64() -> String {
        counter += 1
        return Digest.sha256("\(seed)#\(counter)").hex
    }

    /// A 25-character base36 ID (BuildKit refs and cache records).
    public mutating func next25() -> String {
        let bytes = SHA256.hash(Array("\(seed)/\(counter)".utf8))
        counter += 1
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String(bytes.prefix(25).map { alphabet[Int($0) % 36] })
    }
}
