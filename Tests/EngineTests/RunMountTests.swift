import Dockerfile
@testable import Engine
import Testing

/// `RUN --mount` as BuildKit parses it (commands_runmount.go) and as the builder applies it.
struct RunMountParseTests {
    func parse(_ raw: String) throws(MountError) -> RunMount {
        try RunMount.parse(raw) { (value: String) throws(MountError) -> String in value }
    }

    func error(_ raw: String) -> String? {
        do { _ = try parse(raw); return nil } catch { return error.message }
    }

    @Test func defaultsFollowTheType() throws {
        let bind = try parse("target=/src")
        #expect(bind.type == .bind && bind.readOnly)
        let cache = try parse("type=cache,target=/root/.cache/pip")
        #expect(cache.type == .cache && !cache.readOnly && cache.cacheID == "/root/.cache/pip")
        let named = try parse("type=cache,id=pip,dst=/x,sharing=locked,uid=1000,mode=0700")
        #expect(named.cacheID == "pip" && named.sharing == "locked" && named.uid == 1000 && named.mode == 0o700)
        let rw = try parse("type=bind,source=app,target=/app,rw")
        #expect(!rw.readOnly && rw.source == "app")
        let secret = try parse("type=secret,id=token,required,env=TOKEN")
        #expect(secret.secretID == "token" && secret.required && secret.env == "TOKEN" && secret.readOnly)
        #expect(try parse("type=secret,target=/run/secrets/aws").secretID == "aws")
        #expect(try parse("\"type=cache\",target=/x").type == .cache)
    }

    @Test func badValuesGetBuildKitsWords() {
        #expect(error("type=cahce,target=/x") == "unsupported mount type \"cahce\" (did you mean cache?)")
        #expect(error("type=volume,target=/x") == "unsupported mount type \"volume\"")
        #expect(error("target=/x,required") == "unexpected key 'required' for mount type 'bind'")
        #expect(error("type=cache,target=/x,nonsense") == "invalid field 'nonsense' must be a key=value pair")
        #expect(error("type=cache,target=/x,colour=red") == "unexpected key 'colour' in 'colour=red'")
        #expect(error("type=cache,targte=/x") == "unexpected key 'targte' in 'targte=/x' (did you mean target?)")
        #expect(error("target=/x,ro=maybe") == "invalid value for ro: maybe")
        #expect(error("target=/x,mode=0644") == "mode not allowed for \"bind\" type mounts")
        #expect(error("type=cache,target=/x,uid=me") == "invalid value me for uid")
        #expect(error("type=cache,target=/x,sharing=all") == "unsupported sharing value \"all\"")
        #expect(error("type=tmpfs,target=/x,sharing=locked") == "invalid cache sharing set for tmpfs mount")
        #expect(error("type=secret,id=a,from=base") == "secret mount should not have a from")
        #expect(error("type=secret") == "invalid secret mount. one of source, target required")
        #expect(error("type=secret,id=a,source=b") == "both source and id can't be set")
        #expect(error("type=bind,from=$STAGE,target=/x") == "'from' doesn't support variable expansion, define alias stage instead")
        #expect(error("type=bind,\"target=/x") != nil)
    }
}

struct RunMountBuildTests {
    static let pipDockerfile = """
        FROM python:3.13-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt

        """

    func run(_ state: inout EngineState, _ dockerfile: String, files: [String: String] = [:], secrets: [String: String] = [:], noCache: Bool = false) throws -> BuildResult {
        let document = try parseDockerfile(dockerfile)
        var all = files
        all["Dockerfile"] = dockerfile
        let context = BuildContext(workspace: workspace(all))
        let options = BuildOptions(builder: .buildKit, tags: ["m:1"], noCache: noCache, secrets: secrets.mapValues { Array($0.utf8) })
        let result = state.build(document, context: context, options: options)
        #expect(state.checkInvariants() == [])
        return result
    }

    func imageFS(_ state: EngineState, _ result: BuildResult) throws -> FileTree {
        let id = try #require(result.imageID)
        return state.images.layers(of: id).reduce(into: FileTree()) { $1.apply(to: &$0) }
    }

    func runStep(_ result: BuildResult, _ prefix: String) throws -> BuildStep {
        try #require(result.steps.last { $0.kind == .run && ($0.vertexText ?? "").hasPrefix(prefix) })
    }

