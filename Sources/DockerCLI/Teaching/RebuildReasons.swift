import Dockerfile
import Engine

extension BuildExplanation {
    /// The reason for the first rebuilt step of each stage (the later ones follow from it),
    /// plus a base image that moved.
    static func reasons(rows: [LayerRow], result: BuildResult) -> [RebuildReason] {
        var reasons: [RebuildReason] = []
        var explainedStages: Set<Int> = []
        for row in rows {
            guard let index = row.stepIndex, result.steps.indices.contains(index) else { continue }
            let step = result.steps[index]
            let stage = step.stageIndex ?? -1
            guard !explainedStages.contains(stage), !step.cached, let reason = step.missReason else { continue }
            if step.kind == .from {
                switch reason {
                case .baseImageChanged, .baseReferenceChanged: break
                default: continue
                }
            }
            explainedStages.insert(stage)
            reasons.append(describe(reason, row: row, step: step, rows: rows, result: result))
        }
        return reasons
    }

    static func describe(_ reason: CacheMissReason, row: LayerRow, step: BuildStep, rows: [LayerRow], result: BuildResult) -> RebuildReason {
        let what = "Step \(row.number) (\(shortInstruction(row.text)))"
        func make(_ title: String, _ details: [String]) -> RebuildReason {
            RebuildReason(rowNumber: row.number, stage: row.stage, title: what + " " + title, details: details)
        }
        switch reason {
        case .noCache:
            return make("ran again because of --no-cache", ["--no-cache skips the cache lookup: every step runs, even with the same inputs."])
        case .noPreviousBuild:
            return make("is new: nothing with these inputs was built before", ["The first build of a step always runs; the next build with the same inputs can reuse it."])
        case .parentRebuilt(let parent):
            let number = rows.first { $0.stepIndex == parent }?.number
            let parentText = result.steps.indices.contains(parent) ? shortInstruction(firstLine(result.steps[parent])) : "an earlier step"
            return make("was rebuilt because step \(number.map(String.init) ?? "?") (\(parentText)) was rebuilt",
                        ["A step's cache key includes its parent's key, so everything after a rebuilt step is rebuilt too."])
        case .instructionChanged(let old, let new):
            let keyword = { (text: String) in text.split(separator: " ").first.map { $0.uppercased() } ?? "" }
            if keyword(old) != keyword(new) {
                return make("replaces a different instruction that was built here before", markedChange(old: old, new: new))
            }
            return make("changed its instruction", markedChange(old: old, new: new))
        case .lineInserted(let after):
            let anchor = after.flatMap { index in rows.first { $0.stepIndex == index } }
                .map { "after step \($0.number) (\(shortInstruction($0.text)))" } ?? "at the start of its stage"
            var details = ["A line that was never built has no cache entry to reuse."]
            if rows.contains(where: { $0.number > row.number && $0.stageIndex == row.stageIndex && ($0.status == .rebuiltParent || $0.status == .rebuiltChanged) }) {
                details.append("The steps after it now have a different parent, so they are rebuilt too.")
            }
            return make("is a new line: nothing like it was built \(anchor) before", details)
        case .parentLineRemoved(let removed):
            var details = removed.map { "removed: " + lineText($0) }
            let parent = parentRow(of: row, rows: rows, result: result).map { "step \($0.number) (\(shortInstruction($0.text)))" } ?? "another step"
            details.append("Its cache key includes its parent's key: its parent is now \(parent), so the key is new even though the line itself did not change.")
            return make("was rebuilt because the line\(removed.count == 1 ? "" : "s") before it \(removed.count == 1 ? "was" : "were") removed", details)
        case .parentLineAdded(let added):
            var details = added.map { "added: " + lineText($0) }
            details.append("Its cache key includes its parent's key: the new line\(added.count == 1 ? " is" : "s are") now before it (taken from the cache of an earlier build), so its key is new.")
            return make("was rebuilt because a line was added before it", details)
        case .orderChanged(let oldPrevious, let newPrevious):
            return make("was rebuilt because the order of the lines changed", [
                "before: it came right after " + (oldPrevious.map(lineText) ?? "the FROM line"),
                "now:    it comes right after " + (newPrevious.map(lineText) ?? "the FROM line"),
                "A step's cache key includes its parent's key, so moving lines rebuilds from the first step whose parent differs.",
            ])
        case .filesChanged(let changes):
            // A RUN has files in its key only through `--mount=type=bind` (paths at the mount point).
            let mounted = step.kind == .run
            var details = [mounted ? "Files in a bind mount changed (content, mode or owner; never the mtime):" : "Files in the copied set changed (content, mode or owner; never the mtime):"]
            let width = changes.map { $0.path.count }.max() ?? 0
            for change in changes.prefix(12) {
                let mark = change.old == nil ? "+" : (change.new == nil ? "-" : "~")
                let old = change.old.map { String($0.hex.prefix(12)) } ?? "(new)"
                let new = change.new.map { String($0.hex.prefix(12)) } ?? "(removed)"
                details.append("  \(mark) \(change.path.padding(toLength: max(width, change.path.count), withPad: " ", startingAt: 0))  \(old) -> \(new)")
            }
            if changes.count > 12 { details.append("  … and \(changes.count - 12) more") }
            return make(mounted ? "mounts files that changed" : "copies files that changed", details)
        case .environmentChanged(let changes):
            var details: [String] = []
            for change in changes {
                let kind = change.isBuildArg ? "build arg" : "ENV"
                details.append("\(kind) \(change.name): \(quoted(change.old)) -> \(quoted(change.new))")
            }
            details.append("Variables a RUN can see are part of its cache key.")
            return make("sees a different variable", details)
        case .baseImageChanged(let old, let new):
            return make("starts from a different base image", ["The tag now points at another image: \(shortDigest(old)) -> \(shortDigest(new)).", "Every step on top of it is rebuilt; pin a digest to control when that happens."])
        case .baseReferenceChanged(let old, let new, let oldBase, let newBase):
            return make("starts from a different base image", ["FROM changed: \(old) -> \(new).", "The image is different: \(shortDigest(oldBase)) -> \(shortDigest(newBase)).", "The chain of cache keys starts at the base image, so every step on top of it is rebuilt."])
        case .cacheEntryRemoved:
            return make("had the same inputs as before, but that cache entry is gone", ["It was pruned (docker builder prune) or its image was removed, so the step ran again."])
        }
    }

