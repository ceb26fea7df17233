/// Data behind `docker history`, `docker images` and `docker system df`.

/// One `docker history` row (newest first), before any formatting.
public struct HistoryRow: Hashable, Sendable {
    /// The image ID for this row, or nil for `<missing>` (§4: the top row gets the image's
    /// own ID, then one row per parent link, then `<missing>`).
    public var imageID: ImageID?
    public var created: Timestamp
    public var createdBy: String
    /// Uncompressed size of the entry's layer; 0 for empty-layer entries.
    public var size: Int64
    public var comment: String
    public var emptyLayer: Bool
    /// Tags of `imageID`, if any.
    public var tags: [String]
}

/// One `docker images` row: one per (repository, tag), `<none>` parts as nil.
public struct ImageListRow: Hashable, Sendable {
    public var repository: String?
    public var tag: String?
    /// Repo digest for the `--digests` column.
    public var digest: String?
    public var imageID: ImageID
    public var created: Timestamp
    public var size: Int64
}

/// `docker system df` figures.
public struct DiskUsage: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var total: Int
        public var active: Int
        public var size: Int64
        public var reclaimable: Int64
    }
    public var images: Row
    public var buildCache: Row
}

extension ImageStore {
    /// `docker history` rows of an image, newest first.
    public func historyRows(of id: ImageID) -> [HistoryRow] {
        guard let image = images[id] else { return [] }
        var layerSizes = image.config.diffIDs.map { layerContents[$0]?.size ?? 0 }[...]
        var rows: [HistoryRow] = []
        for entry in image.config.history {
            var size: Int64 = 0
            if !entry.emptyLayer, let first = layerSizes.first {
                size = first
                layerSizes = layerSizes.dropFirst()
            }
            rows.append(HistoryRow(imageID: nil, created: entry.created, createdBy: entry.createdBy, size: size, comment: entry.comment, emptyLayer: entry.emptyLayer, tags: []))
        }
        rows.reverse()
        var current: Image? = image
        for i in rows.indices {
            guard let img = current else { break }
            rows[i].imageID = img.id
            rows[i].tags = tags(of: img.id)
            current = img.parent.flatMap { images[$0] }
        }
        return rows
    }

    /// `docker images` rows (`all` adds intermediate images), newest first; tags of one
    /// image sorted.
    public func listRows(all: Bool) -> [ImageListRow] {
        var rows: [ImageListRow] = []
        let intermediate = Set(untaggedImages().filter(\.intermediate).map(\.id))
        for image in images.values.sorted(by: { ($0.created, $0.id) > ($1.created, $1.id) }) {
            if !all && intermediate.contains(image.id) { continue }
            let size = self.size(of: image.id)
            let imageTags = tags(of: image.id)
            let digestFor: (String) -> String? = { repo in
                image.repoDigests.first { FamiliarName.repository($0) == repo }.map { String($0.split(separator: "@").last ?? "") }
            }
            if imageTags.isEmpty {
                if image.repoDigests.isEmpty {
                    rows.append(ImageListRow(repository: nil, tag: nil, digest: nil, imageID: image.id, created: image.created, size: size))
                } else {
                    for ref in image.repoDigests {
                        let repo = FamiliarName.repository(ref)
                        rows.append(ImageListRow(repository: repo, tag: nil, digest: digestFor(repo), imageID: image.id, created: image.created, size: size))
                    }
                }
            }
            for tag in imageTags {
                let repo = FamiliarName.repository(tag)
                rows.append(ImageListRow(repository: repo, tag: FamiliarName.tag(tag), digest: digestFor(repo), imageID: image.id, created: image.created, size: size))
            }
        }
        return rows
    }

    /// Images and their unique-layer disk usage (shared layers counted once).
    public func imageDiskUsage(activeImages: Set<ImageID> = []) -> DiskUsage.Row {
        let intermediate = Set(untaggedImages().filter(\.intermediate).map(\.id))
        let listed = images.keys.filter { !intermediate.contains($0) }
        var allLayers: Set<DiffID> = []
        var activeLayers: Set<DiffID> = []
        for id in images.keys {
            let diffs = images[id]?.config.diffIDs ?? []
            allLayers.formUnion(diffs)
            if activeImages.contains(id) { activeLayers.formUnion(diffs) }
        }
        let total = allLayers.reduce(Int64(0)) { $0 + (layerContents[$1]?.size ?? 0) }
        let active = activeLayers.reduce(Int64(0)) { $0 + (layerContents[$1]?.size ?? 0) }
        return DiskUsage.Row(total: listed.count, active: listed.filter(activeImages.contains).count, size: total, reclaimable: total - active)
    }
}
