import Dockerfile
@testable import Engine
import Testing

/// Why a step missed: compared with the matching line of the previous build of the stage
/// (not the one at the same position), with both builders.
@Suite struct RebuildReasonTests {
    static let files = ["requirements.txt": "flask\n", "app.py": "print(1)\n"]

    static let app = """
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install -r requirements.txt
        COPY . .
        CMD ["python", "app.py"]

        """

    /// Builds `first`, then `second`, and returns the second build.
    func rebuild(_ first: String, _ second: String, builder: BuilderKind, files: [String: String] = files) throws -> (BuildResult, EngineState) {
        var state = EngineState()
        try build(&state, first, files: files, builder: builder)
        let result = try build(&state, second, files: files, builder: builder)
        #expect(result.succeeded)
        return (result, state)
    }

    func index(_ result: BuildResult, _ text: String) throws -> Int {
        try #require(result.steps.firstIndex { $0.instruction.original == text })
    }

    @Test(arguments: bothBuilders) func anInsertedLineIsNewAndTheStepsAfterItFollow(builder: BuilderKind) throws {
        let inserted = Self.app.replacingRun("COPY requirements.txt .\n", with: "COPY requirements.txt .\nRUN echo hi\n")
        let (result, _) = try rebuild(Self.app, inserted, builder: builder)
        let echo = try index(result, "RUN echo hi")
        #expect(result.steps[echo].missReason == .lineInserted(afterStep: try index(result, "COPY requirements.txt .")))
        #expect(result.steps[try index(result, "RUN pip install -r requirements.txt")].missReason == .parentRebuilt(stepIndex: echo))
        #expect(result.steps[try index(result, "COPY . .")].missReason == .parentRebuilt(stepIndex: echo))
        #expect(result.step("COPY requirements.txt .")?.cached == true)
    }

    @Test(arguments: bothBuilders) func aLineInsertedRightAfterFromNamesTheFromStep(builder: BuilderKind) throws {
        let inserted = Self.app.replacingRun("WORKDIR /app\n", with: "RUN echo first\nWORKDIR /app\n")
        let (result, _) = try rebuild(Self.app, inserted, builder: builder)
        #expect(result.steps[try index(result, "RUN echo first")].missReason == .lineInserted(afterStep: try index(result, "FROM python:3.12-slim")))
    }

    @Test(arguments: bothBuilders) func aRemovedLineIsQuotedForTheStepAfterIt(builder: BuilderKind) throws {
        let removed = Self.app.replacingRun("COPY requirements.txt .\n", with: "")
        let (result, _) = try rebuild(Self.app, removed, builder: builder)
        let pip = try index(result, "RUN pip install -r requirements.txt")
        #expect(result.steps[pip].missReason == .parentLineRemoved(["COPY requirements.txt ."]))
        #expect(result.steps[try index(result, "COPY . .")].missReason == .parentRebuilt(stepIndex: pip))
    }

    @Test(arguments: bothBuilders) func swappedLinesAreAnOrderChange(builder: BuilderKind) throws {
        let swapped = Self.app.replacingRun("RUN pip install -r requirements.txt\nCOPY . .\n", with: "COPY . .\nRUN pip install -r requirements.txt\n")
        let (result, _) = try rebuild(Self.app, swapped, builder: builder)
        let copyAll = try index(result, "COPY . .")
        #expect(result.steps[copyAll].missReason == .orderChanged(oldPrevious: "RUN pip install -r requirements.txt", newPrevious: "COPY requirements.txt ."))
        #expect(result.steps[try index(result, "RUN pip install -r requirements.txt")].missReason == .parentRebuilt(stepIndex: copyAll))
    }

    @Test(arguments: bothBuilders) func aLineMovedDownIsAnOrderChangeForTheFirstStepAfterIt(builder: BuilderKind) throws {
        let moved = Self.app.replacingRun("COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n", with: "RUN pip install -r requirements.txt\nCOPY . .\nCOPY requirements.txt .\n")
        let (result, _) = try rebuild(Self.app, moved, builder: builder)
        #expect(result.steps[try index(result, "RUN pip install -r requirements.txt")].missReason == .orderChanged(oldPrevious: "COPY requirements.txt .", newPrevious: "WORKDIR /app"))
    }

