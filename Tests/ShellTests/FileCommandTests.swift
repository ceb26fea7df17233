import Testing
@testable import Engine

@Suite struct FileCommandTests {
    let base = Fixtures.debianBase()

    func run(_ script: String, on tree: FileTree? = nil, cwd: String = "/", user: String = "root") -> ShellOutcome {
        Fixtures.run(script, on: tree ?? base, cwd: cwd, user: user)
    }

    @Test func mkdirAndMkdirP() {
        let r = run("mkdir -p /app/a/b && mkdir /app/c")
        #expect(r.filesystem.isDirectory("/app/a/b"))
        #expect(r.filesystem.isDirectory("/app/c"))
        let fail = run("mkdir /x/y")
        #expect(fail.exitCode == 1)
        #expect(fail.output == ["mkdir: cannot create directory '/x/y': No such file or directory"])
        #expect(run("mkdir /etc").output == ["mkdir: cannot create directory '/etc': File exists"])
    }

    @Test func touchEchoPrintfCat() {
        let r = run("touch /tmp/empty && echo hello > /tmp/h && printf '%s=%d\\n' port 8080 >> /tmp/h && cat /tmp/h /tmp/empty")
        #expect(r.output == ["hello", "port=8080"])
        #expect(r.filesystem["/tmp/empty"]?.size == 0)
        let missing = run("cat /nope")
        #expect(missing.exitCode == 1)
        #expect(missing.output == ["cat: /nope: No such file or directory"])
    }

    @Test func copyFilesAndTrees() {
        let r = run("mkdir -p /src/sub && echo a > /src/a && echo b > /src/sub/b && cp /src/a /dst-a && mkdir /d && cp -r /src /d/ && cp /src/a /d")
        #expect(r.filesystem.testTextAt("/dst-a") == "a\n")
        #expect(r.filesystem.testTextAt("/d/src/sub/b") == "b\n")
        #expect(r.filesystem.testTextAt("/d/a") == "a\n")
        let noR = run("mkdir /s && cp /s /t")
        #expect(noR.output == ["cp: -r not specified; omitting directory '/s'"])
        #expect(noR.exitCode == 1)
    }

    @Test func moveAndLink() {
        let r = run("mkdir -p /m/dir && echo x > /m/dir/f && mv /m/dir /m/renamed && ln -s /m/renamed/f /m/link && cat /m/link")
        #expect(r.output == ["x"])
        #expect(r.filesystem["/m/dir"] == nil)
        #expect(r.filesystem["/m/link"]?.kind == .symlink(target: "/m/renamed/f"))
        #expect(run("ln -s /a /etc/passwd").output == ["ln: failed to create symbolic link '/etc/passwd': File exists"])
    }

    @Test func chmodAndChown() {
        let r = run("useradd -m app && touch /tmp/s && chmod +x /tmp/s && chmod 600 /etc/group && chown -R app:app /home/app && touch /tmp/m && chmod u=rwx,go=rx /tmp/m")
        #expect(r.exitCode == 0)
        #expect(r.filesystem["/tmp/s"]?.mode == 0o755)
        #expect(r.filesystem["/etc/group"]?.mode == 0o600)
        #expect(r.filesystem["/home/app"]?.uid == 1000)
        #expect(r.filesystem["/tmp/m"]?.mode == 0o755)
        #expect(run("chown nobodyhere /tmp").output == ["chown: invalid user: 'nobodyhere'"])
    }

    @Test func rmWithGlobs() {
        let r = run("mkdir -p /c && touch /c/1.log /c/2.log /c/keep && rm /c/*.log && rm -rf /c/missing")
        #expect(r.exitCode == 0)
        #expect(r.filesystem.testKeys(under: "/c") == ["/c/keep"])
        #expect(run("rm /nope").output == ["rm: cannot remove '/nope': No such file or directory"])
        #expect(run("rm /etc").output == ["rm: cannot remove '/etc': Is a directory"])
        #expect(run("rm -rf /").exitCode == 1)
    }

    @Test func lsListsSortedNames() {
        let r = run("mkdir /l && touch /l/b /l/a /l/.hidden && ls /l && ls -a /l")
        #expect(r.output == ["a", "b", ".", "..", ".hidden", "a", "b"])
        #expect(run("ls /nope").exitCode == 2)
        let long = run("mkdir /l && echo hi > /l/f && ls -l /l")
        #expect(long.output.last == "-rw-r--r-- 1 root root 3 Jan 15 09:00 f")
    }

