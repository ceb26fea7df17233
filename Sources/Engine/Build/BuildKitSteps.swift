import Dockerfile

/// BuildKit: FROM, RUN, COPY/ADD and WORKDIR are vertices keyed by their definition plus the
/// parent vertex's key (COPY sources by content); everything else only edits the config.
extension BuildRun {
    mutating func runVertex(_ instruction: Instruction, stage: Int, isTrigger: Bool, index: Int, total: Int, st: inout StageState) throws(BuildFailure) {
        let scope = st.scope
        let range = instruction.range
        let stepIndex = steps.count
        var vertexName = (isTrigger ? "ONBUILD " : "") + vertexText(instruction, scope)
        // A lone heredoc is named with its first line (dockerfile2llb `summarizeHeredoc`).
        if case .run(let run) = instruction.kind, case .shell(let text) = run.command, BuildRun.isLoneHeredoc(text), let doc = run.heredocs.first {
            vertexName += " (" + BuildRun.summarizeHeredoc(doc.content) + ")"
        }
        var step = BuildStep(kind: .run, stageIndex: stage, stageLabel: multiStage ? stageLabel(stage) : nil, instruction: instruction, isTrigger: isTrigger, vertexIndex: index, vertexTotal: total, vertexText: vertexName, cached: false, hidden: false, output: [], notes: [], duration: 0)
        // Appended early so that failures point at it; updated at the end.
        steps.append(step)

        var keyHasher = SHA256()
        keyHasher.update(st.key.string + "\n")
        var parts = CacheKeyParts(parent: st.key, operation: "", environment: [:], buildArgNames: [], files: [], base: nil, key: st.key)
        var createdBy = ""
        var invocation: ShellInvocation?
        var plan: CopyPlan?
        var workdir: String?
        var mounts: [PreparedMount] = []

        switch instruction.kind {
        case .run(let run):
            step.kind = .run
            var argv = commandArgv(run.command, st)
            let stdin: String? = nil
            // What runs, when it differs from the recorded argv (a shebang heredoc).
            var simulatedArgv: [String]?
            if let doc = run.heredocs.first, case .shell(let text) = run.command {
                let shell = st.config.shell ?? ["/bin/sh", "-c"]
                if BuildRun.isLoneHeredoc(text) {
                    if doc.content.hasPrefix("#!") {
                        // BuildKit mounts the body at /dev/pipes/NAME and runs that file;
                        // the simulator runs its interpreter on the body.
                        argv = ["/dev/pipes/" + doc.name]
                        simulatedArgv = BuildRun.shebangArgv(doc.content, shell: shell)
                    } else {
                        // The body is the shell script ("fake" heredoc, dockerfile2llb).
                        argv = shell + [doc.content]
                    }
                } else {
                    // `RUN <<EOF bash`, `RUN cat <<A <<B`: the command line with the bodies put
                    // back after it, for the shell to read as here-documents.
                    argv = shell + [run.heredocs.reduce(text) { $0 + "\n" + $1.content + $1.name }]
                }
            }
            // The exec env is the image ENV plus every ARG in scope with a value, ENV winning:
            // exactly the expansion scope, which the stage keeps up to date.
            let env = st.scope
            let args = st.effectiveArgs
            parts.environment = env
            parts.buildArgNames = Set(args.map(\.0))
            parts.operation = "RUN " + GoFormat.quotedList(argv)
            let user = st.config.user.isEmpty ? "root" : st.config.user
            let cwd = st.config.workingDir.isEmpty ? "/" : st.config.workingDir
            keyHasher.update("run\n" + argv.joined(separator: "\u{0}") + "\n")
            keyHasher.update("env=" + st.scopeDigest.hex)
            let prepared = try prepareMounts(run, scope: scope, cwd: cwd, range: range, stepIndex: stepIndex)
            mounts = prepared.mounts
            parts.files = prepared.files
            keyHasher.update("\ncwd=" + cwd + "\nuser=" + user + "\nnetwork=" + (run.network ?? "") + "\nsecurity=" + (run.security ?? "") + "\nmounts=" + run.mounts.joined(separator: ";") + prepared.key + "\nstdin=" + (stdin ?? ""))
            let historyArgs = st.buildKitHistoryArgs
            let prefix = historyArgs.isEmpty ? "" : "|\(historyArgs.count) " + historyArgs.map { $0.0 + "=" + $0.1 }.joined(separator: " ") + " "
            createdBy = "RUN " + prefix + argv.joined(separator: " ") + " # buildkit"
            // Secrets exposed with `env=` reach the process only, never the key or the config.
            invocation = ShellInvocation(argv: simulatedArgv ?? argv, environment: env.merging(prepared.env) { _, secret in secret }, workingDirectory: cwd, user: user, stdin: stdin)
        case .copy(let copy):
            step.kind = copy.isAdd ? .add : .copy
            let p = try planCopy(copy, st: &st, range: range, stepIndex: stepIndex, collectEntries: false)
            plan = p
            parts.files = p.files
            let flags = [copy.chown.map { "--chown=" + $0 }, copy.chmod.map { "--chmod=" + $0 }, copy.link ? "--link" : nil, copy.parents ? "--parents" : nil].compactMap { $0 } + copy.excludes.map { "--exclude=" + $0 }
            parts.operation = (copy.isAdd ? "ADD " : "COPY ") + (flags + p.sources + [p.destination]).joined(separator: " ")
            keyHasher.update("copy\n" + parts.operation + "\n")
            let workdirNow = st.config.workingDir.isEmpty ? "/" : st.config.workingDir
            keyHasher.update("dest=" + FileTree.normalize(p.destination, cwd: workdirNow) + (p.destination.hasSuffix("/") ? "/" : "") + "\n")
            keyHasher.update("files=" + p.filesDigest.hex)
            // BuildKit's commit message: keyword, --parents/--chown/--chmod (never --from), sources,
            // destination (`dispatchCopy` in dockerfile2llb).
            var message = [copy.isAdd ? "ADD" : "COPY"]
            if copy.parents { message.append("--parents") }
            if let chown = copy.chown { message.append("--chown=" + (try expand(chown, scope, range: range))) }
            if let chmod = copy.chmod { message.append("--chmod=" + (try expand(chmod, scope, range: range))) }
            createdBy = (message + p.sources + [p.destination]).joined(separator: " ") + " # buildkit"
            step.notes.append(contentsOf: p.notes)
        case .workdir(let raw):
            step.kind = .workdir
            let expanded = try expand(raw, scope, range: range)
            let path = FileTree.normalize(expanded, cwd: st.config.workingDir.isEmpty ? "/" : st.config.workingDir)
            workdir = path
            st.config.workingDir = path
            let user = st.config.user.isEmpty ? "root" : st.config.user
            parts.operation = "mkdir -p " + path
            keyHasher.update("mkdir\n" + path + "\nuser=" + user)
            createdBy = "WORKDIR " + path
        default:
            return
        }
        let key = Digest.finishing(&keyHasher)
        parts.key = key
        step.keyParts = parts

        if !options.noCache, let record = state.buildKitCache.records[key], let layer = record.diffID.flatMap({ state.buildKitCache.layers[$0] }) {
            step.cached = true
            st.deferApply(layer)
            st.layers.append(layer)
            step.layerSize = layer.size
            st.appendHistory(HistoryEntry(created: record.created, createdBy: createdBy, comment: "buildkit.dockerfile.v0", emptyLayer: false), timed: true)
            state.buildKitCache.touch(key, at: state.clock.now)
            settleBaseChange(hit: true, st: &st)
        } else {
            settleBaseChange(hit: false, st: &st)
            step.missReason = missReason(text: instruction.original, parts: parts, rebuiltStep: st.rebuiltStep)
            var changes: FileTree
            var duration: Double
            if let invocation {
                var input = st.fs
                input.beginTracking()
                BuildRun.overlay(mounts, on: &input)
                let outcome = shell.run(invocation, on: input)
                step.output = outcome.output
                step.notes.append(contentsOf: outcome.notes)
                duration = sanitizedDuration(outcome.duration)
                if outcome.exitCode != 0 {
                    // Cache mounts are mutable: what a failed command left in them stays.
                    if !mounts.isEmpty {
                        var discarded = outcome.filesystem
                        settleMounts(mounts, after: &discarded, before: st.fs, argv: invocation.argv, step: &step, duration: duration, coldDuration: nil)
                    }
                    state.clock.advance(by: duration)
                    step.duration = duration
                    steps[stepIndex] = step
                    throw failure("process \"\(invocation.argv.joined(separator: " "))\" did not complete successfully: exit code: \(outcome.exitCode)", range: range, step: stepIndex)
                }
                var result = outcome.filesystem
                if !mounts.isEmpty {
                    // What the warm cache saved: the same command over empty cache mounts (the
                    // simulated shell is deterministic, so this is the cold run's time).
                    var coldDuration: Double?
                    if mounts.contains(where: { $0.mount.type == .cache && $0.filesBefore > 0 }) {
                        var cold = st.fs
                        BuildRun.overlay(mounts.map { m in
                            var m = m
                            if m.mount.type == .cache { m.files = FileTree() }
                            return m
                        }, on: &cold)
                        coldDuration = sanitizedDuration(shell.run(invocation, on: cold).duration)
                    }
                    let before = st.fs
                    settleMounts(mounts, after: &result, before: before, argv: invocation.argv, step: &step, duration: duration, coldDuration: coldDuration)
                }
                changes = Layer.diff(from: st.fs, to: result).changes
                result.endTracking()
                st.fs = result
            } else if case .copy(let copy) = instruction.kind, plan != nil {
                // Now that the step runs, plan the writes too.
                let full = try planCopy(copy, st: &st, range: range, stepIndex: stepIndex)
                changes = BuildRun.apply(full, to: &st.fs)
                duration = 0.05 + Double(changes.entries.values.reduce(Int64(0)) { $0 + $1.size }) / 200_000_000
            } else if let workdir {
                changes = FileTree()
                if workdir != "/" && !st.fs.isDirectory(workdir) {
                    var created = [workdir]
                    var parent = FileTree.parent(of: workdir)
                    while parent != "/" && st.fs[parent] == nil {
                        created.append(parent)
                        parent = FileTree.parent(of: parent)
                    }
                    let owner = st.config.user.isEmpty ? (0, 0) : ((try? resolveOwner(st.config.user, fs: st.fs, range: range)) ?? (0, 0))
                    for path in created.reversed() {
                        let node = FileNode.directory(mode: 0o755, uid: owner.0, gid: owner.1)
                        st.fs.set(path, node)
                        changes.set(path, node)
                    }
                }
                duration = 0.02
            } else {
                return
            }
            let layer = Layer(changes: changes)
            state.clock.advance(by: duration)
            step.duration = duration
            step.layerSize = layer.size
            st.layers.append(layer)
            let record = CacheRecord(key: key, diffID: layer.diffID, size: layer.size, created: state.clock.now, lastUsed: state.clock.now, usageCount: 1, description: (step.vertexIndex.map { "[\($0)/\(total)] " } ?? "") + (step.vertexText ?? ""), id: state.ids.next25())
            state.buildKitCache.store(record, layer: layer)
            st.appendHistory(HistoryEntry(created: record.created, createdBy: createdBy, comment: "buildkit.dockerfile.v0", emptyLayer: false), timed: true)
            if st.rebuiltStep == nil { st.rebuiltStep = stepIndex }
        }
        st.key = key
        recordLine(instruction.original, parts: parts, stepIndex: stepIndex)
        steps[stepIndex] = step
    }

