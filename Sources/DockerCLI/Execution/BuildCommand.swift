import Dockerfile
import Engine
import ImageReference

// `docker build`: context and Dockerfile resolution against the workspace, tag and
// build-arg handling, then the engine's build mapped onto the BuildKit or classic views.
extension DockerExecutor {
    func build(_ o: BuildOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        let builder = o.builder
        let prefix = builder == .classic ? ClassicBuildView.deprecationNotice : ""
        func fail(_ message: String, status: Int32 = 1) -> CommandResult {
            .failure(prefix + message + "\n", status: status)
        }
        // buildx checks the tags before it looks at the context; the classic CLI checks them
        // while parsing flags.
        var tags: [String] = []
        for tag in o.tags {
            do {
                let named = try Reference.parseNormalizedNamed(tag)
                tags.append(named.tagNameOnly.familiarString)
            } catch {
                let message = Message.buildInvalidTag(tag, error.description, builder: builder)
                if builder == .classic {
                    // A flag value error: pflag's wording with the usage, exit status 125.
                    var result = DockerCLIError.flag(message, useLine: "docker build [OPTIONS] PATH | URL | -", commandPath: "docker build").result
                    result.prepend(prefix, toStderr: true)
                    return result
                }
                return fail(message)
            }
        }
        let buildKitError = builder == .buildKit ? "ERROR: " : ""
        guard o.contextPath != "-", !o.contextPath.contains("://"), !o.contextPath.hasPrefix("git@") else {
            return fail(buildKitError + "unable to prepare context: dockyard builds only from a folder of the workspace (stdin and URL contexts are not simulated)")
        }
        let contextDir = FileTree.normalize(o.contextPath, cwd: host.cwd)
        // The workspace root has no entry of its own but is a directory.
        guard contextDir == "/" || host.workspace[contextDir] != nil else {
            return fail(buildKitError + "unable to prepare context: path \"\(o.contextPath)\" not found")
        }
        guard contextDir == "/" || host.workspace.isDirectory(contextDir) else {
            return fail(buildKitError + "unable to prepare context: context must be a directory: \(contextDir)")
        }
        // `-f` is relative to the current directory, not to the context (docker/cli and buildx).
        let dockerfilePath = o.file.map { FileTree.normalize($0, cwd: host.cwd) } ?? FileTree.normalize("Dockerfile", cwd: contextDir)
        let dockerfileName = o.file.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "Dockerfile"
        let dockerfileBytes: [UInt8]
        if let node = host.workspace[dockerfilePath], case .file(let content) = node.kind {
            guard case .bytes(let bytes) = content else {
                return fail(buildKitError + "failed to read dockerfile: \(dockerfileName) is not a text file")
            }
            dockerfileBytes = bytes
        } else {
            if builder == .classic {
                return fail("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat \(dockerfilePath): no such file or directory")
            }
            var view = BuildProgressView(vertices: [definitionVertex(name: dockerfileName, size: 2)], totalDuration: 0)
            view.failure = .init(message: "failed to read dockerfile: open \(dockerfileName): no such file or directory")
            return progressResult(view, options: o, host: host)
        }
        let dockerfileText = String(decoding: dockerfileBytes, as: UTF8.self)
        let context = BuildContext(workspace: host.workspace, root: contextDir)

        let document: DockerfileDocument
        do {
            document = try parseDockerfile(bytes: dockerfileBytes)
        } catch {
            if builder == .classic {
                let out = ClassicBuildView.sendingContextLine(context.size) + "\n"
                return CommandResult(stdout: out, stderr: prefix + "Error response from daemon: " + error.message + "\n", exitStatus: 1)
            }
            var view = BuildProgressView(vertices: [definitionVertex(name: dockerfileName, size: Int64(dockerfileBytes.count))], totalDuration: 0)
            view.failure = .init(message: error.message, dockerfileName: dockerfileName, dockerfileText: error.line == nil ? nil : dockerfileText,
                                 lines: error.line.map { $0...$0 })
            return progressResult(view, options: o, host: host)
        }

        var args: [BuildArg] = []
        for arg in o.buildArgs {
            if let eq = arg.firstIndex(of: "=") {
                args.append(BuildArg(name: String(arg[..<eq]), value: String(arg[arg.index(after: eq)...])))
            } else {
                args.append(BuildArg(name: arg, value: host.environment[arg]))
            }
        }
        let secrets: [String: [UInt8]]
        switch Self.resolveSecrets(o.secrets, host: host) {
        case .success(let values): secrets = values
        case .failure(let error): return fail("ERROR: " + error.message)
        }
        let engineOptions = Engine.BuildOptions(
            builder: builder == .classic ? .classic : .buildKit, tags: tags, noCache: o.noCache, buildArgs: args,
            target: o.target, pull: o.pull, dockerfileName: dockerfileName, secrets: secrets)
        // A failed build keeps what completed (the engine decides what, as Docker does), so
        // the next build after a fix reuses those steps; no tag moves.
        let result = engine.build(document, dockerfileSize: Int64(dockerfileBytes.count), context: context, options: engineOptions)
        let notes = Self.shellNotes(result)
        var output: CommandResult
        if builder == .classic {
            output = classicView(result, document: document, host: host, sentContextSize: context.tarSize).render()
            if o.quiet || o.progress == .quiet {
                if let id = result.imageID, result.succeeded {
                    output = QuietBuildView.render(imageID: id.digest.string)
                    output.stderr = ClassicBuildView.deprecationNotice
                    output.stderrComesFirst()
                } else {
                    // `-q` suppresses the step stream; the error is still printed.
                    output.stdout = ""
                }
            }
        } else {
            var view = buildKitView(result, dockerfileName: dockerfileName, dockerfileText: dockerfileText)
            let warnings = BuildChecks.warnings(document)
            if !warnings.isEmpty, !view.vertices.isEmpty {
                view.vertices[0].warnings = warnings.map(\.text)
                view.warnings = warnings
            }
            output = progressResult(view, options: o, host: host)
            if result.succeeded, let id = result.imageID, o.quiet || o.progress == .quiet {
                output = QuietBuildView.render(imageID: id.digest.string)
            }
        }
        // After Docker's own output (BuildKit's is on stderr), not before it.
        if !notes.isEmpty { output.append(CommandResult(stdout: notes)) }
        return output
    }

