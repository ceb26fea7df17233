import Engine

// Container commands: run, ps, logs, stop, start, restart, rm, exec, diff, commit,
// container prune, port. (Placeholders until the container work lands.)
extension DockerExecutor {
    func runContainer(_ o: RunOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("run") }
    func ps(_ o: PsOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("ps") }
    func logs(_ o: LogsOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("logs") }
    func stop(_ o: ContainerNamesOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("stop") }
    func start(_ o: ContainerNamesOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("start") }
    func restart(_ o: ContainerNamesOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("restart") }
    func rm(_ o: RmOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("rm") }
    func exec(_ o: ExecOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("exec") }
    func diff(_ o: DiffOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("diff") }
    func commit(_ o: CommitOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("commit") }
    func containerPrune(_ o: ContainerPruneOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("container prune") }
    func port(_ o: PortOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("port") }
}
