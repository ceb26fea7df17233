import Engine
import Testing
@testable import DockerCLI

/// `docker version`, `docker info`, `docker system prune`, `docker buildx du` and the
/// message for real Docker commands the simulator does not model.
@Suite struct SystemCommandTests {
    struct Docker {
        var engine = EngineState()
        var host: HostContext

        init() {
            var tree = FileTree()
            tree.set("/app", .directory())
            tree.set("/app/Dockerfile", .file(.text("FROM alpine:3.20\nRUN echo hi > /hi\nRUN echo big > /big\n")))
            host = HostContext(workspace: tree, cwd: "/app")
        }

        mutating func write(_ path: String, _ text: String) {
            host.workspace.set(path, .file(.text(text)))
        }

        mutating func callAsFunction(_ line: String, host override: HostContext? = nil) -> CommandResult {
            let words = line.split(separator: " ").map(String.init)
            switch DockerParser.parse(Array(words.dropFirst())) {
            case .output(let result): return result
            case .command(let command): return DockerExecutor().run(command, engine: &engine, host: override ?? host)
            }
        }

        /// An image, a dangling older build of it, a running and a stopped container, and
        /// build cache records both used by an image and left over from the older build.
        static func populated() -> Docker {
            var d = Docker()
            #expect(d("docker build -t app:1 .").succeeded)
            d.write("/app/Dockerfile", "FROM alpine:3.20\nRUN echo hi > /hi\nRUN echo bigger > /big\n")
            #expect(d("docker build -t app:1 .").succeeded)
            #expect(d("docker run -d --name web nginx").succeeded)
            #expect(d("docker run --name once alpine:3.21 true").succeeded)
            return d
        }
    }

    // MARK: version

