/// npm install / npm ci: reads package.json (and package-lock.json for ci), resolves the
/// dependency closure from the catalog and writes node_modules.
enum NpmCommands {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["npm"] = npm
    }

    /// The parts of package.json the simulator needs, parsed without Foundation.
    struct Manifest {
        var name: String?
        var dependencies: [(String, String)] = []
        var devDependencies: [(String, String)] = []
    }

    static func parseManifest(_ text: String) -> Manifest? {
        guard var parser = ShellJSON(text), let value = parser.parse(), case .object(let fields) = value else { return nil }
        var m = Manifest()
        for (key, v) in fields {
            switch (key, v) {
            case ("name", .string(let s)): m.name = s
            case ("dependencies", .object(let deps)):
                m.dependencies = deps.compactMap { k, v in if case .string(let s) = v { return (k, s) } else { return nil } }
            case ("devDependencies", .object(let deps)):
                m.devDependencies = deps.compactMap { k, v in if case .string(let s) = v { return (k, s) } else { return nil } }
            default: break
            }
        }
        return m
    }

    static func errorLines(_ io: inout ShellCommandIO, _ lines: [String]) {
        for l in lines { io.errLine("npm error" + (l.isEmpty ? "" : " " + l)) }
    }

    static let npm: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: [], longValued: ["omit", "registry", "prefix", "loglevel", "cache"])
        guard let sub = o.operands.first else {
            io.outLine("npm <command>")
            return 1
        }
        switch sub {
        case "install", "i", "ci", "add":
            return install(sh, o, &io, clean: sub == "ci")
        case "--version", "-v", "version":
            io.outLine("10.9.2")
            return 0
        case "cache":
            if o.operands.dropFirst().first == "clean" {
                guard o.hasLong("force") else {
                    errorLines(&io, ["As of npm@5, the npm cache self-heals from corruption issues", "by treating integrity mismatches as cache misses.  As a result,",
                                     "data extracted from the cache is guaranteed to be valid.  If you", "want to make sure everything is consistent, use `npm cache verify`",
                                     "instead.  Deleting the cache can only make npm go slower, and is", "not likely to correct any problems you may be encountering!", "",
                                     "On the other hand, if you're debugging an issue with the installer,", "or race conditions that depend on the timing of writing to an empty",
                                     "cache, you can use `npm install --cache /tmp/empty-cache` to use a", "temporary cache instead of nuking the actual one.", "",
                                     "If you're sure you want to delete the entire cache, rerun this command", "with --force."])
                    return 1
                }
                sh.fs.remove((sh.vars["HOME"] ?? "/root") + "/.npm/_cacache")
                io.errLine("npm warn using --force Recommended protections disabled.")
            }
            return 0
        default:
            io.notes.append("`npm \(sub)` is not simulated: it ran with no effect on files.")
            return 0
        }
    }

    static func install(_ sh: ShellRun, _ o: ShellOptions, _ io: inout ShellCommandIO, clean: Bool) -> Int32 {
        let manifestPath = FileTree.normalize("package.json", cwd: sh.cwd)
        let lockPath = FileTree.normalize("package-lock.json", cwd: sh.cwd)
        let added = Array(o.operands.dropFirst())
        var manifest = Manifest()
        if let text = sh.fs.shellText(at: manifestPath) {
            guard let m = parseManifest(text) else {
                errorLines(&io, ["code EJSONPARSE", "JSON.parse Invalid package.json: JSONParseError: Unexpected token in JSON while parsing \(manifestPath)",
                                 "JSON.parse Failed to parse JSON data.", "JSON.parse Note: package.json must be actual JSON, not just JavaScript."])
                return 1
            }
            manifest = m
        } else if sh.fs.shellExists(manifestPath) {
            manifest = Manifest()
        } else if added.isEmpty || clean {
            errorLines(&io, ["code ENOENT", "syscall open", "path \(manifestPath)", "errno -2",
                             "enoent Could not read package.json: Error: ENOENT: no such file or directory, open '\(manifestPath)'",
                             "enoent This is related to npm not being able to find a file.", "enoent"])
            return 254
        }
        if clean && !sh.fs.shellExists(lockPath) {
            errorLines(&io, ["code EUSAGE", "", "The `npm ci` command can only install with an existing package-lock.json or",
                             "npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or",
                             "later to generate a package-lock.json file, then try again.", "", "Clean install a project", "", "Usage:", "npm ci", "",
                             "Options:", "[--install-strategy <hoisted|nested|shallow|linked>] [--legacy-bundling]",
                             "", "Run \"npm help ci\" for more info"])
            return 1
        }
        let production = o.long["omit"] == "dev" || o.hasLong("production") || sh.vars["NODE_ENV"] == "production" || io.environment["NODE_ENV"] == "production"
        var roots = manifest.dependencies.map(\.0)
        if !production { roots += manifest.devDependencies.map(\.0) }
        for spec in added {
            var name = spec
            if let at = name.dropFirst().firstIndex(of: "@") { name = String(name[..<at]) }
            guard NpmCatalog.isValidName(name) else {
                errorLines(&io, ["code EINVALIDPACKAGENAME", "Invalid package name \"\(name)\""])
                return 1
            }
            if !roots.contains(name) { roots.append(name) }
        }
        // Flat (hoisted) closure, as npm lays node_modules out.
        var closure: [NpmPackage] = []
        var seen = Set<String>()
        var stack = roots.reversed() as [String]
        while let name = stack.popLast(), closure.count < 2_000 {
            guard !seen.contains(name), let p = NpmCatalog.package(named: name) else { continue }
            seen.insert(name)
            closure.append(p)
            stack.append(contentsOf: p.dependencies.reversed())
        }
        let modules = FileTree.normalize("node_modules", cwd: sh.cwd)
        let existing = Set(sh.fs.children(of: modules).map(\.shellBaseName))
        if clean { sh.fs.remove(modules) }
        let fresh = clean ? closure : closure.filter { !existing.contains($0.name) }
        var bytes = 0
        var fromCache = 0
        for p in closure where clean || !existing.contains(p.name) {
            let dir = "\(modules)/\(p.name)"
            let seed = "npm:\(p.name)@\(p.version)"
            let manifestText = "{\n  \"name\": \"\(p.name)\",\n  \"version\": \"\(p.version)\",\n  \"main\": \"index.js\"\n}\n"
            sh.fs.shellWrite("\(dir)/package.json", .text(manifestText), uid: sh.uid, gid: sh.gid)
            let body = max(1, p.installedBytes - manifestText.utf8.count - 1_100)
            sh.fs.shellWrite("\(dir)/index.js", .synthetic(size: Int64(body), seed: seed + ":index"), uid: sh.uid, gid: sh.gid)
            sh.fs.shellWrite("\(dir)/LICENSE", .synthetic(size: 1_100, seed: "npm-license:MIT"), uid: sh.uid, gid: sh.gid)
            for b in p.bins { sh.fs.set("\(modules)/.bin/\(b)", FileNode(kind: .symlink(target: "../\(p.name)/index.js"), mode: 0o777, uid: sh.uid, gid: sh.gid)) }
            if !clean && !existing.contains(p.name) || clean {
                let cacheDir = (o.long["cache"] ?? ((sh.vars["HOME"] ?? "/root") + "/.npm")) + "/_cacache"
                let h = ShellHash.hex(seed, length: 64)
                let cachePath = "\(cacheDir)/content-v2/sha512/\(h.prefix(2))/\(h.dropFirst(2).prefix(2))/\(h.dropFirst(4))"
                // A tarball already in the cache (a warm `--mount=type=cache`) is not fetched.
                if sh.fs.shellExists(cachePath) { fromCache += 1 } else { bytes += p.installedBytes }
                sh.fs.shellWrite("\(cacheDir)/content-v2/sha512/\(h.prefix(2))/\(h.dropFirst(2).prefix(2))/\(h.dropFirst(4))", .synthetic(size: Int64(max(200, p.installedBytes * 2 / 5)), seed: "npm-cache:" + seed))
            }
        }
        if !closure.isEmpty || sh.fs.shellExists(manifestPath) {
            var lock = "{\n  \"name\": \"\(manifest.name ?? sh.cwd.shellBaseName)\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n"
            lock += closure.map { "    \"node_modules/\($0.name)\": {\n      \"version\": \"\($0.version)\"\n    }" }.joined(separator: ",\n")
            lock += "\n  }\n}\n"
            sh.fs.shellWrite("\(modules)/.package-lock.json", .text(lock), uid: sh.uid, gid: sh.gid)
            if !clean { sh.fs.shellWrite(lockPath, .text(lock), uid: sh.uid, gid: sh.gid) }
        }
        if !added.isEmpty {
            var deps = manifest.dependencies
            for spec in added {
                var name = spec
                if let at = name.dropFirst().firstIndex(of: "@") { name = String(name[..<at]) }
                if !deps.contains(where: { $0.0 == name }), let p = NpmCatalog.package(named: name) { deps.append((name, "^" + p.version)) }
            }
            var text = "{\n"
            if let n = manifest.name { text += "  \"name\": \"\(n)\",\n" }
            text += "  \"dependencies\": {\n" + deps.map { "    \"\($0.0)\": \"\($0.1)\"" }.joined(separator: ",\n") + "\n  }\n}\n"
            if sh.fs.shellText(at: manifestPath) == nil || !(sh.fs.shellText(at: manifestPath) ?? "").contains("\"\(added[0])") {
                sh.fs.shellWrite(manifestPath, .text(text), uid: sh.uid, gid: sh.gid)
            }
        }
        // A package found in the cache costs no request to the registry.
        let seconds = max(1, Int((1.2 + Double(closure.count - fromCache) * 0.03 + Double(fromCache) * 0.005 + Double(bytes) / 25_000_000).rounded()))
        io.outLine("")
        if fresh.isEmpty {
            io.outLine("up to date, audited \(closure.count + 1) packages in \(seconds)s")
        } else {
            io.outLine("added \(fresh.count) package\(fresh.count == 1 ? "" : "s"), and audited \(closure.count + 1) packages in \(seconds)s")
        }
        let funding = closure.filter(\.funding).count
        if funding > 0 {
            io.outLine("")
            io.outLine("\(funding) package\(funding == 1 ? " is" : "s are") looking for funding")
            io.outLine("  run `npm fund` for details")
        }
        io.outLine("")
        io.outLine("found 0 vulnerabilities")
        for p in closure where p.generated && roots.contains(p.name) {
            io.notes.append("`\(p.name)` is not in the simulator's npm catalog: its version and size are generated, without dependencies.")
        }
        io.duration = Double(seconds) + ShellHash.unit(roots.joined(separator: ",")) * 0.5
        return 0
    }
}

