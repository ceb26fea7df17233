/// Path helpers the simulated shell needs on top of the `FileTree` contract: symlink
/// resolution (merged-/usr images make `/bin` a symlink), text reads and writes, globbing.

/// A stable 64-bit FNV-1a hash. Swift's `Hasher` is seeded per process, so it must never be
/// used for anything that ends up in an outcome; this one gives the same value on every run.
struct ShellHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}
    init(_ s: String) { combine(s) }

    mutating func combine(_ s: String) {
        for byte in s.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        value ^= 0xff
        value = value &* 0x0000_0100_0000_01b3
    }

    /// A number in `0..<1` derived from the hash.
    var unit: Double { Double(value >> 11) / Double(1 << 53) }

    static func unit(_ s: String) -> Double { ShellHash(s).unit }
    /// An integer in `range` derived from `s`.
    static func pick(_ s: String, in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(ShellHash(s).value % span)
    }
    static func hex(_ s: String, length: Int = 16) -> String {
        var out = ""
        var h = ShellHash(s)
        while out.count < length {
            let part = String(h.value, radix: 16)
            out += String(repeating: "0", count: 16 - part.count) + part
            h.combine(out)
        }
        return String(out.prefix(length))
    }
}

extension FileTree {
    /// Resolves symlinks in every component of a normalized absolute path. With
    /// `followLast == false` the final component is kept as is (for `rm`, `ln`, `lstat`).
    /// Returns nil when a link loop or a too-deep chain is found (ELOOP).
    func shellResolve(_ path: String, followLast: Bool = true) -> String? {
        var hops = 0
        var current = "/"
        var pending = path.split(separator: "/").map(String.init)
        pending.reverse()
        while let part = pending.popLast() {
            if part == "." || part.isEmpty { continue }
            if part == ".." { current = FileTree.parent(of: current); continue }
            let candidate = current == "/" ? "/" + part : current + "/" + part
            if case .symlink(let target)? = self[candidate]?.kind, followLast || !pending.isEmpty {
                hops += 1
                if hops > 40 { return nil }
                if target.hasPrefix("/") { current = "/" }
                let parts = target.split(separator: "/").map(String.init)
                pending.append(contentsOf: parts.reversed())
                continue
            }
            current = candidate
        }
        return current
    }

    /// The node at `path` after following symlinks.
    func shellLookup(_ path: String) -> FileNode? {
        guard let real = shellResolve(path) else { return nil }
        if real == "/" { return .directory() }
        return self[real]
    }

    func shellExists(_ path: String) -> Bool { shellLookup(path) != nil }

    func shellIsFile(_ path: String) -> Bool {
        if case .file? = shellLookup(path)?.kind { return true }
        return false
    }

    func shellIsDir(_ path: String) -> Bool { shellLookup(path)?.isDirectory == true }

    /// The text of a regular file holding real bytes (nil for synthetic or missing files).
    func shellText(at path: String) -> String? {
        guard case .file(let content)? = shellLookup(path)?.kind else { return nil }
        if case .bytes(let b) = content { return String(decoding: b, as: UTF8.self) }
        return nil
    }

    /// Writes a file, creating parent directories, following symlinks in the parent path.
    mutating func shellWrite(_ path: String, _ content: FileContent, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0) {
        let real = shellResolve(path) ?? path
        var node = FileNode.file(content, mode: mode, uid: uid, gid: gid)
        if case .file? = self[real]?.kind, let old = self[real] {
            node.mode = old.mode
            node.uid = old.uid
            node.gid = old.gid
        }
        set(real, node)
    }

    mutating func shellWriteText(_ path: String, _ text: String, mode: UInt32 = 0o644) {
        shellWrite(path, .text(text), mode: mode)
    }

    /// Creates a directory and its parents (like `mkdir -p`), following symlinks.
    mutating func shellMakeDirectories(_ path: String, uid: Int = 0, gid: Int = 0) {
        // One top-down pass (a path may have thousands of components).
        var current = "/"
        for part in path.split(separator: "/") {
            let candidate = current == "/" ? "/" + part : current + "/" + part
            switch self[candidate]?.kind {
            case .directory?:
                current = candidate
            case .symlink?:
                guard let real = shellResolve(candidate), isDirectory(real) else { return }
                current = real
            case .file?:
                return
            case nil:
                set(candidate, .directory(uid: uid, gid: gid))
                current = candidate
            }
        }
    }

