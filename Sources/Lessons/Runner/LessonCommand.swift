/// The REPL commands that drive lessons.
public enum LessonCommand: Hashable, Sendable {
    /// `lessons`: the list with progress marks.
    case list
    /// `lesson N`: start or resume lesson N (1-based, in file-name order).
    case start(Int)
    /// `lesson`: where am I?
    case status
    /// `lesson quit`
    case quit
    case check, hint, solution
    /// `solution run`: the REPL types the solution in.
    case solutionRun
    case next, back, reset, progress
    /// `lesson` with an argument that is neither a number nor `quit`.
    case invalid(String)

    /// What `lesson` accepts, for `invalid`.
    public static let usage = "Usage: lesson N (start or resume lesson N), lesson quit, lesson (where am I)"

    /// Recognises a lesson command; nil for any other line. `lesson` followed by something
    /// that is not a number or `quit` is still a lesson command (answered with usage).
    public static func parse(_ line: String) -> LessonCommand? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { return nil }
        switch (first, words.count) {
        case ("lessons", 1): return (.list)
        case ("lesson", 1): return (.status)
        case ("lesson", 2):
            if words[1] == "quit" { return (.quit) }
            if let n = Int(words[1]) { return (.start(n)) }
            return .invalid(line)
        case ("lesson", _): return .invalid(line)
        case ("check", 1): return (.check)
        case ("hint", 1): return (.hint)
        case ("solution", 1): return (.solution)
        case ("solution", 2) where words[1] == "run": return (.solutionRun)
        case ("next", 1): return (.next)
        case ("back", 1): return (.back)
        case ("reset", 1): return (.reset)
        case ("progress", 1): return (.progress)
        default: return nil
        }
    }
}
