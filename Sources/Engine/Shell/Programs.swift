/// Which programs exist in an image, and which of them the simulator can run.
///
/// The rule (see README.md in this folder): a program is found by searching `PATH` in the
/// image's file tree, as a real shell does. Because base-image skeletons do not list every
/// file, some programs are *implied* by what the image is: any image with `/bin/sh` has the
/// base utilities (coreutils, tar, grep, ...); Debian/Ubuntu images have `apt-get`, `dpkg`,
/// `useradd` and `bash`; Alpine has `apk`, `adduser` and busybox `wget`; the official python
/// image (a python in /usr/local/bin) has `pip`; the node image has `npm`; the golang image has
/// `go`. Package installs add binaries under /usr/bin or /usr/local/bin, which then become
/// runnable. A program found but not simulated succeeds with no file changes and a note;
/// a program not found fails with the shell's `not found` message and status 127.

/// The image's distribution, from /etc/os-release (or the release marker files).
struct ShellDistro: Hashable, Sendable {
    enum Family: Hashable, Sendable { case debian, ubuntu, alpine, other }
    var family: Family
    var versionID: String
    var codename: String

    static func detect(in fs: FileTree) -> ShellDistro {
        var fields: [String: String] = [:]
        for path in ["/etc/os-release", "/usr/lib/os-release"] {
            guard let text = fs.shellText(at: path) else { continue }
            for line in text.split(separator: "\n") {
                guard let eq = line.firstIndex(of: "=") else { continue }
                var value = String(line[line.index(after: eq)...])
                if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                fields[String(line[..<eq])] = value
            }
            break
        }
        let id = fields["ID"] ?? ""
        var family: Family
        switch id {
        case "debian": family = .debian
        case "ubuntu": family = .ubuntu
        case "alpine": family = .alpine
        default:
            if fs.shellExists("/etc/alpine-release") { family = .alpine } else if fs.shellExists("/etc/debian_version") { family = .debian } else { family = .other }
        }
        if family == .other && fs.shellExists("/lib/apk/db/installed") { family = .alpine }
        var version = fields["VERSION_ID"] ?? ""
        if version.isEmpty, family == .alpine, let v = fs.shellText(at: "/etc/alpine-release") { version = v.shellTrimmed.filter { $0 != "\n" } }
        var codename = fields["VERSION_CODENAME"] ?? ""
        if codename.isEmpty {
            switch family {
            case .debian: codename = version == "11" ? "bullseye" : version == "13" ? "trixie" : "bookworm"
            case .ubuntu: codename = version.hasPrefix("22.04") ? "jammy" : "noble"
            default: break
            }
        }
        if version.isEmpty {
            switch family {
            case .debian: version = "12"
            case .ubuntu: version = "24.04"
            case .alpine: version = "3.20.3"
            case .other: break
            }
        }
        return ShellDistro(family: family, versionID: version, codename: codename)
    }

    var isDebianLike: Bool { family == .debian || family == .ubuntu }
    /// `v3.20` for Alpine repository URLs.
    var alpineBranch: String {
        let parts = versionID.split(separator: ".")
        return parts.count >= 2 ? "v\(parts[0]).\(parts[1])" : "v3.20"
    }
}

typealias ShellProgramSimulator = @Sendable (ShellRun, [String], inout ShellCommandIO) -> Int32

/// A program found for a command name.
struct ShellLocatedProgram: Hashable {
    /// Where it was found (`/usr/bin/curl`), or where the image implies it is.
    var path: String
    /// The simulator's name (`pip3.13` -> `pip`).
    var simulatedName: String
}

enum ShellPrograms {
    /// Maps a program's file name to the simulator that runs it.
    static func simulatedName(for fileName: String) -> String {
        let n = fileName
        if n == "pip" || n.hasPrefix("pip3") { return "pip" }
        if n == "python" || n.hasPrefix("python3") { return "python" }
        switch n {
        case "bash", "dash", "ash": return "sh"
        case "gunzip", "zcat": return "gzip"
        case "egrep", "fgrep": return "grep"
        default: return n
        }
    }

