/// The simulated `/bin/sh`: runs a RUN command (or a container's process) against a file
/// tree. Shell form (`/bin/sh -c "..."`) is interpreted by a small POSIX shell; exec form
/// runs the program directly. Deterministic: no clock, no randomness; every generated file
/// has a seed derived from what produced it (package, version, path, URL).
public struct SimulatedShell: CommandSimulator {
    public init() {}

    public func run(_ invocation: ShellInvocation, on filesystem: FileTree) -> ShellOutcome {
        let sh = ShellRun(filesystem: filesystem, invocation: invocation)
        guard let program = invocation.argv.first, !program.isEmpty else {
            return ShellOutcome(exitCode: 127, output: ["exec: \"\": executable file not found in $PATH"], filesystem: filesystem, duration: 0)
        }
        // The process itself must exist in the image, as runc checks before starting it.
        let path = sh.vars["PATH"] ?? ShellRun.defaultPath
        guard let located = sh.locate(program, path: path) else {
            let message = program.contains("/")
                ? "exec: \"\(program)\": stat \(program): no such file or directory"
                : "exec: \"\(program)\": executable file not found in $PATH"
            return ShellOutcome(exitCode: 127, output: [message], filesystem: filesystem, duration: 0.05,
                                notes: ["`\(program)` does not exist in this image's filesystem."])
        }
        let status: Int32
        if located.simulatedName == "sh" {
            sh.flavor = Self.flavor(of: program, in: sh)
            status = runShell(sh, arguments: Array(invocation.argv.dropFirst()), stdin: invocation.stdin)
        } else {
            sh.flavor = Self.flavor(of: "/bin/sh", in: sh)
            status = sh.runProgram(program, Array(invocation.argv.dropFirst()), environment: sh.exportedEnvironment(), stdin: invocation.stdin)
        }
        var lines = sh.log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if sh.logTruncated {
            lines.append("[output clipped: the simulator keeps the first \(ShellRun.maxLogLength / 1024 / 1024) MB of a command's output]")
        }
        return ShellOutcome(exitCode: status, output: lines, filesystem: sh.fs, duration: Self.rounded(0.05 + sh.duration), notes: sh.notes)
    }

    /// Where the image would find `program` (searching `environment["PATH"]`, or Docker's
    /// default PATH), using the same rule as the shell; nil when it does not exist.
    public static func locateProgram(_ program: String, environment: [String: String] = [:], workingDirectory: String = "/", in filesystem: FileTree) -> String? {
        let sh = ShellRun(filesystem: filesystem, invocation: ShellInvocation(argv: [program], environment: environment, workingDirectory: workingDirectory))
        return sh.locate(program, path: sh.vars["PATH"] ?? ShellRun.defaultPath)?.path
    }

    /// Durations rounded to the millisecond, so sums of doubles never differ between runs.
    static func rounded(_ d: Double) -> Double { (d * 1000).rounded() / 1000 }

    static func flavor(of program: String, in sh: ShellRun) -> ShellFlavor {
        if program.shellBaseName == "bash" { return .bash }
        if sh.distro.family == .alpine { return .ash }
        if sh.distro.isDebianLike { return .dash }
        if let real = sh.fs.shellResolve(sh.absolute(program)), real.shellBaseName == "busybox" { return .ash }
        return .dash
    }

    /// `sh [-eux] -c 'script' [name [args...]]`, `sh script.sh`, or a script on stdin.
    private func runShell(_ sh: ShellRun, arguments: [String], stdin: String?) -> Int32 {
        var rest = arguments
        var script: String? = nil
        while let a = rest.first, (a.hasPrefix("-") || a.hasPrefix("+")) && a.count > 1 {
            rest.removeFirst()
            if a == "--" { break }
            if a == "-o" || a == "+o" {
                guard let option = rest.first else { break }
                rest.removeFirst()
                switch option {
                case "errexit": sh.errexit = a == "-o"
                case "nounset": sh.nounset = a == "-o"
                case "xtrace": sh.xtrace = a == "-o"
                case "pipefail" where sh.flavor != .dash: sh.pipefail = a == "-o"
                default:
                    sh.stderrLine("\(sh.scriptName): 0: Illegal option -o \(option)")
                    return 2
                }
                continue
            }
            for flag in a.dropFirst() {
                switch flag {
                case "c":
                    guard !rest.isEmpty else {
                        sh.stderrLine("\(sh.scriptName): 0: -c requires an argument")
                        return 2
                    }
                    script = rest.removeFirst()
                case "e": sh.errexit = a.hasPrefix("-")
                case "u": sh.nounset = a.hasPrefix("-")
                case "x": sh.xtrace = a.hasPrefix("-")
                case "l", "i", "s", "v", "f": continue
                default:
                    sh.stderrLine("\(sh.scriptName): 0: Illegal option -\(flag)")
                    return 2
                }
            }
        }
        if let script {
            if let name = rest.first {
                sh.scriptName = name
                sh.positional = Array(rest.dropFirst())
            }
            return sh.runScript(script)
        }
        if let file = rest.first {
            let path = sh.absolute(file)
            guard let text = sh.fs.shellText(at: path) else {
                sh.stderrLine("\(sh.scriptName): 0: cannot open \(file): No such file")
                return 2
            }
            sh.scriptName = file
            sh.positional = Array(rest.dropFirst())
            return sh.runScript(text)
        }
        // Interactive or piped shell: run whatever arrives on stdin.
        return sh.runScript(stdin ?? "")
    }
}
