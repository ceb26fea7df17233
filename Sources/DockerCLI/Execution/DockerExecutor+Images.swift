import Engine
import ImageReference

// Image commands: images, history, inspect, tag, rmi, image prune, builder prune, system df.
// (`docker build` is in BuildCommand.swift.) The engine does the work; the views here are
// computed from its state and handed to the renderers.
extension DockerExecutor {
    // MARK: Hooks for the container work

    /// `docker inspect NAME` of something that is not an image: a container by name or ID
    /// (nil when there is none, and `docker inspect` answers `Error: No such object: NAME`).
    func inspectContainerObject(_ name: String, engine: EngineState) -> TemplateValue? {
        guard let container = engine.containers.find(name) else { return nil }
        return ContainerViews.inspectObject(container, engine: engine)
    }

    /// Which images containers use (running or stopped), for rmi/prune conflicts (§8).
    func imageUses(engine: EngineState) -> [ImageID: [ImageUse]] {
        var uses: [ImageID: [ImageUse]] = [:]
        for id in engine.containers.order {
            guard let container = engine.containers[id] else { continue }
            uses[container.imageID, default: []].append(ImageUse(containerID: container.id, running: container.isRunning))
        }
        return uses
    }

    // MARK: images

    func images(_ o: ImagesOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        var rows = engine.images.listRows(all: o.all)
        for filter in o.filters where !filter.contains("=") {
            return DockerCLIError.flag("invalid argument \"\(filter)\" for \"-f, --filter\" flag: bad format of filter (expected name=value)",
                                       useLine: "\(o.invokedAs) [OPTIONS] [REPOSITORY[:TAG]]", commandPath: o.invokedAs).result
        }
        for (key, value) in o.filterPairs {
            switch key {
            case "dangling":
                guard let wanted = Self.goBool(value) else {
                    return .failure("Error response from daemon: invalid filter 'dangling=\(value)'\n")
                }
                rows = rows.filter { ($0.tag == nil && $0.repository == nil) == wanted }
            case "reference":
                rows = rows.filter { Self.matchesReference(value, $0) }
            case "before", "since":
                guard let id = engine.images.resolve(value), let pivot = engine.images.images[id] else {
                    return .failure(Message.noSuchImage(Self.imageName(value)) + "\n")
                }
                rows = rows.filter { key == "before" ? $0.created < pivot.created : $0.created > pivot.created }
            case "label":
                let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard let name = parts.first, !name.isEmpty else { return .failure("Error response from daemon: invalid filter 'label=\(value)'\n") }
                rows = rows.filter { row in
                    guard let labels = engine.images.images[row.imageID]?.config.config.labels, let v = labels[name] else { return false }
                    return parts.count == 1 || v == parts[1]
                }
            default:
                return .failure("Error response from daemon: invalid filter '\(key)'\n")
            }
        }
        if let reference = o.reference {
            rows = rows.filter { Self.matchesReference(reference, $0) }
        }
        let view = ImagesView(rows: rows.map { row in
            ImageRow(repository: row.repository, tag: row.tag, digest: row.digest, id: row.imageID.digest.string,
                     created: row.created, size: row.size)
        }, now: engine.clock.now, options: o)
        var result = view.render()
        if rows.isEmpty, let word = o.reference, o.invokedAs == "docker images",
           ["ls", "list", "rm", "remove", "prune", "inspect", "history", "tag", "pull", "push", "build", "import", "load", "save"].contains(word) {
            result.stderr += Message.imagesSubcommandHint(word) + "\n"
        }
        return result
    }


    /// `reference=` and the positional filter: a glob over the familiar `repo:tag`, or the
    /// repository alone.
    static func matchesReference(_ pattern: String, _ row: ImageListRow) -> Bool {
        guard let repo = row.repository else { return false }
        let text = row.tag.map { repo + ":" + $0 } ?? repo
        guard let ref = try? Reference.parseAnyReference(text) else { return false }
        return (try? Reference.familiarMatch(pattern, ref)) ?? false
    }

    /// A name as the daemon echoes it in `No such image:` (`foo` -> `foo:latest`).
    static func imageName(_ s: String) -> String {
        if let named = try? Reference.parseNormalizedNamed(s) { return named.tagNameOnly.familiarString }
        return s
    }

    // MARK: history

