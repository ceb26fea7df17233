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
