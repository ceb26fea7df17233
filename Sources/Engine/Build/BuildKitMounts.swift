import Dockerfile

/// A `RUN --mount` ready to be laid over the step's filesystem.
struct PreparedMount {
    var mount: RunMount
    /// Absolute mount point.
    var target: String
    /// What sits at the mount point: a directory, or a file (a secret, a bound file).
    var root: FileNode
    /// Contents below the mount point, keyed relative to it (`/x/y`).
    var files: FileTree
    /// Cache mounts: how many files the cache held before the command ran.
    var filesBefore = 0
}

/// `RUN --mount`: what the command sees at each mount point, kept out of the layer
/// (dockerfile2llb `dispatchRunMounts`; executor mount stubs are cleaned up afterwards).
extension BuildRun {
    /// Parses and resolves the step's mounts. Returns them with the cache-key text of their
    /// content (bind mounts only: the bound files' checksums, never a secret's value) and the
    /// environment variables secrets ask for.
    mutating func prepareMounts(_ run: RunInstruction, scope: [String: String], cwd: String, range: SourceRange, stepIndex: Int) throws(BuildFailure) -> (mounts: [PreparedMount], key: String, env: [String: String], files: [FileChecksum]) {
        var prepared: [PreparedMount] = []
        var checksums: [FileChecksum] = []
        var key = ""
        var env: [String: String] = [:]
        let escape = document.escapeCharacter
        for raw in run.mounts {
            let mount: RunMount
            do throws(MountError) {
                mount = try RunMount.parse(raw) { (value: String) throws(MountError) -> String in
                    if !value.contains(where: { $0 == "$" || $0 == "\"" || $0 == "'" || $0 == escape }) { return value }
                    do throws(DockerfileError) {
                        return try VariableExpander(escapeCharacter: escape).expand(value, environment: scope)
                    } catch {
                        throw MountError(error.message)
                    }
                }
            } catch {
                throw failure(error.message, range: range, step: stepIndex)
            }
            if mount.type == .ssh {
                throw failure("dockyard: RUN --mount=type=ssh is not simulated (there is no SSH agent to forward); use a secret mount or COPY instead", range: range, step: stepIndex)
            }
            var target = mount.target
            if mount.type == .secret && target.isEmpty && mount.env == nil { target = "/run/secrets/" + mount.secretID }
            if !target.isEmpty || mount.type != .secret {
                target = FileTree.normalize(target, cwd: cwd)
                if target == "/" { throw failure("invalid mount target \"/\"", range: range, step: stepIndex) }
            }
            switch mount.type {
            case .ssh:
                continue
            case .tmpfs:
                prepared.append(PreparedMount(mount: mount, target: target, root: .directory(mode: 0o1777), files: FileTree()))
            case .cache:
                let root = FileNode.directory(mode: mount.mode ?? 0o755, uid: mount.uid ?? 0, gid: mount.gid ?? 0)
                let content = state.buildKitCache.cacheMounts[mount.cacheID]
                var files = content?.files ?? FileTree()
                // `from=` seeds a new cache with a stage's or image's directory.
                if content == nil && !mount.from.isEmpty { files = try mountSource(mount, range: range, stepIndex: stepIndex).files }
                prepared.append(PreparedMount(mount: mount, target: target, root: content?.root ?? root, files: files,
                                              filesBefore: content?.files.entries.values.filter { !$0.isDirectory }.count ?? 0))
            case .secret:
                let id = mount.secretID
                guard let value = options.secrets[id] else {
                    if mount.required { throw failure("secret \(id): not found", range: range, step: stepIndex) }
                    continue
                }
                if let name = mount.env { env[name] = String(decoding: value, as: UTF8.self) }
                if !target.isEmpty {
                    prepared.append(PreparedMount(mount: mount, target: target, root: .file(.bytes(value), mode: mount.mode ?? 0o400, uid: mount.uid ?? 0, gid: mount.gid ?? 0), files: FileTree()))
                }
            case .bind:
                let (root, files) = try mountSource(mount, range: range, stepIndex: stepIndex)
                // BuildKit keys a bind mount by its input's content (the selector's checksum).
                var sum = MultisetDigest()
                sum.add("/", checksum(root).hex)
                if !root.isDirectory { checksums.append(FileChecksum(path: target, checksum: checksum(root))) }
                for (path, node) in files.entries {
                    let digest = checksum(node)
                    sum.add(path, digest.hex)
                    if !node.isDirectory { checksums.append(FileChecksum(path: target + path, checksum: digest)) }
                }
                key += "\nbind " + target + " " + sum.hex
                prepared.append(PreparedMount(mount: mount, target: target, root: root, files: files))
            }
        }
        // Parents before the mounts nested in them, as the executor mounts them.
        let ordered = prepared.enumerated().sorted { ($0.element.target.count, $0.offset) < ($1.element.target.count, $1.offset) }.map(\.element)
        return (ordered, key, env, checksums)
    }

