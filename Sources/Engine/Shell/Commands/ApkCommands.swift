/// apk (Alpine): add fetches the indexes itself (no separate update needed), keeps them in
/// /var/cache/apk unless --no-cache, and records packages in /lib/apk/db/installed.
enum ApkCommands {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["apk"] = apk
    }

    static let database = "/lib/apk/db/installed"

    static func installed(_ sh: ShellRun) -> [String] {
        guard let text = sh.fs.shellText(at: database) else { return ApkCatalog.baseSystem }
        let names = text.split(separator: "\n").filter { $0.hasPrefix("P:") }.map { String($0.dropFirst(2)) }
        return names.isEmpty ? ApkCatalog.baseSystem : Array(Set(names + ApkCatalog.baseSystem)).sorted()
    }

    static func indexes(_ sh: ShellRun) -> [(url: String, file: String, size: Int64)] {
        let branch = sh.distro.alpineBranch
        return ["main", "community"].map { repo in
            let url = "https://dl-cdn.alpinelinux.org/alpine/\(branch)/\(repo)"
            let size: Int64 = repo == "main" ? 1_046_811 : 2_497_402
            return ("\(url)/x86_64/APKINDEX.tar.gz", "/var/cache/apk/APKINDEX.\(ShellHash.hex(url, length: 8)).tar.gz", size)
        }
    }

    static let apk: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["X", "t", "p"], longValued: ["repository", "virtual", "root"])
        guard let sub = o.operands.first else {
            io.outLine("apk-tools 2.14.4, compiled for x86_64.")
            return 1
        }
        guard sh.isRoot || sub == "info" || sub == "search" else {
            io.errLine("ERROR: Unable to lock database: Permission denied")
            io.errLine("ERROR: Failed to open apk database: Permission denied")
            return 99
        }
        let noCache = o.hasLong("no-cache")
        let quiet = o.has("q") || o.hasLong("quiet")
        func fetchIndexes() {
            for index in indexes(sh) {
                if !quiet { io.outLine("fetch \(index.url)") }
                if !noCache { sh.fs.shellWrite(index.file, .synthetic(size: index.size, seed: "apkindex:\(index.url)")) }
            }
        }
        switch sub {
        case "update":
            fetchIndexes()
            io.outLine("\(sh.distro.alpineBranch.dropFirst())-\(sh.distro.versionID.split(separator: ".").last ?? "0") [https://dl-cdn.alpinelinux.org/alpine/\(sh.distro.alpineBranch)/main]")
            io.outLine("OK: 24164 distinct packages available")
            io.duration = 1.1
            return 0
        case "add":
            var names = Array(o.operands.dropFirst())
            let virtual = o.flags["t"] ?? o.long["virtual"]
            if names.isEmpty {
                io.outLine("OK: \(totalMiB(sh, installed(sh))) MiB in \(installed(sh).count) packages")
                return 0
            }
            names = names.map { n in
                var name = n
                for sep in ["=", ">", "<", "~"] { if let r = name.firstRange(of: sep) { name = String(name[..<r.lowerBound]) } }
                return name
            }
            var unknown: [String] = []
            var resolved: [ApkPackage] = []
            for n in names { if let p = ApkCatalog.package(named: n) { resolved.append(p) } else { unknown.append(n) } }
            let alreadyInstalled = Set(installed(sh))
            if !unknown.isEmpty || (!noCache && !indexesCached(sh)) || noCache { fetchIndexes() }
            if !unknown.isEmpty {
                io.errLine("ERROR: unable to select packages:")
                for n in unknown {
                    io.errLine("  \(n) (no such package):")
                    io.errLine("    required by: world[\(n)]")
                }
                io.duration = 0.8
                return Int32(min(unknown.count, 255))
            }
            var order: [ApkPackage] = []
            var seen = alreadyInstalled
            func visit(_ p: ApkPackage, depth: Int) {
                guard depth < 32, !seen.contains(p.name) else { return }
                seen.insert(p.name)
                for d in p.depends { if let dp = ApkCatalog.packages[d] { visit(dp, depth: depth + 1) } }
                order.append(p)
            }
            for p in resolved { visit(p, depth: 0) }
            var step = 0
            let total = order.count + (virtual == nil ? 0 : 1)
            for p in order {
                step += 1
                io.outLine("(\(step)/\(total)) Installing \(p.name) (\(p.version))")
                unpack(sh, p)
            }
            if let virtual {
                step += 1
                io.outLine("(\(step)/\(total)) Installing \(virtual) (20250115.090000)")
            }
            var world = (sh.fs.shellText(at: "/etc/apk/world") ?? "").split(separator: "\n").map(String.init)
            for n in virtual.map({ [$0] }) ?? names where !world.contains(n) { world.append(n) }
            sh.fs.shellWrite("/etc/apk/world", .text(world.sorted().joined(separator: "\n") + "\n"))
            if order.contains(where: { $0.name == "ca-certificates" }) { io.outLine("Executing ca-certificates-20241121-r1.trigger") }
            io.outLine("Executing busybox-1.36.1-r29.trigger")
            let all = installed(sh)
            io.outLine("OK: \(totalMiB(sh, all)) MiB in \(all.count) packages")
            for p in order where p.generated {
                io.notes.append("`\(p.name)` is not in the simulator's Alpine catalog: its version and size are generated.")
            }
            let dl = order.reduce(0) { $0 + $1.downloadKB } * 1024
            let inst = order.reduce(0) { $0 + $1.installedKB } * 1024
            io.duration = 0.6 + Double(dl) / 20_000_000 + Double(inst) / 120_000_000 + Double(order.count) * 0.03
            return 0
        case "del":
            let names = Array(o.operands.dropFirst())
            var world = (sh.fs.shellText(at: "/etc/apk/world") ?? "").split(separator: "\n").map(String.init)
            var step = 0
            for n in names {
                guard world.contains(n) else { continue }
                world.removeAll { $0 == n }
                step += 1
                if let p = ApkCatalog.package(named: n) {
                    io.outLine("(\(step)/\(names.count)) Purging \(p.name) (\(p.version))")
                    for b in p.binaries { sh.fs.remove("/usr/bin/\(b)") }
                    sh.fs.remove("/usr/lib/\(p.name)")
                    removeFromDatabase(sh, n)
                }
            }
            sh.fs.shellWrite("/etc/apk/world", .text(world.joined(separator: "\n") + (world.isEmpty ? "" : "\n")))
            let all = installed(sh)
            io.outLine("OK: \(totalMiB(sh, all)) MiB in \(all.count) packages")
            io.duration = 0.3
            return 0
        case "cache":
            if o.operands.dropFirst().first == "clean" || o.operands.dropFirst().first == "purge" {
                for f in sh.fs.children(of: "/var/cache/apk") { sh.fs.remove(f) }
            }
            return 0
        case "info":
            for n in installed(sh) { io.outLine(n) }
            return 0
        case "upgrade":
            fetchIndexes()
            io.outLine("OK: \(totalMiB(sh, installed(sh))) MiB in \(installed(sh).count) packages")
            io.duration = 0.9
            return 0
        default:
            io.notes.append("`apk \(sub)` is not simulated: it ran with no effect on files.")
            return 0
        }
    }

    static func indexesCached(_ sh: ShellRun) -> Bool {
        indexes(sh).allSatisfy { sh.fs.shellExists($0.file) }
    }

    static func totalMiB(_ sh: ShellRun, _ names: [String]) -> Int {
        var kb = 7_300
        for n in names { if let p = ApkCatalog.packages[n] { kb += p.installedKB } else if !ApkCatalog.baseSystem.contains(n), let p = ApkCatalog.package(named: n) { kb += p.installedKB } }
        return max(1, Int((Double(kb) / 1024).rounded()))
    }

    static func unpack(_ sh: ShellRun, _ p: ApkPackage) {
        let seed = "apk:\(p.name):\(p.version)"
        var remaining = Int64(p.installedKB) * 1024
        if !p.binaries.isEmpty {
            let share = remaining * 55 / 100 / Int64(p.binaries.count)
            for b in p.binaries {
                sh.fs.shellWrite("/usr/bin/\(b)", .synthetic(size: max(1, share), seed: "\(seed):/usr/bin/\(b)"), mode: 0o755)
                remaining -= share
            }
        }
        if remaining > 0 {
            let path = p.name.hasSuffix("-dev") ? "/usr/include/\(p.name.dropLast(4))/\(p.name.dropLast(4)).h" : "/usr/lib/\(p.name)/lib\(p.name).so"
            sh.fs.shellWrite(path, .synthetic(size: remaining, seed: seed + ":data"))
        }
        if p.name == "python3" {
            let v = p.version.split(separator: ".").prefix(2).joined(separator: ".")
            sh.fs.set("/usr/bin/python3", .symlink("python\(v)"))
            sh.fs.shellWrite("/usr/lib/python\(v)/EXTERNALLY-MANAGED", .text("[externally-managed]\nError=To install Python packages system-wide, try apk add py3-xyz\n"))
        }
        var db = sh.fs.shellText(at: database) ?? ""
        db += "C:Q1\(ShellHash.hex(seed, length: 27))=\nP:\(p.name)\nV:\(p.version)\nA:x86_64\nS:\(p.downloadKB * 1024)\nI:\(p.installedKB * 1024)\nT:\(p.name)\nU:https://pkgs.alpinelinux.org/package/\(p.name)\nL:MIT\no:\(p.name)\nm:Alpine Developers\n\n"
        sh.fs.shellWrite(database, .text(db))
    }

    static func removeFromDatabase(_ sh: ShellRun, _ name: String) {
        guard let db = sh.fs.shellText(at: database) else { return }
        let blocks = db.shellStanzas.filter { !$0.contains("\nP:\(name)\n") }
        sh.fs.shellWrite(database, .text(blocks.map { $0 + "\n\n" }.joined()))
    }
}

