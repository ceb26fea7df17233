/// The base images a build can pull, shipped as data. Everything about them lives in this
/// file (`CatalogData`); the rest of the engine only asks `BaseImageCatalog` for a name.
///
/// Versions and dates are those current in mid-January 2025 (the fixed clock's start), so
/// `docker images` shows them a few weeks old. Layer counts follow the real images; sizes are
/// plausible uncompressed figures; each layer carries a small real skeleton (shells, core
/// tools, `/etc/os-release`, the language runtime) padded with one synthetic file to its size.

/// One image the catalog can serve.
public struct CatalogImage: Sendable {
    /// Familiar names that resolve to it (`python:3.13-slim`, …).
    public let names: [String]
    public let config: ImageConfig
    public let layers: [Layer]
    /// The manifest digest (sha256 of the deterministic manifest bytes below).
    public let manifestDigest: ManifestDigest
    /// The manifest these bytes hash (schema2 shape, deterministic).
    public let manifest: [UInt8]

    public var imageID: ImageID { config.imageID }
    public var size: Int64 { layers.reduce(0) { $0 + $1.size } }

    init(names: [String], config: ImageConfig, layers: [Layer]) {
        self.names = names
        self.config = config
        self.layers = layers
        let configBytes = config.canonicalJSON()
        var w = JSONWriter()
        w.object { o in
            o.member("schemaVersion") { $0.raw("2") }
            o.member("mediaType") { $0.string("application/vnd.docker.distribution.manifest.v2+json") }
            o.member("config") { w in
                w.object { c in
                    c.member("mediaType") { $0.string("application/vnd.docker.container.image.v1+json") }
                    c.member("size") { $0.raw(String(configBytes.count)) }
                    c.member("digest") { $0.string(Digest.sha256(configBytes).string) }
                }
            }
            o.member("layers") { w in
                w.raw("[")
                for (i, layer) in layers.enumerated() {
                    if i > 0 { w.raw(",") }
                    w.object { l in
                        l.member("mediaType") { $0.string("application/vnd.docker.image.rootfs.diff.tar.gzip") }
                        l.member("size") { $0.raw(String(layer.compressedSize)) }
                        l.member("digest") { $0.string(layer.blobDigest.digest.string) }
                    }
                }
                w.raw("]")
            }
        }
        self.manifest = w.bytes
        self.manifestDigest = ManifestDigest(Digest.sha256(w.bytes))
    }

    /// `repo@sha256:…` for one of its names.
    public func repoDigest(for name: String) -> String {
        FamiliarName.repository(FamiliarName.normalize(name)) + "@" + manifestDigest.digest.string
    }
}

/// Why a name is not in the catalog (so errors can say "not found" vs "access denied").
public enum CatalogLookupError: Error, Hashable, Sendable {
    /// The repository exists, the tag does not.
    case unknownTag(repository: String, tag: String)
    /// No such repository.
    case unknownRepository(String)
}

/// Looks up base images by familiar name.
public struct BaseImageCatalog: Sendable {
    /// The images and their name index; nil for the shipped catalog, which is built on first
    /// use (once per process) so that start-up does not hash every base image's layers.
    private let storage: Storage?

    struct Storage: Sendable {
        let images: [CatalogImage]
        let byName: [String: Int]

        init(images: [CatalogImage]) {
            self.images = images
            var byName: [String: Int] = [:]
            for (i, image) in images.enumerated() {
                for name in image.names { byName[name] = i }
            }
            self.byName = byName
        }
    }

    init(images: [CatalogImage]) {
        self.storage = Storage(images: images)
    }

    private init(shipped: Void) {
        self.storage = nil
    }

    private static let shipped = Storage(images: CatalogData.makeImages())

    private var contents: Storage { storage ?? Self.shipped }

    public var images: [CatalogImage] { contents.images }
    private var byName: [String: Int] { contents.byName }

    /// Whether this is the shipped catalog (without building it).
    var isShipped: Bool { storage == nil }

    /// The shipped catalog.
    public static let standard = BaseImageCatalog(shipped: ())

    /// `scratch` is not an image: `FROM scratch` starts from an empty filesystem.
    public static func isScratch(_ name: String) -> Bool { name == "scratch" }

    /// Resolves a name (`python:3.13-slim`, `python@sha256:…`, `docker.io/library/alpine`).
    public func lookup(_ name: String) -> Result<CatalogImage, CatalogLookupError> {
        let familiar = FamiliarName.normalize(name)
        if let at = familiar.firstIndex(of: "@") {
            let repo = String(familiar[..<at])
            let digest = String(familiar[familiar.index(after: at)...])
            if let image = images.first(where: { $0.manifestDigest.digest.string == digest && $0.names.contains { FamiliarName.repository($0) == repo } }) {
                return .success(image)
            }
            return .failure(repositories.contains(repo) ? .unknownTag(repository: repo, tag: digest) : .unknownRepository(repo))
        }
        if let i = byName[familiar] { return .success(images[i]) }
        let repo = FamiliarName.repository(familiar)
        if repositories.contains(repo) { return .failure(.unknownTag(repository: repo, tag: FamiliarName.tag(familiar) ?? "latest")) }
        return .failure(.unknownRepository(repo))
    }

