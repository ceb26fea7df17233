/// Containers: an image plus its own writable layer, a runtime config, a state and a log.

/// A container's lifecycle state as the daemon tracks it.
public enum ContainerState: Hashable, Sendable {
    /// Created but never started (or its process could not start).
    case created
    case running
    case exited(code: Int32)

    /// The `.State.Status` word.
    public var word: String {
        switch self {
        case .created: return "created"
        case .running: return "running"
        case .exited: return "exited"
        }
    }
}

/// A `-p` mapping: host address and port to a container port.
public struct PortMapping: Hashable, Sendable {
    /// `0.0.0.0` unless an address was given; Docker also binds `::` for the default.
    public var hostIP: String
    public var hostPort: Int
    public var containerPort: Int
    public var proto: String
    public init(hostIP: String = "0.0.0.0", hostPort: Int, containerPort: Int, proto: String = "tcp") {
        self.hostIP = hostIP
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.proto = proto
    }
}

/// A long-running process that answers requests (`flask run`, `python app.py` with
/// `app.run`, `node server.js`, `nginx`).
public struct ServerProcess: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case flask, node, nginx }
    public var kind: Kind
    /// Address the server binds inside the container (`127.0.0.1` is unreachable from a
    /// published port, as in real Docker).
    public var listenHost: String
    public var port: Int
    /// The application file it serves (absolute), for `curl` answers.
    public var appFile: String?
}

/// One line of a container's log.
public struct LogLine: Hashable, Sendable {
    public var time: Timestamp
    public var text: String
    public init(time: Timestamp, text: String) {
        self.time = time
        self.text = text
    }
}

/// A container: the image it was created from, its writable layer (a change set over the
/// image's union view, deletions as whiteouts), its effective config and its state.
public struct Container: Hashable, Sendable {
    /// 64 hex characters.
    public let id: String
    /// Without the leading `/`.
    public var name: String
    public let imageID: ImageID
    /// The image as given to `docker run` (`hello:1`, `alpine`), as `docker ps` shows it.
    public let imageReference: String
    /// The effective config: the image's defaults with `docker run` flags applied.
    public var config: ContainerConfig
    /// The process: `Path` and `Args` as `docker inspect` shows them.
    public let path: String
    public let args: [String]
    public var ports: [PortMapping]
    /// The writable layer (entries it adds or changes, whiteout markers for deletions).
    public var upper: FileTree
    public var state: ContainerState
    public let created: Timestamp
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var log: [LogLine]
    /// `--rm`.
    public var autoRemove: Bool
    /// `-i` and `-t`.
    public var interactive: Bool
    public var tty: Bool
    /// Set while a simulated server runs in it.
    public var server: ServerProcess?
    /// A process that ends by itself later (`sleep 30` in the background).
    public var stopsAt: Timestamp?
    /// The container's address on the default bridge (`172.17.0.2`).
    public var ipAddress: String
    /// How many times it was (re)started.
    public var restartCount: Int

    /// The hostname Docker gives it: the first 12 hex digits of its ID.
    public var hostname: String { String(id.prefix(12)) }
    public var shortID: String { String(id.prefix(12)) }
    public var isRunning: Bool { state == .running }
    /// The process as one command line (`python app.py`), as `docker commit` records it.
    public var commandLine: [String] { [path] + args }
}
