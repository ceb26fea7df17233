@testable import DockerCLI
import Dockerfile
import Engine
import Testing

/// The words a learner reads for each rebuild reason, after real builds with both builders.
struct RebuildReasonTextTests {
    static let builders: [Engine.BuilderKind] = [.buildKit, .classic]
    static let files = ["requirements.txt": "flask\n", "app.py": "print(1)\n"]
    static let app = """
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install -r requirements.txt
        COPY . .
        CMD ["python", "app.py"]

        """

    /// Builds `first` then `second`; the explanation of the second build.
    func explained(_ first: String, _ second: String, builder: Engine.BuilderKind, files: [String: String] = files) throws -> (BuildExplanation, BuildResult, EngineState) {
        var engine = EngineState()
        try teachingBuild(&engine, first, files: files, builder: builder)
        let result = try teachingBuild(&engine, second, files: files, builder: builder)
        return (BuildExplanation(result, engine: engine), result, engine)
    }

    func replacing(_ old: String, _ new: String) -> String {
        Self.app.replacingOccurrences(of: old, with: new)
    }

    @Test(arguments: builders) func anInsertedLineIsANewLineAfterTheStepBeforeIt(builder: Engine.BuilderKind) throws {
        let (e, result, engine) = try explained(Self.app, replacing("COPY requirements.txt .\n", "COPY requirements.txt .\nRUN echo hi\n"), builder: builder)
        let reason = try #require(e.reasons.first)
        #expect(e.reasons.count == 1)
        #expect(reason.title == "Step 4 (RUN echo hi) is a new line: nothing like it was built after step 3 (COPY requirements.txt .) before")
        #expect(reason.details.contains("The steps after it now have a different parent, so they are rebuilt too."))
        let text = TeachingViews.explain(result, engine: engine, width: 200, colour: false)
        #expect(text.contains("rebuilt (a new line)"))
        #expect(text.contains("rebuilt (step 4 before it was rebuilt)"))
        #expect(!text.contains("at this position"))
    }

    @Test(arguments: builders) func aRemovedLineIsQuotedAndTheNewParentNamed(builder: Engine.BuilderKind) throws {
        let (e, result, engine) = try explained(Self.app, replacing("COPY requirements.txt .\n", ""), builder: builder)
        let reason = try #require(e.reasons.first)
        #expect(reason.title == "Step 3 (RUN pip install -r requirements.txt) was rebuilt because the line before it was removed")
        #expect(reason.details.first == "removed: COPY requirements.txt .")
        #expect(reason.details.last?.contains("its parent is now step 2 (WORKDIR /app)") == true)
        // Without requirements.txt, pip fails: that row is the failed step, and says why it ran.
        #expect(e.rows.first { $0.text.hasPrefix("RUN pip") }?.status == .failed)
        #expect(TeachingViews.explain(result, engine: engine, width: 200, colour: false).contains("ran (the line before it was removed) and failed: "))
    }

    @Test(arguments: builders) func swappedLinesSayTheOrderChanged(builder: Engine.BuilderKind) throws {
        let swapped = replacing("RUN pip install -r requirements.txt\nCOPY . .\n", "COPY . .\nRUN pip install -r requirements.txt\n")
        let (e, result, engine) = try explained(Self.app, swapped, builder: builder)
        let reason = try #require(e.reasons.first)
        #expect(reason.title == "Step 4 (COPY . .) was rebuilt because the order of the lines changed")
        #expect(reason.details.prefix(2) == ["before: it came right after RUN pip install -r requirements.txt", "now:    it comes right after COPY requirements.txt ."])
        #expect(TeachingViews.explain(result, engine: engine, width: 200, colour: false).contains("rebuilt (the order of lines changed)"))
    }

    @Test(arguments: builders) func aChangedFromNamesBothReferencesAndImages(builder: Engine.BuilderKind) throws {
        let (e, result, engine) = try explained(Self.app, replacing("python:3.12-slim", "python:3.13-slim"), builder: builder)
        #expect(e.reasons.count == 1)
        let reason = try #require(e.reasons.first)
        #expect(reason.title == "Step 1 (FROM python:3.13-slim) starts from a different base image")
        #expect(reason.details.first == "FROM changed: python:3.12-slim -> python:3.13-slim.")
        #expect(reason.details.dropFirst().first?.hasPrefix("The image is different: sha256:") == true)
        #expect(!reason.details.joined().contains("PYTHON_VERSION"))
        #expect(e.rows.first { $0.text == "WORKDIR /app" }?.status == .rebuiltParent)
        #expect(TeachingViews.explain(result, engine: engine, width: 200, colour: false).contains("rebuilt (its base image (step 1) changed)"))
    }

