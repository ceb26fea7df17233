import ImageReference

/// One repository of a registry: its tags and which manifests and blobs are linked into it.
/// Blobs themselves live once per registry (content-addressed), as in a real registry; a
/// repository only holds links, which is what makes cross-repository mounts possible.
public struct RegistryRepository: Hashable, Sendable {
    /// Tag -> manifest.
    public internal(set) var tags: [String: ManifestDigest] = [:]
    public internal(set) var manifests: Set<ManifestDigest> = []
    public internal(set) var blobs: Set<BlobDigest> = []
    /// Docker Hub official image (`library/...`), shown `[OK]` by `docker search`.
    public internal(set) var official = false

    public init() {}
}

/// Who may push to a simulated registry.
public enum RegistryPolicy: String, Hashable, Sendable {
    /// Docker Hub: a logged-in user may push only under their own namespace; `library/` is
    /// reserved for official images.
    case dockerHub
    /// Like a plain `registry:2` container: anyone may pull and push.
    case open
    /// Pushes need a logged-in account (any namespace); pulls are open.
    case loginRequired
}

/// A simulated account on one registry. The password is kept only as a digest.
public struct RegistryAccount: Hashable, Sendable {
    public let username: String
    let passwordDigest: Digest

    public init(username: String, password: String) {
        self.username = username
        self.passwordDigest = Digest.sha256("dockyard-account\n\(username)\n\(password)")
    }

    public func accepts(_ password: String) -> Bool {
        Digest.sha256("dockyard-account\n\(username)\n\(password)") == passwordDigest
    }
}

/// One simulated remote registry, addressed by host (`docker.io`, `localhost:5000`).
public struct Registry: Hashable, Sendable {
    public let host: String
    public var policy: RegistryPolicy
    /// Layer blobs by digest, shared by every repository of this registry.
    public internal(set) var blobs: [BlobDigest: Layer] = [:]
    public internal(set) var manifests: [ManifestDigest: RegistryManifest] = [:]
    /// Repository path (`library/python`, `user/app`) -> repository.
    public internal(set) var repositories: [String: RegistryRepository] = [:]
    public internal(set) var accounts: [String: RegistryAccount] = [:]

    public init(host: String, policy: RegistryPolicy) {
        self.host = host
        self.policy = policy
    }

    public var isDockerHub: Bool { host == Reference.defaultDomain }

    /// The URL the daemon's login probe uses (shown in `unauthorized` errors).
    public var loginProbeURL: String {
        isDockerHub ? "https://registry-1.docker.io/v2/" : "https://\(host)/v2/"
    }

    /// The manifest a tag or digest of a repository resolves to.
    public func manifest(repository path: String, tag: String?, digest: String?) -> RegistryManifest? {
        guard let repo = repositories[path] else { return nil }
        if let digest {
            guard let d = Digest(parsing: digest), repo.manifests.contains(ManifestDigest(d)) else { return nil }
            return manifests[ManifestDigest(d)]
        }
        guard let target = repo.tags[tag ?? Reference.defaultTag] else { return nil }
        return manifests[target]
    }

    /// Stores a manifest and its blobs under a repository (and a tag, if given).
    mutating func put(_ manifest: RegistryManifest, layers: [Layer], repository path: String, tag: String?) {
        for layer in layers where blobs[layer.blobDigest] == nil { blobs[layer.blobDigest] = layer }
        manifests[manifest.digest] = manifest
        var repo = repositories[path] ?? RegistryRepository()
        repo.manifests.insert(manifest.digest)
        for layer in layers { repo.blobs.insert(layer.blobDigest) }
        if let tag { repo.tags[tag] = manifest.digest }
        repositories[path] = repo
    }

    /// Links an existing blob into a repository (a cross-repository mount).
    mutating func link(_ blob: BlobDigest, into path: String) {
        repositories[path, default: RegistryRepository()].blobs.insert(blob)
    }