    @Test func useraddEditsPasswdAndGroup() {
        let r = run("groupadd -g 2000 web && useradd -m -u 1500 -g web -s /bin/bash app && id app && whoami")
        #expect(r.exitCode == 0)
        #expect(r.filesystem.testTextAt("/etc/passwd")?.hasSuffix("app:x:1500:2000::/home/app:/bin/bash\n") == true)
        #expect(r.filesystem.testTextAt("/etc/group")?.contains("web:x:2000:\n") == true)
        #expect(r.filesystem["/home/app"]?.uid == 1500)
        #expect(r.output == ["uid=1500(app) gid=2000(web) groups=2000(web)", "root"])
        #expect(run("useradd root").output == ["useradd: user 'root' already exists"])
        let adduser = run("adduser --disabled-password --gecos '' web")
        #expect(adduser.exitCode == 0)
        #expect(adduser.output == ["Adding user `web' ...", "Adding new group `web' (1000) ...", "Adding new user `web' (1000) with group `web (1000)' ...",
                                   "Creating home directory `/home/web' ...", "Copying files from `/etc/skel' ..."])
        #expect(adduser.filesystem.isDirectory("/home/web"))
    }

    @Test func nonRootIsDeniedInRootOwnedDirectories() {
        let r = run("mkdir /usr/x", user: "nobody")
        #expect(r.exitCode == 1)
        #expect(r.output == ["mkdir: cannot create directory '/usr/x': Permission denied"])
        #expect(run("touch /tmp/ok", user: "nobody").exitCode == 0)
        #expect(run("touch /tmp/ok && ls -l /tmp/ok", user: "nobody").filesystem["/tmp/ok"]?.uid == 65534)
    }

    @Test func curlAndWgetDownloads() {
        var tree = base
        tree.set("/usr/bin/curl", Fixtures.binary("curl"))
        tree.set("/usr/bin/wget", Fixtures.binary("wget"))
        let r = run("curl -fsSLO https://github.com/org/tool/releases/download/v1.0/tool-1.0-linux-amd64.tar.gz && wget -q -O /tmp/get.sh https://example.com/install.sh", on: tree, cwd: "/tmp")
        #expect(r.exitCode == 0)
        guard case .file(.synthetic(let size, _))? = r.filesystem["/tmp/tool-1.0-linux-amd64.tar.gz"]?.kind else {
            Issue.record("no download")
            return
        }
        #expect(size > 1_000_000)
        #expect((r.filesystem["/tmp/get.sh"]?.size ?? 0) < 100_000)
        #expect(run("curl http://localhost:8000/", on: tree).exitCode == 7)
        #expect(run("curl https://example.com").filesystem == base)
        #expect(run("curl https://example.com").exitCode == 127)
    }

    @Test func tarExtractsASyntheticArchive() {
        var tree = base
        tree.set("/usr/bin/curl", Fixtures.binary("curl"))
        let r = run("curl -sSL -o /tmp/node.tar.gz https://nodejs.org/dist/v22.0.0/node-v22.0.0-linux-x64.tar.gz && mkdir -p /opt && tar -xzf /tmp/node.tar.gz -C /opt && rm /tmp/node.tar.gz", on: tree)
        #expect(r.exitCode == 0)
        #expect(r.filesystem.isDirectory("/opt/node-v22.0.0-linux-x64/bin"))
        #expect(r.filesystem.testSize(under: "/opt") > 2_000_000)
        let notTar = run("echo hi > /tmp/x.tar && tar -xf /tmp/x.tar")
        #expect(notTar.exitCode == 2)
        #expect(notTar.output.first == "tar: This does not look like a tar archive")
        #expect(run("tar -xzf /missing.tgz").output.first == "tar: /missing.tgz: Cannot open: No such file or directory")
    }

    @Test func goBuildWritesABinary() {
        var tree = Fixtures.golang()
        tree.set("/src/go.mod", Fixtures.text("module example.com/hello\n\ngo 1.23\n"))
        tree.set("/src/main.go", Fixtures.text("package main\n\nfunc main() { println(\"hi\") }\n"))
        let r = Fixtures.run("go build -o /app .", on: tree, cwd: "/src", env: Fixtures.golangEnv)
        #expect(r.exitCode == 0)
        #expect(r.filesystem["/app"]?.mode == 0o755)
        #expect((r.filesystem["/app"]?.size ?? 0) > 1_000_000)
        #expect(r.filesystem.testSize(under: "/root/.cache/go-build") > 10_000_000)
        #expect(r.duration > 4)
        let noMod = Fixtures.run("go build -o /app .", on: Fixtures.golang(), cwd: "/", env: Fixtures.golangEnv)
        #expect(noMod.exitCode == 1)
        #expect(noMod.output == ["go: go.mod file not found in current directory or any parent directory; see 'go help modules'"])
    }

    @Test func sleepAdvancesTime() {
        let r = run("sleep 2 && sleep 1m")
        #expect(r.duration >= 62 && r.duration < 63)
    }

    @Test func envWhoamiIdWhich() {
        let r = Fixtures.run("env; whoami; id; which ls; which nothing-here || echo none", on: base, env: ["PATH": "/usr/bin:/bin", "A": "1"])
        #expect(r.output == ["PATH=/usr/bin:/bin", "A=1", "HOME=/root", "root", "uid=0(root) gid=0(root) groups=0(root)", "/usr/bin/ls", "none"])
    }

    @Test func unknownCommandRules() {
        let missing = run("foo --bar")
        #expect(missing.exitCode == 127)
        #expect(missing.output == ["/bin/sh: 1: foo: not found"])
        var tree = base
        tree.set("/usr/local/bin/mytool", Fixtures.binary("mytool"))
        let present = run("mytool --flag && echo ok", on: tree)
        #expect(present.exitCode == 0)
        #expect(present.output == ["ok"])
        #expect(present.notes == ["`mytool` is not simulated: it ran with no effect on files."])
        #expect(present.filesystem == tree)
        let bash = SimulatedShell().run(ShellInvocation(argv: ["/bin/bash", "-c", "foo"], environment: Fixtures.debianEnv), on: base)
        #expect(bash.output == ["/bin/bash: line 1: foo: command not found"])
    }

    @Test func wrappersRunTheirCommand() {
        let r = run("timeout 10 mkdir -p /w && nohup touch /w/f && nice -n 5 ls /w && getent passwd root && truncate -s 0 /w/f")
        #expect(r.output == ["f", "root:x:0:0:root:/root:/bin/bash"])
        #expect(r.notes == ["`truncate` is not simulated: it ran with no effect on files."])
        #expect(run("timeout 5 nosuchprogram").exitCode == 127)
    }

    @Test func failuresCarryTheStatus() {
        #expect(run("exit 1").exitCode == 1)
        #expect(run("false").exitCode == 1)
        #expect(run("cat /missing/file && echo never").output == ["cat: /missing/file: No such file or directory"])
    }
}
