import Foundation
import Testing

/// Lesson 6 taken as a learner would, in a pseudo-terminal through tmux: `dockyard lesson 6`,
/// a wrong attempt, `check`, a hint, the goal reached step by step, `lesson quit`, leaving,
/// and a new process resuming at the step where the learner left (progress in an isolated
/// XDG_STATE_HOME).
@Suite(.serialized, .enabled(if: Tmux.path != nil, "tmux is not installed: pseudo-terminal tests skipped"))
struct LessonPtyTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path

    @Test func aLearnerTakesLessonSixQuitsAndResumes() throws {
        let state = Tmux.makeStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let arguments = ["lesson", "6", "--lessons", LessonPtyTests.lessons]
        do {
            let tmux = try Tmux(stateDirectory: state, arguments: arguments)
            defer { tmux.stop() }
            try tmux.waitFor { $0.contains("step 1 of 5: More than one name") && $0.lastLine == "dockyard[6.1]:/app>" }
            // A wrong attempt: a tag, but not the one the step asks for.
            try tmux.enter("docker tag web:1 web:one", prompt: "dockyard[6.1]:/app>")
            try tmux.enter("check", prompt: "dockyard[6.1]:/app>")
            #expect(tmux.capture().contains("Not yet:"))
            try tmux.enter("hint", prompt: "dockyard[6.1]:/app>")
            #expect(tmux.capture().contains("Hint 1 of"))
            // Half the goal: the step stays.
            try tmux.enter("docker tag web:1 web:latest", prompt: "dockyard[6.1]:/app>")
            // The rest: announced, and on to step 2.
            try tmux.enter("docker tag web:1 myorg/web:1.0", prompt: "dockyard[6.1]:/app>", next: "dockyard[6.2]:/app>")
            #expect(tmux.capture().contains("✓ Step 6.1 done."))
            try tmux.enter("lesson quit", prompt: "dockyard[6.2]:/app>", next: "dockyard:/app>")
            tmux.send(keys: "C-d")
            try tmux.waitFor { $0.contains("[dockyard exited 0]") }
        }
        #expect(FileManager.default.fileExists(atPath: state + "/dockyard/progress.json"))
        // A new process: the simulator is empty, so step 1 is replayed and step 2 starts.
        let tmux = try Tmux(stateDirectory: state, arguments: arguments)
        defer { tmux.stop() }
        try tmux.waitFor { $0.contains("Resuming at step 2") && $0.lastLine == "dockyard[6.2]:/app>" }
        try tmux.enter("docker rmi web:latest myorg/web:1.0", prompt: "dockyard[6.2]:/app>", next: "dockyard[6.3]:/app>")
        #expect(tmux.capture().contains("✓ Step 6.2 done."))
        try tmux.enter("progress", prompt: "dockyard[6.3]:/app>")
        #expect(tmux.capture().contains("2 of 5 steps done (1-2), 1 hint used"))
    }
}