    /// The repository whose image shares the longest run of bottom layers with `blobs`: where
    /// an image built `FROM` it got its base layers, so the one a push mounts them from.
    func closestBase(of blobs: [BlobDigest], except path: String) -> String? {
        var best: (length: Int, path: String)?
        for (name, repo) in repositories where name != path {
            for digest in repo.manifests {
                guard let manifest = manifests[digest] else { continue }
                var n = 0
                while n < min(blobs.count, manifest.layers.count), manifest.layers[n].blobDigest == blobs[n] { n += 1 }
                guard n > 0 else { continue }
                if let current = best, n < current.length || (n == current.length && name > current.path) { continue }
                best = (n, name)
            }
        }
        return best?.path
    }

    /// Repositories (sorted) other than `path` that hold the blob.
    func repositories(holding blob: BlobDigest, except path: String) -> [String] {
        repositories.filter { $0.key != path && $0.value.blobs.contains(blob) }.map(\.key).sorted()
    }
}

/// Credentials the CLI keeps (what `~/.docker/config.json` holds), by server address.
public struct StoredCredential: Hashable, Sendable {
    public let username: String
    let password: String
}

/// Every simulated registry, the CLI's stored logins, and where local layers came from.
///
/// Docker Hub (`docker.io`) holds the base-image catalog under `library/`; any other host a
/// learner names is created empty on first use. Nothing here touches a network.
public struct RegistryStore: Equatable, Sendable {
    /// The server address the CLI files Docker Hub credentials under.
    public static let indexServer = "https://index.docker.io/v1/"
    /// Where the simulated CLI says it stores credentials.
    public static let configPath = "/root/.docker/config.json"

    /// Every registry by host.
    public internal(set) var registries: [String: Registry] {
        get { hubPending ? Self.addingStandardHub(to: storedRegistries) : storedRegistries }
        set {
            storedRegistries = newValue
            hubPending = false
        }
        _modify {
            if hubPending {
                storedRegistries = Self.addingStandardHub(to: storedRegistries)
                hubPending = false
            }
            yield &storedRegistries
        }
    }
    /// The registries, without the shipped Docker Hub while `hubPending`: that hub is built
    /// on first use (once per process), keeping it out of start-up.
    private var storedRegistries: [String: Registry]
    private var hubPending: Bool
    /// Server address (`https://index.docker.io/v1/` or a host) -> stored login.
    public internal(set) var credentials: [String: StoredCredential] = [:]
    /// Which registry repositories a local layer is known to be in (moby's V2 metadata
    /// service): a push mounts from there.
    public internal(set) var layerSources: [DiffID: [RegistryLocation]] = [:]
    /// The last pull or push, for lessons ("how long did that take, how much moved").
    public internal(set) var lastTransfer: TransferRecord?

    public init(catalog: BaseImageCatalog = .standard) {
        // The shipped catalog's Hub is built once per process and then shared (copy on
        // write), so lesson resets and undo snapshots do not rebuild it.
        if catalog.isShipped {
            self.storedRegistries = [:]
            self.hubPending = true
            return
        }
        let isStandard = catalog.images.map(\.manifestDigest) == BaseImageCatalog.standard.images.map(\.manifestDigest)
        let hub = isStandard ? Self.standardHub : Self.dockerHub(serving: catalog)
        self.storedRegistries = [hub.host: hub]
        self.hubPending = false
    }

    private static func addingStandardHub(to registries: [String: Registry]) -> [String: Registry] {
        var all = registries
        all[standardHub.host] = standardHub
        return all
    }

    /// Docker Hub holding a catalog's images under `library/`.
    static func dockerHub(serving catalog: BaseImageCatalog) -> Registry {
        var hub = Registry(host: Reference.defaultDomain, policy: .dockerHub)
        for image in catalog.images {
            let manifest = RegistryManifest(catalogImage: image)
            for name in image.names {
                guard let ref = try? Reference.parseNormalizedNamed(name) else { continue }
                hub.put(manifest, layers: image.layers, repository: ref.path, tag: ref.tag ?? Reference.defaultTag)
                hub.repositories[ref.path]?.official = true
            }
        }
        return hub
    }

