import Dockerfile
@testable import Engine
import Testing

@Suite struct ImageStoreTests {
    static let dockerfile = "FROM alpine:3.20\nRUN echo one\nCMD [\"sh\"]\n"

    @Test func tagUntagAndDanglingOnRetag() throws {
        var state = EngineState()
        let first = try build(&state, Self.dockerfile, files: [:], builder: .buildKit, tags: ["app:1", "app:latest"])
        let id = try #require(first.imageID)
        #expect(state.images.tags(of: id) == ["app:1", "app:latest"])
        try state.images.tag(source: "app:1", target: "registry.example.com/team/app:prod")
        #expect(state.images.resolve("registry.example.com/team/app:prod") == id)
        #expect(state.images.resolve("app") == id)
        #expect(state.images.resolve("docker.io/library/app:1") == id)
        #expect(state.images.resolve("MyApp") == nil)
        #expect(state.images.resolve(String(id.digest.hex.prefix(8))) == id)
        #expect(throws: TagError.noSuchImage("nope:latest")) { try state.images.tag(source: "nope", target: "x") }
        // Building something else under app:latest moves the tag; app:1 keeps the old image.
        let second = try build(&state, Self.dockerfile.replacingRun("echo one", with: "echo two"), files: [:], builder: .buildKit, tags: ["app:latest"])
        #expect(state.images.resolve("app:latest") == second.imageID)
        #expect(state.images.resolve("app:1") == id)
        #expect(!state.images.danglingImages.contains(id))
        _ = try state.images.remove("app:1")
        _ = try state.images.remove("registry.example.com/team/app:prod")
        #expect(state.images.images[id] == nil)
        #expect(state.checkInvariants() == [])
    }

