/// File trees: the contents of an image's union view, a layer's change set, a container's
/// writable layer, or the simulated shell's working filesystem.
///
/// Shared contract between the engine (layers, images, builder) and the simulated RUN shell:
/// the shell takes a `FileTree` value, changes it, and the engine diffs before/after to make a
/// layer. Paths are absolute and normalized (`/`, `/usr/bin/python3`; no trailing slash, no
/// `.`/`..` segments); the root `/` is implicit and never stored.

/// What a regular file holds.
public enum FileContent: Hashable, Sendable {
    /// Real bytes (what a learner writes, small generated files such as /etc/os-release).
    case bytes([UInt8])
    /// A stand-in for a large file (a wheel, a shared library, a tarball): it has a size and
    /// a seed that determines its (never materialised) bytes, so a 2 GB file costs nothing.
    /// Two synthetic files are equal iff size and seed are equal.
    case synthetic(size: Int64, seed: String)

    public var size: Int64 {
        switch self {
        case .bytes(let b): return Int64(b.count)
        case .synthetic(let size, _): return size
        }
    }

    /// Convenience for UTF-8 text.
    public static func text(_ s: String) -> FileContent { .bytes(Array(s.utf8)) }
}

/// One entry of a file tree.
public struct FileNode: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case file(FileContent)
        case directory
        case symlink(target: String)
    }
    public var kind: Kind
    /// Permission bits only (0o755, 0o644), as tar headers carry them.
    public var mode: UInt32
    public var uid: Int
    public var gid: Int

    public init(kind: Kind, mode: UInt32, uid: Int = 0, gid: Int = 0) {
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }

    public static func file(_ content: FileContent, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0) -> FileNode {
        FileNode(kind: .file(content), mode: mode, uid: uid, gid: gid)
    }
    public static func directory(mode: UInt32 = 0o755, uid: Int = 0, gid: Int = 0) -> FileNode {
        FileNode(kind: .directory, mode: mode, uid: uid, gid: gid)
    }
    public static func symlink(_ target: String) -> FileNode {
        FileNode(kind: .symlink(target: target), mode: 0o777)
    }

    public var isDirectory: Bool { if case .directory = kind { return true } else { return false } }
    /// Bytes this entry contributes to a layer's size (file content only).
    public var size: Int64 { if case .file(let c) = kind { return c.size } else { return 0 } }
}

/// A whole filesystem as a flat map from absolute path to entry. Value type: copying is cheap
/// (copy-on-write dictionary), which is what makes session snapshots and undo cheap.
public struct FileTree: Hashable, Sendable {
    public private(set) var entries: [String: FileNode]
    /// Paths written or removed since `beginTracking()`, nil when not tracking. Lets the
    /// engine diff a RUN's result against its input in time proportional to the changes
    /// instead of the whole tree. Not part of equality.
    public private(set) var touchedPaths: Set<String>?

    public init(entries: [String: FileNode] = [:]) {
        self.entries = entries
        self.touchedPaths = nil
    }

    /// Starts recording which paths `set`/`remove` touch.
    public mutating func beginTracking() { touchedPaths = [] }

    /// Stops recording.
    public mutating func endTracking() { touchedPaths = nil }

    public static func == (a: FileTree, b: FileTree) -> Bool { a.entries == b.entries }
    public func hash(into hasher: inout Hasher) { hasher.combine(entries) }

    public subscript(path: String) -> FileNode? { entries[path] }

    /// Makes room for `count` entries (bulk additions such as applying a layer).
    public mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
    }

    /// Sets `path` to `node`, creating missing parent directories (mode 0755, root-owned).
    public mutating func set(_ path: String, _ node: FileNode) {
        var parent = FileTree.parent(of: path)
        while parent != "/" && entries[parent] == nil {
            entries[parent] = .directory()
            touchedPaths?.insert(parent)
            parent = FileTree.parent(of: parent)
        }
        entries[path] = node
        touchedPaths?.insert(path)
    }

    /// Removes `path` and everything below it. Returns whether anything was removed.
    @discardableResult
    public mutating func remove(_ path: String) -> Bool {
        var removed = entries.removeValue(forKey: path) != nil
        if removed { touchedPaths?.insert(path) }
        let prefix = path == "/" ? "/" : path + "/"
        for key in entries.keys where key.hasPrefix(prefix) {
            entries.removeValue(forKey: key)
            touchedPaths?.insert(key)
            removed = true
        }
        return removed
    }

    /// Direct children of a directory, sorted by name (full paths).
    public func children(of path: String) -> [String] {
        let prefix = path == "/" ? "/" : path + "/"
        return entries.keys.filter { key in
            key.hasPrefix(prefix) && !key.dropFirst(prefix.count).contains("/") && key.count > prefix.count
        }.sorted()
    }

    /// Whether `path` is the root or an existing directory.
    public func isDirectory(_ path: String) -> Bool {
        path == "/" || entries[path]?.isDirectory == true
    }

    /// The parent directory of a normalized absolute path (`/a/b` -> `/a`, `/a` -> `/`).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Normalizes `path` against `cwd`: resolves `.` and `..` (never above `/`), collapses
    /// repeated slashes, drops a trailing slash.
    public static func normalize(_ path: String, cwd: String = "/") -> String {
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
