import Dockerfile

/// The classic builder: every instruction is a step, probed against the children of the
/// current image (`container_config` compared), committed as an intermediate image on a miss.
/// The first miss busts the cache for the rest of the build (moby `imageProber`).
extension BuildRun {
    static let dockerVersion = "28.5.2"

    /// A child of `parent` (nil = images without parent) whose probe config equals `probe`.
    func classicCacheHit(parent: ImageID?, probe: ContainerConfig) -> ImageID? {
        let candidates: [ImageID]
        if let parent {
            candidates = Array(state.images.children[parent] ?? [])
        } else {
            candidates = state.images.images.values.filter { $0.parent == nil }.map(\.id)
        }
        // Several matches: the newest wins, as moby's store iteration effectively picks one.
        return candidates
            .compactMap { state.images.images[$0] }
            .filter { $0.config.containerConfig == probe }
            .max { ($0.created, $0.id) < ($1.created, $1.id) }?.id
    }

    mutating func dispatchClassic(_ instruction: Instruction, stage: Int, isTrigger: Bool, st: inout StageState) throws(BuildFailure) {
        let scope = st.scope
        let range = instruction.range
        let stepIndex = steps.count
        var step = BuildStep(kind: .metadata, stageIndex: stage, stageLabel: multiStage ? stageLabel(stage) : nil, instruction: instruction, isTrigger: isTrigger, cached: false, hidden: false, output: [], notes: [], duration: 0)
        if !isTrigger {
            classicStepCounter += 1
            step.classicNumber = classicStepCounter
            step.classicTotal = classicTotal
        }
        step.classicText = instruction.original
        steps.append(step)

        var next = st
        var probeCmd: [String]
        var createsContainer = true
        var invocation: ShellInvocation?
        var plan: CopyPlan?
        var workdir: String?
        var extraEnv: [String: String] = [:]
        var argNames: Set<String> = []

        switch instruction.kind {
        case .run(let run):
            step.kind = .run
            // The classic RUN takes no flags and refuses the first one used (moby `dispatchRun`).
            let used = [("mount", !run.mounts.isEmpty), ("network", run.network != nil), ("security", run.security != nil)]
                .filter(\.1).map(\.0)
                .min { (instruction.original.firstRange(of: "--" + $0)?.lowerBound ?? instruction.original.endIndex) < (instruction.original.firstRange(of: "--" + $1)?.lowerBound ?? instruction.original.endIndex) }
            if let flag = used {
                throw failure("the --\(flag) option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled", range: range, step: stepIndex)
            }
            let argv = commandArgv(run.command, st)
            let args = st.effectiveArgs
            probeCmd = args.isEmpty ? argv : ["|\(args.count)"] + args.map { $0.0 + "=" + $0.1 } + argv
            var env = st.config.envDictionary
            for (name, value) in args {
                env[name] = value
                extraEnv[name] = value
            }
            argNames = Set(args.map(\.0))
            invocation = ShellInvocation(argv: argv, environment: env, workingDirectory: st.config.workingDir.isEmpty ? "/" : st.config.workingDir, user: st.config.user.isEmpty ? "root" : st.config.user, stdin: run.heredocs.first?.content)
        case .copy(let copy):
            step.kind = copy.isAdd ? .add : .copy
            if copy.chmod != nil {
                throw failure("the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled", range: range, step: stepIndex)
            }
            let p = try planCopy(copy, st: &st, range: range, stepIndex: stepIndex)
            plan = p
            createsContainer = false
            probeCmd = ["/bin/sh", "-c", "#(nop) \(copy.isAdd ? "ADD" : "COPY") \(p.classicSource) in \(p.destination) "]
            step.notes.append(contentsOf: p.notes)
        case .workdir(let raw):
            step.kind = .workdir
            let expanded = try expand(raw, scope, range: range)
            let path = FileTree.normalize(expanded, cwd: st.config.workingDir.isEmpty ? "/" : st.config.workingDir)
            workdir = path
            next.config.workingDir = path
            probeCmd = ["/bin/sh", "-c", "#(nop) WORKDIR \(path)"]
        default:
            guard let text = try applyMetadata(instruction, scope: scope, range: range, st: &next, classic: true) else {
                steps.removeLast()
                recordLine(instruction.original, parts: nil, stepIndex: nil)
                return
            }
            probeCmd = ["/bin/sh", "-c", "#(nop)  " + text]
        }
        var probe = next.config
        probe.cmd = probeCmd
        var env = probe.envDictionary
        for (k, v) in extraEnv { env[k] = v }
        let key = Digest.sha256(probe.canonicalBytes() + Array((st.imageID?.digest.string ?? "").utf8))
        let parts = CacheKeyParts(parent: st.imageID?.digest, operation: probeCmd.joined(separator: " "), environment: env, buildArgNames: argNames, files: plan?.files ?? [], base: nil, key: key)
        step.keyParts = parts

        if !options.noCache, classicFirstMiss == nil, let hit = classicCacheHit(parent: st.imageID, probe: probe), let image = state.images.images[hit] {
            step.cached = true
            if image.config.diffIDs.count > st.layers.count, let diffID = image.config.diffIDs.last, let layer = state.images.layerContents[diffID] {
                next.deferApply(layer)
                next.layers.append(layer)
                step.layerSize = layer.size
            }
            next.config = image.config.config
            next.history = image.config.history
            next.historyTimed = Array(repeating: true, count: image.config.history.count)
            next.historyJSON = nil
            next.imageID = hit
            step.imageID = hit
            settleBaseChange(hit: true, st: &next)
        } else {
            settleBaseChange(hit: false, st: &next)
            step.missReason = missReason(text: instruction.original, parts: parts, rebuiltStep: classicFirstMiss ?? next.rebuiltStep)
            if createsContainer { step.containerID = state.ids.next64() }
            // `next` is about to change its filesystem in place: drop the old state's reference
            // first so the tree is not copied (a RUN needs the old tree as its diff base).
            if invocation == nil { st.fs = FileTree() }
            var changes = FileTree()
            var duration = 0.15
            if let invocation {
                var input = st.fs
                input.beginTracking()
                let outcome = shell.run(invocation, on: input)
                step.output = outcome.output
                step.notes.append(contentsOf: outcome.notes)
                duration += sanitizedDuration(outcome.duration)
                if outcome.exitCode != 0 {
                    state.clock.advance(by: duration)
                    step.duration = duration
                    steps[stepIndex] = step
                    throw failure("The command '\(invocation.argv.joined(separator: " "))' returned a non-zero code: \(outcome.exitCode)", range: range, step: stepIndex, exit: outcome.exitCode, command: true)
                }
                var result = outcome.filesystem
                changes = Layer.diff(from: st.fs, to: result).changes
                result.endTracking()
                next.fs = result
            } else if let plan {
                changes = BuildRun.apply(plan, to: &next.fs)
                duration = 0.05 + Double(changes.entries.values.reduce(Int64(0)) { $0 + $1.size }) / 200_000_000
            } else if let workdir, workdir != "/", !next.fs.isDirectory(workdir) {
                var created = [workdir]
                var parent = FileTree.parent(of: workdir)
                while parent != "/" && next.fs[parent] == nil {
                    created.append(parent)
                    parent = FileTree.parent(of: parent)
                }
                for path in created.reversed() {
                    next.fs.set(path, .directory())
                    changes.set(path, .directory())
                }
            }
            state.clock.advance(by: duration)
            step.duration = duration
            let layer = Layer(changes: changes)
            let empty = changes.entries.isEmpty
            if !empty {
                next.layers.append(layer)
                step.layerSize = layer.size
            }
            let entry = HistoryEntry(created: state.clock.now, createdBy: probeCmd.joined(separator: " "), comment: "", emptyLayer: empty)
            // Each step's image carries the whole history: extend the parent's serialized bytes
            // by one entry instead of re-serializing everything (keeps long builds tractable).
            let previous = st.historyJSON ?? ImageConfig.serializeHistory(st.history[...], after: [])
            next.historyJSON = ImageConfig.serializeHistory([entry], after: previous)
            next.history.append(entry)
            next.historyTimed.append(true)
            let config = ImageConfig(architecture: st.architecture, os: st.os, config: next.config, created: state.clock.now, history: next.history, diffIDs: next.layers.map(\.diffID), parent: st.imageID, container: step.containerID, containerConfig: probe, dockerVersion: BuildRun.dockerVersion)
            let image = Image(config: config, id: ImageID(Digest.sha256(config.canonicalJSON(serializedHistory: next.historyJSON))), parent: st.imageID)
            state.images.add(image, layers: next.layers)
            next.imageID = image.id
            step.imageID = image.id
            if classicFirstMiss == nil { classicFirstMiss = stepIndex }
        }
        st = next
        recordLine(instruction.original, parts: parts, stepIndex: stepIndex)
        steps[stepIndex] = step
    }

    func finishClassic(_ st: StageState) throws(BuildFailure) -> ImageID {
        guard let id = st.imageID else { throw failure("No image was generated. Is your Dockerfile empty?") }
        return id
    }
}

extension ContainerConfig {
    /// The canonical JSON of this config (the classic probe's identity).
    func canonicalBytes() -> [UInt8] {
        var w = JSONWriter()
        write(&w)
        return w.bytes
    }
}
