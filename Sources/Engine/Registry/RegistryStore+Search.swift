import ImageReference

/// One `docker search` hit.
public struct SearchHit: Hashable, Sendable {
    public let name: String
    public let description: String
    public let stars: Int
    public let official: Bool
}

extension RegistryStore {
    /// Docker Hub's listing for the official images the catalog serves: short descriptions
    /// as Docker Hub shows them, star counts fixed at plausible early-2025 figures.
    static let officialListings: [String: (description: String, stars: Int)] = [
        "python": ("Python is an interpreted, interactive, object-oriented, open-source programming language.", 9_912),
        "nginx": ("Official build of Nginx.", 20_531),
        "ubuntu": ("Ubuntu is a Debian-based Linux operating system based on free software.", 17_602),
        "alpine": ("A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!", 11_187),
        "node": ("Node.js is a JavaScript-based platform for server-side and networking applications.", 13_654),
        "debian": ("Debian is a Linux distribution that's composed entirely of free and open-source software.", 5_163),
        "busybox": ("Busybox base image.", 3_391),
        "golang": ("Go (golang) is a general purpose, higher-level, imperative programming language.", 4_986),
    ]

    /// `docker search TERM` on Docker Hub: repositories whose name or description contains
    /// the term (case-insensitive), official images first, then by stars and name.
    public func searchDockerHub(_ term: String) -> [SearchHit] {
        guard let hub = registries[Reference.defaultDomain] else { return [] }
        let needle = term.lowercased()
        var hits: [SearchHit] = []
        for (path, repo) in hub.repositories {
            let name = path.hasPrefix(Reference.officialRepositoryPrefix) ? String(path.dropFirst(Reference.officialRepositoryPrefix.count)) : path
            let listing = repo.official ? Self.officialListings[name] : nil
            let description = listing?.description ?? ""
            guard needle.isEmpty || name.lowercased().contains(needle) || description.lowercased().contains(needle) else { continue }
            hits.append(SearchHit(name: name, description: description, stars: listing?.stars ?? 0, official: repo.official))
        }
        return hits.sorted { a, b in
            if a.official != b.official { return a.official }
            if a.stars != b.stars { return a.stars > b.stars }
            return a.name < b.name
        }
    }
}
