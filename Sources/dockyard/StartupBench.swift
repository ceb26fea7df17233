import ArgumentParser
import REPL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dockyard bench startup`: start-up to the first prompt with stdin closed
/// (`dockyard < /dev/null`), median of 20 runs. Target: under 20 ms in a release build.
struct StartupBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Time `dockyard < /dev/null` (median of 20 runs; target < 20 ms in release).")

    @Option(help: "Number of runs.") var runs = 20

    func run() throws {
        guard let executable = StartupBench.ownPath() else {
            print("bench startup: cannot find the dockyard executable")
            throw ExitCode.failure
        }
        var times: [Double] = []
        var cpuTimes: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = SystemIO.monotonicNanoseconds()
            guard let cpu = StartupBench.spawnWithNullIO(executable) else {
                print("bench startup: could not run \(executable)")
                throw ExitCode.failure
            }
            times.append(Double(SystemIO.monotonicNanoseconds() - start) / 1e6)
            cpuTimes.append(cpu)
        }
        times.sort()
        cpuTimes.sort()
        print("startup (dockyard < /dev/null), \(times.count) runs: median \(format(median(times))) ms wall (min \(format(times[0])), max \(format(times[times.count - 1]))), median \(format(median(cpuTimes))) ms CPU (user+sys; unaffected by other load) (target < 20 ms, release build)")
    }

    func median(_ sorted: [Double]) -> Double {
        sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    func format(_ x: Double) -> String {
        let scaled = (x * 10).rounded() / 10
        return String(scaled)
    }

    static func ownPath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        return CommandLine.arguments.first
    }

    /// Runs the executable with stdin, stdout and stderr on /dev/null; waits for it and
    /// returns its CPU time in milliseconds, or nil when it could not run or failed.
    static func spawnWithNullIO(_ path: String) -> Double? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, &argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { return nil }
        }
        guard status == 0 else { return nil }
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }
}