    @Test(arguments: bothBuilders) func aLineAddedBackFromTheCacheIsNamedForTheStepAfterIt(builder: BuilderKind) throws {
        var state = EngineState()
        let full = "FROM alpine:3.20\nRUN echo a\nRUN echo b\nCOPY app.py /\n"
        let short = "FROM alpine:3.20\nRUN echo a\nCOPY app.py /\n"
        try build(&state, full, files: ["app.py": "1"], builder: builder)
        try build(&state, short, files: ["app.py": "1"], builder: builder)
        // `RUN echo b` comes back from the first build's cache; the COPY on it is new.
        let result = try build(&state, full, files: ["app.py": "2"], builder: builder)
        #expect(result.step("RUN echo b")?.cached == true)
        #expect(result.step("COPY app.py /")?.missReason == .parentLineAdded(["RUN echo b"]))
    }

    @Test(arguments: bothBuilders) func aChangedFromReferenceIsNamedAtTheFromStep(builder: BuilderKind) throws {
        let (result, _) = try rebuild(Self.app, Self.app.replacingRun("python:3.12-slim", with: "python:3.13-slim"), builder: builder)
        let from = try index(result, "FROM python:3.13-slim")
        guard case .baseReferenceChanged(let old, let new, let oldBase, let newBase)? = result.steps[from].missReason else {
            Issue.record("expected baseReferenceChanged, got \(String(describing: result.steps[from].missReason))")
            return
        }
        #expect(old == "python:3.12-slim" && new == "python:3.13-slim")
        #expect(oldBase.hasPrefix("sha256:") && newBase.hasPrefix("sha256:") && oldBase != newBase)
        // The first step on it is rebuilt because of it, never "sees a different variable";
        // the later ones follow (BuildKit names the FROM, classic the first rebuilt step).
        #expect(result.steps[try index(result, "WORKDIR /app")].missReason == .parentRebuilt(stepIndex: from))
        for text in ["COPY requirements.txt .", "RUN pip install -r requirements.txt", "COPY . ."] {
            guard case .parentRebuilt? = result.steps[try index(result, text)].missReason else {
                Issue.record("\(text): expected parentRebuilt, got \(String(describing: result.steps[try index(result, text)].missReason))")
                continue
            }
        }
    }

    @Test(arguments: bothBuilders) func aFromChangedBackToACachedBaseExplainsNothingAndLaterMissesKeepTheirOwnReason(builder: BuilderKind) throws {
        var state = EngineState()
        let newer = Self.app.replacingRun("python:3.12-slim", with: "python:3.13-slim")
        try build(&state, Self.app, files: Self.files, builder: builder)
        try build(&state, newer, files: Self.files, builder: builder)
        var edited = Self.files
        edited["app.py"] = "print(2)\n"
        let back = try build(&state, Self.app, files: edited, builder: builder)
        #expect(back.steps[try index(back, "FROM python:3.12-slim")].missReason == nil)
        #expect(back.cachedTexts.contains("RUN pip install -r requirements.txt"))
        let copyAll = try #require(back.step("COPY . ."))
        #expect(!copyAll.cached)
        guard case .filesChanged? = copyAll.missReason else {
            Issue.record("expected filesChanged, got \(String(describing: copyAll.missReason))")
            return
        }
    }

    @Test(arguments: bothBuilders) func anEditedLineInPlaceIsStillAnInstructionChange(builder: BuilderKind) throws {
        let edited = Self.app.replacingRun("RUN pip install -r requirements.txt", with: "RUN pip install --no-cache-dir -r requirements.txt")
        let (result, _) = try rebuild(Self.app, edited, builder: builder)
        #expect(result.step("RUN pip install --no-cache-dir -r requirements.txt")?.missReason == .instructionChanged(old: "RUN pip install -r requirements.txt", new: "RUN pip install --no-cache-dir -r requirements.txt"))
    }

    @Test(arguments: bothBuilders) func anEditedLineWithALineRemovedAfterItIsStillAnInstructionChange(builder: BuilderKind) throws {
        let first = "FROM alpine:3.20\nWORKDIR /app\nCOPY app.py .\nRUN echo original\n"
        let (result, _) = try rebuild(first, "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\n", builder: builder)
        #expect(result.step("COPY . .")?.missReason == .instructionChanged(old: "COPY app.py .", new: "COPY . ."))
    }