    @Test func rmiSemantics() throws {
        var state = EngineState()
        let built = try build(&state, Self.dockerfile, files: [:], builder: .buildKit, tags: ["app:1", "app:2", "other:1"])
        let id = try #require(built.imageID)
        // By tag with other tags left: only untagged.
        #expect(try state.images.remove("app:2") == [.untagged("app:2")])
        // By ID with tags in several repositories: conflict unless forced.
        #expect(throws: ImageStoreError.conflict("unable to delete \(id.short) (must be forced) - image is referenced in multiple repositories")) {
            try state.images.remove(id.short)
        }
        // A container using it blocks removing the last reference of a repository name.
        state.images.untag("other:1")
        let use = [id: [ImageUse(containerID: "4c01db0b339c0000", running: false)]]
        #expect(throws: ImageStoreError.conflict("unable to remove repository reference \"app:1\" (must force) - container 4c01db0b339c is using its referenced image \(id.short)")) {
            try state.images.remove("app:1", containers: use)
        }
        let running = [id: [ImageUse(containerID: "4c01db0b339c0000", running: true)]]
        #expect(throws: ImageStoreError.conflict("unable to delete \(id.short) (cannot be forced) - image is being used by running container 4c01db0b339c")) {
            try state.images.remove(id.short, force: true, containers: running)
        }
        let layersBefore = state.images.layers.count
        let records = try state.images.remove("app:1")
        #expect(records.first == .untagged("app:1"))
        #expect(records.contains(.deleted(id.digest)))
        // The RUN layer is gone; alpine's base layer too, as no image uses it any more
        // (BuildKit does not add pulled bases to the image store).
        #expect(records.filter { if case .deleted = $0 { return true } else { return false } }.count == 1 + layersBefore)
        #expect(state.images.images.isEmpty)
        #expect(throws: ImageStoreError.noSuchImage("app:1")) { try state.images.remove("app:1") }
        #expect(state.checkInvariants() == [])
    }

    @Test func classicParentsAreDeletedWithTheImageAndBlockDeletion() throws {
        var state = EngineState()
        let built = try build(&state, Self.dockerfile, files: [:], builder: .classic, tags: ["app:1"])
        let id = try #require(built.imageID)
        let base = try #require(state.images.resolve("alpine:3.20"))
        #expect(state.images.tags(of: base) == ["alpine:3.20"])
        #expect(state.images.images[base]?.repoDigests.first?.hasPrefix("alpine@sha256:") == true)
        let runImage = try #require(state.images.images[id]?.parent)
        // An intermediate image with a child cannot go.
        #expect(throws: ImageStoreError.conflict("unable to delete \(runImage.short) (cannot be forced) - image has dependent child images")) {
            try state.images.remove(runImage.digest.hex, force: true)
        }
        #expect(state.images.untaggedImages().map(\.intermediate) == [true])
        let records = try state.images.remove("app:1")
        #expect(records.contains(.deleted(id.digest)))
        #expect(records.contains(.deleted(runImage.digest)))
        // The tagged base stays.
        #expect(state.images.images[base] != nil)
        #expect(!records.contains(.deleted(base.digest)))
        #expect(state.checkInvariants() == [])
        // The classic cache went with the images.
        let again = try build(&state, Self.dockerfile, files: [:], builder: .classic, tags: ["app:1"])
        #expect(again.cachedTexts.isEmpty)
    }

    @Test func buildKitCacheSurvivesRmiButNotBuilderPrune() throws {
        var state = EngineState()
        try build(&state, Self.dockerfile, files: [:], builder: .buildKit, tags: ["app:1"])
        _ = try state.images.remove("app:1")
        let again = try build(&state, Self.dockerfile, files: [:], builder: .buildKit, tags: ["app:1"])
        #expect(again.cachedTexts == ["RUN echo one"])
        #expect(again.pulls.isEmpty)
        let pruned = state.pruneBuildCache(all: true)
        #expect(!pruned.isEmpty)
        let third = try build(&state, Self.dockerfile, files: [:], builder: .buildKit, tags: ["app:1"])
        #expect(third.cachedTexts.isEmpty)
        #expect(third.pulls.map(\.name) == ["alpine:3.20"])
    }

    @Test func pruneDanglingAndAll() throws {
        var state = EngineState()
        let old = try build(&state, Self.dockerfile, files: [:], builder: .buildKit, tags: ["app:latest"])
        let new = try build(&state, Self.dockerfile.replacingRun("echo one", with: "echo two"), files: [:], builder: .buildKit, tags: ["app:latest"])
        let oldID = try #require(old.imageID)
        #expect(state.images.danglingImages == [oldID])
        let rows = state.images.listRows(all: false)
        #expect(rows.map(\.imageID) == [try #require(new.imageID), oldID])
        #expect(rows.last?.repository == nil && rows.last?.tag == nil)
        let report = state.images.prune(all: false)
        #expect(report.records.first == .deleted(oldID.digest))
        #expect(report.reclaimedBytes > 0)
        #expect(state.images.images[oldID] == nil)
        #expect(state.images.prune(all: false).records.isEmpty)
        let all = state.images.prune(all: true)
        #expect(all.records.contains(.untagged("app:latest")))
        #expect(state.images.images.isEmpty)
        #expect(state.checkInvariants() == [])
    }

    @Test(arguments: bothBuilders) func historyRowsAndMissingIDs(builder: BuilderKind) throws {
        var state = EngineState()
        let dockerfile = "FROM python:3.13-slim\nWORKDIR /app\nENV A=1\nCOPY app.py .\nRUN pip install flask\nEXPOSE 8000\nCMD python app.py\n"
        let built = try build(&state, dockerfile, files: ["app.py": "x"], builder: builder)
        let id = try #require(built.imageID)
        let rows = state.images.historyRows(of: id)
        let base = try state.catalog.lookup("python:3.13-slim").get()
        #expect(rows.count == base.config.history.count + 6)
        #expect(rows[0].imageID == id)
        let createdBy = rows.prefix(6).map(\.createdBy)
        if builder == .buildKit {
            #expect(createdBy == ["CMD [\"/bin/sh\" \"-c\" \"python app.py\"]", "EXPOSE [8000/tcp]", "RUN /bin/sh -c pip install flask # buildkit", "COPY app.py . # buildkit", "ENV A=1", "WORKDIR /app"])
            #expect(rows.dropFirst().allSatisfy { $0.imageID == nil })
            #expect(rows.prefix(6).allSatisfy { $0.comment == "buildkit.dockerfile.v0" })
        } else {
            let copyHash = fileDigest("x").hex
            #expect(createdBy == ["/bin/sh -c #(nop)  CMD [\"/bin/sh\" \"-c\" \"python app.py\"]", "/bin/sh -c #(nop)  EXPOSE 8000", "/bin/sh -c pip install flask", "/bin/sh -c #(nop) COPY file:\(copyHash) in . ", "/bin/sh -c #(nop)  ENV A=1", "/bin/sh -c #(nop) WORKDIR /app"])
            // Every built step and the base's top entry carry an ID, older ones are <missing>.
            #expect(rows.prefix(7).allSatisfy { $0.imageID != nil })
            #expect(rows[6].imageID == base.imageID)
            #expect(rows.dropFirst(7).allSatisfy { $0.imageID == nil })
            #expect(rows.prefix(6).allSatisfy { $0.comment.isEmpty })
        }
        let sizes = rows.prefix(6).map(\.size)
        #expect(sizes[2] == 250_000 + Int64("pip install flask\n".utf8.count))
        #expect(sizes[3] == 1)
        #expect(sizes[0] == 0 && sizes[1] == 0 && sizes[4] == 0)
    }

    @Test func systemDfCountsSharedLayersOnce() throws {
        var state = EngineState()
        try build(&state, "FROM python:3.13-slim\nRUN echo a\n", files: [:], builder: .classic, tags: ["a:1"])
        try build(&state, "FROM python:3.12-slim\nRUN echo b\n", files: [:], builder: .classic, tags: ["b:1"])
        let df = state.diskUsage()
        let p313 = try state.catalog.lookup("python:3.13-slim").get()
        let p312 = try state.catalog.lookup("python:3.12-slim").get()
        let shared = p313.layers[0].size
        #expect(p312.layers[0].diffID == p313.layers[0].diffID)
        #expect(df.images.size == p313.size + p312.size - shared + 2 * Int64("echo a\n".utf8.count))
        #expect(df.images.total == 4)
        #expect(df.images.reclaimable == df.images.size)
    }
}

@Suite struct PulledImageTests {
    @Test func rmiOfAPulledImageUntagsItsDigestToo() throws {
        var state = EngineState()
        try build(&state, "FROM python:3.13-slim\n", files: [:], builder: .classic, tags: [])
        let base = try state.catalog.lookup("python:3.13-slim").get()
        let id = try #require(state.images.resolve("python:3.13-slim"))
        #expect(id == base.imageID)
        let digestRef = "python@" + base.manifestDigest.digest.string
        #expect(state.images.images[id]?.repoDigests == [digestRef])
        #expect(state.images.resolve(digestRef) == id)
        let rows = state.images.listRows(all: false)
        #expect(rows.first?.digest == base.manifestDigest.digest.string)
        let records = try state.images.remove("python:3.13-slim")
        #expect(Array(records.prefix(3)) == [.untagged("python:3.13-slim"), .untagged(digestRef), .deleted(id.digest)])
        // Then one Deleted line per chain ID, top first.
        let chain = ChainID.chain(base.config.diffIDs)
        #expect(Array(records.dropFirst(3)) == chain.reversed().map { .deleted($0.digest) })
        #expect(state.images.layers.isEmpty && state.images.layerContents.isEmpty)
        #expect(state.checkInvariants() == [])
    }
}