    /// What a bind mount (or a seeded cache mount) shows: `source` of the context, a stage or
    /// an image, as the node at the mount point and the files below it.
    mutating func mountSource(_ mount: RunMount, range: SourceRange, stepIndex: Int) throws(BuildFailure) -> (root: FileNode, files: FileTree) {
        var tree: FileTree
        if mount.from.isEmpty {
            tree = context.files
        } else if let dep = stageIndex(named: mount.from) ?? Int(mount.from), var result = stageResults[dep] {
            tree = result.fs
        } else {
            tree = Layer.union(try resolveImage(mount.from, range: range, stepIndex: stepIndex).layers)
        }
        let source = FileTree.normalize(mount.source, cwd: "/")
        var files = FileTree()
        if source == "/" {
            for (path, node) in tree.entries where path != "/" { files.set(path, node) }
            return (.directory(), files)
        }
        guard let node = tree[source] else {
            let ref = state.ids.next25()
            throw failure("failed to compute cache key: failed to calculate checksum of ref \(ref)::\(state.ids.next25()): \"\(source)\": not found", range: range, step: stepIndex)
        }
        if node.isDirectory {
            for path in BuildRun.descendants(of: source, in: tree) {
                if let n = tree[path] { files.set(String(path.dropFirst(source.count)), n) }
            }
        }
        return (node, files)
    }

    /// Lays the mounts over the filesystem, later mounts over earlier ones.
    static func overlay(_ mounts: [PreparedMount], on fs: inout FileTree) {
        for m in mounts {
            fs.remove(m.target)
            fs.set(m.target, m.root)
            let base = m.target
            for (path, node) in m.files.entries { fs.set(base + path, node) }
        }
    }

