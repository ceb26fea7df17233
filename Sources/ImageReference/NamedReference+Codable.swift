/// A reference is stored as its string (`docker.io/library/python:3.12`); decoding reads it
/// back with the strict grammar, which gives back the same domain and path.
extension NamedReference: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let named = (try? Reference.parse(text))?.named else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a named image reference: \(text)"))
        }
        self = named
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}
