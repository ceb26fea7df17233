import Testing
@testable import Engine

@Suite struct AptTests {
    let base = Fixtures.debianBase()

    @Test func installWithoutUpdateCannotLocatePackages() {
        let r = Fixtures.run("apt-get install -y curl", on: base)
        #expect(r.exitCode == 100)
        #expect(r.output == ["Reading package lists...", "Building dependency tree...", "Reading state information...", "E: Unable to locate package curl"])
        #expect(r.filesystem == base)
    }

    @Test func updateWritesListsOfRealisticSize() {
        let r = Fixtures.run("apt-get update", on: base)
        #expect(r.exitCode == 0)
        #expect(r.output.first == "Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]")
        #expect(r.output.contains("Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8792 kB]"))
        #expect(r.output.last == "Reading package lists...")
        let size = r.filesystem.testSize(under: "/var/lib/apt/lists")
        #expect(size > 20_000_000 && size < 50_000_000)
        #expect(r.duration > 1 && r.duration < 10)
    }

    @Test func ubuntuUsesItsMirrors() {
        let r = Fixtures.run("apt-get update", on: Fixtures.ubuntuBase())
        #expect(r.output.first == "Get:1 http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]")
        let size = r.filesystem.testSize(under: "/var/lib/apt/lists")
        #expect(size > 20_000_000 && size < 50_000_000)
    }

    @Test func updateAndInstallInOneRun() {
        let r = Fixtures.run("apt-get update && apt-get install -y --no-install-recommends curl", on: base)
        #expect(r.exitCode == 0)
        #expect(r.output.contains("The following NEW packages will be installed:"))
        #expect(r.output.contains("Setting up curl (7.88.1-10+deb12u12) ..."))
        #expect(r.output.contains { $0.hasPrefix("Unpacking libcurl4:amd64 (") })
        #expect(r.filesystem["/usr/bin/curl"]?.mode == 0o755)
        #expect(r.filesystem["/usr/share/doc/curl/copyright"] != nil)
        #expect(r.filesystem.testKeys(under: "/usr/lib/x86_64-linux-gnu").contains { $0.contains("libcurl.so.4") })
        // docker-clean removes the downloaded archives after the install.
        #expect(r.filesystem.testKeys(under: "/var/cache/apt/archives").allSatisfy { !$0.hasSuffix(".deb") })
        // curl is now on PATH.
        let after = Fixtures.run("curl -fsSL -o /tmp/x.tar.gz https://example.com/x.tar.gz && ls /tmp", on: r.filesystem)
        #expect(after.output == ["x.tar.gz"])
    }

