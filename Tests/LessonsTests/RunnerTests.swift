import DockerCLI
import Testing
@testable import Lessons

let tagsLesson = """
---
id: tags
title: Tags
summary: Build, tag, untag.
prerequisites: basics
---

Intro text.

## Build it

Build `hello:1`.

```setup
fresh
file app.py <<EOF
print("hi")
EOF
```

```check
image hello:1 exists
```

```hint
Use docker build.
```

```hint
Type `docker build -t hello:1 .`
```

```solution
docker build -t hello:1 .
```

## Tag it

Give it a second name.

```check
image hello:2 exists
```

```solution
docker tag hello:1 hello:2
```

## Remove the old tag

Untag it.

```check
not image hello:1 exists
```

```solution
docker rmi hello:1
```
"""

let basicsLesson = """
---
id: basics
title: Basics
summary: The first one.
---

## Only step

Write a file.

```check
file notes.txt exists
```

```solution
touch notes.txt
```
"""

func scriptedWorld() -> FakeWorld {
    var world = FakeWorld()
    world.scripts = [
        "docker build -t hello:1 .": { world in
            world.images["hello:1"] = LessonImage(id: FakeWorld.id("a"), layers: [FakeWorld.id("1"), FakeWorld.id("2")], size: 1000)
            return .ok("built\n")
        },
        "docker tag hello:1 hello:2": { world in
            guard let image = world.images["hello:1"] else { return .failure("Error response from daemon: No such image: hello:1\n") }
            world.images["hello:2"] = image
            return .ok()
        },
        "docker rmi hello:1": { world in
            world.images["hello:1"] = nil
            return .ok("Untagged: hello:1\n")
        },
        "touch notes.txt": { world in
            world.workspace["/app/notes.txt"] = .file("")
            return .ok()
        },
    ]
    return world
}

func makeRunner(progress: LessonProgress = LessonProgress()) throws -> LessonRunner {
    let lessons = [try LessonParser.lesson(from: basicsLesson, file: "01-basics.md"),
                   try LessonParser.lesson(from: tagsLesson, file: "02-tags.md")]
    return LessonRunner(lessons: lessons, progress: progress, options: RenderOptions(width: 80, color: false))
}

@Suite struct RunnerTests {
    @Test func parsesLessonCommands() {
        #expect(LessonCommand.parse("lessons") == .list)
        #expect(LessonCommand.parse("lesson 3") == .start(3))
        #expect(LessonCommand.parse("lesson  quit") == .quit)
        #expect(LessonCommand.parse("lesson") == .status)
        #expect(LessonCommand.parse("lesson three") == .invalid("lesson three"))
        #expect(LessonCommand.parse("solution run") == .solutionRun)
        #expect(LessonCommand.parse("solution") == .solution)
        #expect(LessonCommand.parse("hint") == .hint)
        #expect(LessonCommand.parse("check") == .check)
        #expect(LessonCommand.parse("next") == .next)
        #expect(LessonCommand.parse("back") == .back)
        #expect(LessonCommand.parse("reset") == .reset)
        #expect(LessonCommand.parse("progress") == .progress)
        #expect(LessonCommand.parse("docker images") == nil)
        #expect(LessonCommand.parse("reset now") == nil)
        #expect(LessonCommand.parse("") == nil)
    }