    @Test(arguments: bothBuilders) func changedFilesAreStillNamed(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.app, files: Self.files, builder: builder)
        var edited = Self.files
        edited["app.py"] = "print(2)\n"
        let result = try build(&state, Self.app, files: edited, builder: builder)
        #expect(result.step("COPY . .")?.missReason == .filesChanged([FileChange(path: "/app.py", old: fileDigest("print(1)\n"), new: fileDigest("print(2)\n"))]))
    }

    @Test(arguments: bothBuilders) func aNewTagOfTheSameRepositoryIsTheNextBuildOfTheSameProject(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.app, files: Self.files, builder: builder, tags: ["shop:1"])
        var edited = Self.files
        edited["app.py"] = "print(2)\n"
        let result = try build(&state, Self.app, files: edited, builder: builder, tags: ["shop:2"])
        #expect(result.step("COPY . .")?.missReason == .filesChanged([FileChange(path: "/app.py", old: fileDigest("print(1)\n"), new: fileDigest("print(2)\n"))]))
        // Another repository built from the same folder is another project.
        let other = try build(&state, "FROM alpine:3.20\nRUN echo other\n", files: [:], builder: builder, tags: ["tools:1"])
        #expect(other.step("RUN echo other")?.missReason == .noPreviousBuild)
    }

    @Test func aWorkdirThatWasRootMadeNoStepBefore() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.20\nARG D=/\nWORKDIR $D\nRUN echo a\n"
        let first = try build(&state, dockerfile, files: [:], builder: .buildKit)
        #expect(first.steps.filter { $0.kind == .workdir }.isEmpty)
        let result = try build(&state, dockerfile, files: [:], builder: .buildKit, buildArgs: ["D": "/srv"])
        let workdir = try #require(result.steps.first { $0.kind == .workdir })
        #expect(workdir.missReason == .noPreviousBuild)
    }

    @Test(arguments: bothBuilders) func aChangedBuildArgIsStillNamed(builder: BuilderKind) throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.20\nARG V=1\nRUN echo $V\n"
        try build(&state, dockerfile, files: [:], builder: builder, buildArgs: ["V": "1"])
        let result = try build(&state, dockerfile, files: [:], builder: builder, buildArgs: ["V": "2"])
        let run = try #require(result.steps.first { $0.instruction.original == "RUN echo $V" })
        guard case .environmentChanged(let changes)? = run.missReason else {
            Issue.record("expected environmentChanged, got \(String(describing: run.missReason))")
            return
        }
        #expect(changes.contains(VariableChange(name: "V", old: "1", new: "2", isBuildArg: true)))
    }

    @Test(arguments: bothBuilders) func anInsertedEnvIsAVariableForBuildKitAndANewLineForClassic(builder: BuilderKind) throws {
        let first = "FROM alpine:3.20\nRUN echo a\n"
        let (result, _) = try rebuild(first, "FROM alpine:3.20\nENV MODE=prod\nRUN echo a\n", builder: builder)
        if builder == .buildKit {
            // ENV makes no step of its own: what the RUN sees changed.
            #expect(result.step("RUN echo a")?.missReason == .environmentChanged([VariableChange(name: "MODE", old: nil, new: "prod", isBuildArg: false)]))
        } else {
            let env = try index(result, "ENV MODE=prod")
            #expect(result.steps[env].missReason == .lineInserted(afterStep: 0))
            #expect(result.step("RUN echo a")?.missReason == .parentRebuilt(stepIndex: env))
        }
    }

    @Test(arguments: bothBuilders) func aRemovedEnvIsAVariableForBuildKitAndARemovedParentForClassic(builder: BuilderKind) throws {
        let (result, _) = try rebuild("FROM alpine:3.20\nENV MODE=prod\nRUN echo a\n", "FROM alpine:3.20\nRUN echo a\n", builder: builder)
        if builder == .buildKit {
            #expect(result.step("RUN echo a")?.missReason == .environmentChanged([VariableChange(name: "MODE", old: "prod", new: nil, isBuildArg: false)]))
        } else {
            #expect(result.step("RUN echo a")?.missReason == .parentLineRemoved(["ENV MODE=prod"]))
        }
    }

    @Test(arguments: bothBuilders) func noCacheStillWins(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.app, files: Self.files, builder: builder)
        let inserted = Self.app.replacingRun("WORKDIR /app\n", with: "WORKDIR /app\nRUN echo hi\n")
        let result = try build(&state, inserted, files: Self.files, builder: builder, noCache: true)
        #expect(result.steps.filter { $0.kind != .from && $0.kind != .metadata }.allSatisfy { $0.missReason == .noCache })
        // A new FROM under --no-cache: --no-cache is why everything ran.
        let newBase = try build(&state, inserted.replacingRun("python:3.12-slim", with: "python:3.13-slim"), files: Self.files, builder: builder, noCache: true)
        #expect(newBase.steps.first { $0.kind == .from }?.missReason == nil)
        #expect(newBase.step("WORKDIR /app")?.missReason == .noCache)
    }

    @Test func aPrunedEntryIsStillNamed() throws {
        var state = EngineState()
        try build(&state, Self.app, files: Self.files, builder: .buildKit)
        _ = state.pruneBuildCache(all: true)
        let result = try build(&state, Self.app, files: Self.files, builder: .buildKit)
        #expect(result.step("WORKDIR /app")?.missReason == .cacheEntryRemoved)
    }

    @Test(arguments: bothBuilders) func aFirstBuildAndANewStageHaveNoPreviousBuild(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.app, files: Self.files, builder: builder)
        #expect(first.step("WORKDIR /app")?.missReason == .noPreviousBuild)
        let multi = "FROM alpine:3.20 AS tools\nRUN echo tools\n" + Self.app
        let second = try build(&state, multi, files: Self.files, builder: builder, target: "tools")
        #expect(second.step("RUN echo tools")?.missReason == .noPreviousBuild)
    }

    @Test(arguments: bothBuilders) func stagesAreComparedWithTheSameStage(builder: BuilderKind) throws {
        let first = "FROM alpine:3.20 AS builder\nRUN make -o /out/tool\nFROM alpine:3.20\nRUN echo one\nCOPY --from=builder /out/tool /tool\n"
        let second = "FROM alpine:3.20 AS builder\nRUN make -o /out/tool\nRUN echo more\nFROM alpine:3.20\nRUN echo one\nCOPY --from=builder /out/tool /tool\n"
        let (result, _) = try rebuild(first, second, builder: builder)
        #expect(result.step("RUN echo more")?.missReason == .lineInserted(afterStep: try index(result, "RUN make -o /out/tool")))
        if builder == .buildKit {
            // The final stage's own lines did not move: its RUN is still cached.
            #expect(result.step("RUN echo one")?.cached == true)
        }
    }

    @Test(arguments: bothBuilders) func aFailedBuildKeepsExplainingAgainstTheLastCompleteOne(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, "FROM alpine:3.20\nRUN echo a\nRUN echo b\n", files: [:], builder: builder)
        let failed = try build(&state, "FROM alpine:3.20\nRUN echo a\nRUN false\n", files: [:], builder: builder)
        #expect(!failed.succeeded)
        let result = try build(&state, "FROM alpine:3.20\nRUN echo a\nRUN echo c\n", files: [:], builder: builder)
        #expect(result.step("RUN echo c")?.missReason == .instructionChanged(old: "RUN echo b", new: "RUN echo c"))
    }
}