    func history(_ o: HistoryOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        guard let id = engine.images.resolve(o.image) else {
            return .failure(Message.noSuchImage(Self.imageName(o.image)) + "\n")
        }
        let rows = engine.images.historyRows(of: id).map { r in
            HistoryRow(imageID: r.imageID?.digest.string, created: r.created, createdBy: r.createdBy, size: r.size, comment: r.comment)
        }
        return HistoryView(rows: rows, now: engine.clock.now, options: o).render()
    }

    // MARK: inspect

    func inspect(_ o: InspectOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        if let type = o.type, !["image", "container"].contains(type) {
            return .failure("\"\(type)\" is not a valid value for --type\n")
        }
        var objects: [TemplateValue] = []
        var errors: [String] = []
        let imagesAllowed = o.imagesOnly || o.type == nil || o.type == "image"
        let containersAllowed = !o.imagesOnly && (o.type == nil || o.type == "container")
        for name in o.names {
            if imagesAllowed, let id = engine.images.resolve(name), let image = engine.images.images[id] {
                objects.append(Self.inspectDocument(image, store: engine.images).templateValue)
            } else if containersAllowed, let object = inspectContainerObject(name, engine: engine) {
                objects.append(object)
            } else if o.imagesOnly || o.type == "image" {
                errors.append(Message.noSuchImage(Self.imageName(name)))
            } else if o.type == "container" {
                errors.append("Error response from daemon: No such container: \(name)")
            } else {
                errors.append("Error: No such object: \(name)")
            }
        }
        return InspectView(objects: objects, errors: errors, format: o.format).render()
    }

    static func inspectDocument(_ image: Image, store: ImageStore) -> ImageInspect {
        let c = image.config.config
        let config = ImageInspect.Config(
            user: c.user, exposedPorts: c.exposedPorts.sorted(), env: c.env, entrypoint: c.entrypoint, cmd: c.cmd,
            volumes: c.volumes.sorted(), workingDir: c.workingDir, labels: c.labels, stopSignal: c.stopSignal,
            argsEscaped: c.argsEscaped, onBuild: c.onBuild, shell: c.shell)
        let chain = image.chainIDs
        var driver: [String: String] = [:]
        if let top = chain.last {
            // overlay2 names its directories by random cache IDs; the chain ID's digest stands in.
            let dir = "/var/lib/docker/overlay2/" + Digest.sha256("overlay2/" + top.digest.hex).hex
            driver["MergedDir"] = dir + "/merged"
            driver["UpperDir"] = dir + "/diff"
            driver["WorkDir"] = dir + "/work"
            let lower = chain.dropLast().reversed().map { "/var/lib/docker/overlay2/" + Digest.sha256("overlay2/" + $0.digest.hex).hex + "/diff" }
            if !lower.isEmpty { driver["LowerDir"] = lower.joined(separator: ":") }
        }
        return ImageInspect(
            id: image.id.digest.string, repoTags: store.tags(of: image.id), repoDigests: image.repoDigests,
            // The daemon falls back to the last history entry's comment (the image config has
            // no comment of its own here): `docker commit -m`'s message, or BuildKit's marker.
            parent: image.parent?.digest.string ?? "", comment: image.config.history.last?.comment ?? "", created: image.created, dockerVersion: image.config.dockerVersion ?? "",
            author: image.config.author ?? "", config: config, architecture: image.config.architecture, os: image.config.os, size: store.size(of: image.id),
            graphDriverData: driver, layers: image.config.diffIDs.map(\.digest.string))
    }

    // MARK: tag

    func tag(_ o: TagOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        do {
            try engine.images.tag(source: o.source, target: o.target)
        } catch .noSuchImage(let name) {
            return .failure(Message.noSuchImage(name) + "\n")
        } catch {
            return .failure(error.description + "\n")
        }
        return .ok()
    }

    // MARK: rmi

    func rmi(_ o: RmiOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        var lines: [RemovalLine] = []
        var errors: [String] = []
        var onlyMissing = true
        let uses = imageUses(engine: engine)
        for name in o.images {
            do {
                let records = try engine.images.remove(name, force: o.force, prune: !o.noPrune, containers: uses)
                lines += records.map(Self.removalLine)
            } catch {
                if case .noSuchImage = error {} else { onlyMissing = false }
                var message = "Error response from daemon: \(error.description)"
                if case .noSuchImage = error { message = Message.noSuchImage(Self.imageName(name)) }
                errors.append(message)
            }
        }
        return RmiView(lines: lines, errors: errors, errorsAreFatal: !(o.force && onlyMissing)).render()
    }

