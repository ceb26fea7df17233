@testable import Engine

/// Small image filesystems shaped like the real base images (merged /usr on Debian).
enum Fixtures {
    static func text(_ s: String) -> FileNode { .file(.text(s)) }
    static func binary(_ name: String, size: Int64 = 125_000) -> FileNode {
        .file(.synthetic(size: size, seed: "bin:" + name), mode: 0o755)
    }

    static func debianBase(codename: String = "bookworm", id: String = "debian", version: String = "12") -> FileTree {
        var t = FileTree()
        t.set("/usr/bin", .directory())
        t.set("/usr/sbin", .directory())
        t.set("/usr/lib", .directory())
        t.set("/bin", .symlink("usr/bin"))
        t.set("/sbin", .symlink("usr/sbin"))
        t.set("/lib", .symlink("usr/lib"))
        t.set("/usr/bin/dash", binary("dash"))
        t.set("/usr/bin/sh", .symlink("dash"))
        t.set("/usr/bin/bash", binary("bash"))
        for tool in ["ls", "cat", "cp", "mv", "rm", "mkdir", "touch", "chmod", "chown", "ln", "echo", "env", "sleep", "tar", "grep", "apt-get", "apt", "dpkg", "id", "whoami"] {
            t.set("/usr/bin/" + tool, binary(tool))
        }
        t.set("/usr/sbin/useradd", binary("useradd"))
        t.set("/etc/os-release", text("PRETTY_NAME=\"Debian GNU/Linux 12 (\(codename))\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"\(version)\"\nVERSION_CODENAME=\(codename)\nID=\(id)\n"))
        t.set("/etc/passwd", text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"))
        t.set("/etc/group", text("root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n"))
        t.set("/etc/apt/apt.conf.d/docker-clean", text("DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb || true\"; };\n"))
        t.set("/var/lib/apt/lists", .directory())
        t.set("/var/cache/apt/archives/partial", .directory())
        t.set("/root", .directory(mode: 0o700))
        t.set("/tmp", .directory(mode: 0o1777))
        t.set("/home", .directory())
        return t
    }

    static func ubuntuBase() -> FileTree {
        var t = debianBase(codename: "noble", id: "ubuntu", version: "24.04")
        t.set("/etc/os-release", text("PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n"))
        return t
    }

    /// python:3.13-slim: Debian plus a Python in /usr/local with pip.
    static func pythonSlim(version: String = "3.13") -> FileTree {
        var t = debianBase()
        t.set("/usr/local/bin/python\(version)", binary("python"))
        t.set("/usr/local/bin/python3", .symlink("python\(version)"))
        t.set("/usr/local/bin/python", .symlink("python3"))
        t.set("/usr/local/bin/pip", binary("pip", size: 230))
        t.set("/usr/local/bin/pip3", binary("pip", size: 230))
        t.set("/usr/local/bin/pip\(version)", binary("pip", size: 230))
        t.set("/usr/local/lib/python\(version)/site-packages/pip/__init__.py", .file(.synthetic(size: 357, seed: "pip-init")))
        t.set("/usr/local/lib/python\(version)/site-packages/pip-24.3.1.dist-info/INSTALLER", text("pip\n"))
        return t
    }

    static func alpine() -> FileTree {
        var t = FileTree()
        t.set("/bin/busybox", binary("busybox", size: 808_712))
        for tool in ["sh", "ls", "cat", "cp", "mv", "rm", "mkdir", "touch", "echo", "env", "sleep", "tar", "wget", "adduser"] {
            t.set("/bin/" + tool, .symlink("/bin/busybox"))
        }
        t.set("/sbin/apk", binary("apk"))
        t.set("/etc/os-release", text("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n"))
        t.set("/etc/alpine-release", text("3.20.3\n"))
        t.set("/etc/passwd", text("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n"))
        t.set("/etc/group", text("root:x:0:root\nnogroup:x:65533:\n"))
        t.set("/etc/apk/world", text("alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\n"))
        t.set("/lib/apk/db/installed", text("P:busybox\nV:1.36.1-r29\n\nP:musl\nV:1.2.5-r0\n\n"))
        t.set("/var/cache/apk", .directory())
        t.set("/root", .directory(mode: 0o700))
        t.set("/tmp", .directory(mode: 0o1777))
        return t
    }

    static func node() -> FileTree {
        var t = debianBase()
        t.set("/usr/local/bin/node", binary("node", size: 96_000_000))
        t.set("/usr/local/bin/npm", .symlink("../lib/node_modules/npm/bin/npm-cli.js"))
        t.set("/usr/local/lib/node_modules/npm/bin/npm-cli.js", .file(.synthetic(size: 54, seed: "npm-cli"), mode: 0o755))
        return t
    }

    static func golang() -> FileTree {
        var t = debianBase()
        t.set("/usr/local/go/bin/go", binary("go", size: 14_000_000))
        t.set("/go", .directory(mode: 0o777))
        return t
    }

    static let debianEnv = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
    static let golangEnv = ["PATH": "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOPATH": "/go"]

    /// Runs a shell-form command the way the builder does.
    static func run(_ script: String, on tree: FileTree, cwd: String = "/", env: [String: String] = debianEnv, user: String = "root") -> ShellOutcome {
        SimulatedShell().run(ShellInvocation(argv: ["/bin/sh", "-c", script], environment: env, workingDirectory: cwd, user: user), on: tree)
    }
}

extension ShellOutcome {
    var text: String { output.joined(separator: "\n") }
}

extension FileTree {
    func testTextAt(_ path: String) -> String? {
        if case .file(.bytes(let b))? = self[path]?.kind { return String(decoding: b, as: UTF8.self) }
        return nil
    }
    func testSize(under path: String) -> Int64 {
        entries.filter { $0.key == path || $0.key.hasPrefix(path + "/") }.reduce(0) { $0 + $1.value.size }
    }
}

extension FileTree {
    /// Stored paths strictly below `path`, sorted.
    func testKeys(under path: String) -> [String] {
        entries.keys.filter { $0.hasPrefix(path + "/") }.sorted()
    }
}
