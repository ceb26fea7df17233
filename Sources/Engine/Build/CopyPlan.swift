import Dockerfile

/// One entry a COPY will write: `base + relative` is its destination.
struct PlannedEntry {
    var base: String
    var relative: Substring
    var node: FileNode
    init(_ target: String, _ node: FileNode) {
        self.base = target
        self.relative = ""
        self.node = node
    }
    init(base: String, relative: Substring, node: FileNode) {
        self.base = base
        self.relative = relative
        self.node = node
    }
    var target: String { relative.isEmpty ? base : base + relative }
}

/// The checksum side of copying one directory (see `BuildRun.directorySummary`).
struct DirectorySummary: Sendable {
    var tree: FileTree
    var directory: String
    var excludes: [String]
    var isClassic: Bool
    var files: [FileChecksum]
    /// Digest of (source path, checksum) pairs.
    var filesDigest: MultisetDigest
    /// Classic only: digest of (path relative to the directory, checksum) pairs.
    var relativeDigest: MultisetDigest
}

/// What a COPY/ADD will write, and what its cache key hashes.
struct CopyPlan {
    /// Entries to write, parents before children. The destination path is assembled only
    /// when the plan is applied (a cache hit never needs it).
    var entries: [PlannedEntry]
    /// Per-file checksums of the sources (context- or stage-relative paths), unordered.
    var files: [FileChecksum]
    /// Order-independent digest of `files` (what the cache key hashes).
    var filesDigest: MultisetDigest
    /// The classic builder's source description (`file:<hex>`, `dir:<hex>`, `multi:<hex>`).
    var classicSource: String
    /// Sources after expansion (for history text).
    var sources: [String]
    /// Destination as written after expansion (for history text).
    var destination: String
    /// Notes for the learner (e.g. archives ADD would extract).
    var notes: [String]
}

extension BuildRun {
    /// Whether a relative source climbs above the context root (`../x`, `a/../../x`).
    static func escapesRoot(_ path: String) -> Bool {
        if path.hasPrefix("/") { return false }
        var depth = 0
        for part in path.split(separator: "/") {
            if part == ".." {
                depth -= 1
                if depth < 0 { return true }
            } else if part != "." {
                depth += 1
            }
        }
        return false
    }

    /// The source filesystem of a COPY: the context, a stage, or an image.
    mutating func copySource(_ copy: CopyInstruction, scope: [String: String], range: SourceRange, stepIndex: Int) throws(BuildFailure) -> (tree: FileTree, isContext: Bool) {
        guard let fromRaw = copy.from else { return (context.files, true) }
        let from = try expand(fromRaw, scope, range: range)
        if let dep = copySourceStage(named: from, in: currentStageIndex) ?? Int(from), var result = stageResults[dep] {
            return (result.fs, false)
        }
        if let n = Int(from), n >= 0 {
            throw failure("invalid from flag value \(from): refers to current build stage", range: range, step: stepIndex)
        }
        let resolved = try resolveImage(from, range: range, stepIndex: stepIndex)
        if let pull = resolved.pull { steps[steps.count - 1].notes.append("pulled \(pull.name) for COPY --from") }
        return (Layer.union(resolved.layers), false)
    }

    /// Paths of `tree` under `directory` (exclusive), in no particular order: keys and
    /// digests never depend on the order, and the writes are sorted when they happen.
    static func descendants(of directory: String, in tree: FileTree) -> [String] {
        if directory == "/" { return Array(tree.entries.keys) }
        let prefix = directory + "/"
        return tree.entries.keys.filter { $0.hasPrefix(prefix) }
    }

