import Foundation

/// Loads the lessons of a folder: every `*.md` except README.md, in file-name order (which is
/// their numbering: `01-first-image.md` is lesson 1).
public enum LessonCatalog {
    /// The lessons that parsed, and every diagnostic (files with errors are left out).
    public static func load(directory: String) -> (lessons: [Lesson], diagnostics: [LessonDiagnostic]) {
        let paths = lessonFiles(in: directory)
        var lessons: [Lesson] = []
        var diagnostics: [LessonDiagnostic] = []
        for path in paths {
            guard let text = readText(path) else {
                diagnostics.append(LessonDiagnostic(.error, SourceLocation(file: path, line: 1), "cannot read the file as UTF-8 text"))
                continue
            }
            let (lesson, found) = LessonParser.parse(text, file: path)
            diagnostics += found
            if let lesson { lessons.append(lesson) }
        }
        return (lessons, diagnostics)
    }

    /// Where to load lessons from: `--lessons DIR` wins, then `DOCKYARD_LESSONS`, then the
    /// built-in folder.
    public static func directory(option: String?, environment: [String: String], builtIn: String) -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment["DOCKYARD_LESSONS"], !fromEnvironment.isEmpty { return fromEnvironment }
        return builtIn
    }

    /// The lesson file paths of a folder, sorted.
    public static func lessonFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted().map { directory + "/" + $0 }
    }

    static func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