    /// Repository names the catalog knows.
    public var repositories: Set<String> { Set(images.flatMap { $0.names.map(FamiliarName.repository) }) }
}

// MARK: - The data

enum CatalogData {
    static let buildkit = "buildkit.dockerfile.v0"

    /// A layer from explicit entries plus one synthetic padding file that brings the layer to
    /// `size` bytes.
    static func layer(_ entries: [(String, FileNode)], size: Int64, pad: String, seed: String) -> Layer {
        var tree = FileTree()
        var used: Int64 = 0
        for (path, node) in entries {
            tree.set(path, node)
            used += node.size
        }
        if size > used { tree.set(pad, .file(.synthetic(size: size - used, seed: seed + pad), mode: 0o644)) }
        return Layer(changes: tree)
    }

    static func bin(_ size: Int64, _ seed: String) -> FileNode { .file(.synthetic(size: size, seed: seed), mode: 0o755) }
    static func text(_ s: String, mode: UInt32 = 0o644) -> FileNode { .file(.text(s), mode: mode) }

    static func osRelease(pretty: String, name: String, versionID: String, version: String?, id: String, codename: String?, home: String, extra: [String] = []) -> String {
        var lines = ["PRETTY_NAME=\"\(pretty)\"", "NAME=\"\(name)\"", "VERSION_ID=\"\(versionID)\""]
        if let version { lines.append("VERSION=\"\(version)\"") }
        if let codename { lines.append("VERSION_CODENAME=\(codename)") }
        lines.append("ID=\(id)")
        lines.append(contentsOf: extra)
        lines.append("HOME_URL=\"\(home)\"")
        return lines.joined(separator: "\n") + "\n"
    }

    static let debianPasswd = """
        root:x:0:0:root:/root:/bin/bash
        daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
        bin:x:2:2:bin:/bin:/usr/sbin/nologin
        sys:x:3:3:sys:/dev:/usr/sbin/nologin
        www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin

        """
    static let debianGroup = """
        root:x:0:
        daemon:x:1:
        bin:x:2:
        sys:x:3:
        adm:x:4:
        tty:x:5:
        staff:x:50:
        www-data:x:33:
        users:x:100:
        nogroup:x:65534:

        """
    static let alpinePasswd = """
        root:x:0:0:root:/root:/bin/sh
        bin:x:1:1:bin:/bin:/sbin/nologin
        daemon:x:2:2:daemon:/sbin:/sbin/nologin
        nobody:x:65534:65534:nobody:/:/sbin/nologin

        """
    static let alpineGroup = """
        root:x:0:root
        bin:x:1:root,bin,daemon
        daemon:x:2:root,bin,daemon
        wheel:x:10:root
        users:x:100:games
        nogroup:x:65533:
        nobody:x:65534:

        """

    /// Core userland of a Debian/Ubuntu root filesystem.
    static func debianLike(osRelease: String, debianVersion: String?, seed: String) -> [(String, FileNode)] {
        var e: [(String, FileNode)] = [
            ("/bin", .directory()), ("/etc", .directory()), ("/home", .directory()), ("/root", .directory(mode: 0o700)),
            ("/tmp", .directory(mode: 0o1777)), ("/usr/local/bin", .directory()), ("/var/lib/apt/lists", .directory()),
            ("/bin/bash", bin(1_265_648, seed + "bash")), ("/bin/dash", bin(125_560, seed + "dash")), ("/bin/sh", .symlink("dash")),
            ("/bin/ls", bin(151_344, seed + "ls")), ("/bin/cat", bin(44_016, seed + "cat")), ("/bin/cp", bin(151_152, seed + "cp")),
            ("/bin/mv", bin(147_024, seed + "mv")), ("/bin/rm", bin(76_944, seed + "rm")), ("/bin/mkdir", bin(97_552, seed + "mkdir")),
            ("/bin/echo", bin(39_824, seed + "echo")), ("/bin/chmod", bin(64_496, seed + "chmod")), ("/bin/chown", bin(72_752, seed + "chown")),
            ("/bin/ln", bin(76_976, seed + "ln")), ("/bin/tar", bin(535_072, seed + "tar")), ("/bin/gzip", bin(98_136, seed + "gzip")),
            ("/usr/bin/env", bin(48_536, seed + "env")), ("/usr/bin/apt-get", bin(26_272, seed + "apt-get")), ("/usr/bin/dpkg", bin(318_232, seed + "dpkg")),
            ("/usr/sbin/useradd", bin(147_160, seed + "useradd")), ("/usr/sbin/groupadd", bin(84_576, seed + "groupadd")),
            ("/etc/os-release", text(osRelease)), ("/etc/passwd", text(debianPasswd)), ("/etc/group", text(debianGroup)),
            ("/etc/hostname", text("localhost\n")),
        ]
        if let debianVersion { e.append(("/etc/debian_version", text(debianVersion + "\n"))) }
        return e
    }