    /// Plans a COPY/ADD: resolves sources (wildcards, directories = their contents), the
    /// destination (relative to WORKDIR, trailing slash = directory), ownership and mode.
    /// With `collectEntries` false only the cache-key side (checksums) is computed: a cache hit
    /// never needs the destinations.
    mutating func planCopy(_ copy: CopyInstruction, st: inout StageState, range: SourceRange, stepIndex: Int, collectEntries: Bool = true) throws(BuildFailure) -> CopyPlan {
        let scope = st.scope
        let keyword = copy.isAdd ? "ADD" : "COPY"
        let destRaw = try expand(copy.destination, scope, range: range)
        let workdir = st.config.workingDir.isEmpty ? "/" : st.config.workingDir
        let dest = FileTree.normalize(destRaw, cwd: workdir)
        let destSaysDirectory = destRaw.hasSuffix("/") || destRaw == "." || destRaw.hasSuffix("/.") || destRaw == ".."
        var sources: [String] = []
        for source in copy.sources { sources.append(try expand(source, scope, range: range)) }
        if sources.count > 1 && !destSaysDirectory {
            throw failure("When using \(keyword) with more than one source file, the destination must be a directory and end with a /", range: range, step: stepIndex)
        }
        var owner: (Int, Int)?
        if let chown = copy.chown {
            owner = try resolveOwner(try expand(chown, scope, range: range), fs: st.fs, range: range)
        }
        var mode: UInt32?
        if let chmod = copy.chmod {
            let text = try expand(chmod, scope, range: range)
            guard let parsed = UInt32(text, radix: 8), parsed <= 0o7777 else {
                throw failure("invalid chmod parameter: \(text)", range: range, step: stepIndex)
            }
            mode = parsed
        }
        var excludes: [[Substring]] = []
        for pattern in copy.excludes {
            let cleaned = FileTree.normalize(try expand(pattern, scope, range: range)).dropFirst()
            excludes.append(cleaned.split(separator: "/"))
        }
        func excluded(_ relative: Substring) -> Bool {
            guard !excludes.isEmpty else { return false }
            let segments = relative.split(separator: "/")
            return excludes.contains { PathMatch.matchPath($0, segments) }
        }
        func adjust(_ node: FileNode) -> FileNode {
            var n = node
            if let owner { n.uid = owner.0; n.gid = owner.1 }
            if let mode {
                if case .symlink = n.kind {} else { n.mode = mode }
            }
            return n
        }

        var entries: [PlannedEntry] = []
        var files: [FileChecksum] = []
        var filesDigest = MultisetDigest()
        var descriptions: [String] = []
        var notes: [String] = []
        let heredocNames = Set(copy.heredocs.map(\.name))
        let source = try copySource(copy, scope: scope, range: range, stepIndex: stepIndex)

        for (sourceIndex, src) in sources.enumerated() {
            // Heredoc source: a file named after the delimiter.
            if src.hasPrefix("<<"), let doc = copy.heredocs.first(where: { "<<" + $0.name == src || "<<-" + $0.name == src }) ?? (heredocNames.isEmpty ? nil : copy.heredocs[min(sourceIndex, copy.heredocs.count - 1)]) {
                let content = doc.quoted ? doc.content : (try? expand(doc.content, scope, range: range)) ?? doc.content
                let node = adjust(.file(.text(content), mode: 0o644))
                let target = destSaysDirectory || st.fs.isDirectory(dest) ? (dest == "/" ? "" : dest) + "/" + doc.name : dest
                entries.append(PlannedEntry(target, node))
                let sum = checksum(node)
                files.append(FileChecksum(path: "<<" + doc.name, checksum: sum))
                filesDigest.add("<<" + doc.name, sum.hex)
                descriptions.append("file:" + sum.hex)
                continue
            }
            // ADD of a URL: a simulated download.
            if copy.isAdd, src.hasPrefix("http://") || src.hasPrefix("https://") {
                let name = src.split(separator: "/").last.map(String.init) ?? "download"
                let sizeSeed = Digest.sha256(src).hex.prefix(6)
                let size = Int64(UInt32(sizeSeed, radix: 16) ?? 0) % 4_000_000 + 100_000
                let node = adjust(.file(.synthetic(size: size, seed: "url:" + src), mode: 0o600))
                let target = destSaysDirectory || st.fs.isDirectory(dest) ? (dest == "/" ? "" : dest) + "/" + name : dest
                entries.append(PlannedEntry(target, node))
                let sum = checksum(node)
                files.append(FileChecksum(path: src, checksum: sum))
                filesDigest.add(src, sum.hex)
                descriptions.append("file:" + sum.hex)
                notes.append("\(src) was not downloaded: a simulated file of \(size) bytes stands in for it")
                continue
            }
            if isClassic && source.isContext && BuildRun.escapesRoot(src) {
                throw failure("Forbidden path outside the build context: \(src) ()", range: range, step: stepIndex)
            }
            let cleaned = FileTree.normalize(src)
            var matches: [String] = []
            if PathMatch.hasWildcard(cleaned) {
                let patternSegments = cleaned.split(separator: "/")
                for path in source.tree.entries.keys where PathMatch.matchPath(patternSegments, path.split(separator: "/")) {
                    matches.append(path)
                }
                matches.sort()
            } else if cleaned == "/" || source.tree[cleaned] != nil {
                matches = [cleaned]
            }
            if matches.isEmpty {
                if isClassic {
                    if PathMatch.hasWildcard(cleaned) { throw failure("COPY failed: no source files were specified", range: range, step: stepIndex) }
                    throw failure("COPY failed: file not found in build context or excluded by .dockerignore: stat \(cleaned.dropFirst()): file does not exist", range: range, step: stepIndex)
                }
                let ref = state.ids.next25()
                throw failure("failed to compute cache key: failed to calculate checksum of ref \(ref)::\(state.ids.next25()): \"\(cleaned)\": not found", range: range, step: stepIndex)
            }
            let manyTargets = matches.count > 1 || sources.count > 1
            if matches.count > 1 && !destSaysDirectory && !st.fs.isDirectory(dest) {
                throw failure("When using \(keyword) with more than one source file, the destination must be a directory and end with a /", range: range, step: stepIndex)
            }
            var sourceDescriptions: [String] = []
            for match in matches {
                let node = match == "/" ? FileNode.directory() : (source.tree[match] ?? .directory())
                if node.isDirectory {
                    // A directory copies its contents.
                    let base = manyTargets && match != "/" && PathMatch.hasWildcard(cleaned) ? (dest == "/" ? "" : dest) + "/" + FileTree.baseName(of: match) : dest
                    if collectEntries && base != "/" && st.fs[base] == nil { entries.append(PlannedEntry(base, adjust(node))) }
                    let summary = directorySummary(match, in: source.tree, excludes: excludes, excluded: excluded)
                    if collectEntries {
                        for path in BuildRun.descendants(of: match, in: source.tree) {
                            let relative: Substring = match == "/" ? path[...] : path.dropFirst(match.count)
                            if excluded(relative.dropFirst()) { continue }
                            guard let child = source.tree[path] else { continue }
                            entries.append(PlannedEntry(base: base == "/" ? "" : base, relative: relative, node: adjust(child)))
                        }
                    }
                    files.append(contentsOf: summary.files)
                    filesDigest.add(summary.filesDigest)
                    sourceDescriptions.append("dir:" + summary.relativeDigest.hex)
                } else {
                    if excluded(match.dropFirst()) { continue }
                    let target: String
                    if destSaysDirectory || manyTargets || st.fs.isDirectory(dest) {
                        target = (dest == "/" ? "" : dest) + "/" + FileTree.baseName(of: match)
                    } else {
                        target = dest
                    }
                    entries.append(PlannedEntry(target, adjust(node)))
                    let sum = checksum(node)
                    files.append(FileChecksum(path: match, checksum: sum))
                    filesDigest.add(match, sum.hex)
                    sourceDescriptions.append("file:" + sum.hex)
                    if copy.isAdd, match.hasSuffix(".tar") || match.hasSuffix(".tar.gz") || match.hasSuffix(".tgz") {
                        notes.append("ADD would extract the archive \(match.dropFirst()); the simulator copies it as a file")
                    }
                }
            }
            descriptions.append(contentsOf: sourceDescriptions)
        }
        let classicSource: String
        if descriptions.count == 1, let only = descriptions.first {
            classicSource = only
        } else {
            classicSource = "multi:" + Digest.sha256(descriptions.map { String($0.split(separator: ":").last ?? "") }.joined(separator: ",")).hex
        }
        return CopyPlan(entries: entries, files: files, filesDigest: filesDigest, classicSource: classicSource, sources: sources, destination: destRaw, notes: notes)
    }