    @Test func aMultiLineRemovedInstructionIsQuotedByItsFirstLine() {
        #expect(BuildExplanation.lineText("RUN apt-get update && \\\n    apt-get install -y curl") == "RUN apt-get update && …")
        #expect(BuildExplanation.lineText("RUN echo hi") == "RUN echo hi")
    }

    // Regressions: the reasons that do not depend on where the line is keep their words.

    @Test(arguments: builders) func anEditedLineStillShowsWasAndNow(builder: Engine.BuilderKind) throws {
        let (e, _, _) = try explained(Self.app, replacing("pip install -r", "pip install -q -r"), builder: builder)
        let reason = try #require(e.reasons.first)
        #expect(reason.title == "Step 4 (RUN pip install -q -r requirements.txt) changed its instruction")
        #expect(reason.details.prefix(2) == ["was: RUN pip install -r requirements.txt", "now: RUN pip install -q -r requirements.txt"])
    }

    @Test(arguments: builders) func changedFilesAreStillListed(builder: Engine.BuilderKind) throws {
        var edited = Self.files
        edited["app.py"] = "print(2)\n"
        var engine = EngineState()
        try teachingBuild(&engine, Self.app, files: Self.files, builder: builder)
        let result = try teachingBuild(&engine, Self.app, files: edited, builder: builder)
        let reason = try #require(BuildExplanation(result, engine: engine).reasons.first)
        #expect(reason.title == "Step 5 (COPY . .) copies files that changed")
        #expect(reason.details.contains { $0.hasPrefix("  ~ /app.py") })
    }

    @Test(arguments: builders) func aChangedEnvIsStillAVariableOrAnEditedLine(builder: Engine.BuilderKind) throws {
        let first = "FROM alpine:3.20\nENV MODE=dev\nRUN echo $MODE\n"
        let (e, _, _) = try explained(first, "FROM alpine:3.20\nENV MODE=prod\nRUN echo $MODE\n", builder: builder, files: [:])
        let reason = try #require(e.reasons.first)
        if builder == .buildKit {
            #expect(reason.title.hasSuffix("sees a different variable"))
            #expect(reason.details.first == "ENV MODE: \"dev\" -> \"prod\"")
        } else {
            #expect(reason.title == "Step 2 (ENV MODE=prod) changed its instruction")
        }
    }

    @Test func aPrunedEntryIsStillNamed() throws {
        var engine = EngineState()
        try teachingBuild(&engine, Self.app, files: Self.files)
        _ = engine.pruneBuildCache(all: true)
        let result = try teachingBuild(&engine, Self.app, files: Self.files)
        let reason = try #require(BuildExplanation(result, engine: engine).reasons.first)
        #expect(reason.title == "Step 2 (WORKDIR /app) had the same inputs as before, but that cache entry is gone")
    }

    @Test func theShortFormsNameEachReason() {
        let rows = [LayerRow(number: 1, stage: nil, stageIndex: 0, text: "FROM alpine", size: nil, status: .baseImage, stepIndex: 0, duration: 0, inFinalImage: true),
                    LayerRow(number: 2, stage: nil, stageIndex: 0, text: "RUN a", size: 1, status: .rebuiltChanged, stepIndex: 1, duration: 0, inFinalImage: true)]
        #expect(TeachingViews.shortReason(.lineInserted(afterStep: 0), rows: rows) == "a new line")
        #expect(TeachingViews.shortReason(.parentLineRemoved(["RUN x", "RUN y"]), rows: rows) == "the lines before it were removed")
        #expect(TeachingViews.shortReason(.parentLineAdded(["RUN x"]), rows: rows) == "a line was added before it")
        #expect(TeachingViews.shortReason(.orderChanged(oldPrevious: nil, newPrevious: "RUN x"), rows: rows) == "the order of lines changed")
        #expect(TeachingViews.shortReason(.baseReferenceChanged(old: "a", new: "b", oldBase: "x", newBase: "y"), rows: rows) == "FROM names another image")
        #expect(TeachingViews.shortReason(.parentRebuilt(stepIndex: 0), rows: rows) == "its base image (step 1) changed")
        #expect(TeachingViews.shortReason(.parentRebuilt(stepIndex: 1), rows: rows) == "step 2 before it was rebuilt")
    }
}
