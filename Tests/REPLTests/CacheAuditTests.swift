import DockerCLI
import Engine
import Testing
@testable import REPL

/// A fidelity audit of the build cache against docker-behavior.md §1 (and the output and
/// history formats of §2 and §4): each scenario builds twice through the real shell on the
/// fixed clock, with one change in between, and checks which steps were reused, for both
/// builders.
@Suite struct CacheAuditTests {
    /// One REPL session, with the teaching views off so only Docker's output is seen.
    struct Lab {
        var shell = Shell()
        let classic: Bool

        init(classic: Bool) {
            self.classic = classic
            shell.session.explainAfterBuild = false
        }

        mutating func file(_ name: String, _ text: String, mode: UInt32 = 0o644) {
            shell.session.workspace.set("/app/" + name, .file(.text(text), mode: mode))
        }

        mutating func dockerfile(_ lines: String...) { dockerfile(lines) }

        mutating func dockerfile(_ lines: [String]) {
            file("Dockerfile", lines.joined(separator: "\n") + "\n")
        }

        @discardableResult
        mutating func build(_ flags: String = "", tag: String = "t") -> Outcome {
            let line = classic
                ? "DOCKER_BUILDKIT=0 docker build \(flags) -t \(tag) ."
                : "docker build --progress=plain \(flags) -t \(tag) ."
            let result = shell.run(line: line)
            return Outcome(result: result, classic: classic, image: shell.session.engine.images.resolve(tag))
        }

        mutating func run(_ line: String) -> CommandResult { shell.run(line: line) }

        var engine: EngineState { shell.session.engine }
    }

    /// What one build printed, reduced to its steps.
    struct Outcome {
        let result: CommandResult
        let classic: Bool
        let image: ImageID?
        /// (text without the `[x/y] ` or `Step N/M : ` prefix, cached), FROM steps left out.
        var steps: [(text: String, label: String, cached: Bool)] = []

        init(result: CommandResult, classic: Bool, image: ImageID?) {
            self.result = result
            self.classic = classic
            self.image = image
            let lines = (result.stdout + result.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if classic {
                for (i, line) in lines.enumerated() where line.hasPrefix("Step ") {
                    guard let colon = line.range(of: " : ") else { continue }
                    let text = String(line[colon.upperBound...])
                    let label = String(line[..<colon.lowerBound])
                    let cached = i + 1 < lines.count && lines[i + 1] == " ---> Using cache"
                    if !text.uppercased().hasPrefix("FROM ") { steps.append((text, label, cached)) }
                }
            } else {
                var names: [String: Int] = [:]
                for line in lines where line.hasPrefix("#") {
                    let parts = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { continue }
                    if parts[1].hasPrefix("["), !parts[1].hasPrefix("[internal]"), names[parts[0]] == nil,
                       let close = parts[1].firstIndex(of: "]") {
                        let text = String(parts[1][parts[1].index(close, offsetBy: 2)...])
                        let label = String(parts[1][...close])
                        if !text.hasPrefix("FROM ") {
                            names[parts[0]] = steps.count
                            steps.append((text, label, false))
                        }
                    } else if parts[1] == "CACHED", let i = names[parts[0]] {
                        steps[i].cached = true
                    }
                }
            }
        }

        var cached: [String] { steps.filter(\.cached).map(\.text) }
        var rebuilt: [String] { steps.filter { !$0.cached }.map(\.text) }
        var labels: [String] { steps.map(\.label) }
        var succeeded: Bool { result.exitStatus == 0 }
        var output: String { result.stdout + result.stderr }
    }

    static let builders = [false, true]

    // MARK: §1.1 rows

    @Test(arguments: builders) func runTextChange(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        lab.dockerfile("FROM alpine:3.20", "WORKDIR /w", "COPY a.txt .", "RUN echo one", "CMD [\"sh\"]")
        let first = lab.build()
        #expect(first.succeeded)
        #expect(first.cached.isEmpty)
        lab.dockerfile("FROM alpine:3.20", "WORKDIR /w", "COPY a.txt .", "RUN echo two", "CMD [\"sh\"]")
        let second = lab.build()
        #expect(second.cached == ["WORKDIR /w", "COPY a.txt ."])
        #expect(second.rebuilt == (classic ? ["RUN echo two", "CMD [\"sh\"]"] : ["RUN echo two"]))
        #expect(second.image != first.image)
    }

