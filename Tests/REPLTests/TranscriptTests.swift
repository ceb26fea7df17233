import DockyardTesting
import Foundation
import REPL
import Testing

/// Replays every transcript in Transcripts/ (format: Transcripts/README.md). With
/// DOCKYARD_UPDATE_TRANSCRIPTS=1 the files are rewritten from the actual output instead
/// (review the git diff before committing).
struct TranscriptTests {
    static let directory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test func thereAreEnoughTranscripts() {
        #expect(TranscriptTests.names.count >= 15)
    }

    @Test(arguments: TranscriptTests.names)
    func transcript(_ name: String) throws {
        let url = TranscriptTests.directory.appendingPathComponent(name)
        let expected = try String(contentsOf: url, encoding: .utf8)
        let actual = Transcript.replay(expected)
        if ProcessInfo.processInfo.environment["DOCKYARD_UPDATE_TRANSCRIPTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        if let diff = Transcript.diff(expected: expected, actual: actual) {
            Issue.record("transcript \(name) differs (- expected, + actual):\n\(diff)")
        }
    }

    @Test func aMismatchShowsALineDiff() {
        let diff = Transcript.diff(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
        #expect(diff == "@@ line 1 @@\n  a\n- b\n+ B\n  c\n  \n")
    }

    @Test func replayDetectsWrongOutput() {
        let text = "dockyard:/app> pwd\n/elsewhere\n"
        #expect(Transcript.replay(text) == "dockyard:/app> pwd\n/app\n")
    }
}
