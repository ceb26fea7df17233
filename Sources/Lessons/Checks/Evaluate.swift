import DockerCLI
import Foundation

/// The result of testing one check against the world.
public struct CheckResult: Hashable, Sendable {
    public var check: Check
    public var passed: Bool
    /// What is still missing, in the learner's words (empty when passed).
    public var message: String
}

extension Check {
    /// Tests this check; a failure carries the author's `else` message or the built-in one.
    public func evaluate(in world: some LessonWorld) -> CheckResult {
        // A missing feature is reported as such, even over the author's `else` text: the
        // learner cannot reach this goal in this build, whatever they type.
        if let feature = predicate.feature, let why = world.unavailable(feature) {
            return CheckResult(check: self, passed: false, message: why)
        }
        let outcome = predicate.evaluate(in: world)
        return CheckResult(check: self, passed: outcome.holds, message: outcome.holds ? "" : (message ?? outcome.whyNot))
    }
}

/// The truth of a predicate, with what to tell the learner if it was wanted the other way.
struct Evaluation {
    var holds: Bool
    /// Said when the predicate should hold but does not.
    var whyNot: String
    /// Said when the predicate should not hold (`not ...`) but does.
    var whyNotNot: String
    /// The thing asked about is missing (no such image, file or build): false either way.
    var absent = false

    func negated() -> Evaluation {
        Evaluation(holds: absent ? false : !holds, whyNot: whyNotNot, whyNotNot: whyNot, absent: absent)
    }
}

extension Predicate {
    /// The simulator feature this predicate needs beyond images, builds and files.
    public var feature: LessonFeature? {
        switch self {
        case .not(let inner): return inner.feature
        case .registryHas, .registrySameAs, .loggedIn: return .registries
        case .container: return .containers
        default: return nil
        }
    }

