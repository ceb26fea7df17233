import Engine

// Registry commands: pull, push, login, logout, search, manifest inspect.
// (Placeholders until the registry work lands.)
extension DockerExecutor {
    func pull(_ o: PullOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("pull") }
    func push(_ o: PushOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("push") }
    func login(_ o: LoginOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("login") }
    func logout(_ o: LogoutOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("logout") }
    func search(_ o: SearchOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("search") }
    func manifestInspect(_ o: ManifestInspectOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("manifest inspect") }
}
