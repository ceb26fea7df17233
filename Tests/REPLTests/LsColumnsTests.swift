@testable import REPL
import Testing

/// `ls` lays names out in columns as GNU ls does at a terminal.
struct LsColumnsTests {
    @Test func namesThatFitShareOneLine() {
        #expect(Workspace.columns(["Dockerfile", "app.py", "requirements.txt"], width: 80) == "Dockerfile  app.py  requirements.txt\n")
    }

    @Test func manyNamesGoDownTheColumns() {
        let names = (0..<26).map { "file-\(String(format: "%05d", $0))" }  // 10 characters each
        // 12 + 12 + 12 + 12 + 12 + 10 = 70 < 80; a seventh column would need 82.
        let text = Workspace.columns(names, width: 80)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == "file-00000  file-00005  file-00010  file-00015  file-00020  file-00025")
        #expect(lines[4] == "file-00004  file-00009  file-00014  file-00019  file-00024")
        #expect(lines.allSatisfy { $0.count < 80 })
    }

    @Test func columnsAreAsWideAsTheirLongestName() {
        let names = ["a", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "c", "d"]
        // Two columns: 74 (the long name and two blanks) + 3 (the minimum) = 77 < 80; three
        // would take 74 + 3 + 3 = 80, not under 80.
        let long = names[1]
        #expect(Workspace.columns(names, width: 80) == "a" + String(repeating: " ", count: 73) + "c\n" + long + "  d\n")
        // A narrow terminal gets one name per line.
        #expect(Workspace.columns(names, width: 20) == names.map { $0 + "\n" }.joined())
    }
}
