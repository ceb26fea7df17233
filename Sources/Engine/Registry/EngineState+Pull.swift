import ImageReference

/// One status line of one layer in pull or push output (`a2318d6c47ec: Pull complete`).
public struct TransferEvent: Hashable, Sendable {
    /// 12 hex: the compressed blob digest for pulls, the diff ID for pushes.
    public let layerID: String
    public let status: String
    public init(layerID: String, status: String) {
        self.layerID = layerID
        self.status = status
    }
}

/// What `docker pull` did, for the CLI to render.
public struct PullReport: Hashable, Sendable {
    /// One tag (or digest) pulled.
    public struct Block: Hashable, Sendable {
        /// `latest`, `3.13-slim` or `sha256:…`: the word before `: Pulling from`.
        public let tagOrDigest: String
        /// Status changes in the order they happened (non-TTY stream order).
        public let events: [TransferEvent]
        public let digest: ManifestDigest
        public let imageID: ImageID
        /// Whether any layer was downloaded.
        public let downloaded: Bool
    }

    /// Repository path without the registry (`library/python`, `user/app`).
    public let repositoryPath: String
    public let blocks: [Block]
    /// Familiar name for the `Status:` line (`python:latest`; the bare repository for `-a`).
    public let familiarName: String
    /// What the CLI prints last (`docker.io/library/python:latest`).
    public let canonicalName: String
    /// The registry was created by this pull (first time the host was named).
    public let createdRegistry: Bool
    public let seconds: Double

    /// `Downloaded newer image` when any layer came down, else `Image is up to date`.
    public var downloadedAny: Bool { blocks.contains { $0.downloaded } }
}

extension EngineState {
    /// `docker pull REF` (the CLI has already added `:latest` unless `allTags`).
    ///
    /// An image whose config is already in the store downloads nothing and prints no layer
    /// lines, as moby does; otherwise layers whose chain is in the layer store print
    /// `Already exists` and the rest are downloaded (3 at a time) and extracted in order.
    public mutating func pull(_ ref: NamedReference, allTags: Bool = false) throws(RegistryError) -> PullReport {
        let host = ref.domain.isEmpty ? Reference.defaultDomain : ref.domain
        let createdRegistry = registries.ensureRegistry(host)
        guard let registry = registries.registries[host] else { throw .manifestUnknown(reference: ref.familiarString) }
        var targets: [(label: String, manifest: RegistryManifest, tag: String?)] = []
        if allTags {
            guard let repo = registry.repositories[ref.path], !repo.tags.isEmpty else {
                throw .pullAccessDenied(repository: ref.familiarName)
            }
            for tag in repo.tags.keys.sorted() {
                if let m = registry.manifest(repository: ref.path, tag: tag, digest: nil) { targets.append((tag, m, tag)) }
            }
        } else {
            if registry.isDockerHub && registry.repositories[ref.path] == nil {
                throw .pullAccessDenied(repository: ref.familiarName)
            }
            guard let m = registry.manifest(repository: ref.path, tag: ref.tag, digest: ref.digest?.string) else {
                throw .manifestUnknown(reference: ref.familiarString)
            }
            targets.append((ref.digest?.string ?? ref.tag ?? Reference.defaultTag, m, ref.digest == nil ? (ref.tag ?? Reference.defaultTag) : nil))
        }

        var blocks: [PullReport.Block] = []
        var seconds = TransferSchedule.requestOverhead
        var bytes: Int64 = 0
        var moved = 0, skipped = 0
        let familiarRepo = ref.familiarName
        for target in targets {
            let manifest = target.manifest
            let imageID = manifest.imageID
            let layers = manifest.layers.compactMap { registry.blobs[$0.blobDigest] }
            guard layers.count == manifest.layers.count else { throw .manifestUnknown(reference: ref.familiarString) }
            var events: [TransferEvent] = []
            var downloaded = false
            if images.images[imageID] == nil {
                let chains = ChainID.chain(manifest.config.diffIDs)
                var seen: Set<BlobDigest> = []
                var toFetch: [Int] = []
                for (i, layer) in layers.enumerated() where seen.insert(layer.blobDigest).inserted {
                    let id = layer.blobDigest.digest.short
                    if i < chains.count, images.layers[chains[i]] != nil {
                        events.append(TransferEvent(layerID: id, status: "Already exists"))
                        skipped += 1
                    } else {
                        events.append(TransferEvent(layerID: id, status: "Pulling fs layer"))
                        if toFetch.count >= TransferSchedule.maxConcurrentDownloads {
                            events.append(TransferEvent(layerID: id, status: "Waiting"))
                        }
                        toFetch.append(i)
                    }
                }
                let finish = TransferSchedule.finishTimes(sizes: toFetch.map { layers[$0].compressedSize }, bandwidth: TransferSchedule.downloadBandwidth, maxConcurrent: TransferSchedule.maxConcurrentDownloads)
                // Extraction is sequential, bottom layer first, each after its download.
                var timed: [(time: Double, order: Int, event: TransferEvent)] = []
                var extracted = 0.0
                for (k, i) in toFetch.enumerated() {
                    let id = layers[i].blobDigest.digest.short
                    timed.append((finish[k], 2 * k, TransferEvent(layerID: id, status: "Verifying Checksum")))
                    timed.append((finish[k], 2 * k + 1, TransferEvent(layerID: id, status: "Download complete")))
                    extracted = max(extracted, finish[k]) + Double(layers[i].size) / TransferSchedule.extractionRate
                    timed.append((extracted, 2 * toFetch.count + k, TransferEvent(layerID: id, status: "Pull complete")))
                    bytes += layers[i].compressedSize
                }
                timed.sort { ($0.time, $0.order) < ($1.time, $1.order) }
                events += timed.map(\.event)
                seconds += extracted
                moved += toFetch.count
                downloaded = !toFetch.isEmpty
            }
            let repoDigest = familiarRepo + "@" + manifest.digest.digest.string
            images.add(Image(config: manifest.config, repoDigests: [repoDigest]), layers: layers)
            if let tag = target.tag { images.setTag(familiarRepo + ":" + tag, to: imageID) }
            for layer in layers { registries.recordSource(layer.diffID, RegistryLocation(host: host, repository: ref.path)) }
            blocks.append(.init(tagOrDigest: target.label, events: events, digest: manifest.digest, imageID: imageID, downloaded: downloaded))
        }
        clock.advance(by: seconds)
        let canonical = allTags ? ref.name : ref.string
        registries.lastTransfer = TransferRecord(kind: .pull, reference: canonical, bytesTransferred: bytes, layersTransferred: moved, layersSkipped: skipped, seconds: seconds)
        return PullReport(repositoryPath: ref.path, blocks: blocks, familiarName: allTags ? familiarRepo : ref.familiarString,
                          canonicalName: canonical, createdRegistry: createdRegistry, seconds: seconds)
    }
}