    @Test func aCacheMountIsOutOfTheLayerAndWarmOnTheNextBuild() throws {
        var state = EngineState()
        let first = try run(&state, Self.pipDockerfile, files: ["requirements.txt": "flask\n"])
        #expect(first.succeeded)
        let cold = try runStep(first, "RUN --mount")
        #expect(cold.cacheMounts.map(\.filesBefore) == [0])
        #expect(cold.cacheMounts[0].filesAfter == 7)
        let fs = try imageFS(state, first)
        #expect(fs["/usr/local/lib/python3.13/site-packages/flask/__init__.py"] != nil)
        #expect(fs["/root/.cache/pip"] == nil && fs["/root/.cache"] == nil)
        #expect(state.buildKitCache.cacheMounts["/root/.cache/pip"]?.files.entries.isEmpty == false)

        let second = try run(&state, Self.pipDockerfile, files: ["requirements.txt": "flask\nrequests\n"])
        let warm = try runStep(second, "RUN --mount")
        #expect(!warm.cached)
        #expect(warm.cacheMounts.map(\.filesBefore) == [7])
        #expect(warm.output.contains("Using cached flask-3.1.0-py3-none-any.whl (102 kB)"))
        #expect(warm.output.contains { $0.hasPrefix("Downloading requests-") })
        #expect(warm.notes.contains { $0.hasPrefix("cache mount /root/.cache/pip: 7 files were already there") && $0.hasSuffix("with empty cache mounts it takes 2.9s.") })
        // The same install without the warm cache takes longer.
        var coldState = EngineState()
        let coldRun = try run(&coldState, Self.pipDockerfile, files: ["requirements.txt": "flask\nrequests\n"])
        #expect(try runStep(coldRun, "RUN --mount").duration > warm.duration + 0.5)
    }

    @Test func cacheMountsAreSharedByIDAcrossDockerfilesAndListedAndPruned() throws {
        var state = EngineState()
        _ = try run(&state, Self.pipDockerfile, files: ["requirements.txt": "flask\n"])
        let other = "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n"
        let shared = try run(&state, other)
        #expect(try runStep(shared, "RUN --mount").cacheMounts.first?.wasWarm == true)
        let separate = "FROM python:3.13-slim\nRUN --mount=type=cache,id=other,target=/root/.cache/pip pip install flask\n"
        #expect(try runStep(try run(&state, separate), "RUN --mount").cacheMounts.first?.wasWarm == false)

        let records = state.buildKitCache.records.values.filter { $0.recordType == "exec.cachemount" }
        #expect(records.count == 2)
        #expect(records.contains { $0.description == "cached mount /root/.cache/pip from exec /bin/sh -c pip install flask" })
        // BuildKit's plain prune removes cache mounts too (they are never in use between builds).
        let removed = state.pruneBuildCache(all: false)
        #expect(removed.filter { $0.recordType == "exec.cachemount" }.count == 2)
        #expect(state.buildKitCache.cacheMounts.isEmpty)
        let after = try run(&state, other, noCache: true)
        #expect(try runStep(after, "RUN --mount").cacheMounts.first?.wasWarm == false)
    }

