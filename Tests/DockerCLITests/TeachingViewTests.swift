@testable import DockerCLI
import Dockerfile
import Engine
import Testing

/// The build explanation: statuses, reasons, figures and notes.
struct TeachingViewTests {
    func statuses(_ e: BuildExplanation) -> [LayerStatus] { e.rows.map(\.status) }

    @Test func firstBuildMarksTheFirstMissAsChangedAndTheRestAsKnockOn() throws {
        var engine = EngineState()
        let result = try teachingBuild(&engine, pythonApp, files: pythonFiles)
        let e = BuildExplanation(result, engine: engine)
        #expect(statuses(e) == [.baseImage, .rebuiltChanged, .rebuiltParent, .rebuiltParent, .metadataOnly])
        #expect(e.rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(e.rows.last?.text == "CMD [\"python\", \"app.py\"]")
        #expect(e.reusedCount == 0 && e.rebuiltCount == 3)
        #expect(e.reasons.count == 1)
        #expect(e.reasons.first?.title.contains("is new") == true)
        #expect(e.coldDuration == e.duration)
        #expect(e.untagged == nil)
    }

    @Test func aCodeEditBeforeTheFixReinstallsAndAfterTheFixReusesTheInstall() throws {
        var engine = EngineState()
        try teachingBuild(&engine, pythonApp, files: pythonFiles)
        var edited = pythonFiles
        edited["app.py"] = "print('changed')\n"
        let before = try teachingBuild(&engine, pythonApp, files: edited)
        let e1 = BuildExplanation(before, engine: engine)
        #expect(statuses(e1) == [.baseImage, .reused, .rebuiltChanged, .rebuiltParent, .metadataOnly])
        #expect(e1.advice.map(\.kind).contains(.dependenciesAfterCopyAll))

        var fixed = EngineState()
        try teachingBuild(&fixed, pythonAppFixed, files: pythonFiles)
        let after = try teachingBuild(&fixed, pythonAppFixed, files: edited)
        let e2 = BuildExplanation(after, engine: fixed)
        #expect(statuses(e2) == [.baseImage, .reused, .reused, .reused, .rebuiltChanged, .metadataOnly])
        #expect(!e2.advice.map(\.kind).contains(.dependenciesAfterCopyAll))
        // The reused pip install is what the cache saved.
        let pip = try #require(after.steps.first { $0.instruction.original.hasPrefix("RUN pip") })
        #expect(pip.cached)
        #expect(e2.saved > 1.0)
        #expect(e2.coldDuration > e2.duration)
        #expect(e2.newLayerBytes == after.steps.filter { !$0.cached && $0.kind != .from }.reduce(0) { $0 + ($1.layerSize ?? 0) })
    }

    @Test func changedFilesAreListedWithOldAndNewShortDigests() throws {
        var engine = EngineState()
        let first = try teachingBuild(&engine, pythonAppFixed, files: pythonFiles)
        var edited = pythonFiles
        edited["app.py"] = "print('changed')\n"
        edited["new.py"] = "x = 1\n"
        let second = try teachingBuild(&engine, pythonAppFixed, files: edited)
        let copyAll = try #require(first.steps.firstIndex { $0.instruction.original == "COPY . ." })
        let oldSum = try #require(first.steps[copyAll].keyParts?.files.first { $0.path == "/app.py" }?.checksum)
        let newSum = try #require(second.steps[copyAll].keyParts?.files.first { $0.path == "/app.py" }?.checksum)
        let e = BuildExplanation(second, engine: engine)
        let details = try #require(e.reasons.first?.details)
        #expect(details.contains { $0.contains("~ /app.py") && $0.contains(String(oldSum.hex.prefix(12)) + " -> " + String(newSum.hex.prefix(12))) })
        #expect(details.contains { $0.contains("+ /new.py") && $0.contains("(new)") })
    }

    @Test func anEditedInstructionIsMarkedUnderTheChange() {
        let lines = BuildExplanation.markedChange(old: "RUN pip install flask", new: "RUN pip install flask gunicorn")
        #expect(lines == ["was: RUN pip install flask", "now: RUN pip install flask gunicorn", "                          ^^^^^^^^^"])
        let removed = BuildExplanation.markedChange(old: "RUN a b", new: "RUN a")
        #expect(removed.last == "          ^ removed: \" b\"")
    }