    @Test(arguments: builders) func envChange(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        lab.dockerfile("FROM alpine:3.20", "ENV A=1", "WORKDIR /w", "COPY a.txt .", "RUN echo hi")
        lab.build()
        lab.dockerfile("FROM alpine:3.20", "ENV A=2", "WORKDIR /w", "COPY a.txt .", "RUN echo hi")
        let second = lab.build()
        if classic {
            #expect(second.cached.isEmpty)
            #expect(second.rebuilt == ["ENV A=2", "WORKDIR /w", "COPY a.txt .", "RUN echo hi"])
        } else {
            #expect(second.cached == ["WORKDIR /w", "COPY a.txt ."])
            #expect(second.rebuilt == ["RUN echo hi"])
        }
    }

    @Test(arguments: builders, ["LABEL v=2", "EXPOSE 81", "CMD [\"b\"]"])
    func metadataChange(classic: Bool, changed: String) {
        var lab = Lab(classic: classic)
        let original = ["LABEL v=1", "EXPOSE 80", "CMD [\"a\"]"]
        let keyword = changed.split(separator: " ")[0]
        let edited = original.map { $0.hasPrefix(keyword) ? changed : $0 }
        lab.dockerfile(["FROM alpine:3.20", "WORKDIR /w", "RUN echo hi"] + original)
        let first = lab.build()
        lab.dockerfile(["FROM alpine:3.20", "WORKDIR /w", "RUN echo hi"] + edited)
        let second = lab.build()
        #expect(second.succeeded)
        #expect(second.image != first.image)
        if classic {
            let at = edited.firstIndex(of: changed) ?? 0
            #expect(second.cached == ["WORKDIR /w", "RUN echo hi"] + edited.prefix(at))
            #expect(second.rebuilt == Array(edited.suffix(from: at)))
        } else {
            #expect(second.cached == ["WORKDIR /w", "RUN echo hi"])
            #expect(second.rebuilt.isEmpty)
        }
    }

    // MARK: §1.3 ARG / --build-arg

    @Test(arguments: builders) func argDefaultChange(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        lab.dockerfile("FROM alpine:3.20", "ARG V=1", "WORKDIR /w", "COPY a.txt .", "RUN echo hi")
        lab.build()
        lab.dockerfile("FROM alpine:3.20", "ARG V=2", "WORKDIR /w", "COPY a.txt .", "RUN echo hi")
        let second = lab.build()
        if classic {
            // The ARG step's own probe text changed.
            #expect(second.rebuilt == ["ARG V=2", "WORKDIR /w", "COPY a.txt .", "RUN echo hi"])
        } else {
            #expect(second.cached == ["WORKDIR /w", "COPY a.txt ."])
            #expect(second.rebuilt == ["RUN echo hi"])
        }
    }

    @Test(arguments: builders, ["RUN echo hi", "RUN echo $V"])
    func buildArgChangeUsedOrNot(classic: Bool, run: String) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        lab.dockerfile("FROM alpine:3.20", "ARG V=1", "WORKDIR /w", "COPY a.txt .", run)
        lab.build("--build-arg V=5")
        let same = lab.build("--build-arg V=5")
        #expect(same.rebuilt.isEmpty)
        let second = lab.build("--build-arg V=6")
        let runText = classic ? run : run.replacingOccurrences(of: "$V", with: "6")
        if classic {
            #expect(second.cached == ["ARG V=1", "WORKDIR /w", "COPY a.txt ."])
        } else {
            #expect(second.cached == ["WORKDIR /w", "COPY a.txt ."])
        }
        #expect(second.rebuilt == [runText])
    }

    @Test(arguments: builders) func argWithoutValueHasNoEffect(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20", "RUN echo hi")
        lab.build()
        lab.dockerfile("FROM alpine:3.20", "ARG X", "RUN echo hi")
        let second = lab.build()
        if classic {
            // A new ARG step misses (nothing probed it before) and busts what follows.
            #expect(second.rebuilt == ["ARG X", "RUN echo hi"])
            let again = lab.build()
            #expect(again.rebuilt.isEmpty)
        } else {
            #expect(second.cached == ["RUN echo hi"])
        }
    }

