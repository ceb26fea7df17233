import Dockerfile
import Engine

/// How long a reused BuildKit RUN took when it was built, when its cache record was not made
/// right after its parent's (the first rebuilt step of some earlier build: the gap to the
/// record before it may span the pause between two builds on the real clock). The RUN is
/// simulated again on the same filesystem with the same argv and environment: the simulated
/// shell is deterministic, so this is the time it took then.
enum ColdBuildEstimate {
    static func rerun(_ index: Int, result: BuildResult, engine: EngineState) -> Double? {
        guard result.steps.indices.contains(index) else { return nil }
        let step = result.steps[index]
        guard let stage = step.stageIndex, let parts = step.keyParts, parts.operation.hasPrefix("RUN "),
              let argv = parseQuotedList(String(parts.operation.dropFirst(4))), !argv.isEmpty,
              let from = result.steps[..<index].last(where: { $0.stageIndex == stage && $0.kind == .from }),
              case .from(let fromInstruction) = from.instruction.kind else { return nil }
        var fs = FileTree()
        var cwd = "/"
        if fromInstruction.image.lowercased() != "scratch" {
            guard let base = baseImage(from, name: fromInstruction.image, engine: engine) else { return nil }
            for diffID in base.diffIDs {
                guard let layer = engine.buildKitCache.layers[diffID] ?? engine.images.layerContents[diffID] else { return nil }
                layer.apply(to: &fs)
            }
            if !base.config.workingDir.isEmpty { cwd = base.config.workingDir }
        }
        let earlier = result.steps[..<index].filter { $0.stageIndex == stage && [.run, .copy, .add, .workdir].contains($0.kind) && !$0.isTrigger }
        for other in earlier {
            guard let key = other.keyParts?.key, let record = engine.buildKitCache.records[key] else { return nil }
            if let diffID = record.diffID {
                guard let layer = engine.buildKitCache.layers[diffID] else { return nil }
                layer.apply(to: &fs)
            }
            if other.kind == .workdir, let op = other.keyParts?.operation, op.hasPrefix("mkdir -p ") { cwd = String(op.dropFirst(9)) }
        }
        var stdin: String?
        if case .run(let run) = step.instruction.kind, let doc = run.heredocs.first, argv.last != doc.content { stdin = doc.content }
        let invocation = ShellInvocation(argv: argv, environment: parts.environment, workingDirectory: cwd, user: "root", stdin: stdin)
        let outcome = SimulatedShell().run(invocation, on: fs)
        guard outcome.exitCode == 0 else { return nil }
        return max(0, outcome.duration)
    }

    static func baseImage(_ from: BuildStep, name: String, engine: EngineState) -> ImageConfig? {
        if let base = from.keyParts?.base, let record = engine.buildKitCache.baseImages.values.first(where: { $0.manifestDigest.digest.string == base || $0.config.imageID.digest.string == base }) {
            return record.config
        }
        if let record = engine.buildKitCache.baseImages[BuildExplanation.familiar(name)] { return record.config }
        if let id = from.imageID ?? engine.images.resolve(name) { return engine.images.images[id]?.config }
        return nil
    }

    /// Reads Go's `%q` of a string slice (`["/bin/sh" "-c" "pip install x"]`).
    static func parseQuotedList(_ text: String) -> [String]? {
        var scalars = Array(text.unicodeScalars)[...]
        guard scalars.first == "[", scalars.last == "]" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var items: [String] = []
        while let first = scalars.first {
            if first == " " { scalars.removeFirst(); continue }
            guard first == "\"" else { return nil }
            scalars.removeFirst()
            var item = String.UnicodeScalarView()
            var closed = false
            while let c = scalars.popFirst() {
                if c == "\"" { closed = true; break }
                if c == "\\" {
                    guard let e = scalars.popFirst() else { return nil }
                    switch e {
                    case "n": item.append("\n")
                    case "t": item.append("\t")
                    case "r": item.append("\r")
                    case "a": item.append("\u{07}")
                    case "b": item.append("\u{08}")
                    case "f": item.append("\u{0C}")
                    case "v": item.append("\u{0B}")
                    case "x":
                        guard scalars.count >= 2, let v = UInt32(String(String.UnicodeScalarView(scalars.prefix(2))), radix: 16), let s = Unicode.Scalar(v) else { return nil }
                        scalars = scalars.dropFirst(2)
                        item.append(s)
                    default: item.append(e)
                    }
                } else {
                    item.append(c)
                }
            }
            guard closed else { return nil }
            items.append(String(item))
        }
        return items
    }
}
