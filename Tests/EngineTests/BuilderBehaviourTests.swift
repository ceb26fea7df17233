import Dockerfile
@testable import Engine
import Testing

@Suite struct BuilderBehaviourTests {
    @Test(arguments: bothBuilders) func aFailedBuildKeepsWhatCompletedButMovesNoTag(builder: BuilderKind) throws {
        var state = EngineState()
        let good = "FROM alpine:3.20\nRUN echo ok\n"
        try build(&state, good, files: [:], builder: builder, tags: ["app:1"])
        let before = state
        let failing = try build(&state, "FROM alpine:3.20\nRUN echo ok\nRUN echo more\nRUN false\n", files: [:], builder: builder, tags: ["app:1"])
        let failure = try #require(failing.failure)
        #expect(failing.imageID == nil)
        #expect(state.images.resolve("app:1") == before.images.resolve("app:1"))
        #expect(state.images.tags == before.images.tags)
        #expect(failure.range == SourceRange(startLine: 4, endLine: 4))
        if builder == .buildKit {
            #expect(failure.message == "process \"/bin/sh -c false\" did not complete successfully: exit code: 1")
            #expect(failure.exitStatus == 1)
            // No image is made; the finished steps are in BuildKit's cache.
            #expect(state.images == before.images)
            #expect(state.buildKitCache != before.buildKitCache)
        } else {
            #expect(failure.message == "The command '/bin/sh -c false' returned a non-zero code: 1")
            #expect(failure.isClassicCommandFailure)
            // The classic cache is intermediate images: `RUN echo more` left one (dangling
            // only under `docker images -a`), BuildKit's cache is not touched.
            #expect(state.images.images.count == before.images.images.count + 1)
            #expect(state.buildKitCache == before.buildKitCache)
        }
        #expect(state.checkInvariants() == [])
        // Fixing the failing line reuses every step before it.
        let retry = try build(&state, "FROM alpine:3.20\nRUN echo ok\nRUN echo more\nRUN true\n", files: [:], builder: builder, tags: ["app:1"])
        #expect(retry.cachedTexts == ["RUN echo ok", "RUN echo more"])
        #expect(retry.succeeded)
        let exitCode = try build(&state, "FROM alpine:3.20\nRUN exit 3\n", files: [:], builder: builder)
        #expect(exitCode.failure?.exitStatus == (builder == .classic ? 3 : 1))
    }

    @Test(arguments: bothBuilders) func failureKeepsImagesTagsAndCache(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, "FROM alpine:3.20\nRUN echo ok\n", files: [:], builder: builder, tags: ["app:1"])
        let images = state.images
        let cache = state.buildKitCache
        try build(&state, "FROM alpine:3.20\nCOPY missing.txt /\n", files: [:], builder: builder, tags: ["app:1"])
        // Nothing after FROM completed, and FROM's image was already here.
        #expect(state.images == images)
        if builder == .classic { #expect(state.buildKitCache == cache) }
        try build(&state, "FROM nosuchimage\n", files: [:], builder: builder, tags: ["app:1"])
        #expect(state.images == images)
    }

    @Test(arguments: bothBuilders) func copyErrors(builder: BuilderKind) throws {
        var state = EngineState()
        let missing = try build(&state, "FROM alpine:3.20\nCOPY nofile /\n", files: [:], builder: builder)
        let message = try #require(missing.failure?.message)
        if builder == .buildKit {
            #expect(message.hasPrefix("failed to compute cache key: failed to calculate checksum of ref "))
            #expect(message.hasSuffix(": \"/nofile\": not found"))
        } else {
            #expect(message == "COPY failed: file not found in build context or excluded by .dockerignore: stat nofile: file does not exist")
        }
        let outside = try build(&state, "FROM alpine:3.20\nCOPY ../secret /\n", files: ["secret": "s"], builder: builder)
        if builder == .buildKit {
            // BuildKit cleans `../` away: the path is looked up inside the context.
            #expect(outside.failure == nil)
        } else {
            #expect(outside.failure?.message == "Forbidden path outside the build context: ../secret ()")
        }
        let many = try build(&state, "FROM alpine:3.20\nCOPY a b /dst\n", files: ["a": "1", "b": "2"], builder: builder)
        #expect(many.failure?.message == "When using COPY with more than one source file, the destination must be a directory and end with a /")
        let unknownBase = try build(&state, "FROM python:3.99\n", files: [:], builder: builder)
        #expect(unknownBase.failure?.message == (builder == .buildKit ? "python:3.99: failed to resolve source metadata for docker.io/library/python:3.99: docker.io/library/python:3.99: not found" : "manifest for python:3.99 not found: manifest unknown: manifest unknown"))
        #expect(state.checkInvariants() == [])
    }

