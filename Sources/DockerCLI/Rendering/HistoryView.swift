import Foundation
import Engine

/// One entry of an image's config history, newest first.
public struct HistoryRow: Equatable, Sendable {
    /// The image ID shown on this row (`sha256:<64hex>`), or nil for `<missing>`.
    public var imageID: String?
    /// nil when the history entry has no time (prints `N/A`).
    public var created: Timestamp?
    public var createdBy: String
    /// Layer size in bytes (0 for empty layers).
    public var size: Int64
    public var comment: String

    public init(imageID: String?, created: Timestamp?, createdBy: String, size: Int64, comment: String) {
        self.imageID = imageID
        self.created = created
        self.createdBy = createdBy
        self.size = size
        self.comment = comment
    }
}

/// `docker history` output.
public struct HistoryView: Equatable, Sendable {
    public var rows: [HistoryRow]
    public var now: Timestamp
    public var human = true
    public var noTrunc = false
    public var quiet = false
    public var format: String?
    /// Offset of the "local zone" that `-H=false` prints times in (0 prints `Z`).
    public var utcOffsetSeconds = 0

    public init(rows: [HistoryRow], now: Timestamp) {
        self.rows = rows
        self.now = now
    }

    public init(rows: [HistoryRow], now: Timestamp, options: HistoryOptions) {
        self.init(rows: rows, now: now)
        human = options.human
        noTrunc = options.noTrunc
        quiet = options.quiet
        format = options.format
    }

    static let defaultFormat = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
    static let nonHumanFormat = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"

    var effectiveFormat: String {
        if let format, !format.isEmpty, format != "table" { return format }
        if quiet { return "{{.ID}}" }
        return human ? Self.defaultFormat : Self.nonHumanFormat
    }

    /// Docker prints `N/A` for entries without a usable time (dated at or before 2000).
    static let oldest = 946_684_800.0

    func templateValue(_ row: HistoryRow) -> TemplateValue {
        let id = row.imageID.map { noTrunc ? $0 : Formatted.truncateID($0) } ?? "<missing>"
        let createdAt = row.created.map { RFC3339.format($0, utcOffsetSeconds: utcOffsetSeconds) } ?? "N/A"
        var since = "N/A"
        if let created = row.created, created.secondsSince1970 > Self.oldest {
            since = human ? Units.ago(created, now: now) : createdAt
        }
        var createdBy = row.createdBy.replacingOccurrences(of: "\t", with: " ")
        if !noTrunc { createdBy = DisplayWidth.ellipsis(createdBy, maxWidth: 45) }
        return .object(TemplateObject(typeName: "*image.historyContext", sortsKeysInJSON: true, fields: [
            .init("ID", .string(id)),
            .init("CreatedSince", .string(since)),
            .init("CreatedAt", .string(createdAt)),
            .init("CreatedBy", .string(createdBy)),
            .init("Size", .string(human ? Units.imageSize(row.size) : String(row.size))),
            .init("Comment", .string(row.comment)),
        ]))
    }

    public func render() -> CommandResult {
        Formatted.render(format: effectiveFormat, rows: rows.map(templateValue), headers: FormatHeaders.history)
    }
}
