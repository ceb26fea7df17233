import ArgumentParser
import Dockerfile
import Foundation

/// Finds the conformance Dockerfile inputs for benchmarks and fuzzing.
enum CorpusInputs {
    static func load(_ explicit: String?) throws -> [(String, [UInt8])] {
        var candidates: [String] = []
        if let explicit { candidates += [explicit + "/dockerfile", explicit] }
        if let env = ProcessInfo.processInfo.environment["DOCKYARD_CONFORMANCE"], !env.isEmpty {
            candidates += [env + "/dockerfile", env]
        }
        candidates += ["../shared/conformance/dockerfile", "shared/conformance/dockerfile"]
        for dir in candidates {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            let names = files.filter { $0.hasSuffix(".Dockerfile") }.sorted()
            if names.isEmpty { continue }
            return names.compactMap { n in FileManager.default.contents(atPath: dir + "/" + n).map { (n, Array($0)) } }
        }
        throw ValidationError("conformance corpus not found: pass --corpus DIR or set DOCKYARD_CONFORMANCE")
    }
}

/// `dockyard bench parse`: parse throughput on large Dockerfiles built from the corpus.
struct ParseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse throughput (MB/s, instructions/s) on 10,000- and 100,000-instruction Dockerfiles built from the corpus."
    )
    @Option(help: "Conformance folder (default: $DOCKYARD_CONFORMANCE or ../shared/conformance).") var corpus: String?
    @Option(help: "Timed runs per size (the best is reported).") var runs = 5

    func run() throws {
        // Files that parse into typed instructions on their own, have no parser directive and
        // end cleanly, so that concatenating them keeps every instruction intact.
        let eligible = try CorpusInputs.load(corpus).map(\.1).filter { bytes in
            guard bytes.last == 0x0A, !bytes.starts(with: Array("# escape".utf8)), !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return false }
            guard let text = String(validating: bytes, as: UTF8.self), !text.contains("\r"), !text.hasSuffix("\\\n") else { return false }
            return (try? parseDockerfile(bytes: bytes)) != nil && bytes.count < 20_000
        }
        // Keep a file only if appending it adds exactly its own instructions (a trailing
        // continuation or comment would otherwise swallow the next file's first line).
        var block: [UInt8] = []
        var perBlock = 0
        var used = 0
        for f in eligible {
            guard let own = try? parseDockerfileNodes(f).nodes.count else { continue }
            let candidate = block + f
            guard (try? parseDockerfile(bytes: candidate)) != nil,
                  let total = try? parseDockerfileNodes(candidate).nodes.count, total == perBlock + own else { continue }
            block = candidate
            perBlock = total
            used += 1
        }
        guard perBlock > 0 else { throw ValidationError("no eligible corpus files") }
        print("corpus block: \(used) files, \(block.count) bytes, \(perBlock) instructions")

        // Thread CPU time is reported next to wall time: on a machine shared with other
        // builds, wall time mostly measures the scheduler.
        var nodeTimes: [Int: Double] = [:]
        var fullTimes: [Int: Double] = [:]
        for target in [10_000, 100_000] {
            let copies = (target + perBlock - 1) / perBlock
            var file: [UInt8] = []
            file.reserveCapacity(block.count * copies)
            for _ in 0..<copies { file += block }
            let instructions = try parseDockerfileNodes(file).nodes.count
            let mb = Double(file.count) / 1_000_000
            let node = try best(runs) { try parseDockerfileNodes(file) }
            let full = try best(runs) { try parseDockerfile(bytes: file) }
            nodeTimes[target] = node.cpu
            fullTimes[target] = full.cpu
            print(String(format: "%7d instructions, %5.2f MB", instructions, mb))
            for (label, t) in [("  nodes", node), ("  typed", full)] {
                print(String(format: "%@: cpu %7.1f ms  %6.1f MB/s  %9.0f instr/s | wall %7.1f ms  %6.1f MB/s",
                             label, t.cpu * 1000, mb / t.cpu, Double(instructions) / t.cpu, t.wall * 1000, mb / t.wall))
            }
        }
        if let n10 = nodeTimes[10_000], let n100 = nodeTimes[100_000], let f10 = fullTimes[10_000], let f100 = fullTimes[100_000] {
            print(String(format: "100k/10k cpu time ratio: nodes %.2f, typed %.2f (target <= 11)", n100 / n10, f100 / f10))
        }
    }

    /// Best thread-CPU and wall times of `runs` calls. The result is released after the clock
    /// stops: freeing the caller's copy of the parse is the caller's cost, not the parser's.
    private func best<T>(_ runs: Int, _ body: () throws -> T) throws -> (cpu: Double, wall: Double) {
        var bestCPU = Double.infinity
        var bestWall = Double.infinity
        for _ in 0..<max(1, runs) {
            let wall0 = DispatchTime.now().uptimeNanoseconds
            let cpu0 = threadCPUSeconds()
            let result = try body()
            bestCPU = min(bestCPU, threadCPUSeconds() - cpu0)
            bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e9)
            withExtendedLifetime(result) {}
        }
        return (bestCPU, bestWall)
    }

    private func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Watches the fuzz loop from another thread so that a hang is reported, not just waited on.
