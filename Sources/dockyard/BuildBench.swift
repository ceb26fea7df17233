import ArgumentParser
import Dockerfile
import Engine
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard bench build`: cold and fully cached builds of a large Dockerfile, growth with
/// instructions and files, and peak memory after many builds sharing a base.
struct BuildBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Benchmark the builder (cold/cached builds, growth, peak RSS)."
    )

    @Option(help: "Builder to measure: buildkit or classic.")
    var builder: String = "buildkit"

    @Flag(help: "Skip the memory scenario.")
    var skipMemory = false

    @Option(help: "RUN simulator: simulated (the real simulated shell) or writer (writes one file per command, independent of the shell's state).")
    var shell: String = "simulated"

    @Option(help: "Repeat the cached rebuild this many times and report the fastest (for profiling).")
    var cachedRuns: Int = 1

    func run() throws {
        let kind: BuilderKind = builder == "classic" ? .classic : .buildKit
        // The catalog is built once per process; keep it out of the timings.
        _ = BaseImageCatalog.standard.images.count
        let simulator: any CommandSimulator = shell == "writer" ? FileWriterShell() : SimulatedShell()
        print("builder: \(kind == .classic ? "classic (DOCKER_BUILDKIT=0)" : "BuildKit"), shell: \(shell == "writer" ? "writer" : "simulated")")
        for (instructions, files) in [(1000, 10_000), (500, 10_000), (1000, 5_000)] {
            let figures = try Self.measure(instructions: instructions, files: files, builder: kind, cachedRuns: max(1, cachedRuns), shell: simulator)
            print("\(instructions) instructions, \(files) context files: cold \(Self.ms(figures.cold.wall)) (CPU \(Self.ms(figures.cold.cpu))), cached \(Self.ms(figures.cached.wall)) (CPU \(Self.ms(figures.cached.cpu))) (\(figures.cachedSteps)/\(figures.steps) steps cached, same ID: \(figures.sameID)); of which reading the context: \(Self.ms(figures.contextScan))")
        }
        if !skipMemory {
            let rss = try Self.memoryScenario(builder: kind, shell: simulator)
            print("peak RSS after 100 images x 20 layers sharing python:3.13-slim: \(rss)")
        }
    }

    /// CPU time of this thread, in seconds: unlike wall time it does not count waiting for a
    /// core, so figures stay comparable on a busy machine.
    static func threadCPUSeconds() -> Double {
        #if canImport(Glibc)
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        #else
        return 0
        #endif
    }

    /// Runs `body`, returning (wall, CPU) durations.
    static func time(_ body: () -> Void) -> (wall: Duration, cpu: Duration) {
        let clock = ContinuousClock()
        let cpuStart = threadCPUSeconds()
        let wall = clock.measure(body)
        let cpu = threadCPUSeconds() - cpuStart
        return (wall, .nanoseconds(Int64(cpu * 1e9)))
    }

    static func ms(_ d: Duration) -> String {
        let c = d.components
        let value = Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
        return String(Int(value.rounded())) + " ms"
    }

    /// A context of `files` small source files in 100 packages plus requirements.txt.
    static func context(files: Int) -> FileTree {
        var tree = FileTree()
        tree.set("/requirements.txt", .file(.text("flask==3.1.0\ngunicorn==23.0.0\n")))
        for i in 0..<files {
            tree.set("/src/pkg\(i % 100)/module\(i).py", .file(.text("def f\(i)():\n    return \(i)\n")))
        }
        return tree
    }

    /// A Dockerfile with `count` instructions: the classic pip pattern, then a cycle of
    /// ENV, RUN, LABEL, COPY (one file), WORKDIR and ARG.
    static func dockerfile(instructions count: Int, files: Int) -> String {
        var lines = ["FROM python:3.13-slim", "WORKDIR /app", "COPY requirements.txt .", "RUN pip install -r requirements.txt", "COPY . ."]
        var i = 0
        while lines.count < count {
            switch i % 6 {
            case 0: lines.append("ENV VAR\(i)=value\(i)")
            case 1: lines.append("RUN echo step \(i) > /tmp/step\(i).txt")
            case 2: lines.append("LABEL label\(i)=\"value \(i)\"")
            case 3: lines.append("COPY src/pkg\(i % 100)/module\(i % files).py /opt/extra/\(i)/")
            case 4: lines.append("WORKDIR /app/dir\(i)")
            default: lines.append("ARG ARG\(i)=\(i)")
            }
            i += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Figures {
        var cold: (wall: Duration, cpu: Duration)
        var cached: (wall: Duration, cpu: Duration)
        var steps: Int
        var cachedSteps: Int
        var sameID: Bool
        var contextScan: Duration
    }

    static func measure(instructions: Int, files: Int, builder: BuilderKind, cachedRuns: Int, shell: any CommandSimulator) throws -> Figures {
        var workspace = context(files: files)
        let text = dockerfile(instructions: instructions, files: files)
        workspace.set("/Dockerfile", .file(.text(text)))
        let document = try parseDockerfile(text)
        let options = BuildOptions(builder: builder, tags: ["bench:latest"])
        var state = EngineState()
        let clock = ContinuousClock()
        var first: BuildResult?
        let cold = Self.time {
            let ctx = BuildContext(workspace: workspace)
            first = state.build(document, dockerfileSize: Int64(text.utf8.count), context: ctx, options: options, shell: shell)
        }
        var second: BuildResult?
        var contextScan = Duration.zero
        var cached = (wall: Duration.seconds(3600), cpu: Duration.seconds(3600))
        for _ in 0..<cachedRuns {
            var copy = state
            let time = Self.time {
                let ctx = BuildContext(workspace: workspace)
                second = copy.build(document, dockerfileSize: Int64(text.utf8.count), context: ctx, options: options, shell: shell)
            }
            cached = (min(cached.wall, time.wall), min(cached.cpu, time.cpu))
        }
        if let failure = first?.failure ?? second?.failure { throw ValidationError("bench build failed: \(failure.message)") }
        contextScan = clock.measure { _ = BuildContext(workspace: workspace) }
        let steps = second?.steps.filter { $0.kind != .from && $0.kind != .globalArg && ($0.vertexIndex != nil || $0.classicNumber != nil) } ?? []
        return Figures(cold: cold, cached: cached, steps: steps.count, cachedSteps: steps.filter(\.cached).count, sameID: first?.imageID == second?.imageID && first?.imageID != nil, contextScan: contextScan)
    }

    /// Builds 100 images of 20 layers (10 COPY + 10 RUN each) on python:3.13-slim and reads
    /// the process's peak RSS (VmHWM).
    static func memoryScenario(builder: BuilderKind, shell: any CommandSimulator) throws -> String {
        var workspace = FileTree()
        for i in 0..<2000 {
            workspace.set("/files/f\(i).txt", .file(.text(String(repeating: "line \(i)\n", count: 20))))
        }
        let ctx = BuildContext(workspace: workspace)
        var state = EngineState()
        for image in 0..<100 {
            var lines = ["FROM python:3.13-slim"]
            for layer in 0..<10 {
                lines.append("COPY files/f\(image * 20 + layer).txt /data/")
                lines.append("RUN echo image \(image) layer \(layer) > /data/run\(layer).txt")
            }
            let document = try parseDockerfile(lines.joined(separator: "\n"))
            let result = state.build(document, context: ctx, options: BuildOptions(builder: builder, tags: ["img\(image):latest"]), shell: shell)
            if let failure = result.failure { throw ValidationError("bench build failed: \(failure.message)") }
        }
        let images = state.images.images.count
        return peakRSS() + " (\(images) images in the store)"
    }

    static func peakRSS() -> String {
        #if canImport(Glibc)
        guard let file = fopen("/proc/self/status", "r") else { return "unavailable" }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if line.hasPrefix("VmHWM:") {
                let kb = Int(line.dropFirst(6).filter(\.isNumber)) ?? 0
                return "\(kb / 1024) MB"
            }
        }
        return "unavailable"
        #else
        return "unavailable (no /proc)"
        #endif
    }
}

/// A stand-in RUN simulator for benchmarking the builder alone: each command writes one
/// small file (so every RUN makes a real layer), nothing else.
struct FileWriterShell: CommandSimulator {
    func run(_ invocation: ShellInvocation, on filesystem: FileTree) -> ShellOutcome {
        var fs = filesystem
        let command = invocation.argv.last ?? ""
        fs.set("/var/log/bench/" + Digest.sha256(command).short, .file(.text(command + "\n")))
        return ShellOutcome(exitCode: 0, output: [], filesystem: fs, duration: 0.5)
    }
}
