import Dockerfile
import ImageReference

/// # Engine
///
/// The in-memory Docker: content digests, file trees, layers, images, the image store, the
/// base-image catalog, both builders and their caches. `EngineState` holds all of it as one
/// value (copy-on-write dictionaries inside), so undo/redo and lesson resets keep old values.
///
/// Must not: print, read the wall clock, touch the host filesystem, or re-parse Dockerfile text
/// (the builder consumes typed `Instruction`s; only stored ONBUILD triggers are parsed, as
/// BuildKit does). Renderers (DockerCLI) read `BuildResult`, `HistoryRow`, `ImageListRow`,
/// `DiskUsage`; they never mutate.
///
/// | folder | owns |
/// | --- | --- |
/// | `Digest/` | SHA-256 in Swift (no swift-crypto, to keep the dependency tree small), `Digest`, `ImageID`, `DiffID`, `ChainID`, `BlobDigest`, `ManifestDigest` |
/// | `FileSystem/` | `FileTree` contract shared with the shell |
/// | `Layers/` | `Layer`: change sets with whiteouts/opaque markers, diff, union view, diff IDs over a tar-like serialization |
/// | `Images/` | `ImageConfig` + canonical (Go-compatible) JSON, `ImageStore` (+Remove: rmi/prune, +History: history/images/df rows) |
/// | `Catalog/` | base images as data (`CatalogData`), shared base layers |
/// | `Build/` | `EngineState.build`: driver and metadata (`Builder.swift`), BuildKit vertices (`BuildKitSteps.swift`), classic steps (`ClassicSteps.swift`), COPY planning, `.dockerignore`, BuildKit cache, result types, the alignment of a stage's lines with its previous build that words miss reasons (`StageAlignment.swift`) |
/// | `Shell/` | the simulated RUN shell (separate owner), reached only through `CommandSimulator` |
///
/// Modelling decisions worth knowing:
///
/// * A failed build leaves images, tags and the classic cache untouched; BuildKit keeps cache
///   records of steps that completed (as BuildKit does). The classic builder's intermediate
///   images of a failed build are discarded (Docker keeps them).
/// * BuildKit pulls a missing base into its own store (`BuildKitCache.baseImages`), not into
///   `docker images`; the classic builder pulls into the image store and tags it.
/// * `FileContent.synthetic` files enter diff IDs and checksums as the hex SHA-256 of
///   `"<size>:<seed>"`; compressed sizes are simulated (40% for real bytes, 45% for synthetic).
/// * Classic builder: once a step misses, no later step of the build is looked up (moby's
///   `imageProber` cache bust), so later stages rebuild too.
/// * `ImageStore` resolves names with a minimal `FamiliarName` normaliser until the
///   `ImageReference` module replaces it.
/// * Speed (`dockyard bench build`): cache hits only queue their layers (the stage tree is
///   materialised when read); RUN layers are diffed from `FileTree`'s change journal; COPY
///   and RUN keys use order-independent digests (`MultisetDigest`), so nothing large is
///   sorted per build; file checksums are memoised across builds. Each RUN still copies the
///   stage tree once, because `CommandSimulator.run` takes the tree borrowed; a `consuming`
///   parameter would remove that O(files) cost per RUN.
public enum EngineModule {}
