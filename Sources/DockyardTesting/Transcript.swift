import DockerCLI
import Engine
import REPL

/// Golden transcripts: a REPL session written down as a terminal would show it, replayed
/// against a fresh session on the fixed clock. See Tests/REPLTests/Transcripts/README.md
/// for the format.
public enum Transcript {
    /// Lines that start like `dockyard:/app> ` (in a lesson `dockyard[3.2]:/app> `) are input;
    /// `> ` lines continue an entry.
    public static func isPrompt(_ line: Substring) -> Bool {
        guard line.hasPrefix("dockyard:/") || isLessonPrompt(line) else { return false }
        guard let marker = promptEnd(line) else {
            // An empty input line, written without the trailing blank.
            return line.hasSuffix(">") && !line.contains(" ")
        }
        return !line[line.startIndex..<marker].contains(" ")
    }

    /// `dockyard[N.M]:/...`
    static func isLessonPrompt(_ line: Substring) -> Bool {
        guard line.hasPrefix("dockyard["), let close = line.firstIndex(of: "]") else { return false }
        let label = line[line.index(line.startIndex, offsetBy: 9)..<close]
        let parts = label.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return false }
        return line[close...].hasPrefix("]:/")
    }

    /// The index of the `> ` that ends the prompt (the first one).
    static func promptEnd(_ line: Substring) -> Substring.Index? {
        var i = line.startIndex
        while i < line.endIndex {
            let next = line.index(after: i)
            if line[i] == ">", next < line.endIndex, line[next] == " " { return i }
            i = next
        }
        return nil
    }

    /// A header line that makes the session's input a terminal: commands may then ask
    /// questions (`docker login` prompts, a prune's `[y/N]`), answered on `? ` lines.
    public static let terminalHeader = "# stdin: terminal"

    /// What an answer line holds to stand for Ctrl-C at the question.
    static let interruptMark = "^C"

    static func isAnswer(_ line: Substring) -> Bool { line == "?" || line.hasPrefix("? ") }

    /// The answer typed on a `? PROMPT ANSWER` line; nil for `^C` (an interrupt).
    static func answer(_ line: Substring, prompt: String) -> String? {
        let text = line.count > 2 ? String(line.dropFirst(2)) : ""
        var reply = text
        if text.hasPrefix(prompt) {
            reply = String(text.dropFirst(prompt.count))
        } else if text + " " == prompt || text.isEmpty {
            reply = ""
        }
        return reply == interruptMark ? nil : reply
    }

    /// The input on a line typed at a container shell's prompt, or nil for an output line.
    static func input(_ line: Substring, afterContainerPrompt prompt: String) -> String? {
        if line.hasPrefix(prompt) { return String(line.dropFirst(prompt.count)) }
        // An empty input is written without the prompt's trailing blank.
        if prompt.hasSuffix(" "), line == prompt.dropLast() { return "" }
        return nil
    }

    static func input(afterPrompt line: Substring) -> String {
        guard let marker = promptEnd(line) else { return "" }
        return String(line[line.index(marker, offsetBy: 2)...])
    }

    /// Replays the inputs found in `text` and renders the session in the same format.
    /// Comparing the result with `text` is the test.
    public static func replay(_ text: String, makeShell: () -> Shell = { Shell() }) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLastIfEmpty()
        var rendered = ""
        var i = 0
        // Header: everything before the first prompt is kept as is.
        while i < lines.count, !isPrompt(lines[i]) {
            rendered += lines[i] + "\n"
            i += 1
        }
        var shell = makeShell()
        if lines[..<i].contains(where: { $0 == terminalHeader }) { shell.session.terminal.stdinIsTerminal = true }
        var driver = InputDriver(shell: shell, strict: false, numbersInputErrors: true)
        func render(_ outputs: [InputDriver.Output]) {
            for output in outputs { rendered += renderResult(output.result) }
        }
        while i < lines.count, !driver.stopped {
            // A command's question takes the `? ` lines that follow as its answers; with none
            // left, it is interrupted, as Ctrl-C would.
            if driver.isAnswering {
                // Output lines of the command come first.
                while i < lines.count, !isAnswer(lines[i]), !isPrompt(lines[i]) { i += 1 }
                let prompt = driver.prompt
                if i < lines.count, isAnswer(lines[i]), let reply = answer(lines[i], prompt: prompt) {
                    rendered += echoLine("? " + prompt, reply)
                    render(driver.feed(reply))
                    i += 1
                } else {
                    if i < lines.count, isAnswer(lines[i]) { i += 1 }
                    rendered += "? " + prompt + interruptMark + "\n"
                    render(driver.cancelQuestion())
                }
                continue
            }
            let input: String
            if let container = driver.shell.session.containerPrompt {
                // Inside a container shell, input lines start with the container's prompt.
                // (A Dockyard prompt there is read as input too; the echo then shows the right one.)
                if let typed = Transcript.input(lines[i], afterContainerPrompt: container) {
                    input = typed
                } else if isPrompt(lines[i]) {
                    input = Transcript.input(afterPrompt: lines[i])
                } else {
                    i += 1
                    continue
                }
            } else {
                guard isPrompt(lines[i]) else { i += 1; continue }
                input = Transcript.input(afterPrompt: lines[i])
            }
            if !driver.continues(input) { render(driver.flush()) }
            rendered += echoLine(driver.prompt, input)
            render(driver.feed(input))
            i += 1
            while i < lines.count, lines[i] == ">" || lines[i].hasPrefix("> "),
                  driver.assembler.isContinuing || driver.assembler.isHoldingDockerfile {
                let more = String(lines[i].dropFirst(min(2, lines[i].count)))
                if !driver.assembler.isContinuing && !driver.continues(more) { break }
                rendered += echoLine("> ", more)
                render(driver.feed(more))
                i += 1
            }
            if !driver.assembler.isContinuing { render(driver.flush()) }
        }
        if driver.isAnswering {
            rendered += "? " + driver.prompt + interruptMark + "\n"
            render(driver.cancelQuestion())
        }
        render(driver.finish())
        return rendered
    }

    /// A prompt and its input; an empty input is written without the prompt's trailing
    /// blank, so editors that strip trailing blanks do not break transcripts.
    static func echoLine(_ prompt: String, _ input: String) -> String {
        input.isEmpty ? String(prompt.dropLast()) + "\n" : prompt + input + "\n"
    }

    /// One command's output: stdout as is, stderr lines after `! `, a non-zero status as
    /// `[exit N]`, and `[no newline at end]` when stdout does not end with one.
    public static func renderResult(_ result: CommandResult) -> String {
        var out = ""
        // In the order written, as a terminal shows both streams.
        for chunk in result.inTerminalOrder {
            if chunk.isError {
                var err = chunk.text
                if err.hasSuffix("\n") { err.removeLast() }
                for line in err.split(separator: "\n", omittingEmptySubsequences: false) {
                    out += line.isEmpty ? "!\n" : "! " + line + "\n"
                }
            } else {
                out += chunk.text
                if !chunk.text.hasSuffix("\n") { out += "\n[no newline at end]\n" }
            }
        }
        if result.exitStatus != 0 { out += "[exit \(result.exitStatus)]\n" }
        return out
    }

    /// A readable line diff (`-` expected, `+` actual, two lines of context), or nil when
    /// the texts are equal.
    public static func diff(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Longest common subsequence table (transcripts are small).
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for x in stride(from: a.count - 1, through: 0, by: -1) {
            for y in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[x][y] = a[x] == b[y] ? lcs[x + 1][y + 1] + 1 : max(lcs[x + 1][y], lcs[x][y + 1])
            }
        }
        var ops: [(Character, String, Int)] = []  // (kind, text, expected line number)
        var x = 0, y = 0
        while x < a.count || y < b.count {
            if x < a.count, y < b.count, a[x] == b[y] {
                ops.append((" ", a[x], x + 1)); x += 1; y += 1
            } else if x < a.count, y == b.count || lcs[x + 1][y] >= lcs[x][y + 1] {
                ops.append(("-", a[x], x + 1)); x += 1
            } else {
                ops.append(("+", b[y], x + 1)); y += 1
            }
        }
        var keep = Array(repeating: false, count: ops.count)
        for (k, op) in ops.enumerated() where op.0 != " " {
            for j in max(0, k - 2)...min(ops.count - 1, k + 2) { keep[j] = true }
        }
        var out = ""
        var skipping = false
        for (k, op) in ops.enumerated() {
            if keep[k] {
                if skipping || (k > 0 && !keep[k - 1]) || k == 0 { out += "@@ line \(op.2) @@\n" }
                skipping = false
                out += "\(op.0) \(op.1.debugVisible)\n"
            } else {
                skipping = true
            }
        }
        return out
    }
}

extension Array where Element == Substring {
    func dropLastIfEmpty() -> [Substring] {
        if let last, last.isEmpty { return Array(dropLast()) }
        return self
    }
}

extension String {
    /// Makes trailing blanks and control characters visible in a diff.
    var debugVisible: String {
        var s = ""
        for scalar in unicodeScalars {
            if scalar == "\t" { s += "\\t" } else if scalar.value < 0x20 || scalar.value == 0x7F { s += "\\u{\(String(scalar.value, radix: 16))}" } else { s.unicodeScalars.append(scalar) }
        }
        if s.hasSuffix(" ") { s += "⏎" }
        return s
    }
}