    func evaluate(in world: some LessonWorld) -> Evaluation {
        switch self {
        case .not(let inner):
            return inner.evaluate(in: world).negated()

        case .imageExists(let ref):
            return Evaluation(holds: world.image(ref) != nil,
                              whyNot: Message.noImage(ref),
                              whyNotNot: "The image \(ref) still exists. Remove it with docker rmi \(ref).")

        case .imageLayers(let ref, let op, let n):
            guard let image = world.image(ref) else { return .missingImage(ref) }
            let ok = op.holds(image.layerCount, n)
            let has = "The image \(ref) has \(Message.count(image.layerCount, "filesystem layer"))"
            return Evaluation(holds: ok, whyNot: "\(has); this step wants \(Message.phrase(op, "\(n)")).",
                              whyNotNot: "\(has); this step wants that to change.")

        case .imageLayersVersus(let ref, let op, let other):
            guard let image = world.image(ref) else { return .missingImage(ref) }
            guard let second = world.image(other) else { return .missingImage(other) }
            let has = "The image \(ref) has \(Message.count(image.layerCount, "filesystem layer")) and \(other) has \(second.layerCount)"
            return Evaluation(holds: op.holds(image.layerCount, second.layerCount),
                              whyNot: "\(has); this step wants \(ref) to have \(Message.phrase(op, "that"))."
                                .replacingOccurrences(of: "exactly that", with: "the same number"),
                              whyNotNot: "\(has); this step wants that to change.")

        case .imageSameLayers(let ref, let other):
            guard let image = world.image(ref) else { return .missingImage(ref) }
            guard let second = world.image(other) else { return .missingImage(other) }
            return Evaluation(holds: image.layers == second.layers,
                              whyNot: "\(ref) and \(other) do not have the same filesystem layers (\(image.layerCount) and \(second.layerCount) layers, \(commonPrefix(image.layers, second.layers)) shared from the bottom).",
                              whyNotNot: "\(ref) and \(other) still have exactly the same filesystem layers.")

        case .imageSizeVersus(let ref, let op, let other):
            guard let image = world.image(ref) else { return .missingImage(ref) }
            guard let second = world.image(other) else { return .missingImage(other) }
            let has = "The image \(ref) is \(Message.humanSize(image.size)) and \(other) is \(Message.humanSize(second.size))"
            return Evaluation(holds: op.holds(image.size, second.size),
                              whyNot: "\(has); this step wants \(ref) \(Message.sizePhrase(op, other)).",
                              whyNotNot: "\(has); this step wants that to change.")

        case .imageSize(let ref, let op, let bytes):
            guard let image = world.image(ref) else { return .missingImage(ref) }
            let has = "The image \(ref) is \(Message.humanSize(image.size))"
            return Evaluation(holds: op.holds(image.size, bytes),
                              whyNot: "\(has); this step wants it \(Message.sizePhrase(op, Message.humanSize(bytes))).",
                              whyNotNot: "\(has); this step wants its size to change.")

        case .imageSizeBetween(let ref, let low, let high):
            guard let image = world.image(ref) else { return .missingImage(ref) }
            let has = "The image \(ref) is \(Message.humanSize(image.size))"
            return Evaluation(holds: image.size >= low && image.size <= high,
                              whyNot: "\(has); this step wants it between \(Message.humanSize(low)) and \(Message.humanSize(high)).",
                              whyNotNot: "\(has); this step wants it outside \(Message.humanSize(low))–\(Message.humanSize(high)).")

        case .imageConfig(let ref, let field, let test):
            guard let image = world.image(ref) else { return .missingImage(ref) }
            return evaluateConfig(ref, image.config, field, test)

        case .imageHistoryContains(let ref, let text):
            guard let image = world.image(ref) else { return .missingImage(ref) }
            let found = image.history.contains { normalized($0).contains(normalized(text)) }
            return Evaluation(holds: found,
                              whyNot: "No line of docker history \(ref) mentions \"\(text)\" yet.",
                              whyNotNot: "docker history \(ref) still shows \"\(text)\".")

        case .imageHasFile(let ref, let path):
            guard world.image(ref) != nil else { return .missingImage(ref) }
            return Evaluation(holds: world.imageHasFile(ref, path: path),
                              whyNot: "The image \(ref) has no \(path) inside it yet.",
                              whyNotNot: "The image \(ref) still contains \(path); it should not end up in the image.")

        case .imageSameAs(let a, let b):
            guard let first = world.image(a) else { return .missingImage(a) }
            guard let second = world.image(b) else { return .missingImage(b) }
            return Evaluation(holds: first.id == second.id,
                              whyNot: "\(a) and \(b) are different images (IDs \(Message.shortID(first.id)) and \(Message.shortID(second.id))); they should be the same image.",
                              whyNotNot: "\(a) and \(b) are the same image (ID \(Message.shortID(first.id))); they should differ.")

        case .lastBuildSucceeded(let wanted):
            guard let build = world.lastBuild() else { return .noBuild }
            let ok = build.succeeded == wanted
            return Evaluation(holds: ok,
                              whyNot: wanted ? "The last build failed. Read its error, fix the Dockerfile and build again."
                                             : "The last build succeeded; this step wants to see a build fail.",
                              whyNotNot: wanted ? "The last build succeeded; this step wants to see a build fail."
                                                : "The last build failed. Read its error, fix the Dockerfile and build again.")

        case .lastBuildBuilder(let builder):
            guard let build = world.lastBuild() else { return .noBuild }
            let names: [Predicate.Builder: String] = [.buildkit: "BuildKit (the default)", .classic: "the classic builder (DOCKER_BUILDKIT=0)"]
            let used = build.builder == .buildkit ? Predicate.Builder.buildkit : .classic
            return Evaluation(holds: used == builder,
                              whyNot: "The last build used \(names[used] ?? ""); this step wants one with \(names[builder] ?? "").",
                              whyNotNot: "The last build used \(names[used] ?? ""); this step wants another builder.")

        case .lastBuildSteps(let outcome, let selector):
            guard let build = world.lastBuild() else { return .noBuild }
            return evaluateSteps(build, outcome, selector)

        case .lastBuildWarmCacheMount(let path):
            guard let build = world.lastBuild() else { return .noBuild }
            let warm = build.steps.contains { !$0.reused && $0.warmCacheMounts.contains(path) }
            return Evaluation(holds: warm,
                              whyNot: "No step of the last build ran with a cache mount at \(path) that already held files from an earlier build.",
                              whyNotNot: "A step of the last build found files from an earlier build in its cache mount at \(path).")

        case .fileExists(let path):
            return Evaluation(holds: world.workspaceFile(path) != nil,
                              whyNot: "There is no \(path) in the workspace yet.",
                              whyNotNot: "\(path) is still in the workspace. Remove it with rm \(path).")

        case .fileContains(let path, let text):
            guard case .file(let content) = world.workspaceFile(path) else { return .missingFile(path) }
            return Evaluation(holds: content.contains(text),
                              whyNot: "\(path) does not contain \"\(text)\" yet.",
                              whyNotNot: "\(path) still contains \"\(text)\".")

        case .fileEquals(let path, let text):
            guard case .file(let content) = world.workspaceFile(path) else { return .missingFile(path) }
            let ok = content == text || content == text + "\n"
            return Evaluation(holds: ok,
                              whyNot: "\(path) does not hold the expected content yet (cat \(path) to see what it has).",
                              whyNotNot: "\(path) still holds its old content.")

        case .fileOrder(let path, let first, let second):
            guard case .file(let content) = world.workspaceFile(path) else { return .missingFile(path) }
            guard let a = content.range(of: first) else {
                let text = "\(path) does not contain \"\(first)\" yet."
                return Evaluation(holds: false, whyNot: text, whyNotNot: text, absent: true)
            }
            guard let b = content.range(of: second) else {
                let text = "\(path) does not contain \"\(second)\" yet."
                return Evaluation(holds: false, whyNot: text, whyNotNot: text, absent: true)
            }
            return Evaluation(holds: a.lowerBound < b.lowerBound,
                              whyNot: "In \(path), \"\(first)\" should come before \"\(second)\".",
                              whyNotNot: "In \(path), \"\(first)\" should come after \"\(second)\".")

        case .registryHas(let host, let repository, let tag):
            return Evaluation(holds: world.registryImageID(registry: host, repository: repository, tag: tag) != nil,
                              whyNot: "The registry \(host) has no \(repository):\(tag) yet. Tag an image as \(Message.registryRef(host, repository, tag)) and push it.",
                              whyNotNot: "The registry \(host) still holds \(repository):\(tag).")

        case .registrySameAs(let host, let repository, let tag, let local):
            guard let remote = world.registryImageID(registry: host, repository: repository, tag: tag) else {
                return Predicate.registryHas(registry: host, repository: repository, tag: tag).evaluate(in: world)
            }
            guard let image = world.image(local) else { return .missingImage(local) }
            return Evaluation(holds: remote == image.id,
                              whyNot: "The registry's \(repository):\(tag) is not the same image as your local \(local) (IDs \(Message.shortID(remote)) and \(Message.shortID(image.id))). Push \(local) again.",
                              whyNotNot: "The registry's \(repository):\(tag) is the same image as your local \(local).")

        case .loggedIn(let host):
            return Evaluation(holds: world.isLoggedIn(registry: host),
                              whyNot: "You are not logged in to \(host) yet. Use docker login \(host).",
                              whyNotNot: "You are still logged in to \(host). Use docker logout \(host).")

        case .danglingImages(let op, let n):
            let count = world.danglingImageCount()
            let has = "There \(count == 1 ? "is" : "are") \(Message.count(count, "dangling image")) (<none>:<none> in docker images)"
            return Evaluation(holds: op.holds(count, n),
                              whyNot: "\(has); this step wants \(Message.phrase(op, "\(n)")).",
                              whyNotNot: "\(has); this step wants that to change.")

        case .container(let selector, let test):
            return evaluateContainer(selector, test, world)
        }
    }

