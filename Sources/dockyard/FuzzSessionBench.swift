import ArgumentParser
import Foundation
import REPL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dockyard bench fuzz-session`: whole REPL sessions of random input (see `SessionFuzzer`).
/// Sessions run in a forked child so that a crash is counted and reported with the seed that
/// replays it, and the run goes on with the next session.
struct FuzzSessionBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz-session",
        abstract: "Drive whole REPL sessions with random input; report crashes, broken invariants, lost undo state and the slowest lines."
    )
    @Option(help: "Number of lines to feed in all.") var count = 20_000
    @Option(help: "Run seed.") var seed: UInt64 = 0x5E55
    @Option(help: "Lines per session (each session starts from an empty workspace).") var sessionLines = 400
    @Option(help: "Lines slower than this many milliseconds are reported.") var slowMs = 1000.0
    @Option(help: "A line still running after this many seconds is a hang: its session stops.") var hangSeconds = 30.0
    @Option(help: "Run only session K, printing each line to stderr before it runs (to reproduce a finding).") var replay: Int?
    @Flag(help: "Print each session's output digest (compare two runs to find output that changes between processes).") var printDigests = false

    func run() throws {
        let lessons = LessonSupport.load(option: nil).lessons
        var fuzzer = SessionFuzzer(lessons: lessons)
        if let replay {
            fuzzer.trace = { FileHandle.standardError.write(Data(("> " + String($0.debugDescription.prefix(300)) + "\n").utf8)) }
            let report = fuzzer.run(seed: FuzzRandom.sessionSeed(seed, index: replay), lines: sessionLines)
            for finding in report.findings { print(finding) }
            print("session \(replay): \(report.lines) lines, \(report.findings.count) findings")
            return
        }
        let sessions = (count + sessionLines - 1) / sessionLines
        var total = SessionFuzzer.Report()
        var crashes: [String] = []
        var hangs: [String] = []
        var findings = 0
        var slow: [(Double, String)] = []
        let begin = SystemIO.monotonicNanoseconds()
        var next = 0
        var runDigest: UInt64 = 0xCBF2_9CE4_8422_2325
        while next < sessions {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw ValidationError("pipe failed") }
            fflush(nil)
            let child = fork()
            if child == 0 {
                close(fds[0])
                runChild(fuzzer: fuzzer, from: next, to: sessions, out: fds[1])
            }
            close(fds[1])
            let text = readAll(fds[0])
            close(fds[0])
            var status: Int32 = 0
            waitpid(child, &status, 0)
            var lastStarted = -1, lastDone = -1
            for record in text.split(separator: "\n") {
                let fields = record.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                switch fields.first {
                case "S": lastStarted = Int(fields[1]) ?? -1
                case "H":
                    hangs.append("session \(fields[1]): \(fields.dropFirst(2).joined(separator: " "))")
                case "D" where fields.count >= 10:
                    lastDone = Int(fields[1]) ?? -1
                    var part = SessionFuzzer.Report()
                    part.lines = Int(fields[2]) ?? 0
                    part.entries = Int(fields[3]) ?? 0
                    part.questionsAnswered = Int(fields[4]) ?? 0
                    part.undoChecks = Int(fields[5]) ?? 0
                    findings += Int(fields[6]) ?? 0
                    part.containerShellLines = Int(fields[7]) ?? 0
                    part.lessonLines = Int(fields[8]) ?? 0
                    let digest = UInt64(fields[9]) ?? 0
                    runDigest = (runDigest ^ digest) &* 0x100_0000_01B3
                    if printDigests { print("session \(lastDone) output digest \(String(digest, radix: 16))") }
                    var index = 10
                    while index + 1 < fields.count {
                        part.slowest.append((UInt64(fields[index]) ?? 0, fields[index + 1]))
                        index += 2
                    }
                    for (ns, line) in part.slowest where Double(ns) / 1e6 > slowMs {
                        slow.append((Double(ns) / 1e6, "session \(lastDone): \(line)"))
                    }
                    total.merge(part)
                default: break
                }
            }
            let exited = (status & 0x7F) == 0 && ((status >> 8) & 0xFF) == 0
            if exited && lastDone == sessions - 1 { break }
            let failed = max(lastStarted, lastDone + 1)
            if !hangs.contains(where: { $0.hasPrefix("session \(failed):") }) {
                crashes.append("session \(failed) (status \(status)): replay with --seed \(seed) --session-lines \(sessionLines) --replay \(failed)")
            }
            next = failed + 1
        }
        let seconds = Double(SystemIO.monotonicNanoseconds() - begin) / 1e9
        print("lines: \(total.lines) in \(sessions) sessions of \(sessionLines) (seed \(seed)); entries run: \(total.entries); questions answered: \(total.questionsAnswered); undo/redo checks: \(total.undoChecks); lines in a container shell: \(total.containerShellLines), in a lesson: \(total.lessonLines)")
        print(String(format: "time: %.1f s, %.0f lines/s", seconds, Double(total.lines) / max(seconds, 1e-9)))
        print("crashes: \(crashes.count)" + crashes.map { "\n  " + $0 }.joined())
        print("hangs (> \(hangSeconds) s): \(hangs.count)" + hangs.map { "\n  " + $0 }.joined())
        print("findings (invariants, lost undo state, oversized output): \(findings)")
        print("output digest: \(String(runDigest, radix: 16)) (the same seed must give the same digest in every process)")
        var slowestText = "slowest lines:"
        for (nanoseconds, line) in total.slowest {
            slowestText += String(format: "\n  %.1f ms  ", Double(nanoseconds) / 1e6) + line
        }
        print(slowestText)
        print("lines over \(slowMs) ms: \(slow.count)")
        if !crashes.isEmpty || !hangs.isEmpty || findings > 0 { throw ExitCode(1) }
    }

    /// The child: runs sessions `from..<to`, writing `S k` before and `D k ...` after each to
    /// `out`, and its findings to standard output as they happen.
    private func runChild(fuzzer: SessionFuzzer, from: Int, to: Int, out: Int32) -> Never {
        var fuzzer = fuzzer
        let progress = LineProgress()
        fuzzer.trace = { progress.begin($0) }
        let hangNanos = UInt64(hangSeconds * 1e9)
        let watchdog = Thread {
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                let (session, line, started) = progress.snapshot()
                if started > 0 && SystemIO.monotonicNanoseconds() - started > hangNanos {
                    FuzzSessionBench.send("H\t\(session)\t\(line.debugDescription)\n", to: out)
                    _exit(3)
                }
            }
        }
        watchdog.start()
        for session in from..<to {
            progress.session(session)
            FuzzSessionBench.send("S\t\(session)\n", to: out)
            let report = fuzzer.run(seed: FuzzRandom.sessionSeed(seed, index: session), lines: sessionLines)
            for finding in report.findings {
                FileHandle.standardOutput.write(Data("session \(session): \(finding)\n".utf8))
            }
            let slowest = report.slowest.map { "\($0.nanoseconds)\t\(String($0.line.debugDescription.prefix(160)))" }
            FuzzSessionBench.send((["D", "\(session)", "\(report.lines)", "\(report.entries)", "\(report.questionsAnswered)",
                                     "\(report.undoChecks)", "\(report.findings.count)", "\(report.containerShellLines)", "\(report.lessonLines)", "\(report.outputDigest)"] + slowest).joined(separator: "\t") + "\n", to: out)
        }
        _exit(0)
    }

    static func send(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }

    private func readAll(_ fd: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The line the child is running, for its hang watchdog.
private final class LineProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var current = (session: -1, line: "", started: UInt64(0))

    func session(_ index: Int) {
        lock.lock(); defer { lock.unlock() }
        current.session = index
    }

    func begin(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        current.line = line
        current.started = SystemIO.monotonicNanoseconds()
    }

    func snapshot() -> (Int, String, UInt64) {
        lock.lock(); defer { lock.unlock() }
        return current
    }
}