    @Test func aBindMountIsReadableKeyedByContentAndDiscarded() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.21\nRUN --mount=type=bind,source=conf,target=/mnt/conf cat /mnt/conf/app.ini > /copied && echo x > /mnt/conf/new\n"
        let first = try run(&state, dockerfile, files: ["conf/app.ini": "port=1\n"])
        #expect(first.succeeded, "\(first.failure?.message ?? "")")
        let fs = try imageFS(state, first)
        #expect(fs.shellText(at: "/copied") == "port=1\n")
        #expect(fs["/mnt/conf"] == nil)
        #expect(try #require(first.steps.last).notes == ["the command wrote under /mnt/conf, a read-only bind mount: Docker refuses such writes (Read-only file system). Add rw to the mount to allow them; they are discarded after the step either way."])
        let rw = try run(&state, "FROM alpine:3.21\nRUN --mount=type=bind,source=conf,target=/mnt/conf,rw cat /mnt/conf/app.ini > /copied && echo x > /mnt/conf/new\n", files: ["conf/app.ini": "port=1\n"])
        #expect(try #require(rw.steps.last).notes.isEmpty)
        #expect(try imageFS(state, rw)["/mnt/conf/new"] == nil)
        // Same files: cached. Changed bound file: the step runs again, though nothing was copied.
        #expect(try run(&state, dockerfile, files: ["conf/app.ini": "port=1\n"]).cachedTexts.contains { $0.hasPrefix("RUN --mount") })
        let changed = try run(&state, dockerfile, files: ["conf/app.ini": "port=2\n"])
        #expect(changed.rebuiltTexts.contains { $0.hasPrefix("RUN --mount") })
        #expect(try imageFS(state, changed).shellText(at: "/copied") == "port=2\n")
        // A missing source is an error at the RUN line.
        let missing = try run(&state, "FROM alpine:3.21\nRUN --mount=type=bind,source=nope,target=/n true\n")
        #expect(missing.failure?.message.hasSuffix("\"/nope\": not found") == true)
        #expect(missing.failure?.range?.startLine == 2)
    }

    @Test func aBindMountFromAStageSeesItsFiles() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.21 AS gen\nRUN echo made > /out.txt\nFROM alpine:3.21\nRUN --mount=type=bind,from=gen,source=/out.txt,target=/in.txt cp /in.txt /kept.txt\n"
        let result = try run(&state, dockerfile)
        #expect(result.succeeded, "\(result.failure?.message ?? "")")
        let fs = try imageFS(state, result)
        #expect(fs.shellText(at: "/kept.txt") == "made\n")
        #expect(fs["/in.txt"] == nil)
    }

    @Test func aSecretIsSeenButNeverKeyedLayeredOrRecorded() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.21\nRUN --mount=type=secret,id=tok cp /run/secrets/tok /leak-check && rm /leak-check && cat /run/secrets/tok\nRUN --mount=type=secret,id=tok,env=TOK,target=/t echo \"$TOK\" > /dev/null\n"
        let first = try run(&state, dockerfile, secrets: ["tok": "s3cr3t"])
        #expect(first.succeeded, "\(first.failure?.message ?? "")")
        #expect(try runStep(first, "RUN --mount=type=secret,id=tok cp").output == ["s3cr3t"])
        let fs = try imageFS(state, first)
        #expect(fs["/run/secrets/tok"] == nil && fs["/run"] == nil && fs["/t"] == nil)
        let id = try #require(first.imageID)
        let history = state.images.images[id]?.config.history.map(\.createdBy).joined() ?? ""
        #expect(!history.contains("s3cr3t"))
        // A new secret value does not invalidate the steps.
        let second = try run(&state, dockerfile, secrets: ["tok": "rotated"])
        #expect(second.rebuiltTexts.isEmpty)
        // Not provided: skipped, unless required.
        let absent = try run(&state, "FROM alpine:3.21\nRUN --mount=type=secret,id=none test -f /run/secrets/none || echo absent\n")
        #expect(absent.steps.last?.output == ["absent"])
        let required = try run(&state, "FROM alpine:3.21\nRUN --mount=type=secret,id=none,required true\n")
        #expect(required.failure?.message == "secret none: not found")
    }

    @Test func tmpfsIsEmptyAndSshAndBadTargetsAreRefused() throws {
        var state = EngineState()
        let tmp = try run(&state, "FROM alpine:3.21\nRUN --mount=type=tmpfs,target=/scratch echo hi > /scratch/f && ls /scratch\n")
        #expect(tmp.succeeded)
        #expect(try imageFS(state, tmp)["/scratch"] == nil)
        let ssh = try run(&state, "FROM alpine:3.21\nRUN --mount=type=ssh git clone x\n")
        #expect(ssh.failure?.message.hasPrefix("dockyard: RUN --mount=type=ssh is not simulated") == true)
        let root = try run(&state, "FROM alpine:3.21\nRUN --mount=type=cache,target=/ true\n")
        #expect(root.failure?.message == "invalid mount target \"/\"")
        let bad = try run(&state, "FROM alpine:3.21\nRUN --mount=type=cahce,target=/x true\n")
        #expect(bad.failure?.message == "unsupported mount type \"cahce\" (did you mean cache?)")
        #expect(bad.failure?.range?.startLine == 2)
    }
}

struct RunMountMoreTests {
    func run(_ state: inout EngineState, _ dockerfile: String, files: [String: String] = [:]) throws -> BuildResult {
        let document = try parseDockerfile(dockerfile)
        var all = files
        all["Dockerfile"] = dockerfile
        let result = state.build(document, context: BuildContext(workspace: workspace(all)), options: BuildOptions(builder: .buildKit, tags: ["m:1"]))
        #expect(state.checkInvariants() == [])
        return result
    }