    @Test func buildArgsEnvNoCacheAndBaseReasonsAreWorded() throws {
        var engine = EngineState()
        let dockerfile = "FROM alpine:3.20\nARG V=1\nRUN echo $V > /v\n"
        try teachingBuild(&engine, dockerfile, buildArgs: ["V": "1"])
        let changed = try teachingBuild(&engine, dockerfile, buildArgs: ["V": "2"])
        let e = BuildExplanation(changed, engine: engine)
        #expect(e.reasons.first?.details.first == "build arg V: \"1\" -> \"2\"")
        let noCache = try teachingBuild(&engine, dockerfile, noCache: true, buildArgs: ["V": "2"])
        let n = BuildExplanation(noCache, engine: engine)
        #expect(n.reasons.first?.title.contains("--no-cache") == true)
        #expect(statuses(n) == [.baseImage, .rebuiltChanged])

        // A tag that moved to a new image: worded with short digests.
        let step = noCache.steps[1]
        let row = LayerRow(number: 1, stage: nil, stageIndex: 0, text: "FROM alpine", size: nil, status: .baseImage, stepIndex: 0, duration: 0, inFinalImage: true)
        let reason = BuildExplanation.describe(.baseImageChanged(old: "alpine@sha256:" + String(repeating: "a", count: 64), new: "alpine@sha256:" + String(repeating: "b", count: 64)), row: row, step: step, rows: [row], result: noCache)
        #expect(reason.title.contains("different base image"))
        #expect(reason.details.first == "The tag now points at another image: alpine@sha256:aaaaaaaaaaaa -> alpine@sha256:bbbbbbbbbbbb.")
    }

    @Test func theOldImageLeftUntaggedIsNamedExactlyWithTheEngineBefore() throws {
        var engine = EngineState()
        let first = try teachingBuild(&engine, pythonAppFixed, files: pythonFiles)
        let before = engine
        var edited = pythonFiles
        edited["app.py"] = "print('changed')\n"
        let second = try teachingBuild(&engine, pythonAppFixed, files: edited)
        let exact = BuildExplanation(second, engine: engine, before: before)
        #expect(exact.untagged == UntaggedImage(id: try #require(first.imageID), tag: "app:latest"))
        let guessed = BuildExplanation(second, engine: engine)
        #expect(guessed.untagged?.id == first.imageID)
        let text = TeachingViews.afterBuild(second, engine: engine, before: before, width: 80, colour: false)
        #expect(text.contains("<none>:<none>"))
        #expect(text.contains("docker image prune"))
        // Nothing rebuilt: nothing left untagged.
        let third = try teachingBuild(&engine, pythonAppFixed, files: edited)
        #expect(BuildExplanation(third, engine: engine).untagged == nil)
    }

    @Test func classicMetadataStepsAreConfigOnly() throws {
        var engine = EngineState()
        let result = try teachingBuild(&engine, "FROM alpine:3.20\nENV A=1\nRUN echo hi > /hi\nCMD [\"sh\"]\n", builder: .classic)
        let e = BuildExplanation(result, engine: engine)
        #expect(statuses(e) == [.baseImage, .metadataOnly, .rebuiltParent, .metadataOnly])
        let again = try teachingBuild(&engine, "FROM alpine:3.20\nENV A=1\nRUN echo hi > /hi\nCMD [\"sh\"]\n", builder: .classic)
        let e2 = BuildExplanation(again, engine: engine)
        #expect(statuses(e2) == [.baseImage, .metadataOnly, .reused, .metadataOnly])
        #expect(e2.reusedCount == 3)
        #expect(e2.saved > 0)
    }

    @Test func multiStageBuildsExplainEachStage() throws {
        var engine = EngineState()
        let dockerfile = "FROM alpine:3.20 AS builder\nWORKDIR /src\nCOPY . .\nRUN cp a.txt /out\nFROM alpine:3.21\nCOPY --from=builder /out /app\n"
        try teachingBuild(&engine, dockerfile, files: ["a.txt": "1\n"])
        let result = try teachingBuild(&engine, dockerfile, files: ["a.txt": "2\n"])
        let e = BuildExplanation(result, engine: engine)
        #expect(e.reasons.map(\.stage) == ["builder", "stage-1"])
        #expect(e.rows.filter(\.inFinalImage).map(\.text) == ["FROM alpine:3.21", "COPY --from=builder /out /app"])
        let text = TeachingViews.afterBuild(result, engine: engine, width: 80, colour: false)
        #expect(text.contains("-- stage builder --"))
        #expect(text.contains("-- stage stage-1 (final image) --"))
    }

