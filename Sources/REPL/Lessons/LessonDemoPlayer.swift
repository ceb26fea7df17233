import DockerCLI
import Lessons

/// Plays `LessonDemo.script` for a projector: prose as is, each solution line typed out one
/// character at a time after the lesson prompt and then run in a real session, and a pause
/// for Enter between steps. All I/O is passed in, so tests can play a demo without a terminal.
public struct LessonDemoPlayer {
    /// Seconds per typed character at speed 1 (a calm typist), before a line runs.
    public static let characterDelay = 0.045
    public static let lineDelay = 0.6

    public var driver: InputDriver
    public var lesson: Lesson
    public var lessonNumber: Int
    /// Multiplies the pace: 2 types twice as fast.
    public var speed: Double
    public var write: (String) -> Void
    /// Waits this many seconds.
    public var sleep: (Double) -> Void
    /// Waits for Enter; false at end of input (the demo then stops).
    public var waitForEnter: () -> Bool

    public init(driver: InputDriver, lesson: Lesson, lessonNumber: Int, speed: Double, write: @escaping (String) -> Void,
                sleep: @escaping (Double) -> Void, waitForEnter: @escaping () -> Bool) {
        self.driver = driver
        self.lesson = lesson
        self.lessonNumber = lessonNumber
        self.speed = speed > 0 ? speed : 1
        self.write = write
        self.sleep = sleep
        self.waitForEnter = waitForEnter
    }

    /// Plays the events; returns how many typed commands failed.
    @discardableResult
    public mutating func play(_ events: [LessonDemo.Event]) -> Int {
        var step = 0
        var failures = 0
        for event in events {
            switch event {
            case .setUp(let index):
                guard lesson.steps.indices.contains(index) else { continue }
                var host = SessionLessonHost(session: driver.shell.session, makeShell: { [shell = driver.shell] session in
                    var copy = shell
                    copy.session = session
                    return copy
                })
                for note in LessonRunner.applySetup(lesson.steps[index], host: &host) { write(note + "\n") }
                driver.shell.session = host.session
            case .show(let text):
                if text.contains(" — step ") { step += 1 }
                write(text.hasSuffix("\n") ? text + "\n" : text + "\n\n")
            case .pause:
                write("(press Enter for the next step)")
                guard waitForEnter() else { write("\n"); return failures }
                write("\n")
            case .type(let command):
                let label = step > 0 ? "[\(lessonNumber).\(step)]" : ""
                let lines = command.split(separator: "\n", omittingEmptySubsequences: false)
                var outputs: [InputDriver.Output] = []
                for (index, line) in lines.enumerated() {
                    write(index == 0 ? "dockyard\(label):\(driver.shell.session.cwd)> " : "> ")
                    for character in line {
                        write(String(character))
                        sleep(LessonDemoPlayer.characterDelay / speed)
                    }
                    write("\n")
                    outputs += driver.feed(String(line))
                }
                outputs += driver.flush()
                for output in outputs {
                    if !output.result.succeeded { failures += 1 }
                    // One stream after the other, in the order the command wrote them.
                    let text = output.result.inTerminalOrder.map(\.text).joined()
                    if !text.isEmpty { write(text.hasSuffix("\n") ? text : text + "\n") }
                }
                sleep(LessonDemoPlayer.lineDelay / speed)
            }
        }
        write("End of the demo of lesson \(lessonNumber).\n")
        return failures
    }
}
