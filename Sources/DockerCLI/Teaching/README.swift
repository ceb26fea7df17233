// Teaching views (DockerCLI/Teaching): what this folder owns. Kept as a Swift comment so
// SwiftPM does not warn about an unhandled resource.
//
// # Teaching views (DockerCLI/Teaching)
//
// Dockyard's own explanations of the build cache. Docker only says `CACHED`; these views say
// why, and what it cost or saved. They are pure functions of a `BuildResult` and the
// `EngineState` after the build: they never change anything and do no I/O.
//
// | file | what |
// | --- | --- |
// | `BuildExplanation.swift` | the model: one `LayerRow` per step (newest-on-top when drawn), a `LayerStatus` each (reused, rebuilt: this step changed, rebuilt: an earlier step was rebuilt, metadata only, base image — each with a symbol `= * ^ . #` so it reads without colour), the figures and the untagged-image note |
// | `RebuildReasons.swift` | the concrete reason for the first rebuilt step of each stage, from the engine's `CacheMissReason` (old/new instruction with carets under the change, a new line, the removed line(s) before it, lines moved, changed files with old/new short checksums, build-arg/ENV changes, `--no-cache`, a new FROM reference or base digest, removed cache entry); the engine compares each line with its match in the previous build of the stage, not the same position |
// | `CacheAdvice.swift` | advice with a one-line why and fix: installs after `COPY . .`; `apt-get update` apart from `apt-get install`; caches deleted in a later layer (hadolint DL3009); consecutive RUNs (DL3059); ADD for local files (DL3020); untagged/`latest` base (DL3006/DL3007) |
// | `LayerAnalysis.swift` | `layers IMAGE` (per layer `+ ~ -` paths folded into folders, wasted bytes hidden by later layers) and `compare A B` (shared chain, bytes saved on disk and on push) |
// | `TeachingViews.swift` | the text renderers: `afterBuild`, `watchView`, `explain`, `explainStep` |
// | `TeachingExport.swift` | the same picture as standalone SVG (one `<g class="layer">` per row, no fonts/scripts/links) and a self-contained HTML page |
//
// Notes:
// - BuildKit steps are only the vertices (FROM, RUN, COPY/ADD, WORKDIR); config-only
//   instructions of the final stage are put back from the image history.
// - The cold-build time is this build's time plus what each reused step took when it was
//   built: COPY/ADD and WORKDIR from the builder's own timing rules (layer size), a RUN from the
//   gap between its cache record (classic: its intermediate image) and the one created just
//   before it, since the simulated clock only moves by simulated work. With the real clock an
//   idle pause between two builds can inflate that gap for the first rebuilt RUN of a build.
// - The "left untagged" note is exact when the caller passes the engine from before the
//   build (`afterBuild(_:engine:before:width:colour:)`); otherwise the newest dangling image
//   created before the build that shares the most bottom layers is named.
// - Widths below 24 columns are laid out as 24; below 64 the diagram drops the status words
//   (the symbol and the legend remain).
//
// The REPL commands are in `Sources/REPL/Teaching/` (`explain [N]`, `layers`, `compare`,
// `export svg|html FILE [IMAGE] [--force]`, `watch on [build options]|off`,
// `set explain on|off`, `set width N`); `dockyard export` (Sources/dockyard/ExportCommand.swift)
// writes a picture from a fresh process after `--script FILE` and/or `--context DIR`.
//
// Watch mode (`watch on [-t TAG] [--build-arg N=V] [--no-cache] [--target S] [--classic] [-f FILE]`):
// any command that changes the workspace (echo >, cat > <<EOF, rm, `dockerfile replace|insert|
// delete`, ...) is followed by a build of the workspace Dockerfile with those settings, and only
// the layer stack, the reasons and the summary are printed; a `docker build` typed in watch
// mode prints only its picture. Transcripts: Tests/REPLTests/Transcripts/5*-*.txt.
