import Engine
import Testing
@testable import DockerCLI

/// The image commands run end to end through the executor: parse, engine, views.
private struct Fixture {
    var engine = EngineState()
    var host: HostContext

    init(files: [String: String] = [:], cwd: String = "/app") {
        var tree = FileTree()
        tree.set("/app", .directory())
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            var dir = FileTree.parent(of: path)
            var dirs: [String] = []
            while dir != "/" { dirs.append(dir); dir = FileTree.parent(of: dir) }
            for d in dirs.reversed() where tree[d] == nil { tree.set(d, .directory()) }
            tree.set(path, .file(.text(text)))
        }
        host = HostContext(workspace: tree, cwd: cwd)
    }

    mutating func write(_ path: String, _ text: String) {
        host.workspace.set(path, .file(.text(text)))
    }

    mutating func run(_ line: String, env: [String: String] = [:]) -> CommandResult {
        let words = line.split(separator: " ").map(String.init)
        var h = host
        h.environment = env
        switch DockerParser.parse(Array(words.dropFirst()), environment: env) {
        case .output(let result): return result
        case .command(let command): return DockerExecutor().run(command, engine: &engine, host: h)
        }
    }
}

private let simple = "FROM alpine:3.20\nRUN echo hi > /hi\n"

@Suite struct BuildCommandTests {
    @Test func aFailedBuildMovesNoTagButItsFinishedStepsAreCachedForTheFix() {
        var f = Fixture(files: ["/app/Dockerfile": simple])
        #expect(f.run("docker build -t app:1 .").succeeded)
        let before = f.engine
        f.write("/app/Dockerfile", simple + "RUN echo more > /more\nRUN exit 2\n")
        let failed = f.run("docker build -t app:1 .")
        #expect(failed.exitStatus == 1)
        #expect(failed.stderr.contains("ERROR: failed to build: failed to solve: process \"/bin/sh -c exit 2\" did not complete successfully: exit code: 2"))
        #expect(f.engine.images == before.images)
        #expect(f.engine.lastBuild?.succeeded == false)
        f.write("/app/Dockerfile", simple + "RUN echo more > /more\nRUN echo fixed\n")
        let fixed = f.run("docker build --progress=plain -t app:1 .")
        #expect(fixed.stderr.contains("[3/4] RUN echo more > /more\n#6 CACHED\n"))
        #expect(!fixed.stderr.contains("[4/4] RUN echo fixed\n#7 CACHED"))
        // The classic builder keeps the intermediate image of each finished step: its cache.
        f.write("/app/Dockerfile", simple + "RUN echo again > /again\nRUN exit 2\n")
        #expect(f.run("docker build -t app:2 .", env: ["DOCKER_BUILDKIT": "0"]).exitStatus == 2)
        f.write("/app/Dockerfile", simple + "RUN echo again > /again\nRUN echo fixed\n")
        let classic = f.run("docker build -t app:2 .", env: ["DOCKER_BUILDKIT": "0"])
        #expect(classic.stdout.contains("Step 3/4 : RUN echo again > /again\n ---> Using cache\n"))
    }

    @Test func classicRunFailureExitsWithTheCommandsCode() {
        var f = Fixture(files: ["/app/Dockerfile": "FROM alpine:3.20\nRUN exit 7\n"])
        let r = f.run("docker build .", env: ["DOCKER_BUILDKIT": "0"])
        #expect(r.exitStatus == 7)
        #expect(r.stderr.hasSuffix("The command '/bin/sh -c exit 7' returned a non-zero code: 7\n"))
        #expect(r.stdout.contains("Step 2/2 : RUN exit 7\n ---> Running in "))
    }

    @Test func theDockerfileFlagIsRelativeToTheCurrentDirectory() {
        var f = Fixture(files: ["/app/docker/Build.Dockerfile": simple, "/app/src/a.txt": "a"])
        let r = f.run("docker build -f docker/Build.Dockerfile -t x src")
        #expect(r.succeeded, "\(r.stderr)")
        #expect(r.stderr.contains("#1 [internal] load build definition from Build.Dockerfile\n"))
        let missing = f.run("docker build -f src/Dockerfile src", env: ["DOCKER_BUILDKIT": "0"])
        #expect(missing.stderr.hasSuffix("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /app/src/Dockerfile: no such file or directory\n"))
    }

