import Lessons
import DockerCLI
import Engine

/// While a container shell is attached (`docker run -it IMAGE sh`, `docker exec -it C sh`),
/// every line goes to that shell, typed as it was: its changes land in the container's
/// writable layer, and `exit` (or Ctrl-D) returns to the Dockyard prompt.
public enum ContainerShellHandler {
    /// Runs one entry in the attached shell. The entry's source is used as typed (so a
    /// heredoc or a line such as `env` that looks like a Dockerfile keyword reaches the
    /// shell unchanged).
    public static func run(_ entry: InputEntry, session: inout Session) -> CommandResult {
        if case .invalid(let message) = entry.kind {
            return .failure("dockyard: \(message)\n", status: 2)
        }
        session.engine.clock = session.clock
        let answer = session.engine.runInAttachedShell(entry.source)
        session.clock = session.engine.clock
        let text = answer.output.map { $0 + "\n" }.joined()
        return CommandResult(stdout: text, exitStatus: answer.status)
    }
}

extension Session {
    /// The ID of the container whose shell the learner is typing into, if any.
    public var attachedContainer: String? { engine.containers.attachment?.containerID }

    /// The attached shell's prompt (`# `, `/hello-world # `, `root@4c01db0b339c:/# `).
    public var containerPrompt: String? { engine.attachedPrompt }
}

extension Session {
    /// The containers as lesson checks see them (`container web running`, `... logs contain`).
    public var lessonContainers: [LessonContainer] {
        engine.containers.all.map { c in
            let state: LessonContainer.State
            switch c.state {
            case .created: state = .created
            case .running: state = .running
            case .exited(let code): state = .exited(code)
            }
            return LessonContainer(id: c.id, name: c.name, image: c.imageReference, command: c.commandLine, state: state,
                                   logs: c.log.map { $0.text + "\n" }.joined())
        }
    }
}