    /// Dockyard's notes about RUN commands it does not simulate (Docker has no such lines).
    static func shellNotes(_ result: BuildResult) -> String {
        var seen: Set<String> = []
        var out = ""
        for step in result.steps {
            for note in step.notes where seen.insert(note).inserted {
                out += "dockyard note: \(note)\n"
            }
        }
        return out
    }

    func progressResult(_ view: BuildProgressView, options o: BuildOptions, host: HostContext) -> CommandResult {
        if o.quiet || o.progress == .quiet {
            return view.result(mode: .quiet, width: host.terminalWidth)
        }
        return view.result(mode: o.progress.resolved(isTerminal: host.isTerminal), width: host.terminalWidth)
    }

    func definitionVertex(name: String, size: Int64) -> BuildProgressView.Vertex {
        .init(name: BuildKitNames.loadDefinition(file: name), started: 0, duration: 0,
              statuses: [.init(id: BuildKitNames.transferringDockerfile, current: size, started: 0)])
    }

    // MARK: BuildKit

    /// Lays the build out as BuildKit reports it: definition, metadata, .dockerignore, the
    /// FROMs, the build context, the steps in order, then the export.
    func buildKitView(_ result: BuildResult, dockerfileName: String, dockerfileText: String) -> BuildProgressView {
        typealias Vertex = BuildProgressView.Vertex
        typealias Status = BuildProgressView.Status
        var vertices: [Vertex] = [definitionVertex(name: dockerfileName, size: result.dockerfileSize)]
        var t = 0.0
        let failure = result.failure
        // A base that cannot be resolved fails its `load metadata` vertex.
        let fromFailed = failure?.message.contains("failed to resolve source metadata") ?? false

        var seenMetadata: Set<String> = []
        let metadata = result.metadataLoaded.filter { seenMetadata.insert($0).inserted }
        for (i, name) in metadata.enumerated() {
            var v = Vertex(name: BuildKitNames.loadMetadata(name), started: t, duration: 0)
            let pulled = result.pulls.contains { pullQualified($0.name) == name }
            if pulled { v.duration = 0.5 }
            if fromFailed, i == metadata.count - 1, let message = failure?.message {
                v.error = metadataError(message, qualified: name)
                vertices.append(v)
                var view = BuildProgressView(vertices: vertices, totalDuration: t)
                view.failure = .init(message: message, dockerfileName: dockerfileName, dockerfileText: dockerfileText,
                                     lines: failure?.range.map { $0.startLine...$0.endLine })
                return view
            }
            t += v.duration ?? 0
            vertices.append(v)
        }
        vertices.append(Vertex(name: BuildKitNames.loadDockerignore, started: t, duration: 0,
                               statuses: [Status(id: BuildKitNames.transferringContext, current: max(result.dockerignoreSize, 2), started: t)]))

        let fromSteps = result.steps.indices.filter { result.steps[$0].kind == .from && !result.steps[$0].hidden && result.steps[$0].vertexText != nil }
        for index in fromSteps {
            let step = result.steps[index]
            var v = Vertex(name: stepName(step), started: t, duration: step.duration)
            if let pull = step.pull {
                let text = step.vertexText ?? ""
                let resolved = text.hasPrefix("FROM ") ? String(text.dropFirst(5)) : text
                v.statuses.append(Status(id: "resolve \(resolved)", started: t))
                let layers = pull.layers.filter { !$0.alreadyExists }
                let share = layers.isEmpty ? 0 : pull.duration / Double(layers.count * 2)
                for layer in layers {
                    v.statuses.append(Status(id: layer.blobDigest.digest.string, current: layer.compressedSize, total: layer.compressedSize,
                                             started: t, duration: Self.tenth(share)))
                }
                for layer in layers {
                    v.statuses.append(Status(id: "extracting " + layer.blobDigest.digest.string, started: t, duration: Self.tenth(share)))
                }
                v.duration = pull.duration
            }
            t += v.duration ?? 0
            vertices.append(v)
        }
        let usesContext = result.steps.contains { step in
            if case .copy(let c) = step.instruction.kind { return c.from == nil && c.heredocs.isEmpty }
            // A bind mount without `from=` reads the context too.
            if case .run(let r) = step.instruction.kind {
                return r.mounts.contains { raw in
                    guard let m = try? RunMount.parse(raw, expand: { (v: String) throws(MountError) -> String in v }) else { return false }
                    return m.type == .bind && m.from.isEmpty
                }
            }
            return false
        }
        if usesContext {
            vertices.append(Vertex(name: BuildKitNames.loadContext, started: t, duration: 0,
                                   statuses: [Status(id: BuildKitNames.transferringContext, current: result.contextSize, started: t)]))
        }
        for (index, step) in result.steps.enumerated() where step.kind != .from && step.vertexIndex != nil {
            var v = Vertex(name: stepName(step), cached: step.cached, started: t, duration: step.cached ? 0 : step.duration)
            var offset = 0.0
            let count = max(step.output.count, 1)
            for line in step.output {
                v.logs.append(.init(offset: offset + 0.05, text: line))
                offset += step.duration / Double(count)
            }
            if index == failure?.stepIndex, let message = failure?.message {
                v.error = message
            }
            t += v.duration ?? 0
            vertices.append(v)
            if v.error != nil { break }
        }
        var view: BuildProgressView
        if let failure {
            view = BuildProgressView(vertices: vertices, totalDuration: t)
            view.failure = .init(message: failure.message, dockerfileName: dockerfileName,
                                 dockerfileText: failure.range == nil ? nil : dockerfileText,
                                 lines: failure.range.map { $0.startLine...$0.endLine })
            return view
        }
        let newLayers = result.steps.contains { !$0.cached && $0.layerSize != nil && $0.kind != .from }
        let exportTime = newLayers ? 0.1 : 0
        var export = Vertex(name: BuildKitNames.exporting, started: t, duration: exportTime,
                            statuses: [Status(id: BuildKitNames.exportingLayers, started: t, duration: exportTime)])
        if let id = result.imageID {
            export.statuses.append(Status(id: BuildKitNames.writingImage(id.digest.string), started: t))
        }
        for tag in result.tags {
            let canonical = (try? Reference.parseNormalizedNamed(tag).tagNameOnly.string) ?? tag
            export.statuses.append(Status(id: BuildKitNames.namingTo(canonical), started: t))
        }
        vertices.append(export)
        view = BuildProgressView(vertices: vertices, totalDuration: t + exportTime)
        return view
    }

