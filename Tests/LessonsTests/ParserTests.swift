import Foundation
import Testing
@testable import Lessons

let sampleLesson = """
---
id: first-image
title: Your first image
summary: Build and list a tiny image.
prerequisites: [basics, other]
---

# Your first image

An introduction.

## Write the app

Create `app.py`.

```python
print("shown to the learner")
```

```setup
fresh
image python:3.13-slim
file app.py <<EOF
from flask import Flask
  indented line
EOF
run docker images
```

```check
file app.py contains Flask
image hello:1 layers >= 3 else "Build it first."
```

```hint
Use `cat > app.py <<EOF`.
```

```hint
Second hint.
```

```solution
# write the file
cat > app.py <<EOF
from flask import Flask
EOF
docker build \\
  -t hello:1 .
```

## Second step

Text.

```check
image hello:1 exists
```
"""

@Suite struct ParserTests {
    @Test func parsesFrontMatterIntroAndSteps() throws {
        let lesson = try LessonParser.lesson(from: sampleLesson, file: "01.md")
        #expect(lesson.id == "first-image")
        #expect(lesson.title == "Your first image")
        #expect(lesson.summary == "Build and list a tiny image.")
        #expect(lesson.prerequisites == ["basics", "other"])
        #expect(lesson.intro == "# Your first image\n\nAn introduction.")
        #expect(lesson.keyLines["id"] == 2)
        #expect(lesson.steps.count == 2)
        #expect(lesson.steps[0].title == "Write the app")
        #expect(lesson.steps[0].line == 12)
        #expect(lesson.steps[1].line == 52)
    }

    @Test func machineBlocksLeaveTheProseButDisplayBlocksStay() throws {
        let step = try LessonParser.lesson(from: sampleLesson, file: "01.md").steps[0]
        #expect(step.prose == "Create `app.py`.\n\n```python\nprint(\"shown to the learner\")\n```")
    }