    func evaluateConfig(_ ref: String, _ config: LessonImageConfig, _ field: ConfigField, _ test: ConfigTest) -> Evaluation {
        let name = "\(field.rawValue)"
        let list: [String]?
        let text: String
        switch field {
        case .cmd: list = config.cmd ?? []; text = Message.json(config.cmd)
        case .entrypoint: list = config.entrypoint ?? []; text = Message.json(config.entrypoint)
        case .env: list = config.env; text = Message.json(config.env)
        case .exposedPorts: list = config.exposedPorts; text = Message.json(config.exposedPorts)
        case .labels:
            list = config.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            text = Message.json(list)
        case .workingDir: list = nil; text = config.workingDir
        case .user: list = nil; text = config.user
        }
        let shown = text.isEmpty ? "empty" : text
        let now = "The image \(ref) has \(name) \(shown)"
        switch test {
        case .isEmpty:
            let empty = list.map(\.isEmpty) ?? text.isEmpty
            return Evaluation(holds: empty, whyNot: "\(now); this step wants it empty.", whyNotNot: "\(now); this step wants it set.")
        case .equals(let value), .notEquals(let value):
            let equal: Bool
            let wanted: String
            switch value {
            case .list(let items): equal = list == items; wanted = Message.json(items)
            case .text(let t): equal = text == t; wanted = t
            }
            let eval = Evaluation(holds: equal, whyNot: "\(now); this step wants \(wanted).",
                                  whyNotNot: "\(now); this step wants something else.")
            if case .notEquals = test { return eval.negated() }
            return eval
        case .contains(let item):
            let found: Bool
            if let list {
                if field == .env || field == .labels, !item.contains("=") {
                    found = list.contains { $0.hasPrefix(item + "=") }
                } else {
                    found = list.contains(item)
                }
            } else {
                found = text.contains(item)
            }
            return Evaluation(holds: found, whyNot: "\(now); this step wants it to include \(item).",
                              whyNotNot: "\(now); this step wants \(item) gone from it.")
        }
    }

