/// `dockyard lesson N --demo`: a lesson's solutions played for a projector. This is the
/// script; the front end does the typing at `--speed`, runs each command and waits for Enter.
public enum LessonDemo {
    public enum Event: Hashable, Sendable {
        /// Text to print as is (a step's header and prose).
        case show(String)
        /// A REPL input to type out and run (a heredoc arrives whole, with its newlines).
        case type(String)
        /// Wait for Enter before the next step.
        case pause
    }

    public static func script(for lesson: Lesson, number: Int, options: RenderOptions) -> [Event] {
        var events: [Event] = []
        if !lesson.intro.isEmpty { events.append(.show(MarkdownRenderer.render(lesson.intro, options: options) + "\n")) }
        for (index, step) in lesson.steps.enumerated() {
            if index > 0 { events.append(.pause) }
            let title = "Lesson \(number): \(lesson.title) — step \(index + 1) of \(lesson.steps.count): \(step.title)"
            let header = MarkdownRenderer.heading(title, level: 2, options: options).joined(separator: "\n")
            events.append(.show(header + "\n\n" + MarkdownRenderer.render(step.prose, options: options) + "\n"))
            for command in step.solution?.commands ?? [] { events.append(.type(command)) }
        }
        return events
    }
}
