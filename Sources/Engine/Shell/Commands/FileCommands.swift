/// coreutils-style file commands, worded as GNU coreutils words its errors.

/// Parsed command-line options: short flags (combined `-rf`), long flags, operands.
struct ShellOptions {
    var flags: [Character: String] = [:]
    var long: [String: String] = [:]
    var operands: [String] = []

    func has(_ c: Character) -> Bool { flags[c] != nil }
    func hasLong(_ s: String) -> Bool { long[s] != nil }

    /// `valued` lists short flags that take a value (`-o FILE`); `longValued` the long ones.
    init(_ args: [String], valued: Set<Character> = [], longValued: Set<String> = []) {
        var i = 0
        var onlyOperands = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyOperands || a == "-" || !a.hasPrefix("-") { operands.append(a); continue }
            if a == "--" { onlyOperands = true; continue }
            if a.hasPrefix("--") {
                let body = a.dropFirst(2)
                if let eq = body.firstIndex(of: "=") {
                    long[String(body[..<eq])] = String(body[body.index(after: eq)...])
                } else if longValued.contains(String(body)), i < args.count {
                    long[String(body)] = args[i]
                    i += 1
                } else {
                    long[String(body)] = ""
                }
                continue
            }
            var chars = Array(a.dropFirst())
            while !chars.isEmpty {
                let c = chars.removeFirst()
                if valued.contains(c) {
                    if !chars.isEmpty {
                        flags[c] = String(chars)
                        chars = []
                    } else if i < args.count {
                        flags[c] = args[i]
                        i += 1
                    } else {
                        flags[c] = ""
                    }
                } else {
                    flags[c] = ""
                }
            }
        }
    }
}

