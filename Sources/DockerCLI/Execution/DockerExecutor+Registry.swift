import Engine
import ImageReference

// Registry commands: pull, push, login, logout, search, manifest inspect. The engine does
// the work (Sources/Engine/Registry); this file applies the CLI's own checks in Docker's
// order and renders the results (RegistryRendering).
extension DockerExecutor {
    // MARK: pull

    func pull(_ o: PullOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        let named: NamedReference
        do { named = try Reference.parseNormalizedNamed(o.reference) } catch { return .failure("\(error)\n") }
        if o.allTags && !named.isNameOnly { return .failure(Message.pullTagWithAllTags + "\n") }
        let usedDefaultTag = !o.allTags && named.isNameOnly
        let ref = usedDefaultTag ? named.tagNameOnly : named
        let prefix = usedDefaultTag && !o.quiet ? "Using default tag: latest\n" : ""
        if let platform = o.platform, !Self.isSimulatedPlatform(platform) {
            return CommandResult(stdout: prefix, stderr: "Error response from daemon: no matching manifest for \(platform) in the manifest list entries\n", exitStatus: 1)
        }
        let existed = engine.registries.registry(ref.domain) != nil
        let report: PullReport
        do { report = try engine.pull(ref, allTags: o.allTags) } catch {
            let note = existed ? "" : RegistryRendering.simulatedRegistryNote(ref.domain)
            return CommandResult(stdout: prefix, stderr: note + "Error response from daemon: \(error)\n", exitStatus: 1)
        }
        let note = report.createdRegistry ? RegistryRendering.simulatedRegistryNote(ref.domain) : ""
        if o.quiet { return CommandResult(stdout: report.canonicalName + "\n", stderr: note) }
        return CommandResult(stdout: RegistryRendering.pull(report, usedDefaultTag: usedDefaultTag, terminal: host.isTerminal), stderr: note)
    }

    /// Every catalog image is linux/amd64.
    static func isSimulatedPlatform(_ platform: String) -> Bool {
        ["linux/amd64", "linux/x86_64", "amd64", "linux"].contains(platform.lowercased())
    }

    // MARK: push

    func push(_ o: PushOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        let named: NamedReference
        do { named = try Reference.parseNormalizedNamed(o.reference) } catch { return .failure("\(error)\n") }
        if o.allTags && !named.isNameOnly { return .failure(Message.pullTagWithAllTags + "\n") }
        let usedDefaultTag = !o.allTags && named.isNameOnly
        let prefix = usedDefaultTag && !o.quiet ? "Using default tag: latest\n" : ""
        if named.digest != nil { return CommandResult(stdout: prefix, stderr: Message.pushDigestReference + "\n", exitStatus: 1) }
        let ref = usedDefaultTag ? named.tagNameOnly : named
        let existed = engine.registries.registry(ref.domain) != nil
        let report: PushReport
        do { report = try engine.push(ref, allTags: o.allTags) } catch {
            let note = existed ? "" : RegistryRendering.simulatedRegistryNote(ref.domain)
            let head = o.quiet ? "" : prefix + "The push refers to repository [\(ref.name)]\n"
            return CommandResult(stdout: head, stderr: note + "\(error)\n", exitStatus: 1)
        }
        let note = report.createdRegistry ? RegistryRendering.simulatedRegistryNote(ref.domain) : ""
        if let error = report.error {
            let body = o.quiet ? "" : prefix + RegistryRendering.push(report, terminal: host.isTerminal)
            return CommandResult(stdout: body, stderr: note + "\(error)\n", exitStatus: 1)
        }
        if o.quiet { return CommandResult(stdout: ref.string + "\n", stderr: note) }
        return CommandResult(stdout: prefix + RegistryRendering.push(report, terminal: host.isTerminal), stderr: note)
    }

    // MARK: logout (login is in DockerExecutor+Login.swift)

    func logout(_ o: LogoutOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        guard let server = o.server, !server.isEmpty else {
            engine.logout(host: Reference.defaultDomain)
            return .ok(Message.logout() + "\n")
        }
        // The CLI files other servers under their host name (`ConvertToHostname`).
        var hostname = server
        for scheme in ["https://", "http://"] where hostname.hasPrefix(scheme) { hostname = String(hostname.dropFirst(scheme.count)) }
        if let slash = hostname.firstIndex(of: "/") { hostname = String(hostname[..<slash]) }
        engine.logout(host: EngineState.registryHost(forServer: server))
        return .ok(Message.logout(hostname) + "\n")
    }

    // MARK: search

    func search(_ o: SearchOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        if let limit = o.limit, !(1...100).contains(limit) {
            return .failure("Error response from daemon: limit \(limit) is outside the range of [1, 100]\n")
        }
        var official: Bool?
        var minStars = 0
        for filter in o.filters {
            let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return .failure("bad format of filter (expected name=value)\n") }
            switch parts[0] {
            case "is-official":
                guard let b = Self.goBool(parts[1]) else { return .failure("Error response from daemon: invalid filter 'is-official=\(parts[1])'\n") }
                official = b
            case "stars":
                guard let n = Int(parts[1]) else { return .failure("Error response from daemon: invalid filter 'stars=\(parts[1])'\n") }
                minStars = max(minStars, n)
            case "is-automated":
                guard Self.goBool(parts[1]) != nil else { return .failure("Error response from daemon: invalid filter 'is-automated=\(parts[1])'\n") }
            default:
                return .failure("Error response from daemon: invalid filter '\(parts[0])'\n")
            }
        }
        // `HOST/term` searches that registry's v1 search API, which a plain registry (and so
        // every simulated one) does not have.
        if let slash = o.term.firstIndex(of: "/") {
            let first = String(o.term[..<slash])
            if EngineState.registryHost(forServer: first) != Reference.defaultDomain, first.contains(".") || first.contains(":") || first == "localhost" {
                return .failure("Error response from daemon: Unexpected status code 404\n")
            }
        }
        var hits = engine.registries.searchDockerHub(o.term)
        if let official { hits = hits.filter { $0.official == official } }
        hits = hits.filter { $0.stars >= minStars }
        if o.filters.contains(where: { $0.hasPrefix("is-automated=") && Self.goBool(String($0.dropFirst(13))) == true }) { hits = [] }
        var view = SearchView(results: hits.map { SearchResult(name: $0.name, description: $0.description, stars: $0.stars, official: $0.official) })
        view.noTrunc = o.noTrunc
        view.format = o.format
        view.limit = o.limit ?? 25
        return view.render()
    }


    // MARK: manifest inspect

    func manifestInspect(_ o: ManifestInspectOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        var named: NamedReference
        do { named = try Reference.parseNormalizedNamed(o.manifest) } catch { return .failure("\(error)\n") }
        if o.manifestList != nil {
            return .failure("dockyard: local manifest lists (docker manifest create) are not simulated; use docker manifest inspect REF\n")
        }
        if named.digest == nil { named = named.tagNameOnly }
        guard let registry = engine.registries.registry(named.domain) else {
            return .failure("no such manifest: \(named.string)\n")
        }
        if registry.isDockerHub && registry.repositories[named.path] == nil {
            return .failure("errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n\n")
        }
        guard let manifest = registry.manifest(repository: named.path, tag: named.tag, digest: named.digest?.string) else {
            return .failure("no such manifest: \(named.string)\n")
        }
        if o.verbose { return .ok(RegistryRendering.manifestInspectVerbose(manifest, reference: named.string)) }
        return .ok(RegistryRendering.manifestInspect(manifest))
    }
}
