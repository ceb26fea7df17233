/// A line of `docker rmi` / prune output.
public enum RemovalLine: Equatable, Sendable {
    /// `Untagged: <familiar ref>`
    case untagged(String)
    /// `Deleted: sha256:<64hex>`
    case deleted(String)
}

/// `docker rmi` / `docker image rm`.
public struct RmiView: Equatable, Sendable {
    public var lines: [RemovalLine]
    /// Error messages, already worded (`Error response from daemon: No such image: foo:latest`).
    public var errors: [String]
    /// With `-f`, a missing image is reported but does not fail the command.
    public var errorsAreFatal: Bool

    public init(lines: [RemovalLine], errors: [String] = [], errorsAreFatal: Bool = true) {
        self.lines = lines
        self.errors = errors
        self.errorsAreFatal = errorsAreFatal
    }

    public func render() -> CommandResult {
        let out = lines.map { line -> String in
            switch line {
            case .untagged(let r): return "Untagged: \(r)\n"
            case .deleted(let id): return "Deleted: \(id)\n"
            }
        }.joined()
        let err = errors.map { $0 + "\n" }.joined()
        return CommandResult(stdout: out, stderr: err, exitStatus: !errors.isEmpty && errorsAreFatal ? 1 : 0)
    }
}

/// `docker image prune`.
public struct ImagePruneView: Equatable, Sendable {
    public var lines: [RemovalLine]
    public var reclaimedBytes: Int64

    public init(lines: [RemovalLine], reclaimedBytes: Int64) {
        self.lines = lines
        self.reclaimedBytes = reclaimedBytes
    }

    /// The question asked without `-f` (the answer is read by the caller).
    public static func confirmationPrompt(all: Bool) -> String {
        let warning = all
            ? "WARNING! This will remove all images without at least one container associated to them."
            : "WARNING! This will remove all dangling images."
        return warning + "\nAre you sure you want to continue? [y/N] "
    }

    /// `Deleted Images:` and its lines, then the blank line the CLI's Println adds (empty
    /// when nothing was removed); `docker system prune` prints the same section.
    static func deletedSection(_ lines: [RemovalLine]) -> String {
        guard !lines.isEmpty else { return "" }
        var out = "Deleted Images:\n"
        for line in lines {
            switch line {
            case .untagged(let r): out += "untagged: \(r)\n"
            case .deleted(let id): out += "deleted: \(id)\n"
            }
        }
        return out + "\n"
    }

    public func render() -> CommandResult {
        .ok(Self.deletedSection(lines) + "Total reclaimed space: \(Units.humanSize(reclaimedBytes))\n")
    }
}

/// `docker container prune`.
public struct ContainerPruneView: Equatable, Sendable {
    public var containerIDs: [String]
    public var reclaimedBytes: Int64

    public init(containerIDs: [String], reclaimedBytes: Int64) {
        self.containerIDs = containerIDs
        self.reclaimedBytes = reclaimedBytes
    }

    public static let confirmationPrompt = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] "

    /// `Deleted Containers:` and the IDs, then a blank line (empty when nothing was removed).
    static func deletedSection(_ ids: [String]) -> String {
        ids.isEmpty ? "" : "Deleted Containers:\n" + ids.map { $0 + "\n" }.joined() + "\n"
    }

    public func render() -> CommandResult {
        .ok(Self.deletedSection(containerIDs) + "Total reclaimed space: \(Units.humanSize(reclaimedBytes))\n")
    }
}

/// `docker builder prune` (buildx): a tab-aligned table of removed cache records, then the total.
public struct BuilderPruneView: Equatable, Sendable {
    public struct Record: Equatable, Sendable {
        public var id: String
        public var reclaimable: Bool
        public var size: Int64
        public var mutable: Bool
        public var shared: Bool
        public init(id: String, reclaimable: Bool = true, size: Int64, mutable: Bool = false, shared: Bool = false) {
            self.id = id
            self.reclaimable = reclaimable
            self.size = size
            self.mutable = mutable
            self.shared = shared
        }
    }

    public var records: [Record]

    public init(records: [Record]) { self.records = records }

    public static func confirmationPrompt(all: Bool) -> String {
        (all ? "WARNING! This will remove all build cache." : "WARNING! This will remove all dangling build cache.")
            + " Are you sure you want to continue? [y/N] "
    }

    /// buildx's tabwriter: minwidth 1, tabwidth 8, padding 1, padded with tabs.
    static let writer = TabWriter(minWidth: 1, tabWidth: 8, padding: 1, padChar: "\t")

    public func render() -> CommandResult {
        var out = ""
        // buildx flushes after every row, so the header aligns with the first row only and
        // each later row is aligned on its own.
        for (i, r) in records.enumerated() {
            let id = r.id + (r.mutable ? "*" : "")
            let size = Units.buildKitBytes(r.size) + (r.shared ? "*" : "")
            let row = GoFormat.padRight(id, 71) + "\t" + GoFormat.padRight(r.reclaimable ? "true" : "false", 11) + "\t" + size + "\t\n"
            out += Self.writer.format((i == 0 ? "ID\tRECLAIMABLE\tSIZE\tLAST ACCESSED\n" : "") + row)
        }
        let total = records.reduce(Int64(0)) { $0 + $1.size }
        out += Self.writer.format("Total:\t" + Units.buildKitBytes(total) + "\n")
        return .ok(out)
    }
}