    /// After the command: cache mounts keep what it left in them; every mount point gets the
    /// image's own content back (writes to bind, tmpfs and secret mounts are discarded), and
    /// directories made only to hold a mount point go away.
    mutating func settleMounts(_ mounts: [PreparedMount], after result: inout FileTree, before: FileTree, argv: [String], step: inout BuildStep,
                               duration: Double, coldDuration: Double?) {
        for m in mounts where m.mount.type == .cache && !m.mount.readOnly {
            var files = FileTree()
            let prefix = m.target + "/"
            // Mounts nested inside this one keep their own content.
            let nested = mounts.filter { $0.target.hasPrefix(prefix) }.map(\.target)
            for (path, node) in result.entries where path.hasPrefix(prefix) && !nested.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
                files.set(String(path.dropFirst(m.target.count)), node)
            }
            let root = result[m.target] ?? m.root
            let id = m.mount.cacheID
            let content = CacheMountContent(id: id, files: files, root: root)
            let key = BuildKitCache.cacheMountKey(id)
            let old = state.buildKitCache.records[key]
            let description = "cached mount \(m.target) from exec \(argv.joined(separator: " "))"
            let record = CacheRecord(key: key, diffID: nil, size: content.size, created: old?.created ?? state.clock.now, lastUsed: state.clock.now,
                                     usageCount: (old?.usageCount ?? 0) + 1, description: description, id: old?.id ?? state.ids.next25(), recordType: "exec.cachemount")
            state.buildKitCache.storeCacheMount(content, record: record)
            let after = files.entries.values.filter { !$0.isDirectory }.count
            step.cacheMounts.append(CacheMountUse(target: m.target, id: id, filesBefore: m.filesBefore, filesAfter: after))
            if m.filesBefore > 0 {
                var saved = ""
                // Said once per step, after its first warm mount.
                if let coldDuration, coldDuration - duration >= 0.05, !step.cacheMounts.dropLast().contains(where: { $0.wasWarm }) {
                    saved = " The step took \(BuildRun.seconds(duration)); with empty cache mounts it takes \(BuildRun.seconds(coldDuration))."
                }
                step.notes.append("cache mount \(m.target): \(m.filesBefore) file\(m.filesBefore == 1 ? " was" : "s were") already there from earlier builds, \(max(0, after - m.filesBefore)) added; none of it is in the layer." + saved)
            } else {
                step.notes.append("cache mount \(m.target) was empty; the \(after) file\(after == 1 ? "" : "s") the command left there are kept for the next build, not in the layer.")
            }
        }
        // A read-only mount refuses writes in Docker (EROFS); the simulated shell does not know
        // about mounts, so say it rather than pretend the command failed.
        for m in mounts where m.mount.readOnly && (m.mount.type == .bind || m.mount.type == .cache) {
            let prefix = m.target + "/"
            let nested = mounts.filter { $0.target.hasPrefix(prefix) }.map(\.target)
            func outside(_ path: String) -> Bool { !nested.contains { path == $0 || path.hasPrefix($0 + "/") } }
            var changed = result[m.target] != m.root
            if !changed {
                for (path, node) in result.entries where path.hasPrefix(prefix) && outside(path) && m.files[String(path.dropFirst(m.target.count))] != node {
                    changed = true
                    break
                }
            }
            if !changed {
                changed = m.files.entries.keys.contains { result[m.target + $0] == nil && outside(m.target + $0) }
            }
            if changed {
                step.notes.append("the command wrote under \(m.target), a read-only \(m.mount.type.rawValue) mount: Docker refuses such writes (Read-only file system). Add rw to the mount to allow them; they are discarded after the step either way.")
            }
        }
        for m in mounts.reversed() {
            result.remove(m.target)
            if let node = before[m.target] {
                result.set(m.target, node)
                for path in BuildRun.descendants(of: m.target, in: before) {
                    if let n = before[path] { result.set(path, n) }
                }
            }
            // Mount stubs: parents created only to hold the mount point.
            var parent = FileTree.parent(of: m.target)
            while parent != "/" && before[parent] == nil && result[parent]?.isDirectory == true && result.children(of: parent).isEmpty {
                result.remove(parent)
                parent = FileTree.parent(of: parent)
            }
        }
    }

    /// `2.9s`: one decimal, as build progress shows durations.
    static func seconds(_ d: Double) -> String {
        let tenths = Int((d * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)s"
    }

    /// Stages a RUN's `--mount=...,from=NAME` needs (read before expansion, as BuildKit
    /// refuses variables there).
    func mountDependencies(_ run: RunInstruction, before index: Int) -> [Int] {
        run.mounts.compactMap { raw -> Int? in
            guard let fields = RunMount.csvFields(raw),
                  let from = fields.first(where: { $0.lowercased().hasPrefix("from=") }).map({ String($0.dropFirst(5)) }) else { return nil }
            if let dep = stageIndex(named: from), dep < index { return dep }
            if let n = Int(from), n >= 0, n < index { return n }
            return nil
        }
    }
}