private final class FuzzProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var index = -1
    private var startedAt: UInt64 = 0
    func begin(_ i: Int) {
        lock.lock(); index = i; startedAt = DispatchTime.now().uptimeNanoseconds; lock.unlock()
    }
    func snapshot() -> (Int, UInt64) {
        lock.lock(); defer { lock.unlock() }
        return (index, startedAt)
    }
}

/// `dockyard bench fuzz-parse`: the mutation fuzzer at scale.
struct FuzzParseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz-parse",
        abstract: "Run the deterministic mutation fuzzer over the parser, typed parser and expander; report inputs/s, slow inputs and hangs."
    )
    @Option(help: "Number of inputs.") var count = 1_000_000
    @Option(help: "First input index (to resume or reproduce).") var start = 0
    @Option(help: "Run seed.") var seed: UInt64 = 0x5EED
    @Option(help: "Inputs slower than this many milliseconds are reported.") var slowMs = 1000.0
    @Option(help: "An input still running after this many seconds is reported as a hang and the run stops.") var hangSeconds = 30.0
    @Option(help: "Write input number N to stdout and exit (to reproduce a finding).") var dump: Int?
    @Option(help: "Conformance folder (default: $DOCKYARD_CONFORMANCE or ../shared/conformance).") var corpus: String?

    func run() throws {
        let seeds = try CorpusInputs.load(corpus).map(\.1).filter { $0.count < 20_000 }
        let fuzzer = DockerfileFuzzer(seeds: seeds, seed: seed)
        if let dump {
            FileHandle.standardOutput.write(Data(fuzzer.input(dump)))
            return
        }
        let progress = FuzzProgress()
        let hangNanos = UInt64(hangSeconds * 1e9)
        let watchdog = Thread {
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                let (i, t) = progress.snapshot()
                if i >= 0 && DispatchTime.now().uptimeNanoseconds - t > hangNanos {
                    FileHandle.standardError.write(Data("HANG: input \(i) (seed \(seed)) still running after \(hangSeconds)s; reproduce with --dump \(i)\n".utf8))
                    Foundation.exit(3)
                }
            }
        }
        watchdog.start()

        var parsed = 0, nodeErrors = 0, instructionErrors = 0, bytes = 0
        var slow: [(Int, Double)] = []
        let begin = DispatchTime.now().uptimeNanoseconds
        for i in start..<(start + count) {
            let input = fuzzer.input(i)
            bytes += input.count
            progress.begin(i)
            let t0 = DispatchTime.now().uptimeNanoseconds
            switch DockerfileFuzzer.exercise(input) {
            case .parsed: parsed += 1
            case .nodeError: nodeErrors += 1
            case .instructionError: instructionErrors += 1
            }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            if ms > slowMs { slow.append((i, ms)) }
            if (i - start + 1) % 100_000 == 0 {
                let s = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
                // Unbuffered, so progress shows up even when stdout is a file.
                FileHandle.standardOutput.write(Data(String(format: "  %d inputs, %.0f inputs/s\n", i - start + 1, Double(i - start + 1) / s).utf8))
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
        print("inputs: \(count) (indices \(start)..<\(start + count), seed \(seed), \(seeds.count) seed files)")
        print(String(format: "time: %.1f s, %.0f inputs/s, %.1f MB/s of input", seconds, Double(count) / seconds, Double(bytes) / 1e6 / seconds))
        print("outcomes: parsed \(parsed), parser errors \(nodeErrors), instruction errors \(instructionErrors)")
        print("crashes: 0 (the run completed)")
        print("hangs: 0 (none over \(hangSeconds)s)")
        print("slow inputs (> \(slowMs) ms): \(slow.count)" + slow.prefix(10).map { String(format: " #%d (%.0f ms)", $0.0, $0.1) }.joined())
    }
}