enum FileCommands {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["mkdir"] = mkdir
        r["touch"] = touch
        r["cat"] = cat
        r["cp"] = cp
        r["install"] = cp
        r["mv"] = mv
        r["rm"] = rm
        r["rmdir"] = rmdir
        r["ln"] = ln
        r["chmod"] = chmod
        r["chown"] = chown
        r["chgrp"] = chgrp
        r["ls"] = ls
        r["du"] = du
        r["readlink"] = readlink
        r["realpath"] = readlink
        r["mktemp"] = mktemp
    }

    static let mkdir: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["m"], longValued: ["mode"])
        let parents = o.has("p") || o.hasLong("parents")
        guard !o.operands.isEmpty else { io.errLine("mkdir: missing operand"); return 1 }
        io.duration = 0.002
        var status: Int32 = 0
        for operand in o.operands {
            let path = sh.absolute(operand)
            // PATH_MAX: the kernel refuses longer names.
            guard path.utf8.count < 4096 else {
                io.errLine("mkdir: cannot create directory '\(operand)': File name too long")
                status = 1
                continue
            }
            if sh.fs.shellExists(path) {
                if !parents || !sh.fs.shellIsDir(path) {
                    io.errLine("mkdir: cannot create directory '\(operand)': File exists")
                    status = 1
                }
                continue
            }
            let parent = FileTree.parent(of: path)
            if !parents && !sh.fs.shellIsDir(parent) {
                io.errLine("mkdir: cannot create directory '\(operand)': No such file or directory")
                status = 1
                continue
            }
            // The nearest existing ancestor decides permission.
            let (ancestor, blocked) = sh.fs.shellDeepestExistingDirectory(on: parent)
            if blocked {
                io.errLine("mkdir: cannot create directory '\(operand)': Not a directory")
                status = 1
                continue
            }
            if !sh.canWrite(ancestor) {
                io.errLine("mkdir: cannot create directory '\(operand)': Permission denied")
                status = 1
                continue
            }
            sh.fs.shellMakeDirectories(path, uid: sh.uid, gid: sh.gid)
            if let m = o.flags["m"] ?? o.long["mode"], let mode = UInt32(m, radix: 8), let real = sh.fs.shellResolve(path), var node = sh.fs[real] {
                node.mode = mode & 0o7777
                sh.fs.set(real, node)
            }
        }
        return status
    }

    static let touch: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["d", "t", "r"])
        guard !o.operands.isEmpty else { io.errLine("touch: missing file operand"); return 1 }
        io.duration = 0.001
        var status: Int32 = 0
        for operand in o.operands {
            let path = sh.absolute(operand)
            if sh.fs.shellExists(path) { continue }
            if o.has("c") { continue }
            let parent = FileTree.parent(of: path)
            guard sh.fs.shellIsDir(parent) else {
                io.errLine("touch: cannot touch '\(operand)': No such file or directory")
                status = 1
                continue
            }
            guard sh.canWrite(parent) else {
                io.errLine("touch: cannot touch '\(operand)': Permission denied")
                status = 1
                continue
            }
            sh.fs.shellWrite(path, .bytes([]), uid: sh.uid, gid: sh.gid)
        }
        return status
    }

    static let cat: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args)
        io.duration = 0.001
        if o.operands.isEmpty {
            io.out(io.stdin ?? "")
            return 0
        }
        var status: Int32 = 0
        for operand in o.operands {
            if operand == "-" { io.out(io.stdin ?? ""); continue }
            let path = sh.absolute(operand)
            guard let node = sh.fs.shellLookup(path) else {
                io.errLine("cat: \(operand): No such file or directory")
                status = 1
                continue
            }
            switch node.kind {
            case .directory:
                io.errLine("cat: \(operand): Is a directory")
                status = 1
            case .file(.bytes(let b)):
                io.out(String(decoding: b, as: UTF8.self))
            case .file(.synthetic(let size, _)):
                io.notes.append("`cat \(operand)`: the simulated file holds \(size) bytes of generated content, which is not shown.")
            case .symlink:
                status = 1
            }
        }
        return status
    }

    /// Copies one entry (and its subtree) from `src` to `dst`, as `uid:gid` unless preserving.
    static func copyTree(_ sh: ShellRun, from src: String, to dst: String, preserve: Bool, followTop: Bool) {
        let realSrc = (followTop ? sh.fs.shellResolve(src) : sh.fs.shellResolve(src, followLast: false)) ?? src
        let realDstParent = sh.fs.shellResolve(FileTree.parent(of: dst)) ?? FileTree.parent(of: dst)
        let realDst = realDstParent == "/" ? "/" + dst.shellBaseName : realDstParent + "/" + dst.shellBaseName
        guard realSrc != realDst, !realDst.hasPrefix(realSrc + "/") else { return }
        let items = sh.fs.shellSubtree(realSrc)
        for item in items {
            guard var node = sh.fs[item] else { continue }
            let suffix = String(item.dropFirst(realSrc.count))
            if !preserve && !(node.uid == sh.uid && node.gid == sh.gid) {
                if case .symlink = node.kind {} else { node.uid = sh.uid; node.gid = sh.gid }
            }
            if item == realSrc, node.isDirectory, sh.fs.isDirectory(realDst) { continue }
            sh.fs.set(realDst + suffix, node)
        }
    }

    /// The `SOURCE... DEST` operands cp and mv share, with GNU's usage errors: removes the
    /// destination from `operands` and returns it, or reports the error and returns nil.
    /// `duration` is the command's simulated time once its operands are usable.
    static func sourcesAndTarget(_ program: String, _ operands: inout [String], duration: Double, sh: ShellRun, io: inout ShellCommandIO) -> (dest: String, destPath: String, destIsDir: Bool)? {
        guard operands.count >= 2 else {
            io.errLine(operands.isEmpty ? "\(program): missing file operand" : "\(program): missing destination file operand after '\(operands[0])'")
            return nil
        }
        io.duration = duration
        let dest = operands.removeLast()
        let destPath = sh.absolute(dest)
        let destIsDir = sh.fs.shellIsDir(destPath)
        if operands.count > 1 && !destIsDir {
            io.errLine("\(program): target '\(dest)': Not a directory")
            return nil
        }
        return (dest, destPath, destIsDir)
    }

    static let cp: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["m", "t", "o", "g"], longValued: ["target-directory"])
        let recursive = o.has("r") || o.has("R") || o.has("a") || o.hasLong("recursive") || o.hasLong("archive")
        let preserve = o.has("a") || o.has("p") || o.hasLong("archive") || o.hasLong("preserve")
        let noClobber = o.has("n") || o.hasLong("no-clobber")
        var operands = o.operands
        if let t = o.flags["t"] ?? o.long["target-directory"] { operands.append(t) }
        guard let (dest, destPath, destIsDir) = sourcesAndTarget("cp", &operands, duration: 0.002, sh: sh, io: &io) else { return 1 }
        var status: Int32 = 0
        for source in operands {
            let srcPath = sh.absolute(source)
            guard let node = sh.fs.shellLookup(srcPath) else {
                io.errLine("cp: cannot stat '\(source)': No such file or directory")
                status = 1
                continue
            }
            if node.isDirectory && !recursive {
                io.errLine("cp: -r not specified; omitting directory '\(source)'")
                status = 1
                continue
            }
            let target = destIsDir ? FileTree.normalize(srcPath.shellBaseName, cwd: destPath) : destPath
            if target == srcPath || target.hasPrefix(srcPath + "/") {
                io.errLine("cp: cannot copy a directory, '\(source)', into itself, '\(dest)'")
                status = 1
                continue
            }
            let parent = FileTree.parent(of: target)
            guard sh.fs.shellIsDir(parent) else {
                io.errLine("cp: cannot create regular file '\(dest)': No such file or directory")
                status = 1
                continue
            }
            if noClobber && sh.fs.shellExists(target) { continue }
            if !node.isDirectory && sh.fs.shellIsDir(target) {
                io.errLine("cp: cannot overwrite directory '\(dest)' with non-directory")
                status = 1
                continue
            }
            if !sh.canWrite(parent) && !sh.fs.shellExists(target) {
                io.errLine("cp: cannot create regular file '\(dest)': Permission denied")
                status = 1
                continue
            }
            copyTree(sh, from: srcPath, to: target, preserve: preserve, followTop: true)
            if let m = o.flags["m"], let mode = UInt32(m, radix: 8), let real = sh.fs.shellResolve(target), var n = sh.fs[real] {
                n.mode = mode & 0o7777
                sh.fs.set(real, n)
            }
        }
        return status
    }

    static let mv: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["t"])
        var operands = o.operands
        if let t = o.flags["t"] { operands.append(t) }
        guard let (dest, destPath, destIsDir) = sourcesAndTarget("mv", &operands, duration: 0.001, sh: sh, io: &io) else { return 1 }
        var status: Int32 = 0
        for source in operands {
            let srcPath = sh.absolute(source)
            guard let realSrc = sh.fs.shellResolve(srcPath, followLast: false), sh.fs[realSrc] != nil else {
                io.errLine("mv: cannot stat '\(source)': No such file or directory")
                status = 1
                continue
            }
            let target = destIsDir ? FileTree.normalize(srcPath.shellBaseName, cwd: destPath) : destPath
            if target == srcPath { continue }
            if target.hasPrefix(srcPath + "/") {
                io.errLine("mv: cannot move '\(source)' to a subdirectory of itself, '\(dest)'")
                status = 1
                continue
            }
            guard sh.fs.shellIsDir(FileTree.parent(of: target)) else {
                io.errLine("mv: cannot move '\(source)' to '\(dest)': No such file or directory")
                status = 1
                continue
            }
            guard sh.canWrite(FileTree.parent(of: srcPath)), sh.canWrite(FileTree.parent(of: target)) else {
                io.errLine("mv: cannot move '\(source)' to '\(dest)': Permission denied")
                status = 1
                continue
            }
            let realParent = sh.fs.shellResolve(FileTree.parent(of: target)) ?? FileTree.parent(of: target)
            let realTarget = realParent == "/" ? "/" + target.shellBaseName : realParent + "/" + target.shellBaseName
            let items = sh.fs.shellSubtree(realSrc)
            let moved = items.compactMap { item in sh.fs[item].map { (String(item.dropFirst(realSrc.count)), $0) } }
            sh.fs.remove(realSrc)
            sh.fs.remove(realTarget)
            for (suffix, node) in moved { sh.fs.set(realTarget + suffix, node) }
        }
        return status
    }

    static let rm: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args)
        let recursive = o.has("r") || o.has("R") || o.hasLong("recursive")
        let force = o.has("f") || o.hasLong("force")
        if o.operands.isEmpty && !force { io.errLine("rm: missing operand"); return 1 }
        var status: Int32 = 0
        var removedCount = 0
        for operand in o.operands {
            let path = sh.absolute(operand)
            if path == "/" {
                io.errLine("rm: it is dangerous to operate recursively on '/'")
                io.errLine("rm: use --no-preserve-root to override this failsafe")
                status = 1
                continue
            }
            guard let real = sh.fs.shellResolve(path, followLast: false), let node = sh.fs[real] else {
                if !force {
                    io.errLine("rm: cannot remove '\(operand)': No such file or directory")
                    status = 1
                }
                continue
            }
            if node.isDirectory && !recursive {
                io.errLine("rm: cannot remove '\(operand)': Is a directory")
                status = 1
                continue
            }
            if !sh.canWrite(FileTree.parent(of: real)) {
                io.errLine("rm: cannot remove '\(operand)': Permission denied")
                status = 1
                continue
            }
            removedCount += sh.fs.shellSubtree(real).count
            sh.fs.remove(real)
        }
        io.duration = 0.001 + Double(removedCount) * 0.000_02
        return status
    }

    static let rmdir: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args)
        var status: Int32 = 0
        for operand in o.operands {
            let path = sh.absolute(operand)
            guard let real = sh.fs.shellResolve(path, followLast: false), let node = sh.fs[real] else {
                io.errLine("rmdir: failed to remove '\(operand)': No such file or directory")
                status = 1
                continue
            }
            guard node.isDirectory else {
                io.errLine("rmdir: failed to remove '\(operand)': Not a directory")
                status = 1
                continue
            }
            guard sh.fs.children(of: real).isEmpty else {
                io.errLine("rmdir: failed to remove '\(operand)': Directory not empty")
                status = 1
                continue
            }
            sh.fs.remove(real)
        }
        return status
    }

    static let ln: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args)
        let symbolic = o.has("s") || o.hasLong("symbolic")
        let force = o.has("f") || o.hasLong("force")
        var operands = o.operands
        guard !operands.isEmpty else { io.errLine("ln: missing file operand"); return 1 }
        io.duration = 0.001
        if operands.count == 1 { operands.append(".") }
        let dest = operands.removeLast()
        var destPath = sh.absolute(dest)
        var status: Int32 = 0
        for source in operands {
            var target = destPath
            if sh.fs.shellIsDir(destPath) && !(o.has("n") && sh.fs.shellResolve(destPath, followLast: false).map({ p in
                if case .symlink? = sh.fs[p]?.kind { return true } else { return false }
            }) == true) {
                target = FileTree.normalize(source.shellBaseName, cwd: destPath)
            }
            if let real = sh.fs.shellResolve(target, followLast: false), sh.fs[real] != nil {
                if !force {
                    io.errLine("ln: failed to create \(symbolic ? "symbolic " : "hard ")link '\(target == destPath ? dest : target)': File exists")
                    status = 1
                    continue
                }
                sh.fs.remove(real)
            }
            guard sh.fs.shellIsDir(FileTree.parent(of: target)) else {
                io.errLine("ln: failed to create \(symbolic ? "symbolic " : "hard ")link '\(dest)': No such file or directory")
                status = 1
                continue
            }
            let realParent = sh.fs.shellResolve(FileTree.parent(of: target)) ?? "/"
            let realTarget = realParent == "/" ? "/" + target.shellBaseName : realParent + "/" + target.shellBaseName
            if symbolic {
                sh.fs.set(realTarget, .symlink(source))
            } else {
                let srcPath = sh.absolute(source)
                guard let node = sh.fs.shellLookup(srcPath) else {
                    io.errLine("ln: failed to access '\(source)': No such file or directory")
                    status = 1
                    continue
                }
                if node.isDirectory {
                    io.errLine("ln: \(source): hard link not allowed for directory")
                    status = 1
                    continue
                }
                sh.fs.set(realTarget, node)
            }
            destPath = sh.absolute(dest)
        }
        return status
    }

    /// Applies an octal or symbolic (`u+x`, `go-w`, `a=r,u+w`) mode to `old`.
    static func applyMode(_ spec: String, to old: UInt32, isDirectory: Bool) -> UInt32? {
        if let n = UInt32(spec, radix: 8), spec.allSatisfy({ $0.isNumber }) { return n & 0o7777 }
        var mode = old
        for clause in spec.split(separator: ",") {
            var chars = Array(clause)
            var who: UInt32 = 0
            while let c = chars.first, "ugoa".contains(c) {
                switch c {
                case "u": who |= 0o4700
                case "g": who |= 0o2070
                case "o": who |= 0o1007
                default: who |= 0o7777
                }
                chars.removeFirst()
            }
            if who == 0 { who = 0o7777 & ~0o022 | 0o6000 }
            guard let op = chars.first, "+-=".contains(op) else { return nil }
            chars.removeFirst()
            var bits: UInt32 = 0
            for c in chars {
                switch c {
                case "r": bits |= 0o444
                case "w": bits |= 0o222
                case "x": bits |= 0o111
                case "X": if isDirectory || old & 0o111 != 0 { bits |= 0o111 }
                case "s": bits |= 0o6000
                case "t": bits |= 0o1000
                default: return nil
                }
            }
            switch op {
            case "+": mode |= bits & who
            case "-": mode &= ~(bits & who)
            default: mode = (mode & ~(who & 0o777)) | (bits & who)
            }
        }
        return mode & 0o7777
    }

    static let chmod: ShellProgramSimulator = { sh, args, io in
        // A mode like `-x` looks like an option; take the first operand-ish word as the mode.
        var rest = args
        var recursive = false
        while let f = rest.first, f == "-R" || f == "--recursive" || f == "-v" || f == "-f" {
            if f == "-R" || f == "--recursive" { recursive = true }
            rest.removeFirst()
        }
        guard rest.count >= 2 else {
            io.errLine(rest.isEmpty ? "chmod: missing operand" : "chmod: missing operand after '\(rest[0])'")
            return 1
        }
        io.duration = 0.001
        let spec = rest.removeFirst()
        var status: Int32 = 0
        for operand in rest {
            let path = sh.absolute(operand)
            guard let real = sh.fs.shellResolve(path), let node = sh.fs[real] ?? (real == "/" ? FileNode.directory() : nil) else {
                io.errLine("chmod: cannot access '\(operand)': No such file or directory")
                status = 1
                continue
            }
            if !sh.isRoot && node.uid != sh.uid {
                io.errLine("chmod: changing permissions of '\(operand)': Operation not permitted")
                status = 1
                continue
            }
            let targets = recursive ? sh.fs.shellSubtree(real) : [real]
            for t in targets {
                guard var n = sh.fs[t] else { continue }
                if case .symlink = n.kind { continue }
                guard let mode = applyMode(spec, to: n.mode, isDirectory: n.isDirectory) else {
                    io.errLine("chmod: invalid mode: '\(spec)'")
                    io.errLine("Try 'chmod --help' for more information.")
                    return 1
                }
                n.mode = mode
                sh.fs.set(t, n)
            }
        }
        return status
    }

    static func groupID(_ sh: ShellRun, _ name: String) -> Int? {
        if let n = Int(name) { return n }
        guard let text = sh.fs.shellText(at: "/etc/group") else { return name == "root" ? 0 : nil }
        for line in text.split(separator: "\n") {
            let f = line.split(separator: ":", omittingEmptySubsequences: false)
            if f.count >= 3, f[0] == name { return Int(f[2]) }
        }
        return nil
    }

    static func changeOwner(_ sh: ShellRun, _ args: [String], _ io: inout ShellCommandIO, command: String, groupOnly: Bool) -> Int32 {
        let o = ShellOptions(args)
        let recursive = o.has("R") || o.hasLong("recursive")
        guard o.operands.count >= 2 else {
            io.errLine(o.operands.isEmpty ? "\(command): missing operand" : "\(command): missing operand after '\(o.operands[0])'")
            return 1
        }
        io.duration = 0.001
        let spec = o.operands[0]
        var newUID: Int? = nil
        var newGID: Int? = nil
        if groupOnly {
            guard let g = groupID(sh, spec) else { io.errLine("chgrp: invalid group: '\(spec)'"); return 1 }
            newGID = g
        } else {
            let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let userPart = parts[0]
            if !userPart.isEmpty {
                if let e = sh.userRecord(userPart) {
                    newUID = e.uid
                    if parts.count == 2 && parts[1].isEmpty { newGID = e.gid }
                } else if let n = Int(userPart) {
                    newUID = n
                } else {
                    io.errLine("chown: invalid user: '\(spec)'")
                    return 1
                }
            }
            if parts.count == 2 && !parts[1].isEmpty {
                guard let g = groupID(sh, parts[1]) else { io.errLine("chown: invalid group: '\(spec)'"); return 1 }
                newGID = g
            }
        }
        if !sh.isRoot {
            io.errLine("\(command): changing ownership of '\(o.operands[1])': Operation not permitted")
            return 1
        }
        var status: Int32 = 0
        for operand in o.operands.dropFirst() {
            let path = sh.absolute(operand)
            guard let real = sh.fs.shellResolve(path), sh.fs[real] != nil else {
                io.errLine("\(command): cannot access '\(operand)': No such file or directory")
                status = 1
                continue
            }
            for t in recursive ? sh.fs.shellSubtree(real) : [real] {
                guard var n = sh.fs[t] else { continue }
                if let u = newUID { n.uid = u }
                if let g = newGID { n.gid = g }
                sh.fs.set(t, n)
            }
        }
        return status
    }

    static let chown: ShellProgramSimulator = { sh, args, io in changeOwner(sh, args, &io, command: "chown", groupOnly: false) }
    static let chgrp: ShellProgramSimulator = { sh, args, io in changeOwner(sh, args, &io, command: "chgrp", groupOnly: true) }

    static func permissionString(_ node: FileNode) -> String {
        var s: String
        switch node.kind {
        case .directory: s = "d"
        case .symlink: s = "l"
        case .file: s = "-"
        }
        let m = node.mode
        let bits: [(UInt32, Character)] = [(0o400, "r"), (0o200, "w"), (0o100, "x"), (0o40, "r"), (0o20, "w"), (0o10, "x"), (0o4, "r"), (0o2, "w"), (0o1, "x")]
        for (bit, c) in bits { s.append(m & bit != 0 ? c : "-") }
        return s
    }

    static func humanSize(_ n: Int64) -> String {
        if n < 1024 { return String(n) }
        let units = ["K", "M", "G", "T"]
        var v = Double(n) / 1024
        var u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        if v < 10 {
            let r = (v * 10).rounded(.up) / 10
            if r < 10 { return formatOneDecimal(r) + units[u] }
        }
        return String(Int(v.rounded(.up))) + units[u]
    }

    static func formatOneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static let ls: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args)
        let long = o.has("l") || o.has("n") || o.has("g") || o.has("o")
        let all = o.has("a")
        let almostAll = o.has("A")
        let human = o.has("h") || o.hasLong("human-readable")
        let dirOnly = o.has("d")
        let operands = o.operands.isEmpty ? ["."] : o.operands
        io.duration = 0.001
        var status: Int32 = 0
        func owner(_ node: FileNode) -> (String, String) {
            let u = sh.passwdEntries().first { $0.uid == node.uid }?.name ?? String(node.uid)
            let g = sh.groupName(node.gid) ?? String(node.gid)
            return (u, g)
        }
        func line(_ name: String, _ node: FileNode, path: String? = nil) -> String {
            guard long else { return name }
            // A directory's link count is 2 plus its subdirectories.
            var links = 1
            if node.isDirectory, let path { links = 2 + sh.fs.children(of: path).filter { sh.fs[$0]?.isDirectory == true }.count } else if node.isDirectory { links = 2 }
            let (u, g) = owner(node)
            let size: Int64 = node.isDirectory ? 4096 : { if case .symlink(let t) = node.kind { return Int64(t.utf8.count) } else { return node.size } }()
            let sizeText = human ? humanSize(size) : String(size)
            var display = name
            if case .symlink(let t) = node.kind { display += " -> " + t }
            return "\(permissionString(node)) \(links) \(u) \(g) \(sizeText) Jan 15 09:00 \(display)"
        }
        var files: [String] = []
        var dirs: [(String, String)] = []
        for operand in operands {
            let path = sh.absolute(operand)
            // ls -l describes a symlink itself (lstat); plain ls follows one that names a directory.
            guard let linkPath = sh.fs.shellResolve(path, followLast: false), let node = linkPath == "/" ? FileNode.directory() : sh.fs[linkPath] else {
                io.errLine("ls: cannot access '\(operand)': No such file or directory")
                status = 2
                continue
            }
            if case .symlink = node.kind, !long || operand.hasSuffix("/"), !dirOnly, let real = sh.fs.shellResolve(path), sh.fs.isDirectory(real) {
                dirs.append((operand, real))
            } else if node.isDirectory && !dirOnly {
                dirs.append((operand, linkPath))
            } else {
                files.append(line(operand, node))
            }
        }
        for f in files { io.outLine(f) }
        // -R lists each directory's subdirectories after it, depth first.
        var queue: [(String, String)] = dirs.reversed()
        var listed = 0
        let showHeaders = operands.count > 1 || o.has("R")
        while let (operand, real) = queue.popLast(), listed < 2_000 {
            if showHeaders {
                if listed > 0 || !files.isEmpty { io.outLine("") }
                io.outLine("\(operand):")
            }
            listed += 1
            var names: [(String, FileNode)] = []
            var paths: [String] = []
            if all {
                names.append((".", sh.fs[real] ?? .directory()))
                paths.append(real)
                names.append(("..", sh.fs[FileTree.parent(of: real)] ?? .directory()))
                paths.append(FileTree.parent(of: real))
            }
            for child in sh.fs.children(of: real) {
                let name = child.shellBaseName
                if name.hasPrefix(".") && !all && !almostAll { continue }
                if let node = sh.fs[child] { names.append((name, node)); paths.append(child) }
            }
            if long {
                let blocks = names.reduce(Int64(0)) { $0 + ($1.1.isDirectory ? 4 : ($1.1.size + 4095) / 4096 * 4) }
                io.outLine("total \(human ? humanSize(blocks * 1024) : String(blocks))")
            }
            for (index, (name, node)) in names.enumerated() { io.outLine(line(name, node, path: paths[index])) }
            if o.has("R") {
                let subdirs = names.filter { $0.1.isDirectory && $0.0 != "." && $0.0 != ".." }
                for (name, _) in subdirs.reversed() {
                    queue.append(((operand == "/" ? "" : operand) + "/" + name, real == "/" ? "/" + name : real + "/" + name))
                }
            }
        }
        return status
    }

    static let du: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["d"])
        let human = o.has("h")
        let operands = o.operands.isEmpty ? ["."] : o.operands
        var status: Int32 = 0
        io.duration = 0.01
        var total: Int64 = 0
        for operand in operands {
            let path = sh.absolute(operand)
            guard let real = sh.fs.shellResolve(path), sh.fs.shellExists(real) else {
                io.errLine("du: cannot access '\(operand)': No such file or directory")
                status = 1
                continue
            }
            let bytes = sh.fs.shellTotalSize(under: real) + Int64(max(1, sh.fs.shellSubtree(real).count)) * 4096 / 8
            total += bytes
            let kb = (bytes + 1023) / 1024
            io.outLine("\(human ? humanSize(bytes) : String(kb))\t\(operand)")
        }
        if o.has("c") { io.outLine("\(human ? humanSize(total) : String((total + 1023) / 1024))\ttotal") }
        return status
    }

    static let readlink: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args)
        guard let operand = o.operands.first else { io.errLine("readlink: missing operand"); return 1 }
        let path = sh.absolute(operand)
        if o.has("f") || o.has("e") || o.has("m") {
            guard let real = sh.fs.shellResolve(path) else { return 1 }
            io.outLine(real)
            return 0
        }
        guard let real = sh.fs.shellResolve(path, followLast: false), case .symlink(let t)? = sh.fs[real]?.kind else { return 1 }
        io.outLine(t)
        return 0
    }

    static let mktemp: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["p"])
        let base = o.flags["p"] ?? "/tmp"
        var n = 0
        var path: String
        repeat {
            path = FileTree.normalize("tmp.\(ShellHash.hex("mktemp\(n)", length: 10))", cwd: sh.absolute(base))
            n += 1
        } while sh.fs.shellExists(path) && n < 1000
        if o.has("d") { sh.fs.shellMakeDirectories(path, uid: sh.uid, gid: sh.gid) } else { sh.fs.shellWrite(path, .bytes([]), mode: 0o600, uid: sh.uid, gid: sh.gid) }
        io.outLine(path)
        return 0
    }
}
