import Engine

/// Dockyard's own views that explain the cache (Docker only says `CACHED`): the layer stack
/// after a build, reasons for rebuilds, the summary, cache advice, and the on-request views.
/// Pure functions of the build result and the engine: they never change anything.
public enum TeachingViews {
    /// What the REPL prints after a build's Docker output, when explanations are on: the layer
    /// stack, the reason for the first rebuild of each stage, the summary line, an untagged
    /// image note and cache advice.
    public static func afterBuild(_ result: BuildResult, engine: EngineState, width: Int, colour: Bool) -> String {
        afterBuild(result, engine: engine, before: nil, width: width, colour: colour)
    }

    /// As above; `before` (the engine before the build) makes the untagged-image note exact.
    public static func afterBuild(_ result: BuildResult, engine: EngineState, before: EngineState?, width: Int, colour: Bool) -> String {
        let explanation = BuildExplanation(result, engine: engine, before: before)
        // A build that failed before its first step has nothing to draw; Docker's error says it all.
        guard !explanation.rows.isEmpty else { return "" }
        let w = TeachingText.clampWidth(width)
        var lines = [""]
        lines += diagram(explanation, width: w, colour: colour)
        lines += reasonLines(explanation, width: w, colour: colour)
        lines += summaryLines(explanation, width: w)
        lines += untaggedLines(explanation, width: w)
        lines += adviceLines(explanation, width: w, colour: colour)
        lines += TeachingText.wrap("More: explain, explain N (one step), layers IMAGE.", width: w)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `watch` mode: only the diagram and the reason (and the one summary line).
    public static func watchView(_ result: BuildResult, engine: EngineState, width: Int, colour: Bool) -> String {
        let explanation = BuildExplanation(result, engine: engine)
        let w = TeachingText.clampWidth(width)
        var lines = diagram(explanation, width: w, colour: colour)
        lines += reasonLines(explanation, width: w, colour: colour)
        if let failure = result.failure {
            lines += TeachingText.wrap("The build failed: \(failure.message)", width: w)
        }
        if !explanation.rows.isEmpty { lines += summaryLines(explanation, width: w) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Diagram

    /// The layer stack, newest on top, with a legend.
    static func diagram(_ e: BuildExplanation, width: Int, colour: Bool) -> [String] {
        var lines: [String] = []
        let name = e.tags.first ?? e.imageID.map { $0.short } ?? "the build"
        lines.append(TeachingText.fit(e.failed ? "Layer stack so far (the build failed), newest on top:" : "Layer stack of \(name), newest on top:", width))
        let wide = width >= 64
        let numberWidth = max(2, String(e.rows.count).count)
        let sizeWidth = 8
        let statusWidth = 16
        let instructionWidth = wide
            ? max(8, width - numberWidth - 2 - 2 - 2 - sizeWidth - 2 - statusWidth)
            : max(6, width - numberWidth - 1 - 2 - 1 - 7)
        var currentStage: Int?? = .none
        let multiStage = Set(e.rows.compactMap(\.stageIndex)).count > 1
        for row in e.rows.reversed() {
            if multiStage, currentStage != .some(row.stageIndex) {
                currentStage = .some(row.stageIndex)
                let label = row.stage ?? "stage \(row.stageIndex.map(String.init) ?? "?")"
                let tail = row.inFinalImage ? " (final image)" : ""
                lines.append(TeachingText.fit("-- stage \(label)\(tail) --", width))
            }
            let number = TeachingText.padLeft(String(row.number), numberWidth)
            let text = TeachingText.padRight(TeachingText.fit(row.text, instructionWidth), instructionWidth)
            let line: String
            if wide {
                line = "\(number)  \(row.status.symbol) \(text)  \(TeachingText.padLeft(TeachingText.size(row.size), sizeWidth))  \(shortLabel(row.status))"
            } else {
                line = "\(number) \(row.status.symbol) \(text) \(TeachingText.padLeft(TeachingText.size(row.size), 7))"
            }
            lines.append(TeachingText.paint(trimTrailing(line), row.status.ansi, colour))
        }
        let present = LayerStatus.allCases.filter { s in e.rows.contains { $0.status == s } }
        let legend = present.map { "\($0.symbol) \($0.label)" }
        var legendLine = ""
        for item in legend {
            if DisplayWidth.of(item) > width {
                if !legendLine.isEmpty { lines.append(legendLine); legendLine = "" }
                lines += TeachingText.wrap(item, width: width, rest: "  ")
                continue
            }
            let candidate = legendLine.isEmpty ? item : legendLine + "   " + item
            if !legendLine.isEmpty && DisplayWidth.of(candidate) > width {
                lines.append(legendLine)
                legendLine = item
            } else {
                legendLine = candidate
            }
        }
        if !legendLine.isEmpty { lines.append(legendLine) }
        return lines
    }

    static func shortLabel(_ status: LayerStatus) -> String {
        switch status {
        case .reused: return "reused"
        case .rebuiltChanged: return "rebuilt: changed"
        case .rebuiltParent: return "rebuilt: parent"
        case .metadataOnly: return "config only"
        case .baseImage: return "base image"
        case .failed: return "FAILED"
        }
    }

    static func trimTrailing(_ s: String) -> String {
        var t = s
        while t.hasSuffix(" ") { t.removeLast() }
        return t
    }

    // MARK: Reasons, summary, notes, advice

    static func reasonLines(_ e: BuildExplanation, width: Int, colour: Bool) -> [String] {
        reasonLines(e.reasons, width: width, colour: colour)
    }

    static func reasonLines(_ reasons: [RebuildReason], width: Int, colour: Bool) -> [String] {
        var lines: [String] = []
        for reason in reasons {
            lines.append("")
            let stage = reason.stage.map { "[\($0)] " } ?? ""
            lines += TeachingText.wrap(stage + reason.title + ":", width: width, first: "Why: ", rest: "  ").map { TeachingText.paint($0, "1", colour) }
            for detail in reason.details {
                if detail.hasPrefix("was: ") || detail.hasPrefix("now: ") || detail.hasPrefix("     ") || detail.hasPrefix("  ") {
                    lines.append("  " + detail)
                } else {
                    lines += TeachingText.wrap(detail, width: width, first: "  ", rest: "  ")
                }
            }
        }
        return lines
    }

    static func summaryLines(_ e: BuildExplanation, width: Int) -> [String] {
        var lines = [""]
        lines += TeachingText.wrap("Summary: \(e.reusedCount) step\(e.reusedCount == 1 ? "" : "s") reused, \(e.rebuiltCount) rebuilt, \(Units.imageSize(e.newLayerBytes)) of new layers.", width: width, rest: "  ")
        lines += TeachingText.wrap("Time: \(TeachingText.seconds(e.duration)); a cold build takes \(TeachingText.seconds(e.coldDuration)), so the cache saved \(TeachingText.seconds(e.saved)).", width: width, rest: "  ")
        return lines
    }

    static func untaggedLines(_ e: BuildExplanation, width: Int) -> [String] {
        guard let old = e.untagged else { return [] }
        return TeachingText.wrap("Note: the tag \(old.tag) moved to the new image, so the image it named before (\(old.id.short)) is now <none>:<none>, a dangling image that still takes disk space. Remove it with `docker image prune`.", width: width)
    }

    static func adviceLines(_ e: BuildExplanation, width: Int, colour: Bool) -> [String] {
        guard !e.advice.isEmpty else { return [] }
        var lines = ["", TeachingText.paint("Cache advice:", "1", colour)]
        for a in e.advice {
            let rule = a.rule.map { " [\($0)]" } ?? ""
            lines += TeachingText.wrap("line \(a.line)\(rule): \(a.finding)", width: width, first: "- ", rest: "  ")
            lines += TeachingText.wrap(a.why, width: width, first: "  why: ", rest: "       ")
            lines += TeachingText.wrap(a.fix, width: width, first: "  fix: ", rest: "       ")
        }
        return lines
    }

    // MARK: explain

    /// `explain`: every decision of the last build.
    public static func explain(_ result: BuildResult, engine: EngineState, width: Int, colour: Bool) -> String {
        let e = BuildExplanation(result, engine: engine)
        let w = TeachingText.clampWidth(width)
        var lines = diagram(e, width: w, colour: colour)
        lines.append("")
        lines.append("Decisions, in build order:")
        for row in e.rows {
            let step = row.stepIndex.flatMap { result.steps.indices.contains($0) ? result.steps[$0] : nil }
            let head = "\(row.number). \(row.status.symbol) \(row.text)"
            lines.append(TeachingText.fit(head, w))
            lines += TeachingText.wrap(decision(row, step: step, e: e, result: result), width: w, first: "     ", rest: "     ")
        }
        lines += reasonLines(e, width: w, colour: colour)
        lines += summaryLines(e, width: w)
        lines += untaggedLines(e, width: w)
        lines += adviceLines(e, width: w, colour: colour)
        lines.append("")
        lines += TeachingText.wrap("explain N shows one step with the parts of its cache key.", width: w)
        return lines.joined(separator: "\n") + "\n"
    }

    static func decision(_ row: LayerRow, step: BuildStep?, e: BuildExplanation, result: BuildResult) -> String {
        switch row.status {
        case .baseImage:
            if let pull = step?.pull { return "base image, pulled (\(pull.manifestDigest.digest.short)); its layers are shared, never rebuilt" }
            return "base image: its layers are used as they are, never rebuilt"
        case .metadataOnly:
            return step?.cached == true ? "config only (no filesystem change); taken from the cache" : "changes only the image config (no layer); costs no disk"
        case .reused:
            return "cache hit: same parent and same inputs as an earlier build; \(TeachingText.size(row.size)) layer reused"
        case .failed:
            let why = step?.missReason.map { " (\(shortReason($0, rows: e.rows)))" } ?? ""
            return "ran\(why) and failed: " + (result.failure?.message ?? "the step did not complete") + "; nothing after it ran"
        case .rebuiltChanged, .rebuiltParent:
            guard let step, let reason = step.missReason else { return "rebuilt" }
            return "rebuilt (\(shortReason(reason, rows: e.rows))); took \(TeachingText.seconds(step.duration)), \(step.layerSize.map { "wrote " + Units.imageSize($0) } ?? "no layer")"
                + step.cacheMounts.map { "; cache mount \($0.target) " + ($0.wasWarm ? "held \($0.filesBefore) file\($0.filesBefore == 1 ? "" : "s") from earlier builds" : "started empty") }.joined()
        }
    }

    static func shortReason(_ reason: CacheMissReason, rows: [LayerRow]) -> String {
        switch reason {
        case .noCache: return "--no-cache"
        case .noPreviousBuild: return "new: never built with these inputs"
        case .parentRebuilt(let index):
            let parent = rows.first { $0.stepIndex == index }
            if parent?.status == .baseImage { return "its base image (step \(parent.map { String($0.number) } ?? "?")) changed" }
            return "step \(parent.map { String($0.number) } ?? "?") before it was rebuilt"
        case .instructionChanged: return "its instruction changed"
        case .lineInserted: return "a new line"
        case .parentLineRemoved(let lines): return "the line\(lines.count == 1 ? " before it was" : "s before it were") removed"
        case .parentLineAdded: return "a line was added before it"
        case .orderChanged: return "the order of lines changed"
        case .baseReferenceChanged: return "FROM names another image"
        case .filesChanged(let files): return "\(files.count) copied file\(files.count == 1 ? "" : "s") changed"
        case .environmentChanged(let vars): return "variable\(vars.count == 1 ? "" : "s") \(vars.map(\.name).joined(separator: ", ")) changed"
        case .baseImageChanged: return "the base image changed"
        case .cacheEntryRemoved: return "its cache entry was removed"
        }
    }

    /// `explain N`: one step with its cache key's parts. Nil when N is not a step.
    public static func explainStep(_ number: Int, result: BuildResult, engine: EngineState, width: Int, colour: Bool) -> String? {
        let e = BuildExplanation(result, engine: engine)
        guard let row = e.rows.first(where: { $0.number == number }) else { return nil }
        let w = TeachingText.clampWidth(width)
        let step = row.stepIndex.flatMap { result.steps.indices.contains($0) ? result.steps[$0] : nil }
        var lines = [TeachingText.paint("Step \(row.number): \(row.text)", "1", colour)]
        if let stage = row.stage { lines.append("  stage:  \(stage)") }
        lines.append("  status: \(row.status.symbol) \(row.status.label)")
        lines.append("  layer:  \(TeachingText.size(row.size))" + (row.duration > 0 ? ", took \(TeachingText.seconds(row.duration))" : ""))
        lines += TeachingText.wrap(decision(row, step: step, e: e, result: result), width: w, first: "  ", rest: "  ")
        if let parts = step?.keyParts {
            lines.append("  cache key: \(parts.key.short)  (made of:)")
            if let parent = parts.parent {
                lines.append("    parent:      \(parent.short)" + (result.builder == .classic ? " (the image of the step before)" : " (the key of the step before)"))
            } else {
                lines.append("    parent:      none (first step)")
            }
            lines += TeachingText.wrap(parts.operation, width: w, first: "    instruction: ", rest: "                 ")
            if let base = parts.base { lines.append("    base:        \(BuildExplanation.shortDigest(base))") }
            if !parts.environment.isEmpty {
                lines.append("    variables:")
                for name in parts.environment.keys.sorted() {
                    let kind = parts.buildArgNames.contains(name) ? " (build arg)" : ""
                    lines.append(TeachingText.fit("      \(name)=\(parts.environment[name] ?? "")\(kind)", w))
                }
            }
            if !parts.files.isEmpty {
                lines.append("    file checksums (\(parts.files.count)):")
                // Sorted: the engine lists a directory's files in no fixed order.
                for file in parts.files.sorted(by: { $0.path < $1.path }).prefix(20) {
                    lines.append(TeachingText.fit("      \(file.checksum.short)  \(file.path)", w))
                }
                if parts.files.count > 20 { lines.append("      … and \(parts.files.count - 20) more") }
            }
            lines += TeachingText.wrap("Change any part and the key changes: the step and every step after it is rebuilt.", width: w, first: "  ", rest: "  ")
        } else if row.status == .metadataOnly && result.builder == .buildKit {
            lines += TeachingText.wrap("BuildKit records this in the image config only: it has no cache key of its own and no layer.", width: w, first: "  ", rest: "  ")
        }
        if let step, let reason = step.missReason, !step.cached {
            let r = BuildExplanation.describe(reason, row: row, step: step, rows: e.rows, result: result)
            lines += reasonLines([r], width: w, colour: colour)
        }
        if let step, !step.notes.isEmpty {
            lines.append("  notes:")
            for note in step.notes { lines += TeachingText.wrap(note, width: w, first: "    ", rest: "    ") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
