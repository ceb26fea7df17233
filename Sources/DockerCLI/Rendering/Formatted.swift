import Engine

/// Shared plumbing of the list commands: pick the default format, run the template, and
/// turn a template error into Docker's message.
enum Formatted {
    /// Renders rows with `format` (Docker's `table`/custom semantics). A template error goes
    /// to stderr with exit status 1, as docker/cli reports it.
    static func render(format: String, rows: [TemplateValue], headers: [String: String]) -> CommandResult {
        do {
            return .ok(try DockerFormat(format).render(rows: rows, headers: headers))
        } catch {
            return .failure(error.dockerMessage + "\n")
        }
    }

    /// docker/cli's `stringid.TruncateID`: drop the algorithm prefix, keep 12 characters.
    static func truncateID(_ id: String) -> String {
        var s = Substring(id)
        if let colon = s.firstIndex(of: ":") { s = s[s.index(after: colon)...] }
        return String(s.prefix(12))
    }

    /// Go's `time.Time.String()` for a UTC time: `2024-05-01 12:00:03 +0000 UTC`.
    static func goTimeString(_ t: Timestamp) -> String {
        let rfc = RFC3339.format(t)
        return rfc.prefix(10) + " " + rfc.dropFirst(11).prefix(8) + " +0000 UTC"
    }
}

/// The `{{.Field}}` names each Docker formatter context exposes, with their table headers.
public enum FormatHeaders {
    public static let images: [String: String] = [
        "ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Digest": "DIGEST",
        "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "Size": "SIZE", "Containers": "CONTAINERS",
        "VirtualSize": "SIZE", "SharedSize": "SHARED SIZE", "UniqueSize": "UNIQUE SIZE",
    ]
    public static let history: [String: String] = [
        "ID": "IMAGE", "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "CreatedBy": "CREATED BY",
        "Size": "SIZE", "Comment": "COMMENT",
    ]
    public static let containers: [String: String] = [
        "ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT",
        "RunningFor": "CREATED", "Ports": "PORTS", "Status": "STATUS", "Names": "NAMES", "State": "STATE",
        "Size": "SIZE", "Labels": "LABELS", "Mounts": "MOUNTS", "Networks": "NETWORKS", "LocalVolumes": "LOCAL VOLUMES",
    ]
    public static let diskUsage: [String: String] = [
        "Type": "TYPE", "TotalCount": "TOTAL", "Active": "ACTIVE", "Size": "SIZE", "Reclaimable": "RECLAIMABLE",
    ]
}
