import Dockerfile
@testable import Engine
import ImageReference
import Testing

/// Registry behaviour at the engine level: manifests, pull, push, accounts, round trips.
struct RegistryTests {
    static func ref(_ s: String) throws -> NamedReference {
        try Reference.parseNormalizedNamed(s).tagNameOnly
    }

    /// Builds `FROM python:3.13-slim` + one COPY (BuildKit) and tags it `tag`.
    static func builtApp(_ state: inout EngineState, tag: String = "alice/app:1.0", text: String = "print('hi')\n") throws -> ImageID {
        let dockerfile = "FROM python:3.13-slim\nWORKDIR /app\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n"
        var files = FileTree()
        files.set("/Dockerfile", .file(.text(dockerfile)))
        files.set("/app.py", .file(.text(text)))
        let result = state.build(try parseDockerfile(dockerfile), context: BuildContext(workspace: files), options: BuildOptions(tags: [tag]))
        let id = try #require(result.imageID)
        #expect(state.checkInvariants() == [])
        return id
    }

    // MARK: manifests

    @Test func pushedManifestSizeFollowsTheFormula() {
        let layers = [Layer(changes: FileTree(entries: ["/a": .file(.synthetic(size: 12_000_000, seed: "a"))])), Layer.empty, Layer(changes: FileTree(entries: ["/b": .file(.text("b"))]))]
        let config = ImageConfig(created: SimulatedClock.fixedStart, history: layers.map { _ in HistoryEntry(created: SimulatedClock.fixedStart, createdBy: "x") }, diffIDs: layers.map(\.diffID))
        let manifest = RegistryManifest(config: config, layers: layers)
        func digits(_ n: Int64) -> Int { String(n).count }
        let expected = 313 + digits(Int64(manifest.configSize)) + layers.reduce(0) { $0 + 204 + digits($1.compressedSize) }
        #expect(manifest.bytes.count == expected)
        #expect(manifest.digest.digest == Digest.sha256(manifest.bytes))
        #expect(manifest.configDigest == config.imageID.digest)
    }

    @Test func theDocumentedExampleSizeIs528() {
        // 1 layer, 4-digit config, 7-digit layer (docker-behavior.md §7).
        let layer = Layer(changes: FileTree(entries: ["/a": .file(.synthetic(size: 3_000_000, seed: "x"))]))
        #expect(String(layer.compressedSize).count == 7)
        var config = ImageConfig(created: SimulatedClock.fixedStart, history: [HistoryEntry(created: SimulatedClock.fixedStart, createdBy: "x")], diffIDs: [layer.diffID])
        config.config.env = [String(repeating: "E", count: 1200)]
        let manifest = RegistryManifest(config: config, layers: [layer])
        #expect(String(manifest.configSize).count == 4)
        #expect(manifest.bytes.count == 528)
    }

    @Test func dockerHubServesTheCatalogWithItsDigests() throws {
        let state = EngineState()
        let hub = try #require(state.registries.registry("docker.io"))
        for image in state.catalog.images {
            for name in image.names {
                let r = try Self.ref(name)
                let manifest = try #require(hub.manifest(repository: r.path, tag: r.tag, digest: nil))
                #expect(manifest.digest == image.manifestDigest)
                #expect(manifest.imageID == image.imageID)
                #expect(hub.repositories[r.path]?.official == true)
            }
        }
        // Blobs are stored once per registry even when many repositories share them.
        let allLayers = Set(state.catalog.images.flatMap { $0.layers.map(\.blobDigest) })
        #expect(hub.blobs.count == allLayers.count)
    }

    // MARK: pull

    @Test func pullAddsTheImageTagAndRepoDigestAndAdvancesTheClock() throws {
        var state = EngineState()
        let before = state.clock.now
        let report = try state.pull(Self.ref("python:3.13-slim"))
        let image = try state.catalog.lookup("python:3.13-slim").get()
        #expect(state.images.tags["python:3.13-slim"] == image.imageID)
        #expect(state.images.images[image.imageID]?.repoDigests == ["python@" + image.manifestDigest.digest.string])
        #expect(report.downloadedAny)
        let bytes = image.layers.reduce(Int64(0)) { $0 + $1.compressedSize }
        #expect(state.registries.lastTransfer?.bytesTransferred == bytes)
        #expect(abs(state.clock.now.secondsSince1970 - before.secondsSince1970 - report.seconds) < 1e-3)
        #expect(report.seconds > Double(bytes) / TransferSchedule.downloadBandwidth)
        #expect(state.checkInvariants() == [])
    }