    @Test(arguments: bothBuilders) func copySemantics(builder: BuilderKind) throws {
        var state = EngineState()
        let dockerfile = """
            FROM alpine:3.20
            WORKDIR /app
            COPY src/ ./code
            COPY *.txt /docs/
            COPY one.txt /etc/renamed
            COPY one.txt /opt/
            COPY --chown=nobody:nogroup one.txt owned.txt
            WORKDIR sub
            COPY one.txt .

            """
        let files = ["src/main.py": "main", "src/lib/util.py": "util", "one.txt": "1", "two.txt": "2", "other.md": "m"]
        let result = try build(&state, dockerfile, files: files, builder: builder)
        #expect(result.failure == nil)
        let fs = state.images.rootfs(of: try #require(result.imageID))
        #expect(fs["/app/code/main.py"] != nil)
        #expect(fs["/app/code/lib/util.py"] != nil)
        #expect(fs["/app/src"] == nil)
        #expect(fs["/docs/one.txt"] != nil && fs["/docs/two.txt"] != nil && fs["/docs/other.md"] == nil)
        #expect(fs["/etc/renamed"] == .file(.text("1")))
        #expect(fs["/opt/one.txt"] != nil)
        #expect(fs["/app/owned.txt"]?.uid == 65534)
        #expect(fs["/app/owned.txt"]?.gid == 65533)
        #expect(fs["/app/sub/one.txt"] != nil)
        let image = try builtImage(state, result)
        #expect(image.config.config.workingDir == "/app/sub")
    }

    @Test func chmodIsBuildKitOnly() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.20\nCOPY --chmod=755 run.sh /usr/local/bin/\n"
        let buildkit = try build(&state, dockerfile, files: ["run.sh": "#!/bin/sh\n"], builder: .buildKit)
        #expect(state.images.rootfs(of: try #require(buildkit.imageID))["/usr/local/bin/run.sh"]?.mode == 0o755)
        let classic = try build(&state, dockerfile, files: ["run.sh": "#!/bin/sh\n"], builder: .classic)
        #expect(classic.failure?.message == "the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled")
    }

