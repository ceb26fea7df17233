import Foundation
import Testing
@testable import Lessons

/// The shipped lessons in lessons/ must lint clean. (Their solutions are run against the real
/// session by the REPL's tests once the engine is wired; here the structure is checked.)
@Suite struct LessonFilesTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons").path

    @Test func theFolderHoldsTheCourse() {
        let files = LessonCatalog.lessonFiles(in: Self.directory).map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(files.count == 13)
        #expect(files.first == "01-first-image.md")
        for (index, name) in files.enumerated() {
            #expect(name.hasPrefix(String(format: "%02d-", index + 1)), "\(name) should be lesson \(index + 1)")
        }
    }

    @Test func everyLessonLintsClean() {
        let diagnostics = LessonLinter.lint(paths: LessonCatalog.lessonFiles(in: Self.directory))
        #expect(diagnostics.map(\.description) == [])
    }

    /// The first words the lessons may use: REPL workspace commands and built-ins, `docker`,
    /// `dockerfile`, and (checked by the linter separately) Dockerfile instructions.
    static let replCommands: Set<String> = ["docker", "dockerfile", "cat", "echo", "ls", "touch", "rm", "mkdir", "cd", "pwd", "tree"]

    @Test func everySolutionUsesKnownCommands() {
        let diagnostics = LessonLinter.lint(paths: LessonCatalog.lessonFiles(in: Self.directory), knownCommands: Self.replCommands)
        #expect(diagnostics.map(\.description) == [])
    }

    @Test func everyLessonLoadsWithStepsChecksHintsAndSolutions() {
        let (lessons, diagnostics) = LessonCatalog.load(directory: Self.directory)
        #expect(diagnostics.isEmpty)
        #expect(lessons.count == 13)
        for lesson in lessons {
            #expect((3...8).contains(lesson.steps.count), "\(lesson.file)")
            for step in lesson.steps {
                #expect(!step.checks.isEmpty && !step.hints.isEmpty && step.solution != nil, "\(lesson.file):\(step.line)")
            }
        }
        // Prerequisites point backwards, so the course can be taken in order.
        for (index, lesson) in lessons.enumerated() {
            for id in lesson.prerequisites {
                let position = lessons.firstIndex { $0.id == id }
                #expect(position.map { $0 < index } == true, "\(lesson.file): prerequisite \(id)")
            }
        }
    }

    @Test func theReadmeExampleIsAValidLesson() throws {
        let readme = try String(contentsOfFile: Self.directory + "/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "````markdown\n"))
        let end = try #require(readme.range(of: "\n````\n", range: start.upperBound..<readme.endIndex))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let (lesson, diagnostics) = LessonParser.parse(example, file: "README example")
        #expect(diagnostics.isEmpty)
        #expect(lesson?.steps.first?.checks.count == 2)
        #expect(lesson?.steps.first?.hints.count == 2)
    }

    @Test func lessonTextRendersWithoutMachineBlocks() {
        let (lessons, _) = LessonCatalog.load(directory: Self.directory)
        for lesson in lessons {
            for step in lesson.steps {
                let text = MarkdownRenderer.render(step.prose, options: RenderOptions(width: 80, color: true))
                #expect(!text.contains("```"), "\(lesson.file):\(step.line)")
            }
        }
    }
}
