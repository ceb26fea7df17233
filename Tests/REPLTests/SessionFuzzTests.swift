import Foundation
import Lessons
@testable import REPL
import Testing

/// The whole-session fuzzer at test size: a few fixed seeds, so a finding fails `swift test`
/// and replays the same way (`dockyard bench fuzz-session` runs it at scale).
struct SessionFuzzTests {
    static let lessons: [Lesson] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons").path
        return LessonCatalog.load(directory: folder).lessons
    }()

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomSessionsKeepTheirPromises(seed: UInt64) {
        let fuzzer = SessionFuzzer(lessons: SessionFuzzTests.lessons)
        let report = fuzzer.run(seed: seed, lines: 600)
        #expect(report.lines == 600)
        #expect(report.findings.isEmpty, "\(report.findings.prefix(3).map(\.description).joined(separator: "\n"))")
    }

    @Test func theGeneratorIsDeterministic() {
        var a = SessionFuzzGrammar(random: FuzzRandom(seed: 42))
        var b = SessionFuzzGrammar(random: FuzzRandom(seed: 42))
        for _ in 0..<200 {
            switch (a.chunk(attached: false), b.chunk(attached: false)) {
            case (.lines(let x), .lines(let y)): #expect(x == y)
            case (.bytes(let x), .bytes(let y)): #expect(x == y)
            default: Issue.record("the same seed gave different kinds of chunk")
            }
        }
    }

    /// The checks themselves can fail: a session whose undo gives back the wrong state is
    /// told apart from one that does not.
    @Test func differenceSeesAChangedWorkspace() {
        var shell = Shell()
        let before = shell.session
        _ = shell.run(line: "touch a")
        #expect(SessionFuzzer.difference(before, shell.session) != nil)
        _ = shell.run(line: "undo")
        #expect(SessionFuzzer.difference(before, shell.session) == nil)
    }

    @Test func lessonsAreLoaded() {
        #expect(SessionFuzzTests.lessons.count >= 5)
    }
}

/// Found by the session fuzzer: `undo` of `lesson 7` gave the earlier session back, then the
/// lesson check passed step 7.1 on it and step 7.2's setup wrote its Dockerfile over the
/// learner's. That change was on no undo step, so the learner's file could not be had back.
struct UndoAndLessonCheckTests {
    @Test func aStepSetUpAfterUndoCanBeUndoneToo() {
        var shell = Shell()
        shell.installLessons(SessionFuzzTests.lessons, store: nil)
        var driver = InputDriver(shell: shell)
        func type(_ line: String) -> String {
            (driver.feed(line) + driver.flush()).map { $0.result.stdout + $0.result.stderr }.joined()
        }
        _ = type("docker pull -q alpine")
        _ = type("echo mine > Dockerfile")
        let mine = driver.shell.session
        _ = type("lesson 7")
        let undone = type("undo")
        #expect(undone.contains("Undone: lesson 7"))
        #expect(driver.shell.promptLabel == "7.2")
        #expect(type("cat Dockerfile").contains("hello from my image"))
        #expect(type("undo") == "Undone: the lesson step set up after undo\n")
        #expect(type("cat Dockerfile") == "mine\n")
        #expect(SessionFuzzer.difference(mine, driver.shell.session) == nil)
    }
}
