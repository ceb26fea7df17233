import Dockerfile

extension EngineState {
    /// Runs `docker build`: the document's stages against `context`, with the builder and
    /// switches in `options`. On success the new images, tags and cache entries become part of
    /// the state. On failure no tag moves and no final image is made, but what completed
    /// stays, as with Docker: BuildKit keeps the cache entries of finished steps, the classic
    /// builder keeps the intermediate images of finished steps (its cache) and a base image
    /// it pulled. So fixing the failing line and building again reuses the steps before it.
    ///
    /// - Parameters:
    ///   - dockerfileSize: bytes of the Dockerfile text (for `transferring dockerfile`).
    ///   - shell: simulates RUN commands.
    public mutating func build(_ document: DockerfileDocument, dockerfileSize: Int64 = 0, context: BuildContext, options: BuildOptions = BuildOptions(), shell: any CommandSimulator = SimulatedShell()) -> BuildResult {
        var run = BuildRun(state: self, document: document, context: context, options: options, shell: shell)
        let startTime = clock.now
        let outcome: Result<ImageID, BuildFailure>
        do {
            outcome = .success(try run.execute())
        } catch {
            outcome = .failure(error)
        }
        var result = BuildResult(
            builder: options.builder, steps: run.steps, imageID: nil, tags: [], failure: nil,
            contextSize: context.size, dockerfileSize: dockerfileSize, dockerignoreSize: context.dockerignoreSize,
            metadataLoaded: run.metadataLoaded, pulls: run.pulls, unconsumedBuildArgs: [],
            skippedStages: run.skippedStages, duration: 0)
        switch outcome {
        case .success(let id):
            var committed = run.state
            for tag in options.tags { committed.images.setTag(tag, to: id) }
            result.imageID = id
            result.tags = options.tags.map(FamiliarName.normalize)
            if options.builder == .classic { result.unconsumedBuildArgs = run.unconsumedBuildArgs() }
            result.duration = committed.clock.now.secondsSince1970 - startTime.secondsSince1970
            committed.lastBuild = result
            self = committed
        case .failure(let failure):
            result.failure = failure
            if options.builder == .buildKit {
                buildKitCache = run.state.buildKitCache
            } else {
                images = run.state.images
            }
            fingerprints = run.state.fingerprints
            clock = run.state.clock
            ids = run.state.ids
            result.duration = clock.now.secondsSince1970 - startTime.secondsSince1970
            lastBuild = result
        }
        return result
    }
}

/// The state of one stage while it is being built.
struct StageState {
    /// The stage's filesystem. Cache hits only queue their layers; the tree is materialised
    /// when something reads it (a step that runs, a COPY that needs to look at its
    /// destination), as BuildKit never unpacks cached results it does not need.
    var fs: FileTree {
        mutating get {
            materialize()
            return materialized
        }
        _modify {
            materialize()
            yield &materialized
        }
        set {
            materialized = newValue
            pending = []
        }
    }
    private var materialized = FileTree()
    private var pending: [Layer] = []

    /// Records a cached layer without unpacking it yet.
    mutating func deferApply(_ layer: Layer) {
        pending.append(layer)
    }

    private mutating func materialize() {
        guard !pending.isEmpty else { return }
        for layer in pending { layer.apply(to: &materialized) }
        pending = []
    }

    /// The image config being built. Changing its environment refreshes `scope`.
    var config = ContainerConfig() {
        didSet { if oldValue.env != config.env { envChanged(from: oldValue.env) } }
    }
    var architecture = "amd64"
    var os = "linux"
    /// History entries; BuildKit metadata entries get their time when the image is exported.
    var history: [HistoryEntry] = []
    var historyTimed: [Bool] = []
    /// Classic: `history` serialized as JSON members, when known (nil = serialize on demand).
    var historyJSON: [UInt8]?
    var layers: [Layer] = []
    /// BuildKit: key of the last vertex; classic: the current image ID's digest.
    var key: Digest
    /// Classic: the current image (nil for scratch before the first commit).
    var imageID: ImageID?
    /// ARGs declared in this stage: name -> value (nil = declared without a value).
    private(set) var args: [String: String?] = [:]
    private(set) var argOrder: [String] = []
    /// ARG names kept sorted on insertion (the `|N K=v` prefix lists them sorted).
    private(set) var sortedArgNames: [String] = []
    /// Index in `steps` of the first miss this stage depends on.
    var rebuiltStep: Int?
    /// Index in `steps` of this stage's FROM when it resolved to another image than in the
    /// previous build, until the first keyed step shows whether that made it miss.
    var baseChangeStep: Int?
    /// CMD was set in this stage (ENTRYPOINT then keeps it).
    var cmdSet = false
    /// Base digest for the FROM fingerprint.
    var base = ""
    /// Variables for expansion: ARGs with values, overridden by ENV. Kept up to date by the
    /// observers above so that each instruction does not rebuild it.
    private(set) var scope: [String: String] = [:]
    private(set) var envNames: Set<String> = []

    init(key: Digest) { self.key = key }