    /// Writes the final stage as an image (moby exporter): history times per §1.5, image
    /// `created` = the last history entry's time.
    mutating func exportBuildKit(_ st: StageState) -> ImageID {
        var history = st.history
        // Metadata entries take the first layer time after the first untimed entry,
        // afterwards the time of the preceding layer (moby `normalizeLayersAndHistory`).
        var created: Timestamp?
        var sawUntimed = false
        for (i, entry) in history.enumerated() {
            if st.historyTimed[i] {
                created = entry.created
                if sawUntimed { break }
            } else {
                sawUntimed = true
            }
        }
        sawUntimed = false
        for i in history.indices {
            if st.historyTimed[i] {
                if sawUntimed { created = history[i].created }
            } else {
                sawUntimed = true
                history[i].created = created ?? state.clock.now
            }
        }
        let imageCreated = history.last?.created ?? state.clock.now
        let config = ImageConfig(architecture: st.architecture, os: st.os, config: st.config, created: imageCreated, history: history, diffIDs: st.layers.map(\.diffID))
        let image: Image
        if let last = state.lastExport, last.config == config {
            image = Image(config: config, id: last.id)
        } else {
            image = Image(config: config)
            state.lastExport = (config, image.id)
        }
        state.images.add(image, layers: st.layers)
        state.clock.advance(by: 0.1)
        return image.id
    }
}