    static func alpineLike(version: String, seed: String) -> [(String, FileNode)] {
        let release = osRelease(pretty: "Alpine Linux v\(version.split(separator: ".").prefix(2).joined(separator: "."))", name: "Alpine Linux", versionID: version, version: nil, id: "alpine", codename: nil, home: "https://alpinelinux.org/", extra: [])
        var e: [(String, FileNode)] = [
            ("/bin", .directory()), ("/etc", .directory()), ("/home", .directory()), ("/root", .directory(mode: 0o700)),
            ("/tmp", .directory(mode: 0o1777)), ("/usr/local/bin", .directory()),
            ("/bin/busybox", bin(808_712, seed + "busybox")),
            ("/sbin/apk", bin(67_856, seed + "apk")),
            ("/etc/os-release", text(release)), ("/etc/alpine-release", text(version + "\n")),
            ("/etc/passwd", text(alpinePasswd)), ("/etc/group", text(alpineGroup)), ("/etc/hostname", text("localhost\n")),
        ]
        for tool in ["sh", "ls", "cat", "cp", "mv", "rm", "mkdir", "echo", "chmod", "chown", "ln", "tar", "gzip"] {
            e.append(("/bin/" + tool, .symlink("/bin/busybox")))
        }
        e.append(("/usr/bin/env", .symlink("/bin/busybox")))
        return e
    }

