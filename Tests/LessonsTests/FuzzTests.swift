import Testing
@testable import Lessons

/// Random input never crashes the parsers or the renderer (a crash fails the whole run).
@Suite struct LessonFuzzTests {
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let pieces = ["---", "\n", "```", "~~~", "check", "setup", "hint", "solution", "## ", "# ", "id: ", "title:",
                         "image", "not", "file", "<<EOF", "EOF", "\"", "[", "]", ",", "*", "**", "_", "`", "\\", "(", ")",
                         " ", "  ", "-", "1.", ">", "==", ">=", "config.Cmd", "last-build", "reused", "1-2", "else",
                         "é", "\t", "\r\n", "a", "hello:1", "registry", "container", "from", "exited", "size", "MB"]

    @Test func randomDocumentsAndLines() {
        var rng = LCG(state: 42)
        for _ in 0..<1000 {
            var text = ""
            for _ in 0..<rng.next(60) { text += Self.pieces[rng.next(Self.pieces.count)] }
            _ = LessonParser.parse(text, file: "f.md")
            _ = LessonParser.parse("---\nid: a\ntitle: t\nsummary: s\n---\n## S\n" + text, file: "f.md")
            _ = try? PredicateParser.parseLine(text)
            _ = MarkdownRenderer.render(text, options: RenderOptions(width: 20 + rng.next(60), color: rng.next(2) == 0))
            _ = Solution.group(text.split(separator: "\n").map(String.init))
        }
    }

    @Test func randomChecksEvaluateWithoutCrashing() {
        var rng = LCG(state: 7)
        let words = ["image", "hello:1", "exists", "layers", "size", "<", "10MB", "image", "config.Env", "contains", "x",
                     "last-build", "reused", "rebuilt", "all", "3", "\"COPY\"", "file", "app.py", "has", "before",
                     "container", "web", "from", "running", "exited", "0", "not", "dangling-images", "==", "1",
                     "registry", "localhost:5000", "same-as", "same-layers-as", "has-file", "/a", "history"]
        let world = FakeWorld.withHello
        var parsed = 0
        let prefixes = ["image hello:1", "not image hello:1", "image nope:1", "last-build", "file app.py", "file Dockerfile",
                        "container web", "container from hello:1", "registry localhost:5000 has", "dangling-images", ""]
        for _ in 0..<5000 {
            let tail = (0..<(1 + rng.next(4))).map { _ in words[rng.next(words.count)] }.joined(separator: " ")
            let line = prefixes[rng.next(prefixes.count)] + " " + tail
            if let (predicate, _) = try? PredicateParser.parseLine(line) {
                parsed += 1
                _ = Check(predicate: predicate, line: 1, text: line).evaluate(in: world)
            }
        }
        #expect(parsed > 100)
    }
}