    /// `ARG name[=value]` in this stage.
    mutating func declareArg(_ name: String, _ value: String?) {
        if args[name] == nil {
            argOrder.append(name)
            var lo = 0, hi = sortedArgNames.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sortedArgNames[mid] < name { lo = mid + 1 } else { hi = mid }
            }
            sortedArgNames.insert(name, at: lo)
        }
        args[name] = .some(value)
        if !envNames.contains(name) { setScope(name, value) }
    }

    /// Classic: a new stage built FROM this one starts without its ARGs (moby gives every
    /// stage a fresh copy of the global args). BuildKit keeps them (`dispatchState.init`).
    mutating func resetArgs() {
        args = [:]
        argOrder = []
        sortedArgNames = []
        refreshScope()
    }

    /// Updates `scope` for an ENV change: entry by entry when ENV only set or replaced
    /// variables (the common case, keeping long Dockerfiles linear), wholesale otherwise.
    private mutating func envChanged(from old: [String]) {
        let new = config.env
        guard new.count >= old.count else { return refreshScope() }
        func key(_ entry: String) -> Substring { entry.firstIndex(of: "=").map { entry[..<$0] } ?? Substring(entry) }
        for i in new.indices where i >= old.count || new[i] != old[i] {
            let name = key(new[i])
            if i < old.count && key(old[i]) != name { return refreshScope() }
            let value = new[i].dropFirst(name.count + 1)
            setScope(String(name), String(value))
            envNames.insert(String(name))
        }
    }

    private mutating func refreshScope() {
        var out: [String: String] = [:]
        out.reserveCapacity(args.count + config.env.count)
        var names: Set<String> = []
        for (name, value) in args { if let value { out[name] = value } }
        for entry in config.env {
            if let eq = entry.firstIndex(of: "=") {
                let name = String(entry[..<eq])
                out[name] = String(entry[entry.index(after: eq)...])
                names.insert(name)
            }
        }
        scope = out
        envNames = names
        var digest = MultisetDigest()
        for (name, value) in out { digest.add(name, value) }
        scopeDigest = digest
    }

    /// Order-independent digest of `scope`, kept incrementally so that RUN cache keys do not
    /// sort the whole environment at every RUN.
    private(set) var scopeDigest = MultisetDigest()

    private mutating func setScope(_ name: String, _ value: String?) {
        if let old = scope[name] { scopeDigest.remove(name, old) }
        scope[name] = value
        if let value { scopeDigest.add(name, value) }
    }

    /// ARGs with a value that ENV does not override, sorted (the `|N K=v` set).
    /// BuildKit's `|N K=v` history prefix: every ARG declared, in declaration order, valued from
    /// the environment (ENV wins; an ARG without a value gives `K=`); dockerfile2llb
    /// `runCommandString`. Unlike the classic prefix it is neither sorted nor filtered.
    var buildKitHistoryArgs: [(String, String)] {
        argOrder.map { ($0, scope[$0] ?? "") }
    }

    var effectiveArgs: [(String, String)] {
        sortedArgNames.compactMap { name -> (String, String)? in
            // ENV of the same name overrides the ARG.
            guard let value = args[name] ?? nil, !envNames.contains(name) else { return nil }
            return (name, value)
        }
    }

    mutating func appendHistory(_ entry: HistoryEntry, timed: Bool) {
        history.append(entry)
        historyTimed.append(timed)
    }
}

/// An order-independent digest of (name, value) pairs: the lane-wise sum (mod 2^64) of
/// SHA-256(name, value). Used where the set is large or changes one element at a time (the
/// RUN environment, the files a COPY hashes), so nothing has to be sorted.
struct MultisetDigest: Hashable, Sendable {
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static func == (a: MultisetDigest, b: MultisetDigest) -> Bool { a.lanes == b.lanes }
    func hash(into hasher: inout Hasher) {
        hasher.combine(lanes.0)
        hasher.combine(lanes.1)
        hasher.combine(lanes.2)
        hasher.combine(lanes.3)
    }

    private static func words(_ name: String, _ value: String) -> (UInt64, UInt64, UInt64, UInt64) {
        var h = SHA256()
        h.update(name)
        h.update([0])
        h.update(value)
        let b = h.finalize()
        func word(_ i: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(b[i * 8 + $1]) } }
        return (word(0), word(1), word(2), word(3))
    }

    mutating func add(_ name: String, _ value: String) {
        let w = MultisetDigest.words(name, value)
        lanes = (lanes.0 &+ w.0, lanes.1 &+ w.1, lanes.2 &+ w.2, lanes.3 &+ w.3)
    }

    /// Adds every pair of another multiset (the sum is associative, so this equals adding
    /// them one by one).
    mutating func add(_ other: MultisetDigest) {
        lanes = (lanes.0 &+ other.lanes.0, lanes.1 &+ other.lanes.1, lanes.2 &+ other.lanes.2, lanes.3 &+ other.lanes.3)
    }

    mutating func remove(_ name: String, _ value: String) {
        let w = MultisetDigest.words(name, value)
        lanes = (lanes.0 &- w.0, lanes.1 &- w.1, lanes.2 &- w.2, lanes.3 &- w.3)
    }

    var hex: String {
        [lanes.0, lanes.1, lanes.2, lanes.3].map { v in
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }
}

/// One build in progress. Works on a copy of the engine state.
struct BuildRun {
    var state: EngineState
    let document: DockerfileDocument
    let context: BuildContext
    let options: BuildOptions
    let shell: any CommandSimulator