/// A small JSON reader for package.json (objects, arrays, strings, numbers, literals).
/// Bounded depth; returns nil on malformed input.
struct ShellJSON {
    indirect enum Value { case object([(String, Value)]), array([Value]), string(String), number(Double), bool(Bool), null }
    private let c: [Unicode.Scalar]
    private var i = 0
    private var depth = 0

    init?(_ text: String) { c = Array(text.unicodeScalars) }

    mutating func parse() -> Value? {
        guard let v = value() else { return nil }
        skip()
        return i == c.count ? v : nil
    }

    private mutating func skip() { while i < c.count, c[i] == " " || c[i] == "\n" || c[i] == "\t" || c[i] == "\r" { i += 1 } }

    private mutating func value() -> Value? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { return nil }
        skip()
        guard i < c.count else { return nil }
        switch c[i] {
        case "{":
            i += 1
            var fields: [(String, Value)] = []
            skip()
            if i < c.count, c[i] == "}" { i += 1; return .object(fields) }
            while true {
                skip()
                guard let k = string() else { return nil }
                skip()
                guard i < c.count, c[i] == ":" else { return nil }
                i += 1
                guard let v = value() else { return nil }
                fields.append((k, v))
                skip()
                guard i < c.count else { return nil }
                if c[i] == "," { i += 1; continue }
                if c[i] == "}" { i += 1; return .object(fields) }
                return nil
            }
        case "[":
            i += 1
            var items: [Value] = []
            skip()
            if i < c.count, c[i] == "]" { i += 1; return .array(items) }
            while true {
                guard let v = value() else { return nil }
                items.append(v)
                skip()
                guard i < c.count else { return nil }
                if c[i] == "," { i += 1; continue }
                if c[i] == "]" { i += 1; return .array(items) }
                return nil
            }
        case "\"":
            return string().map { .string($0) }
        case "t": return literal("true", .bool(true))
        case "f": return literal("false", .bool(false))
        case "n": return literal("null", .null)
        default:
            var text = ""
            while i < c.count, "+-.0123456789eE".unicodeScalars.contains(c[i]) { text.unicodeScalars.append(c[i]); i += 1 }
            return Double(text).map { .number($0) }
        }
    }

    private mutating func literal(_ word: String, _ v: Value) -> Value? {
        let w = Array(word.unicodeScalars)
        guard i + w.count <= c.count, Array(c[i..<i + w.count]) == w else { return nil }
        i += w.count
        return v
    }

    private mutating func string() -> String? {
        guard i < c.count, c[i] == "\"" else { return nil }
        i += 1
        var s = ""
        while i < c.count {
            let ch = c[i]
            i += 1
            if ch == "\"" { return s }
            if ch == "\\" {
                guard i < c.count else { return nil }
                let e = c[i]
                i += 1
                switch e {
                case "n": s += "\n"
                case "t": s += "\t"
                case "u":
                    guard i + 4 <= c.count, let v = UInt32(String(String.UnicodeScalarView(c[i..<i + 4])), radix: 16) else { return nil }
                    i += 4
                    if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) }
                default: s.unicodeScalars.append(e)
                }
            } else {
                s.unicodeScalars.append(ch)
            }
        }
        return nil
    }
}