    static func tenth(_ x: Double) -> Double { (x * 10).rounded() / 10 }

    func stepName(_ step: BuildStep) -> String {
        BuildKitNames.step(stage: step.stageLabel, index: step.vertexIndex ?? 1, total: step.vertexTotal ?? 1,
                           text: step.vertexText ?? step.instruction.original)
    }

    func pullQualified(_ familiar: String) -> String {
        (try? Reference.parseNormalizedNamed(familiar).string) ?? familiar
    }

    /// The metadata vertex's own error is the resolver's message without the frontend's
    /// `<name>: failed to resolve source metadata for <ref>: ` wrapping.
    func metadataError(_ message: String, qualified: String) -> String {
        let marker = "failed to resolve source metadata for \(qualified): "
        if let range = message.range(of: marker) { return String(message[range.upperBound...]) }
        return message
    }

    // MARK: Classic

    func classicView(_ result: BuildResult, document: DockerfileDocument, host: HostContext, sentContextSize: Int64) -> ClassicBuildView {
        var steps: [ClassicBuildView.Step] = []
        let failure = result.failure
        for (index, step) in result.steps.enumerated() {
            var events: [ClassicBuildView.Event] = []
            let failed = index == failure?.stepIndex
            if step.kind == .from {
                if let pull = step.pull { events.append(.pull(RegistryRendering.pull(of: pull, terminal: host.isTerminal))) }
                // `FROM scratch` has no image: moby still prints the arrow, with an empty ID.
                if !failed { events.append(.result(imageID: step.imageID?.digest.string ?? "")) }
            } else if step.cached {
                events.append(.usingCache)
                if let id = step.imageID { events.append(.result(imageID: id.digest.string)) }
            } else if step.kind != .globalArg {
                let container = step.kind == .run || step.kind == .metadata || step.kind == .workdir
                if container, let cid = step.containerID { events.append(.runningIn(containerID: cid)) }
                if !step.output.isEmpty { events.append(.output(step.output.joined(separator: "\n"))) }
                if !failed {
                    if container, let cid = step.containerID { events.append(.removedIntermediateContainer(cid)) }
                    if let id = step.imageID { events.append(.result(imageID: id.digest.string)) }
                }
            }
            if step.isTrigger || step.classicNumber == nil {
                // ONBUILD triggers run inside the FROM step.
                if var last = steps.popLast() {
                    if step.isTrigger && !last.events.contains(where: { if case .executingTriggers = $0 { return true } else { return false } }) {
                        let count = result.steps.filter { $0.isTrigger && $0.stageIndex == step.stageIndex }.count
                        last.events.append(.executingTriggers(count))
                    }
                    last.events += events
                    steps.append(last)
                }
                continue
            }
            steps.append(ClassicBuildView.Step(number: step.classicNumber ?? 0, total: step.classicTotal ?? 0,
                                               instruction: step.classicText ?? step.instruction.original, events: events))
        }
        // A step that failed before the engine recorded it (a FROM whose pull failed) still
        // printed its `Step N/M` line.
        if let failure, let index = failure.stepIndex, index >= result.steps.count, let range = failure.range,
           let instruction = Self.instruction(at: range, in: document) {
            let total = document.globalArgs.count + document.stages.reduce(0) { $0 + 1 + $1.instructions.count }
            steps.append(.init(number: (steps.last?.number ?? document.globalArgs.count) + 1, total: total,
                               instruction: instruction.original, events: []))
        }
        var view = ClassicBuildView(contextSize: sentContextSize, steps: steps, builtImageID: result.imageID?.digest.string,
                                    taggedNames: result.tags, unconsumedBuildArgs: result.unconsumedBuildArgs)
        if let failure {
            // Once steps stream, the daemon reports errors in the stream and the CLI prints
            // them bare; before that they come back as the API's error response.
            let streamed = failure.isClassicCommandFailure || !steps.isEmpty
            view.failure = streamed ? failure.message : "Error response from daemon: " + failure.message
            view.failureStatus = failure.exitStatus
        }
        return view
    }

