import ImageReference

/// Why an image name did not resolve, worded as Docker words it.
public enum ImageLookupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is not a reference (the daemon's `invalid reference format…`).
    case invalidReference(ReferenceError)
    /// `No such image: foo:latest` (the default tag is added to bare names).
    case noSuchImage(String)

    public var description: String {
        switch self {
        case .invalidReference(let e): return e.description
        case .noSuchImage(let name): return "No such image: \(name)"
        }
    }
}

/// Why `docker tag` refused, worded as the CLI words it (client-side, no daemon prefix,
/// except `noSuchImage`, which the daemon reports).
public enum TagError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `Error parsing reference: "MyApp" is not a valid repository/tag: …`.
    case invalidReference(typed: String, ReferenceError)
    /// `refusing to create a tag with a digest reference`.
    case digestTarget
    /// `No such image: foo:latest` (print after `Error response from daemon: `).
    case noSuchImage(String)

    public var description: String {
        switch self {
        case .invalidReference(let typed, let e): return "Error parsing reference: \"\(typed)\" is not a valid repository/tag: \(e)"
        case .digestTarget: return "refusing to create a tag with a digest reference"
        case .noSuchImage(let name): return "No such image: \(name)"
        }
    }
}

extension ImageStore {
    /// Resolves an image name or ID as the daemon's `GetImage` does: the text is parsed with
    /// `ParseAnyReference`; a bare digest or 64-hex ID must be a full image ID; a name is
    /// looked up as a tag (`:latest` added) or digest reference; failing that, the text is
    /// tried as a unique image-ID prefix (`9b2f1c` parses as a name too, so this comes last).
    public func lookup(_ refOrID: String) -> Result<ImageID, ImageLookupError> {
        let parsed: AnyReference
        do { parsed = try Reference.parseAnyReference(refOrID) } catch { return .failure(.invalidReference(error)) }
        guard let named = parsed.named else {
            if let digest = parsed.digest, let d = Digest(parsing: digest.string), images[ImageID(d)] != nil { return .success(ImageID(d)) }
            return .failure(.noSuchImage(parsed.string))
        }
        if named.digest != nil {
            let key = named.familiarName + "@" + (named.digest?.string ?? "")
            if let image = images.values.first(where: { $0.repoDigests.contains(key) }) { return .success(image.id) }
        } else if let id = tags[named.tagNameOnly.familiarString] {
            return .success(id)
        }
        var prefix = refOrID
        if prefix.hasPrefix("sha256:") { prefix = String(prefix.dropFirst(7)) }
        if !prefix.isEmpty, prefix.utf8.allSatisfy(Digest.isLowerHex) {
            let matches = images.keys.filter { $0.digest.hex.hasPrefix(prefix) }
            if matches.count == 1 { return .success(matches[0]) }
        }
        return .failure(.noSuchImage(named.tagNameOnly.familiarString))
    }

    /// `docker tag SOURCE TARGET` with the CLI's client-side checks first (source must parse
    /// with `ParseAnyReference`, target with `ParseNormalizedNamed`, no digest target), then
    /// the daemon's lookup. The target gets `:latest` when it has no tag.
    public mutating func tag(source: String, target: String) throws(TagError) {
        do { _ = try Reference.parseAnyReference(source) } catch { throw .invalidReference(typed: source, error) }
        let named: NamedReference
        do { named = try Reference.parseNormalizedNamed(target) } catch { throw .invalidReference(typed: target, error) }
        if named.digest != nil { throw .digestTarget }
        switch lookup(source) {
        case .success(let id): setTag(named.tagNameOnly.familiarString, to: id)
        case .failure(let error):
            switch error {
            case .noSuchImage(let name): throw .noSuchImage(name)
            case .invalidReference(let e): throw .invalidReference(typed: source, e)
            }
        }
    }
}