    static func quoted(_ value: String?) -> String {
        guard let value else { return "(unset)" }
        // Long values (checksums, keys) would drown the change: keep their start.
        return "\"" + (value.count > 28 ? String(value.prefix(24)) + "…" : value) + "\""
    }

    static func shortDigest(_ text: String) -> String {
        if let at = text.range(of: "sha256:") {
            let hex = text[at.upperBound...].prefix(12)
            return String(text[..<at.lowerBound]) + "sha256:" + hex
        }
        return text
    }

    static func shortInstruction(_ text: String) -> String {
        DisplayWidth.ellipsis(text, maxWidth: 40)
    }

    /// An instruction as quoted in a reason: its first line, `…` when it goes on.
    static func lineText(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var first = String(lines.first ?? "").teachingTrimmed
        if lines.count > 1 {
            if first.hasSuffix("\\") { first = String(first.dropLast()).teachingTrimmed }
            first += " …"
        }
        return first
    }

    /// The row of the step that is `row`'s parent in its cache key: the row before it in the
    /// same stage that makes a step with a key (BuildKit: FROM, RUN, COPY/ADD, WORKDIR).
    static func parentRow(of row: LayerRow, rows: [LayerRow], result: BuildResult) -> LayerRow? {
        rows.last { candidate in
            guard candidate.number < row.number, candidate.stageIndex == row.stageIndex, let index = candidate.stepIndex, result.steps.indices.contains(index) else { return false }
            let step = result.steps[index]
            return result.builder == .classic || step.kind != .metadata
        }
    }

    /// `was:` / `now:` lines with carets under the part of the new text that differs.
    static func markedChange(old: String, new: String) -> [String] {
        let a = Array(old), b = Array(new)
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var lines = ["was: \(old)", "now: \(new)"]
        let changedNew = b.count - prefix - suffix
        let changedOld = a.count - prefix - suffix
        if changedNew > 0 {
            lines.append("     " + String(repeating: " ", count: DisplayWidth.of(String(b[..<prefix]))) + String(repeating: "^", count: max(1, DisplayWidth.of(String(b[prefix..<(prefix + changedNew)])))))
        } else if changedOld > 0 {
            lines.append("     " + String(repeating: " ", count: DisplayWidth.of(String(b[..<prefix]))) + "^ removed: \"\(String(a[prefix..<(prefix + changedOld)]))\"")
        }
        return lines
    }
}