    @Test func secondUpdateHitsUnchangedReleases() {
        let first = Fixtures.run("apt-get update", on: base)
        let second = Fixtures.run("apt-get update", on: first.filesystem)
        #expect(second.output == [
            "Hit:1 http://deb.debian.org/debian bookworm InRelease",
            "Hit:2 http://deb.debian.org/debian bookworm-updates InRelease",
            "Hit:3 http://deb.debian.org/debian-security bookworm-security InRelease",
            "Reading package lists...",
        ])
        #expect(second.filesystem == first.filesystem)
    }

    @Test func skippedRecommendsAreListed() {
        let r = Fixtures.run("apt-get update && apt-get install -y --no-install-recommends curl", on: base)
        #expect(r.output.contains("Recommended packages:"))
        #expect(r.filesystem["/usr/bin/openssl"] == nil)
    }

    @Test func separateRunsKeepListsFromTheEarlierLayer() {
        let updated = Fixtures.run("apt-get update", on: base)
        let installed = Fixtures.run("apt-get install -y git", on: updated.filesystem)
        #expect(installed.exitCode == 0)
        #expect(installed.filesystem["/usr/bin/git"] != nil)
        #expect(installed.filesystem.testSize(under: "/var/lib/apt/lists") > 20_000_000)
    }

    @Test func cleanupInTheSameRunLeavesNoLists() {
        let r = Fixtures.run("apt-get update && apt-get install -y --no-install-recommends curl && apt-get clean && rm -rf /var/lib/apt/lists/*", on: base)
        #expect(r.exitCode == 0)
        #expect(r.filesystem.testKeys(under: "/var/lib/apt/lists").isEmpty)
        #expect(r.filesystem.isDirectory("/var/lib/apt/lists"))
        #expect(r.filesystem["/usr/bin/curl"] != nil)
    }

    @Test func archivesStayWithoutDockerClean() {
        var tree = base
        tree.remove("/etc/apt/apt.conf.d/docker-clean")
        let r = Fixtures.run("apt-get update && apt-get install -y curl", on: tree)
        #expect(r.filesystem.testKeys(under: "/var/cache/apt/archives").contains { $0.hasSuffix("curl_7.88.1-10+deb12u12_amd64.deb") })
        let cleaned = Fixtures.run("apt-get clean", on: r.filesystem)
        #expect(cleaned.filesystem.testKeys(under: "/var/cache/apt/archives").allSatisfy { !$0.hasSuffix(".deb") })
    }

    @Test func withoutYesApiAbortsWhenDependenciesAreNeeded() {
        let r = Fixtures.run("apt-get update && apt-get install git", on: base)
        #expect(r.exitCode == 1)
        #expect(r.output.last == "Do you want to continue? [Y/n] Abort.")
        #expect(r.filesystem["/usr/bin/git"] == nil)
    }

    @Test func recommendsAddSize() {
        let lean = Fixtures.run("apt-get update && apt-get install -y --no-install-recommends git", on: base)
        let fat = Fixtures.run("apt-get update && apt-get install -y git", on: base)
        #expect(fat.filesystem.testSize(under: "/usr") > lean.filesystem.testSize(under: "/usr"))
        #expect(fat.filesystem["/usr/bin/ssh"] != nil)
        #expect(lean.filesystem["/usr/bin/ssh"] == nil)
    }

    @Test func unknownPackageGetsAGeneratedEntryAndANote() {
        let r = Fixtures.run("apt-get update && apt-get install -y fancy-tool", on: base)
        #expect(r.exitCode == 0)
        #expect(r.filesystem["/usr/bin/fancy-tool"] != nil)
        #expect(r.notes.contains { $0.contains("fancy-tool") })
        let bad = Fixtures.run("apt-get update && apt-get install -y Not_Valid", on: base)
        #expect(bad.exitCode == 100)
        #expect(bad.output.last == "E: Unable to locate package Not_Valid")
    }

    @Test func alreadyInstalledIsReported() {
        let first = Fixtures.run("apt-get update && apt-get install -y make", on: base)
        let again = Fixtures.run("apt-get install -y make", on: first.filesystem)
        #expect(again.output.contains("make is already the newest version (4.3-4.1)."))
        #expect(again.output.contains("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded."))
    }

    @Test func nonRootCannotInstall() {
        let r = Fixtures.run("apt-get update", on: base, user: "nobody")
        #expect(r.exitCode == 100)
        #expect(r.output.first == "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)")
    }

    @Test func aptIsNotOnAlpine() {
        let r = Fixtures.run("apt-get update", on: Fixtures.alpine())
        #expect(r.exitCode == 127)
        #expect(r.output == ["/bin/sh: apt-get: not found"])
    }
}

@Suite struct ApkTests {
    @Test func addWithNoCacheLeavesNoIndexes() {
        let r = Fixtures.run("apk add --no-cache curl", on: Fixtures.alpine())
        #expect(r.exitCode == 0)
        #expect(r.output.first == "fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz")
        #expect(r.output.contains { $0.hasSuffix("Installing curl (8.12.1-r0)") })
        #expect(r.output.last?.hasPrefix("OK: ") == true)
        #expect(r.filesystem["/usr/bin/curl"] != nil)
        #expect(r.filesystem.testKeys(under: "/var/cache/apk").isEmpty)
        #expect(r.filesystem.testTextAt("/lib/apk/db/installed")?.contains("P:curl\n") == true)
    }

    @Test func addWithCacheKeepsIndexes() {
        let r = Fixtures.run("apk add curl", on: Fixtures.alpine())
        #expect(r.filesystem.testKeys(under: "/var/cache/apk").count == 2)
        #expect(r.filesystem.testSize(under: "/var/cache/apk") > 3_000_000)
    }

    @Test func apkIsNotOnDebian() {
        let r = Fixtures.run("apk add curl", on: Fixtures.debianBase())
        #expect(r.exitCode == 127)
        #expect(r.output == ["/bin/sh: 1: apk: not found"])
    }

    @Test func useraddIsNotInBusybox() {
        let r = Fixtures.run("useradd app", on: Fixtures.alpine())
        #expect(r.exitCode == 127)
        let ok = Fixtures.run("adduser -D app && id app", on: Fixtures.alpine())
        #expect(ok.exitCode == 0)
        #expect(ok.output.last?.hasPrefix("uid=1000(app)") == true)
    }
}

@Suite struct PipTests {
    let python = Fixtures.pythonSlim()