    var steps: [BuildStep] = []
    var pulls: [PullRecord] = []
    var metadataLoaded: [String] = []
    var skippedStages: [Int] = []
    var stageResults: [Int: StageState] = [:]
    var buildArgValues: [String: String?] = [:]
    var globalArgs: [String: String?] = [:]
    var consumedArgs: Set<String> = []
    let multiStage: Bool
    let fingerprintPrefix: String
    var classicStepCounter = 0
    var classicTotal = 0
    /// Classic: index of the first miss; later steps are never looked up (cache busted).
    var classicFirstMiss: Int?
    /// The stage being built, for the miss reasons: its previous build, its keyed lines aligned
    /// with that build's, and what this build recorded so far (with each line's step index).
    var previousStage: StageFingerprint?
    var alignment = StageAlignment(old: [], new: [])
    var recordedLines: [StepFingerprint] = []
    var recordedStepIndices: [Int?] = []
    var fromStepIndex = 0
    /// The stage being built (for names that resolve relative to it, `COPY --from`).
    var currentStageIndex = 0

    init(state: EngineState, document: DockerfileDocument, context: BuildContext, options: BuildOptions, shell: any CommandSimulator) {
        self.state = state
        self.document = document
        self.context = context
        self.options = options
        self.shell = shell
        self.multiStage = document.stages.count > 1
        // The repository, not the whole tag: `-t shop:2` after `-t shop:1` is the next build
        // of the same project.
        self.fingerprintPrefix = "\(options.builder.rawValue)|\(context.root)|\(options.dockerfileName)|\(options.tags.first.map { FamiliarName.repository(FamiliarName.normalize($0)) } ?? "")|"
        for arg in options.buildArgs { buildArgValues[arg.name] = arg.value }
    }

    var isClassic: Bool { options.builder == .classic }

    // MARK: Driver

    mutating func execute() throws(BuildFailure) -> ImageID {
        guard !document.stages.isEmpty else { throw failure("dockerfile contains no stages to build") }
        let targetIndex = try resolveTarget()
        let toBuild: [Int]
        if isClassic {
            toBuild = Array(0...targetIndex)
            classicTotal = document.globalArgs.count + toBuild.reduce(0) { $0 + 1 + document.stages[$1].instructions.count }
        } else {
            toBuild = try reachableStages(from: targetIndex)
            skippedStages = document.stages.indices.filter { !toBuild.contains($0) }
        }
        try evaluateGlobalArgs()
        for index in toBuild {
            // The classic builder refuses a stage name used by an earlier stage when it reaches
            // it (moby `checkStageNameAvailable`); BuildKit only warns (DuplicateStageName).
            if isClassic, let name = document.stages[index].from.stageName,
               document.stages[..<index].contains(where: { $0.from.stageName == name }) {
                throw failure("\(name) stage name already used")
            }
            stageResults[index] = try buildStage(index)
        }
        guard let final = stageResults[targetIndex] else { throw failure("target stage was not built") }
        return isClassic ? try finishClassic(final) : exportBuildKit(final)
    }

    func failure(_ message: String, range: SourceRange? = nil, step: Int? = nil, exit: Int32 = 1, command: Bool = false) -> BuildFailure {
        BuildFailure(message: message, range: range, stepIndex: step, exitStatus: exit, isClassicCommandFailure: command)
    }

    /// The stage a name refers to once every stage is known (`--target`, `COPY --from`):
    /// with a name used twice, the last one, as BuildKit keeps the last it registered (the
    /// classic builder refuses duplicates before it gets here).
    func stageIndex(named name: String) -> Int? {
        let lowered = name.lowercased()
        return document.stages.lastIndex { $0.from.stageName == lowered }
    }

    /// The stage `FROM name` in stage `index` refers to: the last one of that name defined
    /// before it (BuildKit links a stage's base when it registers the stage, in file order).
    func stageIndex(named name: String, before index: Int) -> Int? {
        let lowered = name.lowercased()
        return document.stages[..<min(index, document.stages.count)].lastIndex { $0.from.stageName == lowered }
    }

    /// `COPY --from=name` in stage `index`: the last stage of that name, when it comes before
    /// this one (a later one would be a forward reference; the one before is taken then).
    func copySourceStage(named name: String, in index: Int) -> Int? {
        if let last = stageIndex(named: name), last < index { return last }
        return stageIndex(named: name, before: index)
    }

    func resolveTarget() throws(BuildFailure) -> Int {
        guard let target = options.target, !target.isEmpty else { return document.stages.count - 1 }
        if let index = stageIndex(named: target) { return index }
        var message = "target stage \"\(target)\" could not be found"
        if !isClassic {
            let names = document.stages.compactMap(\.from.stageName)
            if let best = names.map({ ($0, editDistance($0, target.lowercased())) }).filter({ $0.1 <= 2 }).min(by: { $0.1 < $1.1 }) {
                message += " (did you mean \(best.0)?)"
            }
        }
        throw failure(message)
    }

    /// Stages the target needs (FROM another stage, COPY --from a stage), in file order.
    func reachableStages(from target: Int) throws(BuildFailure) -> [Int] {
        var needed: Set<Int> = []
        var stack = [target]
        while let index = stack.popLast() {
            guard needed.insert(index).inserted else { continue }
            for dep in stageDependencies(index) where !needed.contains(dep) { stack.append(dep) }
        }
        return needed.sorted()
    }

    func stageDependencies(_ index: Int) -> [Int] {
        let stage = document.stages[index]
        var deps: [Int] = []
        let fromName = (try? expandGlobal(stage.from.image)) ?? stage.from.image
        if let dep = stageIndex(named: fromName, before: index) { deps.append(dep) }
        for instruction in stage.instructions {
            if case .copy(let copy) = instruction.kind, let from = copy.from {
                if let dep = copySourceStage(named: from, in: index) { deps.append(dep) }
                else if let n = Int(from), n >= 0, n < index { deps.append(n) }
            }
            if case .run(let run) = instruction.kind, !run.mounts.isEmpty { deps.append(contentsOf: mountDependencies(run, before: index)) }
        }
        return deps
    }

