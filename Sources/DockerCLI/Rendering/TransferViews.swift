/// `docker pull` output. The caller supplies the per-layer status changes in the order they
/// happened; this view renders them as Docker's non-TTY stream or as the final TTY screen.
public struct PullView: Equatable, Sendable {
    /// One status change of one layer (`Pulling fs layer`, `Download complete`,
    /// `Pull complete`, `Already exists` ...). `layerID` is 12 hex of the blob digest.
    public struct LayerEvent: Equatable, Sendable {
        public var layerID: String
        public var status: String
        public init(layerID: String, status: String) {
            self.layerID = layerID
            self.status = status
        }
    }

    public enum Outcome: Equatable, Sendable {
        case downloadedNewerImage
        case imageIsUpToDate
    }

    /// True when the user gave neither tag nor digest (prints `Using default tag: latest`).
    public var usedDefaultTag: Bool
    /// The tag or digest pulled (`latest`, `3.13-slim`, `sha256:...`).
    public var tagOrDigest: String
    /// Repository path without the registry (`library/python`, `user/app`).
    public var repositoryPath: String
    public var events: [LayerEvent]
    /// The manifest (or index) digest the tag resolved to.
    public var digest: String
    public var outcome: Outcome
    /// Familiar name for the status line (`python:latest`).
    public var familiarName: String
    /// Canonical name printed last (`docker.io/library/python:latest`).
    public var canonicalName: String

    public init(usedDefaultTag: Bool, tagOrDigest: String, repositoryPath: String, events: [LayerEvent],
                digest: String, outcome: Outcome, familiarName: String, canonicalName: String) {
        self.usedDefaultTag = usedDefaultTag
        self.tagOrDigest = tagOrDigest
        self.repositoryPath = repositoryPath
        self.events = events
        self.digest = digest
        self.outcome = outcome
        self.familiarName = familiarName
        self.canonicalName = canonicalName
    }

    /// Status changes that carry byte progress are not printed without a terminal.
    static let progressStatuses: Set<String> = ["Downloading", "Extracting", "Pushing"]

    /// The lines shown before the layers (`Using default tag`, `<tag>: Pulling from <path>`).
    var head: String {
        (usedDefaultTag ? "Using default tag: latest\n" : "") + "\(tagOrDigest): Pulling from \(repositoryPath)\n"
    }

    var tail: String {
        let status = outcome == .downloadedNewerImage ? "Downloaded newer image for" : "Image is up to date for"
        return "Digest: \(digest)\nStatus: \(status) \(familiarName)\n\(canonicalName)\n"
    }

    /// Without a TTY: every status change on its own line.
    public func renderPlain(quiet: Bool = false) -> String {
        if quiet { return canonicalName + "\n" }
        var out = head
        for e in events where !Self.progressStatuses.contains(e.status) {
            out += "\(e.layerID): \(e.status)\n"
        }
        return out + tail
    }

    /// On a TTY: the final screen, one line per layer with its last status.
    public func renderTTYFinal(quiet: Bool = false) -> String {
        if quiet { return canonicalName + "\n" }
        var order: [String] = []
        var last: [String: String] = [:]
        for e in events {
            if last[e.layerID] == nil { order.append(e.layerID) }
            last[e.layerID] = e.status
        }
        return head + order.map { "\($0): \(last[$0] ?? "")\n" }.joined() + tail
    }
}

/// `docker push` output (non-TTY stream or final TTY screen).
public struct PushView: Equatable, Sendable {
    /// `layerID` is 12 hex of the layer's diff ID; statuses `Preparing`, `Waiting`,
    /// `Pushed`, `Layer already exists`, `Mounted from library/python`.
    public var events: [PullView.LayerEvent]
    public var usedDefaultTag: Bool
    /// Canonical repository without tag (`docker.io/user/app`).
    public var repository: String
    public var tag: String
    public var digest: String
    /// Manifest size in bytes.
    public var manifestSize: Int
    /// An error arriving in the stream (`denied: requested access to the resource is denied`).
    public var error: String?

    public init(events: [PullView.LayerEvent], usedDefaultTag: Bool, repository: String, tag: String, digest: String,
                manifestSize: Int, error: String? = nil) {
        self.events = events
        self.usedDefaultTag = usedDefaultTag
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.manifestSize = manifestSize
        self.error = error
    }

    var head: String {
        (usedDefaultTag ? "Using default tag: latest\n" : "") + "The push refers to repository [\(repository)]\n"
    }

    func finish(_ body: String) -> CommandResult {
        if let error { return CommandResult(stdout: head + body, stderr: error + "\n", exitStatus: 1) }
        return .ok(head + body + "\(tag): digest: \(digest) size: \(manifestSize)\n")
    }

    public func renderPlain() -> CommandResult {
        finish(events.filter { !PullView.progressStatuses.contains($0.status) }.map { "\($0.layerID): \($0.status)\n" }.joined())
    }

    public func renderTTYFinal() -> CommandResult {
        var order: [String] = []
        var last: [String: String] = [:]
        for e in events {
            if last[e.layerID] == nil { order.append(e.layerID) }
            last[e.layerID] = e.status
        }
        return finish(order.map { "\($0): \(last[$0] ?? "")\n" }.joined())
    }

    /// `docker push -q`: only the pushed reference.
    public func renderQuiet() -> CommandResult {
        if let error { return CommandResult(stderr: error + "\n", exitStatus: 1) }
        return .ok("\(repository):\(tag)\n")
    }
}