/// The alignment itself, on plain texts.
@Suite struct StageAlignmentTests {
    func placement(_ old: [String], _ new: [String], _ j: Int) -> LinePlacement {
        var alignment = StageAlignment(old: old, new: new)
        return alignment.placement(ofNew: j)
    }

    @Test func sameLinesAreTheSame() {
        #expect(placement(["A", "B"], ["A", "B"], 1) == .same(old: 1))
        #expect(placement(["A", "B"], ["A", "B"], 0) == .same(old: 0))
    }

    @Test func insertRemoveMoveAndEdit() {
        #expect(placement(["A", "C"], ["A", "B", "C"], 1) == .inserted)
        #expect(placement(["A", "B", "C"], ["A", "C"], 1) == .removedBefore(old: 2, removed: [1]))
        #expect(placement(["A", "B", "C", "D"], ["A", "D"], 1) == .removedBefore(old: 3, removed: [1, 2]))
        #expect(placement(["A", "C"], ["A", "B", "C"], 2) == .addedBefore(old: 1, added: [1]))
        #expect(placement(["A", "B", "C"], ["A", "C", "B"], 1) == .reordered(oldPrevious: 1, newPrevious: 0))
        #expect(placement(["A", "B", "C", "D"], ["A", "D", "B", "C"], 1) == .reordered(oldPrevious: 2, newPrevious: 0))
        #expect(placement(["RUN a", "RUN b", "RUN c"], ["RUN a", "RUN x", "RUN c"], 1) == .replaced(old: 1))
        #expect(placement(["RUN a"], ["COPY b", "RUN a"], 0) == .inserted)
    }

    @Test func duplicateLinesAndEmptyListsDoNotConfuseIt() {
        #expect(placement([], ["A"], 0) == .inserted)
        #expect(placement(["A", "A", "A"], ["A", "A"], 1) == .same(old: 1))
        #expect(placement(["A"], ["A"], 5) == .inserted)
    }

    @Test func longListsBeyondTheTableLimitAlignByPosition() {
        let count = 1_200
        let old = (0..<count).map { "RUN echo \($0)" }
        var new = old
        new[0] = "RUN echo first"
        new[count - 1] = "RUN echo last"
        // The middle is too big for the table: aligned by position, so nothing in it moved.
        #expect(placement(old, new, 0) == .replaced(old: 0))
        #expect(placement(old, new, 500) == .same(old: 500))
    }
}