    /// The deepest existing directory on the way to `path` (`/` at worst), in one pass.
    func shellDeepestExistingDirectory(on path: String) -> (path: String, blockedByFile: Bool) {
        var current = "/"
        var shown = "/"
        for part in path.split(separator: "/") {
            let candidate = current == "/" ? "/" + part : current + "/" + part
            switch self[candidate]?.kind {
            case .directory?:
                current = candidate
            case .symlink?:
                guard let real = shellResolve(candidate), isDirectory(real) else { return (shown, self.shellResolve(candidate).map { self[$0] != nil } ?? false) }
                current = real
            case .file?:
                return (shown, true)
            case nil:
                return (shown, false)
            }
            shown = shown == "/" ? "/" + part : shown + "/" + part
        }
        return (shown, false)
    }

    /// All stored paths at or below `path` (the path itself first).
    func shellSubtree(_ path: String) -> [String] {
        let prefix = path == "/" ? "/" : path + "/"
        var result = entries.keys.filter { $0.hasPrefix(prefix) }.sorted()
        if entries[path] != nil { result.insert(path, at: 0) }
        return result
    }

    /// Sum of file sizes at or below `path`.
    func shellTotalSize(under path: String) -> Int64 {
        shellSubtree(path).reduce(0) { $0 + (self[$1]?.size ?? 0) }
    }
}

/// Shell glob matching (`*`, `?`, `[...]`) on one path component.
enum ShellGlob {
    static func hasMagic(_ s: String) -> Bool {
        s.contains("*") || s.contains("?") || s.contains("[")
    }

    static func match(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let n = Array(name.unicodeScalars)
        // Iterative matcher with star backtracking: linear-ish, never recursive.
        var pi = 0, ni = 0
        var starP = -1, starN = 0
        while ni < n.count {
            if pi < p.count {
                let c = p[pi]
                if c == "*" {
                    starP = pi; starN = ni; pi += 1; continue
                }
                if c == "?" { pi += 1; ni += 1; continue }
                if c == "[", let (matched, next) = matchClass(p, pi, n[ni]) {
                    if matched { pi = next; ni += 1; continue }
                } else if c == "\\", pi + 1 < p.count {
                    if p[pi + 1] == n[ni] { pi += 2; ni += 1; continue }
                } else if c == n[ni] {
                    pi += 1; ni += 1; continue
                }
            }
            if starP >= 0 {
                starN += 1; ni = starN; pi = starP + 1; continue
            }
            return false
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Matches a bracket expression at `start`; nil when it is not a well-formed class.
    private static func matchClass(_ p: [Unicode.Scalar], _ start: Int, _ ch: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && (p[i] == "!" || p[i] == "^") { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == "]" && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                if p[i].value <= ch.value && ch.value <= p[i + 2].value { matched = true }
                i += 3
            } else {
                if p[i] == ch { matched = true }
                i += 1
            }
        }
        return nil
    }

    /// Expands an absolute pattern against the tree. Sorted matches; empty when none.
    /// Hidden names only match a pattern component that starts with a dot, as in sh.
    static func expand(_ pattern: String, in tree: FileTree, limit: Int = 10_000) -> [String] {
        let parts = pattern.split(separator: "/").map(String.init)
        var current: [String] = ["/"]
        for part in parts {
            var next: [String] = []
            for dir in current {
                if hasMagic(part) {
                    guard let real = tree.shellResolve(dir), tree.isDirectory(real) else { continue }
                    for child in tree.children(of: real) {
                        let name = String(child.split(separator: "/").last ?? "")
                        if name.hasPrefix(".") && !part.hasPrefix(".") { continue }
                        if match(part, name) {
                            next.append(dir == "/" ? "/" + name : dir + "/" + name)
                            if next.count > limit { return [] }
                        }
                    }
                } else {
                    let unescaped = String(part.filter { $0 != "\\" })
                    let candidate = dir == "/" ? "/" + unescaped : dir + "/" + unescaped
                    if tree.shellExists(candidate) || tree.shellResolve(candidate, followLast: false).map({ tree[$0] != nil }) == true {
                        next.append(candidate)
                    }
                }
            }
            current = next
            if current.isEmpty { return [] }
        }
        return current.sorted()
    }
}

extension String {
    /// Last path component.
    var shellBaseName: String {
        let trimmed = self.hasSuffix("/") && self.count > 1 ? String(self.dropLast()) : self
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }
}

extension FileTree {
    /// Pathname expansion as a POSIX shell does it for `pattern` (quoted magic characters
    /// backslash-escaped) relative to `cwd`: the matching paths, sorted, written relative
    /// when the pattern is; empty when nothing matches (the caller keeps the word then).
    public func glob(_ pattern: String, cwd: String) -> [String] {
        let absolute = pattern.hasPrefix("/") ? pattern : (cwd == "/" ? "/" : cwd + "/") + pattern
        let matches = ShellGlob.expand(absolute, in: self)
        if pattern.hasPrefix("/") { return matches }
        let prefix = cwd == "/" ? "/" : cwd + "/"
        return matches.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
    }
}