    /// Utilities every image with a shell has (coreutils/busybox and friends).
    static let baseUtilities: Set<String> = [
        // coreutils (busybox provides the same names on Alpine)
        "arch", "b2sum", "base32", "base64", "basename", "cat", "chgrp", "chmod", "chown", "chroot", "cksum", "comm",
        "cp", "csplit", "cut", "date", "dd", "df", "dir", "dircolors", "dirname", "du", "echo", "env", "expand", "expr",
        "factor", "false", "fmt", "fold", "groups", "head", "hostid", "id", "install", "join", "link", "ln", "logname",
        "ls", "md5sum", "mkdir", "mkfifo", "mknod", "mktemp", "mv", "nice", "nl", "nohup", "nproc", "numfmt", "od",
        "paste", "pathchk", "pr", "printenv", "printf", "ptx", "pwd", "readlink", "realpath", "rm", "rmdir", "seq",
        "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "shred", "shuf", "sleep", "sort", "split",
        "stat", "stdbuf", "stty", "sum", "sync", "tac", "tail", "tee", "test", "[", "timeout", "touch", "tr", "true",
        "truncate", "tsort", "tty", "uname", "unexpand", "uniq", "unlink", "users", "vdir", "wc", "who", "whoami", "yes",
        // the other essentials of every Debian and Alpine image
        "sh", "tar", "gzip", "gunzip", "zcat", "grep", "egrep", "fgrep", "sed", "awk", "find", "xargs", "hostname",
        "kill", "diff", "cmp", "getent", "ldconfig", "which", "more", "mount", "umount",
    ]

    /// Whether the image implies `name` exists even though its file is not in the tree.
    static func isImplied(_ name: String, in run: ShellRun) -> Bool {
        let fs = run.fs
        if run.hasBaseUtilities && baseUtilities.contains(name) { return true }
        switch run.distro.family {
        case .debian, .ubuntu:
            if ["apt-get", "apt", "apt-cache", "apt-mark", "apt-config", "dpkg", "dpkg-query", "useradd", "groupadd",
                "usermod", "userdel", "groupdel", "adduser", "addgroup", "passwd", "su", "bash", "update-ca-certificates",
                "dpkg-reconfigure", "gpgv"].contains(name) { return run.hasBaseUtilities }
        case .alpine:
            if ["apk", "adduser", "addgroup", "deluser", "delgroup", "wget", "su", "passwd", "nc", "ping", "vi", "ps", "top"].contains(name) {
                return run.hasBaseUtilities
            }
        case .other:
            break
        }
        if ["pip", "pip3", "python", "python3"].contains(name) || name.hasPrefix("pip3.") {
            // Only the official python image ships pip next to its /usr/local python.
            return fs.children(of: "/usr/local/bin").contains { $0.shellBaseName.hasPrefix("python") }
        }
        if ["npm", "npx", "node", "corepack"].contains(name) && fs.shellExists("/usr/local/bin/node") { return true }
        if ["go", "gofmt"].contains(name) && fs.shellExists("/usr/local/go/bin/go") { return true }
        return false
    }

    static func simulator(for name: String) -> ShellProgramSimulator? { registry[name] }

    static let registry: [String: ShellProgramSimulator] = {
        var r: [String: ShellProgramSimulator] = [:]
        FileCommands.register(&r)
        TextCommands.register(&r)
        SystemCommands.register(&r)
        AptCommands.register(&r)
        ApkCommands.register(&r)
        PipCommands.register(&r)
        NpmCommands.register(&r)
        DownloadCommands.register(&r)
        SedCommand.register(&r)
        return r
    }()

    // MARK: echo / printf (shared by the builtins and /bin/echo)

    static func echo(_ args: [String]) -> String {
        var a = args
        var newline = true
        var escapes = false
        while let first = a.first, first.count > 1, first.hasPrefix("-"), first.dropFirst().allSatisfy({ "neE".contains($0) }) {
            if first.contains("n") { newline = false }
            if first.contains("e") { escapes = true }
            if first.contains("E") { escapes = false }
            a.removeFirst()
        }
        var text = a.joined(separator: " ")
        if escapes {
            let (expanded, stop) = interpretEscapes(text)
            text = expanded
            if stop { return text }
        }
        return newline ? text + "\n" : text
    }

    /// dash's builtin echo (Debian's and Ubuntu's /bin/sh): only `-n` is an option and
    /// backslash escapes are always interpreted, so `echo -e 'a\nb'` prints `-e a`, `b`.
    static func dashEcho(_ args: [String]) -> String {
        var a = args
        var newline = true
        if a.first == "-n" { newline = false; a.removeFirst() }
        let (text, stop) = interpretEscapes(a.joined(separator: " "))
        if stop { return text }
        return newline ? text + "\n" : text
    }

    /// Backslash escapes of echo -e and printf; `stop` is true after `\c`.
    static func interpretEscapes(_ s: String) -> (String, stop: Bool) {
        var out = ""
        let it = Array(s)
        var i = 0
        while i < it.count {
            let c = it[i]
            if c == "\\" && i + 1 < it.count {
                i += 1
                switch it[i] {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "v": out.append("\u{0B}")
                case "e": out.append("\u{1b}")
                case "c": return (out, true)
                case "0":
                    var value = 0
                    var k = 0
                    while k < 3 && i + 1 < it.count, let d = it[i + 1].wholeNumberValue, d < 8 { value = value * 8 + d; i += 1; k += 1 }
                    if let scalar = Unicode.Scalar(value) { out.unicodeScalars.append(scalar) }
                default: out.append("\\"); out.append(it[i])
                }
            } else {
                out.append(c)
            }
            i += 1
        }
        return (out, false)
    }

