/// `docker rmi` and `docker image prune` semantics (moby `daemon/images/image_delete.go`).

/// A container's use of an image, for rmi/prune conflict checks.
public struct ImageUse: Hashable, Sendable {
    public var containerID: String
    public var running: Bool
    public init(containerID: String, running: Bool) {
        self.containerID = containerID
        self.running = running
    }
}

/// One line of rmi/prune output.
public enum RemovalRecord: Hashable, Sendable {
    /// `Untagged: <familiar ref>`.
    case untagged(String)
    /// `Deleted: sha256:<hex>` (image IDs and layer chain IDs alike).
    case deleted(Digest)
}

/// What `docker image prune` removed.
public struct PruneReport: Hashable, Sendable {
    public var records: [RemovalRecord]
    /// Bytes of layers actually freed.
    public var reclaimedBytes: Int64
}

extension ImageStore {
    /// `docker rmi [-f] REF` for one argument. `containers` says which images containers use.
    public mutating func remove(_ refOrID: String, force: Bool = false, prune: Bool = true, containers: [ImageID: [ImageUse]] = [:]) throws(ImageStoreError) -> [RemovalRecord] {
        guard let id = resolve(refOrID) else { throw .noSuchImage(FamiliarName.normalize(refOrID)) }
        var records: [RemovalRecord] = []
        let byID = isIDReference(refOrID, id)
        var refs = references(of: id)
        let uses = containers[id] ?? []

        if !byID {
            let name = FamiliarName.normalize(refOrID)
            if !force && refs.count == 1, let use = uses.first {
                throw .conflict("unable to remove repository reference \"\(refOrID)\" (must force) - container \(String(use.containerID.prefix(12))) is using its referenced image \(id.short)")
            }
            if name.contains("@") {
                images[id]?.repoDigests.removeAll { $0 == name }
            } else {
                untag(name)
            }
            records.append(.untagged(name))
            // A removed tag takes the digest references of the same repository with it when
            // no other tag of that repository remains.
            let repo = FamiliarName.repository(name)
            if !name.contains("@"), !tags(of: id).contains(where: { FamiliarName.repository($0) == repo }) {
                for digestRef in images[id]?.repoDigests ?? [] where FamiliarName.repository(digestRef) == repo {
                    records.append(.untagged(digestRef))
                }
                images[id]?.repoDigests.removeAll { FamiliarName.repository($0) == repo }
            }
            refs = references(of: id)
            if !refs.isEmpty { return records }
        } else if !refs.isEmpty {
            let repos = Set(refs.map(FamiliarName.repository))
            if !force && (repos.count > 1 || tags(of: id).count > 1) {
                throw .conflict("unable to delete \(id.short) (must be forced) - image is referenced in multiple repositories")
            }
        }
        try deleteHelper(id, force: force, prune: prune, quiet: false, containers: containers, records: &records)
        return records
    }

    private func isIDReference(_ refOrID: String, _ id: ImageID) -> Bool {
        var s = refOrID
        if s.hasPrefix("sha256:") { s = String(s.dropFirst(7)) }
        return id.digest.hex.hasPrefix(s) && tags[FamiliarName.normalize(refOrID)] == nil
    }

    /// Tag and digest references of an image.
    func references(of id: ImageID) -> [String] {
        tags(of: id) + (images[id]?.repoDigests ?? [])
    }

    private mutating func deleteHelper(_ id: ImageID, force: Bool, prune: Bool, quiet: Bool, containers: [ImageID: [ImageUse]], records: inout [RemovalRecord]) throws(ImageStoreError) {
        var current: ImageID? = id
        var isFirst = !quiet
        while let target = current {
            let uses = containers[target] ?? []
            var conflict: String?
            if !(children[target]?.isEmpty ?? true) {
                conflict = "unable to delete \(target.short) (cannot be forced) - image has dependent child images"
            } else if let running = uses.first(where: \.running) {
                conflict = "unable to delete \(target.short) (cannot be forced) - image is being used by running container \(String(running.containerID.prefix(12)))"
            } else if !force || !isFirst, let stopped = uses.first {
                conflict = "unable to delete \(target.short) (must be forced) - image is being used by stopped container \(String(stopped.containerID.prefix(12)))"
            } else if !isFirst && !references(of: target).isEmpty {
                conflict = "referenced"
            }
            if let conflict {
                // Parent pruning stops silently at the first image still in use.
                if !isFirst { return }
                throw .conflict(conflict)
            }
            for ref in references(of: target) { records.append(.untagged(ref)) }
            let parent = images[target]?.parent
            let removedLayers = deleteImageRecord(target)
            records.append(.deleted(target.digest))
            for chainID in removedLayers { records.append(.deleted(chainID.digest)) }
            guard prune, let parent else { return }
            current = parent
            isFirst = false
        }
    }

    /// `docker image prune [-a]`: dangling images (or, with `all`, every image no container
    /// uses), each removed as rmi would, parents included.
    public mutating func prune(all: Bool, containers: [ImageID: [ImageUse]] = [:]) -> PruneReport {
        var before: [ChainID: Int64] = [:]
        for (chainID, layer) in layers { before[chainID] = layerContents[layer.diffID]?.size ?? 0 }
        var records: [RemovalRecord] = []
        var progress = true
        while progress {
            progress = false
            let candidates: [ImageID]
            if all {
                candidates = images.keys.filter { (containers[$0] ?? []).isEmpty && (children[$0]?.isEmpty ?? true) }.sorted()
            } else {
                candidates = danglingImages.filter { (containers[$0] ?? []).isEmpty }
            }
            for id in candidates where images[id] != nil {
                var sub: [RemovalRecord] = []
                for ref in references(of: id) { sub.append(.untagged(ref)) }
                var trial = self
                for name in trial.tags(of: id) { trial.untag(name) }
                trial.images[id]?.repoDigests = []
                do {
                    try trial.deleteHelper(id, force: false, prune: true, quiet: false, containers: containers, records: &sub)
                } catch {
                    continue
                }
                self = trial
                records.append(contentsOf: sub)
                progress = true
            }
            // Dangling-only pruning is one pass: what it frees are the dangling images.
            if !all { break }
        }
        let reclaimed = before.filter { layers[$0.key] == nil }.reduce(Int64(0)) { $0 + $1.value }
        return PruneReport(records: records, reclaimedBytes: reclaimed)
    }
}