    @Test func aptKeepsListsAndArchivesInCacheMountsWithoutTheCleanHook() throws {
        var state = EngineState()
        let dockerfile = """
            FROM debian:bookworm-slim
            RUN rm -f /etc/apt/apt.conf.d/docker-clean
            RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y curl

            """
        let first = try run(&state, dockerfile)
        #expect(first.succeeded, "\(first.failure?.message ?? "")")
        let cold = try #require(first.steps.last)
        #expect(cold.output.contains { $0.hasPrefix("Get:1 ") })
        let id = try #require(first.imageID)
        let fs = state.images.layers(of: id).reduce(into: FileTree()) { $1.apply(to: &$0) }
        #expect(fs.children(of: "/var/lib/apt/lists").isEmpty)
        #expect(!fs.children(of: "/var/cache/apt/archives").contains { $0.hasSuffix(".deb") })

        let changed = dockerfile.split(separator: "\n").map { $0.hasSuffix("curl") ? $0 + " && true" : $0 }.joined(separator: "\n") + "\n"
        let second = try run(&state, changed)
        let warm = try #require(second.steps.last)
        #expect(!warm.cached)
        #expect(warm.output.contains { $0.hasPrefix("Hit:1 ") })
        #expect(warm.output.contains { $0.hasPrefix("Need to get 0 B/") })
        #expect(!warm.output.contains { $0.hasPrefix("Fetched") })
        #expect(warm.duration < cold.duration)
        #expect(warm.cacheMounts.map { $0.target } == ["/var/cache/apt", "/var/lib/apt/lists"])
        #expect(warm.cacheMounts.allSatisfy { $0.wasWarm })
    }

    @Test func npmFindsItsTarballsInAWarmCacheMount() throws {
        var state = EngineState()
        let dockerfile = "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .\nRUN --mount=type=cache,target=/root/.npm npm install\n"
        let first = try run(&state, dockerfile, files: ["package.json": "{\"name\": \"web\", \"dependencies\": {\"express\": \"^4.21.2\"}}"])
        #expect(first.succeeded, "\(first.failure?.message ?? "")")
        let cold = try #require(first.steps.last)
        let second = try run(&state, dockerfile, files: ["package.json": "{\"name\": \"web2\", \"dependencies\": {\"express\": \"^4.21.2\"}}"])
        let warm = try #require(second.steps.last)
        #expect(!warm.cached && warm.cacheMounts.first?.wasWarm == true)
        #expect(warm.duration < cold.duration)
        let id = try #require(second.imageID)
        let fs = state.images.layers(of: id).reduce(into: FileTree()) { $1.apply(to: &$0) }
        #expect(fs["/app/node_modules/express/package.json"] != nil)
        #expect(fs["/root/.npm"] == nil)
    }

    @Test func aCacheMountCanBeSeededFromAStageAndRelativeTargetsFollowWorkdir() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.21 AS seed\nRUN mkdir /c && echo seeded > /c/s\nFROM alpine:3.21\nWORKDIR /w\nRUN --mount=type=cache,target=cache,from=seed,source=/c cat cache/s\n"
        let result = try run(&state, dockerfile)
        #expect(result.succeeded, "\(result.failure?.message ?? "")")
        let step = try #require(result.steps.last)
        #expect(step.output == ["seeded"])
        #expect(step.cacheMounts.first?.target == "/w/cache")
        #expect(step.cacheMounts.first?.wasWarm == false)
        #expect(state.buildKitCache.cacheMounts["cache"] != nil)
    }

    @Test func aFailedCommandStillFillsItsCacheMount() throws {
        var state = EngineState()
        let failed = try run(&state, "FROM alpine:3.21\nRUN --mount=type=cache,target=/c echo partial > /c/p && false\n")
        #expect(!failed.succeeded)
        #expect(state.buildKitCache.cacheMounts["/c"]?.files["/p"] != nil)
    }

    @Test func aReadOnlyCacheMountKeepsNothing() throws {
        var state = EngineState()
        _ = try run(&state, "FROM alpine:3.21\nRUN --mount=type=cache,target=/c,ro touch /c/x || true\n")
        #expect(state.buildKitCache.cacheMounts["/c"] == nil)
    }
}

struct NestedMountTests {
    @Test func aMountInsideACacheMountStaysOutOfTheCache() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.21\nRUN --mount=type=bind,source=a.txt,target=/c/inner/a.txt --mount=type=cache,target=/c cat /c/inner/a.txt && echo kept > /c/kept\n"
        let document = try parseDockerfile(dockerfile)
        let result = state.build(document, context: BuildContext(workspace: workspace(["a.txt": "bound\n", "Dockerfile": dockerfile])), options: BuildOptions(builder: .buildKit))
        #expect(result.succeeded, "\(result.failure?.message ?? "")")
        #expect(result.steps.last?.output == ["bound"])
        let cache = try #require(state.buildKitCache.cacheMounts["/c"])
        #expect(cache.files["/kept"] != nil)
        #expect(cache.files["/inner/a.txt"] == nil)
    }
}

