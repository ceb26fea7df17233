/// `.dockerignore` rules (moby/patternmatcher semantics).
public struct DockerIgnore: Hashable, Sendable {
    struct Pattern: Hashable, Sendable {
        var segments: [Substring]
        var exclusion: Bool
    }
    var patterns: [Pattern]

    /// Parses the file: one pattern per line, `#` comments, blank lines skipped, `!`
    /// exceptions, patterns cleaned like `filepath.Clean` with a leading `/` dropped.
    public init(_ text: String) {
        var patterns: [Pattern] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            var exclusion = false
            if line.hasPrefix("!") {
                exclusion = true
                line = line.dropFirst().trimmingWhitespace()
            }
            let cleaned = FileTree.normalize(String(line), cwd: "/").dropFirst()
            if cleaned.isEmpty { continue }
            patterns.append(Pattern(segments: cleaned.split(separator: "/"), exclusion: exclusion))
        }
        self.patterns = patterns
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether a context path (`/src/app.py`) is excluded: the last pattern that matches the
    /// path or one of its parent directories decides.
    public func excludes(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        var excluded = false
        for pattern in patterns {
            var matched = PathMatch.matchPath(pattern.segments, segments)
            if !matched && segments.count > 1 {
                for end in 1..<segments.count where PathMatch.matchPath(pattern.segments, Array(segments[0..<end])) {
                    matched = true
                    break
                }
            }
            if matched { excluded = !pattern.exclusion }
        }
        return excluded
    }
}

/// The build context as the daemon receives it: a folder of the workspace, filtered by its
/// `.dockerignore`, with owners reset to root as the CLI sends them.
public struct BuildContext: Hashable, Sendable {
    /// The files sent, keyed by context-relative absolute path (`/app.py`).
    public let files: FileTree
    /// Size of the `.dockerignore` file (0 when absent).
    public let dockerignoreSize: Int64
    /// Sum of file sizes sent.
    public let size: Int64
    /// Bytes of the tar stream the CLI sends to the classic builder (`Sending build context`):
    /// a 512-byte header per entry, contents padded to 512 bytes, 1024 bytes of end blocks.
    /// The CLI always sends the Dockerfile and `.dockerignore`, even when `.dockerignore`
    /// lists them (the daemon drops them afterwards).
    public let tarSize: Int64
    /// The workspace folder this context was taken from.
    public let root: String

    /// Takes `root` (a directory of `workspace`, `/` for the whole workspace) as the context.
    public init(workspace: FileTree, root: String = "/") {
        let normalizedRoot = FileTree.normalize(root)
        self.root = normalizedRoot
        let prefix = normalizedRoot == "/" ? "/" : normalizedRoot + "/"
        var entries: [String: FileNode]
        if normalizedRoot == "/" && workspace.entries.values.allSatisfy({ $0.uid == 0 && $0.gid == 0 }) {
            // The whole workspace, already root-owned: share its storage.
            entries = workspace.entries
        } else {
            entries = [:]
            entries.reserveCapacity(workspace.entries.count)
            for (path, node) in workspace.entries where path.hasPrefix(prefix) {
                let relative = normalizedRoot == "/" ? path : String(path.dropFirst(normalizedRoot.count))
                var sent = node
                sent.uid = 0
                sent.gid = 0
                entries[relative] = sent
            }
        }
        let unfiltered = entries
        var ignoreSize: Int64 = 0
        if let ignoreNode = entries["/.dockerignore"], case .file(let content) = ignoreNode.kind {
            ignoreSize = content.size
            var text = ""
            if case .bytes(let b) = content { text = String(decoding: b, as: UTF8.self) }
            let rules = DockerIgnore(text)
            if !rules.isEmpty {
                var kept: [String: FileNode] = [:]
                for (path, node) in entries where !rules.excludes(path) { kept[path] = node }
                // Directories that hold a re-included file stay, even if matched themselves.
                for path in Array(kept.keys) {
                    var parent = FileTree.parent(of: path)
                    while parent != "/" && kept[parent] == nil {
                        kept[parent] = entries[parent] ?? .directory()
                        parent = FileTree.parent(of: parent)
                    }
                }
                entries = kept
            }
        }
        self.files = FileTree(entries: entries)
        self.dockerignoreSize = ignoreSize
        self.size = entries.values.reduce(0) { $0 + $1.size }
        var tar: Int64 = 1024
        for (path, node) in entries where path != "/" { tar += BuildContext.tarEntrySize(path, node) }
        for path in ["/.dockerignore", "/Dockerfile"] where entries[path] == nil {
            if let node = unfiltered[path] { tar += BuildContext.tarEntrySize(path, node) }
        }
        self.tarSize = tar
    }

    /// One entry of a Go `archive/tar` stream: USTAR header, padded content, and a PAX
    /// header when the name does not fit USTAR's 100-byte name + 155-byte prefix.
    static func tarEntrySize(_ path: String, _ node: FileNode) -> Int64 {
        var name = Array(path.utf8.dropFirst())
        if node.isDirectory { name.append(UInt8(ascii: "/")) }
        var bytes: Int64 = 512
        if case .file = node.kind { bytes += (node.size + 511) / 512 * 512 }
        if name.count > 100 {
            let fits = name.indices.contains { i in name[i] == UInt8(ascii: "/") && i <= 155 && name.count - i - 1 <= 100 && name.count - i - 1 > 0 }
            if !fits { bytes += 1024 }
        }
        return bytes
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
