import Engine
import Testing
@testable import DockerCLI

/// `docker build --secret` and what `RUN --mount` leaves in `docker buildx du` and
/// `docker builder prune`.
@Suite struct BuildMountCommandTests {
    struct Docker {
        var engine = EngineState()
        var host: HostContext

        init(_ dockerfile: String) {
            var tree = FileTree()
            tree.set("/app", .directory())
            tree.set("/app/Dockerfile", .file(.text(dockerfile)))
            tree.set("/app/token.txt", .file(.text("t0k3n")))
            tree.set("/app/requirements.txt", .file(.text("flask\n")))
            host = HostContext(workspace: tree, cwd: "/app")
        }

        mutating func callAsFunction(_ line: String) -> CommandResult {
            let words = line.split(separator: " ").map(String.init)
            switch DockerParser.parse(Array(words.dropFirst())) {
            case .output(let result): return result
            case .command(let command): return DockerExecutor().run(command, engine: &engine, host: host)
            }
        }
    }

    static let secretDockerfile = "FROM alpine:3.21\nRUN --mount=type=secret,id=tok,required cat /run/secrets/tok\n"

    @Test func secretFlagParsesIntoTheBuildOptions() throws {
        guard case .command(.build(let o)) = DockerParser.parse(["build", "--secret", "id=a,src=a.txt", "--secret", "id=b,env=B", "."]) else {
            Issue.record("not a build")
            return
        }
        #expect(o.secrets == ["id=a,src=a.txt", "id=b,env=B"])
        // The classic builder's CLI has no --secret flag.
        guard case .output(let r) = DockerParser.parse(["build", "--secret", "id=a", "."], environment: ["DOCKER_BUILDKIT": "0"]) else {
            Issue.record("the classic build accepted --secret")
            return
        }
        #expect(r.stderr.contains("unknown flag: --secret"))
    }

    @Test func secretsComeFromWorkspaceFilesOrTheEnvironment() {
        var d = Docker(Self.secretDockerfile)
        let fromFile = d("docker build --progress=plain --secret id=tok,src=token.txt .")
        #expect(fromFile.exitStatus == 0, "\(fromFile.stderr)")
        #expect(fromFile.stderr.contains("t0k3n"))
        d.host.environment["TOK"] = "from-env"
        let fromEnv = d("docker build --progress=plain --no-cache --secret id=tok,env=TOK .")
        #expect(fromEnv.stderr.contains("from-env"))
        // `id=NAME` alone takes the environment variable NAME when it is set.
        d.host.environment["tok"] = "bare"
        #expect(d("docker build --progress=plain --no-cache --secret id=tok .").stderr.contains("bare"))
    }

    @Test func badSecretSpecsAndMissingSecretsFail() {
        var d = Docker(Self.secretDockerfile)
        let missingFile = d("docker build --secret id=tok,src=nope.txt .")
        #expect(missingFile.exitStatus == 1)
        #expect(missingFile.stderr == "ERROR: could not parse secrets: [id=tok,src=nope.txt]: failed to stat nope.txt: stat nope.txt: no such file or directory\n")
        #expect(d("docker build --secret id=tok,type=ssh .").stderr == "ERROR: unsupported secret type \"ssh\"\n")
        #expect(d("docker build --secret tok .").stderr == "ERROR: invalid field 'tok' must be a key=value pair\n")
        #expect(d("docker build --secret id=tok,env=UNSET .").stderr.contains("env variable UNSET not found"))
        let missing = d("docker build .")
        #expect(missing.exitStatus == 1)
        #expect(missing.stderr.contains("ERROR: failed to build: failed to solve: secret tok: not found"))
        #expect(missing.stderr.contains(" 2 | >>> RUN --mount=type=secret,id=tok,required cat /run/secrets/tok"))
    }

    @Test func theClassicBuilderRefusesMounts() {
        var d = Docker(Self.secretDockerfile)
        d.host.environment["DOCKER_BUILDKIT"] = "0"
        guard case .command(let command) = DockerParser.parse(["build", "."], environment: ["DOCKER_BUILDKIT": "0"]) else {
            Issue.record("not a command")
            return
        }
        let r = DockerExecutor().run(command, engine: &d.engine, host: d.host)
        #expect(r.exitStatus == 1)
        #expect(r.stderr.contains("the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled"))
    }

    @Test func cacheMountsAreListedByBuildxDuAndRemovedByPrune() {
        var d = Docker("FROM python:3.13-slim\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n")
        #expect(d("docker build -t app .").exitStatus == 0)
        let du = d("docker buildx du --verbose")
        #expect(du.stdout.contains("Description:  cached mount /root/.cache/pip from exec /bin/sh -c pip install -r requirements.txt\n"))
        #expect(du.stdout.contains("Type:         exec.cachemount\n"))
        #expect(du.stdout.contains("Mutable:      true\n"))
        let table = d("docker buildx du --format {{.ID}}:{{.Reclaimable}}")
        let mountID = d.engine.buildKitCache.records.values.first { $0.recordType == "exec.cachemount" }?.id ?? "?"
        #expect(table.stdout.contains(mountID + ":true"))
        let prune = d("docker builder prune -f")
        #expect(prune.stdout.contains(mountID))
        #expect(d.engine.buildKitCache.cacheMounts.isEmpty)
        #expect(!d("docker buildx du --verbose").stdout.contains("exec.cachemount"))
    }

    @Test func pruneFiltersByRecordTypeKeepOrTakeCacheMounts() {
        var d = Docker("FROM python:3.13-slim\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n")
        #expect(d("docker build -t app .").exitStatus == 0)
        let regular = d.engine.buildKitCache.records.values.filter { $0.recordType == "regular" }.count
        let keep = d("docker builder prune -a -f --filter type!=exec.cachemount")
        #expect(keep.exitStatus == 0)
        #expect(d.engine.buildKitCache.cacheMounts["/root/.cache/pip"] != nil)
        #expect(d.engine.buildKitCache.records.count == 1)
        #expect(regular > 0)
        let take = d("docker builder prune -f --filter type=exec.cachemount")
        #expect(take.stdout.hasPrefix("ID"))
        #expect(d.engine.buildKitCache.cacheMounts.isEmpty)
        #expect(d("docker builder prune -f --filter until=24h").stderr.contains("is not simulated"))
    }
}