    @Test(arguments: [0, 1, 10, 24, 40, 59, 60, 63, 64, 80, 200])
    func everyWidthLaysOutWithoutOverflowingTheDiagram(width: Int) throws {
        var engine = EngineState()
        try teachingBuild(&engine, pythonApp + "RUN echo " + String(repeating: "x", count: 150) + "\n", files: pythonFiles)
        let result = try #require(engine.lastBuild)
        let e = BuildExplanation(result, engine: engine)
        let diagram = TeachingViews.diagram(e, width: TeachingText.clampWidth(width), colour: false)
        for line in diagram { #expect(DisplayWidth.of(line) <= max(width, TeachingText.minimumWidth), "\(line)") }
        let all = TeachingViews.afterBuild(result, engine: engine, width: width, colour: true)
        #expect(all.contains("\u{1B}[32m") == false || all.contains("\u{1B}[0m"))
        #expect(TeachingViews.explain(result, engine: engine, width: width, colour: false).contains("Decisions"))
        #expect(TeachingViews.explainStep(3, result: result, engine: engine, width: width, colour: false) != nil)
        #expect(TeachingViews.explainStep(99, result: result, engine: engine, width: width, colour: false) == nil)
    }

    @Test func withoutColourEveryRowStillCarriesItsSymbol() throws {
        var engine = EngineState()
        let result = try teachingBuild(&engine, pythonApp, files: pythonFiles)
        let plain = TeachingViews.afterBuild(result, engine: engine, width: 80, colour: false)
        #expect(!plain.contains("\u{1B}"))
        for symbol in ["# FROM", "* WORKDIR", "^ COPY", ". CMD"] { #expect(plain.contains(symbol)) }
        let coloured = TeachingViews.afterBuild(result, engine: engine, width: 80, colour: true)
        #expect(coloured.contains("\u{1B}[1;31m"))
        #expect(coloured.contains("* WORKDIR"))
    }
}

struct TeachingFailureTests {
    @Test func aBuildThatFailsBeforeAnyStepShowsNothing() throws {
        var engine = EngineState()
        let result = try teachingBuild(&engine, "FROM nope:1\n")
        #expect(!result.succeeded)
        #expect(TeachingViews.afterBuild(result, engine: engine, width: 80, colour: false) == "")
    }

    @Test func aFailedStepStillShowsTheStackSoFar() throws {
        var engine = EngineState()
        let result = try teachingBuild(&engine, "FROM alpine:3.20\nRUN echo a > /a\nRUN exit 3\n")
        let text = TeachingViews.afterBuild(result, engine: engine, width: 80, colour: false)
        #expect(text.contains("Layer stack so far (the build failed)"))
        #expect(text.contains("RUN echo a > /a"))
    }
}

struct TeachingMoreReasonTests {
    @Test func aPrunedCacheEntryIsNamedAsTheReason() throws {
        var engine = EngineState()
        let dockerfile = "FROM alpine:3.20\nRUN echo a > /a\n"
        try teachingBuild(&engine, dockerfile)
        _ = engine.pruneBuildCache(all: true)
        let again = try teachingBuild(&engine, dockerfile)
        let e = BuildExplanation(again, engine: engine)
        #expect(e.reasons.first?.title.contains("cache entry is gone") == true)
    }

    @Test func aDifferentInstructionAtTheSamePositionIsWordedAsSuch() throws {
        var engine = EngineState()
        try teachingBuild(&engine, "FROM alpine:3.20\nRUN echo a > /a\n")
        let again = try teachingBuild(&engine, "FROM alpine:3.20\nWORKDIR /w\n")
        let e = BuildExplanation(again, engine: engine)
        #expect(e.reasons.first?.title.contains("different instruction") == true)
        #expect(e.reasons.first?.details.first == "was: RUN echo a > /a")
    }
}

struct TeachingColdBuildTests {
    @Test func reRunningAReusedRunGivesTheTimeItTookWhenBuilt() throws {
        var engine = EngineState()
        let first = try teachingBuild(&engine, pythonAppFixed, files: pythonFiles)
        let pip = try #require(first.steps.firstIndex { $0.instruction.original.hasPrefix("RUN pip") })
        #expect(first.steps[pip].duration > 1)
        #expect(ColdBuildEstimate.rerun(pip, result: first, engine: engine) == first.steps[pip].duration)
    }

    @Test func anIdlePauseBetweenBuildsIsNotCountedAsBuildTime() throws {
        var engine = EngineState()
        let v1 = "FROM python:3.13-slim\nWORKDIR /app\nRUN pip install flask\nCOPY . .\n"
        let v2 = "FROM python:3.13-slim\nWORKDIR /app\nRUN pip install flask gunicorn\nCOPY . .\n"
        try teachingBuild(&engine, v1, files: pythonFiles)
        engine.clock.advance(by: 600) // the learner thinks for ten minutes (real clock)
        let second = try teachingBuild(&engine, v2, files: pythonFiles)
        let pip = try #require(second.steps.firstIndex { $0.instruction.original.hasPrefix("RUN pip") })
        let built = second.steps[pip].duration
        var edited = pythonFiles
        edited["app.py"] = "print('changed')\n"
        let third = try teachingBuild(&engine, v2, files: edited)
        #expect(third.steps[pip].cached)
        let e = BuildExplanation(third, engine: engine)
        #expect(abs(e.saved - (built + 0.02)) < 0.001)
    }

    @Test func goQuotedListsRoundTrip() {
        #expect(ColdBuildEstimate.parseQuotedList("[\"/bin/sh\" \"-c\" \"echo \\\"hi\\\" \\\\ there\\n\\x01\"]") == ["/bin/sh", "-c", "echo \"hi\" \\ there\n\u{01}"])
        #expect(ColdBuildEstimate.parseQuotedList("[]") == [])
        #expect(ColdBuildEstimate.parseQuotedList("[\"open") == nil)
        #expect(ColdBuildEstimate.parseQuotedList("nope") == nil)
        #expect(ColdBuildEstimate.parseQuotedList("[\"a\\x\"]") == nil)
    }
}
