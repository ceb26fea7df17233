/// `docker kill [OPTIONS] CONTAINER [CONTAINER...]`.
public struct KillOptions: Equatable, Sendable {
    public var containers: [String]
    /// `-s/--signal`; nil sends SIGKILL.
    public var signal: String?
    public init(containers: [String]) { self.containers = containers }
}

/// `docker rename CONTAINER NEW_NAME`.
public struct RenameOptions: Equatable, Sendable {
    public var container: String
    public var newName: String
    public init(container: String, newName: String) {
        self.container = container
        self.newName = newName
    }
}

/// `docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH` and the other direction.
public struct CopyOptions: Equatable, Sendable {
    public var source: String
    public var destination: String
    /// `-a/--archive`: keep the source's uid/gid.
    public var archive = false
    public var followLink = false
    /// `-q/--quiet` when given; nil means "quiet unless stdout is a terminal".
    public var quiet: Bool?
    public init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }
}

/// `docker top CONTAINER [ps OPTIONS]`.
public struct TopOptions: Equatable, Sendable {
    public var container: String
    /// Options for the host's `ps` (not simulated).
    public var psOptions: [String] = []
    public init(container: String) { self.container = container }
}
