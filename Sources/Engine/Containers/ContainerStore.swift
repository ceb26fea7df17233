/// The daemon's container list plus the interactive shell the learner is typing into, if any.
public struct ContainerStore: Hashable, Sendable {
    /// By 64-hex ID.
    public private(set) var containers: [String: Container] = [:]
    /// Creation order (oldest first); `docker ps` lists newest first.
    public private(set) var order: [String] = []
    /// The shell the learner is attached to (`docker run -it IMAGE sh`, `docker exec -it C sh`).
    public var attachment: ShellAttachment?
    /// Next host port for `-p 80` (Docker's ephemeral range starts at 32768).
    var nextEphemeralPort = 32768

    public init() {}

    /// Containers, newest first.
    public var all: [Container] { order.reversed().compactMap { containers[$0] } }

    public subscript(id: String) -> Container? { containers[id] }

    /// Finds a container as the daemon does: full ID, exact name (with or without `/`), then
    /// a unique ID prefix.
    public func find(_ reference: String) -> Container? {
        if let c = containers[reference] { return c }
        let name = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
        if let c = containers.values.first(where: { $0.name == name }) { return c }
        guard !reference.isEmpty, reference.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        let matches = containers.keys.filter { $0.hasPrefix(reference) }
        return matches.count == 1 ? containers[matches[0]] : nil
    }

    var names: Set<String> { Set(containers.values.map(\.name)) }

    /// Debug check: the creation order lists exactly the containers, names are unique, an
    /// attached shell belongs to a running container. Empty when all is well.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        if Set(order) != Set(containers.keys) || order.count != containers.count { problems.append("container order does not match the containers") }
        if names.count != containers.count { problems.append("two containers share a name") }
        for c in containers.values where !EngineState.isValidName(c.name) {
            problems.append("container \(c.shortID) has a name moby would refuse: \(c.name)")
        }
        if let a = attachment, containers[a.containerID]?.isRunning != true { problems.append("shell attached to a container that is not running") }
        for c in containers.values where c.upper.entries.keys.contains(where: { !$0.hasPrefix("/") }) {
            problems.append("container \(c.shortID) has a relative path in its writable layer")
        }
        return problems
    }

    mutating func insert(_ container: Container) {
        if containers[container.id] == nil { order.append(container.id) }
        containers[container.id] = container
    }

    mutating func update(_ container: Container) {
        guard containers[container.id] != nil else { return }
        containers[container.id] = container
    }

    mutating func remove(_ id: String) {
        containers.removeValue(forKey: id)
        order.removeAll { $0 == id }
        if attachment?.containerID == id { attachment = nil }
    }
}

/// An interactive shell session inside a container.
public struct ShellAttachment: Hashable, Sendable {
    public var containerID: String
    public var shell: InteractiveShell
    /// `docker exec -it` (exiting ends only this process) vs `docker run -it` (exiting stops
    /// the container).
    public var isExec: Bool
}
