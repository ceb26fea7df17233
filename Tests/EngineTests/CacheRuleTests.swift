import Dockerfile
@testable import Engine
import Testing

/// One test per cache rule of issue 4 / docker-behavior.md §1, each run with both builders.
@Suite struct CacheRuleTests {
    static let base = """
        FROM alpine:3.20
        WORKDIR /app
        RUN echo one
        COPY app.py .

        """

    @Test(arguments: bothBuilders) func changedRunTextRebuildsFromThere(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.base, files: ["app.py": "print(1)\n"], builder: builder)
        let second = try build(&state, Self.base.replacingRun("echo one", with: "echo two"), files: ["app.py": "print(1)\n"], builder: builder)
        #expect(second.cachedTexts == ["WORKDIR /app"])
        #expect(second.rebuiltTexts == ["RUN echo two", "COPY app.py ."])
    }

    @Test(arguments: bothBuilders) func changedCopiedFileRebuildsCopy(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.base, files: ["app.py": "print(1)\n"], builder: builder)
        let second = try build(&state, Self.base, files: ["app.py": "print(2)\n"], builder: builder)
        #expect(second.cachedTexts == ["WORKDIR /app", "RUN echo one"])
        #expect(second.rebuiltTexts == ["COPY app.py ."])
        let copy = try #require(second.step("COPY app.py ."))
        let expected = [FileChange(path: "/app.py", old: fileDigest("print(1)\n"), new: fileDigest("print(2)\n"))]
        #expect(copy.missReason == .filesChanged(expected))
    }

    @Test(arguments: bothBuilders) func changedFileThatIsNotCopiedKeepsEverything(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.base, files: ["app.py": "print(1)\n", "notes.txt": "a"], builder: builder)
        let second = try build(&state, Self.base, files: ["app.py": "print(1)\n", "notes.txt": "b"], builder: builder)
        #expect(second.rebuiltTexts.isEmpty)
        #expect(second.imageID == first.imageID)
    }

    @Test(arguments: bothBuilders) func touchedFileWithSameContentKeepsEverything(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.base, files: ["app.py": "print(1)\n"], builder: builder)
        // A touch changes only mtime, which no cache key includes: rewrite the same bytes.
        state.clock.advance(by: 60)
        let second = try build(&state, Self.base, files: ["app.py": String("print(1)\n")], builder: builder)
        #expect(second.rebuiltTexts.isEmpty)
        #expect(second.imageID == first.imageID)
    }

    @Test(arguments: bothBuilders) func changedModeInvalidatesCopy(builder: BuilderKind) throws {
        var state = EngineState()
        let document = try parseDockerfile(Self.base)
        var ws = workspace(["app.py": "print(1)\n", "Dockerfile": Self.base])
        _ = state.build(document, context: BuildContext(workspace: ws), options: BuildOptions(builder: builder), shell: RecordingShell())
        ws.set("/app.py", .file(.text("print(1)\n"), mode: 0o755))
        let second = state.build(document, context: BuildContext(workspace: ws), options: BuildOptions(builder: builder), shell: RecordingShell())
        #expect(second.rebuiltTexts == ["COPY app.py ."])
    }

    static let copyAll = """
        FROM alpine:3.20
        WORKDIR /app
        COPY . .
        RUN echo built

        """

    @Test(arguments: bothBuilders) func dockerignoredFileNeverInvalidates(builder: BuilderKind) throws {
        var state = EngineState()
        let files = ["app.py": "print(1)\n", ".dockerignore": "secret.txt\n*.log\n", "secret.txt": "v1", "debug.log": "x"]
        let first = try build(&state, Self.copyAll, files: files, builder: builder)
        var changed = files
        changed["secret.txt"] = "v2"
        changed["debug.log"] = "y"
        let second = try build(&state, Self.copyAll, files: changed, builder: builder)
        #expect(second.rebuiltTexts.isEmpty)
        #expect(second.imageID == first.imageID)
        let fs = state.images.rootfs(of: try #require(second.imageID))
        #expect(fs["/app/secret.txt"] == nil)
        #expect(fs["/app/app.py"] != nil)
        // The Dockerfile is part of the context: editing it invalidates `COPY . .`.
        let edited = Self.copyAll + "LABEL x=1\n"
        let third = try build(&state, edited, files: changed, builder: builder)
        #expect(third.rebuiltTexts.contains("COPY . ."))
        // ... unless it is ignored too.
        var ignoring = changed
        ignoring[".dockerignore"] = "secret.txt\n*.log\nDockerfile\n"
        try build(&state, edited, files: ignoring, builder: builder)
        let fifth = try build(&state, edited + "LABEL y=2\n", files: ignoring, builder: builder)
        #expect(fifth.cachedTexts.contains("COPY . ."))
    }

    static let withArg = """
        FROM alpine:3.20
        ARG VERSION=1
        COPY app.py /app/
        RUN echo hello

        """

    @Test(arguments: bothBuilders) func usedBuildArgInvalidatesFirstRunOnly(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.withArg, files: ["app.py": "x"], builder: builder)
        let second = try build(&state, Self.withArg, files: ["app.py": "x"], builder: builder, buildArgs: ["VERSION": "2"])
        if builder == .buildKit {
            #expect(second.cachedTexts == ["COPY app.py /app/"])
        } else {
            // The ARG step's probe text is the Dockerfile default, so it still hits.
            #expect(second.cachedTexts == ["ARG VERSION=1", "COPY app.py /app/"])
        }
        #expect(second.rebuiltTexts == ["RUN echo hello"])
        let run = try #require(second.step("RUN echo hello"))
        #expect(run.missReason == .environmentChanged([VariableChange(name: "VERSION", old: "1", new: "2", isBuildArg: true)]))
        let image = try #require(second.imageID.flatMap { state.images.images[$0] })
        let runHistory = try #require(image.config.history.last)
        if builder == .buildKit {
            #expect(runHistory.createdBy == "RUN |1 VERSION=2 /bin/sh -c echo hello # buildkit")
        } else {
            #expect(runHistory.createdBy == "|1 VERSION=2 /bin/sh -c echo hello")
        }
        #expect(second.unconsumedBuildArgs.isEmpty)
    }

    @Test(arguments: bothBuilders) func unusedBuildArgChangesNothing(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.withArg, files: ["app.py": "x"], builder: builder)
        let second = try build(&state, Self.withArg, files: ["app.py": "x"], builder: builder, buildArgs: ["UNUSED": "1"])
        #expect(second.rebuiltTexts.isEmpty)
        #expect(second.imageID == first.imageID)
        #expect(second.unconsumedBuildArgs == (builder == .classic ? ["UNUSED"] : []))
    }

    @Test(arguments: bothBuilders) func declaredArgWithoutValueHasNoEffect(builder: BuilderKind) throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.20\nRUN echo a\n"
        try build(&state, dockerfile, files: [:], builder: builder)
        let second = try build(&state, "FROM alpine:3.20\nARG X\nRUN echo a\n", files: [:], builder: builder)
        if builder == .buildKit {
            #expect(second.rebuiltTexts.isEmpty)
        } else {
            // The ARG step itself is new, which busts the classic cache.
            #expect(second.rebuiltTexts == ["ARG X", "RUN echo a"])
            let run = try #require(second.step("RUN echo a"))
            #expect(run.keyParts?.operation == "/bin/sh -c echo a")
        }
    }

    static let pipGood = """
        FROM python:3.13-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install -r requirements.txt
        COPY . .

        """
    static let pipBad = """
        FROM python:3.13-slim
        WORKDIR /app
        COPY . .
        RUN pip install -r requirements.txt

        """

    @Test(arguments: bothBuilders) func requirementsBeforeCodeKeepsInstallCached(builder: BuilderKind) throws {
        var state = EngineState()
        let files = ["requirements.txt": "flask\n", "app.py": "v1"]
        try build(&state, Self.pipGood, files: files, builder: builder)
        let good = try build(&state, Self.pipGood, files: ["requirements.txt": "flask\n", "app.py": "v2"], builder: builder)
        #expect(good.cachedTexts == ["WORKDIR /app", "COPY requirements.txt .", "RUN pip install -r requirements.txt"])
        #expect(good.rebuiltTexts == ["COPY . ."])

        var other = EngineState()
        try build(&other, Self.pipBad, files: files, builder: builder)
        let bad = try build(&other, Self.pipBad, files: ["requirements.txt": "flask\n", "app.py": "v2"], builder: builder)
        #expect(bad.rebuiltTexts == ["COPY . .", "RUN pip install -r requirements.txt"])
    }

    static let multiStage = """
        FROM alpine:3.20 AS unused
        RUN echo unused-1

        FROM golang:1.23 AS build
        WORKDIR /src
        COPY main.go .
        RUN go build -o /out/app

        FROM alpine:3.20
        COPY --from=build /out /usr/local/bin
        CMD ["app"]

        """

    @Test(arguments: bothBuilders) func multiStageWithUnusedStage(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.multiStage, files: ["main.go": "package main"], builder: builder)
        #expect(first.failure == nil)
        if builder == .buildKit {
            #expect(first.skippedStages == [0])
            #expect(!first.steps.contains { $0.stageIndex == 0 })
            #expect(first.step("RUN echo unused-1") == nil)
        } else {
            #expect(first.skippedStages.isEmpty)
            #expect(first.step("RUN echo unused-1") != nil)
        }
        let copyStep = try #require(first.steps.first { $0.kind == .copy && $0.stageIndex == 2 })
        if builder == .buildKit {
            #expect(copyStep.vertexText == "COPY --from=build /out /usr/local/bin")
            #expect(copyStep.stageLabel == "stage-2")
            #expect(copyStep.vertexIndex == 2 && copyStep.vertexTotal == 2)
        }
        let fs = state.images.rootfs(of: try #require(first.imageID))
        #expect(fs["/usr/local/bin/app"] != nil)

        let changed = Self.multiStage.replacingRun("echo unused-1", with: "echo unused-2")
        let second = try build(&state, changed, files: ["main.go": "package main"], builder: builder)
        if builder == .buildKit {
            #expect(second.rebuiltTexts.isEmpty)
            #expect(second.imageID == first.imageID)
        } else {
            // Classic: stages build in file order and the first miss busts the cache.
            #expect(second.cachedTexts.isEmpty)
            #expect(second.rebuiltTexts.contains("COPY --from=build /out /usr/local/bin"))
        }
    }

    @Test(arguments: bothBuilders) func targetStopsAtTheTargetStage(builder: BuilderKind) throws {
        var state = EngineState()
        let result = try build(&state, Self.multiStage, files: ["main.go": "package main"], builder: builder, target: "build")
        #expect(result.failure == nil)
        #expect(!result.steps.contains { $0.stageIndex == 2 })
        #expect(result.steps.contains { $0.stageIndex == 0 } == (builder == .classic))
        let missing = try build(&state, Self.multiStage, files: ["main.go": "package main"], builder: builder, target: "bulid")
        #expect(missing.failure?.message == (builder == .buildKit ? "target stage \"bulid\" could not be found (did you mean build?)" : "target stage \"bulid\" could not be found"))
    }

    @Test(arguments: bothBuilders) func noCacheRebuildsEverything(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.base, files: ["app.py": "x"], builder: builder)
        let second = try build(&state, Self.base, files: ["app.py": "x"], builder: builder, noCache: true)
        #expect(second.cachedTexts.isEmpty)
        #expect(second.rebuiltTexts == ["WORKDIR /app", "RUN echo one", "COPY app.py ."])
        #expect(second.steps.filter { $0.kind != .from }.allSatisfy { $0.missReason == .noCache })
        #expect(second.pulls.isEmpty)
    }

    static let withEnv = """
        FROM alpine:3.20
        ENV MODE=dev
        COPY app.py /app/
        RUN echo start

        """

    @Test(arguments: bothBuilders) func envChangeReachesNextRun(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.withEnv, files: ["app.py": "x"], builder: builder)
        let second = try build(&state, Self.withEnv.replacingRun("MODE=dev", with: "MODE=prod"), files: ["app.py": "x"], builder: builder)
        if builder == .buildKit {
            #expect(second.cachedTexts == ["COPY app.py /app/"])
            #expect(second.rebuiltTexts == ["RUN echo start"])
            #expect(second.step("RUN echo start")?.missReason == .environmentChanged([VariableChange(name: "MODE", old: "dev", new: "prod", isBuildArg: false)]))
        } else {
            #expect(second.rebuiltTexts == ["ENV MODE=prod", "COPY app.py /app/", "RUN echo start"])
            #expect(second.step("ENV MODE=prod")?.missReason == .instructionChanged(old: "ENV MODE=dev", new: "ENV MODE=prod"))
        }
    }

    @Test(arguments: bothBuilders) func labelOrCmdChangeKeepsStepsButChangesID(builder: BuilderKind) throws {
        var state = EngineState()
        let dockerfile = Self.base + "LABEL version=1\nCMD [\"python\", \"app.py\"]\n"
        let first = try build(&state, dockerfile, files: ["app.py": "x"], builder: builder)
        state.clock.advance(by: 7 * 86400)
        let second = try build(&state, dockerfile.replacingRun("version=1", with: "version=2"), files: ["app.py": "x"], builder: builder)
        #expect(second.imageID != first.imageID)
        let firstImage = try #require(first.imageID.flatMap { state.images.images[$0] })
        let secondImage = try #require(second.imageID.flatMap { state.images.images[$0] })
        if builder == .buildKit {
            #expect(second.rebuiltTexts.isEmpty)
            // §1.5: the new image's CREATED is the (week-old) time of its last layer.
            #expect(secondImage.created == firstImage.created)
            #expect(secondImage.config.config.labels == ["version": "2"])
        } else {
            #expect(second.rebuiltTexts == ["LABEL version=2", "CMD [\"python\", \"app.py\"]"])
            #expect(secondImage.created > firstImage.created)
        }
    }
}

