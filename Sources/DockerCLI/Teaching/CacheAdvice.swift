import Dockerfile
import Engine

/// A cache or size mistake spotted in the Dockerfile of a build, with why it matters and the
/// fix. The rules follow Docker's build best practices; where hadolint has a rule for the
/// same thing its code is given so the learner can look it up.
public struct CacheAdvice: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case dependenciesAfterCopyAll
        case aptUpdateSeparate
        case cleanupInLaterLayer
        case consecutiveRuns
        case addInsteadOfCopy
        case latestBase
        case cacheMount
    }

    public var kind: Kind
    /// Dockerfile line of the instruction to change.
    public var line: Int
    /// hadolint's rule code, when there is one.
    public var rule: String?
    /// What was found.
    public var finding: String
    /// One line: why it costs cache hits, time or bytes.
    public var why: String
    /// One line: what to write instead.
    public var fix: String

    /// Every rule, over the instructions of every stage the build ran.
    public static func check(_ result: BuildResult) -> [CacheAdvice] {
        var advice: [CacheAdvice] = []
        var stages: [Int: [Instruction]] = [:]
        var fromOf: [Int: Instruction] = [:]
        var stageNames: Set<String> = []
        for step in result.steps where !step.isTrigger {
            guard let stage = step.stageIndex else { continue }
            if step.kind == .from {
                fromOf[stage] = step.instruction
                if case .from(let from) = step.instruction.kind, let name = from.stageName { stageNames.insert(name.lowercased()) }
                continue
            }
            stages[stage, default: []].append(step.instruction)
        }
        for stage in fromOf.keys.sorted() {
            if let from = fromOf[stage], case .from(let f) = from.kind { advice += latestBase(f, line: from.range.startLine, stageNames: stageNames) }
        }
        for stage in stages.keys.sorted() {
            let instructions = stages[stage] ?? []
            advice += dependenciesAfterCopyAll(instructions)
            advice += aptUpdateSeparate(instructions)
            advice += cleanupInLaterLayer(instructions)
            advice += consecutiveRuns(instructions)
            advice += addInsteadOfCopy(instructions)
        }
        // Reordering comes first: with `COPY . .` before the install, a cache mount only hides it.
        if result.builder == .buildKit, !advice.contains(where: { $0.kind == .dependenciesAfterCopyAll }) { advice += cacheMount(result.steps) }
        var seen: Set<String> = []
        return advice.filter { seen.insert("\($0.kind)|\($0.line)").inserted }.sorted { ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue) }
    }

    // MARK: Rules

    static let installers: [(match: String, manifest: String)] = [
        ("pip install", "requirements.txt"), ("pip3 install", "requirements.txt"), ("poetry install", "pyproject.toml poetry.lock"),
        ("npm install", "package.json package-lock.json"), ("npm ci", "package.json package-lock.json"), ("yarn install", "package.json yarn.lock"),
        ("pnpm install", "package.json pnpm-lock.yaml"), ("bundle install", "Gemfile Gemfile.lock"), ("go mod download", "go.mod go.sum"),
        ("composer install", "composer.json composer.lock"), ("mvn dependency:go-offline", "pom.xml"), ("cargo fetch", "Cargo.toml Cargo.lock"),
    ]

    static func runText(_ instruction: Instruction) -> String? {
        guard case .run(let run) = instruction.kind else { return nil }
        switch run.command {
        case .shell(let text): return ([text] + run.heredocs.map(\.content)).joined(separator: "\n")
        case .exec(let argv): return argv.joined(separator: " ")
        }
    }

    static func copiesWholeContext(_ instruction: Instruction) -> Bool {
        guard case .copy(let copy) = instruction.kind, copy.from == nil else { return false }
        return copy.sources.contains { [".", "./", "*", "./*"].contains($0) }
    }

    /// No linter has this one: a dependency install after `COPY . .` reruns on every code edit.
    static func dependenciesAfterCopyAll(_ instructions: [Instruction]) -> [CacheAdvice] {
        guard let copyIndex = instructions.firstIndex(where: copiesWholeContext) else { return [] }
        for instruction in instructions[(copyIndex + 1)...] {
            guard let text = runText(instruction) else { continue }
            let squeezed = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
            if let installer = installers.first(where: { squeezed.contains($0.match) }) {
                let manifest = installer.manifest.split(separator: " ").joined(separator: ", ")
                return [CacheAdvice(kind: .dependenciesAfterCopyAll, line: instruction.range.startLine, rule: nil,
                                    finding: "`\(installer.match)` runs after `\(instructions[copyIndex].original)` (line \(instructions[copyIndex].range.startLine))",
                                    why: "any edit to any file in the context invalidates the COPY, so every code change reinstalls all dependencies",
                                    fix: "COPY only \(manifest) first, run `\(installer.match)`, then `COPY . .` for the code")]
            }
        }
        return []
    }

    static func aptUpdateSeparate(_ instructions: [Instruction]) -> [CacheAdvice] {
        var updateLine: Int?
        for instruction in instructions {
            guard let text = runText(instruction) else { continue }
            let hasUpdate = text.contains("apt-get update") || text.contains("apt update")
            let hasInstall = text.contains("apt-get install") || text.contains("apt install")
            if hasUpdate && !hasInstall { updateLine = instruction.range.startLine; continue }
            if hasInstall && !hasUpdate, let updateLine {
                return [CacheAdvice(kind: .aptUpdateSeparate, line: instruction.range.startLine, rule: nil,
                                    finding: "`apt-get update` (line \(updateLine)) and `apt-get install` (line \(instruction.range.startLine)) are in different RUNs",
                                    why: "the update layer stays cached, so a later install uses stale package lists and can fail or get old versions",
                                    fix: "RUN apt-get update && apt-get install -y … && rm -rf /var/lib/apt/lists/* in one instruction")]
            }
        }
        return []
    }

    static let downloadCaches: [(match: String, mount: String)] = [
        ("pip install", "--mount=type=cache,target=/root/.cache/pip"), ("pip3 install", "--mount=type=cache,target=/root/.cache/pip"),
        ("npm install", "--mount=type=cache,target=/root/.npm"), ("npm ci", "--mount=type=cache,target=/root/.npm"),
        ("apt-get install", "--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked"),
    ]

    /// BuildKit only, once per build: a package install that ran again because a COPY before
    /// it changed (the dependency list), with no cache mount to keep its downloads.
    static func cacheMount(_ steps: [BuildStep]) -> [CacheAdvice] {
        for step in steps where step.kind == .run && !step.cached && !step.isTrigger {
            guard case .parentRebuilt(let parent) = step.missReason, steps.indices.contains(parent),
                  steps[parent].kind == .copy || steps[parent].kind == .add, case .run(let run) = step.instruction.kind,
                  !run.mounts.contains(where: { $0.lowercased().contains("type=cache") }),
                  let text = runText(step.instruction) else { continue }
            let squeezed = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
            guard let found = downloadCaches.first(where: { squeezed.contains($0.match) }) else { continue }
            return [CacheAdvice(kind: .cacheMount, line: step.instruction.range.startLine, rule: nil,
                                finding: "`\(found.match)` ran again after `\(steps[parent].instruction.original)` (line \(steps[parent].instruction.range.startLine)) was rebuilt, and downloaded its packages again",
                                why: "its download cache went away with the old layer; a cache mount keeps it between builds, outside the image",
                                fix: "RUN \(found.mount) \(found.match) …" + (found.match.hasPrefix("apt") ? " (after removing /etc/apt/apt.conf.d/docker-clean, which deletes the downloads)" : ""))]
        }
        return []
    }

    static let cachePaths = ["/var/lib/apt/lists", "/var/cache/apt", "/root/.cache/pip", "/root/.npm", "/var/cache/apk", "/tmp/"]

    /// hadolint DL3009 asks for the apt lists to be deleted in the same RUN; deleting them in a
    /// later RUN only adds whiteouts.
    static func cleanupInLaterLayer(_ instructions: [Instruction]) -> [CacheAdvice] {
        var advice: [CacheAdvice] = []
        for (index, instruction) in instructions.enumerated() {
            guard let text = runText(instruction), text.contains("rm ") else { continue }
            for path in cachePaths where text.contains(path) {
                let maker = instructions[..<index].last { other in
                    guard let t = runText(other) else { return false }
                    if path.hasPrefix("/var/lib/apt") { return t.contains("apt-get update") || t.contains("apt update") }
                    if path.contains("apt") { return t.contains("apt-get") || t.contains("apt ") }
                    if path.contains("pip") { return t.contains("pip install") || t.contains("pip3 install") }
                    if path.contains("npm") { return t.contains("npm ") }
                    if path.contains("apk") { return t.contains("apk add") }
                    return true
                }
                if let maker {
                    advice.append(CacheAdvice(kind: .cleanupInLaterLayer, line: instruction.range.startLine, rule: path.contains("apt") ? "DL3009" : nil,
                                              finding: "\(path) is deleted on line \(instruction.range.startLine), but it was written by the RUN on line \(maker.range.startLine)",
                                              why: "layers only add: the files stay in the earlier layer and the image does not shrink",
                                              fix: "delete \(path) at the end of the same RUN that created it (`&& rm -rf …`)"))
                    break
                }
            }
        }
        return advice
    }

    /// hadolint DL3059: consecutive RUNs that could be one layer.
    static func consecutiveRuns(_ instructions: [Instruction]) -> [CacheAdvice] {
        var advice: [CacheAdvice] = []
        var previous: Instruction?
        var flagged = false
        for instruction in instructions {
            defer { previous = instruction }
            guard case .run = instruction.kind, let before = previous, case .run = before.kind else { flagged = false; continue }
            if flagged { continue }
            flagged = true
            advice.append(CacheAdvice(kind: .consecutiveRuns, line: instruction.range.startLine, rule: "DL3059",
                                      finding: "RUN on lines \(before.range.startLine) and \(instruction.range.startLine) follow each other",
                                      why: "each RUN is a layer of its own: more layers to store and pull, and files deleted later still weigh in",
                                      fix: "join related commands with `&&` in one RUN (keep apart what changes at different rates)"))
        }
        return advice
    }

    /// hadolint DL3020: ADD for local files.
    static func addInsteadOfCopy(_ instructions: [Instruction]) -> [CacheAdvice] {
        instructions.compactMap { instruction in
            guard case .copy(let copy) = instruction.kind, copy.isAdd, copy.from == nil else { return nil }
            let archives = [".tar", ".tgz", ".tar.gz", ".tar.xz", ".tar.bz2", ".txz", ".tbz2"]
            let special = copy.sources.contains { s in s.contains("://") || s.hasPrefix("git@") || archives.contains { s.hasSuffix($0) } }
            guard !special else { return nil }
            return CacheAdvice(kind: .addInsteadOfCopy, line: instruction.range.startLine, rule: "DL3020",
                               finding: "ADD copies local files on line \(instruction.range.startLine)",
                               why: "ADD also unpacks archives and fetches URLs, so it can do more than it says; COPY is plain and predictable",
                               fix: "use COPY for files and folders; keep ADD for archives to extract or remote sources")
        }
    }

    /// hadolint DL3007 (and DL3006 for no tag at all).
    static func latestBase(_ from: FromInstruction, line: Int, stageNames: Set<String>) -> [CacheAdvice] {
        let image = from.image
        let lower = image.lowercased()
        if lower == "scratch" || stageNames.contains(lower) || image.contains("@") || image.contains("$") { return [] }
        let last = image.split(separator: "/").last.map(String.init) ?? image
        let tag = last.contains(":") ? String(last.split(separator: ":").last ?? "") : nil
        guard tag == nil || tag == "latest" else { return [] }
        return [CacheAdvice(kind: .latestBase, line: line, rule: tag == nil ? "DL3006" : "DL3007",
                            finding: tag == nil ? "FROM \(image) has no tag, so it means \(image):latest" : "FROM \(image) uses the moving `latest` tag",
                            why: "when the tag moves to a new release every step is rebuilt, and two machines may build from different bases",
                            fix: "pin a release tag (e.g. \(last.split(separator: ":").first.map(String.init) ?? last):<version>), or a digest with @sha256:…")]
    }
}