    static let standardHub = dockerHub(serving: .standard)

    public static func == (a: RegistryStore, b: RegistryStore) -> Bool {
        a.credentials == b.credentials && a.layerSources == b.layerSources && a.lastTransfer == b.lastTransfer
            && a.registries == b.registries
    }

    /// The registry for a host, if it exists yet.
    public func registry(_ host: String) -> Registry? { registries[host] }

    /// Creates an empty registry for a host unless it exists. Returns whether it was created
    /// (the CLI then tells the learner it is simulated).
    @discardableResult
    public mutating func ensureRegistry(_ host: String, policy: RegistryPolicy = .open) -> Bool {
        if registries[host] != nil { return false }
        registries[host] = Registry(host: host, policy: policy)
        return true
    }

    /// Lesson set-up: an account on a registry (created if missing). A registry created here
    /// requires login to push unless it is Docker Hub.
    public mutating func createAccount(username: String, password: String, host: String = Reference.defaultDomain) {
        ensureRegistry(host, policy: .loginRequired)
        registries[host]?.accounts[username] = RegistryAccount(username: username, password: password)
    }

    /// Lesson set-up: changes who may push to a registry (created if missing).
    public mutating func setPolicy(_ policy: RegistryPolicy, host: String) {
        ensureRegistry(host, policy: policy)
        if host != Reference.defaultDomain { registries[host]?.policy = policy }
    }

    /// The CLI's credential key for a registry host.
    public static func serverAddress(forHost host: String) -> String {
        host == Reference.defaultDomain ? indexServer : host
    }

    /// The user logged in to a registry host, if any.
    public func loggedInUser(host: String) -> String? {
        credentials[Self.serverAddress(forHost: host)]?.username
    }

    /// A repository's tags, sorted (for `pull -a` and lesson checks).
    public func tags(host: String, repository path: String) -> [String] {
        registries[host]?.repositories[path]?.tags.keys.sorted() ?? []
    }

    mutating func recordSource(_ diffID: DiffID, _ location: RegistryLocation) {
        var list = layerSources[diffID] ?? []
        list.removeAll { $0 == location }
        list.insert(location, at: 0)
        layerSources[diffID] = Array(list.prefix(4))
    }
}

/// A repository on a registry.
public struct RegistryLocation: Hashable, Sendable {
    public let host: String
    public let repository: String
}

/// What the last transfer moved and how long it took on the virtual clock.
public struct TransferRecord: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case pull, push }
    public let kind: Kind
    /// Canonical reference (`docker.io/user/app:latest`).
    public let reference: String
    /// Compressed bytes actually sent or received.
    public let bytesTransferred: Int64
    /// Layers that moved.
    public let layersTransferred: Int
    /// Layers skipped because they were already there (`Already exists`, `Layer already
    /// exists`, `Mounted from …`).
    public let layersSkipped: Int
    public let seconds: Double
}

extension RegistryStore {
    /// Debug check: every tag names a stored manifest the repository links, every manifest's
    /// layers are stored blobs the repository links, every blob hashes to its layer.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        for (host, registry) in registries {
            for (path, repo) in registry.repositories {
                for (tag, digest) in repo.tags where !repo.manifests.contains(digest) {
                    problems.append("\(host)/\(path):\(tag) names a manifest the repository does not link")
                }
                for digest in repo.manifests {
                    guard let manifest = registry.manifests[digest] else {
                        problems.append("\(host)/\(path) links missing manifest \(digest)")
                        continue
                    }
                    for layer in manifest.layers {
                        if registry.blobs[layer.blobDigest] == nil { problems.append("\(host): manifest \(digest.digest.short) uses missing blob \(layer.blobDigest)") }
                        if !repo.blobs.contains(layer.blobDigest) { problems.append("\(host)/\(path) does not link blob \(layer.blobDigest.digest.short)") }
                    }
                }
            }
            for (digest, layer) in registry.blobs where layer.blobDigest != digest {
                problems.append("\(host): blob \(digest.digest.short) holds another layer")
            }
        }
        return problems
    }
}