func fileDigest(_ text: String, mode: UInt32 = 0o644) -> Digest {
    var run = BuildRun(state: EngineState(), document: DockerfileDocument(), context: BuildContext(workspace: FileTree()), options: BuildOptions(), shell: RecordingShell())
    return run.checksum(.file(.text(text), mode: mode))
}

@Suite struct ContentBasedCopyTests {
    static let dockerfile = """
        FROM golang:1.23 AS build
        WORKDIR /src
        RUN go build -o /out/app
        RUN echo cleanup-1

        FROM alpine:3.20
        COPY --from=build /out/app /usr/local/bin/app
        RUN echo installed

        """

    @Test(arguments: bothBuilders) func copyFromStageIsKeyedByContent(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.dockerfile, files: [:], builder: builder)
        // The build stage re-runs a step that does not change /out/app.
        let second = try build(&state, Self.dockerfile.replacingRun("cleanup-1", with: "cleanup-2"), files: [:], builder: builder)
        #expect(second.rebuiltTexts.contains("RUN echo cleanup-2"))
        if builder == .buildKit {
            #expect(second.cachedTexts == ["WORKDIR /src", "RUN go build -o /out/app", "COPY --from=build /out/app /usr/local/bin/app", "RUN echo installed"])
            #expect(second.imageID == first.imageID)
        } else {
            #expect(second.rebuiltTexts == ["RUN echo cleanup-2", "COPY --from=build /out/app /usr/local/bin/app", "RUN echo installed"])
        }
    }
}

@Suite struct BuildArgInEnvTests {
    static let dockerfile = """
        FROM alpine:3.20
        ARG VERSION=1
        ENV APP_VERSION=$VERSION
        COPY app.py /app/
        RUN echo $APP_VERSION

        """

    @Test(arguments: bothBuilders) func buildArgReferencedInEnv(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.dockerfile, files: ["app.py": "x"], builder: builder)
        #expect(try builtImage(state, first).config.config.envValue("APP_VERSION") == "1")
        let second = try build(&state, Self.dockerfile, files: ["app.py": "x"], builder: builder, buildArgs: ["VERSION": "2"])
        #expect(try builtImage(state, second).config.config.envValue("APP_VERSION") == "2")
        if builder == .buildKit {
            #expect(second.cachedTexts == ["COPY app.py /app/"])
            #expect(second.rebuiltTexts == ["RUN echo 2"])
            // The vertex name shows the expanded value.
            #expect(first.rebuiltTexts == ["COPY app.py /app/", "RUN echo 1"])
        } else {
            #expect(second.cachedTexts == ["ARG VERSION=1"])
            #expect(second.rebuiltTexts == ["ENV APP_VERSION=$VERSION", "COPY app.py /app/", "RUN echo $APP_VERSION"])
        }
    }
}
