import DockerCLI

/// Lesson files, the lesson runner, state-based checks and the progress store.
///
/// - `Format/`: the Markdown lesson format (`LessonParser`, `LessonCatalog`); see lessons/README.md.
/// - `Checks/`: the predicate language (`PredicateParser`) evaluated over a `LessonWorld`.
/// - `Runner/`: `LessonRunner`, the state machine behind `lessons`, `lesson N`, `check`, `hint` ...;
///   it changes the session only through `LessonActions` and returns text, never printing.
/// - `Progress/`: `ProgressStore`, atomic JSON in the user's state directory.
/// - `Lint/`: `LessonLinter` for `dockyard lessons lint`, and the solution verifier.
/// - `Render/`: `MarkdownRenderer`, lesson text for a terminal, with or without colour.
///
/// It must not: print, read the wall clock, write files outside the state directory, or run
/// processes.
public enum LessonsModule {}