    /// The checksums a directory source contributes (its descendants, minus excludes),
    /// memoised in the engine state: rehashing a 10,000-file context dominated cached builds.
    mutating func directorySummary(_ directory: String, in tree: FileTree, excludes: [[Substring]], excluded: (Substring) -> Bool) -> DirectorySummary {
        let excludeKey = excludes.map { $0.joined(separator: "/") }
        if let found = state.directorySummaries.last(where: { $0.directory == directory && $0.isClassic == isClassic && $0.excludes == excludeKey && $0.tree == tree }) {
            return found
        }
        var files: [FileChecksum] = []
        var filesDigest = MultisetDigest()
        var relativeDigest = MultisetDigest()
        for path in BuildRun.descendants(of: directory, in: tree) {
            let relative: Substring = directory == "/" ? path[...] : path.dropFirst(directory.count)
            if excluded(relative.dropFirst()) { continue }
            guard let child = tree[path] else { continue }
            let sum = checksum(child)
            files.append(FileChecksum(path: path, checksum: sum))
            filesDigest.add(path, sum.hex)
            if isClassic { relativeDigest.add(String(relative), sum.hex) }
        }
        let summary = DirectorySummary(tree: tree, directory: directory, excludes: excludeKey, isClassic: isClassic, files: files, filesDigest: filesDigest, relativeDigest: relativeDigest)
        state.rememberDirectorySummary(summary)
        return summary
    }

    /// Writes a plan into a filesystem; returns the layer's change set (written entries and
    /// their parent directories), built directly rather than by diffing the whole tree.
    static func apply(_ plan: CopyPlan, to fs: inout FileTree) -> FileTree {
        var changes: [String: FileNode] = [:]
        changes.reserveCapacity(plan.entries.count)
        // Parents before children, so a copied directory's own mode/owner lands first.
        let writes = plan.entries.map { ($0.target, $0.node) }.sorted { $0.0 < $1.0 }
        for (path, node) in writes {
            if path == "/" { continue }
            if node.isDirectory, let existing = fs[path], existing.isDirectory {
                changes[path] = existing
                continue
            }
            if let existing = fs[path], existing.isDirectory, !node.isDirectory { fs.remove(path) }
            fs.set(path, node)
            changes[path] = node
        }
        // Parent directories travel with the layer, as in a tar.
        for path in Array(changes.keys) {
            var parent = FileTree.parent(of: path)
            while parent != "/" && changes[parent] == nil {
                guard let node = fs[parent] else { break }
                changes[parent] = node
                parent = FileTree.parent(of: parent)
            }
        }
        return FileTree(entries: changes)
    }
}
