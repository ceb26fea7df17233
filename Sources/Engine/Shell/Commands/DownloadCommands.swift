/// curl and wget: nothing is fetched; the file appears with a size that suits its URL and a
/// seed derived from the URL, so the same URL always gives the same bytes.
enum DownloadCommands {
    static func register(_ r: inout [String: ShellProgramSimulator]) {
        r["curl"] = curl
        r["wget"] = wget
    }

    struct Remote { var host: String; var path: String; var size: Int64; var contentType: String }

    /// nil when the URL has no host (curl error 3).
    static func remote(_ url: String) -> Remote? {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let hostPart = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = String(hostPart.split(separator: "@").last ?? hostPart).split(separator: ":").first.map(String.init) ?? ""
        guard !host.isEmpty else { return nil }
        var path = String(rest.dropFirst(hostPart.count))
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<q]) }
        let name = path.shellBaseName.lowercased()
        let seed = "download:" + url
        let size: Int64
        let type: String
        if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") || name.hasSuffix(".tar.xz") || name.hasSuffix(".tar.bz2") || name.hasSuffix(".zip") || name.hasSuffix(".tar") {
            size = Int64(ShellHash.pick(seed, in: 2_000_000...68_000_000)); type = "application/octet-stream"
        } else if name.hasSuffix(".deb") || name.hasSuffix(".rpm") || name.hasSuffix(".apk") {
            size = Int64(ShellHash.pick(seed, in: 400_000...24_000_000)); type = "application/vnd.debian.binary-package"
        } else if name.hasSuffix(".jar") || name.hasSuffix(".whl") {
            size = Int64(ShellHash.pick(seed, in: 200_000...40_000_000)); type = "application/java-archive"
        } else if name.hasSuffix(".sh") || name.hasSuffix(".py") {
            size = Int64(ShellHash.pick(seed, in: 4_000...32_000)); type = "text/x-sh"
        } else if name.hasSuffix(".json") || name.hasSuffix(".txt") || name.hasSuffix(".asc") || name.hasSuffix(".gpg") || name.hasSuffix(".key") || name.hasSuffix(".pem") || name.hasSuffix(".crt") {
            size = Int64(ShellHash.pick(seed, in: 900...8_000)); type = "text/plain"
        } else if name.isEmpty || name.hasSuffix(".html") || !name.contains(".") {
            // Release binaries are often extension-less (`.../download/v1.2/tool-linux-amd64`).
            if path.contains("/releases/download/") || name.contains("linux") || name.contains("amd64") {
                size = Int64(ShellHash.pick(seed, in: 5_000_000...90_000_000)); type = "application/octet-stream"
            } else {
                size = Int64(ShellHash.pick(seed, in: 1_200...48_000)); type = "text/html"
            }
        } else {
            size = Int64(ShellHash.pick(seed, in: 20_000...6_000_000)); type = "application/octet-stream"
        }
        return Remote(host: host, path: path, size: size, contentType: type)
    }

    static func isLocal(_ host: String) -> Bool {
        host == "localhost" || host == "127.0.0.1" || host == "0.0.0.0" || host == "::1" || host == "[::1]"
    }

    /// curl's 5-character size column (`12.3M`, `8123k`, ` 512`).
    static func curlSize(_ n: Int64) -> String {
        if n < 100_000 { return String(n) }
        if n < 10_000 * 1024 { return "\(n / 1024)k" }
        let mb = Double(n) / 1_048_576
        return mb < 100 ? FileCommands.formatOneDecimal(mb) + "M" : "\(Int(mb))M"
    }

    static func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }

    static let curl: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["o", "H", "X", "d", "u", "A", "e", "m", "w", "T", "F", "b", "c", "x", "r", "y", "Y", "z"],
                               longValued: ["output", "header", "request", "data", "retry", "retry-delay", "max-time", "connect-timeout", "user", "user-agent", "proto", "tlsv1.2", "write-out", "cacert"])
        guard let url = o.operands.first else {
            io.errLine("curl: try 'curl --help' or 'curl --manual' for more information")
            return 2
        }
        let silent = o.has("s") || o.hasLong("silent")
        let showError = o.has("S") || o.hasLong("show-error")
        func fail(_ code: Int32, _ message: String) -> Int32 {
            if !silent || showError { io.errLine("curl: (\(code)) \(message)") }
            return code
        }
        guard let r = remote(url) else { return fail(3, "URL rejected: No host part in the URL") }
        if isLocal(r.host) {
            let port = url.split(separator: ":").dropFirst(2).first.map { String($0.prefix { $0.isNumber }) } ?? "80"
            io.notes.append("Nothing listens on \(r.host) during a build (each RUN has its own network namespace).")
            return fail(7, "Failed to connect to \(r.host) port \(port.isEmpty ? "80" : port) after 0 ms: Couldn't connect to server")
        }
        var output = o.flags["o"] ?? o.long["output"]
        if o.has("O") || o.hasLong("remote-name") {
            let name = r.path.shellBaseName
            guard !name.isEmpty, r.path != "/" else {
                io.errLine("curl: Remote file name has no length!")
                return 23
            }
            output = name
        }
        io.duration = 0.35 + Double(r.size) / 25_000_000
        if o.has("I") || o.hasLong("head") {
            io.outLine("HTTP/2 200 ")
            io.outLine("content-type: \(r.contentType)")
            io.outLine("content-length: \(r.size)")
            io.outLine("")
            return 0
        }
        guard let output, output != "-" else {
            io.notes.append("The body of \(url) is not simulated: curl printed nothing.")
            return 0
        }
        let path = sh.absolute(output)
        let parent = FileTree.parent(of: path)
        if !sh.fs.shellIsDir(parent) {
            if o.hasLong("create-dirs") {
                sh.fs.shellMakeDirectories(parent, uid: sh.uid, gid: sh.gid)
            } else {
                if !silent || showError { io.errLine("Warning: Failed to open the file \(output): No such file or directory") }
                return fail(23, "Failure writing output to destination, passed \(min(r.size, 16_384)) returned 0")
            }
        }
        guard sh.canWrite(parent) || sh.fs.shellExists(path) else {
            if !silent || showError { io.errLine("Warning: Failed to open the file \(output): Permission denied") }
            return fail(23, "Failure writing output to destination, passed \(min(r.size, 16_384)) returned 0")
        }
        sh.fs.shellWrite(path, .synthetic(size: r.size, seed: "download:" + url), uid: sh.uid, gid: sh.gid)
        if !silent {
            let speed = Int64(Double(r.size) / max(0.35, io.duration - 0.05))
            io.errLine("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current")
            io.errLine("                                 Dload  Upload   Total   Spent    Left  Speed")
            let secs = Int(io.duration.rounded(.up))
            let t = "0:00:\(secs < 10 ? "0" : "")\(min(59, secs))"
            io.errLine("100 \(pad(curlSize(r.size), 5))  100 \(pad(curlSize(r.size), 5))    0     0  \(pad(curlSize(speed), 5))      0  \(t)  \(t) --:--:-- \(pad(curlSize(speed), 5))")
        }
        return 0
    }

    static let wget: ShellProgramSimulator = { sh, args, io in
        let o = ShellOptions(args, valued: ["O", "P", "T", "t", "U", "o", "a"], longValued: ["output-document", "directory-prefix", "header", "timeout", "tries", "user-agent"])
        guard let url = o.operands.first else {
            io.errLine("wget: missing URL")
            io.errLine("Usage: wget [OPTION]... [URL]...")
            return 1
        }
        let quiet = o.has("q") || o.hasLong("quiet")
        let busybox = sh.distro.family == .alpine
        guard let r = remote(url) else {
            io.errLine("\(url): Invalid host name.")
            return 1
        }
        if isLocal(r.host) {
            if !quiet { io.errLine(busybox ? "wget: can't connect to remote host (127.0.0.1): Connection refused" : "Connecting to \(r.host) (\(r.host))|127.0.0.1|:80... failed: Connection refused.") }
            return busybox ? 1 : 4
        }
        var output = o.flags["O"] ?? o.long["output-document"] ?? (r.path.shellBaseName.isEmpty || r.path == "/" ? "index.html" : r.path.shellBaseName)
        if let prefix = o.flags["P"] ?? o.long["directory-prefix"], o.flags["O"] == nil { output = prefix + "/" + output }
        io.duration = 0.4 + Double(r.size) / 25_000_000
        if output == "-" {
            io.notes.append("The body of \(url) is not simulated: wget printed nothing.")
            return 0
        }
        let path = sh.absolute(output)
        if o.flags["P"] != nil || o.long["directory-prefix"] != nil { sh.fs.shellMakeDirectories(FileTree.parent(of: path), uid: sh.uid, gid: sh.gid) }
        guard sh.fs.shellIsDir(FileTree.parent(of: path)), sh.canWrite(FileTree.parent(of: path)) || sh.fs.shellExists(path) else {
            io.errLine(busybox ? "wget: can't open '\(output)': No such file or directory" : "\(output): No such file or directory")
            return busybox ? 1 : 3
        }
        sh.fs.shellWrite(path, .synthetic(size: r.size, seed: "download:" + url), uid: sh.uid, gid: sh.gid)
        if !quiet {
            if busybox {
                io.errLine("Connecting to \(r.host) (\(r.host):443)")
                io.errLine("saving to '\(output)'")
                io.errLine("\(output.shellBaseName) 100% |********************************| \(pad(curlSize(r.size), 5))  0:00:00 ETA")
                io.errLine("'\(output)' saved")
            } else {
                io.errLine("Resolving \(r.host) (\(r.host))... done.")
                io.errLine("Connecting to \(r.host) (\(r.host))|:443... connected.")
                io.errLine("HTTP request sent, awaiting response... 200 OK")
                io.errLine("Length: \(r.size) (\(FileCommands.humanSize(r.size))) [\(r.contentType)]")
                io.errLine("Saving to: '\(output)'")
                io.errLine("")
                io.errLine("'\(output)' saved [\(r.size)/\(r.size)]")
                io.errLine("")
            }
        }
        return 0
    }
}