    @Test func sharedBaseLayersAreNotDownloadedAgainAndCostNothing() throws {
        var state = EngineState()
        _ = try state.pull(Self.ref("debian:bookworm-slim"))
        let second = try state.pull(Self.ref("nginx:1.27"))
        let nginx = try state.catalog.lookup("nginx:1.27").get()
        let events = try #require(second.blocks.first?.events)
        #expect(events.first == TransferEvent(layerID: nginx.layers[0].blobDigest.digest.short, status: "Already exists"))
        #expect(state.registries.lastTransfer?.layersSkipped == 1)
        let fetched = nginx.layers.dropFirst().reduce(Int64(0)) { $0 + $1.compressedSize }
        #expect(state.registries.lastTransfer?.bytesTransferred == fetched)

        // The same pull into an empty engine takes longer by the shared layer's transfer.
        var fresh = EngineState()
        let cold = try fresh.pull(Self.ref("nginx:1.27"))
        #expect(cold.seconds > second.seconds)
    }

    @Test func pullingAnImageAlreadyHeldIsUpToDateWithNoLayerLines() throws {
        var state = EngineState()
        _ = try state.pull(Self.ref("alpine:3.21"))
        let again = try state.pull(Self.ref("alpine:latest"))
        #expect(!again.downloadedAny)
        #expect(again.blocks.first?.events == [])
        #expect(state.images.tags["alpine:latest"] == state.images.tags["alpine:3.21"])
    }

    @Test func pullErrorsAreDockers() {
        var state = EngineState()
        #expect(throws: RegistryError.pullAccessDenied(repository: "nosuchimage")) { try state.pull(Self.ref("nosuchimage")) }
        #expect(throws: RegistryError.manifestUnknown(reference: "python:3.99")) { try state.pull(Self.ref("python:3.99")) }
        #expect(throws: RegistryError.manifestUnknown(reference: "localhost:5000/app:latest")) { try state.pull(Self.ref("localhost:5000/app")) }
        #expect(state.registries.registry("localhost:5000") != nil)
        #expect(state.images.images.isEmpty)
    }

    @Test func pullAllTagsGetsEveryTagOfTheRepository() throws {
        var state = EngineState()
        let named = try Reference.parseNormalizedNamed("alpine")
        let report = try state.pull(named, allTags: true)
        #expect(report.blocks.map(\.tagOrDigest) == ["3.20", "3.21", "latest"])
        #expect(Set(["alpine:3.20", "alpine:3.21", "alpine:latest"]).isSubset(of: Set(state.images.tags.keys)))
        #expect(report.canonicalName == "docker.io/library/alpine")
    }

    // MARK: transfer schedule

    @Test func smallTransfersFinishFirstAndLimitsQueueTheRest() {
        let t = TransferSchedule.finishTimes(sizes: [40_000_000, 1_000, 1_000, 1_000], bandwidth: 1_000_000, maxConcurrent: 3)
        #expect(t[1] < t[0] && t[2] < t[0])
        #expect(t[3] > t[1]) // queued behind the first three
        #expect(t[0] > 40 - 0.01 && t[0] < 40.01) // the link is saturated throughout
        #expect(TransferSchedule.finishTimes(sizes: [10, nil], bandwidth: 0, maxConcurrent: 0) == [0, TransferSchedule.blobRequest])
        #expect(TransferSchedule.finishTimes(sizes: [], bandwidth: 1, maxConcurrent: 1) == [])
        let requests = TransferSchedule.finishTimes(sizes: [nil, nil], bandwidth: 1, maxConcurrent: 5)
        #expect(requests == [TransferSchedule.blobRequest, TransferSchedule.blobRequest])
    }

    // MARK: accounts

