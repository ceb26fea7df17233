import DockerCLI
import Engine

extension Session {
    /// Appends Dockyard's explanation of the build that just ran after Docker's own output.
    ///
    /// It goes on the stream Docker's build output ended on — BuildKit's progress is on
    /// stderr, the classic builder's steps on stdout — because the front end writes stdout
    /// before stderr, and the teaching view must come after Docker's output, never before it.
    /// Nothing is added when explanations are off or when no build ran (e.g. a missing
    /// context), so a stale explanation of an earlier build never shows.
    func appendTeaching(to result: inout CommandResult, before: EngineState) {
        // A failed command that left `lastBuild` as it was never reached the builder.
        guard explainAfterBuild, let build = engine.lastBuild, result.succeeded || build != before.lastBuild else { return }
        let text = TeachingViews.afterBuild(build, engine: engine, before: before, width: terminal.width, colour: terminal.colour)
        if build.builder == .buildKit && !result.stderr.isEmpty {
            result.stderr += text
        } else {
            result.stdout += text
        }
    }
}
