import Engine

/// One path a layer adds (`+`), changes (`~`) or deletes (`-`), possibly a folder that stands
/// for several files.
public struct LayerPathChange: Hashable, Sendable {
    public enum Mark: String, Hashable, Sendable { case added = "+", changed = "~", deleted = "-" }
    public var mark: Mark
    public var path: String
    /// Files the entry stands for (1 for a single file).
    public var files: Int
    /// Bytes the layer carries for it (0 for a deletion: a whiteout is an empty marker).
    public var bytes: Int64
}

/// One layer of an image as `layers IMAGE` shows it.
public struct AnalysedLayer: Hashable, Sendable {
    /// 1-based, bottom first.
    public var number: Int
    public var createdBy: String
    public var size: Int64
    public var diffID: DiffID
    /// Largest changes first, folded into folders.
    public var changes: [LayerPathChange]
    public var totalChanges: Int
    /// Bytes of this layer's files that a later layer deleted or replaced.
    public var wasted: Int64
    /// Layers (numbers) that deleted or replaced them.
    public var wastedBy: [Int]
}

/// An image's layers with their changes and the bytes later layers hid.
public struct ImageLayers: Hashable, Sendable {
    public var id: ImageID
    public var name: String
    public var layers: [AnalysedLayer]
    public var totalSize: Int64 { layers.reduce(0) { $0 + $1.size } }
    public var wasted: Int64 { layers.reduce(0) { $0 + $1.wasted } }

    /// Nil when the image is unknown.
    public init?(_ reference: String, engine: EngineState) {
        let config: ImageConfig
        let contents: [Layer]
        let typed = BuildExplanation.familiar(reference)
        if let id = engine.images.resolve(reference), let image = engine.images.images[id] {
            let tags = engine.images.tags(of: id)
            self.id = id
            self.name = tags.contains(typed) ? typed : (tags.first ?? id.short)
            config = image.config
            contents = engine.images.layers(of: id)
        } else if let base = engine.buildKitCache.baseImages[typed] {
            // A base image BuildKit pulled for a build: not in `docker images`, but its layers
            // are what every image built on it starts with.
            let layers = base.config.diffIDs.compactMap { engine.buildKitCache.layers[$0] }
            guard layers.count == base.config.diffIDs.count else { return nil }
            self.id = base.config.imageID
            self.name = typed
            config = base.config
            contents = layers
        } else {
            return nil
        }
        let createdBy = config.history.filter { !$0.emptyLayer }.map(\.createdBy)
        // Which layer last provided each visible file, to find what later layers hide.
        var visible: [String: (layer: Int, size: Int64)] = [:]
        var wasted = Array(repeating: Int64(0), count: contents.count)
        var wastedBy = Array(repeating: Set<Int>(), count: contents.count)
        var lower = FileTree()
        var layers: [AnalysedLayer] = []
        for (index, layer) in contents.enumerated() {
            var changes: [LayerPathChange] = []
            func hide(_ path: String, subtree: Bool) {
                if let old = visible.removeValue(forKey: path) {
                    wasted[old.layer] += old.size
                    wastedBy[old.layer].insert(index + 1)
                }
                guard subtree else { return }
                let prefix = path == "/" ? "/" : path + "/"
                for (p, old) in visible where p.hasPrefix(prefix) {
                    visible.removeValue(forKey: p)
                    wasted[old.layer] += old.size
                    wastedBy[old.layer].insert(index + 1)
                }
            }
            for deleted in layer.deletions {
                if deleted.hasSuffix("/*") {
                    let dir = String(deleted.dropLast(2))
                    hide(dir.isEmpty ? "/" : dir, subtree: true)
                    changes.append(LayerPathChange(mark: .deleted, path: (dir.isEmpty ? "" : dir) + "/* (opaque)", files: 1, bytes: 0))
                } else {
                    hide(deleted, subtree: true)
                    changes.append(LayerPathChange(mark: .deleted, path: deleted, files: 1, bytes: 0))
                }
            }
            for (path, node) in layer.changes.entries where !node.isDirectory && !FileTree.baseName(of: path).hasPrefix(Whiteout.prefix) {
                let existed = lower[path] != nil
                if existed || visible[path] != nil { hide(path, subtree: false) }
                visible[path] = (index, node.size)
                changes.append(LayerPathChange(mark: existed ? .changed : .added, path: path, files: 1, bytes: node.size))
            }
            layer.apply(to: &lower)
            let total = changes.count
            layers.append(AnalysedLayer(number: index + 1, createdBy: index < createdBy.count ? createdBy[index] : "", size: layer.size, diffID: layer.diffID, changes: ImageLayers.fold(changes), totalChanges: total, wasted: 0, wastedBy: []))
        }
        for i in layers.indices {
            layers[i].wasted = wasted[i]
            layers[i].wastedBy = wastedBy[i].sorted()
        }
        self.layers = layers
    }

