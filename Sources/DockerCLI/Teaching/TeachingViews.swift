import Engine

/// Dockyard's own views that explain the cache (Docker only says `CACHED`): the layer stack
/// after a build, reasons for rebuilds, cache advice. (Placeholder until the explain work
/// lands: shows nothing.)
public enum TeachingViews {
    /// What the REPL prints after a build's Docker output, when explanations are on.
    public static func afterBuild(_ result: BuildResult, engine: EngineState, width: Int, colour: Bool) -> String { "" }
}