    func evaluateSteps(_ build: LessonBuild, _ outcome: StepOutcome, _ selector: StepSelector) -> Evaluation {
        let chosen: [LessonBuild.Step]
        let what: String
        switch selector {
        case .all:
            chosen = build.steps
            what = "every step"
        case .numbers(let numbers):
            chosen = build.steps.filter { numbers.contains($0.number) }
            what = numbers.count == 1 ? "step \(numbers[0])" : "steps \(Message.ranges(numbers))"
            let missing = Set(numbers).subtracting(chosen.map(\.number))
            if !missing.isEmpty {
                return Evaluation(holds: false,
                                  whyNot: "The last build has no step \(Message.ranges(missing.sorted())); it had \(build.steps.count) steps.",
                                  whyNotNot: "The last build has no step \(Message.ranges(missing.sorted())).", absent: true)
            }
        case .instruction(let text):
            chosen = build.steps.filter { normalized($0.instruction).contains(normalized(text)) }
            what = "the step \(text)"
            if chosen.isEmpty {
                return Evaluation(holds: false, whyNot: "The last build had no step \(text).",
                                  whyNotNot: "The last build had no step \(text).", absent: true)
            }
        }
        let wantReused = outcome == .reused
        let wrong = chosen.filter { $0.reused != wantReused }
        let describe = { (step: LessonBuild.Step) in "\(step.number) (\(step.instruction))" }
        let reusedWord = wantReused ? "reused from the cache" : "rebuilt"
        let opposite = wantReused ? "rebuilt" : "reused from the cache"
        let offenders = wrong.prefix(3).map(describe).joined(separator: ", ")
        let inverse = chosen.filter { $0.reused == wantReused }.prefix(3).map(describe).joined(separator: ", ")
        return Evaluation(holds: wrong.isEmpty,
                          whyNot: "In the last build, \(what) should be \(reusedWord), but step \(offenders) was \(opposite).",
                          whyNotNot: "In the last build, \(what) should not all be \(reusedWord), but step \(inverse) was.")
    }