    static func printf(_ format: String, _ args: [String]) -> String {
        printfWithErrors(format, args).output
    }

    /// printf's output and its complaints about non-numeric arguments (status 1 when any).
    static func printfWithErrors(_ format: String, _ args: [String]) -> (output: String, errors: [String]) {
        var errors: [String] = []
        var out = ""
        var remaining = args
        var rounds = 0
        repeat {
            rounds += 1
            var consumed = false
            let f = Array(format)
            var i = 0
            while i < f.count {
                let c = f[i]
                if c == "%" && i + 1 < f.count {
                    i += 1
                    if f[i] == "%" { out.append("%"); i += 1; continue }
                    var spec = ""
                    while i < f.count, "-+ 0#.123456789".contains(f[i]) { spec.append(f[i]); i += 1 }
                    guard i < f.count else { break }
                    let conv = f[i]
                    let arg = remaining.isEmpty ? nil : remaining.removeFirst()
                    consumed = true
                    var piece: String
                    switch conv {
                    case "d", "i", "u", "x", "o":
                        let text = (arg ?? "0").shellTrimmed
                        var n = Int(text) ?? 0
                        if Int(text) == nil {
                            if let c = text.first, c == "'" || c == "\"", let scalar = text.unicodeScalars.dropFirst().first {
                                n = Int(scalar.value)
                            } else {
                                errors.append("printf: \(text): expected numeric value")
                            }
                        }
                        piece = conv == "x" ? String(n, radix: 16) : conv == "o" ? String(n, radix: 8) : String(n)
                    case "b": piece = interpretEscapes(arg ?? "").0
                    case "c": piece = String((arg ?? "").prefix(1))
                    default: piece = arg ?? ""
                    }
                    let leftAlign = spec.hasPrefix("-")
                    let width = Int(spec.filter { $0.isNumber && $0 != "." }.prefix(while: { _ in !spec.contains(".") })) ?? 0
                    if width > 0 && width < 1000 && piece.count < width {
                        let pad = String(repeating: " ", count: width - piece.count)
                        piece = leftAlign ? piece + pad : pad + piece
                    }
                    out += piece
                    i += 1
                } else if c == "\\" {
                    var j = i + 1
                    if j < f.count && f[j] == "0" { while j < f.count && j < i + 5 && f[j].isNumber { j += 1 } } else { j = min(i + 2, f.count) }
                    out += interpretEscapes(String(f[i..<j])).0
                    i = j
                } else {
                    out.append(c)
                    i += 1
                }
            }
            if !consumed { break }
        } while !remaining.isEmpty && rounds < 1000
        return (out, errors)
    }
}

extension ShellRun {
    /// Finds a program the way a shell does (see `ShellPrograms` for the rule).
    func locate(_ name: String, path: String) -> ShellLocatedProgram? {
        if name.isEmpty { return nil }
        if name.contains("/") {
            let p = absolute(name)
            if fs.shellIsFile(p) {
                let real = fs.shellResolve(p) ?? p
                let target = real.shellBaseName == "busybox" ? p.shellBaseName : p.shellBaseName
                return ShellLocatedProgram(path: p, simulatedName: ShellPrograms.simulatedName(for: target))
            }
            return nil
        }
        for dir in path.split(separator: ":", omittingEmptySubsequences: false) {
            let base = dir.isEmpty ? cwd : String(dir)
            let candidate = FileTree.normalize(name, cwd: base.hasPrefix("/") ? base : absolute(base))
            if fs.shellIsFile(candidate) {
                return ShellLocatedProgram(path: candidate, simulatedName: ShellPrograms.simulatedName(for: name))
            }
        }
        if ShellPrograms.isImplied(name, in: self) {
            let dir: String
            switch name {
            case "pip", "pip3", "python", "python3", "npm", "npx", "node", "corepack": dir = "/usr/local/bin"
            case "go", "gofmt": dir = "/usr/local/go/bin"
            case "useradd", "groupadd", "usermod", "userdel", "groupdel", "adduser", "addgroup", "update-ca-certificates", "dpkg-reconfigure", "ldconfig":
                dir = "/usr/sbin"
            case "apk": dir = "/sbin"
            default: dir = distro.family == .alpine ? "/bin" : "/usr/bin"
            }
            return ShellLocatedProgram(path: dir + "/" + name, simulatedName: ShellPrograms.simulatedName(for: name))
        }
        return nil
    }
}
