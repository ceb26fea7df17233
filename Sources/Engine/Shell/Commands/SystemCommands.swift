/// Process, user and build-tool commands: sleep, env, id, which, useradd, tar, go, python.
enum SystemCommands {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["sleep"] = sleep
        r["env"] = env
        r["printenv"] = env
        r["whoami"] = { sh, _, io in
            io.outLine(sh.passwdEntries().first { $0.uid == sh.uid }?.name ?? (sh.isRoot ? "root" : "whoami: cannot find name for user ID \(sh.uid)"))
            return 0
        }
        r["id"] = id
        r["groups"] = { sh, _, io in io.outLine(sh.groupName(sh.gid) ?? String(sh.gid)); return 0 }
        r["which"] = which
        r["uname"] = uname
        r["hostname"] = { _, _, io in io.outLine(io.environment["HOSTNAME"] ?? "buildkitsandbox"); return 0 }
        r["nproc"] = { _, _, io in io.outLine("2"); return 0 }
        // Wrappers that run another program.
        for wrapper in ["timeout", "nice", "nohup", "stdbuf"] {
            r[wrapper] = { sh, args, io in
                var rest = args
                while let a = rest.first, a.hasPrefix("-") {
                    rest.removeFirst()
                    // Options with a separate value (`nice -n 10`, `stdbuf -o L`, `timeout -s KILL`).
                    if ["-n", "-s", "-k", "-o", "-e", "-i"].contains(a), !rest.isEmpty { rest.removeFirst() }
                }
                if wrapper == "timeout" {
                    guard !rest.isEmpty else { io.errLine("timeout: missing operand"); return 125 }
                    rest.removeFirst()
                }
                guard let program = rest.first else { return wrapper == "nice" ? 0 : 125 }
                let status = sh.runProgram(program, Array(rest.dropFirst()), environment: io.environment, stdin: io.stdin)
                return status == 127 && wrapper != "nice" ? 127 : status
            }
        }
        r["getent"] = { sh, args, io in
            guard args.count >= 1, args[0] == "passwd" || args[0] == "group" else {
                io.errLine("Unknown database: \(args.first ?? "")")
                return 1
            }
            let text = sh.fs.shellText(at: "/etc/\(args[0])") ?? ""
            let keys = Array(args.dropFirst())
            var found = false
            for line in text.split(separator: "\n") {
                let f = line.split(separator: ":", omittingEmptySubsequences: false)
                guard f.count >= 3 else { continue }
                if keys.isEmpty || keys.contains(String(f[0])) || keys.contains(String(f[2])) {
                    io.outLine(String(line))
                    found = true
                }
            }
            return keys.isEmpty || found ? 0 : 2
        }
        r["ps"] = { sh, _, io in
            // Inside a container the shell is PID 1 (or the process docker started).
            // Beside a main process (`docker exec`) that process is PID 1, as `docker top`
            // shows it from the host; the exec'd program comes next.
            let me = sh.passwdEntries().first { $0.uid == sh.uid }?.name ?? String(sh.uid)
            var processes = [sh.scriptName]
            if let main = sh.pidOne { processes.insert(main, at: 0) }
            if processes.last?.shellBaseName != "ps" { processes.append("ps") }
            if sh.distro.family == .alpine {
                io.outLine("PID   USER     TIME  COMMAND")
                for (i, command) in processes.enumerated() {
                    io.outLine(String(i == 0 ? 1 : 1 + 6 * i).shellPaddedLeft(5) + " \(me.shellPadded(8)) 0:00 \(command)")
                }
            } else {
                io.outLine("    PID TTY          TIME CMD")
                for (i, command) in processes.enumerated() {
                    let name = String(command.split(separator: " ").first ?? "").shellBaseName
                    io.outLine(String(i == 0 ? 1 : 1 + 6 * i).shellPaddedLeft(7) + " pts/0    00:00:00 \(name)")
                }
            }
            return 0
        }
        r["useradd"] = useradd
        r["adduser"] = adduser
        r["groupadd"] = groupadd
        r["addgroup"] = groupadd
        r["tar"] = tar
        r["go"] = go
        r["python"] = python
        r["dpkg"] = { sh, args, io in
            if args.contains("--print-architecture") { io.outLine("amd64"); return 0 }
            if args.first == "-l" || args.first == "--list" {
                for p in AptCommands.installedPackages(sh).sorted() { io.outLine("ii  \(p)") }
                return 0
            }
            io.notes.append("`dpkg \(args.joined(separator: " "))` is not simulated: it ran with no effect on files.")
            return 0
        }
    }

    static let sleep: ShellProgramSimulator = { _, args, io in
        guard let a = args.first else { io.errLine("sleep: missing operand"); return 1 }
        var total = 0.0
        for arg in args {
            var s = Substring(arg)
            var factor = 1.0
            if let last = s.last, "smhd".contains(last) {
                factor = last == "m" ? 60 : last == "h" ? 3600 : last == "d" ? 86400 : 1
                s = s.dropLast()
            }
            guard let v = Double(s), v >= 0, v.isFinite else {
                io.errLine("sleep: invalid time interval '\(a)'")
                return 1
            }
            total += v * factor
        }
        io.duration = min(total, 7 * 86400)
        return 0
    }

    static let env: ShellProgramSimulator = { sh, args, io in
        var environment = io.environment
        var rest = args
        if rest.first == "-i" { environment = [:]; rest.removeFirst() }
        while let a = rest.first, let eq = a.firstIndex(of: "="), ShellParser.isName(String(a[..<eq])) {
            environment[String(a[..<eq])] = String(a[a.index(after: eq)...])
            rest.removeFirst()
        }
        if let program = rest.first {
            return sh.runProgram(program, Array(rest.dropFirst()), environment: environment, stdin: io.stdin)
        }
        // The runtime's order: PATH and HOSTNAME first, the image's variables, HOME last.
        var keys = environment.keys.filter { $0 != "PATH" && $0 != "HOSTNAME" && $0 != "HOME" }.sorted()
        keys = ["PATH", "HOSTNAME"].filter { environment[$0] != nil } + keys + (environment["HOME"] != nil ? ["HOME"] : [])
        for k in keys { io.outLine("\(k)=\(environment[k] ?? "")") }
        return 0
    }

    static let id: ShellProgramSimulator = { sh, args, io in
        let target = args.first { !$0.hasPrefix("-") }
        let entry = target.flatMap { sh.userRecord($0) }
        if let target, entry == nil {
            io.errLine("id: '\(target)': no such user")
            return 1
        }
        let uid = entry?.uid ?? sh.uid
        let gid = entry?.gid ?? sh.gid
        let name = entry?.name ?? sh.passwdEntries().first { $0.uid == uid }?.name
        let group = sh.groupName(gid)
        if args.contains("-u") { io.outLine(args.contains("-n") ? (name ?? String(uid)) : String(uid)); return 0 }
        if args.contains("-g") { io.outLine(args.contains("-n") ? (group ?? String(gid)) : String(gid)); return 0 }
        let u = name.map { "\(uid)(\($0))" } ?? String(uid)
        let g = group.map { "\(gid)(\($0))" } ?? String(gid)
        io.outLine("uid=\(u) gid=\(g) groups=\(g)")
        return 0
    }

    static let which: ShellProgramSimulator = { sh, args, io in
        var status: Int32 = 0
        let path = io.environment["PATH"] ?? ShellRun.defaultPath
        for name in args where !name.hasPrefix("-") {
            if let found = sh.locate(name, path: path) { io.outLine(found.path) } else { status = 1 }
        }
        return status
    }

    static let uname: ShellProgramSimulator = { _, args, io in
        let o = ShellOptions(args)
        if o.has("a") {
            io.outLine("Linux buildkitsandbox 6.10.14-linuxkit #1 SMP PREEMPT_DYNAMIC Fri Nov 29 17:24:06 UTC 2024 x86_64 GNU/Linux")
            return 0
        }
        var parts: [String] = []
        if o.has("s") || o.flags.isEmpty { parts.append("Linux") }
        if o.has("n") { parts.append("buildkitsandbox") }
        if o.has("r") { parts.append("6.10.14-linuxkit") }
        if o.has("m") || o.has("p") { parts.append("x86_64") }
        io.outLine(parts.joined(separator: " "))
        return 0
    }

    // MARK: Users

    static func nextID(_ sh: ShellRun, system: Bool, file: String) -> Int {
        let used = Set((sh.fs.shellText(at: file) ?? "").split(separator: "\n").compactMap { line -> Int? in
            let f = line.split(separator: ":", omittingEmptySubsequences: false)
            return f.count >= 3 ? Int(f[2]) : nil
        })
        if system {
            var n = 999
            while used.contains(n) && n > 100 { n -= 1 }
            return n
        }
        var n = 1000
        while used.contains(n) { n += 1 }
        return n
    }

    static func appendLine(_ sh: ShellRun, _ path: String, _ line: String, mode: UInt32 = 0o644) {
        var text = sh.fs.shellText(at: path) ?? ""
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += line + "\n"
        sh.fs.shellWrite(path, .text(text), mode: mode)
    }

    static func groupExists(_ sh: ShellRun, _ name: String) -> Bool { FileCommands.groupID(sh, name) != nil && Int(name) == nil }

    /// Adds a user; shared by useradd and both flavours of adduser.
    static func addUser(_ sh: ShellRun, name: String, uid requestedUID: Int?, group: String?, home: String?, shell: String,
                        createHome: Bool, system: Bool, gecos: String, io: inout ShellCommandIO, command: String) -> Int32 {
        guard sh.isRoot else {
            io.errLine("\(command): Permission denied.")
            io.errLine("\(command): cannot lock /etc/passwd; try again later.")
            return 1
        }
        if sh.userRecord(name) != nil && Int(name) == nil {
            io.errLine(command == "useradd" ? "useradd: user '\(name)' already exists" : "\(command): The user `\(name)' already exists.")
            return command == "useradd" ? 9 : 1
        }
        guard !name.isEmpty, name.first != "-", name.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else {
            io.errLine("\(command): invalid user name '\(name)'")
            return 3
        }
        let uid = requestedUID ?? nextID(sh, system: system, file: "/etc/passwd")
        var gid: Int
        if let group {
            guard let g = FileCommands.groupID(sh, group) else {
                io.errLine("\(command): group '\(group)' does not exist")
                return 6
            }
            gid = g
        } else if let g = FileCommands.groupID(sh, name), Int(name) == nil {
            gid = g
        } else {
            gid = requestedUID.flatMap { id in FileCommands.groupID(sh, String(id)) == nil ? id : nil } ?? nextID(sh, system: system, file: "/etc/group")
            if gid < uid && requestedUID == nil { gid = uid }
            appendLine(sh, "/etc/group", "\(name):x:\(gid):")
            if sh.fs.shellExists("/etc/gshadow") { appendLine(sh, "/etc/gshadow", "\(name):!::", mode: 0o640) }
        }
        let homeDir = home ?? "/home/\(name)"
        appendLine(sh, "/etc/passwd", "\(name):x:\(uid):\(gid):\(gecos):\(homeDir):\(shell)")
        appendLine(sh, "/etc/shadow", "\(name):!:20103:0:99999:7:::", mode: 0o640)
        if createHome && !sh.fs.shellExists(homeDir) {
            sh.fs.shellMakeDirectories(homeDir)
            if let real = sh.fs.shellResolve(homeDir), var node = sh.fs[real] {
                node.uid = uid; node.gid = gid; node.mode = 0o755
                sh.fs.set(real, node)
            }
            if sh.distro.isDebianLike {
                for (file, size) in [(".bashrc", 3526), (".profile", 807), (".bash_logout", 220)] {
                    sh.fs.set(homeDir + "/" + file, .file(.synthetic(size: Int64(size), seed: "skel:" + file), uid: uid, gid: gid))
                }
            }
        }
        io.duration = 0.05
        return 0
    }

    static let useradd: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["u", "g", "G", "d", "s", "c", "k", "K", "e", "f", "p"],
                               longValued: ["uid", "gid", "groups", "home-dir", "shell", "comment"])
        guard let name = o.operands.last else {
            io.errLine("Usage: useradd [options] LOGIN")
            return 2
        }
        let createHome = o.has("m") || o.hasLong("create-home")
        let uid = (o.flags["u"] ?? o.long["uid"]).flatMap { Int($0) }
        let shell = o.flags["s"] ?? o.long["shell"] ?? (sh.distro.isDebianLike ? "/bin/sh" : "/bin/sh")
        let group = o.flags["g"] ?? o.long["gid"]
        return addUser(sh, name: name, uid: uid, group: group, home: o.flags["d"] ?? o.long["home-dir"], shell: shell,
                       createHome: createHome, system: o.has("r") || o.hasLong("system"), gecos: o.flags["c"] ?? o.long["comment"] ?? "",
                       io: &io, command: "useradd")
    }

    static let adduser: ShellProgramSimulator = { sh, args, io in
        if sh.distro.family == .alpine {
            // busybox adduser: -D no password, -S system, -u UID, -G group, -h home, -s shell, -H no home.
            let o = ShellOptions(args, valued: ["u", "G", "h", "s", "g", "k"])
            guard let name = o.operands.first else { io.errLine("adduser: need user name"); return 1 }
            let system = o.has("S")
            return addUser(sh, name: name, uid: o.flags["u"].flatMap { Int($0) }, group: o.flags["G"], home: o.flags["h"],
                           shell: o.flags["s"] ?? (system ? "/sbin/nologin" : "/bin/sh"), createHome: !o.has("H"), system: system,
                           gecos: o.flags["g"] ?? "Linux User,,,", io: &io, command: "adduser")
        }
        let o = ShellOptions(args, valued: [], longValued: ["uid", "gid", "ingroup", "home", "shell", "gecos", "comment"])
        guard let name = o.operands.first else { io.errLine("adduser: Only one or two names allowed."); return 1 }
        if o.operands.count == 2, let group = o.operands.last {
            // `adduser user group` adds an existing user to a group.
            io.outLine("Adding user `\(name)' to group `\(group)' ...")
            io.outLine("Done.")
            return 0
        }
        guard o.hasLong("disabled-password") || o.hasLong("system") || o.hasLong("disabled-login") else {
            // Without these, adduser asks for a password, which a build cannot answer.
            io.outLine("Adding user `\(name)' ...")
            io.errLine("passwd: Authentication token manipulation error")
            io.errLine("passwd: password unchanged")
            io.notes.append("`adduser` asks for a password; in a Dockerfile use `adduser --disabled-password --gecos \"\" \(name)` or `useradd -m \(name)`.")
            return 1
        }
        let system = o.hasLong("system")
        var quiet = ShellCommandIO(stdin: nil, environment: io.environment)
        let status = addUser(sh, name: name, uid: o.long["uid"].flatMap { Int($0) }, group: o.long["ingroup"] ?? o.long["gid"],
                             home: o.long["home"], shell: o.long["shell"] ?? (system ? "/usr/sbin/nologin" : "/bin/bash"),
                             createHome: !o.hasLong("no-create-home"), system: system, gecos: o.long["gecos"] ?? o.long["comment"] ?? "",
                             io: &quiet, command: "adduser")
        guard status == 0, let entry = sh.userRecord(name) else {
            io.chunks += quiet.chunks
            return status
        }
        // adduser 3.134 (bookworm) narrates each step with the ids it picked.
        let group = sh.groupName(entry.gid) ?? name
        io.outLine("Adding \(system ? "system " : "")user `\(name)' ...")
        if o.long["ingroup"] == nil { io.outLine("Adding new group `\(group)' (\(entry.gid)) ...") }
        io.outLine("Adding new user `\(name)' (\(entry.uid)) with group `\(group) (\(entry.gid))' ...")
        if !o.hasLong("no-create-home") {
            io.outLine("Creating home directory `\(entry.home)' ...")
            if !system { io.outLine("Copying files from `/etc/skel' ...") }
        }
        io.duration = quiet.duration
        return status
    }

    static let groupadd: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["g", "K"], longValued: ["gid"])
        guard let name = o.operands.last else { io.errLine("Usage: groupadd [options] GROUP"); return 2 }
        guard sh.isRoot else { io.errLine("groupadd: Permission denied."); return 10 }
        if groupExists(sh, name) {
            io.errLine("groupadd: group '\(name)' already exists")
            return 9
        }
        let gid = (o.flags["g"] ?? o.long["gid"]).flatMap { Int($0) } ?? nextID(sh, system: o.has("r") || o.has("S") || o.hasLong("system"), file: "/etc/group")
        appendLine(sh, "/etc/group", "\(name):x:\(gid):")
        io.duration = 0.02
        return 0
    }

    // MARK: tar

    /// Extracting a synthetic archive creates a plausible tree derived from its name and seed;
    /// `-c` writes a synthetic archive whose size follows the input.
    static let tar: ShellProgramSimulator = { sh, args, io in
        var a = args
        // Old-style `tar xzf file` (no dash): treat the first word as flags.
        if let first = a.first, !first.hasPrefix("-"), first.allSatisfy({ "xctzjJvfpoC".contains($0) }) { a[0] = "-" + first }
        let o = ShellOptions(a, valued: ["f", "C"], longValued: ["file", "directory", "strip-components", "exclude"])
        let archive = o.flags["f"] ?? o.long["file"]
        let directory = sh.absolute(o.flags["C"] ?? o.long["directory"] ?? ".")
        let strip = Int(o.long["strip-components"] ?? "0") ?? 0
        if o.has("c") {
            guard let archive else { io.errLine("tar: Refusing to write archive contents to terminal (missing -f option?)"); return 2 }
            var total: Int64 = 0
            for operand in o.operands {
                let p = FileTree.normalize(operand, cwd: directory)
                guard sh.fs.shellExists(p) else {
                    io.errLine("tar: \(operand): Cannot stat: No such file or directory")
                    continue
                }
                total += sh.fs.shellTotalSize(under: sh.fs.shellResolve(p) ?? p) + 512
            }
            let compressed = o.has("z") || o.has("j") || o.has("J") || archive.hasSuffix("gz")
            let size = compressed ? max(Int64(45), total * 2 / 5) : (total + 1024 + 10239) / 10240 * 10240
            sh.fs.shellWrite(sh.absolute(archive), .synthetic(size: size, seed: "tar:" + o.operands.joined(separator: ",") + ":\(total)"), uid: sh.uid, gid: sh.gid)
            io.duration = 0.05 + Double(total) / 200_000_000
            return 0
        }
        guard o.has("x") || o.has("t") else {
            io.errLine("tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options")
            io.errLine("Try 'tar --help' or 'tar --usage' for more information.")
            return 2
        }
        guard let archive else {
            io.errLine("tar: Refusing to read archive contents from terminal (missing -f option?)")
            io.errLine("tar: Error is not recoverable: exiting now")
            return 2
        }
        let path = sh.absolute(archive)
        guard let node = sh.fs.shellLookup(path), case .file(let content) = node.kind else {
            io.errLine("tar: \(archive): Cannot open: No such file or directory")
            io.errLine("tar: Error is not recoverable: exiting now")
            return 2
        }
        guard case .synthetic(let size, let seed) = content, size >= 512 else {
            io.errLine("tar: This does not look like a tar archive")
            io.errLine("tar: Exiting with failure status due to previous errors")
            return 2
        }
        guard sh.fs.shellIsDir(directory) else {
            io.errLine("tar: \(o.flags["C"] ?? "."): Cannot open: No such file or directory")
            return 2
        }
        // A downloaded archive unpacks to the folder its URL names, not the name it was saved as.
        var archiveName = path.shellBaseName
        if seed.hasPrefix("download:") {
            var url = Substring(seed.dropFirst(9))
            if let q = url.firstIndex(where: { $0 == "?" || $0 == "#" }) { url = url[..<q] }
            if let last = url.split(separator: "/").last, last.contains(".") { archiveName = String(last) }
        }
        let entries = syntheticArchiveEntries(name: archiveName, size: size, seed: seed)
        for (relative, fileSize, mode) in entries {
            var parts = relative.split(separator: "/")
            if strip > 0 { parts = Array(parts.dropFirst(strip)) }
            guard !parts.isEmpty else { continue }
            let target = FileTree.normalize(parts.joined(separator: "/"), cwd: directory)
            if o.has("t") {
                io.outLine(relative)
                continue
            }
            if o.has("v") { io.outLine(relative) }
            if fileSize < 0 {
                sh.fs.shellMakeDirectories(target, uid: sh.uid, gid: sh.gid)
            } else {
                sh.fs.shellWrite(target, .synthetic(size: fileSize, seed: "\(seed):\(relative)"), mode: mode, uid: sh.uid, gid: sh.gid)
            }
        }
        io.duration = 0.05 + Double(size) / 80_000_000
        return 0
    }

    /// The entries of a synthetic archive: (path, size or -1 for a directory, mode). The
    /// unpacked size is about 2.6x the compressed size, spread over bin/, lib/ and share/.
    static func syntheticArchiveEntries(name: String, size: Int64, seed: String) -> [(String, Int64, UInt32)] {
        var root = name
        for ext in [".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst", ".tar"] where root.hasSuffix(ext) {
            root = String(root.dropLast(ext.count))
            break
        }
        if root.isEmpty { root = "archive" }
        let compressed = name.hasSuffix("gz") || name.hasSuffix("xz") || name.hasSuffix("bz2") || name.hasSuffix("zst")
        let unpacked = compressed ? size * 13 / 5 : size * 9 / 10
        let program = root.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? root
        let libCount = ShellHash.pick(seed + ":libs", in: 2...6)
        var entries: [(String, Int64, UInt32)] = [(root, -1, 0o755), (root + "/bin", -1, 0o755), (root + "/lib", -1, 0o755), (root + "/share", -1, 0o755)]
        let binSize = unpacked * 45 / 100
        entries.append(("\(root)/bin/\(program)", max(1, binSize), 0o755))
        let libTotal = unpacked * 40 / 100
        for i in 0..<libCount {
            entries.append(("\(root)/lib/lib\(program)\(i == 0 ? "" : "-part\(i)").so", max(1, libTotal / Int64(libCount)), 0o644))
        }
        entries.append(("\(root)/share/README.md", max(1, unpacked - binSize - libTotal - 1200), 0o644))
        entries.append(("\(root)/LICENSE", 1200, 0o644))
        return entries
    }

    // MARK: go

    static let go: ShellProgramSimulator = { sh, args, io in
        guard let sub = args.first else {
            io.errLine("Go is a tool for managing Go source code.")
            return 2
        }
        let o = ShellOptions(Array(args.dropFirst()), valued: ["o"], longValued: ["ldflags", "tags", "trimpath"])
        let cacheDir = io.environment["GOCACHE"] ?? (sh.vars["HOME"] ?? "/root") + "/.cache/go-build"
        let goPath = io.environment["GOPATH"] ?? "/go"
        func findModule() -> (dir: String, module: String)? {
            var dir = sh.cwd
            while true {
                if let text = sh.fs.shellText(at: dir == "/" ? "/go.mod" : dir + "/go.mod") {
                    let module = text.split(separator: "\n").first { $0.hasPrefix("module ") }.map { String($0.dropFirst(7)).shellTrimmed } ?? "main"
                    return (dir, module)
                }
                if dir == "/" { return nil }
                dir = FileTree.parent(of: dir)
            }
        }
        switch sub {
        case "version":
            io.outLine("go version go\(io.environment["GOLANG_VERSION"] ?? "1.23.4") linux/amd64")
            return 0
        case "env":
            io.outLine("GOPATH='\(goPath)'")
            io.outLine("GOCACHE='\(cacheDir)'")
            return 0
        case "mod":
            guard let module = findModule() else {
                io.errLine("go: go.mod file not found in current directory or any parent directory; see 'go help modules'")
                return 1
            }
            let requires = (sh.fs.shellText(at: module.dir + "/go.mod") ?? "").split(separator: "\n").filter { $0.hasPrefix("\t") || $0.hasPrefix("require ") }
            var total: Int64 = 0
            for line in requires {
                let words = line.split(separator: " ").map { String($0).shellTrimmed }.filter { !$0.isEmpty && $0 != "require" && $0 != "(" && $0 != ")" }
                guard words.count >= 2 else { continue }
                let size = Int64(ShellHash.pick("gomod:\(words[0])@\(words[1])", in: 400_000...6_000_000))
                sh.fs.shellWrite("\(goPath)/pkg/mod/\(words[0])@\(words[1])/module.go", .synthetic(size: size, seed: "gomod:\(words[0])@\(words[1])"))
                sh.fs.shellWrite("\(goPath)/pkg/mod/cache/download/\(words[0])/@v/\(words[1]).zip", .synthetic(size: size * 2 / 5, seed: "gomodzip:\(words[0])@\(words[1])"))
                total += size
            }
            io.duration = 0.3 + Double(total) / 20_000_000
            return 0
        case "build", "install":
            let goFiles = sh.fs.shellSubtree(sh.cwd).filter { $0.hasSuffix(".go") }
            let module = findModule()
            if module == nil && !o.operands.contains(where: { $0.hasSuffix(".go") }) {
                io.errLine("go: go.mod file not found in current directory or any parent directory; see 'go help modules'")
                return 1
            }
            if goFiles.isEmpty {
                io.errLine("no Go files in \(sh.cwd)")
                return 1
            }
            let sourceBytes = goFiles.reduce(Int64(0)) { $0 + (sh.fs.shellLookup($1)?.size ?? 0) }
            let sourceSeed = goFiles.map { path -> String in
                switch sh.fs.shellLookup(path)?.kind {
                case .file(.bytes(let b))?: return path + ":" + ShellHash.hex(String(decoding: b, as: UTF8.self))
                case .file(.synthetic(let size, let seed))?: return path + ":\(size):\(seed)"
                default: return path
                }
            }.joined(separator: ",")
            let defaultName = (module?.module.split(separator: "/").last.map(String.init)) ?? (o.operands.first?.shellBaseName.shellDroppingSuffix(".go") ?? "main")
            var output = o.flags["o"].map { sh.absolute($0) } ?? FileTree.normalize(defaultName, cwd: sh.cwd)
            if sub == "install" { output = "\(goPath)/bin/\(defaultName)" }
            if sh.fs.shellIsDir(output) { output = FileTree.normalize(defaultName, cwd: output) }
            guard sh.fs.shellIsDir(FileTree.parent(of: output)) || sub == "install" else {
                io.errLine("go: creating output file: open \(output): no such file or directory")
                return 1
            }
            let stripped = (o.long["ldflags"] ?? "").contains("-s")
            let binarySize = (stripped ? 1_560_000 : 2_240_000) + sourceBytes * 40 + Int64(ShellHash.pick(sourceSeed, in: 0...120_000))
            sh.fs.shellWrite(output, .synthetic(size: binarySize, seed: "go-build:" + ShellHash.hex(sourceSeed + (o.long["ldflags"] ?? ""), length: 32)), mode: 0o755, uid: sh.uid, gid: sh.gid)
            let cacheSize = Int64(18_000_000 + ShellHash.pick(sourceSeed + ":cache", in: 0...6_000_000))
            sh.fs.shellWrite(cacheDir + "/README", .text("This directory holds cached build artifacts from the Go build system.\nRun \"go clean -cache\" if the directory is getting too large.\nRun \"go clean -fuzzcache\" to delete the fuzz cache.\nSee golang.org to learn more about Go.\n"))
            for i in 0..<8 {
                let hex = ShellHash.hex(sourceSeed + ":\(i)", length: 64)
                sh.fs.shellWrite("\(cacheDir)/\(hex.prefix(2))/\(hex)-d", .synthetic(size: cacheSize / 8, seed: "gocache:" + hex))
            }
            io.duration = 4.5 + Double(sourceBytes) / 50_000 + ShellHash.unit(sourceSeed) * 3
            return 0
        default:
            io.notes.append("`go \(sub)` is not simulated: it ran with no effect on files.")
            return 0
        }
    }

    // MARK: python

    static let python: ShellProgramSimulator = { sh, args, io in
        if args.count >= 2 && args[0] == "-m" && (args[1] == "pip" || args[1] == "ensurepip") {
            if args[1] == "ensurepip" { return 0 }
            return PipCommands.pip(sh, Array(args.dropFirst(2)), &io)
        }
        if args.count >= 3 && args[0] == "-m" && args[1] == "venv" {
            let dir = sh.absolute(args[2])
            let version = PipCommands.pythonVersion(sh) ?? "3.13"
            sh.fs.shellMakeDirectories(dir + "/bin", uid: sh.uid, gid: sh.gid)
            sh.fs.set(dir + "/bin/python", .symlink("/usr/local/bin/python3"))
            sh.fs.set(dir + "/bin/python3", .symlink("python"))
            sh.fs.shellWrite(dir + "/bin/activate", .synthetic(size: 2_084, seed: "venv-activate:" + dir), uid: sh.uid, gid: sh.gid)
            sh.fs.shellWrite(dir + "/bin/pip", .text("#!\(dir)/bin/python\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.exit(main())\n"), mode: 0o755)
            sh.fs.shellWrite(dir + "/pyvenv.cfg", .text("home = /usr/local/bin\ninclude-system-site-packages = false\nversion = \(version).1\n"))
            sh.fs.shellWrite("\(dir)/lib/python\(version)/site-packages/pip/__init__.py", .synthetic(size: 12_500_000, seed: "venv-pip:\(version)"))
            io.duration = 2.4
            return 0
        }
        if args == ["--version"] || args == ["-V"] {
            io.outLine("Python \(PipCommands.pythonVersion(sh) ?? "3.13").1")
            return 0
        }
        // `python -c 'print("hi")'` and `python script.py`: what their top-level print calls
        // write (literals and arithmetic); anything else runs with no effect, said in a note.
        var source: PythonSource?
        if args.count >= 2, args[0] == "-c" {
            source = PythonSource.commandLine(args[1])
        } else if let script = args.first, !script.hasPrefix("-") {
            guard let text = sh.fs.shellText(at: sh.absolute(script)) else {
                io.errLine("python3: can't open file '\(sh.absolute(script))': [Errno 2] No such file or directory")
                return 2
            }
            source = PythonSource(text)
        }
        if let source, !source.usesFlask {
            io.duration = 0.05
            let printed = source.printedLines
            for line in printed { io.outLine(line) }
            if printed.count < source.statementCount {
                io.notes.append("`python \(args.joined(separator: " "))`: only its print calls of literals and arithmetic are simulated.")
            }
            return 0
        }
        io.duration = 0.1
        io.notes.append("`python \(args.joined(separator: " "))` is not simulated: it ran with no effect on files.")
        return 0
    }
}

extension String {
    func shellPadded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func shellPaddedLeft(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func shellDroppingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