    @Test func setupDirectives() throws {
        let step = try LessonParser.lesson(from: sampleLesson, file: "01.md").steps[0]
        #expect(step.setup.map(\.kind) == [
            .fresh,
            .image("python:3.13-slim"),
            .file(path: "app.py", contents: "from flask import Flask\n  indented line\n"),
            .run("docker images"),
        ])
        #expect(step.setup.map(\.line) == [21, 22, 23, 27])
    }

    @Test func checksHintsAndSolution() throws {
        let step = try LessonParser.lesson(from: sampleLesson, file: "01.md").steps[0]
        #expect(step.checks.map(\.predicate) == [.fileContains("app.py", "Flask"), .imageLayers("hello:1", .greaterOrEqual, 3)])
        #expect(step.checks.map(\.line) == [31, 32])
        #expect(step.checks[1].message == "Build it first.")
        #expect(step.hints.map(\.text) == ["Use `cat > app.py <<EOF`.", "Second hint."])
        let solution = try #require(step.solution)
        #expect(solution.line == 43)
        #expect(solution.lines.count == 6)
        #expect(solution.commands == ["cat > app.py <<EOF\nfrom flask import Flask\nEOF", "docker build \\\n  -t hello:1 ."])
    }

    @Test func heredocDelimiters() {
        #expect(Solution.heredocDelimiter(in: "cat > a <<EOF") == "EOF")
        #expect(Solution.heredocDelimiter(in: "cat > a << 'END'") == "END")
        #expect(Solution.heredocDelimiter(in: "cat > a <<-\"X\"") == "X")
        #expect(Solution.heredocDelimiter(in: "docker images") == nil)
        #expect(Solution.group(["cat > a <<'E'", "x", "E", "", "ls"]) == ["cat > a <<'E'\nx\nE", "ls"])
    }

    @Test func noPrerequisites() throws {
        let text = sampleLesson.replacingOccurrences(of: "prerequisites: [basics, other]", with: "prerequisites: none")
        #expect(try LessonParser.lesson(from: text, file: "a.md").prerequisites == [])
    }

    func errors(_ text: String) -> [String] {
        LessonParser.parse(text, file: "x.md").diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func missingFrontMatter() {
        #expect(errors("## Step\n") == ["x.md:1: error: a lesson file starts with front matter: a '---' line, then id, title, summary and prerequisites, then '---'"])
    }

    @Test func unclosedFrontMatter() {
        #expect(errors("---\nid: a\n") == ["x.md:1: error: front matter opened on line 1 is never closed with '---'"])
    }

    @Test func badFrontMatterLines() {
        let text = "---\nid: Bad_Id\ntitel: T\ntitle: T\ntitle: U\nsummary:\njunk\n---\n## S\n```check\nimage a exists\n```\n"
        #expect(errors(text) == [
            "x.md:3: error: unknown front matter key 'titel' (did you mean title?)",
            "x.md:5: error: front matter key 'title' is given twice",
            "x.md:6: error: front matter key 'summary' has no value",
            "x.md:7: error: front matter lines are 'key: value'; got 'junk'",
            "x.md:2: error: lesson id 'Bad_Id' must be lower-case letters, digits and dashes",
        ])
    }

    @Test func missingKeys() {
        #expect(errors("---\nid: a\n---\n## S\n") == [
            "x.md:1: error: front matter has no 'title:' line",
            "x.md:1: error: front matter has no 'summary:' line",
        ])
    }

    static let head = "---\nid: a\ntitle: T\nsummary: S\n---\n"

    @Test func noSteps() {
        #expect(errors(Self.head + "Just prose.\n") == ["x.md:6: error: the lesson has no steps (each step starts with a '## ' heading)"])
    }

    @Test func blockErrorsCarryTheirLine() {
        let text = Self.head + """
        ```hint
        before any step
        ```
        ## Step
        ```chek
        image a exists
        ```
        ```Check
        x
        ```
        ```check
        image a exists
        imgae a exists
        image a layers >= many
        ```
        ```setup
        fresh
        copy a b
        file a.txt <<EOF
        never closed
        ```
        ```solution
        ```
        ```solution
        ls
        ```
        ```ruby
        puts 1
        """
        #expect(errors(text) == [
            "x.md:6: error: a hint block must be inside a step (after a '## ' heading)",
            "x.md:10: error: unknown block 'chek' (did you mean check?)",
            "x.md:13: error: block kinds are lower case: write 'check', not 'Check'",
            "x.md:18: error: unknown predicate 'imgae' (did you mean image?)",
            "x.md:19: error: 'many' is not a whole number",
            "x.md:23: error: unknown setup line 'copy'; use fresh, image REF, file PATH <<EOF, or run LINE",
            "x.md:24: error: the content of a.txt is never ended by a line 'EOF'",
            "x.md:27: error: the solution block has no commands",
            "x.md:29: error: a step has at most one solution block",
            "x.md:32: error: code block opened here is never closed (missing ```)",
        ])
        let warnings = LessonParser.parse(text, file: "x.md").diagnostics.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings == ["x.md:32: warning: unknown block 'ruby': it is shown to the learner as code (machine blocks are setup, check, hint, solution)"])
    }

    @Test func throwingEntryPointReportsErrors() {
        #expect(throws: LessonFormatError.self) { try LessonParser.lesson(from: "nope", file: "x.md") }
    }

    @Test func windowsLineEndings() throws {
        let lesson = try LessonParser.lesson(from: sampleLesson.replacingOccurrences(of: "\n", with: "\r\n"), file: "w.md")
        #expect(lesson.steps.count == 2)
        #expect(lesson.steps[0].checks.count == 2)
    }

    @Test func fenceOfTildesAndLongerBackticks() throws {
        let text = Self.head + "## S\n~~~~check\nimage a exists\n~~~~\n````solution\n```\n````\n"
        let lesson = try LessonParser.lesson(from: text, file: "x.md")
        #expect(lesson.steps[0].checks.count == 1)
        #expect(lesson.steps[0].solution?.lines == ["```"])
    }
}