    static func removalLine(_ record: RemovalRecord) -> RemovalLine {
        switch record {
        case .untagged(let ref): return .untagged(ref)
        case .deleted(let digest): return .deleted(digest.string)
        }
    }

    // MARK: prune

    func imagePrune(_ o: ImagePruneOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        // `until=` and `label=` need image ages and labels the prune does not look at yet;
        // refusing beats pruning more than was asked for.
        if let filter = o.filters.first {
            return .failure("dockyard: docker image prune --filter \(filter) is not simulated; prune without --filter, or remove images with docker rmi\n")
        }
        var prefix = ""
        if !o.force {
            let asked = confirmation(ImagePruneView.confirmationPrompt(all: o.all), for: .imagePrune(o), host: host)
            if let result = asked.result { return result }
            prefix = asked.prefix
        }
        let report = engine.images.prune(all: o.all, containers: imageUses(engine: engine))
        var result = ImagePruneView(lines: report.records.map(Self.removalLine), reclaimedBytes: report.reclaimedBytes).render()
        result.prepend(prefix, toStderr: false)
        return result
    }

    func builderPrune(_ o: BuilderPruneOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        // Only record-type filters (`type=exec.cachemount`, `type!=exec.cachemount`, the usual
        // way to keep cache mounts) are simulated; filters are ANDed as buildx does.
        var typeTests: [(type: String, equal: Bool)] = []
        for filter in o.filters {
            if filter.hasPrefix("type!=") {
                typeTests.append((String(filter.dropFirst(6)), false))
            } else if filter.hasPrefix("type=") {
                typeTests.append((String(filter.dropFirst(5)), true))
            } else {
                return .failure("dockyard: docker builder prune --filter \(filter) is not simulated; prune without --filter, or with --filter type=TYPE / type!=TYPE\n")
            }
        }
        let matching: ((CacheRecord) -> Bool)? = typeTests.isEmpty ? nil : { record in
            typeTests.allSatisfy { ($0.type == record.recordType) == $0.equal }
        }
        var prefix = ""
        if !o.force {
            let asked = confirmation(BuilderPruneView.confirmationPrompt(all: o.all), for: .builderPrune(o), host: host)
            if let result = asked.result { return result }
            prefix = asked.prefix
        }
        // Most recently used first; ties by ID so the listing does not depend on hashing.
        let removed = engine.pruneBuildCache(all: o.all, matching: matching).sorted { ($0.lastUsed, $1.id) > ($1.lastUsed, $0.id) }
        var result = BuilderPruneView(records: removed.map { .init(id: $0.id, size: $0.size) }).render()
        result.prepend(prefix, toStderr: false)
        return result
    }

    // MARK: system df

    func systemDf(_ o: SystemDfOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        engine.settleContainers()
        if o.verbose { return systemDfVerbose(o, engine: engine) }
        let containers = engine.containers.all
        let usage = engine.diskUsage(activeImages: Set(containers.map(\.imageID)))
        // A container's size is its writable layer; a stopped one's is reclaimable.
        let containerSize = containers.reduce(Int64(0)) { $0 + Self.writableSize($1) }
        let stoppedSize = containers.filter { !$0.isRunning }.reduce(Int64(0)) { $0 + Self.writableSize($1) }
        let rows: [SystemDfView.Row] = [
            .init(type: "Images", total: usage.images.total, active: usage.images.active, size: usage.images.size,
                  reclaimable: usage.images.reclaimable, showsPercent: true),
            .init(type: "Containers", total: containers.count, active: containers.filter(\.isRunning).count,
                  size: containerSize, reclaimable: stoppedSize, showsPercent: true),
            .init(type: "Local Volumes", total: 0, active: 0, size: 0, reclaimable: 0, showsPercent: true),
            .init(type: "Build Cache", total: usage.buildCache.total, active: usage.buildCache.active, size: usage.buildCache.size,
                  reclaimable: usage.buildCache.reclaimable, showsPercent: false),
        ]
        return SystemDfView(rows: rows, format: o.format).render()
    }
}