    @Test(arguments: bothBuilders) func onbuildTriggersRunInChildBuilds(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, "FROM alpine:3.20\nONBUILD COPY . /src\nONBUILD RUN echo triggered\n", files: [:], builder: builder, tags: ["base:1"])
        let child = try build(&state, "FROM base:1\nRUN echo child\n", files: ["hello.txt": "hi"], builder: builder, tags: ["child:1"])
        #expect(child.failure == nil)
        let triggers = child.steps.filter(\.isTrigger)
        #expect(triggers.count == 2)
        if builder == .buildKit {
            #expect(triggers.map { $0.vertexText ?? "" } == ["ONBUILD COPY . /src", "ONBUILD RUN echo triggered"])
            #expect(triggers.map { $0.vertexIndex ?? 0 } == [2, 3])
            #expect(triggers.first?.vertexTotal == 4)
        }
        let id = try #require(child.imageID)
        #expect(state.images.rootfs(of: id)["/src/hello.txt"] != nil)
        // Triggers are not inherited further.
        #expect(state.images.images[id]?.config.config.onBuild == [])
    }

    @Test func buildKitVertexNamesAndNumbering() throws {
        var state = EngineState()
        let dockerfile = """
            ARG BASE=alpine:3.20
            FROM $BASE AS builder
            ARG NAME=world
            ENV GREETING=hello
            RUN echo $GREETING $NAME $UNKNOWN
            FROM scratch
            COPY --from=builder /etc/os-release /

            """
        let result = try build(&state, dockerfile, files: [:], builder: .buildKit)
        #expect(result.failure == nil)
        let texts = result.steps.map { $0.vertexText ?? "-" }
        #expect(texts[0].hasPrefix("FROM docker.io/library/alpine:3.20@sha256:"))
        #expect(texts.contains("RUN echo hello world $UNKNOWN"))
        #expect(result.metadataLoaded == ["docker.io/library/alpine:3.20"])
        let scratchFrom = try #require(result.steps.first { $0.kind == .from && $0.stageIndex == 1 })
        #expect(scratchFrom.hidden)
        let copy = try #require(result.steps.last)
        #expect(copy.stageLabel == "stage-1")
        // FROM scratch is no vertex and is not counted: `[stage-1 1/1] COPY …`.
        #expect(copy.vertexIndex == 1 && copy.vertexTotal == 1)
        let image = try builtImage(state, result)
        #expect(image.config.config.env == ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(image.config.diffIDs.count == 1)
    }

    @Test func buildKitCreatedTimesFollowTheExporter() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.20\nENV A=1\nRUN echo one\nCMD [\"sh\"]\n"
        let first = try build(&state, dockerfile, files: [:], builder: .buildKit)
        let image = try builtImage(state, first)
        let history = image.config.history
        let run = history[history.count - 2]
        // ENV before the first new layer takes that layer's time; CMD after it, the layer's.
        #expect(history[history.count - 3].created == run.created)
        #expect(history[history.count - 1].created == run.created)
        #expect(image.created == run.created)
        // A Dockerfile with no layer steps inherits the base's time.
        let meta = try build(&state, "FROM alpine:3.20\nLABEL a=b\n", files: [:], builder: .buildKit)
        let base = try state.catalog.lookup("alpine:3.20").get()
        #expect(try builtImage(state, meta).created == base.config.created)
        // FROM alone gives the base image itself.
        let same = try build(&state, "FROM alpine:3.20\n", files: [:], builder: .buildKit)
        #expect(same.imageID == base.imageID)
    }

    @Test func classicStepNumbersAndContainers() throws {
        var state = EngineState()
        let dockerfile = "ARG V=1\nFROM alpine:3.20\nENV A=1\nCOPY a.txt /\nRUN echo hi\n"
        let result = try build(&state, dockerfile, files: ["a.txt": "a"], builder: .classic)
        #expect(result.steps.map { $0.classicNumber ?? 0 } == [1, 2, 3, 4, 5])
        #expect(result.steps.allSatisfy { $0.classicTotal == 5 })
        #expect(result.steps[2].containerID != nil)
        #expect(result.steps[3].containerID == nil)
        #expect(result.steps[4].containerID != nil)
        #expect(result.steps[4].output == ["ran: echo hi"])
        let second = try build(&state, dockerfile, files: ["a.txt": "a"], builder: .classic)
        #expect(second.steps.dropFirst(2).allSatisfy { $0.cached && $0.containerID == nil })
        #expect(second.steps.dropFirst(2).map(\.imageID) == result.steps.dropFirst(2).map(\.imageID))
    }

    @Test func stateIsAValueForUndo() throws {
        var state = EngineState()
        let snapshot = state
        try build(&state, "FROM alpine:3.20\nRUN echo a\n", files: [:], builder: .buildKit, tags: ["a:1"])
        #expect(state != snapshot)
        let afterFirst = state
        try build(&state, "FROM alpine:3.20\nRUN echo b\n", files: [:], builder: .buildKit, tags: ["a:1"])
        state = afterFirst
        #expect(state.images.resolve("a:1") == afterFirst.images.resolve("a:1"))
        state = snapshot
        #expect(state.images.images.isEmpty)
    }
}

