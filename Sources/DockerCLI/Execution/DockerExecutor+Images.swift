import Engine

// Image commands: build, images, history, inspect, tag, rmi, image prune, builder prune,
// system df. (Placeholders until the image work lands.)
extension DockerExecutor {
    func build(_ o: BuildOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("build") }
    func images(_ o: ImagesOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("images") }
    func history(_ o: HistoryOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("history") }
    func inspect(_ o: InspectOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("inspect") }
    func tag(_ o: TagOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("tag") }
    func rmi(_ o: RmiOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("rmi") }
    func imagePrune(_ o: ImagePruneOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("image prune") }
    func builderPrune(_ o: BuilderPruneOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("builder prune") }
    func systemDf(_ o: SystemDfOptions, engine: inout EngineState, host: HostContext) -> CommandResult { Self.notSimulated("system df") }
}