    @Test func firstLoginCreatesTheAccountThenThePasswordIsChecked() throws {
        var state = EngineState()
        let first = try state.login(host: "docker.io", username: "alice", password: "s3cret")
        #expect(first.createdAccount)
        #expect(state.storedLogin(host: "docker.io") == "alice")
        #expect(throws: RegistryError.unauthorized(url: "https://registry-1.docker.io/v2/")) {
            try state.login(host: "docker.io", username: "alice", password: "nope")
        }
        #expect(try state.login(host: "docker.io", username: "alice", password: "s3cret").createdAccount == false)
        state.logout(host: "docker.io")
        #expect(state.storedLogin(host: "docker.io") == nil)
        #expect(throws: RegistryError.unauthorized(url: "https://registry-1.docker.io/v2/")) {
            try state.login(host: "docker.io", username: "Bob", password: "x")
        }
        #expect(throws: RegistryError.noSuchHost(url: "https://foo/v2/", host: "foo")) {
            try state.login(host: "foo", username: "bob", password: "x")
        }
    }

    @Test func lessonsCanPreCreateAccounts() throws {
        var state = EngineState()
        state.registries.createAccount(username: "teacher", password: "pw", host: "registry.example.com")
        #expect(state.registries.registry("registry.example.com")?.policy == .loginRequired)
        #expect(throws: RegistryError.unauthorized(url: "https://registry.example.com/v2/")) {
            try state.login(host: "registry.example.com", username: "teacher", password: "wrong")
        }
        #expect(try state.login(host: "registry.example.com", username: "teacher", password: "pw").createdAccount == false)
        #expect(state.storedLoginIsValid(host: "registry.example.com"))
        state.registries.createAccount(username: "teacher", password: "changed", host: "registry.example.com")
        #expect(!state.storedLoginIsValid(host: "registry.example.com"))
    }

    @Test func serverArgumentsNameHosts() {
        #expect(EngineState.registryHost(forServer: nil) == "docker.io")
        #expect(EngineState.registryHost(forServer: "https://index.docker.io/v1/") == "docker.io")
        #expect(EngineState.registryHost(forServer: "registry-1.docker.io") == "docker.io")
        #expect(EngineState.registryHost(forServer: "https://localhost:5000/v2/") == "localhost:5000")
    }

    // MARK: push

    @Test func pushMountsBaseLayersUploadsTheRestAndRecordsTheRepoDigest() throws {
        var state = EngineState()
        let id = try Self.builtApp(&state)
        _ = try state.login(host: "docker.io", username: "alice", password: "pw")
        let report = try state.push(Self.ref("alice/app:1.0"))
        #expect(report.error == nil)
        let block = try #require(report.blocks.first)
        let python = try state.catalog.lookup("python:3.13-slim").get()
        let pythonIDs = Set(python.layers.map(\.diffID.digest.short))
        let statuses = Dictionary(block.events.filter { $0.status != "Preparing" && $0.status != "Waiting" }.map { ($0.layerID, $0.status) }, uniquingKeysWith: { a, _ in a })
        for layerID in pythonIDs { #expect(statuses[layerID] == "Mounted from library/python") }
        #expect(statuses.values.contains("Pushed"))
        // Preparing comes first, top layer first.
        let layers = state.images.layers(of: id)
        #expect(block.events.first == TransferEvent(layerID: layers.last?.diffID.digest.short ?? "", status: "Preparing"))
        #expect(state.images.images[id]?.repoDigests == ["alice/app@" + block.digest.digest.string])
        let hub = try #require(state.registries.registry("docker.io"))
        #expect(hub.repositories["alice/app"]?.tags["1.0"] == block.digest)
        #expect(hub.manifests[block.digest]?.bytes.count == block.size)

        // Again: every layer is already in the repository.
        let again = try state.push(Self.ref("alice/app:1.0"))
        let results = again.blocks.first?.events.filter { $0.status != "Preparing" && $0.status != "Waiting" }.map(\.status)
        #expect(results?.allSatisfy { $0 == "Layer already exists" } == true)
        #expect(again.blocks.first?.digest == block.digest)
        #expect(state.checkInvariants() == [])
    }

    @Test func pushIsDeniedWithoutLoginInOtherNamespacesAndInLibrary() throws {
        var state = EngineState()
        _ = try Self.builtApp(&state)
        state.images.setTag("bob/app:1.0", to: try #require(state.images.tags["alice/app:1.0"]))
        state.images.setTag("app:1.0", to: try #require(state.images.tags["alice/app:1.0"]))
        let notLoggedIn = try state.push(Self.ref("alice/app:1.0"))
        #expect(notLoggedIn.error == .pushDenied)
        #expect(notLoggedIn.deniedEvents.allSatisfy { $0.status == "Preparing" || $0.status == "Waiting" })
        _ = try state.login(host: "docker.io", username: "alice", password: "pw")
        #expect(try state.push(Self.ref("bob/app:1.0")).error == .pushDenied)
        #expect(try state.push(Self.ref("app:1.0")).error == .pushDenied)
        #expect(throws: RegistryError.noLocalImage(repository: "carol/app")) { try state.push(Self.ref("carol/app")) }
        #expect(throws: RegistryError.tagDoesNotExist(reference: "alice/app:2.0")) { try state.push(Self.ref("alice/app:2.0")) }
        #expect(state.registries.registry("docker.io")?.repositories["alice/app"] == nil)
    }

    @Test func otherRegistriesAreOpenUnlessTheyRequireLogin() throws {
        var state = EngineState()
        _ = try Self.builtApp(&state, tag: "localhost:5000/app:1.0")
        let report = try state.push(Self.ref("localhost:5000/app:1.0"))
        #expect(report.error == nil)
        // A fresh registry holds nothing to mount from: every layer is uploaded.
        #expect(report.blocks.first?.events.contains { $0.status.hasPrefix("Mounted") } == false)
        state.registries.setPolicy(.loginRequired, host: "localhost:5000")
        #expect(try state.push(Self.ref("localhost:5000/app:1.0")).error == .pushDenied)
    }

    // MARK: round trip

    @Test func buildTagPushRemovePullGivesBackTheSameImage() throws {
        var state = EngineState()
        let id = try Self.builtApp(&state, tag: "myapp:latest")
        let diffIDs = try #require(state.images.images[id]).config.diffIDs
        try state.images.tag(source: "myapp", target: "localhost:5000/alice/myapp:1.0")
        _ = try state.login(host: "localhost:5000", username: "alice", password: "pw")
        let pushed = try state.push(Self.ref("localhost:5000/alice/myapp:1.0"))
        #expect(pushed.error == nil)
        _ = try state.images.remove("myapp:latest")
        _ = try state.images.remove("localhost:5000/alice/myapp:1.0")
        #expect(state.images.images[id] == nil)
        let pulled = try state.pull(Self.ref("localhost:5000/alice/myapp:1.0"))
        #expect(pulled.blocks.first?.imageID == id)
        #expect(pulled.blocks.first?.digest == pushed.blocks.first?.digest)
        #expect(state.images.tags["localhost:5000/alice/myapp:1.0"] == id)
        #expect(state.images.images[id]?.config.diffIDs == diffIDs)
        #expect(state.images.layers(of: id).map(\.diffID) == diffIDs)
        #expect(state.checkInvariants() == [])
    }

    // MARK: reference lookup (docker tag)

    @Test func lookupFollowsTheDaemonsOrder() throws {
        var state = EngineState()
        let id = try Self.builtApp(&state, tag: "myapp:latest")
        #expect(try state.images.lookup("myapp").get() == id)
        #expect(try state.images.lookup("docker.io/library/myapp:latest").get() == id)
        #expect(try state.images.lookup(id.digest.string).get() == id)
        #expect(try state.images.lookup(id.digest.hex).get() == id)
        #expect(try state.images.lookup(String(id.digest.hex.prefix(6))).get() == id)
        #expect(state.images.lookup("nosuch") == .failure(.noSuchImage("nosuch:latest")))
        #expect(state.images.lookup("MyApp") == .failure(.invalidReference(.repositoryNameNotLowercase("library/MyApp"))))
    }

    @Test func tagChecksTheTargetAsTheCLIDoes() throws {
        var state = EngineState()
        let id = try Self.builtApp(&state, tag: "myapp:latest")
        try state.images.tag(source: String(id.digest.hex.prefix(12)), target: "registry.example.com/team/myapp")
        #expect(state.images.tags["registry.example.com/team/myapp:latest"] == id)
        #expect(throws: TagError.digestTarget) {
            try state.images.tag(source: "myapp", target: "x@sha256:" + String(repeating: "a", count: 64))
        }
        #expect(throws: TagError.noSuchImage("nosuch:latest")) { try state.images.tag(source: "nosuch", target: "x") }
        do {
            try state.images.tag(source: "myapp", target: "MyApp")
            Issue.record("tagging as MyApp should fail")
        } catch {
            #expect(error.description == "Error parsing reference: \"MyApp\" is not a valid repository/tag: invalid reference format: repository name (library/MyApp) must be lowercase")
        }
    }

    // MARK: FROM goes through the registries

    @Test func fromPullsALearnersPushedImage() throws {
        var state = EngineState()
        let base = try Self.builtApp(&state, tag: "localhost:5000/base:1")
        _ = try state.push(Self.ref("localhost:5000/base:1"))
        _ = try state.images.remove("localhost:5000/base:1")
        let dockerfile = "FROM localhost:5000/base:1\nCOPY extra.txt /extra.txt\n"
        var files = FileTree()
        files.set("/Dockerfile", .file(.text(dockerfile)))
        files.set("/extra.txt", .file(.text("more\n")))
        let result = state.build(try parseDockerfile(dockerfile), context: BuildContext(workspace: files), options: BuildOptions(tags: ["child:latest"]))
        let child = try #require(result.imageID)
        let baseDiffIDs = try state.registries.baseImage("localhost:5000/base:1").get().config.diffIDs
        #expect(Array(try #require(state.images.images[child]).config.diffIDs.prefix(baseDiffIDs.count)) == baseDiffIDs)
        #expect(try state.registries.baseImage("localhost:5000/base:1").get().imageID == base)
        #expect(state.checkInvariants() == [])
    }

    @Test func fromStillResolvesEveryCatalogNameAsBefore() throws {
        let state = EngineState()
        for image in state.catalog.images {
            for name in image.names {
                let served = try state.registries.baseImage(name).get()
                #expect(served.imageID == image.imageID)
                #expect(served.manifestDigest == image.manifestDigest)
                #expect(served.repoDigest(for: name) == image.repoDigest(for: name))
            }
        }
        #expect(throws: CatalogLookupError.unknownTag(repository: "python", tag: "3.99")) { try state.registries.baseImage("python:3.99").get() }
        #expect(throws: CatalogLookupError.unknownRepository("nosuch")) { try state.registries.baseImage("nosuch").get() }
    }

    @Test func classicBuiltImagesSurviveTheRoundTrip() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.21\nCOPY app.py /app/\nCMD [\"sh\"]\n"
        var files = FileTree()
        files.set("/Dockerfile", .file(.text(dockerfile)))
        files.set("/app.py", .file(.text("x\n")))
        let result = state.build(try parseDockerfile(dockerfile), context: BuildContext(workspace: files), options: BuildOptions(builder: .classic, tags: ["localhost:5000/classic:1"]))
        let id = try #require(result.imageID)
        _ = try state.push(Self.ref("localhost:5000/classic:1"))
        _ = try state.images.remove("localhost:5000/classic:1")
        let pulled = try state.pull(Self.ref("localhost:5000/classic:1"))
        #expect(pulled.blocks.first?.imageID == id)
        // The config still names the deleted step image; the local parent link does not.
        let image = try #require(state.images.images[id])
        #expect(image.config.parent != nil)
        #expect(image.parent == nil)
        #expect(state.checkInvariants() == [])
    }

    @Test func classicStepsAndCommitsRecordALocalParentLink() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.21\nCOPY app.py /app/\n"
        var files = FileTree()
        files.set("/Dockerfile", .file(.text(dockerfile)))
        files.set("/app.py", .file(.text("x\n")))
        let result = state.build(try parseDockerfile(dockerfile), context: BuildContext(workspace: files), options: BuildOptions(builder: .classic, tags: ["classic:1"]))
        let id = try #require(result.imageID)
        let image = try #require(state.images.images[id])
        #expect(image.parent != nil)
        #expect(image.parent == image.config.parent)
        #expect(state.images.children[try #require(image.parent)]?.contains(id) == true)
    }

    @Test func lessonsCanSeedARegistryWithAnImage() throws {
        var state = EngineState()
        let id = try Self.builtApp(&state, tag: "team/base:1")
        let seeded = state.seedRegistry(try Self.ref("registry.example.com/team/base:1"), with: id)
        let digest = try #require(seeded)
        _ = try state.images.remove("team/base:1")
        let report = try state.pull(Self.ref("registry.example.com/team/base:1"))
        #expect(report.blocks.first?.digest == digest)
        #expect(report.blocks.first?.imageID == id)
        #expect(state.registries.tags(host: "registry.example.com", repository: "team/base") == ["1"])
        let missing = state.seedRegistry(try Self.ref("x/y"), with: ImageID(Digest.sha256("nothing")))
        #expect(missing == nil)
        #expect(state.checkInvariants() == [])
    }
}