    /// Folds many files under one folder into a `folder/` entry so a layer reads in a few
    /// lines; largest first.
    static func fold(_ changes: [LayerPathChange], limit: Int = 6) -> [LayerPathChange] {
        if changes.count <= limit { return changes.sorted { ($0.bytes, $1.path) > ($1.bytes, $0.path) } }
        var depth = 4
        var folded: [LayerPathChange] = []
        while depth >= 1 {
            var groups: [String: LayerPathChange] = [:]
            for change in changes {
                let components = change.path.split(separator: "/")
                let key: String
                if components.count > depth {
                    key = "/" + components.prefix(depth).joined(separator: "/") + "/"
                } else {
                    key = change.path
                }
                let groupKey = change.mark.rawValue + key
                if var g = groups[groupKey] {
                    g.files += change.files
                    g.bytes += change.bytes
                    groups[groupKey] = g
                } else {
                    groups[groupKey] = LayerPathChange(mark: change.mark, path: key, files: change.files, bytes: change.bytes)
                }
            }
            folded = groups.values.sorted { ($0.bytes, $1.path) > ($1.bytes, $0.path) }
            if folded.count <= limit { break }
            depth -= 1
        }
        return folded
    }
}

extension TeachingViews {
    /// `layers IMAGE`: each layer, bottom first read from the top, with what it changed and
    /// the bytes later layers hid. Nil when the image is unknown.
    public static func layers(_ reference: String, engine: EngineState, width: Int, colour: Bool) -> String? {
        guard let analysis = ImageLayers(reference, engine: engine) else { return nil }
        let w = TeachingText.clampWidth(width)
        var lines: [String] = []
        lines += TeachingText.wrap("Layers of \(analysis.name) (\(analysis.id.short)): \(analysis.layers.count) layers, \(Units.imageSize(analysis.totalSize)), newest on top", width: w)
        for layer in analysis.layers.reversed() {
            let size = TeachingText.padLeft(Units.imageSize(layer.size), 8)
            let head = "\(TeachingText.padLeft(String(layer.number), 3))  "
            let textWidth = max(8, w - DisplayWidth.of(head) - 10)
            lines.append(TeachingText.paint(head + TeachingText.padRight(TeachingText.fit(readable(layer.createdBy), textWidth), textWidth) + " " + size, "1", colour))
            for change in layer.changes {
                let count = change.files > 1 ? " (\(change.files) files)" : ""
                let bytes = change.mark == .deleted ? "" : "  " + Units.imageSize(change.bytes)
                let sgr = change.mark == .added ? "32" : (change.mark == .changed ? "33" : "31")
                lines.append(TeachingText.paint(TeachingText.fit("       \(change.mark.rawValue) \(change.path)\(count)\(bytes)", w), sgr, colour))
            }
            if layer.totalChanges == 0 { lines.append("       (empty layer: nothing changed)") }
            if layer.wasted > 0 {
                let by = layer.wastedBy.map(String.init).joined(separator: ", ")
                lines += TeachingText.wrap("wasted: \(Units.imageSize(layer.wasted)) of these files are deleted or replaced by layer \(by), yet still stored and pulled", width: w, first: "       ", rest: "       ")
            }
        }
        lines.append("")
        if analysis.wasted > 0 {
            lines += TeachingText.wrap("Wasted: \(Units.imageSize(analysis.wasted)) in total. A layer can only add: `RUN rm` writes a whiteout that hides a file, but its bytes stay in the layer below. Delete files in the same RUN that creates them.", width: w)
        } else {
            lines += TeachingText.wrap("Wasted: 0B: no layer hides files of a layer below.", width: w)
        }
        lines += TeachingText.wrap("Marks: + added   ~ changed (a copy-up: the whole file is stored again)   - deleted (whiteout)", width: w)
        return lines.joined(separator: "\n") + "\n"
    }