    @Test(arguments: builders) func buildArgReferencedInEnv(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        lab.dockerfile("FROM alpine:3.20", "ARG V=1", "ENV Y=$V", "WORKDIR /w", "COPY a.txt .", "RUN echo hi")
        lab.build("--build-arg V=5")
        let second = lab.build("--build-arg V=6")
        if classic {
            #expect(second.cached == ["ARG V=1"])
            #expect(second.rebuilt == ["ENV Y=$V", "WORKDIR /w", "COPY a.txt .", "RUN echo hi"])
        } else {
            #expect(second.cached == ["WORKDIR /w", "COPY a.txt ."])
            #expect(second.rebuilt == ["RUN echo hi"])
        }
    }

    @Test(arguments: builders) func undeclaredBuildArg(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20", "RUN echo hi")
        lab.build()
        let second = lab.build("--build-arg Z=1")
        #expect(second.rebuilt.isEmpty)
        let warning = "[Warning] One or more build-args [Z] were not consumed"
        #expect(second.output.contains(warning) == classic)
    }

    @Test(arguments: builders) func predefinedProxyArgs(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20", "RUN echo hi")
        lab.build("--build-arg HTTP_PROXY=http://a:3128")
        let second = lab.build("--build-arg HTTP_PROXY=http://b:3128")
        #expect(second.rebuilt.isEmpty)
        #expect(!second.output.contains("were not consumed"))
        // Declared with ARG, the proxy is an ordinary build arg again.
        lab.dockerfile("FROM alpine:3.20", "ARG HTTP_PROXY", "RUN echo hi")
        lab.build("--build-arg HTTP_PROXY=http://a:3128")
        let declared = lab.build("--build-arg HTTP_PROXY=http://b:3128")
        #expect(declared.rebuilt.contains("RUN echo hi"))
    }

    // MARK: WORKDIR, COPY inputs, context

    @Test(arguments: builders) func workdirChange(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        lab.dockerfile("FROM alpine:3.20", "WORKDIR /a", "COPY a.txt .", "RUN echo hi")
        lab.build()
        lab.dockerfile("FROM alpine:3.20", "WORKDIR /b", "COPY a.txt .", "RUN echo hi")
        let second = lab.build()
        #expect(second.cached.isEmpty)
        #expect(second.rebuilt == ["WORKDIR /b", "COPY a.txt .", "RUN echo hi"])
    }

    enum ContextChange: String, CaseIterable { case content, touch, mode, notCopied, ignored }

