/// The local image store: images by ID, tags, repo digests, parent links and the layer store.
/// A value type; every collection is a copy-on-write dictionary so snapshots are cheap.
public struct ImageStore: Hashable, Sendable {
    public internal(set) var images: [ImageID: Image] = [:]
    /// Familiar tag (`myapp:latest`) -> image.
    public private(set) var tags: [String: ImageID] = [:]
    /// Parent -> children (classic-builder parent links).
    public private(set) var children: [ImageID: Set<ImageID>] = [:]
    /// The layer store, keyed by chain ID.
    public private(set) var layers: [ChainID: StoredLayer] = [:]
    /// Layer contents by diff ID (shared by every chain that uses the same diff).
    public private(set) var layerContents: [DiffID: Layer] = [:]
    /// Each image's top chain ID, so a child image (classic step) extends its parent's chain
    /// instead of rehashing the whole chain.
    private(set) var topChain: [ImageID: ChainID] = [:]

    public init() {}

    // MARK: Adding

    /// Registers an image whose layers are given (bottom first, matching `rootfs.diff_ids`).
    /// Adding an image that is already present only merges its repo digests.
    public mutating func add(_ image: Image, layers imageLayers: [Layer]) {
        if var existing = images[image.id] {
            for d in image.repoDigests where !existing.repoDigests.contains(d) { existing.repoDigests.append(d) }
            images[image.id] = existing
            return
        }
        var parentChain: ChainID?
        var remaining = imageLayers[...]
        if let parent = image.parent, let parentImage = images[parent], let parentTop = topChain[parent],
           parentImage.config.diffIDs.count <= imageLayers.count,
           zip(parentImage.config.diffIDs, imageLayers).allSatisfy({ $0 == $1.diffID }) {
            parentChain = parentTop
            remaining = imageLayers.dropFirst(parentImage.config.diffIDs.count)
        }
        for layer in remaining {
            let chainID = ChainID.next(parent: parentChain, layer.diffID)
            if layers[chainID] == nil {
                layers[chainID] = StoredLayer(chainID: chainID, diffID: layer.diffID, parent: parentChain, referenceCount: 0)
                if let parentChain { layers[parentChain]?.referenceCount += 1 }
                if layerContents[layer.diffID] == nil { layerContents[layer.diffID] = layer }
            }
            parentChain = chainID
        }
        if let top = parentChain {
            layers[top]?.referenceCount += 1
            topChain[image.id] = top
        }
        images[image.id] = image
        if let parent = image.parent { children[parent, default: []].insert(image.id) }
    }

    /// The layers of an image, bottom first.
    public func layers(of id: ImageID) -> [Layer] {
        guard let image = images[id] else { return [] }
        return image.config.diffIDs.compactMap { layerContents[$0] }
    }

    /// The union view of an image's filesystem.
    public func rootfs(of id: ImageID) -> FileTree { Layer.union(layers(of: id)) }

    /// Uncompressed size of an image: the sum of all its layers (shared layers counted in
    /// every image, as `docker images` does).
    public func size(of id: ImageID) -> Int64 {
        guard let image = images[id] else { return 0 }
        return image.config.diffIDs.reduce(0) { $0 + (layerContents[$1]?.size ?? 0) }
    }

    // MARK: Lookups

    /// Tags pointing at an image, sorted.
    public func tags(of id: ImageID) -> [String] {
        tags.filter { $0.value == id }.map(\.key).sorted()
    }

    /// Resolves a name or ID as the daemon does (`lookup(_:)`, which also says why not).
    public func resolve(_ refOrID: String) -> ImageID? {
        try? lookup(refOrID).get()
    }

    /// Images with no tag and no repo digest. `intermediate` tells whether it has children
    /// (classic step images, listed only by `docker images -a`).
    public func untaggedImages() -> [(id: ImageID, intermediate: Bool)] {
        let tagged = Set(tags.values)
        return images.values
            .filter { !tagged.contains($0.id) && $0.repoDigests.isEmpty }
            .map { ($0.id, !(children[$0.id]?.isEmpty ?? true)) }
            .sorted { $0.id < $1.id }
    }

    /// Dangling images as `docker images --filter dangling=true` lists them: no tag and no
    /// children (§3.2).
    public var danglingImages: [ImageID] {
        untaggedImages().filter { !$0.intermediate }.map(\.id)
    }