    static let debianPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    static let pythonPath = "PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    static func h(_ date: Timestamp, _ createdBy: String, empty: Bool = false, comment: String = buildkit) -> HistoryEntry {
        HistoryEntry(created: date, createdBy: createdBy, comment: comment, emptyLayer: empty)
    }

    static func makeImages() -> [CatalogImage] {
        // MARK: Shared base layers
        let bookwormDate = Timestamp.utc(2024, 12, 23)
        let bookwormRelease = osRelease(pretty: "Debian GNU/Linux 12 (bookworm)", name: "Debian GNU/Linux", versionID: "12", version: "12 (bookworm)", id: "debian", codename: "bookworm", home: "https://www.debian.org/", extra: ["SUPPORT_URL=\"https://www.debian.org/support\"", "BUG_REPORT_URL=\"https://bugs.debian.org/\""])
        let bookwormSlim = layer(debianLike(osRelease: bookwormRelease, debianVersion: "12.8", seed: "bookworm-slim"), size: 74_783_680, pad: "/usr/lib/x86_64-linux-gnu/libc.so.6", seed: "bookworm-slim")
        let bookwormFull = layer(debianLike(osRelease: bookwormRelease, debianVersion: "12.8", seed: "bookworm") + [("/usr/bin/perl", bin(3_926_872, "bookworm-perl"))], size: 116_542_320, pad: "/usr/lib/x86_64-linux-gnu/libc.so.6", seed: "bookworm")
        // Debian images record their rootfs as one debuerreotype entry.
        let debianEntry = { (_: Bool) in
            h(bookwormDate, "# debian.sh --arch 'amd64' out/ 'bookworm' '@1734912000'", comment: "debuerreotype 0.15")
        }
        let curlLayer = layer([("/usr/bin/curl", bin(289_048, "bpd-curl")), ("/usr/bin/wget", bin(528_232, "bpd-wget")), ("/usr/bin/gpg", bin(1_091_424, "bpd-gpg")), ("/etc/ssl/certs/ca-certificates.crt", bin(219_342, "bpd-ca"))], size: 23_586_816, pad: "/usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0", seed: "bpd-curl")
        let scmLayer = layer([("/usr/bin/git", bin(4_187_392, "bpd-git")), ("/usr/bin/ssh", bin(1_024_376, "bpd-ssh"))], size: 64_391_168, pad: "/usr/lib/git-core/git-remote-http", seed: "bpd-scm")
        let buildpackLayer = layer([("/usr/bin/gcc-12", bin(1_010_936, "bpd-gcc")), ("/usr/bin/make", bin(253_960, "bpd-make")), ("/usr/bin/g++-12", bin(1_014_912, "bpd-gxx"))], size: 688_144_384, pad: "/usr/lib/gcc/x86_64-linux-gnu/12/cc1", seed: "bpd-full")
        let bpdHistory: [HistoryEntry] = [
            debianEntry(false),
            h(bookwormDate, "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit"),
            h(bookwormDate, "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\t\t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit"),
        ]
        let bpdFullEntry = h(bookwormDate, "RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibffi-dev \t\tlibssl-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit")

        let alpine320Layer = layer(alpineLike(version: "3.20.5", seed: "alpine-3.20"), size: 7_797_760, pad: "/lib/ld-musl-x86_64.so.1", seed: "alpine-3.20")
        let alpine321Layer = layer(alpineLike(version: "3.21.2", seed: "alpine-3.21"), size: 7_834_624, pad: "/lib/ld-musl-x86_64.so.1", seed: "alpine-3.21")
        let alpine320Date = Timestamp.utc(2025, 1, 8, 12, 7, 30)
        let alpine321Date = Timestamp.utc(2025, 1, 8, 12, 7, 30)
        let alpineHistory = { (date: Timestamp, file: String) in [
            h(date, "ADD alpine-minirootfs-\(file)-x86_64.tar.gz / # buildkit"),
            h(date, "CMD [\"/bin/sh\"]", empty: true),
        ] }

        var images: [CatalogImage] = []

        // MARK: debian
        images.append(CatalogImage(
            names: ["debian:bookworm-slim"],
            config: ImageConfig(config: ContainerConfig(env: [debianPath], cmd: ["bash"]), created: bookwormDate,
                                history: [debianEntry(true), h(bookwormDate, "CMD [\"bash\"]", empty: true, comment: "")],
                                diffIDs: [bookwormSlim.diffID]),
            layers: [bookwormSlim]))

        // MARK: python
        func python(version: String, full: String, slim: Bool, date: Timestamp, pythonSize: Int64, names: [String]) -> CatalogImage {
            let mm = version
            let gpg = version == "3.13" ? "7169605F62C751356D054A26A821E680E5FA6305" : "7169605F62C751356D054A26A821E680E5FA6305"
            let depsLayer = slim
                ? layer([("/usr/share/zoneinfo/UTC", bin(114, "tz-utc")), ("/etc/ssl/certs/ca-certificates.crt", bin(219_342, "py-ca"))], size: 3_932_160, pad: "/usr/share/zoneinfo/tzdata.zi", seed: "py-slim-deps-" + version)
                : layer([("/usr/lib/x86_64-linux-gnu/libbluetooth.so.3", bin(203_424, "py-bt")), ("/usr/include/tk.h", bin(84_332, "py-tk"))], size: 18_874_368, pad: "/usr/lib/x86_64-linux-gnu/libtk8.6.so", seed: "py-full-deps-" + version)
            let pythonLayer = layer([
                ("/usr/local/bin/python\(mm)", bin(17_648, "python\(full)")),
                ("/usr/local/bin/pip\(mm)", text("#!/usr/local/bin/python\(mm)\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n", mode: 0o755)),
                ("/usr/local/bin/pip3", text("#!/usr/local/bin/python\(mm)\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n", mode: 0o755)),
                ("/usr/local/bin/pip", text("#!/usr/local/bin/python\(mm)\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n", mode: 0o755)),
                ("/usr/local/lib/libpython\(mm).so.1.0", bin(slim ? 29_712_104 : 31_220_304, "libpython\(full)")),
                ("/usr/local/lib/python\(mm)/site-packages/pip/__init__.py", text("from typing import List, Optional\n\n__version__ = \"24.3.1\"\n")),
            ], size: pythonSize, pad: "/usr/local/lib/python\(mm)/lib-dynload/_ssl.cpython-\(mm.filter { $0 != "." })-x86_64-linux-gnu.so", seed: "python-\(full)-\(slim)")
            let linksLayer = layer([
                ("/usr/local/bin/python3", .symlink("python\(mm)")), ("/usr/local/bin/python", .symlink("python3")),
                ("/usr/local/bin/pydoc", .symlink("pydoc3")), ("/usr/local/bin/idle", .symlink("idle3")),
                ("/usr/local/bin/python-config", .symlink("python3-config")),
            ], size: 0, pad: "", seed: "")
            let baseLayers = slim ? [bookwormSlim] : [bookwormFull, curlLayer, scmLayer, buildpackLayer]
            let baseHistory = slim ? [debianEntry(true), h(bookwormDate, "CMD [\"bash\"]", empty: true, comment: "")] : bpdHistory + [bpdFullEntry]
            let layers = baseLayers + [depsLayer, pythonLayer, linksLayer]
            let env = [pythonPath, "LANG=C.UTF-8", "GPG_KEY=\(gpg)", "PYTHON_VERSION=\(full)", "PYTHON_SHA256=" + Digest.sha256("Python-\(full).tar.xz").hex]
            let depsCmd = slim
                ? "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/* # buildkit"
                : "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibbluetooth-dev \t\ttk-dev \t\tuuid-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit"
            let history = baseHistory + [
                h(date, "ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", empty: true),
                h(date, "ENV LANG=C.UTF-8", empty: true),
                h(date, depsCmd),
                h(date, "ENV GPG_KEY=\(gpg)", empty: true),
                h(date, "ENV PYTHON_VERSION=\(full)", empty: true),
                h(date, "ENV PYTHON_SHA256=" + Digest.sha256("Python-\(full).tar.xz").hex, empty: true),
                h(date, "RUN /bin/sh -c set -eux; \t\tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tdpkg-dev \t\tgcc \t\tgnupg \t\tlibbluetooth-dev \t\tlibbz2-dev \t\tlibc6-dev \t\tlibdb-dev \t\tlibffi-dev \t\tlibgdbm-dev \t\tliblzma-dev \t\tlibncursesw5-dev \t\tlibreadline-dev \t\tlibsqlite3-dev \t\tlibssl-dev \t\tmake \t\ttk-dev \t\tuuid-dev \t\twget \t\txz-utils \t\tzlib1g-dev \t; \t\twget -O python.tar.xz \"https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz\"; \techo \"$PYTHON_SHA256 *python.tar.xz\" | sha256sum -c -; \tmake -j \"$nproc\"; \tmake install; \tpython3 --version; \tpip3 --version # buildkit"),
                h(date, "RUN /bin/sh -c set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst=\"$(echo \"$src\" | tr -d 3)\"; \t\t[ -s \"/usr/local/bin/$src\" ]; \t\t[ ! -e \"/usr/local/bin/$dst\" ]; \t\tln -svT \"$src\" \"/usr/local/bin/$dst\"; \tdone # buildkit"),
                h(date, "CMD [\"python3\"]", empty: true),
            ]
            return CatalogImage(names: names, config: ImageConfig(config: ContainerConfig(env: env, cmd: ["python3"]), created: date, history: history, diffIDs: layers.map(\.diffID)), layers: layers)
        }
        let pyDate = Timestamp.utc(2024, 12, 24, 4, 11, 38)
        images.append(python(version: "3.13", full: "3.13.1", slim: true, date: pyDate, pythonSize: 46_137_344, names: ["python:3.13-slim"]))
        images.append(python(version: "3.13", full: "3.13.1", slim: false, date: pyDate, pythonSize: 84_541_440, names: ["python:3.13"]))
        images.append(python(version: "3.12", full: "3.12.8", slim: true, date: pyDate.adding(seconds: 420), pythonSize: 45_875_200, names: ["python:3.12-slim"]))

        // MARK: alpine
        images.append(CatalogImage(names: ["alpine:3.20"], config: ImageConfig(config: ContainerConfig(env: [debianPath], cmd: ["/bin/sh"]), created: alpine320Date, history: alpineHistory(alpine320Date, "3.20.5"), diffIDs: [alpine320Layer.diffID]), layers: [alpine320Layer]))
        images.append(CatalogImage(names: ["alpine:latest", "alpine:3.21"], config: ImageConfig(config: ContainerConfig(env: [debianPath], cmd: ["/bin/sh"]), created: alpine321Date, history: alpineHistory(alpine321Date, "3.21.2"), diffIDs: [alpine321Layer.diffID]), layers: [alpine321Layer]))

        // MARK: ubuntu
        func ubuntu(version: String, full: String, codename: String, date: Timestamp, size: Int64, names: [String]) -> CatalogImage {
            let release = osRelease(pretty: "Ubuntu \(full)", name: "Ubuntu", versionID: version, version: "\(full) (\(codename.prefix(1).uppercased() + codename.dropFirst()) \(version == "24.04" ? "Numbat" : "Jellyfish"))", id: "ubuntu", codename: codename, home: "https://www.ubuntu.com/", extra: ["ID_LIKE=debian", "UBUNTU_CODENAME=\(codename)"])
            let rootfs = layer(debianLike(osRelease: release, debianVersion: nil, seed: "ubuntu-\(version)"), size: size, pad: "/usr/lib/x86_64-linux-gnu/libc.so.6", seed: "ubuntu-\(version)")
            let history = [
                h(date, "/bin/sh -c #(nop)  ARG RELEASE", empty: true, comment: ""),
                h(date, "/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH", empty: true, comment: ""),
                h(date, "/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu", empty: true, comment: ""),
                h(date, "/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=\(version)", empty: true, comment: ""),
                h(date, "/bin/sh -c #(nop) ADD file:" + Digest.sha256("ubuntu-\(full)-rootfs").hex + " in / ", comment: ""),
                h(date, "/bin/sh -c #(nop)  CMD [\"/bin/bash\"]", empty: true, comment: ""),
            ]
            return CatalogImage(names: names, config: ImageConfig(config: ContainerConfig(env: [debianPath], cmd: ["/bin/bash"], labels: ["org.opencontainers.image.ref.name": "ubuntu", "org.opencontainers.image.version": version]), created: date, history: history, diffIDs: [rootfs.diffID]), layers: [rootfs])
        }
        images.append(ubuntu(version: "24.04", full: "24.04.1 LTS", codename: "noble", date: Timestamp.utc(2024, 11, 19, 2, 57, 14), size: 78_135_296, names: ["ubuntu:24.04", "ubuntu:latest", "ubuntu:noble"]))
        images.append(ubuntu(version: "22.04", full: "22.04.5 LTS", codename: "jammy", date: Timestamp.utc(2024, 11, 19, 2, 51, 33), size: 77_856_768, names: ["ubuntu:22.04", "ubuntu:jammy"]))

        // MARK: node
        let nodeDate = Timestamp.utc(2024, 12, 4, 19, 2, 11)
        func nodeLayers(alpine: Bool) -> (layers: [Layer], history: [HistoryEntry]) {
            let user = layer([("/etc/passwd", text((alpine ? alpinePasswd : debianPasswd) + "node:x:1000:1000::/home/node:/bin/\(alpine ? "sh" : "bash")\n")), ("/etc/group", text((alpine ? alpineGroup : debianGroup) + "node:x:1000:\n")), ("/home/node", .directory(mode: 0o755, uid: 1000, gid: 1000))], size: 0, pad: "", seed: "")
            let node = layer([
                ("/usr/local/bin/node", bin(alpine ? 98_236_128 : 117_329_600, "node-22.12.0-\(alpine)")),
                ("/usr/local/bin/npm", .symlink("../lib/node_modules/npm/bin/npm-cli.js")),
                ("/usr/local/bin/npx", .symlink("../lib/node_modules/npm/bin/npx-cli.js")),
                ("/usr/local/bin/corepack", .symlink("../lib/node_modules/corepack/dist/corepack.js")),
                ("/usr/local/lib/node_modules/npm/package.json", text("{\n  \"name\": \"npm\",\n  \"version\": \"10.9.0\"\n}\n")),
            ], size: alpine ? 148_373_504 : 190_840_832, pad: "/usr/local/lib/node_modules/npm/node_modules.bundle", seed: "node-22-\(alpine)")
            let yarn = layer([("/opt/yarn-v1.22.22/bin/yarn.js", bin(5_282_304, "yarn-1.22.22")), ("/usr/local/bin/yarn", .symlink("/opt/yarn-v1.22.22/bin/yarn")), ("/usr/local/bin/yarnpkg", .symlink("/opt/yarn-v1.22.22/bin/yarnpkg"))], size: 5_394_432, pad: "/opt/yarn-v1.22.22/lib/cli.js", seed: "yarn-\(alpine)")
            let entry = layer([("/usr/local/bin/docker-entrypoint.sh", text("#!/bin/sh\nset -e\n\n# Run command with node if the first argument contains a \"-\" or is not a system command. The last\n# part inside the \"{}\" is a workaround for the following bug in ash/dash:\n# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264\nif [ \"${1#-}\" != \"${1}\" ] || [ -z \"$(command -v \"${1}\")\" ] || { [ -f \"${1}\" ] && ! [ -x \"${1}\" ]; }; then\n  set -- node \"$@\"\nfi\n\nexec \"$@\"\n", mode: 0o755))], size: 0, pad: "", seed: "")
            let history = [
                h(nodeDate, "RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit"),
                h(nodeDate, "ENV NODE_VERSION=22.12.0", empty: true),
                h(nodeDate, "RUN /bin/sh -c ARCH= && dpkgArch=\"$(dpkg --print-architecture)\"   && case \"${dpkgArch##*-}\" in     amd64) ARCH='x64';;   esac   && curl -fsSLO --compressed \"https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz\"   && tar -xJf \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\" -C /usr/local --strip-components=1 --no-same-owner   && ln -s /usr/local/bin/node /usr/local/bin/nodejs   && node --version   && npm --version # buildkit"),
                h(nodeDate, "ENV YARN_VERSION=1.22.22", empty: true),
                h(nodeDate, "RUN /bin/sh -c set -ex   && curl -fsSLO --compressed \"https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz\"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && yarn --version # buildkit"),
                h(nodeDate, "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit"),
                h(nodeDate, "ENTRYPOINT [\"docker-entrypoint.sh\"]", empty: true),
                h(nodeDate, "CMD [\"node\"]", empty: true),
            ]
            return ([user, node, yarn, entry], history)
        }
        let nodeEnv = [debianPath, "NODE_VERSION=22.12.0", "YARN_VERSION=1.22.22"]
        let nodeDebian = nodeLayers(alpine: false)
        let node22Layers = [bookwormFull, curlLayer, scmLayer, buildpackLayer] + nodeDebian.layers
        images.append(CatalogImage(names: ["node:22", "node:lts"], config: ImageConfig(config: ContainerConfig(env: nodeEnv, cmd: ["node"], entrypoint: ["docker-entrypoint.sh"]), created: nodeDate, history: bpdHistory + [bpdFullEntry] + nodeDebian.history, diffIDs: node22Layers.map(\.diffID)), layers: node22Layers))
        let nodeAlpine = nodeLayers(alpine: true)
        let nodeAlpineLayers = [alpine321Layer] + nodeAlpine.layers.dropFirst()
        let nodeAlpineHistory = alpineHistory(alpine321Date, "3.21.2") + nodeAlpine.history.dropFirst()
        images.append(CatalogImage(names: ["node:22-alpine", "node:lts-alpine"], config: ImageConfig(config: ContainerConfig(env: nodeEnv, cmd: ["node"], entrypoint: ["docker-entrypoint.sh"]), created: nodeDate, history: nodeAlpineHistory, diffIDs: nodeAlpineLayers.map(\.diffID)), layers: Array(nodeAlpineLayers)))

        // MARK: nginx
        let nginxDate = Timestamp.utc(2024, 11, 26, 18, 42, 8)
        func nginx(alpine: Bool) -> CatalogImage {
            let base = alpine ? alpine321Layer : bookwormSlim
            let main = layer([
                ("/usr/sbin/nginx", bin(alpine ? 1_417_512 : 1_520_408, "nginx-1.27.3-\(alpine)")),
                ("/etc/nginx/nginx.conf", text("\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n    sendfile        on;\n    keepalive_timeout  65;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n")),
                ("/etc/nginx/conf.d/default.conf", text("server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n")),
                ("/usr/share/nginx/html/index.html", text("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n")),
                ("/var/log/nginx/access.log", .symlink("/dev/stdout")), ("/var/log/nginx/error.log", .symlink("/dev/stderr")),
            ], size: alpine ? 36_044_800 : 113_246_208, pad: alpine ? "/usr/lib/libcrypto.so.3" : "/usr/lib/x86_64-linux-gnu/libcrypto.so.3", seed: "nginx-\(alpine)")
            let scripts: [(String, Int64)] = [("/docker-entrypoint.sh", 1_620), ("/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh", 2_125), ("/docker-entrypoint.d/15-local-resolvers.envsh", 389), ("/docker-entrypoint.d/20-envsubst-on-templates.sh", 3_018), ("/docker-entrypoint.d/30-tune-worker-processes.sh", 4_620)]
            let scriptLayers = scripts.map { layer([($0.0, bin($0.1, "nginx-script" + $0.0))], size: 0, pad: "", seed: "") }
            let layers = [base, main] + scriptLayers
            var history = alpine ? alpineHistory(alpine321Date, "3.21.2") : [debianEntry(true), h(bookwormDate, "CMD [\"bash\"]", empty: true, comment: "")]
            history += [
                h(nginxDate, "LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>", empty: true),
                h(nginxDate, "ENV NGINX_VERSION=1.27.3", empty: true),
                h(nginxDate, "ENV NJS_VERSION=0.8.7", empty: true),
                h(nginxDate, "ENV NJS_RELEASE=1\(alpine ? "" : "~bookworm")", empty: true),
                h(nginxDate, "ENV PKG_RELEASE=1\(alpine ? "" : "~bookworm")", empty: true),
                h(nginxDate, "ENV DYNPKG_RELEASE=1\(alpine ? "" : "~bookworm")", empty: true),
                h(nginxDate, alpine ? "RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx     && apk add --no-cache --virtual .nginx-rundeps $nginxPackages # buildkit" : "RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment \"nginx user\" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && apt-get install --no-install-recommends --no-install-suggests -y $nginxPackages gettext-base curl     && rm -rf /var/lib/apt/lists/* # buildkit"),
                h(nginxDate, "COPY docker-entrypoint.sh / # buildkit"),
                h(nginxDate, "COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit"),
                h(nginxDate, "COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit"),
                h(nginxDate, "COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit"),
                h(nginxDate, "COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit"),
                h(nginxDate, "ENTRYPOINT [\"/docker-entrypoint.sh\"]", empty: true),
                h(nginxDate, "EXPOSE map[80/tcp:{}]", empty: true),
                h(nginxDate, "STOPSIGNAL SIGQUIT", empty: true),
                h(nginxDate, "CMD [\"nginx\" \"-g\" \"daemon off;\"]", empty: true),
            ]
            let suffix = alpine ? "" : "~bookworm"
            let config = ContainerConfig(env: [debianPath, "NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7", "NJS_RELEASE=1\(suffix)", "PKG_RELEASE=1\(suffix)", "DYNPKG_RELEASE=1\(suffix)"], cmd: ["nginx", "-g", "daemon off;"], entrypoint: ["/docker-entrypoint.sh"], exposedPorts: ["80/tcp"], labels: ["maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"], stopSignal: "SIGQUIT")
            return CatalogImage(names: alpine ? ["nginx:alpine", "nginx:1.27-alpine"] : ["nginx:latest", "nginx:1.27"], config: ImageConfig(config: config, created: nginxDate, history: history, diffIDs: layers.map(\.diffID)), layers: layers)
        }
        images.append(nginx(alpine: false))
        images.append(nginx(alpine: true))

        // MARK: busybox
        let busyboxDate = Timestamp.utc(2024, 9, 26, 21, 31, 42)
        var busyboxFiles: [(String, FileNode)] = [("/bin/busybox", bin(1_131_168, "busybox-1.37.0")), ("/etc/passwd", text("root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n")), ("/etc/group", text("root:x:0:\ndaemon:x:1:\nbin:x:2:\nnobody:x:65534:\n")), ("/root", .directory(mode: 0o700)), ("/tmp", .directory(mode: 0o1777)), ("/home", .directory())]
        for tool in ["sh", "ls", "cat", "cp", "mv", "rm", "mkdir", "echo", "chmod", "chown", "ln", "tar", "env", "wget"] {
            // Hard links in the real image; symlinks keep sizes honest here.
            busyboxFiles.append(("/bin/" + tool, .symlink("busybox")))
        }
        let busyboxLayer = layer(busyboxFiles, size: 4_276_224, pad: "/lib/libc.so.6", seed: "busybox")
        images.append(CatalogImage(names: ["busybox:latest", "busybox:1.37"], config: ImageConfig(config: ContainerConfig(env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], cmd: ["sh"]), created: busyboxDate, history: [h(busyboxDate, "BusyBox 1.37.0 (glibc), Debian 12", comment: ""), h(busyboxDate, "CMD [\"sh\"]", empty: true, comment: "")], diffIDs: [busyboxLayer.diffID]), layers: [busyboxLayer]))

        // MARK: golang
        let goDate = Timestamp.utc(2024, 12, 3, 22, 48, 51)
        let gccLayer = layer([("/usr/bin/gcc-12", bin(1_010_936, "go-gcc")), ("/usr/bin/make", bin(253_960, "go-make")), ("/usr/bin/pkg-config", bin(64_992, "go-pkgconfig"))], size: 291_504_128, pad: "/usr/lib/gcc/x86_64-linux-gnu/12/cc1", seed: "golang-gcc")
        let goLayer = layer([("/usr/local/go/bin/go", bin(14_178_568, "go1.23.4")), ("/usr/local/go/bin/gofmt", bin(3_088_536, "gofmt1.23.4")), ("/usr/local/go/VERSION", text("go1.23.4\ntime 2024-11-27T20:27:21Z\n"))], size: 271_581_184, pad: "/usr/local/go/pkg/tool/linux_amd64/compile", seed: "golang-1.23.4")
        let gopathLayer = layer([("/go/src", .directory(mode: 0o1777)), ("/go/bin", .directory(mode: 0o1777))], size: 0, pad: "", seed: "")
        let workdirLayer = Layer.empty
        let goLayers = [bookwormFull, curlLayer, scmLayer, gccLayer, goLayer, gopathLayer, workdirLayer]
        let goHistory = bpdHistory + [
            h(goDate, "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tg++ \t\tgcc \t\tlibc6-dev \t\tmake \t\tpkg-config \t; \trm -rf /var/lib/apt/lists/* # buildkit"),
            h(goDate, "ENV GOLANG_VERSION=1.23.4", empty: true),
            h(goDate, "ENV GOTOOLCHAIN=local", empty: true),
            h(goDate, "ENV GOPATH=/go", empty: true),
            h(goDate, "ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", empty: true),
            h(goDate, "COPY /target/ / # buildkit"),
            h(goDate, "RUN /bin/sh -c mkdir -p \"$GOPATH/src\" \"$GOPATH/bin\" && chmod -R 1777 \"$GOPATH\" # buildkit"),
            h(goDate, "WORKDIR /go"),
        ]
        images.append(CatalogImage(names: ["golang:1.23", "golang:1.23-bookworm"], config: ImageConfig(config: ContainerConfig(env: ["PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOLANG_VERSION=1.23.4", "GOTOOLCHAIN=local", "GOPATH=/go"], cmd: ["bash"], workingDir: "/go"), created: goDate, history: goHistory, diffIDs: goLayers.map(\.diffID)), layers: goLayers))

        return images
    }
}
