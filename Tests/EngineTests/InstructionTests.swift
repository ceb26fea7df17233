import Dockerfile
@testable import Engine
import Testing

/// Config effects and history texts of each instruction, both builders.
@Suite struct InstructionTests {
    static let dockerfile = """
        FROM alpine:3.20
        ARG VERSION=1.0
        USER nobody
        VOLUME /data
        SHELL ["/bin/sh", "-ec"]
        STOPSIGNAL SIGTERM
        HEALTHCHECK --interval=30s --timeout=3s CMD wget -q localhost || exit 1
        EXPOSE 8000 53/udp
        ENTRYPOINT ["/entry.sh"]
        WORKDIR a
        WORKDIR b
        WORKDIR c

        """

    @Test(arguments: bothBuilders) func configAndHistory(builder: BuilderKind) throws {
        var state = EngineState()
        let result = try build(&state, Self.dockerfile, files: [:], builder: builder, buildArgs: ["VERSION": "2.0"])
        #expect(result.failure == nil)
        let image = try builtImage(state, result)
        let config = image.config.config
        #expect(config.user == "nobody")
        #expect(config.volumes == ["/data"])
        #expect(config.shell == ["/bin/sh", "-ec"])
        #expect(config.stopSignal == "SIGTERM")
        #expect(config.healthcheck == HealthConfig(test: ["CMD-SHELL", "wget -q localhost || exit 1"], interval: 30_000_000_000, timeout: 3_000_000_000))
        #expect(config.exposedPorts == ["8000/tcp", "53/udp"])
        #expect(config.entrypoint == ["/entry.sh"])
        // ENTRYPOINT resets the inherited CMD (alpine's /bin/sh).
        #expect(config.cmd == nil)
        #expect(config.workingDir == "/a/b/c")
        let texts = image.config.history.suffix(11).map(\.createdBy)
        if builder == .buildKit {
            #expect(texts == [
                "ARG VERSION=2.0", "USER nobody", "VOLUME [/data]", "SHELL [/bin/sh -ec]", "STOPSIGNAL SIGTERM",
                "HEALTHCHECK &{[\"CMD-SHELL\" \"wget -q localhost || exit 1\"] \"30s\" \"3s\" \"0s\" \"0s\" '\\x00'}",
                "EXPOSE [53/udp 8000/tcp]", "ENTRYPOINT [\"/entry.sh\"]", "WORKDIR /a", "WORKDIR /a/b", "WORKDIR /a/b/c",
            ])
        } else {
            #expect(texts == [
                "/bin/sh -c #(nop)  ARG VERSION=1.0", "/bin/sh -c #(nop)  USER nobody", "/bin/sh -c #(nop)  VOLUME [/data]",
                "/bin/sh -c #(nop)  SHELL [/bin/sh -ec]", "/bin/sh -c #(nop)  STOPSIGNAL SIGTERM",
                "/bin/sh -c #(nop)  HEALTHCHECK &{[\"CMD-SHELL\" \"wget -q localhost || exit 1\"] \"30s\" \"3s\" \"0s\" \"0s\" '\\x00'}",
                "/bin/sh -c #(nop)  EXPOSE 53/udp 8000", "/bin/sh -c #(nop)  ENTRYPOINT [\"/entry.sh\"]",
                "/bin/sh -c #(nop) WORKDIR /a", "/bin/sh -c #(nop) WORKDIR /a/b", "/bin/sh -c #(nop) WORKDIR /a/b/c",
            ])
        }
        let fs = state.images.rootfs(of: image.id)
        #expect(fs.isDirectory("/a/b/c"))
    }

    @Test(arguments: bothBuilders) func contextSubfolder(builder: BuilderKind) throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.20\nCOPY . /srv/\n"
        var ws = workspace(["web/index.html": "<h1>hi</h1>", "web/Dockerfile": dockerfile, "notes.txt": "outside"])
        ws.set("/web/.dockerignore", .file(.text("Dockerfile\n")))
        let context = BuildContext(workspace: ws, root: "/web")
        #expect(context.files["/index.html"] != nil)
        #expect(context.files["/notes.txt"] == nil)
        #expect(context.dockerignoreSize == 11)
        let result = state.build(try parseDockerfile(dockerfile), context: context, options: BuildOptions(builder: builder), shell: RecordingShell())
        let fs = state.images.rootfs(of: try #require(result.imageID))
        #expect(fs["/srv/index.html"] != nil)
        #expect(fs["/srv/Dockerfile"] == nil)
        #expect(result.contextSize == 11 + 11)
    }

    @Test(arguments: bothBuilders) func heredocCopyAndAddURL(builder: BuilderKind) throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\nADD https://example.com/tool.tar.gz /opt/\n"
        let result = try build(&state, dockerfile, files: [:], builder: builder)
        #expect(result.failure == nil)
        let fs = state.images.rootfs(of: try #require(result.imageID))
        #expect(fs["/etc/motd"] == .file(.text("hello\n")))
        #expect(fs["/opt/tool.tar.gz"]?.mode == 0o600)
        #expect(result.steps.contains { !$0.notes.isEmpty })
    }

    @Test(arguments: bothBuilders) func newBaseImageIsExplained(builder: BuilderKind) throws {
        var state = EngineState()
        let dockerfile = "FROM mybase:1\nRUN echo app\n"
        try build(&state, "FROM alpine:3.20\nRUN echo base-v1\n", files: [:], builder: builder, tags: ["mybase:1"])
        try build(&state, dockerfile, files: [:], builder: builder)
        // The base is rebuilt and retagged: the app's FROM now resolves to another image.
        try build(&state, "FROM alpine:3.20\nRUN echo base-v2\n", files: [:], builder: builder, tags: ["mybase:1"])
        let result = try build(&state, dockerfile, files: [:], builder: builder)
        let from = try #require(result.steps.first { $0.kind == .from })
        guard case .baseImageChanged? = from.missReason else {
            Issue.record("expected baseImageChanged, got \(String(describing: from.missReason))")
            return
        }
        let run = try #require(result.step("RUN echo app"))
        #expect(!run.cached)
        #expect(run.missReason == .parentRebuilt(stepIndex: 0))
        // A locally built base has no repo digest: the FROM vertex shows no @sha256.
        if builder == .buildKit { #expect(from.vertexText == "FROM docker.io/library/mybase:1") }
    }

    @Test func copyFromImageAndStageIndex() throws {
        var state = EngineState()
        let dockerfile = """
            FROM busybox:latest AS tools
            FROM alpine:3.20
            COPY --from=0 /bin/busybox /usr/local/bin/bb
            COPY --from=nginx:alpine /etc/nginx/nginx.conf /etc/nginx.conf

            """
        let result = try build(&state, dockerfile, files: [:], builder: .buildKit)
        #expect(result.failure == nil)
        #expect(result.pulls.map(\.name) == ["busybox:latest", "alpine:3.20", "nginx:alpine"])
        let fs = state.images.rootfs(of: try #require(result.imageID))
        #expect(fs["/usr/local/bin/bb"] != nil)
        #expect(fs["/etc/nginx.conf"] != nil)
        #expect(result.skippedStages.isEmpty)
    }
}

@Suite struct CopyHistoryTests {
    @Test func buildKitCopyHistoryShowsOwnershipFlagsButNotFrom() throws {
        var state = EngineState()
        let dockerfile = "FROM alpine:3.20 AS src\nFROM alpine:3.20\nCOPY --from=src --chown=nobody --chmod=640 /etc/os-release /x\n"
        let result = try build(&state, dockerfile, files: [:], builder: .buildKit)
        let image = try builtImage(state, result)
        #expect(image.config.history.last?.createdBy == "COPY --chown=nobody --chmod=640 /etc/os-release /x # buildkit")
        #expect(state.images.rootfs(of: image.id)["/x"]?.mode == 0o640)
    }
}
