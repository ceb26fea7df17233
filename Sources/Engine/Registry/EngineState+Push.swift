import ImageReference

/// What `docker push` did, for the CLI to render.
public struct PushReport: Hashable, Sendable {
    /// One tag pushed.
    public struct Block: Hashable, Sendable {
        public let tag: String
        public let events: [TransferEvent]
        public let digest: ManifestDigest
        /// Manifest size in bytes.
        public let size: Int
    }

    /// Canonical repository without tag (`docker.io/user/app`).
    public let repository: String
    public let blocks: [Block]
    /// Lines printed before a refusal (`Preparing`, `Waiting`), when `error` is set.
    public let deniedEvents: [TransferEvent]
    /// An error in the progress stream (`denied: …`), after `deniedEvents`.
    public let error: RegistryError?
    public let createdRegistry: Bool
    public let seconds: Double
}

extension EngineState {
    /// The local tags (familiar, sorted) of a repository (`user/app` -> `user/app:1.0`, …).
    public func localTags(ofRepository familiarRepository: String) -> [String] {
        images.tags.keys.filter { FamiliarName.repository($0) == familiarRepository && !$0.contains("@") }.sorted()
    }

    /// Whether the logged-in user may push to a repository.
    public func mayPush(host: String, repository path: String) -> Bool {
        guard let registry = registries.registries[host] else { return false }
        let user = registries.loggedInUser(host: host)
        switch registry.policy {
        case .open: return true
        case .loginRequired: return user != nil
        case .dockerHub:
            let namespace = path.split(separator: "/").first.map(String.init) ?? path
            return user != nil && namespace == user && namespace != "library"
        }
    }

    /// `docker push REF` (a tag, or every local tag of the repository with `allTags`).
    ///
    /// Layers are listed top first. A blob the repository already links is `Layer already
    /// exists`; one another repository of the same registry holds is mounted (`Mounted from
    /// library/python`, preferring the repository the layer was pulled from); the rest are
    /// uploaded, 5 at a time. A refusal comes after the `Preparing`/`Waiting` lines.
    public mutating func push(_ ref: NamedReference, allTags: Bool = false) throws(RegistryError) -> PushReport {
        let host = ref.domain.isEmpty ? Reference.defaultDomain : ref.domain
        let createdRegistry = registries.ensureRegistry(host)
        let familiarRepo = ref.familiarName
        let local = localTags(ofRepository: familiarRepo)
        guard !local.isEmpty else { throw .noLocalImage(repository: familiarRepo) }
        var tags: [String]
        if allTags {
            tags = local.compactMap { FamiliarName.tag($0) }
        } else {
            let tag = ref.tag ?? Reference.defaultTag
            guard local.contains(familiarRepo + ":" + tag) else { throw .tagDoesNotExist(reference: ref.familiarString) }
            tags = [tag]
        }
        tags.sort()

        var blocks: [PushReport.Block] = []
        var seconds = TransferSchedule.requestOverhead
        var bytes: Int64 = 0
        var moved = 0, skipped = 0
        for tag in tags {
            guard let id = images.tags[familiarRepo + ":" + tag], let image = images.images[id] else { continue }
            let layers = images.layers(of: id)
            guard layers.count == image.config.diffIDs.count else { continue }
            var topFirst: [Layer] = []
            var seen: Set<DiffID> = []
            for layer in layers.reversed() where seen.insert(layer.diffID).inserted { topFirst.append(layer) }
            var events = topFirst.map { TransferEvent(layerID: $0.diffID.digest.short, status: "Preparing") }
            for layer in topFirst.dropFirst(TransferSchedule.maxConcurrentUploads) {
                events.append(TransferEvent(layerID: layer.diffID.digest.short, status: "Waiting"))
            }
            guard mayPush(host: host, repository: ref.path) else {
                clock.advance(by: seconds)
                return PushReport(repository: ref.name, blocks: blocks, deniedEvents: events, error: .pushDenied, createdRegistry: createdRegistry, seconds: seconds)
            }
            guard var registry = registries.registries[host] else { continue }
            let base = registry.closestBase(of: layers.map(\.blobDigest), except: ref.path)
            var outcomes: [String] = []
            var sizes: [Int64?] = []
            for layer in topFirst {
                if registry.repositories[ref.path]?.blobs.contains(layer.blobDigest) == true {
                    outcomes.append("Layer already exists")
                    sizes.append(nil)
                    skipped += 1
                } else if registry.blobs[layer.blobDigest] != nil {
                    let holders = registry.repositories(holding: layer.blobDigest, except: ref.path)
                    let preferred = registries.layerSources[layer.diffID]?.first { $0.host == host && holders.contains($0.repository) }
                    let source = preferred?.repository ?? base.flatMap { holders.contains($0) ? $0 : nil } ?? holders.first
                    outcomes.append(source.map { "Mounted from \($0)" } ?? "Layer already exists")
                    registry.link(layer.blobDigest, into: ref.path)
                    sizes.append(nil)
                    skipped += 1
                } else {
                    outcomes.append("Pushed")
                    sizes.append(layer.compressedSize)
                    bytes += layer.compressedSize
                    moved += 1
                }
            }
            let finish = TransferSchedule.finishTimes(sizes: sizes, bandwidth: TransferSchedule.uploadBandwidth, maxConcurrent: TransferSchedule.maxConcurrentUploads)
            let order = finish.indices.sorted { (finish[$0], $0) < (finish[$1], $1) }
            events += order.map { TransferEvent(layerID: topFirst[$0].diffID.digest.short, status: outcomes[$0]) }
            seconds += finish.max() ?? 0

            let manifest = RegistryManifest(config: image.config, layers: layers)
            registry.put(manifest, layers: layers, repository: ref.path, tag: tag)
            registries.registries[host] = registry
            images.add(Image(config: image.config, repoDigests: [familiarRepo + "@" + manifest.digest.digest.string]), layers: layers)
            for layer in layers { registries.recordSource(layer.diffID, RegistryLocation(host: host, repository: ref.path)) }
            blocks.append(.init(tag: tag, events: events, digest: manifest.digest, size: manifest.bytes.count))
        }
        clock.advance(by: seconds)
        registries.lastTransfer = TransferRecord(kind: .push, reference: allTags ? ref.name : ref.name + ":" + (tags.first ?? Reference.defaultTag), bytesTransferred: bytes, layersTransferred: moved, layersSkipped: skipped, seconds: seconds)
        return PushReport(repository: ref.name, blocks: blocks, deniedEvents: [], error: nil, createdRegistry: createdRegistry, seconds: seconds)
    }
}

extension EngineState {
    /// Lesson set-up: places a local image in a registry under `ref` (tag `latest` unless
    /// given), as if someone else had pushed it: no login, no output, no time spent, and no
    /// repo digest recorded locally. Returns the manifest digest, or nil when the image or
    /// one of its layers is not in the local store.
    @discardableResult
    public mutating func seedRegistry(_ ref: NamedReference, with id: ImageID) -> ManifestDigest? {
        guard let image = images.images[id] else { return nil }
        let layers = images.layers(of: id)
        guard layers.count == image.config.diffIDs.count else { return nil }
        let host = ref.domain.isEmpty ? Reference.defaultDomain : ref.domain
        registries.ensureRegistry(host)
        let manifest = RegistryManifest(config: image.config, layers: layers)
        registries.registries[host]?.put(manifest, layers: layers, repository: ref.path, tag: ref.tag ?? Reference.defaultTag)
        return manifest.digest
    }
}
