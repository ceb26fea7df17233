import Foundation
import Lessons
import REPL
import Testing

/// `dockyard lessons lint` and `dockyard lesson N --demo` through the real executable.
struct LessonBinaryTests {
    static let lessons = LessonSolutionTests.directory

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "dockyard-lesson-bin-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func lintIsCleanForTheShippedLessons() throws {
        let files = LessonCatalog.lessonFiles(in: LessonBinaryTests.lessons) + [LessonBinaryTests.lessons + "/README.md"]
        let run = try DockyardBinary.run(["lessons", "lint"] + files)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "\(files.count - 1) lesson files checked: no problems found.\n")
    }

    @Test func lintReportsAWrongSolutionWithFileAndLine() throws {
        let dir = try LessonBinaryTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/01-bad.md"
        let text = """
            ---
            id: bad
            title: Bad
            summary: A solution that misses its goal.
            ---

            ## Tag it

            Tag it.

            ```setup
            fresh
            image alpine:3.20
            ```

            ```check
            image mine:1 exists
            ```

            ```hint
            docker tag
            ```

            ```solution
            docker tag alpine:3.20 mine:2
            dokcer images
            ```
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let run = try DockyardBinary.run(["lessons", "lint", path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\(path):17: error: step 1: after the solution, 'image mine:1 exists' still fails"))
        #expect(run.stdout.contains("\(path):26: error: 'dokcer' is not a command the REPL knows (did you mean docker?)"))
    }

    @Test func theDemoPlaysEveryStepWithPausesAtHighSpeed() throws {
        let run = try DockyardBinary.run(["lesson", "6", "--demo", "--speed", "100000", "--lessons", LessonBinaryTests.lessons,
                                          "--clock", "fixed", "--no-color"], stdin: "\n\n\n\n\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("dockyard[6.1]:/app> docker tag web:1 web:latest\n"))
        #expect(run.stdout.contains("dockyard[6.5]:/app> docker rmi web:1\n"))
        #expect(run.stdout.components(separatedBy: "(press Enter for the next step)").count == 5)
        #expect(run.stdout.hasSuffix("End of the demo of lesson 6.\n"))
    }

    @Test func theDemoStopsAtEndOfInput() throws {
        let run = try DockyardBinary.run(["lesson", "6", "--demo", "--speed", "100000", "--lessons", LessonBinaryTests.lessons], stdin: "")
        #expect(run.status == 0)
        #expect(run.stdout.contains("step 1 of 5"))
        #expect(!run.stdout.contains("step 2 of 5"))
    }

    @Test func anUnknownLessonIsAnError() throws {
        let run = try DockyardBinary.run(["lesson", "42", "--demo", "--lessons", LessonBinaryTests.lessons])
        #expect(run.status == 1)
        #expect(run.stderr.contains("there is no lesson 42"))
        let bad = try DockyardBinary.run(["lesson", "1", "--demo", "--speed", "0"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--speed must be a positive number"))
    }

    @Test func dockyardLessonStartsTheREPLInTheLesson() throws {
        let run = try DockyardBinary.run(["lesson", "6", "--lessons", LessonBinaryTests.lessons, "--clock", "fixed"],
                                         stdin: "docker tag web:1 web:latest\ndocker tag web:1 myorg/web:1.0\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("step 1 of 5: More than one name"))
        #expect(run.stdout.contains("✓ Step 6.1 done."))
        #expect(run.stdout.contains("step 2 of 5: Removing a name"))
    }
}
