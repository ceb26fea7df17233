import Engine

/// Parses `docker ...` argv, runs it against an `Engine`, renders Docker-format output.
///
/// What this module owns (by folder):
/// - `Parsing/`: argv → typed `DockerCommand` with cobra/pflag rules, Docker CLI 28 messages
///   and `--help` texts. `DockerParser.parse(_:environment:)` is the entry point;
///   `DOCKER_BUILDKIT` in the environment picks the builder. Errors are `DockerCLIError`,
///   worded in one place (`DockerCLIError.result`).
/// - `Formatting/`: Go-faithful primitives (go-units sizes and durations, BuildKit byte
///   counts, `%g`/`%q`, RFC 3339, display widths, a `text/tabwriter` port).
/// - `Templates/`: the `--format` Go-template subset and Docker's `table` handling.
/// - `Rendering/`: pure views (view model in, `CommandResult`/`String` out) for each
///   command's output, and `Message`, the catalogue of Docker's wording.
///
/// What it must not do: read a clock (times are passed in), print, do I/O, or mutate engine
/// state. (A README.md here would be an unhandled resource for SwiftPM, hence this comment.)
public enum DockerCLIModule {}
