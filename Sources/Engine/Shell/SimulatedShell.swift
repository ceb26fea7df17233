/// The simulated `/bin/sh`. (Placeholder until the shell work lands: succeeds, changes nothing.)
public struct SimulatedShell: CommandSimulator {
    public init() {}
    public func run(_ invocation: ShellInvocation, on filesystem: FileTree) -> ShellOutcome {
        ShellOutcome(exitCode: 0, output: [], filesystem: filesystem, duration: 0.1, notes: ["the simulated shell is not available yet"])
    }
}
