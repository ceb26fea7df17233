/// Layers: change sets over a parent filesystem, as in an image's layer tarballs.

/// The whiteout markers of the OCI layer format (`moby/go-archive` whiteouts.go; OCI
/// image-spec `layer.md`): an empty entry `.wh.<name>` hides `<name>` of lower layers;
/// `.wh..wh..opq` inside a directory hides all of that directory's lower contents.
public enum Whiteout {
    public static let prefix = ".wh."
    public static let opaqueMarker = ".wh..wh..opq"

    /// The marker path that deletes `path` (`/a/b` -> `/a/.wh.b`).
    public static func marker(for path: String) -> String {
        let parent = FileTree.parent(of: path)
        let name = FileTree.baseName(of: path)
        return (parent == "/" ? "" : parent) + "/" + prefix + name
    }

    /// The opaque marker of a directory (`/a` -> `/a/.wh..wh..opq`).
    public static func opaque(for directory: String) -> String {
        (directory == "/" ? "" : directory) + "/" + opaqueMarker
    }

    static let markerNode = FileNode.file(.bytes([]), mode: 0o644)
}

/// One layer: the entries it adds or changes (with their parent directories, as a tar layer
/// carries them) and whiteout markers for what it deletes.
///
/// Identity: the diff ID is a real SHA-256 over a deterministic tar-like serialization of the
/// change set (see `serialize`), so the same changes always give the same diff ID.
public struct Layer: Hashable, Sendable {
    /// Added/changed entries and whiteout markers, keyed by absolute path.
    public let changes: FileTree
    public let diffID: DiffID
    /// Uncompressed size: the bytes of the regular files the layer carries (what Docker's
    /// graphdriver store reports as a layer's size; directories and markers count 0).
    public let size: Int64
    /// Simulated size of the gzip blob a registry would store (see `estimateCompressedSize`).
    public let compressedSize: Int64
    /// Simulated blob digest of that gzip blob (deterministic, derived from the diff ID).
    public let blobDigest: BlobDigest

    /// Wraps a change set and computes its identity and sizes.
    public init(changes: FileTree) {
        self.changes = changes
        self.diffID = Layer.computeDiffID(changes)
        var size: Int64 = 0
        for node in changes.entries.values { size += node.size }
        self.size = size
        self.compressedSize = Layer.estimateCompressedSize(changes)
        self.blobDigest = BlobDigest(Digest.sha256("gzip\n\(diffID.digest.string)\n\(compressedSize)"))
        self.hasWhiteouts = changes.entries.keys.contains { $0.contains("/" + Whiteout.prefix) }
    }

    /// Whether any entry is a whiteout marker (lets `apply` skip the marker handling).
    let hasWhiteouts: Bool

    /// The empty layer (a tar holding only its end-of-archive blocks, as Docker's
    /// `sha256:5f70bf18…` empty-layer diff ID).
    public static let empty = Layer(changes: FileTree())

    public var isEmpty: Bool { changes.entries.isEmpty }

    public static func == (a: Layer, b: Layer) -> Bool { a.diffID == b.diffID }
    public func hash(into hasher: inout Hasher) { hasher.combine(diffID) }

    /// Paths this layer deletes from lower layers (one per `.wh.` marker; opaque markers are
    /// reported as the directory followed by `/*`).
    public var deletions: [String] {
        changes.entries.keys.compactMap { path -> String? in
            let name = FileTree.baseName(of: path)
            let parent = FileTree.parent(of: path)
            if name == Whiteout.opaqueMarker { return (parent == "/" ? "" : parent) + "/*" }
            guard name.hasPrefix(Whiteout.prefix) else { return nil }
            return (parent == "/" ? "" : parent) + "/" + String(name.dropFirst(Whiteout.prefix.count))
        }.sorted()
    }

    // MARK: Diff and apply