    // MARK: Tags

    /// Points a tag at an image (the builder's `-t`).
    public mutating func setTag(_ name: String, to id: ImageID) {
        tags[FamiliarName.normalize(name)] = id
    }

    /// Removes a tag without deleting anything (returns whether it existed).
    @discardableResult
    public mutating func untag(_ name: String) -> Bool {
        tags.removeValue(forKey: FamiliarName.normalize(name)) != nil
    }

    // MARK: Deleting (internal helpers used by rmi/prune)

    /// Deletes an image record and releases its layers; returns the chain IDs that were
    /// actually removed (top first, as `Deleted:` lines list them).
    mutating func deleteImageRecord(_ id: ImageID) -> [ChainID] {
        guard let image = images.removeValue(forKey: id) else { return [] }
        let top = topChain.removeValue(forKey: id) ?? image.chainIDs.last
        for (name, target) in tags where target == id { tags.removeValue(forKey: name) }
        if let parent = image.parent {
            children[parent]?.remove(id)
            if children[parent]?.isEmpty == true { children.removeValue(forKey: parent) }
        }
        children.removeValue(forKey: id)
        var removed: [ChainID] = []
        var current = top
        while let chainID = current, var layer = layers[chainID] {
            layer.referenceCount -= 1
            if layer.referenceCount > 0 {
                layers[chainID] = layer
                break
            }
            layers.removeValue(forKey: chainID)
            removed.append(chainID)
            current = layer.parent
        }
        let usedDiffs = Set(layers.values.map(\.diffID))
        for diffID in layerContents.keys where !usedDiffs.contains(diffID) {
            layerContents.removeValue(forKey: diffID)
        }
        return removed
    }

    mutating func setRepoDigests(_ digests: [String], for id: ImageID) {
        images[id]?.repoDigests = digests
    }

    // MARK: Invariants

    /// Debug check: every tag resolves, every parent exists, every layer's content has the
    /// diff ID it is stored under, chains and reference counts add up. Returns the problems.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        for (name, id) in tags where images[id] == nil { problems.append("tag \(name) points at missing image \(id)") }
        var expectedRefs: [ChainID: Int] = [:]
        for image in images.values {
            if image.config.imageID != image.id { problems.append("image \(image.id) does not hash to its ID") }
            if let parent = image.parent, images[parent] == nil { problems.append("image \(image.id.short) has missing parent \(parent.short)") }
            let nonEmpty = image.config.history.filter { !$0.emptyLayer }.count
            if nonEmpty != image.config.diffIDs.count { problems.append("image \(image.id.short): \(nonEmpty) layer history entries for \(image.config.diffIDs.count) diff IDs") }
            let chain = image.chainIDs
            for c in chain where layers[c] == nil { problems.append("image \(image.id.short) uses missing layer \(c)") }
            if let top = chain.last { expectedRefs[top, default: 0] += 1 }
        }
        for layer in layers.values {
            if let parent = layer.parent {
                if layers[parent] == nil { problems.append("layer \(layer.chainID) has missing parent") }
                expectedRefs[parent, default: 0] += 1
            }
            guard let content = layerContents[layer.diffID] else {
                problems.append("layer \(layer.chainID) has no content")
                continue
            }
            if Layer(changes: content.changes).diffID != layer.diffID { problems.append("layer content does not hash to \(layer.diffID)") }
            if ChainID.next(parent: layer.parent, layer.diffID) != layer.chainID { problems.append("chain ID mismatch for \(layer.chainID)") }
        }
        for (chainID, layer) in layers where expectedRefs[chainID, default: 0] != layer.referenceCount {
            problems.append("layer \(chainID) has \(layer.referenceCount) references, expected \(expectedRefs[chainID, default: 0])")
        }
        for (parent, kids) in children {
            for kid in kids where images[kid]?.parent != parent { problems.append("stale child link \(parent.short) -> \(kid.short)") }
        }
        return problems
    }
}

/// Errors of image-store operations, worded as the daemon words them (the CLI adds
/// `Error response from daemon: `).
public enum ImageStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `No such image: foo:latest`.
    case noSuchImage(String)
    /// A `conflict: …` message from rmi.
    case conflict(String)

    public var description: String {
        switch self {
        case .noSuchImage(let name): return "No such image: \(name)"
        case .conflict(let message): return "conflict: \(message)"
        }
    }
}