    @Test func claimsStepCommandsOnlyInsideALesson() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        #expect(runner.handle(line: "reset", host: &world) == nil)
        #expect(runner.handle(line: "check", host: &world) == nil)
        #expect(runner.handle(line: "docker images", host: &world) == nil)
        #expect(runner.handle(line: "lessons", host: &world)?.result.succeeded == true)
        #expect(runner.handle(line: "progress", host: &world)?.result.succeeded == true)
        #expect(runner.handle(line: "lesson 2", host: &world)?.result.succeeded == true)
        #expect(runner.handle(line: "reset", host: &world)?.result.stdout == "Step 2.1 is set up again.\n")
        #expect(runner.handle(line: "lesson quit", host: &world)?.result.succeeded == true)
        #expect(runner.handle(line: "next", host: &world) == nil)
    }

    @Test func lessonsDirectory() {
        #expect(LessonCatalog.directory(option: "/x", environment: ["DOCKYARD_LESSONS": "/y"], builtIn: "/z") == "/x")
        #expect(LessonCatalog.directory(option: nil, environment: ["DOCKYARD_LESSONS": "/y"], builtIn: "/z") == "/y")
        #expect(LessonCatalog.directory(option: nil, environment: [:], builtIn: "/z") == "/z")
    }

    @Test func startAppliesSetupAndShowsTheStep() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        let response = runner.handle(.start(2), host: &world)
        #expect(response.result.succeeded)
        #expect(response.progressChanged)
        #expect(runner.promptLabel == "2.1")
        #expect(world.freshCount == 1)
        #expect(world.workspace["/app/app.py"] == .file("print(\"hi\")\n"))
        #expect(response.result.stdout == """
            Note: this lesson builds on lesson 1 (Basics), which you have not finished.

            Intro text.

            Lesson 2: Tags — step 1 of 3: Build it
            ======================================

            Build `hello:1`.

            (The simulator was reset: images, containers and workspace files from before are gone.)

            """)
        #expect(runner.progress["tags"].currentStep == 1)
    }

    @Test func checkFailsUntilTheGoalIsReachedThenAutoCheckMovesOn() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        let notYet = runner.handle(.check, host: &world)
        #expect(notYet.result == .failure("Not yet: There is no image tagged hello:1 yet — build one with docker build -t hello:1 .\n"))
        #expect(runner.afterCommand(host: &world) == nil)

        _ = world.runLine("docker build -t hello:1 .")
        let maybeDone = runner.afterCommand(host: &world)
        let done = try #require(maybeDone)
        #expect(done.result.stdout.hasPrefix("✓ Step 2.1 done.\n\nLesson 2: Tags — step 2 of 3: Tag it\n"))
        #expect(done.progressChanged)
        #expect(runner.promptLabel == "2.2")
        #expect(runner.progress["tags"].stepsDone == [1])
        #expect(runner.progress["tags"].currentStep == 2)
    }

    @Test func explicitCheckCompletesTheLesson() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(1), host: &world)
        _ = world.runLine("touch notes.txt")
        let response = runner.handle(.check, host: &world)
        #expect(response.result.stdout == "✓ Step 1.1 done.\n✓ Lesson 1 complete: Basics. Type lesson 2 for the next one.\n")
        #expect(runner.position == nil)
        #expect(runner.promptLabel == nil)
        #expect(runner.progress["basics"].completed)
        #expect(runner.handle(.list, host: &world).result.stdout == """
            Lessons ([x] done, [~] started):
             [x] 1. Basics (1/1)
             [ ] 2. Tags (0/3)
            Type lesson N to start or resume one.

            """)
    }

    @Test func hintsAreRevealedOneAtATimeAndCounted() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        #expect(runner.handle(.hint, host: &world).result.stdout == "Hint 1 of 2:\n\nUse docker build.\n")
        let second = runner.handle(.hint, host: &world)
        #expect(second.result.stdout == "Hint 2 of 2:\n\nType `docker build -t hello:1 .`\n")
        #expect(second.progressChanged)
        #expect(runner.handle(.hint, host: &world).result.stdout == "No more hints for this step. Type solution to see one way to do it.\n")
        #expect(runner.progress["tags"].hintsUsed == [1: 2])
        #expect(runner.progress.totalHintsUsed == 2)
        _ = world.runLine("docker build -t hello:1 .")
        _ = runner.afterCommand(host: &world)
        #expect(runner.handle(.hint, host: &world).result.stdout == "This step has no hints. Type solution to see one way to do it.\n")
    }

    @Test func solutionShowsAndSolutionRunTypesIn() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        let shown = runner.handle(.solution, host: &world)
        #expect(shown.result.stdout == "One way to do it:\n\n    docker build -t hello:1 .\n\nType solution run to have it typed in for you.\n")
        #expect(runner.progress["tags"].solutionsShown == [1])
        let run = runner.handle(.solutionRun, host: &world)
        #expect(run.typeIn == ["docker build -t hello:1 ."])
        #expect(run.result.stdout == "Typing the solution of step 2.1:\n")
    }

    @Test func nextBackAndTheirLimits() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        #expect(runner.handle(.back, host: &world).result == .failure("This is the first step of lesson 2.\n"))
        let skipped = runner.handle(.next, host: &world)
        #expect(skipped.result.stdout.hasPrefix("Skipping ahead.\n\nLesson 2: Tags — step 2 of 3: Tag it"))
        #expect(runner.progress["tags"].stepsDone.isEmpty)
        _ = runner.handle(.next, host: &world)
        #expect(runner.promptLabel == "2.3")
        #expect(runner.handle(.next, host: &world).result.exitStatus == 1)
        _ = runner.handle(.back, host: &world)
        #expect(runner.promptLabel == "2.2")
    }

    @Test func backToAMetStepDoesNotBounceForward() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        _ = world.runLine("docker build -t hello:1 .")
        _ = runner.afterCommand(host: &world)
        _ = world.runLine("docker tag hello:1 hello:2")
        _ = runner.afterCommand(host: &world)
        #expect(runner.promptLabel == "2.3")
        let back = runner.handle(.back, host: &world)
        #expect(back.result.stdout.hasSuffix("\n\n(The goal of this step is already met: type check to confirm it, or next to move on.)\n"))
        #expect(runner.promptLabel == "2.2")
        #expect(runner.afterCommand(host: &world) == nil)
        #expect(runner.promptLabel == "2.2")
        // An explicit check still completes it.
        _ = runner.handle(.check, host: &world)
        #expect(runner.promptLabel == "2.3")
    }

    @Test func backAppliesTheEarlierStepsSetup() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        _ = world.runLine("docker build -t hello:1 .")
        _ = runner.afterCommand(host: &world)
        _ = runner.handle(.back, host: &world)
        #expect(world.freshCount == 2)
        #expect(world.images.isEmpty)
    }

    @Test func resetAppliesTheSetupAgain() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        world.workspace["/app/app.py"] = .file("broken")
        _ = world.runLine("docker build -t hello:1 .")
        let response = runner.handle(.reset, host: &world)
        #expect(response.result.stdout == "Step 2.1 is set up again.\n")
        #expect(world.workspace["/app/app.py"] == .file("print(\"hi\")\n"))
        #expect(world.images.isEmpty)
        #expect(world.freshCount == 2)
    }

    @Test func quitAndCommandsOutsideALesson() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        #expect(runner.handle(.hint, host: &world).result
                == .failure("You are not in a lesson. Type lessons to see them, and lesson 1 to start the first.\n"))
        _ = runner.handle(.start(2), host: &world)
        #expect(runner.handle(.quit, host: &world).result.stdout == "Left lesson 2 at step 1. Type lesson 2 to come back.\n")
        #expect(!runner.isActive)
        #expect(runner.afterCommand(host: &world) == nil)
        #expect(runner.handle(.start(0), host: &world).result == .failure("There is no lesson 0. Type lessons to see the list.\n"))
        #expect(runner.handle(.start(3), host: &world).result.exitStatus == 1)
        #expect(runner.handle(.invalid("lesson x"), host: &world).result.stderr.hasPrefix("Usage: lesson N"))
        #expect(runner.handle(.status, host: &world).result.stdout.hasPrefix("You are not in a lesson."))
    }

    @Test func statusRepeatsTheStep() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        #expect(runner.handle(.status, host: &world).result.stdout
                == "Lesson 2: Tags — step 1 of 3: Build it\n======================================\n\nBuild `hello:1`.\n")
    }

    @Test func resumeReplaysEarlierStepsInAFreshSession() throws {
        var progress = LessonProgress()
        progress["tags"].stepsDone = [1, 2]
        progress["tags"].currentStep = 3
        var runner = try makeRunner(progress: progress)
        var world = scriptedWorld()
        let response = runner.handle(.start(2), host: &world)
        #expect(runner.promptLabel == "2.3")
        #expect(response.result.stdout.contains("\nResuming at step 3: replaying steps 1-2 so the simulator is where that step starts.\n"))
        #expect(world.linesRun == ["docker build -t hello:1 .", "docker tag hello:1 hello:2"])
        #expect(world.images.keys.sorted() == ["hello:1", "hello:2"])
        _ = world.runLine("docker rmi hello:1")
        let maybeDone = runner.afterCommand(host: &world)
        let done = try #require(maybeDone)
        #expect(done.result.stdout.contains("✓ Lesson 2 complete: Tags."))
        #expect(runner.progress["tags"].stepsDone == [1, 2, 3])
    }

    @Test func resumeKeepsAMatchingSession() throws {
        var progress = LessonProgress()
        progress["tags"].currentStep = 2
        var runner = try makeRunner(progress: progress)
        var world = scriptedWorld()
        _ = world.runLine("docker build -t hello:1 .")
        let response = runner.handle(.start(2), host: &world)
        #expect(response.result.stdout.hasPrefix("Note: this lesson builds on lesson 1 (Basics), which you have not finished.\nResuming at step 2.\n"))
        #expect(world.linesRun == ["docker build -t hello:1 ."])
    }

    @Test func finishedLessonStartsOver() throws {
        var progress = LessonProgress()
        progress["basics"].completed = true
        progress["basics"].stepsDone = [1]
        var runner = try makeRunner(progress: progress)
        var world = scriptedWorld()
        let response = runner.handle(.start(1), host: &world)
        #expect(response.result.stdout.hasPrefix("You finished this lesson before; starting again from step 1."))
        #expect(runner.promptLabel == "1.1")
    }

    @Test func progressSummary() throws {
        var runner = try makeRunner()
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        _ = runner.handle(.hint, host: &world)
        _ = world.runLine("docker build -t hello:1 .")
        _ = runner.afterCommand(host: &world)
        #expect(runner.handle(.progress, host: &world).result.stdout == """
            Lessons completed: 0 of 2. Hints used: 1.
              2. Tags: 1 of 3 steps done (1), 1 hint used
            You are on step 2 of lesson 2.

            """)
        #expect(runner.handle(.list, host: &world).result.stdout.contains(" [~] 2. Tags (1/3)  <- you are here"))
    }

    @Test func oddProgressAndEmptyLessonsDoNotCrash() throws {
        var progress = LessonProgress()
        progress["tags"].hintsUsed = [1: -3]
        progress["tags"].currentStep = 99
        var runner = try makeRunner(progress: progress)
        var world = scriptedWorld()
        _ = runner.handle(.start(2), host: &world)
        #expect(runner.promptLabel == "2.1")
        #expect(runner.handle(.hint, host: &world).result.stdout.hasPrefix("Hint 1 of 2:"))
        var empty = LessonRunner(lessons: [Lesson(id: "e", title: "E", summary: "S", steps: [], file: "e.md")])
        #expect(empty.handle(.start(1), host: &world).result == .failure("Lesson 1 has no steps.\n"))
    }

    @Test func setupFailuresAreReported() throws {
        let text = """
        ---
        id: x
        title: X
        summary: Y
        ---
        ## One
        Text.
        ```setup
        image nosuch:1
        ```
        ```check
        image a exists
        ```
        ```solution
        docker pull a
        ```
        """
        var runner = LessonRunner(lessons: [try LessonParser.lesson(from: text, file: "x.md")])
        var world = FakeWorld()
        let response = runner.handle(.start(1), host: &world)
        #expect(response.result.stdout.hasSuffix("\nSetting up this step did not fully work: Error response from daemon: pull access denied for nosuch\n"))
    }
}

@Suite struct DemoTests {
    @Test func playsEachStepsSolutionWithPausesBetweenSteps() throws {
        let lesson = try LessonParser.lesson(from: tagsLesson, file: "02-tags.md")
        let events = LessonDemo.script(for: lesson, number: 2, options: RenderOptions(width: 80, color: false))
        #expect(events == [
            .show("Intro text.\n"),
            .show("Lesson 2: Tags — step 1 of 3: Build it\n======================================\n\nBuild `hello:1`.\n"),
            .type("docker build -t hello:1 ."),
            .pause,
            .show("Lesson 2: Tags — step 2 of 3: Tag it\n====================================\n\nGive it a second name.\n"),
            .type("docker tag hello:1 hello:2"),
            .pause,
            .show("Lesson 2: Tags — step 3 of 3: Remove the old tag\n================================================\n\nUntag it.\n"),
            .type("docker rmi hello:1"),
        ])
    }
}
