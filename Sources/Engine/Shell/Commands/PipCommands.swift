/// pip / pip3 / python -m pip: resolves requirements from the catalog, prints pip's
/// progress lines, writes site-packages, console scripts and the wheel cache.
enum PipCommands {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["pip"] = { sh, args, io in pip(sh, args, &io) }
    }

    /// The Python version of the image's main interpreter (`3.13`), from its lib directory.
    static func pythonVersion(_ sh: ShellRun) -> String? {
        for base in ["/usr/local/lib", "/usr/lib"] {
            let versions = sh.fs.children(of: base).map(\.shellBaseName).filter { $0.hasPrefix("python3.") }
                .compactMap { name -> (Int, String)? in Int(name.dropFirst(8)).map { ($0, String(name.dropFirst(6))) } }
            if let best = versions.max(by: { $0.0 < $1.0 }) { return best.1 }
        }
        for dir in ["/usr/local/bin", "/usr/bin"] {
            let versions = sh.fs.children(of: dir).map(\.shellBaseName).filter { $0.hasPrefix("python3.") }
                .compactMap { name -> (Int, String)? in Int(name.dropFirst(8)).map { ($0, String(name.dropFirst(6))) } }
            if let best = versions.max(by: { $0.0 < $1.0 }) { return best.1 }
        }
        // The official images say it in their ENV (PYTHON_VERSION=3.13.1).
        if let v = sh.vars["PYTHON_VERSION"] {
            let parts = v.split(separator: ".")
            if parts.count >= 2, parts[0] == "3", Int(parts[1]) != nil { return "3.\(parts[1])" }
        }
        return nil
    }

    struct Target {
        var site: String
        var scripts: String
        var interpreter: String
        var version: String
        var userInstall = false
    }

    /// Where packages go: a virtualenv when pip lives in one, else the interpreter's site dir.
    static func target(_ sh: ShellRun, breakSystem: Bool, io: inout ShellCommandIO) -> Target? {
        let version = pythonVersion(sh) ?? "3.13"
        let invoked = sh.invokedPath
        let binDir = FileTree.parent(of: invoked)
        let venv = FileTree.parent(of: binDir)
        if sh.fs.shellExists(venv + "/pyvenv.cfg") {
            return Target(site: "\(venv)/lib/python\(version)/site-packages", scripts: binDir, interpreter: "\(venv)/bin/python", version: version)
        }
        if sh.fs.shellIsDir("/usr/local/lib/python\(version)") || sh.fs.children(of: "/usr/local/bin").contains(where: { $0.shellBaseName.hasPrefix("python") }) {
            return Target(site: "/usr/local/lib/python\(version)/site-packages", scripts: "/usr/local/bin", interpreter: "/usr/local/bin/python\(version)", version: version)
        }
        // The distribution's Python (PEP 668): pip refuses to touch it.
        if sh.fs.shellExists("/usr/lib/python\(version)/EXTERNALLY-MANAGED") && !breakSystem {
            for line in [
                "error: externally-managed-environment", "", "× This environment is externally managed",
                "╰─> To install Python packages system-wide, try apt install",
                "    python3-xyz, where xyz is the package you are trying to", "    install.", "    ",
                "    If you wish to install a non-Debian-packaged Python package,",
                "    create a virtual environment using python3 -m venv path/to/venv.",
                "    Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make",
                "    sure you have python3-full installed.", "",
                "note: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.",
                "hint: See PEP 668 for the detailed specification.",
            ] { io.errLine(line) }
            return nil
        }
        return Target(site: "/usr/local/lib/python\(version)/dist-packages", scripts: "/usr/local/bin", interpreter: "/usr/bin/python\(version)", version: version)
    }

    struct Requirement {
        var name: String
        var version: String?
        var text: String
        var origin: String?
    }

    /// Parses `name[extra]==1.0 ; marker` (only `==` pins a version).
    static func parseRequirement(_ raw: String, origin: String?) -> Requirement? {
        var text = raw
        if let semi = text.firstIndex(of: ";") { text = String(text[..<semi]) }
        text = text.shellTrimmed
        guard !text.isEmpty else { return nil }
        let nameEnd = text.firstIndex { !($0.isLetter || $0.isNumber || "-_.".contains($0)) } ?? text.endIndex
        let name = String(text[..<nameEnd])
        guard !name.isEmpty else { return Requirement(name: text, version: nil, text: raw.shellTrimmed, origin: origin) }
        var version: String? = nil
        if let range = text.firstRange(of: "==") {
            let v = text[range.upperBound...].prefix { $0 != "," && $0 != " " }
            if !v.isEmpty && !v.contains("*") { version = String(v) }
        }
        return Requirement(name: name, version: version, text: raw.shellTrimmed, origin: origin)
    }

    static func formatSize(_ bytes: Int) -> String {
        if bytes > 1_000_000 { return FileCommands.formatOneDecimal(Double(bytes) / 1_000_000) + " MB" }
        if bytes > 10_000 { return "\(bytes / 1000) kB" }
        if bytes > 1000 { return FileCommands.formatOneDecimal(Double(bytes) / 1000) + " kB" }
        return "\(bytes) bytes"
    }

    static func installedVersion(_ sh: ShellRun, site: String, canonical: String) -> String? {
        for child in sh.fs.children(of: site) where child.hasSuffix(".dist-info") {
            let base = String(child.shellBaseName.dropLast(10))
            guard let dash = base.lastIndex(of: "-") else { continue }
            if PipCatalog.canonicalize(String(base[..<dash])) == canonical { return String(base[base.index(after: dash)...]) }
        }
        return nil
    }

    static func pip(_ sh: ShellRun, _ args: [String], _ io: inout ShellCommandIO) -> Int32 {
        let valued: Set<Character> = ["r", "c", "i", "t", "f", "e"]
        let longValued: Set<String> = ["requirement", "constraint", "index-url", "extra-index-url", "target", "find-links", "trusted-host",
                                       "root-user-action", "prefix", "progress-bar", "editable", "cache-dir", "platform", "python-version", "only-binary", "no-binary"]
        let o = ShellOptions(args, valued: valued, longValued: longValued)
        if o.hasLong("version") || o.has("V") {
            let v = pythonVersion(sh) ?? "3.13"
            io.outLine("pip 24.3.1 from /usr/local/lib/python\(v)/site-packages/pip (python \(v))")
            return 0
        }
        guard let sub = o.operands.first else {
            io.outLine("")
            io.outLine("Usage:   ")
            io.outLine("  pip <command> [options]")
            return 0
        }
        let breakSystem = o.hasLong("break-system-packages") || ["1", "true", "yes"].contains((io.environment["PIP_BREAK_SYSTEM_PACKAGES"] ?? "").lowercased())
        switch sub {
        case "install":
            return install(sh, o, &io, breakSystem: breakSystem)
        case "list", "freeze":
            guard let t = target(sh, breakSystem: true, io: &io) else { return 1 }
            var rows: [(String, String)] = []
            for child in sh.fs.children(of: t.site) where child.hasSuffix(".dist-info") {
                let base = String(child.shellBaseName.dropLast(10))
                if let dash = base.lastIndex(of: "-") { rows.append((String(base[..<dash]), String(base[base.index(after: dash)...]))) }
            }
            rows.sort { $0.0.lowercased() < $1.0.lowercased() }
            if sub == "freeze" {
                for (n, v) in rows where n != "pip" { io.outLine("\(n)==\(v)") }
            } else {
                let width = max(7, rows.map(\.0.count).max() ?? 0)
                io.outLine("Package" + String(repeating: " ", count: width - 7) + " Version")
                io.outLine(String(repeating: "-", count: width) + " " + String(repeating: "-", count: max(7, rows.map(\.1.count).max() ?? 0)))
                for (n, v) in rows { io.outLine(n + String(repeating: " ", count: width - n.count) + " " + v) }
            }
            return 0
        case "uninstall":
            guard let t = target(sh, breakSystem: true, io: &io) else { return 1 }
            for name in o.operands.dropFirst() {
                let canonical = PipCatalog.canonicalize(name)
                guard let v = installedVersion(sh, site: t.site, canonical: canonical), let p = PipCatalog.package(named: name, version: v) else {
                    io.errLine("WARNING: Skipping \(name) as it is not installed.")
                    continue
                }
                io.outLine("Found existing installation: \(p.name) \(v)")
                io.outLine("Uninstalling \(p.name)-\(v):")
                removeInstalled(sh, t, p, version: v)
                io.outLine("  Successfully uninstalled \(p.name)-\(v)")
            }
            return 0
        case "cache":
            if o.operands.dropFirst().first == "purge" {
                let dir = (sh.vars["HOME"] ?? "/root") + "/.cache/pip"
                let count = sh.fs.shellSubtree(dir).filter { sh.fs[$0]?.isDirectory == false }.count
                sh.fs.remove(dir)
                io.outLine("Files removed: \(count)")
            }
            return 0
        default:
            io.notes.append("`pip \(sub)` is not simulated: it ran with no effect on files.")
            return 0
        }
    }

    static func removeInstalled(_ sh: ShellRun, _ t: Target, _ p: PipPackage, version: String) {
        sh.fs.remove("\(t.site)/\(p.importName)")
        sh.fs.remove("\(t.site)/\(p.importName).libs")
        for child in sh.fs.children(of: t.site) where child.hasSuffix(".dist-info") && PipCatalog.canonicalize(String(child.shellBaseName.dropLast(10)).split(separator: "-").dropLast().joined(separator: "-")) == p.canonical {
            sh.fs.remove(child)
        }
        for s in p.scripts { sh.fs.remove("\(t.scripts)/\(s)") }
    }

    static func readRequirements(_ sh: ShellRun, _ file: String, depth: Int, into reqs: inout [Requirement], io: inout ShellCommandIO) -> Bool {
        let path = sh.absolute(file)
        guard depth < 8, let node = sh.fs.shellLookup(path), !node.isDirectory else {
            io.errLine("ERROR: Could not open requirements file: [Errno 2] No such file or directory: '\(file)'")
            return false
        }
        guard let text = sh.fs.shellText(at: path) else { return true }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(rawLine)
            if let hash = line.firstRange(of: " #") { line = String(line[..<hash.lowerBound]) }
            line = line.shellTrimmed.filter { $0 != "\r" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("-r ") || line.hasPrefix("--requirement ") {
                let nested = String(line.split(separator: " ", maxSplits: 1).last ?? "")
                let nestedPath = nested.hasPrefix("/") ? nested : FileTree.normalize(nested, cwd: FileTree.parent(of: path))
                if !readRequirements(sh, nestedPath, depth: depth + 1, into: &reqs, io: &io) { return false }
                continue
            }
            if line.hasPrefix("-") { continue }
            if let r = parseRequirement(line, origin: "-r \(file) (line \(index + 1))") { reqs.append(r) }
        }
        return true
    }

    static func install(_ sh: ShellRun, _ o: ShellOptions, _ io: inout ShellCommandIO, breakSystem: Bool) -> Int32 {
        var requirements: [Requirement] = []
        var files: [String] = []
        // ShellOptions keeps one value per flag; collect repeated -r from the raw list.
        if let r = o.flags["r"] { files.append(r) }
        if let r = o.long["requirement"] { files.append(r) }
        for file in files {
            if !readRequirements(sh, file, depth: 0, into: &requirements, io: &io) { return 1 }
        }
        var localProjects: [String] = []
        for raw in o.operands.dropFirst() {
            if raw == "." || raw.hasPrefix("./") || raw.hasPrefix("/") || raw.hasSuffix(".whl") || raw.hasSuffix(".tar.gz") {
                localProjects.append(raw)
                continue
            }
            guard let r = parseRequirement(raw, origin: nil) else { continue }
            requirements.append(r)
        }
        if let e = o.flags["e"] ?? o.long["editable"] { localProjects.append(e) }
        if requirements.isEmpty && localProjects.isEmpty && files.isEmpty {
            io.errLine("ERROR: You must give at least one requirement to install (see \"pip help install\")")
            return 1
        }
        guard var t = target(sh, breakSystem: breakSystem, io: &io) else { return 1 }
        if let dir = o.flags["t"] ?? o.long["target"] {
            t.site = sh.absolute(dir)
            t.scripts = t.site + "/bin"
        }
        let quiet = o.has("q") || o.hasLong("quiet")
        let say: (inout ShellCommandIO, String) -> Void = { io, line in if !quiet { io.outLine(line) } }
        if !sh.isRoot && (!sh.canWrite(nearestExisting(sh, t.site)) || o.hasLong("user")) {
            say(&io, "Defaulting to user installation because normal site-packages is not writeable")
            let home = sh.vars["HOME"] ?? "/"
            t.site = "\(home)/.local/lib/python\(t.version)/site-packages"
            t.scripts = "\(home)/.local/bin"
            t.userInstall = true
            if !sh.canWrite(nearestExisting(sh, t.site)) {
                io.errLine("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '\(home)/.local'")
                io.errLine("Check the permissions.")
                io.errLine("")
                return 1
            }
        }
        let pyTag = "cp" + t.version.filter { $0 != "." }
        let noCache = o.hasLong("no-cache-dir") || ["1", "true", "yes", "on", "off", "0", "false"].contains((io.environment["PIP_NO_CACHE_DIR"] ?? "").lowercased())
        let cacheDir = o.long["cache-dir"] ?? ((sh.vars["HOME"] ?? "/root") + "/.cache/pip")
        let upgrade = o.has("U") || o.hasLong("upgrade")
        let noDeps = o.hasLong("no-deps")

        for project in localProjects {
            say(&io, "Processing \(project == "." ? sh.cwd : sh.absolute(project))")
            io.notes.append("`pip install \(project)` of a local project is not simulated: it installed nothing.")
        }

        // Breadth-first resolution, as pip reports it.
        // Each entry carries pip's "(from ...)" chain: `Werkzeug>=3.1->flask`.
        var queue: [(Requirement, parent: String?)] = requirements.map { ($0, $0.origin) }
        var resolved: [String: PipPackage] = [:]
        var order: [String] = []
        var downloads: [PipPackage] = []
        var index = 0
        while index < queue.count && index < 2_000 {
            let (req, parent) = queue[index]
            index += 1
            let canonical = PipCatalog.canonicalize(req.name)
            if resolved[canonical] != nil { continue }
            let fromText = parent.map { " (from \($0))" } ?? ""
            let existing = installedVersion(sh, site: t.site, canonical: canonical)
                ?? (t.userInstall ? installedVersion(sh, site: "/usr/local/lib/python\(t.version)/site-packages", canonical: canonical) : nil)
            let isTopLevel = index <= requirements.count
            let newest = PipCatalog.package(named: req.name, version: req.version)?.version
            if let existing, !(upgrade && isTopLevel && newest != existing), req.version == nil || req.version == existing {
                say(&io, "Requirement already satisfied: \(req.text) in \(t.site) \(fromText.isEmpty ? "" : fromText + " ")(\(existing))".shellCollapsingSpaces)
                resolved[canonical] = PipCatalog.package(named: req.name, version: existing)
                continue
            }
            guard let p = PipCatalog.package(named: req.name, version: req.version) else {
                io.errLine("ERROR: Invalid requirement: '\(req.text)'")
                return 1
            }
            resolved[canonical] = p
            order.append(canonical)
            downloads.append(p)
            say(&io, "Collecting \(req.text)\(fromText)")
            let metadataSize = 1_500 + ShellHash.pick("pip-meta:\(canonical)", in: 0...7_000)
            let cached = !noCache && sh.fs.shellExists(cachePath(cacheDir, p.wheelName(pythonTag: pyTag)))
            say(&io, "  \(cached ? "Using cached" : "Downloading") \(p.wheelName(pythonTag: pyTag)).metadata (\(formatSize(metadataSize)))")
            if !noDeps {
                for dep in p.requires {
                    if let r = parseRequirement(dep, origin: nil) { queue.append((r, parent.map { "\(req.text)->\($0)" } ?? req.text)) }
                }
            }
        }
        // Wheels found in the cache cost no download time (a warm `--mount=type=cache`).
        var fetched: [PipPackage] = []
        for p in downloads {
            let wheel = p.wheelName(pythonTag: pyTag)
            let cached = !noCache && sh.fs.shellExists(cachePath(cacheDir, wheel))
            if !cached { fetched.append(p) }
            say(&io, cached ? "Using cached \(wheel) (\(formatSize(p.wheelBytes)))" : "Downloading \(wheel) (\(formatSize(p.wheelBytes)))")
            if p.wheelBytes > 1_000_000 && !cached {
                let size = FileCommands.formatOneDecimal(Double(p.wheelBytes) / 1_000_000)
                say(&io, "   " + String(repeating: "━", count: 40) + " \(size)/\(size) MB \(FileCommands.formatOneDecimal(38 + ShellHash.unit(wheel) * 30)) MB/s eta 0:00:00")
            }
        }
        guard !order.isEmpty else {
            rootWarning(sh, &io, o, quiet: quiet)
            io.duration = 0.7
            return 0
        }
        // Dependencies first, as pip's installation order does.
        var installOrder: [String] = []
        var placed = Set<String>()
        func place(_ canonical: String, depth: Int) {
            guard depth < 64, !placed.contains(canonical), let p = resolved[canonical] else { return }
            placed.insert(canonical)
            if order.contains(canonical) {
                for dep in p.requires {
                    if let r = parseRequirement(dep, origin: nil) { place(PipCatalog.canonicalize(r.name), depth: depth + 1) }
                }
                installOrder.append(canonical)
            }
        }
        for c in order { place(c, depth: 0) }
        let packages = installOrder.compactMap { resolved[$0] }
        say(&io, "Installing collected packages: " + packages.map(\.name).joined(separator: ", "))
        var uninstalled: [String] = []
        for p in packages {
            if let old = installedVersion(sh, site: t.site, canonical: p.canonical), old != p.version, let oldPackage = PipCatalog.package(named: p.name, version: old) {
                say(&io, "  Attempting uninstall: \(p.name)")
                say(&io, "    Found existing installation: \(p.name) \(old)")
                say(&io, "    Uninstalling \(p.name)-\(old):")
                say(&io, "      Successfully uninstalled \(p.name)-\(old)")
                removeInstalled(sh, t, oldPackage, version: old)
                uninstalled.append(p.name)
            }
            write(sh, p, t, pyTag: pyTag)
            if !noCache {
                let wheel = p.wheelName(pythonTag: pyTag)
                sh.fs.shellWrite(cachePath(cacheDir, wheel), .synthetic(size: Int64(p.wheelBytes), seed: "pip-cache:\(wheel)"), uid: sh.uid, gid: sh.gid)
            }
        }
        if t.userInstall {
            for p in packages {
                for s in p.scripts where !(sh.vars["PATH"] ?? "").split(separator: ":").contains(Substring(t.scripts)) {
                    io.errLine("  WARNING: The script \(s) is installed in '\(t.scripts)' which is not on PATH.")
                    io.errLine("  Consider adding this directory to PATH or, if you prefer to suppress this warning, use --no-warn-script-location.")
                }
            }
        }
        let summary = packages.map { "\($0.name)-\($0.version)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        say(&io, "Successfully installed " + summary.joined(separator: " "))
        rootWarning(sh, &io, o, quiet: quiet)
        for p in packages where p.generated {
            io.notes.append("`\(p.name)` is not in the simulator's PyPI catalog: its version and size are generated.")
        }
        let wheelBytes = fetched.reduce(0) { $0 + $1.wheelBytes }
        let installedBytes = packages.reduce(0) { $0 + $1.installedBytes }
        io.duration = 0.9 + Double(fetched.count) * 0.15 + Double(downloads.count - fetched.count) * 0.02 + Double(wheelBytes) / 18_000_000 + Double(installedBytes) / 120_000_000
        return 0
    }

    static func nearestExisting(_ sh: ShellRun, _ path: String) -> String {
        var p = path
        while p != "/" && !sh.fs.shellExists(p) { p = FileTree.parent(of: p) }
        return p
    }

    static func rootWarning(_ sh: ShellRun, _ io: inout ShellCommandIO, _ o: ShellOptions, quiet: Bool) {
        let action = o.long["root-user-action"] ?? sh.vars["PIP_ROOT_USER_ACTION"] ?? ""
        guard sh.isRoot, action != "ignore", !sh.invokedPath.contains("/venv/"), !sh.fs.shellExists(FileTree.parent(of: FileTree.parent(of: sh.invokedPath)) + "/pyvenv.cfg") else { return }
        io.errLine("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you want to suppress this warning.")
    }

    static func cachePath(_ cacheDir: String, _ wheel: String) -> String {
        let h = ShellHash.hex("pip-http:" + wheel, length: 56)
        let c = Array(h)
        return "\(cacheDir)/http-v2/\(c[0])/\(c[1])/\(c[2])/\(c[3])/\(c[4])/\(h).body"
    }

    static func write(_ sh: ShellRun, _ p: PipPackage, _ t: Target, pyTag: String) {
        let seed = "pip:\(p.canonical)==\(p.version)"
        let pkgDir = "\(t.site)/\(p.importName)"
        let distInfo = "\(t.site)/\(p.name.shellUnderscored)-\(p.version).dist-info"
        let uid = sh.uid, gid = sh.gid
        let total = Int64(p.installedBytes)
        let metadataSize = Int64(1_500 + ShellHash.pick("pip-meta:\(p.canonical)", in: 0...7_000))
        let recordSize = Int64(min(60_000, max(400, p.installedBytes / 900)))
        var body = total - metadataSize - recordSize - 200
        if body < 10 { body = 10 }
        sh.fs.shellWrite("\(pkgDir)/__init__.py", .synthetic(size: max(1, body / 40), seed: seed + ":__init__"), uid: uid, gid: gid)
        if p.binary {
            let native = body * 6 / 10
            sh.fs.shellWrite("\(pkgDir)/_core.\(pyTag == "cp313" ? "cpython-313" : "cpython-" + pyTag.dropFirst(2))-x86_64-linux-gnu.so", .synthetic(size: native, seed: seed + ":native"), mode: 0o755, uid: uid, gid: gid)
            sh.fs.shellWrite("\(pkgDir)/core.py", .synthetic(size: max(1, body - native - body / 40), seed: seed + ":core"), uid: uid, gid: gid)
        } else {
            sh.fs.shellWrite("\(pkgDir)/core.py", .synthetic(size: max(1, body - body / 40), seed: seed + ":core"), uid: uid, gid: gid)
        }
        sh.fs.shellWrite("\(distInfo)/METADATA", .synthetic(size: metadataSize, seed: seed + ":METADATA"), uid: uid, gid: gid)
        sh.fs.shellWrite("\(distInfo)/RECORD", .synthetic(size: recordSize, seed: seed + ":RECORD"), uid: uid, gid: gid)
        sh.fs.shellWrite("\(distInfo)/INSTALLER", .text("pip\n"), uid: uid, gid: gid)
        sh.fs.shellWrite("\(distInfo)/WHEEL", .text("Wheel-Version: 1.0\nGenerator: bdist_wheel (0.45.1)\nRoot-Is-Purelib: \(p.binary ? "false" : "true")\nTag: \(p.binary ? "\(pyTag)-\(pyTag)-manylinux_2_17_x86_64" : "py3-none-any")\n"), uid: uid, gid: gid)
        if !p.scripts.isEmpty {
            var entry = "[console_scripts]\n"
            for s in p.scripts {
                entry += "\(s) = \(p.importName).cli:main\n"
                let script = "#!\(t.interpreter)\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom \(p.importName).cli import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n"
                sh.fs.shellWrite("\(t.scripts)/\(s)", .text(script), mode: 0o755, uid: uid, gid: gid)
            }
            sh.fs.shellWrite("\(distInfo)/entry_points.txt", .text(entry), uid: uid, gid: gid)
        }
    }
}

extension String {
    var shellCollapsingSpaces: String {
        var out = ""
        for c in self { if c == " " && out.hasSuffix(" ") { continue }; out.append(c) }
        return out
    }
}
