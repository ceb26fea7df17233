import ArgumentParser
import REPL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dockyard bench workspace`: 10,000 workspace commands from a script, run through the same
/// path as script mode (line assembly, quoting, dispatch, the workspace), without terminal
/// output. Target: under 50 µs per command in a release build.
struct WorkspaceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "Run 10,000 workspace commands from a script (target < 50 µs per command in release).")

    @Option(help: "Number of commands.") var commands = 10_000

    /// A realistic mix: writing files, listing, reading, moving around, cleaning up.
    static func script(commands: Int) -> [String] {
        var lines: [String] = []
        var round = 0
        var added = 0
        while added < commands {
            let dir = "src\(round % 10)"
            lines += [
                "mkdir -p \(dir)/pkg",
                "cd \(dir)",
                "echo \"print('hello \(round)')\" > main.py",
                "echo 'flask==3.0' >> requirements.txt",
                "touch pkg/__init__.py",
                "ls -la",
                "cat main.py requirements.txt",
                "cd ..",
                "ls",
                "tree \(dir)",
                "pwd",
                "rm -r \(dir)/pkg",
                "cat > \(dir)/notes.txt <<'EOF'",
                "line one $HOME",
                "EOF",
                "ls -l \(dir)",
                "rm \(dir)/notes.txt",
            ]
            round += 1
            added += 15  // entries per round (the heredoc is one entry of three lines)
        }
        return lines
    }

    /// This process's CPU time (user + system), in milliseconds.
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    func run() throws {
        let lines = WorkspaceBench.script(commands: commands)
        var driver = InputDriver()
        var entries = 0
        var failures = 0
        let cpuStart = WorkspaceBench.cpuMilliseconds()
        let start = SystemIO.monotonicNanoseconds()
        for line in lines {
            let outputs = driver.feed(line)
            entries += outputs.count
            failures += outputs.filter { !$0.result.succeeded }.count
            if entries >= commands { break }
        }
        let elapsed = Double(SystemIO.monotonicNanoseconds() - start) / 1e3
        let cpu = (WorkspaceBench.cpuMilliseconds() - cpuStart) * 1000
        let count = Double(max(1, entries))
        func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
        print("workspace: \(entries) commands in \((elapsed / 1000).rounded()) ms: \(rounded(elapsed / count)) µs per command wall, \(rounded(cpu / count)) µs CPU (\(failures) failed; target < 50 µs, release build)")
        if failures > 0 { throw ExitCode.failure }
    }
}