extension String {
    func trimmingCharacters(in set: String) -> Substring {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}

extension BuildRun {
    /// Whether a RUN's command is a here-document alone (`<<EOF`, `<<-EOF`, `<<"EOF"`).
    static func isLoneHeredoc(_ text: String) -> Bool {
        let word = text.trimmingCharacters(in: " \t")
        return word.hasPrefix("<<") && !word.contains(" ") && !word.contains("\t")
    }

    /// The body's first line, with `...` when there are more (trimmed first, as BuildKit).
    static func summarizeHeredoc(_ body: String) -> String {
        let trimmed = body.trimmingCharacters(in: " \t\n\r")
        let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
        let first = lines.first.map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) } ?? ""
        return first + (lines.count > 1 ? "..." : "")
    }

    /// How the simulator runs a heredoc that starts with `#!`: its interpreter with the
    /// body as a `-c` script (`#!/usr/bin/env python3` runs `python3`); the shell for an
    /// interpreter line it cannot read.
    static func shebangArgv(_ body: String, shell: [String]) -> [String] {
        let first = body.split(separator: "\n", maxSplits: 1).first.map { String($0.dropFirst(2)) } ?? ""
        var words = first.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first.map({ $0.hasSuffix("/env") }) == true { words.removeFirst() }
        let script = body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
        guard let program = words.first else { return shell + [body] }
        return [program] + words.dropFirst() + ["-c", script]
    }
}
