import Dockerfile
import Engine

/// How one row of the layer stack came to be. Every status has a symbol so the diagram reads
/// without colour (a projector, a log file, a colour-blind learner).
public enum LayerStatus: String, Hashable, Sendable, CaseIterable {
    case reused
    case rebuiltChanged
    case rebuiltParent
    case metadataOnly
    case baseImage
    /// The step where the build stopped (it ran and failed: no layer).
    case failed

    /// One ASCII character, shown in every row.
    public var symbol: Character {
        switch self {
        case .reused: return "="
        case .rebuiltChanged: return "*"
        case .rebuiltParent: return "^"
        case .metadataOnly: return "."
        case .baseImage: return "#"
        case .failed: return "x"
        }
    }

    /// The words beside the symbol.
    public var label: String {
        switch self {
        case .reused: return "reused from cache"
        case .rebuiltChanged: return "rebuilt: this step changed"
        case .rebuiltParent: return "rebuilt: an earlier step was rebuilt"
        case .metadataOnly: return "metadata only (no layer)"
        case .baseImage: return "base image"
        case .failed: return "failed: the build stopped here"
        }
    }

    /// ANSI SGR colour for terminals (green reused, red changed, yellow knock-on, dim
    /// metadata, blue base).
    public var ansi: String {
        switch self {
        case .reused: return "32"
        case .rebuiltChanged: return "1;31"
        case .rebuiltParent: return "33"
        case .metadataOnly: return "2"
        case .baseImage: return "34"
        case .failed: return "1;7;31"
        }
    }

    /// Fill and text colours for the SVG/HTML picture (high contrast for projectors).
    public var fill: String {
        switch self {
        case .reused: return "#d8f3dc"
        case .rebuiltChanged: return "#ffd6d6"
        case .rebuiltParent: return "#fff1c2"
        case .metadataOnly: return "#eeeeee"
        case .baseImage: return "#d6e4ff"
        case .failed: return "#ff9e9e"
        }
    }

    public var stroke: String {
        switch self {
        case .reused: return "#2d6a4f"
        case .rebuiltChanged: return "#b00020"
        case .rebuiltParent: return "#8a6d00"
        case .metadataOnly: return "#666666"
        case .baseImage: return "#1d4ed8"
        case .failed: return "#7f0000"
        }
    }
}

/// One row of the layer stack: a step of the build (or, for BuildKit, a config-only
/// instruction recovered from the image history).
public struct LayerRow: Hashable, Sendable {
    /// 1-based number in Dockerfile order across the whole build (what `explain N` takes).
    public var number: Int
    /// `builder`, `stage-1`; nil for a single-stage build.
    public var stage: String?
    public var stageIndex: Int?
    /// The instruction as written (first line of it).
    public var text: String
    /// Bytes of the layer; nil when the row has no layer.
    public var size: Int64?
    public var status: LayerStatus
    /// Index into `BuildResult.steps` (nil for rows recovered from history).
    public var stepIndex: Int?
    /// Simulated seconds this build spent on the row.
    public var duration: Double
    /// Part of the final image (false for steps of other stages).
    public var inFinalImage: Bool
}

/// The concrete reason the first rebuilt step of a stage missed the cache.
public struct RebuildReason: Hashable, Sendable {
    public var rowNumber: Int
    public var stage: String?
    public var title: String
    /// Detail lines (already worded; no colour).
    public var details: [String]
}

/// An image a rebuild took the tag from: it is now listed as `<none>:<none>`.
public struct UntaggedImage: Hashable, Sendable {
    public var id: ImageID
    /// The tag it had.
    public var tag: String
}

/// Everything the teaching views say about one build: computed from the build result and the
/// engine state after it; rendered as text, SVG or HTML by the renderers.
public struct BuildExplanation: Hashable, Sendable {
    public var rows: [LayerRow]
    public var reasons: [RebuildReason]
    public var reusedCount: Int
    public var rebuiltCount: Int
    public var duration: Double
    /// Simulated seconds a build with an empty cache would take for the same Dockerfile.
    public var coldDuration: Double
    public var newLayerBytes: Int64
    /// The image that lost its tag to this build (now `<none>:<none>`), with that tag.
    public var untagged: UntaggedImage?
    public var advice: [CacheAdvice]
    public var imageID: ImageID?
    public var tags: [String]
    public var failed: Bool
    public var builder: Engine.BuilderKind

    /// The time the cache saved.
    public var saved: Double { max(0, coldDuration - duration) }

