import Engine
import ImageReference

// System commands: version, info, system prune, and the build cache listing (buildx du).
extension DockerExecutor {
    // MARK: version

    func version(_ o: VersionOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        VersionView(format: o.format).render()
    }

    // MARK: info

    func info(_ o: InfoOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        var view = InfoView()
        let all = engine.containers.all
        view.containers = all.count
        view.running = all.filter(\.isRunning).count
        // Nothing can pause a container here, so every container not running is stopped.
        view.stopped = view.containers - view.running
        // The daemon counts every image in its store, intermediate ones included.
        view.images = engine.images.images.count
        view.username = engine.registries.loggedInUser(host: Reference.defaultDomain)
        view.format = o.format
        return view.render()
    }

    // MARK: system prune

    func systemPrune(_ o: SystemPruneOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        // Like the other prunes: refusing a filter beats removing more than was asked for.
        if let filter = o.filters.first {
            return .failure("dockyard: docker system prune --filter \(filter) is not simulated; prune without --filter\n")
        }
        var prefix = ""
        if !o.force {
            let asked = confirmation(SystemPruneView.confirmationPrompt(all: o.all, volumes: o.volumes), for: .systemPrune(o), host: host)
            if let result = asked.result { return result }
            prefix = asked.prefix
        }
        // Docker's order: containers first, so that `-a` also removes the images of the
        // containers it just removed; the build cache last, once images are gone.
        let containers = engine.pruneContainers()
        let images = engine.images.prune(all: o.all, containers: imageUses(engine: engine))
        let cache = engine.pruneBuildCache(all: o.all).sorted { ($0.lastUsed, $1.id) > ($1.lastUsed, $0.id) }
        let reclaimed = containers.reduce(0) { $0 + $1.size } + images.reclaimedBytes + cache.reduce(0) { $0 + $1.size }
        var result = SystemPruneView(containerIDs: containers.map(\.id), imageLines: images.records.map(Self.removalLine),
                                     cacheIDs: cache.map(\.id), reclaimedBytes: reclaimed).render()
        result.prepend(prefix, toStderr: false)
        return result
    }

    // MARK: buildx du

    func buildCacheDu(_ o: BuildCacheDuOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        if let filter = o.filters.first {
            return .failure("dockyard: docker buildx du --filter \(filter) is not simulated; list without --filter\n")
        }
        let imageLayers = Set(engine.images.images.values.flatMap(\.config.diffIDs))
        let records = engine.buildKitCache.records.values.map { r in
            let used = r.diffID.map(imageLayers.contains) ?? false
            return BuildCacheDuView.Record(id: r.id, size: r.size, reclaimable: !used, shared: used, mutable: r.recordType == "exec.cachemount", created: r.created,
                                           lastUsed: r.lastUsed, usageCount: r.usageCount, description: r.description, type: r.recordType)
        }
        return BuildCacheDuView(records: records, now: engine.clock.now, format: o.format, verbose: o.verbose).render()
    }
}

// MARK: system df -v

extension DockerExecutor {
    /// A container's SIZE: the bytes in its writable layer (what `container prune` reclaims).
    static func writableSize(_ c: Container) -> Int64 {
        c.upper.entries.values.reduce(0) { $0 + $1.size }
    }

    func systemDfVerbose(_ o: SystemDfOptions, engine: EngineState) -> CommandResult {
        if let format = o.format, !format.isEmpty, format != "table" {
            return .failure("dockyard: docker system df -v --format is not simulated; use -v alone, or --format without -v\n")
        }
        let store = engine.images
        let containers = engine.containers.all
        // One row per image (its first tag), as the daemon's image summaries come.
        var seen: Set<ImageID> = []
        let listed = store.listRows(all: false).filter { seen.insert($0.imageID).inserted }
        var layerUsers: [DiffID: Int] = [:]
        for row in listed {
            for diffID in Set(store.images[row.imageID]?.config.diffIDs ?? []) { layerUsers[diffID, default: 0] += 1 }
        }
        let images = listed.map { row -> SystemDfVerboseView.ImageRow in
            let diffIDs = Set(store.images[row.imageID]?.config.diffIDs ?? [])
            let shared = diffIDs.filter { (layerUsers[$0] ?? 0) > 1 }.reduce(Int64(0)) { $0 + (store.layerContents[$1]?.size ?? 0) }
            return .init(repository: row.repository, tag: row.tag, id: row.imageID.digest.string, created: row.created, size: row.size,
                         sharedSize: shared, containers: containers.filter { $0.imageID == row.imageID }.count)
        }
        let containerRows = containers.map { (ContainerViews.row($0, images: store), Self.writableSize($0)) }
        let imageLayers = Set(store.images.values.flatMap(\.config.diffIDs))
        let cache = engine.buildKitCache.records.values.map { r in
            let used = r.diffID.map(imageLayers.contains) ?? false
            return BuildCacheDuView.Record(id: r.id, size: r.size, reclaimable: !used, shared: used, mutable: r.recordType == "exec.cachemount", created: r.created,
                                           lastUsed: r.lastUsed, usageCount: r.usageCount, description: r.description, type: r.recordType)
        }
        return SystemDfVerboseView(images: images, containers: containerRows, buildCache: cache, now: engine.clock.now).render()
    }
}