    static func instruction(at range: SourceRange, in document: DockerfileDocument) -> Instruction? {
        var all = document.globalArgs
        for stage in document.stages { all += [stage.fromInstruction] + stage.instructions }
        return all.first { $0.range == range }
    }

    /// What the daemon streams while FROM pulls a base image (no canonical name line: that
    /// one comes from `docker pull` itself).

}

// MARK: --secret

extension DockerExecutor {
    struct SecretSpecError: Error {
        var message: String
    }

    /// buildx `--secret` specs: `id=NAME` with `src=FILE` (a workspace file, relative to the
    /// current folder) or `env=VAR`; `type=file|env` may say which. With neither, an
    /// environment variable named like the ID wins over a file of that name, as buildx does.
    static func resolveSecrets(_ specs: [String], host: HostContext) -> Result<[String: [UInt8]], SecretSpecError> {
        var out: [String: [UInt8]] = [:]
        for spec in specs {
            var id = "", type = "", src = "", env = ""
            for field in spec.split(separator: ",", omittingEmptySubsequences: false) {
                guard let eq = field.firstIndex(of: "=") else {
                    return .failure(SecretSpecError(message: "invalid field '\(field)' must be a key=value pair"))
                }
                let key = field[..<eq].lowercased()
                let value = String(field[field.index(after: eq)...])
                switch key {
                case "type":
                    guard value == "file" || value == "env" else { return .failure(SecretSpecError(message: "unsupported secret type \"\(value)\"")) }
                    type = value
                case "id": id = value
                case "source", "src": src = value
                case "env": env = value
                default: return .failure(SecretSpecError(message: "unexpected key '\(key)' in '\(field)'"))
                }
            }
            if type == "env" && env.isEmpty { env = src }
            if type.isEmpty {
                if !env.isEmpty { type = "env" }
                else if src.isEmpty && !id.isEmpty && host.environment[id] != nil { type = "env"; env = id }
                else { type = "file" }
            }
            if id.isEmpty { id = type == "env" ? env : (src.split(separator: "/").last.map(String.init) ?? "") }
            if type == "file" && src.isEmpty { src = id }
            if type == "env" {
                guard let value = host.environment[env] else {
                    return .failure(SecretSpecError(message: "could not parse secrets: [\(spec)]: env variable \(env) not found"))
                }
                out[id] = Array(value.utf8)
            } else {
                let path = FileTree.normalize(src, cwd: host.cwd)
                guard let node = host.workspace[path], case .file(let content) = node.kind, case .bytes(let bytes) = content else {
                    return .failure(SecretSpecError(message: "could not parse secrets: [\(spec)]: failed to stat \(src): stat \(src): no such file or directory"))
                }
                out[id] = bytes
            }
        }
        return .success(out)
    }
}
