import Engine

/// One line of `docker images`: an image under one repository:tag (or `<none>`).
public struct ImageRow: Equatable, Sendable {
    /// Familiar repository name (`myapp`, `localhost:5000/app`); nil prints `<none>`.
    public var repository: String?
    /// nil prints `<none>`.
    public var tag: String?
    /// Repo digest `sha256:<64hex>`; nil prints `<none>` in the DIGEST column.
    public var digest: String?
    /// Full image ID, `sha256:<64hex>`.
    public var id: String
    public var created: Timestamp
    /// Sum of the uncompressed layer sizes in bytes.
    public var size: Int64
    /// Containers using the image; nil prints `N/A`, as the daemon's list does by default.
    public var containers: Int?

    public init(repository: String?, tag: String?, digest: String? = nil, id: String, created: Timestamp,
                size: Int64, containers: Int? = nil) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.id = id
        self.created = created
        self.size = size
        self.containers = containers
    }
}

/// `docker images` / `docker image ls` output. Rows come already selected (dangling,
/// `-a`, filters) and sorted newest first by the caller; this only formats.
public struct ImagesView: Equatable, Sendable {
    public var rows: [ImageRow]
    public var now: Timestamp
    public var quiet = false
    public var digests = false
    public var noTrunc = false
    /// `--format`, if given.
    public var format: String?

    public init(rows: [ImageRow], now: Timestamp) {
        self.rows = rows
        self.now = now
    }

    /// The same view configured from parsed options.
    public init(rows: [ImageRow], now: Timestamp, options: ImagesOptions) {
        self.init(rows: rows, now: now)
        quiet = options.quiet
        digests = options.digests
        noTrunc = options.noTrunc
        format = options.format
    }

    static let defaultFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    static let digestFormat = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"

    /// The format docker/cli picks: `--format` unless it is empty or `table`, then `-q`,
    /// then `--digests`, then the default table.
    var effectiveFormat: String {
        if let format, !format.isEmpty, format != "table" { return format }
        if quiet { return "{{.ID}}" }
        return digests ? Self.digestFormat : Self.defaultFormat
    }

    func templateValue(_ row: ImageRow) -> TemplateValue {
        let size = Units.imageSize(row.size)
        return .object(TemplateObject(typeName: "*formatter.imageContext", sortsKeysInJSON: true, fields: [
            .init("ID", .string(noTrunc ? row.id : Formatted.truncateID(row.id))),
            .init("Repository", .string(row.repository ?? "<none>")),
            .init("Tag", .string(row.tag ?? "<none>")),
            .init("Digest", .string(row.digest ?? "<none>")),
            .init("CreatedSince", .string(Units.ago(row.created, now: now))),
            .init("CreatedAt", .string(Formatted.goTimeString(row.created))),
            .init("Size", .string(size)),
            .init("Containers", .string(row.containers.map(String.init) ?? "N/A")),
            .init("VirtualSize", .string(size)),
            .init("SharedSize", .string("N/A")),
            .init("UniqueSize", .string("N/A")),
        ]))
    }

    public func render() -> CommandResult {
        Formatted.render(format: effectiveFormat, rows: rows.map(templateValue), headers: FormatHeaders.images)
    }
}
