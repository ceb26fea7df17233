import DockerCLI
import Foundation
import Lessons
import REPL
import Testing

/// Every lesson in lessons/, played by a perfect learner in a real session (the REPL's shell,
/// engine and workspace): after each step's setup its goal must not be met yet (at least one
/// check fails, so no step passes vacuously), every solution line must succeed (but the
/// build of a step about a failing build), and every check must hold afterwards.
struct LessonSolutionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path

    static var files: [String] {
        LessonCatalog.lessonFiles(in: directory).map { String($0.split(separator: "/").last ?? "") }
    }

    @Test func thereAreTheLessonsTheIssueAsksFor() {
        #expect(LessonSolutionTests.files.count >= 10)
    }

    @Test(arguments: LessonSolutionTests.files)
    func solutionsReachEveryGoal(_ name: String) throws {
        let path = LessonSolutionTests.directory + "/" + name
        let text = try #require(LessonCatalog.readText(path))
        let (parsed, diagnostics) = LessonParser.parse(text, file: path)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let lesson = try #require(parsed)
        let problems = LessonSolutionTests.play(lesson)
        #expect(problems.isEmpty, Comment(rawValue: "\(name):\n" + problems.joined(separator: "\n")))
    }

    /// Plays the lesson; what went wrong, one line each.
    static func play(_ lesson: Lesson) -> [String] {
        var host = LessonLintRunner.freshHost()
        var problems: [String] = []
        for (index, step) in lesson.steps.enumerated() {
            let label = "step \(index + 1) (\(step.title))"
            for note in LessonRunner.applySetup(step, host: &host) { problems.append("\(label): setup: \(note)") }
            #expect(!step.checks.isEmpty, "\(label) has no check")
            // The step's goal must not be met yet. Single predicates may already hold when they
            // guard what earlier steps built (`image web:1 exists` while removing another tag).
            if !step.checks.isEmpty && step.checks.allSatisfy({ $0.evaluate(in: host).passed }) {
                problems.append("\(label): every check already holds before the solution runs")
            }
            for command in step.solution?.commands ?? [] {
                let result = host.runLine(command)
                if !result.succeeded && !step.solutionMayFail(command) {
                    problems.append("\(label): '\(command.split(separator: "\n").first ?? "")' failed: \(result.stderr.isEmpty ? result.stdout : result.stderr)")
                }
            }
            for check in step.checks {
                let result = check.evaluate(in: host)
                if !result.passed { problems.append("\(label): '\(check.text)' (line \(check.line)) fails after the solution: \(result.message)") }
            }
        }
        return problems
    }
}