    @Test func installFlaskWithDependencies() {
        let r = Fixtures.run("pip install flask", on: python, cwd: "/hello-world")
        #expect(r.exitCode == 0)
        #expect(r.output.first == "Collecting flask")
        #expect(r.output.contains("  Downloading flask-3.1.0-py3-none-any.whl.metadata (\(PipCommands.formatSize(1_500 + ShellHash.pick("pip-meta:flask", in: 0...7_000))))"))
        #expect(r.output.contains("Collecting Werkzeug>=3.1 (from flask)"))
        #expect(r.output.contains("Downloading flask-3.1.0-py3-none-any.whl (102 kB)"))
        #expect(r.output.contains("Installing collected packages: MarkupSafe, Werkzeug, Jinja2, itsdangerous, click, blinker, flask"))
        #expect(r.output.contains("Successfully installed Jinja2-3.1.5 MarkupSafe-3.0.2 Werkzeug-3.1.3 blinker-1.9.0 click-8.1.8 flask-3.1.0 itsdangerous-2.2.0"))
        #expect(r.output.last?.hasPrefix("WARNING: Running pip as the 'root' user") == true)
        let site = "/usr/local/lib/python3.13/site-packages"
        #expect(r.filesystem["\(site)/flask/__init__.py"] != nil)
        #expect(r.filesystem["\(site)/flask-3.1.0.dist-info/METADATA"] != nil)
        #expect(r.filesystem["\(site)/markupsafe/_core.cpython-313-x86_64-linux-gnu.so"] != nil)
        #expect(r.filesystem.testTextAt("/usr/local/bin/flask")?.hasPrefix("#!/usr/local/bin/python3.13\n") == true)
        // pip keeps its wheel cache unless told not to.
        #expect(r.filesystem.testSize(under: "/root/.cache/pip") > 500_000)
        let size = r.filesystem.testSize(under: site) - python.testSize(under: site)
        #expect(size > 2_000_000 && size < 4_000_000)
    }

    @Test func noCacheDirLeavesNoCache() {
        let r = Fixtures.run("pip install --no-cache-dir flask", on: python)
        #expect(r.filesystem.testKeys(under: "/root/.cache").isEmpty)
        let env = Fixtures.run("pip install flask", on: python, env: Fixtures.debianEnv.merging(["PIP_NO_CACHE_DIR": "1"]) { $1 })
        #expect(env.filesystem.testKeys(under: "/root/.cache").isEmpty)
    }

    @Test func requirementsFileRelativeToWorkdir() {
        var tree = python
        tree.set("/app/requirements.txt", Fixtures.text("# web\nflask==3.1.0\nrequests>=2.0  # http\n\n"))
        let r = Fixtures.run("pip install --no-cache-dir -r requirements.txt", on: tree, cwd: "/app")
        #expect(r.exitCode == 0)
        #expect(r.output.first == "Collecting flask==3.1.0 (from -r requirements.txt (line 2))")
        #expect(r.output.contains("Collecting requests>=2.0 (from -r requirements.txt (line 3))"))
        #expect(r.filesystem["/usr/local/lib/python3.13/site-packages/requests/__init__.py"] != nil)
        #expect(r.filesystem["/usr/local/lib/python3.13/site-packages/certifi-2025.1.31.dist-info/RECORD"] != nil)
    }

    @Test func missingRequirementsFile() {
        let r = Fixtures.run("pip install -r requirements.txt", on: python, cwd: "/app")
        #expect(r.exitCode == 1)
        #expect(r.output == ["ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements.txt'"])
        #expect(r.filesystem == python)
    }

    @Test func alreadySatisfied() {
        let first = Fixtures.run("pip3 install requests", on: python)
        let again = Fixtures.run("pip3 install requests", on: first.filesystem)
        #expect(again.output.first == "Requirement already satisfied: requests in /usr/local/lib/python3.13/site-packages (2.32.3)")
        #expect(again.filesystem == first.filesystem)
    }

    @Test func pipMissingInTheImage() {
        let r = Fixtures.run("pip install flask", on: Fixtures.debianBase())
        #expect(r.exitCode == 127)
        #expect(r.output == ["/bin/sh: 1: pip: not found"])
    }

    @Test func systemPythonIsExternallyManaged() {
        let setup = Fixtures.run("apt-get update && apt-get install -y --no-install-recommends python3-pip", on: Fixtures.debianBase())
        #expect(setup.exitCode == 0)
        let r = Fixtures.run("pip install flask", on: setup.filesystem)
        #expect(r.exitCode == 1)
        #expect(r.output.first == "error: externally-managed-environment")
        let forced = Fixtures.run("pip install --break-system-packages flask", on: setup.filesystem)
        #expect(forced.exitCode == 0)
        #expect(forced.filesystem["/usr/local/lib/python3.11/dist-packages/flask/__init__.py"] != nil)
    }