    @Test func versionPrintsClientAndServerInCLI28Layout() {
        var d = Docker()
        let r = d("docker version")
        #expect(r.exitStatus == 0 && r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(9)) == [
            "Client: Docker Engine - Community",
            " Version:           28.5.2",
            " API version:       1.51",
            " Go version:        go1.24.9",
            " Git commit:        ecc6942",
            " Built:             Wed Nov  5 14:42:30 2025",
            " OS/Arch:           linux/amd64",
            " Context:           default",
            "",
        ])
        #expect(lines[9] == "Server: Docker Engine - Community")
        #expect(lines[10] == " Engine:")
        #expect(lines[12] == "  API version:      1.51 (minimum version 1.24)")
        #expect(r.stdout.contains(" runc:\n  Version:          1.3.3\n  GitCommit:        v1.3.3-0-gd842d771\n"))
        #expect(r.stdout.hasSuffix(" docker-init:\n  Version:          0.19.0\n  GitCommit:        de40ad0\n"))
        // Same as `docker --version` names.
        #expect(d("docker --version").stdout == "Docker version 28.5.2, build ecc6942\n")
        // Nothing in the engine changes.
        #expect(d.engine == EngineState())
    }

    @Test func versionFormat() {
        var d = Docker()
        #expect(d("docker version --format {{.Server.Version}}") == .ok("28.5.2\n"))
        #expect(d("docker version -f {{.Client.Version}}/{{.Client.APIVersion}}/{{.Client.Os}}") == .ok("28.5.2/1.51/linux\n"))
        #expect(d("docker version --format {{range.Server.Components}}{{.Name}},{{end}}") == .ok("Engine,containerd,runc,docker-init,\n"))
        let bad = d("docker version --format {{.Client")
        #expect(bad.exitStatus == 64 && bad.stderr.hasPrefix("template parsing error: "))
        let args = d("docker version now")
        #expect(args.exitStatus == 1 && args.stderr.hasPrefix("docker: 'docker version' accepts no arguments\n"))
    }

    // MARK: info

    @Test func infoCountsTheEngineState() {
        var d = Docker.populated()
        let r = d("docker info")
        #expect(r.exitStatus == 0)
        let images = d.engine.images.images.count
        #expect(images >= 3)
        #expect(r.stdout.hasPrefix("Client: Docker Engine - Community\n Version:    28.5.2\n Context:    default\n Debug Mode: false\n"))
        #expect(r.stdout.contains("\n\nServer:\n Containers: 2\n  Running: 1\n  Paused: 0\n  Stopped: 1\n Images: \(images)\n Server Version: 28.5.2\n Storage Driver: overlay2\n"))
        #expect(r.stdout.contains(" Logging Driver: json-file\n Cgroup Driver: systemd\n Cgroup Version: 2\n"))
        #expect(!r.stdout.contains("Username:"))
        #expect(r.stdout.hasSuffix(" Live Restore Enabled: false\n Product License: Community Engine\n\n"))
        #expect(d("docker system info --format {{.Containers}}/{{.ContainersRunning}}/{{.ContainersStopped}}/{{.Images}}")
                == .ok("2/1/1/\(images)\n"))
        #expect(d("docker info --format {{.Driver}}") == .ok("overlay2\n"))
        #expect(d.engine.checkInvariants().isEmpty)
    }

    @Test func infoNamesTheDockerHubUser() {
        var d = Docker()
        #expect(d("docker login -u learner -p secret123").succeeded)
        #expect(d("docker info").stdout.contains(" Debug Mode: false\n Username: learner\n Experimental: false\n"))
        #expect(d("docker logout").succeeded)
        #expect(!d("docker info").stdout.contains("Username:"))
    }

    // MARK: system prune

    @Test func systemPruneEqualsTheThreePrunesInDockersOrder() {
        for all in [false, true] {
            var d = Docker.populated()
            var separate = d
            let flag = all ? " -a" : ""
            let expectedContainers = separate("docker container prune -f")
            let expectedImages = separate("docker image prune -f" + flag)
            let expectedCache = separate("docker builder prune -f" + flag)

            let before = d.engine
            let stopped = before.containers.all.filter { !$0.isRunning }.map(\.id)
            let r = d("docker system prune -f" + flag)
            #expect(r.exitStatus == 0 && r.stderr.isEmpty)
            #expect(d.engine == separate.engine)
            #expect(d.engine.checkInvariants().isEmpty)
            // The running container stays.
            #expect(d.engine.containers.all.count == 1 && d.engine.containers.all[0].isRunning)

            let out = r.stdout
            #expect(out.hasPrefix("Deleted Containers:\n" + stopped.map { $0 + "\n" }.joined() + "\n"))
            guard let images = out.range(of: "Deleted Images:\n"), let cache = out.range(of: "Deleted build cache objects:\n"),
                  let total = out.range(of: "Total reclaimed space: ") else {
                Issue.record("missing section in \(out)")
                continue
            }
            #expect(images.lowerBound < cache.lowerBound && cache.lowerBound < total.lowerBound)
            // Each section reads as the matching single prune printed it.
            let imageSection = String(out[images.lowerBound..<cache.lowerBound])
            #expect(expectedImages.stdout.hasPrefix(imageSection))
            let cacheIDs = out[cache.upperBound..<total.lowerBound].split(separator: "\n").map(String.init)
            #expect(cacheIDs.count == before.buildKitCache.records.count - d.engine.buildKitCache.records.count)
            #expect(cacheIDs.allSatisfy { id in expectedCache.stdout.contains(id) })
            #expect(!cacheIDs.isEmpty && (!all || d.engine.buildKitCache.records.isEmpty))
            // The total is the sum of what each pruner reclaimed.
            var sums = before
            let containerBytes = sums.pruneContainers().reduce(Int64(0)) { $0 + $1.size }
            let imageBytes = sums.images.prune(all: all, containers: DockerExecutor().imageUses(engine: sums)).reclaimedBytes
            let cacheBytes = sums.pruneBuildCache(all: all).reduce(Int64(0)) { $0 + $1.size }
            #expect(out.hasSuffix("\nTotal reclaimed space: \(Units.humanSize(containerBytes + imageBytes + cacheBytes))\n"))
            #expect(imageBytes > 0 && cacheBytes > 0)
            #expect(expectedContainers.stdout.hasPrefix("Deleted Containers:\n"))

            // Nothing left to remove: only the total.
            #expect(d("docker system prune -f" + flag) == .ok("Total reclaimed space: 0B\n"))
        }
    }

    @Test func systemPruneAsksFirst() {
        var d = Docker.populated()
        let before = d.engine
        let warning = "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue? [y/N] "
        // Nothing to type an answer on: N, and nothing removed.
        let script = d("docker system prune")
        #expect(script.stdout == warning + "\n")
        #expect(script.stderr.hasPrefix("dockyard: no answer can be typed here"))
        #expect(d.engine == before)
        // A piped n cancels quietly; a piped y goes ahead after the warning.
        #expect(d("docker system prune", host: HostContext(workspace: d.host.workspace, cwd: "/app", stdin: "n\n")) == .ok(warning))
        #expect(d.engine == before)
        let yes = d("docker system prune", host: HostContext(workspace: d.host.workspace, cwd: "/app", stdin: "y\n"))
        #expect(yes.stdout.hasPrefix(warning + "Deleted Containers:\n"))
        #expect(d.engine != before && d.engine.checkInvariants().isEmpty)

        var all = Docker.populated()
        let terminal = HostContext(workspace: all.host.workspace, cwd: "/app", isTerminal: true, stdinIsTerminal: true)
        let asked = all("docker system prune -a --volumes", host: terminal)
        #expect(asked.stdout == "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all anonymous volumes not used by at least one container\n  - all images without at least one container associated to them\n  - all build cache\n\n")
        guard let question = asked.question else {
            Issue.record("no question asked")
            return
        }
        #expect(question.prompt == "Are you sure you want to continue? [y/N] ")
        let answered = DockerExecutor().answer("y", to: question, engine: &all.engine, host: terminal)
        #expect(answered.stdout.hasPrefix("Deleted Containers:\n"))
        #expect(all.engine.buildKitCache.records.isEmpty)
        #expect(all.engine.checkInvariants().isEmpty)
    }

    @Test func systemPruneRefusesFilters() {
        var d = Docker.populated()
        let before = d.engine
        let r = d("docker system prune -f --filter until=24h")
        #expect(r.exitStatus == 1 && r.stderr.contains("--filter until=24h is not simulated"))
        #expect(d.engine == before)
    }

    // MARK: buildx du

    @Test func buildxDuListsTheCacheRecords() {
        var d = Docker.populated()
        // Once the older build's image is gone, its last step's record is reclaimable.
        #expect(d("docker image prune -f").succeeded)
        let r = d("docker buildx du")
        #expect(r.exitStatus == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let records = d.engine.buildKitCache.records.values
        #expect(lines.count == 1 + records.count + 4)
        #expect(lines[0].hasPrefix("ID ") && lines[0].contains("RECLAIMABLE   SIZE") && lines[0].hasSuffix("LAST ACCESSED"))
        // Largest first; IDs as BuildKit gives them; shared sizes starred.
        let rows = lines[1...records.count]
        let sorted = records.sorted { $0.size != $1.size ? $0.size > $1.size : $0.id > $1.id }
        for (row, record) in zip(rows, sorted) {
            #expect(row.hasPrefix(record.id + " "))
        }
        #expect(rows.contains { $0.contains("   false         ") && $0.contains("*") })
        #expect(rows.contains { $0.contains("   true          ") })
        let total = records.reduce(Int64(0)) { $0 + $1.size }
        #expect(lines.last == "Total:\t\t" + Units.humanSize(total))
        #expect(lines[lines.count - 4].hasPrefix("Shared:\t\t"))
        #expect(lines[lines.count - 3].hasPrefix("Private:\t"))
        #expect(lines[lines.count - 2].hasPrefix("Reclaimable:\t"))
        // `docker builder` is handed to buildx.
        #expect(d("docker builder du") == r)
        // It agrees with docker system df's Build Cache row.
        let df = d("docker system df --format {{.Type}}:{{.TotalCount}}:{{.Active}}").stdout
        let shared = rows.filter { $0.contains("*") }.count
        #expect(df.contains("Build Cache:\(records.count):\(shared)\n"))
    }

    @Test func buildxDuEmptyVerboseAndFormat() {
        var d = Docker()
        #expect(d("docker buildx du") == .ok("ID        RECLAIMABLE   SIZE      LAST ACCESSED\nReclaimable:\t0B\nTotal:\t\t0B\n"))
        #expect(d("docker build -t app:1 .").succeeded)
        let verbose = d("docker buildx du --verbose").stdout
        #expect(verbose.hasPrefix("ID:           "))
        #expect(verbose.contains("\nMutable:      false\nReclaimable:  false\nShared:       true\nSize:         "))
        #expect(verbose.contains("\nDescription:  [2/3] RUN echo hi > /hi\nUsage count:  "))
        #expect(verbose.contains("\nType:         regular\n\nID:           "))
        #expect(verbose.hasSuffix("\nReclaimable:\t0B\nTotal:\t\t" + Units.humanSize(d.engine.buildKitCache.size) + "\n"))
        let ids = d("docker buildx du --format {{.ID}}").stdout
        #expect(ids.split(separator: "\n").count == d.engine.buildKitCache.records.count)
        #expect(!ids.contains("Total"))
        let both = d("docker buildx du --verbose --format {{.ID}}")
        #expect(both == .failure("ERROR: --format and --verbose cannot be used together\n"))
    }

    // MARK: system df

    @Test func systemDfCountsContainersAndTheImagesTheyUse() {
        var d = Docker.populated()
        let r = d("docker system df --format {{.Type}}:{{.TotalCount}}:{{.Active}}")
        // Images: app:1 (the dangling older build is listed too), nginx, alpine:3.21; two in use.
        #expect(r.stdout.hasPrefix("Images:4:2\nContainers:2:1\nLocal Volumes:0:0\nBuild Cache:"))
    }

    @Test func systemDfVerboseHasATablePerKind() {
        var d = Docker.populated()
        let r = d("docker system df -v")
        #expect(r.exitStatus == 0)
        let out = r.stdout
        #expect(out.hasPrefix("Images space usage:\n\nREPOSITORY   TAG       IMAGE ID       CREATED"))
        let sections = ["Images space usage:", "Containers space usage:", "Local Volumes space usage:", "Build cache usage: "]
        let positions = sections.compactMap { out.range(of: $0)?.lowerBound }
        #expect(positions.count == 4 && positions == positions.sorted())
        #expect(out.contains("\nLocal Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\n\nBuild cache usage: \(Units.humanSize(d.engine.buildKitCache.size))\n\nCACHE ID "))
        // One row per image, container and cache record.
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        func rows(after header: String) -> Int {
            guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return -1 }
            return lines[(start + 1)...].prefix { !$0.isEmpty }.count
        }
        #expect(rows(after: "REPOSITORY") == 4)
        #expect(rows(after: "CONTAINER ID") == 2)
        #expect(rows(after: "CACHE ID") == d.engine.buildKitCache.records.count)
        #expect(out.contains("   web\n") && out.contains("   once\n"))
        // Both builds of app share the base and first RUN layers.
        let app = lines.first { $0.hasPrefix("app ") } ?? ""
        #expect(!app.contains("   0B   "))
        #expect(d("docker system df -v --format {{.Type}}").exitStatus == 1)
    }

    // MARK: commands Dockyard does not model

    @Test func realDockerCommandsThatAreNotSimulatedSaySo() {
        var d = Docker()
        for line in ["docker volume ls", "docker network create net", "docker compose up -d", "docker swarm init",
                     "docker stats", "docker save -o x.tar app", "docker context ls", "docker scout cves app"] {
            let word = line.split(separator: " ")[1]
            let r = d(line)
            #expect(r.exitStatus == 1)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("dockyard: docker \(word) is a real Docker command, but Dockyard does not simulate it\n"))
            #expect(r.stderr.hasSuffix("Type \"help\" to see what runs here.\n"))
        }
        for (line, path) in [("docker image save app", "docker image save"), ("docker container pause web", "docker container pause"),
                             ("docker buildx ls", "docker buildx ls"), ("docker builder imagetools inspect x", "docker builder imagetools"),
                             ("docker system events", "docker system events"), ("docker manifest create a b", "docker manifest create")] {
            #expect(d(line).stderr.hasPrefix("dockyard: \(path) is a real Docker command"))
        }
        #expect(d("docker help volume").stderr.hasPrefix("dockyard: docker volume is a real Docker command"))
        // Words that are not Docker commands keep Docker's own answer.
        #expect(d("docker volumes") == .failure("docker: 'volumes' is not a docker command.\nSee 'docker --help'\n"))
        #expect(d("docker image frobnicate").stderr.hasPrefix("docker: unknown command: docker image frobnicate\n"))
        #expect(d.engine == EngineState())
    }

    // MARK: parsing and help

    @Test func spellingsRouteToTheNewCommands() {
        func parsed(_ line: String) -> DockerCommand? {
            if case .command(let c) = DockerParser.parse(line.split(separator: " ").map(String.init).dropFirst().map { $0 }) { return c }
            return nil
        }
        #expect(parsed("docker system info") == .info(InfoOptions()))
        var prune = SystemPruneOptions()
        prune.all = true; prune.force = true
        #expect(parsed("docker system prune -af") == .systemPrune(prune))
        #expect(parsed("docker buildx du") == .buildCacheDu(BuildCacheDuOptions()))
        var builderPrune = BuilderPruneOptions()
        builderPrune.force = true
        #expect(parsed("docker buildx prune -f") == .builderPrune(builderPrune))
        var inspect = InspectOptions(names: ["web"], imagesOnly: false)
        inspect.type = "container"
        #expect(parsed("docker container inspect web") == .inspect(inspect))
        #expect(DockerCommand.systemPrune(SystemPruneOptions()).confirmed == .systemPrune({ var o = SystemPruneOptions(); o.force = true; return o }()))
    }

    @Test func rootHelpAndCompletionListTheNewCommands() {
        let help = Usage.rootHelp()
        #expect(help.contains("  search      Search Docker Hub for images\n  version     Show the Docker version information\n  info        Display system-wide information\n"))
        #expect(help.contains("  builder     Manage builds\n  buildx*     Docker Buildx\n  container   Manage containers\n"))
        let names = CommandTable.entries.map(\.name)
        #expect(names.contains("version") && names.contains("info") && names.contains("buildx"))
        #expect(CommandTable.entries.first { $0.name == "system" }?.subcommands == ["df", "info", "prune"])
        #expect(CommandTable.entries.first { $0.name == "buildx" }?.subcommands == ["build", "du", "prune"])
        #expect(Usage.help(for: CommandTable.buildxDu).hasPrefix("\nUsage:  docker buildx du\n\nDisk usage\n"))
    }
}
