import DockyardTesting
import Foundation
import Lessons
import REPL
import Testing

/// Replays Transcripts/*.lesson-transcript (the format of Transcripts/README.md; not `.txt`, which
/// TranscriptTests replays without lessons) in a shell with the
/// lessons of lessons/ installed and progress kept in memory: what a learner sees, as a
/// specification. DOCKYARD_UPDATE_TRANSCRIPTS=1 rewrites them from the actual output.
struct LessonTranscriptTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let directory = here.appendingPathComponent("Transcripts")
    static let lessons = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons").path

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".lesson-transcript") }.sorted()
    }

    static func makeShell() -> Shell {
        var shell = Shell()
        shell.installLessons(LessonCatalog.load(directory: lessons).lessons, store: nil)
        return shell
    }

    @Test func thereAreLessonTranscripts() {
        #expect(!LessonTranscriptTests.names.isEmpty)
    }

    @Test(arguments: LessonTranscriptTests.names)
    func transcript(_ name: String) throws {
        let url = LessonTranscriptTests.directory.appendingPathComponent(name)
        let expected = try String(contentsOf: url, encoding: .utf8)
        let actual = Transcript.replay(expected, makeShell: LessonTranscriptTests.makeShell)
        if ProcessInfo.processInfo.environment["DOCKYARD_UPDATE_TRANSCRIPTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        if let diff = Transcript.diff(expected: expected, actual: actual) {
            Issue.record("lesson transcript \(name) differs (- expected, + actual):\n\(diff)")
        }
    }
}