    mutating func evaluateGlobalArgs() throws(BuildFailure) {
        for instruction in document.globalArgs {
            guard case .arg(let decls) = instruction.kind else { continue }
            if isClassic {
                classicStepCounter += 1
                steps.append(BuildStep(kind: .globalArg, stageIndex: nil, stageLabel: nil, instruction: instruction, isTrigger: false, classicNumber: classicStepCounter, classicTotal: classicTotal, classicText: instruction.original, cached: false, hidden: false, output: [], notes: [], duration: 0))
            }
            for decl in decls {
                consumedArgs.insert(decl.name)
                if let provided = buildArgValues[decl.name], let value = provided {
                    globalArgs[decl.name] = value
                } else if let def = decl.defaultValue {
                    globalArgs[decl.name] = try expand(def, currentGlobalScope(), range: instruction.range)
                } else {
                    globalArgs[decl.name] = .some(nil)
                }
            }
        }
    }

    func currentGlobalScope() -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in globalArgs { if let v { out[k] = v } }
        return out
    }

    func expandGlobal(_ word: String) throws(BuildFailure) -> String {
        try expand(word, currentGlobalScope(), range: nil)
    }

    // MARK: Expansion

    /// Expands variables and removes quotes (BuildKit word processing). Plain words skip the
    /// expander entirely.
    func expand(_ word: String, _ scope: [String: String], range: SourceRange?) throws(BuildFailure) -> String {
        let escape = document.escapeCharacter
        if !word.contains(where: { $0 == "$" || $0 == "\"" || $0 == "'" || $0 == escape }) { return word }
        do {
            return try VariableExpander(escapeCharacter: escape).expand(word, environment: scope)
        } catch {
            throw failure(error.message, range: range)
        }
    }

    func expandWords(_ text: String, _ scope: [String: String], range: SourceRange?) throws(BuildFailure) -> [String] {
        let escape = document.escapeCharacter
        if !text.contains(where: { $0 == "$" || $0 == "\"" || $0 == "'" || $0 == escape }) {
            return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        do {
            return try VariableExpander(escapeCharacter: escape).expandWords(text, environment: scope)
        } catch {
            throw failure(error.message, range: range)
        }
    }

    /// The vertex-name form: known variables expanded, unknown ones and quotes kept (BuildKit
    /// `processCmdEnv` with unset variables skipped).
    static func displayExpand(_ text: String, _ scope: [String: String], escape: Character) -> String {
        guard text.contains("$") else { return text }
        var out = ""
        var chars = Array(text)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == escape, let next = chars.first, next == "$" {
                out.append(c)
                out.append(next)
                chars = chars.dropFirst()
                continue
            }
            guard c == "$", let next = chars.first else { out.append(c); continue }
            if next == "{" {
                guard let close = chars.firstIndex(of: "}") else { out.append(c); continue }
                let inner = String(chars[chars.index(after: chars.startIndex)..<close])
                if inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), let value = scope[inner] {
                    out += value
                } else {
                    out += "${" + inner + "}"
                }
                chars = chars[chars.index(after: close)...]
            } else if next.isLetter || next == "_" {
                let name = String(chars.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                chars = chars.dropFirst(name.count)
                if let value = scope[name] { out += value } else { out += "$" + name }
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// `RUN pip install` -> `RUN pip install` with the keyword upper-cased, variables shown.
    func vertexText(_ instruction: Instruction, _ scope: [String: String]) -> String {
        let original = instruction.original
        let keywordEnd = original.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? original.endIndex
        let keyword = original[..<keywordEnd].uppercased()
        let rest = String(original[keywordEnd...])
        return keyword + BuildRun.displayExpand(rest, scope, escape: document.escapeCharacter)
    }

    func stageLabel(_ index: Int) -> String {
        document.stages[index].from.stageName ?? "stage-\(index)"
    }

    // MARK: Base images

    /// Resolves an image for FROM / COPY --from: the local store first, then (BuildKit) its
    /// own store of pulled bases, then the catalog (a pull).
    mutating func resolveImage(_ name: String, range: SourceRange, stepIndex: Int?) throws(BuildFailure) -> (config: ImageConfig, layers: [Layer], digest: ManifestDigest?, pull: PullRecord?) {
        if !options.pull, let id = state.images.resolve(name), let image = state.images.images[id] {
            let repo = FamiliarName.repository(FamiliarName.normalize(name))
            let digest = image.repoDigests.first { FamiliarName.repository($0) == repo }.flatMap { $0.split(separator: "@").last }.flatMap { Digest(parsing: String($0)) }.map(ManifestDigest.init)
            return (image.config, state.images.layers(of: id), digest, nil)
        }
        let familiar = FamiliarName.normalize(name)
        if !isClassic, !options.pull, let record = state.buildKitCache.baseImages[familiar] {
            let layers = record.config.diffIDs.compactMap { state.buildKitCache.layers[$0] }
            if layers.count == record.config.diffIDs.count {
                return (record.config, layers, record.manifestDigest, nil)
            }
        }
        switch state.registries.baseImage(name) {
        case .failure(let error):
            throw failure(pullErrorMessage(name, error), range: range, step: stepIndex)
        case .success(let image):
            let known: Set<DiffID> = isClassic ? Set(state.images.layerContents.keys) : Set(state.buildKitCache.layers.keys)
            let pulled = image.layers.map { PulledLayer(blobDigest: $0.blobDigest, compressedSize: $0.compressedSize, alreadyExists: known.contains($0.diffID)) }
            let bytes = pulled.filter { !$0.alreadyExists }.reduce(Int64(0)) { $0 + $1.compressedSize }
            // ~40 MB/s download plus extraction: a realistic few seconds for a slim image.
            let duration = 0.3 + Double(bytes) / 40_000_000
            state.clock.advance(by: duration)
            let record = PullRecord(name: familiar, manifestDigest: image.manifestDigest, imageID: image.imageID, layers: pulled, duration: duration)
            pulls.append(record)
            if isClassic {
                state.images.add(Image(config: image.config, repoDigests: [image.repoDigest(for: familiar)]), layers: image.layers)
                if !familiar.contains("@") { state.images.setTag(familiar, to: image.imageID) }
            } else {
                state.buildKitCache.storeBase(BaseImageRecord(name: familiar, config: image.config, manifestDigest: image.manifestDigest), layers: image.layers)
            }
            return (image.config, image.layers, image.manifestDigest, record)
        }
    }

    func pullErrorMessage(_ name: String, _ error: CatalogLookupError) -> String {
        let familiar = FamiliarName.normalize(name)
        let qualified = FamiliarName.qualified(familiar)
        switch (error, isClassic) {
        case (.unknownTag, false):
            return "\(name): failed to resolve source metadata for \(qualified): \(qualified): not found"
        case (.unknownRepository, false):
            return "\(name): failed to resolve source metadata for \(qualified): pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        case (.unknownTag, true):
            return "manifest for \(familiar) not found: manifest unknown: manifest unknown"
        case (.unknownRepository(let repo), true):
            return "pull access denied for \(repo), repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
        }
    }

    // MARK: Stage

    mutating func buildStage(_ index: Int) throws(BuildFailure) -> StageState {
        currentStageIndex = index
        let stage = document.stages[index]
        var st = StageState(key: Digest.sha256("scratch"))
        let fromImage = try expandGlobal(stage.from.image)
        let fromStepIndex = steps.count
        var step = BuildStep(kind: .from, stageIndex: index, stageLabel: multiStage ? stageLabel(index) : nil, instruction: stage.fromInstruction, isTrigger: false, cached: false, hidden: false, output: [], notes: [], duration: 0)
        if isClassic {
            classicStepCounter += 1
            step.classicNumber = classicStepCounter
            step.classicTotal = classicTotal
            step.classicText = stage.fromInstruction.original
        }
        if let dep = stageIndex(named: fromImage, before: index), let depState = stageResults[dep] {
            st = depState
            if isClassic { st.resetArgs() }
            st.cmdSet = false
            st.baseChangeStep = nil
            st.base = "stage:\(stageLabel(dep))"
            step.hidden = true
            step.imageID = st.imageID
        } else if BaseImageCatalog.isScratch(fromImage) {
            st.config.env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
            st.base = "scratch"
            step.hidden = true
            st.key = Digest.sha256("scratch")
        } else {
            let familiar = FamiliarName.normalize(fromImage)
            if !isClassic { metadataLoaded.append(FamiliarName.qualified(familiar)) }
            let resolved = try resolveImage(fromImage, range: stage.fromInstruction.range, stepIndex: fromStepIndex)
            st.config = resolved.config.config
            st.architecture = resolved.config.architecture
            st.os = resolved.config.os
            st.history = resolved.config.history
            st.historyTimed = Array(repeating: true, count: resolved.config.history.count)
            st.layers = resolved.layers
            st.fs = Layer.union(resolved.layers)
            let imageID = resolved.config.imageID
            st.imageID = imageID
            st.base = resolved.digest?.digest.string ?? imageID.digest.string
            st.key = Digest.sha256("from\n" + st.base)
            step.pull = resolved.pull
            step.imageID = imageID
            var text = "FROM " + FamiliarName.qualified(familiar)
            if let digest = resolved.digest, !familiar.contains("@") { text += "@" + digest.digest.string }
            step.vertexText = text
        }
        if !st.config.env.contains(where: { $0.hasPrefix("PATH=") }) {
            st.config.env.insert("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", at: 0)
        }
        // The base's ONBUILD triggers run now and are not inherited further.
        var triggers: [Instruction] = []
        for text in st.config.onBuild {
            do {
                let parsed = try parseDockerfile("FROM scratch\n" + text)
                if let trigger = parsed.stages.first?.instructions.first {
                    triggers.append(Instruction(kind: trigger.kind, original: trigger.original, range: stage.fromInstruction.range))
                }
            } catch {
                throw failure(error.message, range: stage.fromInstruction.range, step: fromStepIndex)
            }
        }
        st.config.onBuild = []
        // FROM is a numbered vertex only for a real image: `FROM scratch` and `FROM <stage>`
        // leave it out of the total and the count; every ONBUILD trigger adds to the total,
        // numbered or not (dockerfile2llb `cmdTotal`, `initOnBuildTriggers`).
        let fromIsVertex = !step.hidden
        let vertexTotal = (fromIsVertex ? 1 : 0) + triggers.count + stage.instructions.filter { BuildRun.isVertex($0.kind) }.count
        if !isClassic {
            step.vertexIndex = 1
            step.vertexTotal = vertexTotal
        }
        let fpKey = fingerprintKey(index)
        let fromParts = CacheKeyParts(parent: nil, operation: "FROM " + fromImage, environment: [:], buildArgNames: [], files: [], base: st.base, key: st.key)
        previousStage = state.fingerprints[fpKey]
        // Under --no-cache every step runs whatever the base: that is the reason shown.
        if !options.noCache, let old = previousStage?.from.parts, old.base != st.base {
            if old.operation == fromParts.operation {
                step.missReason = .baseImageChanged(old: old.base ?? "", new: st.base)
            } else {
                step.missReason = .baseReferenceChanged(old: String(old.operation.dropFirst("FROM ".count)), new: fromImage, oldBase: old.base ?? "", newBase: st.base)
            }
            st.rebuiltStep = fromStepIndex
            st.baseChangeStep = fromStepIndex
        }
        step.keyParts = fromParts
        steps.append(step)
        let keyed = (triggers + stage.instructions).filter { isClassic || BuildRun.isVertex($0.kind) }
        alignment = StageAlignment(old: previousStage?.steps.map(\.text) ?? [], new: keyed.map(\.original))
        recordedLines = []
        recordedStepIndices = []
        self.fromStepIndex = fromStepIndex

        var vertexCounter = fromIsVertex ? 1 : 0
        for trigger in triggers {
            try dispatch(trigger, stage: index, isTrigger: true, vertexCounter: &vertexCounter, vertexTotal: vertexTotal, st: &st)
        }
        for instruction in stage.instructions {
            try dispatch(instruction, stage: index, isTrigger: false, vertexCounter: &vertexCounter, vertexTotal: vertexTotal, st: &st)
        }
        // Recorded only once the whole stage is built: a failed build keeps explaining against
        // the last complete one.
        state.fingerprints[fpKey] = StageFingerprint(from: StepFingerprint(text: stage.fromInstruction.original, parts: fromParts), steps: recordedLines)
        return st
    }

    static func isVertex(_ kind: InstructionKind) -> Bool {
        switch kind {
        case .run, .copy, .workdir: return true
        default: return false
        }
    }

    /// Fingerprints are kept per builder, Dockerfile (name and context folder), repository of
    /// the first tag and stage, so that explaining a build compares it with the previous build
    /// of the same project, not with another Dockerfile built in between.
    func fingerprintKey(_ stage: Int) -> String {
        fingerprintPrefix + stageLabel(stage)
    }

    /// Records the current stage's next keyed line (`parts` nil when it made no keyed step).
    mutating func recordLine(_ text: String, parts: CacheKeyParts?, stepIndex: Int?) {
        recordedLines.append(StepFingerprint(text: text, parts: parts))
        recordedStepIndices.append(stepIndex)
    }

    /// After the first keyed step of a stage whose base changed: a hit means the new base was
    /// built on before, so the base change explains nothing (not that step, not later misses).
    mutating func settleBaseChange(hit: Bool, st: inout StageState) {
        guard let from = st.baseChangeStep else { return }
        st.baseChangeStep = nil
        if hit, st.rebuiltStep == from {
            st.rebuiltStep = nil
            steps[from].missReason = nil
        }
    }

    /// Why the current stage's next keyed line missed. Compares it with the line it aligns
    /// with in the previous build of the stage (not the one at the same position), so that an
    /// inserted, removed or moved line is named as such.
    mutating func missReason(text: String, parts: CacheKeyParts, rebuiltStep: Int?) -> CacheMissReason {
        if options.noCache { return .noCache }
        guard let previous = previousStage else { return .noPreviousBuild }
        if let rebuiltStep { return .parentRebuilt(stepIndex: rebuiltStep) }
        let slot = recordedLines.count
        let old = previous.steps
        switch alignment.placement(ofNew: slot) {
        case .same(let i):
            // The same text made no keyed step last time (BuildKit `WORKDIR $DIR` that was `/`).
            guard let oldParts = old[i].parts else { return .noPreviousBuild }
            return BuildRun.compare(old: oldParts, new: parts)
        case .replaced(let i):
            return .instructionChanged(old: old[i].text, new: text)
        case .inserted:
            return .lineInserted(afterStep: stepBefore(slot))
        case .removedBefore(_, let removed):
            return .parentLineRemoved(removed.map { old[$0].text })
        case .addedBefore(_, let added):
            return .parentLineAdded(added.map { alignment.new[$0] })
        case .reordered(let oldPrevious, let newPrevious):
            return .orderChanged(oldPrevious: oldPrevious.map { old[$0].text }, newPrevious: newPrevious.map { alignment.new[$0] })
        }
    }

    /// The step of the keyed line before `slot` in this build (FROM for the first one).
    func stepBefore(_ slot: Int) -> Int? {
        for k in stride(from: slot - 1, through: 0, by: -1) where recordedStepIndices.indices.contains(k) {
            if let index = recordedStepIndices[k] { return index }
        }
        return steps.indices.contains(fromStepIndex) && !steps[fromStepIndex].hidden ? fromStepIndex : nil
    }

    /// Why a line that was built before, after the same line, missed: its inputs.
    static func compare(old: CacheKeyParts, new parts: CacheKeyParts) -> CacheMissReason {
        if old.files != parts.files {
            let oldFiles = Dictionary(old.files.map { ($0.path, $0.checksum) }, uniquingKeysWith: { a, _ in a })
            let newFiles = Dictionary(parts.files.map { ($0.path, $0.checksum) }, uniquingKeysWith: { a, _ in a })
            var changes: [FileChange] = []
            for path in Set(oldFiles.keys).union(newFiles.keys).sorted() where oldFiles[path] != newFiles[path] {
                changes.append(FileChange(path: path, old: oldFiles[path], new: newFiles[path]))
            }
            if !changes.isEmpty { return .filesChanged(changes) }
        }
        if old.environment != parts.environment {
            var changes: [VariableChange] = []
            for name in Set(old.environment.keys).union(parts.environment.keys).sorted() where old.environment[name] != parts.environment[name] {
                changes.append(VariableChange(name: name, old: old.environment[name], new: parts.environment[name], isBuildArg: parts.buildArgNames.contains(name) || old.buildArgNames.contains(name)))
            }
            return .environmentChanged(changes)
        }
        if old.operation != parts.operation { return .instructionChanged(old: old.operation, new: parts.operation) }
        return .cacheEntryRemoved
    }

    // MARK: Instructions

    mutating func dispatch(_ instruction: Instruction, stage: Int, isTrigger: Bool, vertexCounter: inout Int, vertexTotal: Int, st: inout StageState) throws(BuildFailure) {
        if isClassic {
            try dispatchClassic(instruction, stage: stage, isTrigger: isTrigger, st: &st)
            return
        }
        let scope = st.scope
        let range = instruction.range
        switch instruction.kind {
        case .workdir(let raw) where FileTree.normalize(try expand(raw, scope, range: range), cwd: st.config.workingDir.isEmpty ? "/" : st.config.workingDir) == "/":
            // `WORKDIR /` makes no mkdir vertex: no numbered step (it still counts in the
            // total), no layer, an empty-layer history entry (dockerfile2llb `dispatchWorkdir`).
            st.config.workingDir = "/"
            st.appendHistory(HistoryEntry(created: state.clock.now, createdBy: "WORKDIR /", comment: "buildkit.dockerfile.v0", emptyLayer: true), timed: false)
            recordLine(instruction.original, parts: nil, stepIndex: nil)
        case .run, .copy, .workdir:
            vertexCounter += 1
            try runVertex(instruction, stage: stage, isTrigger: isTrigger, index: vertexCounter, total: vertexTotal, st: &st)
        case .onbuild(let trigger):
            st.config.onBuild.append(BuildRun.triggerText(instruction, trigger))
        default:
            let createdBy = try applyMetadata(instruction, scope: scope, range: range, st: &st, classic: false)
            if let createdBy {
                st.appendHistory(HistoryEntry(created: state.clock.now, createdBy: createdBy, comment: "buildkit.dockerfile.v0", emptyLayer: true), timed: false)
            }
        }
    }

    static func triggerText(_ outer: Instruction, _ trigger: Instruction) -> String {
        let original = outer.original
        let keywordEnd = original.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? original.endIndex
        let rest = original[keywordEnd...].drop { $0 == " " || $0 == "\t" }
        return rest.isEmpty ? trigger.original : String(rest)
    }

    /// Applies a metadata-only instruction to the config; returns the BuildKit history text
    /// (nil when the instruction records none).
    mutating func applyMetadata(_ instruction: Instruction, scope: [String: String], range: SourceRange, st: inout StageState, classic: Bool) throws(BuildFailure) -> String? {
        switch instruction.kind {
        case .env(let pairs):
            var parts: [String] = []
            for pair in pairs {
                let key = try expand(pair.key, scope, range: range)
                let value = try expand(pair.value, scope, range: range)
                st.config.setEnv(key, value)
                parts.append(key + "=" + value)
            }
            return "ENV " + parts.joined(separator: " ")
        case .arg(let decls):
            var parts: [String] = []
            for decl in decls {
                consumedArgs.insert(decl.name)
                var value: String?
                if let provided = buildArgValues[decl.name], let v = provided {
                    value = v
                } else if let def = decl.defaultValue {
                    value = try expand(def, scope, range: range)
                } else if let global = globalArgs[decl.name], let v = global {
                    value = v
                }
                st.declareArg(decl.name, value)
                if classic {
                    parts.append(decl.defaultValue.map { decl.name + "=" + $0 } ?? decl.name)
                } else {
                    parts.append(value.map { decl.name + "=" + $0 } ?? decl.name)
                }
            }
            return "ARG " + parts.joined(separator: " ")
        case .label(let pairs):
            var parts: [String] = []
            for pair in pairs {
                let key = try expand(pair.key, scope, range: range)
                let value = try expand(pair.value, scope, range: range)
                st.config.labels[key] = value
                parts.append(key + "=" + value)
            }
            return "LABEL " + parts.joined(separator: " ")
        case .expose(let specs):
            var ports: [String] = []
            for spec in specs {
                for word in try expandWords(spec, scope, range: range) {
                    let port = word.contains("/") ? word.lowercased() : word + "/tcp"
                    st.config.exposedPorts.insert(port)
                    ports.append(port)
                }
            }
            if classic {
                return "EXPOSE " + (try specs.map { (s: String) throws(BuildFailure) -> String in try expand(s, scope, range: range) }).joined(separator: " ")
            }
            return "EXPOSE " + GoFormat.plainList(ports)
        case .cmd(let form):
            st.config.cmd = commandArgv(form, st)
            st.cmdSet = true
            return "CMD " + GoFormat.quotedList(st.config.cmd ?? [])
        case .entrypoint(let form):
            st.config.entrypoint = commandArgv(form, st)
            if !st.cmdSet { st.config.cmd = nil }
            return "ENTRYPOINT " + GoFormat.quotedList(st.config.entrypoint ?? [])
        case .user(let user):
            st.config.user = try expand(user, scope, range: range)
            return "USER " + st.config.user
        case .volume(let paths):
            var added: [String] = []
            for path in paths {
                for word in try expandWords(path, scope, range: range) {
                    st.config.volumes.insert(word)
                    added.append(word)
                }
            }
            return "VOLUME " + GoFormat.plainList(added)
        case .shell(let argv):
            st.config.shell = argv
            return "SHELL " + GoFormat.plainList(argv)
        case .stopSignal(let signal):
            st.config.stopSignal = try expand(signal, scope, range: range)
            return "STOPSIGNAL " + (st.config.stopSignal ?? "")
        case .healthcheck(let health):
            switch health {
            case .none:
                st.config.healthcheck = HealthConfig(test: ["NONE"])
            case .command(let form, let opts):
                let test: [String]
                switch form {
                case .shell(let s): test = ["CMD-SHELL", s]
                case .exec(let argv): test = ["CMD"] + argv
                }
                func duration(_ s: String?) throws(BuildFailure) -> Int64 {
                    guard let s else { return 0 }
                    guard let ns = GoFormat.parseDuration(s) else { throw failure("time: invalid duration \"\(s)\"", range: range) }
                    return ns
                }
                st.config.healthcheck = HealthConfig(test: test, interval: try duration(opts.interval), timeout: try duration(opts.timeout), startPeriod: try duration(opts.startPeriod), startInterval: try duration(opts.startInterval), retries: opts.retries ?? 0)
            }
            let h = st.config.healthcheck ?? HealthConfig(test: [])
            return "HEALTHCHECK &{" + GoFormat.quotedList(h.test) + " " + [h.interval, h.timeout, h.startPeriod, h.startInterval].map { GoFormat.quote(GoFormat.duration($0)) }.joined(separator: " ") + " " + GoFormat.quotedRune(h.retries) + "}"
        case .maintainer(let name):
            return "MAINTAINER " + name
        case .onbuild(let trigger):
            let text = BuildRun.triggerText(instruction, trigger)
            st.config.onBuild.append(text)
            return classic ? "ONBUILD " + text : nil
        case .from, .run, .copy, .workdir:
            return nil
        }
    }

    /// CMD/ENTRYPOINT/RUN argv: exec form as written, shell form through the stage's SHELL.
    func commandArgv(_ form: CommandForm, _ st: StageState) -> [String] {
        switch form {
        case .exec(let argv): return argv
        case .shell(let text): return (st.config.shell ?? ["/bin/sh", "-c"]) + [text]
        }
    }

    // MARK: Files

    /// Per-file checksum as BuildKit/tarsum compute it: header fields (mode, owner, size, type,
    /// link target; never mtime) plus content.
    mutating func checksum(_ node: FileNode) -> Digest {
        if let memo = state.contentChecksums[node] { return memo }
        var hasher = SHA256()
        hasher.update(Layer.header(path: "/", node: node))
        if case .file(let content) = node.kind {
            switch content {
            case .bytes(let bytes): hasher.update(bytes)
            case .synthetic: hasher.update(Layer.syntheticStandIn(content))
            }
        }
        let digest = Digest.finishing(&hasher)
        state.rememberChecksum(digest, for: node)
        return digest
    }

    /// Resolves `--chown=user:group` against the image's /etc/passwd and /etc/group.
    func resolveOwner(_ spec: String, fs: FileTree, range: SourceRange) throws(BuildFailure) -> (Int, Int) {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        let userPart = parts.first ?? ""
        func lookup(_ name: String, file: String) -> (Int, Int)? {
            guard let node = fs[file], case .file(.bytes(let bytes)) = node.kind else { return nil }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: ":", omittingEmptySubsequences: false)
                if fields.count >= 3, fields[0] == name, let id = Int(fields[2]) {
                    let gid = fields.count >= 4 ? Int(fields[3]) ?? id : id
                    return (id, gid)
                }
            }
            return nil
        }
        var uid = 0, gid = 0
        if let n = Int(userPart) {
            uid = n
            gid = n
        } else if let found = lookup(userPart, file: "/etc/passwd") {
            uid = found.0
            gid = found.1
        } else {
            throw failure("unable to convert uid/gid chown string to host mapping: can't find uid for user \(userPart): no such user: \(userPart)", range: range)
        }
        if parts.count > 1 {
            let groupPart = parts[1]
            if let n = Int(groupPart) {
                gid = n
            } else if let found = lookup(groupPart, file: "/etc/group") {
                gid = found.0
            } else {
                throw failure("unable to convert uid/gid chown string to host mapping: can't find gid for group \(groupPart): no such group: \(groupPart)", range: range)
            }
        }
        return (uid, gid)
    }

    // MARK: Classic support

    mutating func unconsumedBuildArgs() -> [String] {
        let predefined: Set<String> = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"]
        return buildArgValues.keys.filter { !consumedArgs.contains($0) && !predefined.contains($0) }.sorted()
    }
}

/// A simulated duration made safe for the clock: finite, non-negative, at most a year.
func sanitizedDuration(_ d: Double) -> Double {
    guard d.isFinite, d > 0 else { return 0 }
    return min(d, 365 * 86400)
}

/// Levenshtein distance (for `did you mean`).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