    @Test func nonRootFallsBackToUserInstall() {
        let withUser = Fixtures.run("useradd -m app", on: python)
        let r = Fixtures.run("pip install --no-cache-dir gunicorn", on: withUser.filesystem, user: "app")
        #expect(r.exitCode == 0)
        #expect(r.output.first == "Defaulting to user installation because normal site-packages is not writeable")
        #expect(r.filesystem["/home/app/.local/bin/gunicorn"] != nil)
        #expect(r.filesystem["/home/app/.local/lib/python3.13/site-packages/gunicorn/__init__.py"]?.uid == 1000)
    }

    @Test func upgradePip() {
        let r = Fixtures.run("pip install --no-cache-dir --upgrade pip", on: python)
        #expect(r.output.contains("    Found existing installation: pip 24.3.1"))
        #expect(r.output.contains("Successfully installed pip-25.0.1"))
        #expect(r.filesystem["/usr/local/lib/python3.13/site-packages/pip-24.3.1.dist-info/INSTALLER"] == nil)
        let again = Fixtures.run("pip install --no-cache-dir -U pip", on: r.filesystem)
        #expect(again.output.first == "Requirement already satisfied: pip in /usr/local/lib/python3.13/site-packages (25.0.1)")
    }

    @Test func pythonVersionFromTheImageEnv() {
        var tree = Fixtures.debianBase()
        tree.set("/usr/local/bin/python3", Fixtures.binary("python"))
        let r = Fixtures.run("pip install --no-cache-dir six", on: tree, env: Fixtures.debianEnv.merging(["PYTHON_VERSION": "3.12.8"]) { $1 })
        #expect(r.exitCode == 0)
        #expect(r.filesystem["/usr/local/lib/python3.12/site-packages/six/__init__.py"] != nil)
    }

    @Test func virtualenvGetsThePackages() {
        let venv = Fixtures.run("python -m venv /opt/venv", on: python)
        #expect(venv.filesystem["/opt/venv/pyvenv.cfg"] != nil)
        let env = ["PATH": "/opt/venv/bin:" + Fixtures.debianEnv["PATH", default: ""]]
        let r = Fixtures.run("pip install --no-cache-dir flask", on: venv.filesystem, env: env)
        #expect(r.exitCode == 0)
        #expect(r.filesystem["/opt/venv/lib/python3.13/site-packages/flask/__init__.py"] != nil)
        #expect(r.filesystem["/opt/venv/bin/flask"] != nil)
        #expect(!r.output.contains { $0.hasPrefix("WARNING: Running pip as the 'root' user") })
    }

    @Test func pythonDashMPip() {
        let r = Fixtures.run("python -m pip install --no-cache-dir six", on: python)
        #expect(r.output.contains("Successfully installed six-1.17.0"))
    }
}

@Suite struct NpmTests {
    let node = Fixtures.node()

    @Test func installReadsPackageJson() {
        var tree = node
        tree.set("/app/package.json", Fixtures.text(#"{"name": "web", "dependencies": {"express": "^4.21.0"}, "devDependencies": {"nodemon": "^3.0.0"}}"#))
        let r = Fixtures.run("npm install", on: tree, cwd: "/app")
        #expect(r.exitCode == 0)
        #expect(r.output.contains { $0.hasPrefix("added ") && $0.contains("packages, and audited") })
        #expect(r.filesystem["/app/node_modules/express/package.json"] != nil)
        #expect(r.filesystem["/app/node_modules/nodemon/package.json"] != nil)
        #expect(r.filesystem["/app/package-lock.json"] != nil)
        #expect(r.output.last == "found 0 vulnerabilities")
        let prod = Fixtures.run("npm install --omit=dev", on: tree, cwd: "/app")
        #expect(prod.filesystem["/app/node_modules/nodemon/package.json"] == nil)
    }

    @Test func ciNeedsALockfile() {
        var tree = node
        tree.set("/app/package.json", Fixtures.text(#"{"dependencies": {"lodash": "4"}}"#))
        let r = Fixtures.run("npm ci", on: tree, cwd: "/app")
        #expect(r.exitCode == 1)
        #expect(r.output.first == "npm error code EUSAGE")
        let installed = Fixtures.run("npm install && rm -rf node_modules && npm ci", on: tree, cwd: "/app")
        #expect(installed.exitCode == 0)
        #expect(installed.output.contains("added 1 package, and audited 2 packages in 1s"))
    }

    @Test func missingPackageJson() {
        let r = Fixtures.run("npm install", on: node, cwd: "/app")
        #expect(r.exitCode == 254)
        #expect(r.output.first == "npm error code ENOENT")
    }
}