    /// History `created_by` without the shell prefix and BuildKit suffix.
    static func readable(_ createdBy: String) -> String {
        var text = createdBy
        if text.hasSuffix(" # buildkit") { text = String(text.dropLast(" # buildkit".count)) }
        for prefix in ["/bin/sh -c #(nop) ", "|"] where text.hasPrefix(prefix) && prefix != "|" {
            text = String(text.dropFirst(prefix.count)).teachingTrimmed
        }
        if text.hasPrefix("/bin/sh -c ") { text = "RUN " + text.dropFirst("/bin/sh -c ".count) }
        if text.hasPrefix("RUN /bin/sh -c ") { text = "RUN " + text.dropFirst("RUN /bin/sh -c ".count) }
        text = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        return text.isEmpty ? "(no history)" : text
    }

    /// `compare A B`: which layers two images share and what the sharing saves. Nil with the
    /// name that is unknown.
    public static func compare(_ a: String, _ b: String, engine: EngineState, width: Int, colour: Bool) -> Result<String, CompareError> {
        guard let idA = engine.images.resolve(a), let imageA = engine.images.images[idA] else { return .failure(.noSuchImage(a)) }
        guard let idB = engine.images.resolve(b), let imageB = engine.images.images[idB] else { return .failure(.noSuchImage(b)) }
        let w = TeachingText.clampWidth(width)
        let chainA = imageA.chainIDs, chainB = imageB.chainIDs
        let layersA = engine.images.layers(of: idA), layersB = engine.images.layers(of: idB)
        let historyA = imageA.config.history.filter { !$0.emptyLayer }.map(\.createdBy)
        let historyB = imageB.config.history.filter { !$0.emptyLayer }.map(\.createdBy)
        let setB = Set(chainB)
        var lines = TeachingText.wrap("Comparing \(a) (\(idA.short), \(layersA.count) layers) with \(b) (\(idB.short), \(layersB.count) layers):", width: w)
        var sharedBytes: Int64 = 0, sharedCompressed: Int64 = 0, sharedCount = 0
        let textWidth = max(8, w - 22)
        for (index, chain) in chainA.enumerated() where index < layersA.count {
            let shared = setB.contains(chain)
            if shared {
                sharedBytes += layersA[index].size
                sharedCompressed += layersA[index].compressedSize
                sharedCount += 1
            }
            let mark = shared ? "= shared " : "A only   "
            let text = TeachingText.padRight(TeachingText.fit(readable(index < historyA.count ? historyA[index] : ""), textWidth), textWidth)
            lines.append(TeachingText.paint("  \(mark)\(text) \(TeachingText.padLeft(Units.imageSize(layersA[index].size), 8))", shared ? "32" : "33", colour))
        }
        let setA = Set(chainA)
        for (index, chain) in chainB.enumerated() where index < layersB.count && !setA.contains(chain) {
            let text = TeachingText.padRight(TeachingText.fit(readable(index < historyB.count ? historyB[index] : ""), textWidth), textWidth)
            lines.append(TeachingText.paint("  B only   \(text) \(TeachingText.padLeft(Units.imageSize(layersB[index].size), 8))", "33", colour))
        }
        lines.append("")
        if sharedCount == 0 {
            lines += TeachingText.wrap("No layers are shared: the images have different bases or differ from their first layer on.", width: w)
        } else {
            lines += TeachingText.wrap("Shared: \(sharedCount) layer\(sharedCount == 1 ? "" : "s"), \(Units.imageSize(sharedBytes)). On disk they are stored once, saving \(Units.imageSize(sharedBytes)); pushing both to one registry uploads them once (the second push says \"Layer already exists\"), saving \(Units.imageSize(sharedCompressed)) of compressed upload.", width: w)
        }
        lines += TeachingText.wrap("Layers are shared only while everything below them is identical too (the chain ID): keep the parts that change often near the top.", width: w)
        return .success(lines.joined(separator: "\n") + "\n")
    }
}

/// Why `compare` could not run.
public enum CompareError: Error, Hashable, Sendable {
    case noSuchImage(String)
    public var message: String {
        switch self {
        case .noSuchImage(let name): return "No such image: \(name)"
        }
    }
}
