/// One `docker search` result.
public struct SearchResult: Equatable, Sendable {
    public var name: String
    public var description: String
    public var stars: Int
    public var official: Bool
    public init(name: String, description: String, stars: Int, official: Bool) {
        self.name = name
        self.description = description
        self.stars = stars
        self.official = official
    }
}

/// `docker search TERM` (CLI 28 columns: NAME, DESCRIPTION, STARS, OFFICIAL).
public struct SearchView: Equatable, Sendable {
    public var results: [SearchResult]
    public var noTrunc = false
    public var format: String?
    public var limit: Int?

    public init(results: [SearchResult]) { self.results = results }

    static let defaultFormat = "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}"
    static let headers = ["Name": "NAME", "Description": "DESCRIPTION", "StarCount": "STARS", "IsOfficial": "OFFICIAL", "IsAutomated": "AUTOMATED"]

    func templateValue(_ r: SearchResult) -> TemplateValue {
        var description = r.description.replacingNewlines()
        if !noTrunc { description = DisplayWidth.ellipsis(description, maxWidth: 45) }
        return .object(TemplateObject(typeName: "*registry.searchContext", sortsKeysInJSON: true, fields: [
            .init("Name", .string(r.name)),
            .init("Description", .string(description)),
            .init("StarCount", .string(String(r.stars))),
            .init("IsOfficial", .string(r.official ? "[OK]" : "")),
            .init("IsAutomated", .string("")),
        ]))
    }

    public func render() -> CommandResult {
        let f = (format?.isEmpty ?? true) || format == "table" ? Self.defaultFormat : (format ?? Self.defaultFormat)
        let shown = limit.map { Array(results.prefix(max(0, $0))) } ?? results
        return Formatted.render(format: f, rows: shown.map(templateValue), headers: Self.headers)
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