    /// Works out the rows, reasons and figures.
    /// - Parameter before: the engine before the build, when the caller kept it (makes the
    ///   "left untagged" note exact; without it the newest dangling image is taken).
    public init(_ result: BuildResult, engine: EngineState, before: EngineState? = nil) {
        builder = result.builder
        imageID = result.imageID
        tags = result.tags
        failed = !result.succeeded
        duration = result.duration
        let finalStage = result.steps.compactMap(\.stageIndex).max()
        var rows: [LayerRow] = []
        var reused = 0, rebuilt = 0
        var saved = 0.0
        var newBytes: Int64 = 0
        var missedStages: Set<Int> = []
        for (index, step) in result.steps.enumerated() {
            if step.kind == .globalArg { continue }
            var status: LayerStatus
            var size = step.layerSize
            switch step.kind {
            case .from:
                status = .baseImage
                size = BuildExplanation.baseSize(step, result: result, engine: engine)
            case .metadata where !BuildExplanation.makesLayer(step.instruction):
                status = .metadataOnly
                if step.cached { reused += 1 } else {
                    rebuilt += 1
                    missedStages.insert(step.stageIndex ?? -1)
                }
            case _ where !result.succeeded && result.failure?.stepIndex == index:
                status = .failed
            default:
                if step.cached {
                    status = .reused
                    reused += 1
                    saved += BuildExplanation.estimate(step, builder: result.builder, engine: engine, index: index, result: result)
                } else {
                    let stageKey = step.stageIndex ?? -1
                    switch step.missReason {
                    case .parentRebuilt: status = .rebuiltParent
                    case .noPreviousBuild where missedStages.contains(stageKey), .none where missedStages.contains(stageKey):
                        status = .rebuiltParent
                    default: status = .rebuiltChanged
                    }
                    missedStages.insert(stageKey)
                    rebuilt += 1
                    newBytes += step.layerSize ?? 0
                }
            }
            if step.kind == .metadata && step.cached { saved += BuildExplanation.estimate(step, builder: result.builder, engine: engine) }
            let inFinal = step.stageIndex == finalStage
            rows.append(LayerRow(number: 0, stage: step.stageLabel, stageIndex: step.stageIndex, text: BuildExplanation.firstLine(step), size: size, status: status, stepIndex: index, duration: step.duration, inFinalImage: inFinal))
        }
        if result.builder == .buildKit, let id = result.imageID, let finalStage {
            rows = BuildExplanation.interleaveMetadata(rows, image: engine.images.images[id], finalStage: finalStage)
        }
        for i in rows.indices { rows[i].number = i + 1 }
        self.rows = rows
        reusedCount = reused
        rebuiltCount = rebuilt
        coldDuration = result.duration + saved
        newLayerBytes = newBytes
        reasons = BuildExplanation.reasons(rows: rows, result: result)
        untagged = result.steps.contains(where: { !$0.cached && $0.kind != .from && $0.kind != .globalArg })
            ? BuildExplanation.findUntagged(result, engine: engine, before: before) : nil
        advice = CacheAdvice.check(result)
    }

    /// Whether an instruction writes files (a classic step that failed early keeps the
    /// `.metadata` kind it started with, so the instruction decides).
    static func makesLayer(_ instruction: Instruction) -> Bool {
        switch instruction.kind {
        case .run, .copy, .workdir: return true
        default: return false
        }
    }

    static func isScratch(_ step: BuildStep) -> Bool {
        if case .from(let from) = step.instruction.kind { return from.image.lowercased() == "scratch" }
        return false
    }

    static func firstLine(_ step: BuildStep) -> String {
        let text = step.instruction.original
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text
        var trimmed = line.teachingTrimmed
        if trimmed.hasSuffix("\\") { trimmed = String(trimmed.dropLast()).teachingTrimmed + " …" }
        return (step.isTrigger ? "ONBUILD " : "") + trimmed
    }

    // MARK: Base image size

    static func familiar(_ name: String) -> String {
        var s = name
        for prefix in ["docker.io/library/", "docker.io/"] where s.hasPrefix(prefix) { s = String(s.dropFirst(prefix.count)); break }
        if s.contains("@") { return s }
        let last = s.split(separator: "/").last ?? Substring(s)
        return last.contains(":") ? s : s + ":latest"
    }

    static func baseSize(_ step: BuildStep, result: BuildResult, engine: EngineState) -> Int64? {
        guard case .from(let from) = step.instruction.kind else { return nil }
        if from.image.lowercased() == "scratch" { return 0 }
        if let pull = step.pull, let image = engine.images.images[pull.imageID] {
            return engine.images.size(of: image.id)
        }
        let name = familiar(from.image)
        if let record = engine.buildKitCache.baseImages[name] {
            return record.config.diffIDs.reduce(Int64(0)) { $0 + (engine.buildKitCache.layers[$1]?.size ?? engine.images.layerContents[$1]?.size ?? 0) }
        }
        if let id = step.imageID ?? engine.images.resolve(name) { return engine.images.size(of: id) }
        return nil
    }

    // MARK: Metadata rows (BuildKit keeps ENV, CMD, … in the config only)