    @Test func aContextThatIsAFileIsRefused() {
        var f = Fixture(files: ["/app/Dockerfile": simple])
        let r = f.run("docker build Dockerfile")
        #expect(r.stderr == "ERROR: unable to prepare context: context must be a directory: /app/Dockerfile\n")
        #expect(r.exitStatus == 1)
    }

    @Test func aBareBuildArgTakesTheClientsEnvironment() {
        var f = Fixture(files: ["/app/Dockerfile": "FROM alpine:3.20\nARG V\nRUN echo $V\n"])
        #expect(f.run("docker build --build-arg V=7 .").succeeded)
        let fromEnv = f.run("docker build --build-arg V .", env: ["V": "7"])
        #expect(fromEnv.stderr.contains("#5 [2/2] RUN echo 7\n#5 CACHED\n"))
        let unset = f.run("docker build --build-arg V .")
        #expect(!unset.stderr.contains("CACHED"))
    }

    @Test func quietPrintsOnlyTheID() {
        var f = Fixture(files: ["/app/Dockerfile": simple])
        let r = f.run("docker build -q .")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.hasPrefix("sha256:") && r.stdout.count == 72)
        #expect(f.engine.images.resolve(String(r.stdout.dropLast())) != nil)
    }

    @Test func ttyProgressIsChosenOnATerminal() {
        var f = Fixture(files: ["/app/Dockerfile": simple])
        f.host.isTerminal = true
        let r = f.run("docker build .")
        #expect(r.stderr.hasPrefix("[+] Building "))
        #expect(r.stderr.contains(" => [2/2] RUN echo hi > /hi "))
    }

    @Test func buildChecksAreSummarised() {
        var f = Fixture(files: ["/app/Dockerfile": "FROM alpine:3.20 as Base\nWORKDIR app\nCMD echo hi\nMAINTAINER me\nENV A 1\n"])
        let r = f.run("docker build .")
        #expect(r.stderr.contains("\n 6 warnings found (use docker --debug to expand):\n"))
        #expect(r.stderr.contains(" - FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)\n"))
        #expect(r.stderr.contains(" - StageNameCasing: Stage name 'Base' should be lowercase (line 1)\n"))
        #expect(r.stderr.contains(" - WorkdirRelativePath: Relative workdir \"app\" can have unexpected results if the base image changes (line 2)\n"))
        #expect(r.stderr.contains(" - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 3)\n"))
        #expect(r.stderr.contains(" - MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 4)\n"))
        #expect(r.stderr.contains(" - LegacyKeyValueFormat: \"ENV key=value\" should be used instead of legacy \"ENV key value\" format (line 5)\n"))
        let classic = f.run("docker build .", env: ["DOCKER_BUILDKIT": "0"])
        #expect(!classic.stderr.contains("warning"))
    }
}

@Suite struct ImageCommandTests {
    fileprivate func built() -> Fixture {
        var f = Fixture(files: ["/app/Dockerfile": simple])
        _ = f.run("docker build -t app:1 .")
        return f
    }

    @Test func tagBySourceIDPrefixAndErrors() throws {
        var f = built()
        let id = try #require(f.engine.images.resolve("app:1"))
        #expect(f.run("docker tag \(id.digest.hex.prefix(6)) copy").succeeded)
        #expect(f.engine.images.resolve("copy:latest") == id)
        #expect(f.run("docker tag nope x").stderr == "Error response from daemon: No such image: nope:latest\n")
        #expect(f.run("docker tag app:1 Bad").stderr == "Error parsing reference: \"Bad\" is not a valid repository/tag: invalid reference format: repository name (library/Bad) must be lowercase\n")
        #expect(f.run("docker tag app:1 a:b:c").exitStatus == 1)
        // The client checks the source before the target, then refuses digest targets.
        #expect(f.run("docker tag Bad Worse").stderr.hasPrefix("Error parsing reference: \"Bad\""))
        #expect(f.run("docker tag app:1 app@sha256:\(String(repeating: "a", count: 64))").stderr == "refusing to create a tag with a digest reference\n")
        #expect(f.run("docker tag sha256:\(String(repeating: "b", count: 64)) x").stderr == "Error response from daemon: No such image: sha256:\(String(repeating: "b", count: 64))\n")
    }