@Suite struct VertexNameTests {
    @Test func namesFollowBuildKit() throws {
        var state = EngineState()
        var lines = ["FROM alpine:3.20"]
        for i in 0..<11 { lines.append("RUN echo \(i)") }
        let single = try build(&state, lines.joined(separator: "\n") + "\n", files: [:], builder: .buildKit)
        let names = single.steps.compactMap(\.vertexName)
        #expect(names.first?.hasPrefix("[ 1/12] FROM docker.io/library/alpine:3.20@sha256:") == true)
        #expect(names[1] == "[ 2/12] RUN echo 0")
        #expect(names.last == "[12/12] RUN echo 10")
        let multi = try build(&state, "FROM alpine:3.20 AS builder\nRUN echo a\nFROM alpine:3.20\nCOPY --from=builder /etc/os-release /x\n", files: [:], builder: .buildKit)
        #expect(multi.steps.compactMap(\.vertexName).map { String($0.prefix(17)) } == ["[builder 1/2] FRO", "[builder 2/2] RUN", "[stage-1 1/2] FRO", "[stage-1 2/2] COP"])
    }
}

@Suite struct DeterminismTests {
    @Test(arguments: bothBuilders) func sameScriptSameIDs(builder: BuilderKind) throws {
        var files: [String: String] = [:]
        for i in 0..<200 { files["src/m\(i % 7)/f\(i).py"] = "print(\(i))\n" }
        let dockerfile = "FROM python:3.13-slim\nWORKDIR /app\nCOPY src/ ./src/\nCOPY src/m1 /m1\nRUN pip install flask\nCMD [\"python\"]\n"
        var a = EngineState()
        var b = EngineState()
        let ra = try build(&a, dockerfile, files: files, builder: builder)
        // A different history of unrelated work before the same build.
        try build(&b, "FROM alpine:3.20\nRUN echo other\n", files: ["x": "y"], builder: builder, tags: ["other:1"])
        var b2 = EngineState()
        let rb = try build(&b2, dockerfile, files: files, builder: builder)
        #expect(ra.imageID == rb.imageID)
        #expect(ra.steps.map { $0.keyParts?.key } == rb.steps.map { $0.keyParts?.key })
        let layers = a.images.layers(of: try #require(ra.imageID)).map(\.diffID)
        #expect(layers == b2.images.layers(of: try #require(rb.imageID)).map(\.diffID))
    }
}

/// A stage name used twice: BuildKit warns and keeps the stage it registered last (so `FROM
/// base` means the latest `base` defined before it, `COPY --from` and `--target` the last
/// one); the classic builder refuses the second.
@Suite struct DuplicateStageNameTests {
    static let dockerfile = """
        FROM alpine:3.20 AS base
        RUN echo first > /which
        FROM base AS middle
        RUN echo middle > /m
        FROM alpine:3.20 AS base
        RUN echo second > /which
        FROM base
        COPY --from=base /which /copied
        COPY --from=middle /which /through-middle
        """

    /// Builds with the simulated shell (so `echo > file` writes the file).
    static func simulated(_ dockerfile: String, target: String? = nil) throws -> (BuildResult, FileTree?) {
        var state = EngineState()
        let context = BuildContext(workspace: FileTree(entries: ["/": .directory(), "/Dockerfile": .file(.text(dockerfile))]))
        let result = state.build(try parseDockerfile(dockerfile), context: context, options: BuildOptions(builder: .buildKit, tags: ["d:1"], target: target))
        #expect(state.checkInvariants() == [])
        let fs = result.imageID.map { id in state.images.layers(of: id).reduce(into: FileTree()) { $1.apply(to: &$0) } }
        return (result, fs)
    }

    @Test func buildKitUsesTheStageDefinedLastBeforeTheReference() throws {
        let (result, built) = try Self.simulated(Self.dockerfile)
        #expect(result.succeeded)
        let fs = try #require(built)
        // The final stage and COPY --from=base see the second `base`...
        #expect(fs.shellText(at: "/which") == "second\n")
        #expect(fs.shellText(at: "/copied") == "second\n")
        // ...while `middle`, defined between the two, was built on the first one.
        #expect(fs.shellText(at: "/through-middle") == "first\n")
        let (target, targetFS) = try Self.simulated(Self.dockerfile, target: "base")
        #expect(target.succeeded)
        #expect(targetFS?.shellText(at: "/which") == "second\n")
        #expect(!target.steps.compactMap(\.vertexText).contains("RUN echo first > /which"))
    }

    @Test func theClassicBuilderRefusesTheSecondName() throws {
        var state = EngineState()
        let result = try build(&state, Self.dockerfile, files: [:], builder: .classic)
        #expect(result.failure?.message == "base stage name already used")
    }
}