    /// The layer that turns `before` into `after`.
    ///
    /// Changed or added entries are carried with their parent directories; a deleted entry
    /// becomes a `.wh.` marker (only the topmost deleted path, as its contents go with it); a
    /// directory that kept existing while all its former contents were deleted and new ones
    /// added gets an opaque marker instead of one marker per old entry.
    ///
    /// When `after` carries a change journal (`FileTree.touchedPaths`), only journaled paths
    /// are compared: tracking must have begun on `before` itself. (Opaque markers are then
    /// still found, from the journal's deletions.)
    public static func diff(from before: FileTree, to after: FileTree) -> Layer {
        var changes: [String: FileNode] = [:]
        func addParents(of path: String) {
            var parent = FileTree.parent(of: path)
            while parent != "/" && changes[parent] == nil {
                guard let node = after[parent] else { break }
                changes[parent] = node
                parent = FileTree.parent(of: parent)
            }
        }
        // With a change journal (the tree was tracked from `before`), only touched paths can
        // differ; otherwise compare everything.
        let candidates: [String]? = after.touchedPaths.map { Array($0) }
        if let candidates {
            for path in candidates { if let node = after[path], before[path] != node { changes[path] = node; addParents(of: path) } }
        } else {
            if before.entries == after.entries { return .empty }
            for (path, node) in after.entries where before[path] != node {
                changes[path] = node
                addParents(of: path)
            }
        }
        var deleted: [String] = []
        let removedPaths: [String] = candidates.map { $0.filter { after[$0] == nil && before[$0] != nil } } ?? before.entries.keys.filter { after[$0] == nil }
        for path in removedPaths {
            let parent = FileTree.parent(of: path)
            // Only the topmost deleted path needs a marker.
            if parent != "/" && (after[parent] == nil || after[parent]?.isDirectory == false) { continue }
            deleted.append(path)
        }
        if !deleted.isEmpty {
            var deletedByParent: [String: Int] = [:]
            for path in deleted { deletedByParent[FileTree.parent(of: path), default: 0] += 1 }
            var beforeChildren: [String: Int] = [:]
            for path in before.entries.keys where deletedByParent[FileTree.parent(of: path)] != nil {
                beforeChildren[FileTree.parent(of: path), default: 0] += 1
            }
            var opaque: Set<String> = []
            for (dir, count) in deletedByParent where dir != "/" && count >= 2 && beforeChildren[dir] == count {
                let prefix = dir + "/"
                let hasNew = after.entries.keys.contains { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
                if hasNew { opaque.insert(dir) }
            }
            for dir in opaque {
                changes[Whiteout.opaque(for: dir)] = Whiteout.markerNode
                if let node = after[dir] { changes[dir] = node }
                addParents(of: dir)
            }
            for path in deleted where !opaque.contains(FileTree.parent(of: path)) {
                let marker = Whiteout.marker(for: path)
                changes[marker] = Whiteout.markerNode
                addParents(of: marker)
            }
        }
        return Layer(changes: FileTree(entries: changes))
    }

    /// Applies this change set on top of a lower filesystem (the union view step).
    public func apply(to tree: inout FileTree) {
        if !hasWhiteouts {
            tree.reserveCapacity(tree.entries.count + changes.entries.count)
            for (path, node) in changes.entries {
                // A file replacing a directory hides the directory's lower contents.
                if !node.isDirectory, let old = tree[path], old.isDirectory { tree.remove(path) }
                tree.set(path, node)
            }
            return
        }
        var additions: [(String, FileNode)] = []
        additions.reserveCapacity(changes.entries.count)
        var opaqueDirs: [String] = []
        var removals: [String] = []
        for (path, node) in changes.entries {
            let name = FileTree.baseName(of: path)
            if name == Whiteout.opaqueMarker {
                opaqueDirs.append(FileTree.parent(of: path))
            } else if name.hasPrefix(Whiteout.prefix) {
                let parent = FileTree.parent(of: path)
                removals.append((parent == "/" ? "" : parent) + "/" + String(name.dropFirst(Whiteout.prefix.count)))
            } else {
                additions.append((path, node))
            }
        }
        for dir in opaqueDirs {
            for child in tree.children(of: dir) { tree.remove(child) }
        }
        for path in removals { tree.remove(path) }
        // No sorting needed: `set` creates missing parents and a later directory entry simply
        // replaces the default one.
        tree.reserveCapacity(tree.entries.count + additions.count)
        for (path, node) in additions {
            // A file replacing a directory hides the directory's lower contents.
            if let old = tree[path], old.isDirectory, !node.isDirectory { tree.remove(path) }
            tree.set(path, node)
        }
    }

    /// The union view of a layer chain (bottom first).
    public static func union(_ layers: [Layer]) -> FileTree {
        var tree = FileTree()
        for layer in layers { layer.apply(to: &tree) }
        return tree
    }

    // MARK: Identity

    /// The deterministic tar-like byte stream a diff ID is computed over.
    ///
    /// Entries in path order; each is a header of `path`, `mode` (octal), `uid`, `gid`,
    /// `size`, `type` (`0` file, `5` directory, `2` symlink, as tar typeflags) and `link`
    /// target, followed by the content. Real bytes are included as they are; a
    /// `FileContent.synthetic` file is represented by `synthetic:` + the hex SHA-256 of
    /// `"<size>:<seed>"`, because its bytes are never materialised: equal (size, seed) means
    /// equal content, which is exactly the synthetic-content contract. Like a tar archive, the
    /// stream ends with 1024 zero bytes, so an empty change set has Docker's well-known empty
    /// layer diff ID `sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef`.
    public static func serialize(_ changes: FileTree, into hasher: inout SHA256) {
        for path in changes.entries.keys.sorted() {
            guard let node = changes.entries[path] else { continue }
            hasher.update(header(path: path, node: node))
            if case .file(let content) = node.kind {
                switch content {
                case .bytes(let bytes): hasher.update(bytes)
                case .synthetic: hasher.update(syntheticStandIn(content))
                }
            }
        }
        hasher.update(repeatElement(UInt8(0), count: 1024))
    }

    static func header(path: String, node: FileNode) -> String {
        let type: String
        var link = ""
        switch node.kind {
        case .file: type = "0"
        case .directory: type = "5"
        case .symlink(let target): type = "2"; link = target
        }
        return "path=\(path.dropFirst())\nmode=\(String(node.mode, radix: 8))\nuid=\(node.uid)\ngid=\(node.gid)\nsize=\(node.size)\ntype=\(type)\nlink=\(link)\n\n"
    }

    /// What stands in for a synthetic file's bytes in the serialization.
    public static func syntheticStandIn(_ content: FileContent) -> String {
        guard case .synthetic(let size, let seed) = content else { return "" }
        return "synthetic:" + Digest.sha256("\(size):\(seed)").hex
    }

    static func computeDiffID(_ changes: FileTree) -> DiffID {
        var hasher = SHA256()
        serialize(changes, into: &hasher)
        return DiffID(Digest.finishing(&hasher))
    }

    /// Simulated gzip size, for registry figures: real text compresses to roughly 40% of its
    /// size, so `bytes` content counts 40%; synthetic content stands for binaries, wheels and
    /// archives that are already dense, so it counts 45%; each entry adds ~64 bytes of
    /// compressed header, and the gzip stream ~32 bytes. Deterministic by construction.
    public static func estimateCompressedSize(_ changes: FileTree) -> Int64 {
        var total: Int64 = 32
        for node in changes.entries.values {
            total += 64
            if case .file(let content) = node.kind {
                switch content {
                case .bytes(let b): total += Int64(b.count) * 40 / 100
                case .synthetic(let size, _): total += size * 45 / 100
                }
            }
        }
        return total
    }
}

extension FileTree {
    /// The last path component (`/a/b` -> `b`; `/` -> ``).
    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
