/// apt-get / apt: update writes package lists, install resolves dependencies from the
/// catalog and unpacks files, clean removes downloaded archives.
enum AptCommands {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["apt-get"] = { sh, args, io in aptGet(sh, args, &io, frontEnd: "apt-get") }
        r["apt"] = { sh, args, io in
            io.errLine("")
            io.errLine("WARNING: apt does not have a stable CLI interface. Use with caution in scripts.")
            io.errLine("")
            return aptGet(sh, args, &io, frontEnd: "apt")
        }
        r["apt-cache"] = { sh, args, io in
            io.notes.append("`apt-cache` is not simulated: it ran with no effect on files.")
            return 0
        }
    }

    static let listsDir = "/var/lib/apt/lists"
    static let archivesDir = "/var/cache/apt/archives"

    /// One index file apt-get update downloads: what it prints and what it stores.
    struct IndexFile { var url: String; var suite: String; var label: String; var downloadBytes: Int; var storedBytes: Int; var fileName: String }

    static func indexFiles(_ distro: ShellDistro) -> [IndexFile] {
        let c = distro.codename
        if distro.family == .ubuntu {
            let archive = "http://archive.ubuntu.com/ubuntu"
            let security = "http://security.ubuntu.com/ubuntu"
            var files: [IndexFile] = []
            let suites: [(String, String, Int)] = [(archive, c, 256_000), (archive, c + "-updates", 126_000), (archive, c + "-backports", 126_000), (security, c + "-security", 126_000)]
            for (url, suite, size) in suites {
                let host = url.dropFirst(7).shellUnderscoredSlashes
                files.append(IndexFile(url: url, suite: suite, label: "InRelease", downloadBytes: size, storedBytes: size, fileName: "\(host)_dists_\(suite)_InRelease"))
            }
            let components: [(String, String, String, Int, Int)] = [
                (archive, c, "universe", 19_300_000, 26_114_371), (archive, c, "main", 1_401_000, 2_241_008),
                (archive, c, "multiverse", 331_000, 522_410), (archive, c, "restricted", 117_000, 186_993),
                (archive, c + "-updates", "main", 1_104_000, 1_640_552), (archive, c + "-updates", "universe", 1_401_000, 2_082_117),
                (security, c + "-security", "main", 771_000, 1_161_930), (security, c + "-security", "universe", 1_002_000, 1_522_064),
            ]
            for (url, suite, component, dl, stored) in components {
                let host = url.dropFirst(7).shellUnderscoredSlashes
                files.append(IndexFile(url: url, suite: "\(suite)/\(component)", label: "amd64 Packages", downloadBytes: dl, storedBytes: stored,
                                       fileName: "\(host)_dists_\(suite)_\(component)_binary-amd64_Packages.lz4"))
            }
            return files
        }
        let debian = "http://deb.debian.org/debian"
        let security = "http://deb.debian.org/debian-security"
        return [
            IndexFile(url: debian, suite: c, label: "InRelease", downloadBytes: 151_000, storedBytes: 151_310, fileName: "deb.debian.org_debian_dists_\(c)_InRelease"),
            IndexFile(url: debian, suite: c + "-updates", label: "InRelease", downloadBytes: 55_400, storedBytes: 55_410, fileName: "deb.debian.org_debian_dists_\(c)-updates_InRelease"),
            IndexFile(url: security, suite: c + "-security", label: "InRelease", downloadBytes: 48_000, storedBytes: 48_040, fileName: "deb.debian.org_debian-security_dists_\(c)-security_InRelease"),
            IndexFile(url: debian, suite: c + "/main", label: "amd64 Packages", downloadBytes: 8_792_000, storedBytes: 20_456_003, fileName: "deb.debian.org_debian_dists_\(c)_main_binary-amd64_Packages.lz4"),
            IndexFile(url: debian, suite: c + "-updates/main", label: "amd64 Packages", downloadBytes: 13_500, storedBytes: 41_882, fileName: "deb.debian.org_debian_dists_\(c)-updates_main_binary-amd64_Packages.lz4"),
            IndexFile(url: security, suite: c + "-security/main", label: "amd64 Packages", downloadBytes: 246_000, storedBytes: 612_470, fileName: "deb.debian.org_debian-security_dists_\(c)-security_main_binary-amd64_Packages.lz4"),
        ]
    }

    /// apt's SizeToStr: SI units, 0 decimals up to 9999, 1 decimal below 100 of a larger unit.
    static func aptSize(_ bytes: Double) -> String {
        var v = bytes
        let units = ["", "k", "M", "G", "T"]
        for (i, u) in units.enumerated() {
            if v < 100 && i != 0 { return FileCommands.formatOneDecimal(v) + " \(u)B" }
            if v < 10_000 { return "\(Int(v.rounded())) \(u)B" }
            v /= 1000
        }
        return "\(Int(v)) PB"
    }

    static func hasLists(_ sh: ShellRun) -> Bool {
        sh.fs.children(of: listsDir).contains { $0.contains("_Packages") }
    }

    static let dockerClean = "/etc/apt/apt.conf.d/docker-clean"

    static func installedPackages(_ sh: ShellRun) -> Set<String> {
        var set = AptCatalog.baseSystem
        guard let text = sh.fs.shellText(at: "/var/lib/dpkg/status") else { return set }
        var name: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Package: ") { name = String(line.dropFirst(9)) }
            if line.hasPrefix("Status: "), let n = name {
                if line.hasSuffix(" installed") { set.insert(n) } else { set.remove(n) }
            }
        }
        return set
    }

    static func aptGet(_ sh: ShellRun, _ args: [String], _ io: inout ShellCommandIO, frontEnd: String) -> Int32 {
        let o = ShellOptions(args, valued: ["o", "c", "t"], longValued: ["option", "target-release"])
        guard let sub = o.operands.first else {
            io.outLine("apt 2.6.1 (amd64)")
            io.outLine("Usage: apt-get [options] command")
            return 1
        }
        guard sh.distro.isDebianLike || sh.fs.shellExists("/usr/bin/apt-get") else {
            io.errLine("E: apt-get is not usable in this image")
            return 100
        }
        let quietLevel = o.flags["q"] != nil ? (args.contains("-qq") || args.contains("-qqy") || args.contains("-yqq") ? 2 : 1) : (o.long["quiet"] != nil ? 1 : 0)
        let packages = Array(o.operands.dropFirst())
        switch sub {
        case "update":
            guard sh.isRoot else {
                io.errLine("E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)")
                io.errLine("E: Unable to lock directory /var/lib/apt/lists/")
                return 100
            }
            return update(sh, &io, quiet: quietLevel)
        case "install", "reinstall":
            guard sh.isRoot else {
                io.errLine("E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)")
                io.errLine("E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?")
                return 100
            }
            let assumeYes = o.has("y") || o.hasLong("yes") || o.hasLong("assume-yes") || quietLevel >= 2
            return install(sh, packages, &io, assumeYes: assumeYes, recommends: !o.hasLong("no-install-recommends"), quiet: quietLevel)
        case "remove", "purge", "autoremove":
            guard sh.isRoot else {
                io.errLine("E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)")
                return 100
            }
            return remove(sh, sub == "autoremove" ? [] : packages, &io, purge: sub == "purge" || o.hasLong("purge"))
        case "clean", "autoclean":
            let debs = sh.fs.children(of: archivesDir).filter { $0.hasSuffix(".deb") }
            for d in debs { sh.fs.remove(d) }
            for d in sh.fs.children(of: archivesDir + "/partial") { sh.fs.remove(d) }
            if sub == "clean" {
                sh.fs.remove("/var/cache/apt/pkgcache.bin")
                sh.fs.remove("/var/cache/apt/srcpkgcache.bin")
            }
            io.duration = 0.05
            return 0
        case "upgrade", "dist-upgrade", "full-upgrade":
            if quietLevel < 2 {
                io.outLine("Reading package lists...")
                io.outLine("Building dependency tree...")
                io.outLine("Reading state information...")
                io.outLine("Calculating upgrade...")
                io.outLine("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.")
            }
            io.duration = 0.6
            io.notes.append("The simulated images are current: `apt-get \(sub)` found nothing to upgrade.")
            return 0
        default:
            io.errLine("E: Invalid operation \(sub)")
            return 100
        }
    }

    static func update(_ sh: ShellRun, _ io: inout ShellCommandIO, quiet: Int) -> Int32 {
        let files = indexFiles(sh.distro)
        var downloaded = 0
        var counter = 0
        // A release whose InRelease is already here is unchanged: apt reports a Hit and
        // fetches none of its indexes again.
        let fresh = Set(files.filter { $0.label == "InRelease" && sh.fs.shellExists("\(listsDir)/\($0.fileName)") }.map { $0.suite })
        for f in files {
            let release = f.suite.split(separator: "/").first.map(String.init) ?? f.suite
            if fresh.contains(release) {
                if f.label == "InRelease" {
                    counter += 1
                    if quiet < 2 { io.outLine("Hit:\(counter) \(f.url) \(f.suite) InRelease") }
                }
                continue
            }
            counter += 1
            if quiet < 2 { io.outLine("Get:\(counter) \(f.url) \(f.suite) \(f.label) [\(aptSize(Double(f.downloadBytes)))]") }
            downloaded += f.downloadBytes
            sh.fs.shellWrite("\(listsDir)/\(f.fileName)", .synthetic(size: Int64(f.storedBytes), seed: "apt-lists:\(sh.distro.codename):\(f.fileName)"))
        }
        if !sh.fs.shellExists(listsDir + "/lock") { sh.fs.shellWrite(listsDir + "/lock", .bytes([]), mode: 0o640) }
        sh.fs.shellMakeDirectories(listsDir + "/partial")
        let seconds = 1 + Int(Double(downloaded) / 7_000_000)
        if quiet < 2 {
            if downloaded > 0 { io.outLine("Fetched \(aptSize(Double(downloaded))) in \(seconds)s (\(aptSize(Double(downloaded) / Double(seconds)))/s)") }
            io.outLine("Reading package lists...")
        }
        if !sh.fs.shellExists(dockerClean) {
            // Without the docker-clean hook apt keeps its binary caches next to the archives.
            sh.fs.shellWrite("/var/cache/apt/pkgcache.bin", .synthetic(size: 27_412_861, seed: "apt-pkgcache:\(sh.distro.codename)"))
            sh.fs.shellWrite("/var/cache/apt/srcpkgcache.bin", .synthetic(size: 27_386_221, seed: "apt-srcpkgcache:\(sh.distro.codename)"))
        }
        io.duration = 1.2 + Double(downloaded) / 9_000_000 + ShellHash.unit("apt-update:\(sh.distro.codename)") * 0.8
        return 0
    }

    static let recommends: [String: [String]] = [
        "curl": ["ca-certificates"], "wget": ["ca-certificates"], "git": ["ca-certificates", "openssh-client", "less", "patch"],
        "python3-pip": ["build-essential", "python3-dev"], "gcc": ["libc6-dev"], "libcurl4": ["ca-certificates"],
        "gnupg": ["gnupg-l10n"], "python3": ["ca-certificates"], "nginx": ["nginx-common"], "perl": ["make"],
        "ca-certificates": ["openssl"], "libpq-dev": ["libssl-dev"],
    ]

    static func debFileName(_ p: AptPackage) -> String { "\(p.name)_\(p.version.shellEscapedColons)_amd64.deb" }

    /// Debian's merged-usr multiarch packages get the `:amd64` qualifier in dpkg messages.
    static func qualified(_ name: String) -> String { name.hasPrefix("lib") ? name + ":amd64" : name }

    static func install(_ sh: ShellRun, _ requested: [String], _ io: inout ShellCommandIO, assumeYes: Bool, recommends withRecommends: Bool, quiet: Int) -> Int32 {
        let say: (inout ShellCommandIO, String) -> Void = { io, line in if quiet < 2 { io.outLine(line) } }
        say(&io, "Reading package lists...")
        say(&io, "Building dependency tree...")
        say(&io, "Reading state information...")
        let installed = installedPackages(sh)
        let lists = hasLists(sh)
        var wanted: [AptPackage] = []
        var already: [AptPackage] = []
        for spec in requested {
            var name = spec
            if let eq = name.firstIndex(of: "=") { name = String(name[..<eq]) }
            if name.hasSuffix(":amd64") { name = String(name.dropLast(6)) }
            // Without lists apt knows nothing, not even the names.
            guard lists, let p = AptCatalog.package(named: name, distro: sh.distro) else {
                io.errLine("E: Unable to locate package \(spec)")
                io.duration = 0.3
                return 100
            }
            if installed.contains(p.name) { already.append(p) } else if !wanted.contains(p) { wanted.append(p) }
        }
        for p in already { say(&io, "\(p.name) is already the newest version (\(p.version)).") }
        // Depth-first: dependencies unpack before the packages that need them.
        var order: [AptPackage] = []
        var seen = Set(installed)
        var visiting = 0
        func visit(_ p: AptPackage, depth: Int) {
            guard depth < 32, !seen.contains(p.name) else { return }
            seen.insert(p.name)
            visiting += 1
            var deps = p.depends
            if withRecommends { deps += recommends[p.name] ?? [] }
            for d in deps { if let dp = AptCatalog.package(named: d, distro: sh.distro), !dp.generated || AptCatalog.packages[d] != nil { visit(dp, depth: depth + 1) } }
            order.append(p)
        }
        for p in wanted { visit(p, depth: 0) }
        let requestedNames = Set(wanted.map(\.name))
        let extra = order.filter { !requestedNames.contains($0.name) }
        func wrapped(_ names: [String]) {
            var line = " "
            for n in names {
                if line.count + n.count + 1 > 79 && line.count > 1 { say(&io, line); line = " " }
                line += " " + n
            }
            if line.count > 1 { say(&io, line) }
        }
        if !extra.isEmpty {
            say(&io, "The following additional packages will be installed:")
            wrapped(extra.map(\.name).sorted())
        }
        if !withRecommends {
            var unique: [String] = []
            for n in order.flatMap({ recommends[$0.name] ?? [] }) where !unique.contains(n) && !installed.contains(n) && !order.contains(where: { $0.name == n }) {
                unique.append(n)
            }
            if !unique.isEmpty {
                say(&io, "Recommended packages:")
                wrapped(unique.sorted())
            }
        }
        if !order.isEmpty {
            say(&io, "The following NEW packages will be installed:")
            wrapped(order.map(\.name).sorted())
        }
        say(&io, "0 upgraded, \(order.count) newly installed, 0 to remove and 0 not upgraded.")
        guard !order.isEmpty else {
            io.duration = 0.4
            return 0
        }
        let totalBytes = order.reduce(0) { $0 + $1.downloadKB * 1000 }
        // Archives already in /var/cache/apt/archives (a cache mount without the docker-clean
        // hook) are not fetched again; apt then reports "Need to get X/Y".
        let toFetch = order.filter { !sh.fs.shellExists("\(archivesDir)/\(debFileName($0))") }
        let downloadBytes = toFetch.reduce(0) { $0 + $1.downloadKB * 1000 }
        let installedBytes = order.reduce(0) { $0 + $1.installedKB * 1000 }
        say(&io, "Need to get \(aptSize(Double(downloadBytes)))\(downloadBytes == totalBytes ? "" : "/" + aptSize(Double(totalBytes))) of archives.")
        say(&io, "After this operation, \(aptSize(Double(installedBytes))) of additional disk space will be used.")
        if !extra.isEmpty && !assumeYes {
            // No terminal in a build: apt reads EOF at its prompt and aborts.
            io.out("Do you want to continue? [Y/n] ")
            io.outLine("Abort.")
            io.notes.append("apt-get asks before installing extra packages; a build has no terminal to answer, so use `apt-get install -y`.")
            io.duration = 0.5
            return 1
        }
        let pool = sh.distro.family == .ubuntu ? "http://archive.ubuntu.com/ubuntu" : "http://deb.debian.org/debian"
        for (n, p) in toFetch.enumerated() {
            say(&io, "Get:\(n + 1) \(pool) \(sh.distro.codename)/\(p.section == "main" ? "main" : "main") amd64 \(p.name) amd64 \(p.version) [\(aptSize(Double(p.downloadKB * 1000)))]")
        }
        let seconds = max(0, Int(Double(downloadBytes) / 12_000_000))
        if !toFetch.isEmpty { say(&io, "Fetched \(aptSize(Double(downloadBytes))) in \(seconds)s (\(aptSize(Double(downloadBytes) / Double(max(1, seconds)) * (seconds == 0 ? 1.6 : 1)))/s)") }
        if sh.distro.family == .debian { say(&io, "debconf: delaying package configuration, since apt-utils is not installed") }
        // dpkg counts the files of every installed package; the base image's own share first.
        var database = (sh.distro.family == .ubuntu ? 4_381 : 6_090) + sh.fs.children(of: "/var/lib/dpkg/info")
            .filter { $0.hasSuffix(".list") }
            .reduce(0) { $0 + (sh.fs.shellText(at: $1)?.split(separator: "\n").count ?? 0) }
        var firstUnpack = true
        for p in order {
            say(&io, "Selecting previously unselected package \(qualified(p.name)).")
            if firstUnpack {
                say(&io, "(Reading database ... \(database) files and directories currently installed.)")
                firstUnpack = false
            }
            let debName = debFileName(p)
            say(&io, "Preparing to unpack .../\(debName) ...")
            say(&io, "Unpacking \(qualified(p.name)) (\(p.version)) ...")
            database += unpack(sh, p)
            sh.fs.shellWrite("\(archivesDir)/\(debName)", .synthetic(size: Int64(p.downloadKB * 1000), seed: "deb:\(p.name):\(p.version)"))
        }
        var triggers: [String] = []
        for p in order {
            say(&io, "Setting up \(qualified(p.name)) (\(p.version)) ...")
            if p.name == "ca-certificates" {
                say(&io, "Updating certificates in /etc/ssl/certs...")
                say(&io, "142 added, 0 removed; done.")
            }
            if p.name.hasPrefix("lib") && !triggers.contains("libc-bin") { triggers.append("libc-bin") }
            if p.name == "ca-certificates" { triggers.append("ca-certificates") }
        }
        for t in triggers {
            switch t {
            case "libc-bin": say(&io, "Processing triggers for libc-bin (\(sh.distro.family == .ubuntu ? (sh.distro.codename == "jammy" ? "2.35-0ubuntu3.8" : "2.39-0ubuntu8.4") : "2.36-9+deb12u9")) ...")
            default:
                say(&io, "Processing triggers for ca-certificates (\(AptCatalog.package(named: "ca-certificates", distro: sh.distro)?.version ?? "20230311")) ...")
                say(&io, "Updating certificates in /etc/ssl/certs...")
                say(&io, "0 added, 0 removed; done.")
                say(&io, "Running hooks in /etc/ca-certificates/update.d...")
                say(&io, "done.")
            }
        }
        if sh.fs.shellExists(dockerClean) {
            for d in sh.fs.children(of: archivesDir).filter({ $0.hasSuffix(".deb") }) { sh.fs.remove(d) }
            sh.fs.remove("/var/cache/apt/pkgcache.bin")
            sh.fs.remove("/var/cache/apt/srcpkgcache.bin")
        }
        for p in order where p.generated {
            io.notes.append("`\(p.name)` is not in the simulator's apt catalog: its version and size (\(aptSize(Double(p.installedKB * 1000)))) are generated.")
        }
        io.duration = 0.8 + Double(downloadBytes) / 15_000_000 + Double(installedBytes) / 60_000_000 + Double(order.count) * 0.08
        return 0
    }

    /// Writes a package's files; returns how many paths it added (for dpkg's database count).
    static func unpack(_ sh: ShellRun, _ p: AptPackage) -> Int {
        var files: [(String, FileContent, UInt32)] = []
        let total = Int64(p.installedKB) * 1024
        let seed = "deb:\(p.name):\(p.version)"
        let copyright = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: \(p.name)\n\nFiles: *\nLicense: see /usr/share/common-licenses\n"
        files.append(("/usr/share/doc/\(p.name)/copyright", .text(copyright), 0o644))
        let docSize = max(200, total / 50)
        files.append(("/usr/share/doc/\(p.name)/changelog.Debian.gz", .synthetic(size: docSize, seed: seed + ":changelog"), 0o644))
        var remaining = total - docSize - Int64(copyright.utf8.count)
        let isLibrary = p.name.hasPrefix("lib") && !p.name.hasSuffix("-dev")
        let isDev = p.name.hasSuffix("-dev")
        if !p.binaries.isEmpty {
            let share = remaining * (isLibrary ? 20 : 55) / 100 / Int64(p.binaries.count)
            for b in p.binaries {
                files.append(("/usr/bin/\(b)", .synthetic(size: max(1, share), seed: "\(seed):/usr/bin/\(b)"), 0o755))
                remaining -= share
            }
        }
        if isLibrary {
            var stem = p.name
            var soVersion = "1"
            if let idx = stem.lastIndex(where: { !$0.isNumber }), idx < stem.index(before: stem.endIndex) {
                soVersion = String(stem[stem.index(after: idx)...])
                stem = String(stem[...idx])
                if stem.hasSuffix("-") { stem.removeLast() }
            }
            let path = "/usr/lib/x86_64-linux-gnu/\(stem).so.\(soVersion).0.0"
            files.append((path, .synthetic(size: max(1, remaining * 9 / 10), seed: "\(seed):\(path)"), 0o644))
            remaining -= remaining * 9 / 10
        } else if isDev {
            let stem = String(p.name.dropLast(4))
            files.append(("/usr/include/\(stem.hasPrefix("lib") ? String(stem.dropFirst(3)) : stem)/\(stem).h", .synthetic(size: max(1, remaining / 5), seed: "\(seed):header"), 0o644))
            files.append(("/usr/lib/x86_64-linux-gnu/\(stem.hasPrefix("lib") ? stem : "lib" + stem).a", .synthetic(size: max(1, remaining * 3 / 5), seed: "\(seed):static"), 0o644))
            remaining -= remaining / 5 + remaining * 3 / 5
        }
        if remaining > 0 {
            let dir = p.name.hasPrefix("python3") || p.name.hasPrefix("libpython3") ? "/usr/lib/python3/dist-packages/\(p.name)" : "/usr/share/\(p.name)"
            files.append(("\(dir)/\(p.name).dat", .synthetic(size: remaining, seed: "\(seed):data"), 0o644))
        }
        // A few packages whose files later commands look for.
        switch p.name {
        case "python3": files.append(("/usr/bin/python3", .text(""), 0o755))
        case "python3.11-minimal": files.append(("/usr/lib/python3.11/os.py", .synthetic(size: 39_786, seed: seed + ":os"), 0o644))
        case "libpython3.11-stdlib":
            files.append(("/usr/lib/python3.11/EXTERNALLY-MANAGED", .text("[externally-managed]\nError=To install Python packages system-wide, try apt install\n python3-xyz, where xyz is the package you are trying to\n install.\n"), 0o644))
        case "ca-certificates": files.append(("/etc/ssl/certs/ca-certificates.crt", .synthetic(size: 219_040, seed: seed + ":bundle"), 0o644))
        case "nginx-common":
            files.append(("/etc/nginx/nginx.conf", .synthetic(size: 1_447, seed: seed + ":conf"), 0o644))
            files.append(("/var/www/html/index.nginx-debian.html", .synthetic(size: 615, seed: seed + ":index"), 0o644))
        default: break
        }
        var listed: [String] = []
        for (path, content, mode) in files {
            if p.name == "python3" && path == "/usr/bin/python3" {
                sh.fs.set(sh.fs.shellResolve("/usr/bin") .map { $0 + "/python3" } ?? path, .symlink("python3.11"))
            } else {
                sh.fs.shellWrite(path, content, mode: mode)
            }
            listed.append(path)
        }
        let info = "/var/lib/dpkg/info/\(p.name)\(p.name.hasPrefix("lib") ? ":amd64" : "").list"
        sh.fs.shellWrite(info, .text(listed.joined(separator: "\n") + "\n"))
        var status = sh.fs.shellText(at: "/var/lib/dpkg/status") ?? ""
        if !status.isEmpty && !status.hasSuffix("\n\n") { status += status.hasSuffix("\n") ? "\n" : "\n\n" }
        status += "Package: \(p.name)\nStatus: install ok installed\nPriority: optional\nSection: \(p.section)\nInstalled-Size: \(p.installedKB)\nArchitecture: amd64\nVersion: \(p.version)\n\n"
        sh.fs.shellWrite("/var/lib/dpkg/status", .text(status))
        return listed.count + 1
    }

    static func remove(_ sh: ShellRun, _ names: [String], _ io: inout ShellCommandIO, purge: Bool) -> Int32 {
        io.outLine("Reading package lists...")
        io.outLine("Building dependency tree...")
        io.outLine("Reading state information...")
        let installed = installedPackages(sh)
        var removing: [String] = []
        for n in names {
            if !installed.contains(n) {
                io.outLine("Package '\(n)' is not installed, so not removed")
            } else if AptCatalog.baseSystem.contains(n) {
                io.errLine("E: Removing essential system-critical packages is not permitted. This might break the system.")
                return 100
            } else {
                removing.append(n)
            }
        }
        if !removing.isEmpty {
            io.outLine("The following packages will be REMOVED:")
            io.outLine("  " + removing.joined(separator: purge ? "* " : " ") + (purge ? "*" : ""))
        }
        io.outLine("0 upgraded, 0 newly installed, \(removing.count) to remove and 0 not upgraded.")
        for n in removing {
            let listPath = ["/var/lib/dpkg/info/\(n).list", "/var/lib/dpkg/info/\(n):amd64.list"].first { sh.fs.shellExists($0) }
            let version = AptCatalog.package(named: n, distro: sh.distro)?.version ?? ""
            io.outLine("Removing \(qualified(n)) (\(version)) ...")
            if let listPath, let text = sh.fs.shellText(at: listPath) {
                for f in text.split(separator: "\n") { sh.fs.remove(sh.fs.shellResolve(String(f), followLast: false) ?? String(f)) }
                sh.fs.remove(listPath)
            }
            if let status = sh.fs.shellText(at: "/var/lib/dpkg/status") {
                let blocks = status.shellStanzas.filter { !$0.hasPrefix("Package: \(n)\n") }
                sh.fs.shellWrite("/var/lib/dpkg/status", .text(blocks.map { $0 + "\n\n" }.joined()))
            }
        }
        io.duration = 0.4 + Double(removing.count) * 0.1
        return 0
    }
}

extension String {
    var shellEscapedColons: String { shellReplacingAll(":", with: "%3a") }
    func shellReplacingAll(_ c: Character, with s: String) -> String {
        var out = ""
        for ch in self { if ch == c { out += s } else { out.append(ch) } }
        return out
    }
    /// Splits on blank lines (dpkg status stanzas).
    var shellStanzas: [String] {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if !current.isEmpty { blocks.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks
    }
}

extension Substring {
    var shellUnderscoredSlashes: String { String(map { $0 == "/" ? "_" : $0 }) }
}