    @Test func rmiUntagsThenDeletesAndForceForgivesMissingImages() {
        var f = built()
        _ = f.run("docker tag app:1 app:2")
        #expect(f.run("docker rmi app:2").stdout == "Untagged: app:2\n")
        let gone = f.run("docker rmi app:1")
        #expect(gone.stdout.hasPrefix("Untagged: app:1\nDeleted: sha256:"))
        #expect(f.engine.images.images.isEmpty)
        #expect(f.run("docker rmi -f nope").exitStatus == 0)
        #expect(f.run("docker rmi nope").exitStatus == 1)
        #expect(f.engine.checkInvariants().isEmpty)
    }

    @Test func inspectFindsImagesAndReportsOtherObjects() {
        var f = built()
        let r = f.run("docker inspect --format {{.Config.Cmd}}|{{.Config.Labels}}|{{.Os}} app:1")
        #expect(r.stdout == "[/bin/sh]|map[]|linux\n")
        let both = f.run("docker inspect app:1 ghost")
        #expect(both.stdout.hasPrefix("[\n    {\n        \"Id\": \"sha256:"))
        #expect(both.stderr == "Error: No such object: ghost\n")
        #expect(both.exitStatus == 1)
        #expect(f.run("docker image inspect ghost").stderr == "Error response from daemon: No such image: ghost:latest\n")
    }

    @Test func imagesFiltersByReferenceAndDangling() {
        var f = built()
        f.write("/app/Dockerfile", simple + "RUN echo 2 > /2\n")
        _ = f.run("docker build -t app:1 .")
        let dangling = f.run("docker images -q --filter dangling=true")
        #expect(dangling.stdout.split(separator: "\n").count == 1)
        #expect(f.run("docker images --format {{.Tag}} app").stdout == "1\n")
        #expect(f.run("docker images --format {{.Tag}} --filter reference=ap*").stdout == "1\n")
        #expect(f.run("docker images --filter dangling=maybe").stderr == "Error response from daemon: invalid filter 'dangling=maybe'\n")
    }

    @Test func pruneWithoutForceAnswersNo() {
        var f = built()
        f.write("/app/Dockerfile", simple + "RUN echo 2 > /2\n")
        _ = f.run("docker build -t app:1 .")
        let before = f.engine
        let r = f.run("docker image prune")
        #expect(r.stdout == "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] \n")
        #expect(r.exitStatus == 0)
        #expect(f.engine == before)
        let forced = f.run("docker image prune -f")
        #expect(forced.stdout.hasPrefix("Deleted Images:\ndeleted: sha256:"))
        #expect(f.engine.images.danglingImages.isEmpty)
    }

    @Test func systemDfCountsImagesAndBuildCache() {
        var f = built()
        let r = f.run("docker system df --format {{.Type}}:{{.TotalCount}}")
        #expect(r.stdout == "Images:1\nContainers:0\nLocal Volumes:0\nBuild Cache:1\n")
    }
}

@Suite struct ImageFilterEdgeTests {
    @Test func oddFiltersAreErrorsNotCrashes() {
        var f = Fixture(files: ["/app/Dockerfile": "FROM alpine:3.20\nLABEL team=web\n"])
        _ = f.run("docker build -t app .")
        #expect(f.run("docker images --filter label=").stderr == "Error response from daemon: invalid filter 'label='\n")
        #expect(f.run("docker images -q --filter label=team=web").stdout.count == 13)
        #expect(f.run("docker images -q --filter label=team=db").stdout.isEmpty)
        #expect(f.run("docker images -q --filter label=team").stdout.count == 13)
        #expect(f.run("docker images --filter nope").exitStatus == 125)
        #expect(f.run("docker images --filter before=ghost").stderr == "Error response from daemon: No such image: ghost:latest\n")
        #expect(f.run("docker images --filter reference=[").exitStatus == 0)
    }
}
