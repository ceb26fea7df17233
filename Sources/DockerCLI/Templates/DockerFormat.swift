/// Docker's `--format` handling (docker/cli `formatter.Context`): a `table` prefix turns on
/// the header row and tabwriter alignment; `\t` and `\n` written literally in the format are
/// turned into a tab and a newline; each row is the template's output plus a newline.
public struct DockerFormat: Sendable {
    /// The format text as the user gave it (or the command's default).
    public var source: String

    public init(_ source: String) { self.source = source }

    /// True when the format starts with `table`.
    public var isTable: Bool { source.hasPrefix("table") }

    /// `--format json` is shorthand for one JSON object per row.
    public var isJSON: Bool { source == "json" }

    /// The template text after Docker's pre-processing.
    public var templateText: String {
        if isJSON { return "{{json .}}" }
        var text = source
        if isTable { text = String(text.dropFirst("table".count)) }
        text = trimSpaces(text)
        return text.replacingEscapes()
    }

    private func trimSpaces(_ s: String) -> String {
        var sub = Substring(s)
        while sub.first == " " { sub = sub.dropFirst() }
        while sub.last == " " { sub = sub.dropLast() }
        return String(sub)
    }

    /// Renders `rows`; `headers` maps field names to column titles for the `table` header.
    /// Errors come back in Docker's wording (see `TemplateError.dockerMessage`).
    public func render(rows: [TemplateValue], headers: [String: String]) throws(TemplateError) -> String {
        let template = try GoTemplate(templateText)
        var body = ""
        for row in rows {
            body += try template.execute(row)
            body += "\n"
        }
        guard isTable else { return body }
        let header = try template.executeHeader(headers)
        return TabWriter.docker.format(header + "\n" + body)
    }
}

extension String {
    /// docker/cli replaces the two-character sequences `\t` and `\n` left to right.
    fileprivate func replacingEscapes() -> String {
        let chars = Array(self)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "t" || chars[i + 1] == "n" {
                out.append(chars[i + 1] == "t" ? "\t" : "\n")
                i += 2
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }
}