    @Test(arguments: builders, ContextChange.allCases)
    func contextChange(classic: Bool, change: ContextChange) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        lab.file("b.txt", "b\n")
        lab.file("secret.txt", "s\n")
        lab.file(".dockerignore", "secret.txt\n")
        let copy = change == .notCopied ? "COPY a.txt ." : "COPY . ."
        lab.dockerfile("FROM alpine:3.20", "WORKDIR /w", copy, "RUN echo hi")
        let first = lab.build()
        switch change {
        case .content: lab.file("a.txt", "changed\n")
        case .touch: #expect(lab.run("touch a.txt").exitStatus == 0)
        case .mode: lab.file("a.txt", "a\n", mode: 0o755)
        case .notCopied: lab.file("b.txt", "changed\n")
        case .ignored: lab.file("secret.txt", "changed\n")
        }
        let second = lab.build()
        switch change {
        case .content, .mode:
            #expect(second.cached == ["WORKDIR /w"])
            #expect(second.rebuilt == [copy, "RUN echo hi"])
            #expect(second.image != first.image)
        case .touch, .notCopied, .ignored:
            #expect(second.rebuilt.isEmpty)
            #expect(second.image == first.image)
        }
    }

    @Test(arguments: builders, [false, true])
    func dockerfileEditAndCopyEverything(classic: Bool, ignoreDockerfile: Bool) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        if ignoreDockerfile { lab.file(".dockerignore", "Dockerfile\n") }
        lab.dockerfile("FROM alpine:3.20", "COPY . /src", "CMD [\"a\"]")
        lab.build()
        lab.dockerfile("FROM alpine:3.20", "COPY . /src", "CMD [\"b\"]")
        let second = lab.build()
        // The Dockerfile is part of the context (moby removes it only when .dockerignore
        // lists it), so editing it changes what `COPY .` copies.
        if ignoreDockerfile {
            #expect(second.cached == ["COPY . /src"])
        } else {
            #expect(!second.cached.contains("COPY . /src"))
        }
    }

    // MARK: multi-stage, --target

    @Test(arguments: builders) func unusedStage(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20 AS unused", "RUN echo unused",
                       "FROM alpine:3.20 AS builder", "RUN echo built > /out.txt",
                       "FROM alpine:3.20", "COPY --from=builder /out.txt /out.txt")
        let first = lab.build()
        #expect(first.succeeded)
        #expect(first.steps.map(\.text).contains("RUN echo unused") == classic)
        if classic {
            #expect(first.labels.first == "Step 2/6")
        } else {
            #expect(first.labels == ["[builder 2/2]", "[stage-2 2/2]"])
        }
    }

    @Test(arguments: builders) func targetStage(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20 AS builder", "RUN echo b",
                       "FROM alpine:3.20 AS other", "RUN echo o",
                       "FROM alpine:3.20 AS tester", "COPY --from=builder /etc/os-release /x", "RUN echo t",
                       "FROM alpine:3.20", "RUN echo final")
        let built = lab.build("--target tester")
        #expect(built.succeeded)
        let texts = built.steps.map(\.text)
        #expect(texts.contains("RUN echo o") == classic)
        #expect(texts.contains("RUN echo t"))
        #expect(!texts.contains("RUN echo final"))

        let unknown = lab.build("--target testr")
        #expect(unknown.result.exitStatus != 0)
        #expect(unknown.output.contains("target stage \"testr\" could not be found" + (classic ? "" : " (did you mean tester?)")))
        let far = lab.build("--target nothing")
        #expect(far.output.contains("target stage \"nothing\" could not be found"))
        #expect(!far.output.contains("did you mean"))
    }

    @Test(arguments: builders) func copyFromIdenticalStageOutput(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20 AS builder", "RUN echo same > /out.txt", "RUN echo v1 > /other.txt",
                       "FROM alpine:3.20", "COPY --from=builder /out.txt /out.txt", "RUN echo done")
        lab.build()
        lab.dockerfile("FROM alpine:3.20 AS builder", "RUN echo same > /out.txt", "RUN echo v2 > /other.txt",
                       "FROM alpine:3.20", "COPY --from=builder /out.txt /out.txt", "RUN echo done")
        let second = lab.build()
        #expect(second.rebuilt.first == "RUN echo v2 > /other.txt")
        if classic {
            #expect(second.rebuilt == ["RUN echo v2 > /other.txt", "COPY --from=builder /out.txt /out.txt", "RUN echo done"])
        } else {
            #expect(second.cached == ["RUN echo same > /out.txt", "COPY --from=builder /out.txt /out.txt", "RUN echo done"])
        }
    }

    // MARK: §1.4 switches

    @Test(arguments: builders) func noCache(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20", "WORKDIR /w", "RUN echo hi", "CMD [\"sh\"]")
        let first = lab.build()
        let second = lab.build("--no-cache")
        #expect(second.succeeded)
        #expect(second.cached.isEmpty)
        #expect(!second.output.contains("Using cache"))
        #expect(!second.output.contains("CACHED"))
        // The base image is still taken from the local store: no pull the second time.
        #expect(first.output.contains("alpine") && !second.output.contains("Pulling") && !second.output.contains("extracting"))
    }

    @Test(arguments: builders) func fullyCachedRebuildKeepsTheImageID(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.file("a.txt", "a\n")
        lab.dockerfile("FROM alpine:3.20", "ARG V=1", "ENV E=2", "WORKDIR /w", "COPY a.txt .", "RUN echo hi", "LABEL l=1", "EXPOSE 80", "CMD [\"sh\"]")
        let first = lab.build()
        lab.shell.session.clock.advance(by: 3600)
        let second = lab.build()
        #expect(second.rebuilt.isEmpty)
        #expect(second.image == first.image)
        #expect(first.image != nil)
    }

    @Test(arguments: builders) func rmiAndTheCache(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20", "WORKDIR /w", "RUN echo hi", "CMD [\"sh\"]")
        let first = lab.build()
        #expect(lab.run("docker rmi t").exitStatus == 0)
        let second = lab.build()
        if classic {
            #expect(second.cached.isEmpty)
            #expect(second.image != first.image)
        } else {
            #expect(second.rebuilt.isEmpty)
            #expect(second.image == first.image)
        }
    }

    // MARK: §1.5 created timestamps

    @Test(arguments: builders) func createdTimes(classic: Bool) throws {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20", "RUN echo hi", "CMD [\"a\"]")
        let first = lab.build()
        let firstImage = try #require(first.image.flatMap { lab.engine.images.images[$0] })
        lab.shell.session.clock.advance(by: 86_400)
        lab.dockerfile("FROM alpine:3.20", "RUN echo hi", "CMD [\"b\"]")
        let second = lab.build()
        let image = try #require(second.image.flatMap { lab.engine.images.images[$0] })
        let history = image.config.history
        let runEntry = try #require(history.dropLast().last)
        let firstRun = try #require(firstImage.config.history.dropLast().last)
        // The cached RUN keeps its old time on both builders.
        #expect(runEntry.created == firstRun.created)
        if classic {
            // The new CMD step is committed now.
            #expect(image.config.created > firstImage.config.created)
            #expect(history.last?.created == image.config.created)
        } else {
            // Metadata entries take the last layer's time, and so does the image.
            #expect(image.config.created == runEntry.created)
            #expect(history.last?.created == runEntry.created)
        }
    }

    // MARK: §2 numbering

    @Test func classicStepTotals() {
        var lab = Lab(classic: true)
        lab.dockerfile("ARG BASE=alpine:3.20", "ARG UNUSED", "FROM $BASE AS one", "RUN echo 1", "FROM alpine:3.20", "COPY --from=one /etc/os-release /x", "CMD [\"sh\"]")
        let built = lab.build()
        #expect(built.succeeded)
        // 2 ARGs + 2 FROMs + 3 other instructions.
        for n in 1...7 { #expect(built.result.stdout.contains("Step \(n)/7 : ")) }
        #expect(built.result.stdout.contains("Step 1/7 : ARG BASE=alpine:3.20\n"))
        #expect(built.result.stdout.contains("Step 3/7 : FROM $BASE AS one\n"))
    }

    @Test func buildKitStepLabels() {
        var lab = Lab(classic: false)
        lab.dockerfile("FROM alpine:3.20 AS builder", "WORKDIR /src", "RUN echo a", "RUN echo b",
                       "FROM alpine:3.20", "COPY --from=builder /src /src", "RUN echo c")
        let built = lab.build()
        #expect(built.succeeded)
        #expect(built.labels == ["[builder 2/4]", "[builder 3/4]", "[builder 4/4]", "[stage-1 2/3]", "[stage-1 3/3]"])
        #expect(built.output.contains("[builder 1/4] FROM docker.io/library/alpine:3.20@sha256:"))

        var wide = Lab(classic: false)
        wide.dockerfile(["FROM alpine:3.20"] + (1...11).map { "RUN echo \($0)" })
        let many = wide.build()
        #expect(many.output.contains("] FROM docker.io/library/alpine:3.20"))
        #expect(many.output.contains("#5 [ 1/12] FROM") || many.output.contains("[ 1/12] FROM"))
        #expect(many.labels.first == "[ 2/12]")
        #expect(many.labels.last == "[12/12]")
    }

    @Test func buildKitStagesFromScratchOrAnotherStageDoNotNumberFrom() {
        var lab = Lab(classic: false)
        lab.dockerfile("FROM alpine:3.20 AS builder", "RUN echo b > /b",
                       "FROM builder AS t2", "RUN echo t2",
                       "FROM scratch", "COPY --from=t2 /b /b")
        let built = lab.build()
        #expect(built.succeeded)
        #expect(built.labels == ["[builder 2/2]", "[t2 1/1]", "[stage-2 1/1]"])
    }

    @Test func buildKitOnbuildTriggersAllCountInTheTotal() {
        var lab = Lab(classic: false)
        lab.dockerfile("FROM alpine:3.20", "ONBUILD ENV X=1", "ONBUILD RUN echo triggered")
        #expect(lab.build(tag: "base:1").succeeded)
        lab.dockerfile("FROM base:1", "RUN echo child")
        let child = lab.build()
        #expect(child.succeeded)
        #expect(child.steps.map { $0.label + " " + $0.text } == ["[2/4] ONBUILD RUN echo triggered", "[3/4] RUN echo child"])
    }

    @Test func buildKitWorkdirRootIsNoVertex() throws {
        var lab = Lab(classic: false)
        lab.dockerfile("FROM alpine:3.20", "WORKDIR /", "RUN echo hi")
        let built = lab.build()
        #expect(built.succeeded)
        #expect(built.steps.map { $0.label + " " + $0.text } == ["[2/3] RUN echo hi"])
        let image = try #require(built.image.flatMap { lab.engine.images.images[$0] })
        let workdir = try #require(image.config.history.dropLast().last)
        #expect(workdir.createdBy == "WORKDIR /" && workdir.emptyLayer)
        #expect(image.config.diffIDs.count == 2)
        #expect(lab.build().rebuilt.isEmpty)
    }

    @Test func classicContextSizeIsTheTarStream() {
        var lab = Lab(classic: true)
        lab.dockerfile("FROM alpine:3.20")
        #expect(lab.build().result.stdout.hasPrefix("Sending build context to Docker daemon  2.048kB\n"))
        // One more small file: header + one padded block; .dockerignore and an ignored
        // Dockerfile are still sent.
        lab.file("a.txt", "a\n")
        lab.file(".dockerignore", "Dockerfile\n")
        #expect(lab.build().result.stdout.hasPrefix("Sending build context to Docker daemon  4.096kB\n"))
    }

    @Test func classicFromScratchPrintsAnEmptyArrow() {
        var lab = Lab(classic: true)
        lab.file("hello", "hi\n")
        lab.dockerfile("FROM scratch", "COPY hello /", "CMD [\"/hello\"]")
        let built = lab.build()
        #expect(built.succeeded)
        #expect(built.result.stdout.contains("Step 1/3 : FROM scratch\n ---> \nStep 2/3 : COPY hello /\n ---> "))
    }

    @Test func buildKitImageWithoutLayerStepsKeepsTheBaseTime() throws {
        var lab = Lab(classic: false)
        lab.dockerfile("FROM alpine:3.20", "ENV A=1", "CMD [\"x\"]")
        let built = lab.build()
        let image = try #require(built.image.flatMap { lab.engine.images.images[$0] })
        let base = try #require(image.config.history.dropLast(2).last)
        #expect(image.config.created == base.created)
        #expect(image.config.history.suffix(2).allSatisfy { $0.created == base.created })
    }

    // MARK: §11.7 errors the builders differ on

    @Test(arguments: builders) func duplicateStageNames(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20 AS x", "RUN echo one", "FROM alpine:3.20 AS X", "RUN echo two")
        let built = lab.build()
        if classic {
            #expect(built.result.exitStatus == 1)
            #expect(built.result.stdout.contains("Step 2/4 : RUN echo one\n"))
            #expect(!built.result.stdout.contains("Step 3/4"))
            #expect(built.result.stderr.hasSuffix("\nx stage name already used\n"))
        } else {
            #expect(built.succeeded)
            #expect(built.output.contains(" - DuplicateStageName: Duplicate stage name \"x\", stage names should be unique (line 3)\n"))
        }
    }

    @Test(arguments: ["--mount=type=cache,target=/c", "--network=none", "--security=insecure"])
    func classicRefusesRunFlags(flag: String) {
        var lab = Lab(classic: true)
        lab.dockerfile("FROM alpine:3.20", "RUN \(flag) echo hi")
        let built = lab.build()
        let name = flag.dropFirst(2).prefix { $0 != "=" }
        #expect(built.result.exitStatus == 1)
        #expect(built.result.stdout.hasSuffix("Step 2/2 : RUN \(flag) echo hi\n"))
        #expect(built.result.stderr.hasSuffix("the --\(name) option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled\n"))
        var buildKit = Lab(classic: false)
        buildKit.dockerfile("FROM alpine:3.20", "RUN \(flag) echo hi")
        #expect(buildKit.build().succeeded)
    }

    // MARK: §4 CREATED BY

    @Test(arguments: builders) func historyCreatedBy(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.file("requirements.txt", "flask\n")
        lab.dockerfile("FROM python:3.13-slim", "ARG VERSION=1.0", "ENV A=1", "LABEL v=1", "WORKDIR /app",
                       "COPY requirements.txt .", "RUN echo $VERSION", "RUN [\"echo\",\"hi\"]", "EXPOSE 8000",
                       "USER nobody", "CMD [\"python\",\"app.py\"]")
        let built = lab.build()
        #expect(built.succeeded)
        let history = lab.run("docker history --no-trunc t").stdout
        let expected: [String]
        if classic {
            expected = [
                "/bin/sh -c #(nop)  CMD [\"python\" \"app.py\"]",
                "/bin/sh -c #(nop)  USER nobody",
                "/bin/sh -c #(nop)  EXPOSE 8000",
                "|1 VERSION=1.0 echo hi",
                "|1 VERSION=1.0 /bin/sh -c echo $VERSION",
                "/bin/sh -c #(nop) COPY file:",
                "/bin/sh -c #(nop) WORKDIR /app",
                "/bin/sh -c #(nop)  LABEL v=1",
                "/bin/sh -c #(nop)  ENV A=1",
                "/bin/sh -c #(nop)  ARG VERSION=1.0",
            ]
            #expect(history.contains(" in . "))
        } else {
            expected = [
                "CMD [\"python\" \"app.py\"]",
                "USER nobody",
                "EXPOSE [8000/tcp]",
                "RUN |1 VERSION=1.0 echo hi # buildkit",
                "RUN |1 VERSION=1.0 /bin/sh -c echo $VERSION # buildkit",
                "COPY requirements.txt . # buildkit",
                "WORKDIR /app",
                "LABEL v=1",
                "ENV A=1",
                "ARG VERSION=1.0",
            ]
        }
        for text in expected { #expect(history.contains(text), "\(text)") }
        // Newest first, in instruction order.
        let positions = expected.compactMap { history.range(of: $0)?.lowerBound }
        #expect(positions == positions.sorted())

        let passed = lab.build("--build-arg VERSION=2.0")
        #expect(passed.succeeded)
        let after = lab.run("docker history --no-trunc t").stdout
        if classic {
            #expect(after.contains("/bin/sh -c #(nop)  ARG VERSION=1.0"))
            #expect(after.contains("|1 VERSION=2.0 /bin/sh -c echo $VERSION"))
        } else {
            #expect(after.contains("ARG VERSION=2.0"))
        }
    }

    @Test(arguments: builders) func runArgPrefixOrderAndEnvOverride(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20", "ARG B=1", "ARG A=2", "ARG X", "RUN echo one", "ENV A=x", "RUN echo two")
        #expect(lab.build().succeeded)
        let history = lab.run("docker history --no-trunc --format '{{.CreatedBy}}' t").stdout
        if classic {
            // Sorted, only args with a value, an ENV of the same name drops the arg.
            #expect(history.hasPrefix("|1 B=1 /bin/sh -c echo two\n/bin/sh -c #(nop)  ENV A=x\n|2 A=2 B=1 /bin/sh -c echo one\n"))
        } else {
            // Declaration order, every declared arg, valued from the environment.
            #expect(history.hasPrefix("RUN |3 B=1 A=x X= /bin/sh -c echo two # buildkit\nENV A=x\nRUN |3 B=1 A=2 X= /bin/sh -c echo one # buildkit\n"))
        }
    }

    @Test(arguments: builders) func argsOfAParentStage(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.dockerfile("FROM alpine:3.20 AS base", "ARG V=1", "FROM base", "RUN echo \"v=$V\"")
        let built = lab.build()
        #expect(built.succeeded)
        let history = lab.run("docker history --no-trunc --format '{{.CreatedBy}}' t").stdout
        if classic {
            // Every classic stage starts from the global args only.
            #expect(built.output.contains("\nv=\n"))
            #expect(history.hasPrefix("/bin/sh -c echo \"v=$V\"\n"))
        } else {
            #expect(built.output.contains(" v=1\n"))
            #expect(history.hasPrefix("RUN |1 V=1 /bin/sh -c echo \"v=$V\" # buildkit\n"))
        }
    }

    @Test(arguments: builders) func historyShellFormCmdAndOthers(classic: Bool) {
        var lab = Lab(classic: classic)
        lab.file("x", "x\n")
        lab.dockerfile("FROM alpine:3.20", "ADD x /y", "VOLUME /d", "STOPSIGNAL SIGTERM", "SHELL [\"/bin/sh\", \"-ec\"]",
                       "ENTRYPOINT [\"a\", \"b\"]", "CMD python app.py")
        #expect(lab.build().succeeded)
        let history = lab.run("docker history --no-trunc t").stdout
        let prefix = classic ? "/bin/sh -c #(nop)  " : ""
        var expected = [
            prefix + "CMD [\"/bin/sh\" \"-ec\" \"python app.py\"]",
            prefix + "ENTRYPOINT [\"a\" \"b\"]",
            prefix + "SHELL [/bin/sh -ec]",
            prefix + "STOPSIGNAL SIGTERM",
            prefix + "VOLUME [/d]",
        ]
        expected.append(classic ? "/bin/sh -c #(nop) ADD file:" : "ADD x /y # buildkit")
        for text in expected { #expect(history.contains(text), "\(text)") }
    }
}
