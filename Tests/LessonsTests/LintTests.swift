import DockerCLI
import Testing
@testable import Lessons

@Suite struct LintTests {
    @Test func structuralDiagnostics() {
        let first = """
        ---
        id: dup
        title: A
        summary: S
        prerequisites: missing, dup
        ---
        ## One
        ```check
        image a exists
        ```
        ## One
        Text.
        ```solution
        ls
        ```
        ```hint
        h
        ```
        """
        let second = """
        ---
        id: dup
        title: B
        summary: S
        ---
        ## Step
        Text.
        ```setup
        fresh
        ```
        ```check
        image a exists
        ```
        ```hint
        h
        ```
        ```solution
        ls
        ```
        """
        let diagnostics = LessonLinter.lint(files: [("a.md", first), ("b.md", second)]).map(\.description)
        #expect(diagnostics == [
            "a.md:5: warning: prerequisite 'missing' is not among the linted lessons",
            "a.md:5: error: a lesson cannot be its own prerequisite",
            "a.md:7: warning: the lesson has 2 steps; lessons read best with 3 to 8",
            "a.md:7: warning: the first step's setup does not start with 'fresh', so the lesson depends on what the session already holds",
            "a.md:7: error: step 1 (One) has no solution block",
            "a.md:7: warning: step 1 (One) has no hint block",
            "a.md:7: warning: step 1 (One) has no text for the learner",
            "a.md:11: warning: another step is also titled 'One'",
            "a.md:11: error: step 2 (One) has no check block: every step needs a goal",
            "b.md:2: error: duplicate lesson id 'dup' (also in a.md:2)",
            "b.md:6: warning: the lesson has 1 steps; lessons read best with 3 to 8",
        ])
    }

    @Test func parseErrorsComeThroughWithTheirPosition() {
        let diagnostics = LessonLinter.lint(files: [("c.md", "---\nid: c\ntitle: C\nsummary: S\n---\n## S\n```check\nimage a frobs\n```\n")])
        #expect(diagnostics.first?.description == "c.md:8: error: unknown word 'frobs' after 'image a'")
    }

    @Test func unknownCommandsInSolutions() {
        let text = """
        ---
        id: c
        title: C
        summary: S
        ---
        ## S
        ```setup
        fresh
        run dcoker images
        ```
        ```check
        image a exists
        ```
        ```solution
        cat > Dockerfile <<EOF
        FROM alpine
        nonsense in a heredoc body
        EOF
        DOCKER_BUILDKIT=0 docker build -t a .
        RUN echo hi
        dokcer images
        docker build \\
          -t b .
        ```
        """
        let known: Set<String> = ["docker", "cat", "echo", "ls"]
        let diagnostics = LessonLinter.lint(files: [("c.md", text)], knownCommands: known).filter { $0.severity == .error }
        #expect(diagnostics.map(\.description) == [
            "c.md:9: error: 'dcoker' is not a command the REPL knows (did you mean docker?)",
            "c.md:21: error: 'dokcer' is not a command the REPL knows (did you mean docker?)",
        ])
        #expect(LessonLinter.lint(files: [("c.md", text)]).filter { $0.severity == .error }.isEmpty)
    }

    @Test func reportForTheCommandLine() {
        let error = LessonDiagnostic(.error, SourceLocation(file: "a.md", line: 3), "bad")
        let warning = LessonDiagnostic(.warning, SourceLocation(file: "b.md", line: 9), "meh")
        #expect(LessonLinter.report([], fileCount: 11) == CommandResult(stdout: "11 lesson files checked: no problems found.\n"))
        #expect(LessonLinter.report([error, warning], fileCount: 2)
                == CommandResult(stdout: "a.md:3: error: bad\nb.md:9: warning: meh\n2 lesson files checked: 1 error, 1 warning.\n", exitStatus: 1))
        #expect(LessonLinter.report([warning], fileCount: 1).exitStatus == 0)
        #expect(LessonLinter.report([warning], fileCount: 1, warningsAreErrors: true).exitStatus == 1)
    }

    @Test func unreadableFile() {
        let diagnostics = LessonLinter.lint(paths: ["/nonexistent/lesson.md"])
        #expect(diagnostics.map(\.description) == ["/nonexistent/lesson.md:1: error: cannot read the file as UTF-8 text"])
    }

    @Test func solutionsThatReachTheirGoalsPass() throws {
        let lesson = try LessonParser.lesson(from: tagsLesson, file: "02-tags.md")
        #expect(LessonLinter.verifySolutions(lesson, makeHost: scriptedWorld).isEmpty)
    }

    @Test func vacuousChecksAndWrongSolutionsAreReported() throws {
        let text = """
        ---
        id: bad
        title: Bad
        summary: S
        ---
        ## Already true
        Text.
        ```setup
        fresh
        ```
        ```check
        not image hello:1 exists
        ```
        ```solution
        docker images
        ```
        ## Wrong solution
        Text.
        ```check
        image hello:2 exists
        ```
        ```solution
        docker build -t hello:1 .
        ```
        """
        let lesson = try LessonParser.lesson(from: text, file: "bad.md")
        let diagnostics = LessonLinter.verifySolutions(lesson, makeHost: scriptedWorld).map(\.description)
        #expect(diagnostics == [
            "bad.md:12: error: step 1: the checks already pass before the solution runs, so they cannot tell whether the learner did anything",
            "bad.md:15: warning: step 1: solution command failed (exit 127): unknown command: docker images",
            "bad.md:20: error: step 2: after the solution, 'image hello:2 exists' still fails: There is no image tagged hello:2 yet — build one with docker build -t hello:2 .",
        ])
    }
}