    /// BuildKit steps are only the vertices (FROM, RUN, COPY/ADD, WORKDIR). The final image's
    /// history still lists every instruction, so config-only ones are put back between the
    /// vertices of the final stage by walking the history from the top.
    static func interleaveMetadata(_ rows: [LayerRow], image: Image?, finalStage: Int) -> [LayerRow] {
        guard let image else { return rows }
        let vertexRows = rows.indices.filter { rows[$0].stageIndex == finalStage && rows[$0].status != .baseImage }
        guard !vertexRows.isEmpty else { return rows }
        var remaining = vertexRows.count
        var insertions: [(afterRow: Int, rows: [LayerRow])] = []
        var pending: [LayerRow] = []
        var pointer = vertexRows.count - 1
        for entry in image.config.history.reversed() {
            if remaining == 0 { break }
            let by = entry.createdBy
            let isVertex = ["RUN ", "COPY ", "ADD ", "WORKDIR "].contains { by.hasPrefix($0) }
            if isVertex {
                if !pending.isEmpty { insertions.append((vertexRows[pointer], pending.reversed())); pending = [] }
                remaining -= 1
                pointer -= 1
            } else {
                pending.append(LayerRow(number: 0, stage: rows[vertexRows[0]].stage, stageIndex: finalStage, text: metadataText(by), size: nil, status: .metadataOnly, stepIndex: nil, duration: 0, inFinalImage: true))
            }
        }
        var out = rows
        for insertion in insertions.sorted(by: { $0.afterRow > $1.afterRow }) {
            out.insert(contentsOf: insertion.rows, at: insertion.afterRow + 1)
        }
        return out
    }

    /// History `created_by` of a BuildKit config step, made readable (`EXPOSE map[80/tcp:{}]`
    /// becomes `EXPOSE 80/tcp`).
    static func metadataText(_ createdBy: String) -> String {
        var text = createdBy
        if text.hasSuffix(" # buildkit") { text = String(text.dropLast(" # buildkit".count)) }
        if text.hasPrefix("EXPOSE map["), text.hasSuffix("]") {
            let inner = text.dropFirst("EXPOSE map[".count).dropLast()
            return "EXPOSE " + inner.split(separator: " ").map { $0.replacingOccurrences(of: ":{}", with: "") }.joined(separator: " ")
        }
        for keyword in ["CMD [", "ENTRYPOINT [", "SHELL ["] where text.hasPrefix(keyword) && text.hasSuffix("]") {
            // Go prints the array as ["a" "b"]; the Dockerfile spelling has commas.
            return text.replacingOccurrences(of: "\" \"", with: "\", \"")
        }
        return text
    }

    // MARK: Cold-build estimate

    /// How long a cached step took when it was built. COPY/ADD and WORKDIR follow the
    /// builder's own timing rules from the layer size; a RUN's time is the gap between its
    /// cache record (or classic intermediate image) and the one made just before it, since
    /// the simulated clock only moves by simulated work.
    static func estimate(_ step: BuildStep, builder: Engine.BuilderKind, engine: EngineState, index: Int? = nil, result: BuildResult? = nil) -> Double {
        switch step.kind {
        case .copy, .add:
            return 0.05 + Double(step.layerSize ?? 0) / 200_000_000
        case .workdir:
            return builder == .buildKit ? 0.02 : 0.15
        case .metadata:
            return 0.15
        case .run:
            if builder == .buildKit {
                guard let key = step.keyParts?.key, let record = engine.buildKitCache.records[key] else { return 0 }
                let earlier = engine.buildKitCache.records.values.filter { $0.created < record.created }.max { ($0.created, $0.key) < ($1.created, $1.key) }
                if let earlier, earlier.key == step.keyParts?.parent {
                    return record.created.secondsSince1970 - earlier.created.secondsSince1970
                }
                if let index, let result, let again = ColdBuildEstimate.rerun(index, result: result, engine: engine) { return again }
                guard let earlier else { return 0 }
                return record.created.secondsSince1970 - earlier.created.secondsSince1970
            }
            guard let id = step.imageID, let image = engine.images.images[id] else { return 0 }
            let earlier = engine.images.images.values.filter { $0.created < image.created }.map(\.created).max()
            guard let earlier else { return 0.15 }
            return image.created.secondsSince1970 - earlier.secondsSince1970
        default:
            return 0
        }
    }

    // MARK: Untagged image

    static func findUntagged(_ result: BuildResult, engine: EngineState, before: EngineState?) -> UntaggedImage? {
        guard let newID = result.imageID else { return nil }
        let dangling = Set(engine.images.danglingImages)
        if let before {
            for tag in result.tags {
                if let old = before.images.resolve(tag), old != newID, dangling.contains(old) { return UntaggedImage(id: old, tag: tag) }
            }
            return nil
        }
        guard let tag = result.tags.first else { return nil }
        let start = engine.clock.now.secondsSince1970 - result.duration
        let newLayers = engine.images.images[newID]?.config.diffIDs ?? []
        let candidates = dangling.compactMap { engine.images.images[$0] }
            .filter { $0.id != newID && $0.created.secondsSince1970 <= start }
        func shared(_ image: Image) -> Int { zip(image.config.diffIDs, newLayers).prefix { $0 == $1 }.count }
        guard let best = candidates.max(by: { (shared($0), $0.created, $0.id) < (shared($1), $1.created, $1.id) }), shared(best) > 0 else { return nil }
        return UntaggedImage(id: best.id, tag: tag)
    }
}