    func evaluateContainer(_ selector: ContainerSelector, _ test: ContainerTest, _ world: some LessonWorld) -> Evaluation {
        let all = world.containers()
        let candidates: [LessonContainer]
        let noun: String
        switch selector {
        case .named(let name):
            candidates = all.filter { $0.name == name || ($0.id.hasPrefix(name) && name.count >= 4) }
            noun = "container named \(name)"
        case .from(let ref):
            let id = world.image(ref)?.id
            candidates = all.filter { $0.image == ref || (id != nil && world.image($0.image)?.id == id) }
            noun = "container from \(ref)"
        }
        let none = "There is no \(noun) yet (docker ps -a lists them)."
        if case .exists = test {
            return Evaluation(holds: !candidates.isEmpty, whyNot: none,
                              whyNotNot: "There is still a \(noun). Remove it with docker rm.")
        }
        if candidates.isEmpty {
            // No container at all: "not running" and friends hold (a removed container is stopped).
            return Evaluation(holds: false, whyNot: none, whyNotNot: "")
        }
        switch test {
        case .exists:
            return Evaluation(holds: true, whyNot: "", whyNotNot: "")
        case .running:
            return Evaluation(holds: candidates.contains { $0.state == .running },
                              whyNot: "There is a \(noun), but it is not running (docker ps shows running ones).",
                              whyNotNot: "A \(noun) is still running. Stop it with docker stop.")
        case .exited(let code):
            let ok = candidates.contains {
                if case .exited(let c) = $0.state { return code == nil || c == code }
                return false
            }
            let codeText = code.map { " with code \($0)" } ?? ""
            return Evaluation(holds: ok, whyNot: "There is a \(noun), but none has exited\(codeText) yet.",
                              whyNotNot: "A \(noun) has exited\(codeText).")
        case .commandContains(let text):
            return Evaluation(holds: candidates.contains { $0.command.joined(separator: " ").contains(text) },
                              whyNot: "There is a \(noun), but none ran a command with \"\(text)\" in it.",
                              whyNotNot: "A \(noun) ran a command with \"\(text)\" in it.")
        case .logsContain(let text):
            return Evaluation(holds: candidates.contains { $0.logs.contains(text) },
                              whyNot: "There is a \(noun), but its output (docker logs) does not show \"\(text)\".",
                              whyNotNot: "The output of a \(noun) shows \"\(text)\".")
        }
    }
}

extension Evaluation {
    /// A missing subject makes the predicate false whichever way it was wanted: a `not` check
    /// about an image that does not exist is not met either, so both messages say what is missing.
    static func missingImage(_ ref: String) -> Evaluation {
        Evaluation(holds: false, whyNot: Message.noImage(ref), whyNotNot: Message.noImage(ref), absent: true)
    }
    static func missingFile(_ path: String) -> Evaluation {
        let text = "There is no \(path) in the workspace yet."
        return Evaluation(holds: false, whyNot: text, whyNotNot: text, absent: true)
    }
    static var noBuild: Evaluation {
        let text = "You have not built anything yet. Build with docker build -t NAME ."
        return Evaluation(holds: false, whyNot: text, whyNotNot: text, absent: true)
    }
}

func commonPrefix(_ a: [String], _ b: [String]) -> Int {
    zip(a, b).prefix(while: { $0 == $1 }).count
}

/// Compares instruction texts the way a reader would: case of the keyword and runs of spaces
/// do not matter.
func normalized(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").lowercased()
}

/// Learner-facing wording, gathered in one place so it stays consistent.
enum Message {
    static func noImage(_ ref: String) -> String {
        "There is no image tagged \(ref) yet — build one with docker build -t \(ref) ."
    }
    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    static func phrase(_ op: Predicate.Comparison, _ value: String) -> String {
        switch op {
        case .equal: return "exactly \(value)"
        case .notEqual: return "anything but \(value)"
        case .less: return "fewer than \(value)"
        case .lessOrEqual: return "at most \(value)"
        case .greater: return "more than \(value)"
        case .greaterOrEqual: return "at least \(value)"
        }
    }
    static func sizePhrase(_ op: Predicate.Comparison, _ value: String) -> String {
        switch op {
        case .equal: return "exactly \(value)"
        case .notEqual: return "not \(value)"
        case .less: return "smaller than \(value)"
        case .lessOrEqual: return "at most \(value)"
        case .greater: return "larger than \(value)"
        case .greaterOrEqual: return "at least \(value)"
        }
    }

    /// Docker's `HumanSizeWithPrecision(size, 3)`, as `docker images` prints it.
    static func humanSize(_ bytes: Int64) -> String { Units.imageSize(bytes) }

    static func shortID(_ id: String) -> String {
        let hex = id.hasPrefix("sha256:") ? String(id.dropFirst(7)) : id
        return String(hex.prefix(12))
    }

    static func json(_ list: [String]?) -> String {
        guard let list else { return "" }
        return "[" + list.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        let sorted = numbers.sorted()
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    static func registryRef(_ host: String, _ repository: String, _ tag: String) -> String {
        host == "docker.io" ? "\(repository):\(tag)" : "\(host)/\(repository):\(tag)"
    }
}
