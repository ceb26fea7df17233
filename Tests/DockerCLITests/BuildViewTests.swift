import Testing
@testable import DockerCLI
import Engine

private let digest = String(repeating: "4b7e1f0d9a2c5e5e", count: 4)

/// The rebuild of docker-behavior.md §2.3/§2.4: app code edited, earlier steps cached.
private func rebuild() -> BuildProgressView {
    typealias V = BuildProgressView.Vertex
    typealias S = BuildProgressView.Status
    var v = BuildProgressView(vertices: [
        V(name: "[internal] load build definition from Dockerfile", statuses: [S(id: "transferring dockerfile:", current: 189, started: 0)]),
        V(name: "[internal] load metadata for docker.io/library/python:3.12-slim", duration: 0.4),
        V(name: "[internal] load .dockerignore", statuses: [S(id: "transferring context:", current: 2, started: 0)]),
        V(name: "[1/5] FROM docker.io/library/python:3.12-slim@sha256:\(digest)"),
        V(name: "[internal] load build context", statuses: [S(id: "transferring context:", current: 1240, started: 0)]),
        V(name: "[2/5] WORKDIR /app", cached: true),
        V(name: "[3/5] COPY requirements.txt .", cached: true),
        V(name: "[4/5] RUN pip install --no-cache-dir -r requirements.txt", cached: true),
        V(name: "[5/5] COPY . .", duration: 0.1),
        V(name: "exporting to image", duration: 0.1, statuses: [
            S(id: "exporting layers", started: 0),
            S(id: "writing image sha256:\(digest)", started: 0),
            S(id: "naming to docker.io/library/myapp:latest", started: 0),
        ]),
    ], totalDuration: 1.3)
    v.builderName = "default"
    return v
}

@Suite struct BuildKitPlainTests {
    @Test func cachedRebuild() {
        #expect(rebuild().renderPlain() == """
            #0 building with "default" instance using docker driver

            #1 [internal] load build definition from Dockerfile
            #1 transferring dockerfile: 189B done
            #1 DONE 0.0s

            #2 [internal] load metadata for docker.io/library/python:3.12-slim
            #2 DONE 0.4s

            #3 [internal] load .dockerignore
            #3 transferring context: 2B done
            #3 DONE 0.0s

            #4 [1/5] FROM docker.io/library/python:3.12-slim@sha256:\(digest)
            #4 DONE 0.0s

            #5 [internal] load build context
            #5 transferring context: 1.24kB done
            #5 DONE 0.0s

            #6 [2/5] WORKDIR /app
            #6 CACHED

            #7 [3/5] COPY requirements.txt .
            #7 CACHED

            #8 [4/5] RUN pip install --no-cache-dir -r requirements.txt
            #8 CACHED

            #9 [5/5] COPY . .
            #9 DONE 0.1s

            #10 exporting to image
            #10 exporting layers done
            #10 writing image sha256:\(digest) done
            #10 naming to docker.io/library/myapp:latest done
            #10 DONE 0.1s

            """)
    }

    @Test func explicitNumbersAllowOutOfOrderBlocks() {
        let v = BuildProgressView(vertices: [.init(number: 8, name: "[4/5] RUN x", cached: true), .init(number: 6, name: "[2/5] WORKDIR /app", cached: true)], totalDuration: 0)
        #expect(v.renderPlain().hasSuffix("\n#8 [4/5] RUN x\n#8 CACHED\n\n#6 [2/5] WORKDIR /app\n#6 CACHED\n"))
    }

    @Test func statusTimesAndByteCounts() {
        typealias S = BuildProgressView.Status
        #expect(BuildProgressView.plainStatus(S(id: "transferring context:", current: 1240, started: 0, duration: 0.1)) == "transferring context: 1.24kB 0.1s done")
        #expect(BuildProgressView.plainStatus(S(id: "sha256:abc", current: 3_510_000, total: 29_130_000, started: 0, duration: 0.4, completed: false)) == "sha256:abc 3.51MB / 29.13MB 0.4s")
        #expect(BuildProgressView.plainStatus(S(id: "extracting sha256:abc", started: 0, duration: 0.2)) == "extracting sha256:abc 0.2s done")
        #expect(BuildProgressView.plainStatus(S(id: "exporting layers", started: 0, duration: 0.005)) == "exporting layers done")
    }

    @Test func runLogsFailureAndWarnings() {
        typealias V = BuildProgressView.Vertex
        let dockerfile = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD python app.py\n"
        var v = BuildProgressView(vertices: [
            V(name: "[internal] load build definition from Dockerfile", warnings: ["JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 6)"]),
            V(name: "[4/5] RUN pip install -r requirements.txt", duration: 12.5, logs: [
                .init(offset: 0.512, text: "Collecting flask"),
                .init(offset: 12.3456, text: "ERROR: No matching distribution found for flsk"),
            ], error: "process \"/bin/sh -c pip install -r requirements.txt\" did not complete successfully: exit code: 1"),
            V(name: "[5/5] COPY . .", duration: 0.0, canceled: true),
        ], totalDuration: 13.0)
        v.warnings = [.init(rule: "JSONArgsRecommended", message: "JSON arguments recommended for CMD to prevent unintended behavior related to OS signals", line: 6)]
        v.failure = .init(message: "process \"/bin/sh -c pip install -r requirements.txt\" did not complete successfully: exit code: 1",
                          dockerfileText: dockerfile, lines: 4...4)
        #expect(v.renderPlain() == """
            #0 building with "default" instance using docker driver

            #1 [internal] load build definition from Dockerfile
            #1 WARN: JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 6)
            #1 DONE 0.0s

            #2 [4/5] RUN pip install -r requirements.txt
            #2 0.512 Collecting flask
            #2 12.35 ERROR: No matching distribution found for flsk
            #2 ERROR: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1

            #3 [5/5] COPY . .
            #3 CANCELED
            ------
             > [4/5] RUN pip install -r requirements.txt:
            0.512 Collecting flask
            12.35 ERROR: No matching distribution found for flsk
            ------

             1 warning found (use docker --debug to expand):
             - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 6)
            Dockerfile:4
            --------------------
               2 |     WORKDIR /app
               3 |     COPY requirements.txt .
               4 | >>> RUN pip install -r requirements.txt
               5 |     COPY . .
               6 |     CMD python app.py
            --------------------
            ERROR: failed to build: failed to solve: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1

            """)
    }

    @Test func excerptEdges() {
        #expect(BuildProgressView.excerpt(name: "Dockerfile", text: "FROM alpine\nRUN false\n", lines: 2...2) == """
            Dockerfile:2
            --------------------
               1 |     FROM alpine
               2 | >>> RUN false
               3 |     \("")
            --------------------

            """)
        #expect(BuildProgressView.excerpt(name: "Dockerfile.dev", text: "FROM x\nRUN a \\\n  b\nCMD c\nENV d=1", lines: 2...3) == """
            Dockerfile.dev:2
            --------------------
               1 |     FROM x
               2 | >>> RUN a \\
               3 | >>>   b
               4 |     CMD c
            --------------------

            """)
        #expect(BuildProgressView.excerpt(name: "Dockerfile", text: "FROM x", lines: 9...9) == "")
    }
}

@Suite struct BuildKitTTYTests {
    @Test func finalFrameAt80Columns() {
        #expect(rebuild().renderTTY() == """
            [+] Building 1.3s (10/10) FINISHED                               docker:default
             => [internal] load build definition from Dockerfile                       0.0s
             => => transferring dockerfile: 189B                                       0.0s
             => [internal] load metadata for docker.io/library/python:3.12-slim        0.4s
             => [internal] load .dockerignore                                          0.0s
             => => transferring context: 2B                                            0.0s
             => [1/5] FROM docker.io/library/python:3.12-slim@sha256:4b7e1f0d9a2c5e5e  0.0s
             => [internal] load build context                                          0.0s
             => => transferring context: 1.24kB                                        0.0s
             => CACHED [2/5] WORKDIR /app                                              0.0s
             => CACHED [3/5] COPY requirements.txt .                                   0.0s
             => CACHED [4/5] RUN pip install --no-cache-dir -r requirements.txt        0.0s
             => [5/5] COPY . .                                                         0.1s
             => exporting to image                                                     0.1s
             => => exporting layers                                                    0.0s
             => => writing image sha256:4b7e1f0d9a2c5e5e4b7e1f0d9a2c5e5e4b7e1f0d9a2c5  0.0s
             => => naming to docker.io/library/myapp:latest                            0.0s

            """)
    }

    @Test func widerTerminalPadsFurther() {
        let text = rebuild().renderTTY(width: 100)
        for line in text.split(separator: "\n") { #expect(line.count == 99) }
        #expect(text.contains(" => [1/5] FROM docker.io/library/python:3.12-slim@sha256:\(digest.prefix(32))"))
    }

    @Test func narrowTerminalsNeverCrash() {
        for width in [-5, 0, 1, 10, 20, 22, 23, 30, 40, 59] {
            let text = rebuild().renderTTY(width: width)
            let header = text.split(separator: "\n", omittingEmptySubsequences: false)[0]
            #expect(header.count <= max(width, 1))
            #expect(header.hasPrefix("[+] Building".prefix(max(width, 1))))
            for line in text.split(separator: "\n").dropFirst() {
                #expect(line.count <= max(width - 1, 0), "width \(width): \(line)")
            }
        }
        // At 23 columns a job line has exactly 12 columns of name left, the minimum shown.
        #expect(rebuild().renderTTY(width: 23).contains(" => [internal] l  0.0s\n"))
        #expect(!rebuild().renderTTY(width: 22).contains(" => "))
    }

    @Test func unfinishedBuildHasNoFinished() {
        var v = rebuild()
        v.vertices[9].duration = nil
        v.vertices.append(.init(name: "never started", started: nil, duration: nil))
        let header = v.renderTTY().split(separator: "\n")[0]
        #expect(header == "[+] Building 1.3s (9/11)                                         docker:default")
        #expect(!v.renderTTY().contains("never started"))
    }
}

@Suite struct ClassicBuildTests {
    @Test func sampleFromTheSpec() {
        let steps: [ClassicBuildView.Step] = [
            .init(number: 1, total: 6, instruction: "FROM python:3.12-slim", events: [.result(imageID: "sha256:4b7e1f0d9a2c" + String(repeating: "0", count: 52))]),
            .init(number: 2, total: 6, instruction: "WORKDIR /app", events: [.usingCache, .result(imageID: "1a2b3c4d5e6f")]),
            .init(number: 3, total: 6, instruction: "COPY requirements.txt .", events: [.result(imageID: "2b3c4d5e6f7a")]),
            .init(number: 4, total: 6, instruction: "RUN pip install -r requirements.txt", events: [
                .runningIn(containerID: "3c4d5e6f7a8b" + String(repeating: "f", count: 52)),
                .output("Collecting flask\nSuccessfully installed flask-3.1.0"),
                .removedIntermediateContainer("3c4d5e6f7a8b"),
                .result(imageID: "4d5e6f7a8b9c"),
            ]),
        ]
        var view = ClassicBuildView(contextSize: 3072, steps: steps, builtImageID: "sha256:6f7a8b9c0d1e" + String(repeating: "1", count: 52),
                                    taggedNames: ["myapp:latest", "myapp:1"], unconsumedBuildArgs: ["Z", "A"])
        let result = view.render()
        #expect(result.stderr == """
            DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
                        BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0
                        environment-variable.


            """)
        #expect(result.stdout == """
            Sending build context to Docker daemon  3.072kB
            Step 1/6 : FROM python:3.12-slim
             ---> 4b7e1f0d9a2c
            Step 2/6 : WORKDIR /app
             ---> Using cache
             ---> 1a2b3c4d5e6f
            Step 3/6 : COPY requirements.txt .
             ---> 2b3c4d5e6f7a
            Step 4/6 : RUN pip install -r requirements.txt
             ---> Running in 3c4d5e6f7a8b
            Collecting flask
            Successfully installed flask-3.1.0
             ---> Removed intermediate container 3c4d5e6f7a8b
             ---> 4d5e6f7a8b9c
            [Warning] One or more build-args [A Z] were not consumed
            Successfully built 6f7a8b9c0d1e
            Successfully tagged myapp:latest
            Successfully tagged myapp:1

            """)
        #expect(result.exitStatus == 0)

        view.failure = "The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 2"
        view.failureStatus = 2
        view.unconsumedBuildArgs = []
        let failed = view.render()
        #expect(failed.exitStatus == 2)
        #expect(failed.stderr.hasSuffix("environment-variable.\n\nThe command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 2\n"))
        #expect(!failed.stdout.contains("Successfully built"))
    }

    @Test func contextLineAlignment() {
        #expect(ClassicBuildView.sendingContextLine(2048) == "Sending build context to Docker daemon  2.048kB")
        #expect(ClassicBuildView.sendingContextLine(12_345_678) == "Sending build context to Docker daemon  12.35MB")
        #expect(ClassicBuildView.sendingContextLine(5) == "Sending build context to Docker daemon       5B")
    }

    @Test func quietBuild() {
        let id = String(repeating: "ab", count: 32)
        #expect(QuietBuildView.render(imageID: id) == .ok("sha256:\(id)\n"))
        #expect(QuietBuildView.render(imageID: "sha256:" + id) == .ok("sha256:\(id)\n"))
    }
}

@Suite struct TransferAndRemovalTests {
    let events: [TransferEvent] = [
        .init(layerID: "a2318d6c47ec", status: "Already exists"),
        .init(layerID: "7e7c7d3f5c2b", status: "Pulling fs layer"),
        .init(layerID: "1f7ef8cd4b21", status: "Pulling fs layer"),
        .init(layerID: "7e7c7d3f5c2b", status: "Verifying Checksum"),
        .init(layerID: "7e7c7d3f5c2b", status: "Download complete"),
        .init(layerID: "1f7ef8cd4b21", status: "Download complete"),
        .init(layerID: "7e7c7d3f5c2b", status: "Pull complete"),
        .init(layerID: "1f7ef8cd4b21", status: "Pull complete"),
    ]
    let digest = "sha256:" + String(repeating: "c", count: 64)

    /// The one pull stream `docker pull`, `docker run` and the classic FROM all print.
    @Test func pullBlockOutputs() {
        #expect(RegistryRendering.pullBlock(tagOrDigest: "latest", repositoryPath: "library/python", events: events, digest: digest, terminal: true)
            + RegistryRendering.pullStatus(downloaded: true, familiarName: "python:latest") == """
            latest: Pulling from library/python
            a2318d6c47ec: Already exists
            7e7c7d3f5c2b: Pull complete
            1f7ef8cd4b21: Pull complete
            Digest: \(digest)
            Status: Downloaded newer image for python:latest

            """)
        let plain = RegistryRendering.pullBlock(tagOrDigest: "latest", repositoryPath: "library/python", events: events, digest: digest, terminal: false)
        #expect(plain.contains("7e7c7d3f5c2b: Pulling fs layer\n1f7ef8cd4b21: Pulling fs layer\n7e7c7d3f5c2b: Verifying Checksum\n"))
        #expect(RegistryRendering.pullBlock(tagOrDigest: "latest", repositoryPath: "library/python", events: [], digest: digest, terminal: false)
            + RegistryRendering.pullStatus(downloaded: false, familiarName: "python:latest")
            == "latest: Pulling from library/python\nDigest: \(digest)\nStatus: Image is up to date for python:latest\n")
    }

    @Test func rmiAndPrune() {
        let id = "sha256:" + String(repeating: "e", count: 64)
        #expect(RmiView(lines: [.untagged("myapp:1.0"), .deleted(id)]).render() == .ok("Untagged: myapp:1.0\nDeleted: \(id)\n"))
        #expect(RmiView(lines: [], errors: ["Error response from daemon: No such image: foo:latest"], errorsAreFatal: false).render()
            == CommandResult(stderr: "Error response from daemon: No such image: foo:latest\n", exitStatus: 0))
        #expect(ImagePruneView(lines: [.untagged("myapp@" + id), .deleted(id)], reclaimedBytes: 12_345_678).render() == .ok("""
            Deleted Images:
            untagged: myapp@\(id)
            deleted: \(id)

            Total reclaimed space: 12.35MB

            """))
        #expect(ImagePruneView(lines: [], reclaimedBytes: 0).render() == .ok("Total reclaimed space: 0B\n"))
        #expect(ImagePruneView.confirmationPrompt(all: false) == "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ")
        #expect(ContainerPruneView(containerIDs: ["abc"], reclaimedBytes: 212).render() == .ok("Deleted Containers:\nabc\n\nTotal reclaimed space: 212B\n"))
    }

    @Test func builderPrune() {
        let id1 = "k2ztc1xq9fmz7w3m5x0b1n4q8"
        let result = BuilderPruneView(records: [
            .init(id: id1, size: 23_980_000),
            .init(id: "abcdefghijklmnopqrstuvwxy", size: 1_200, mutable: true),
        ]).render()
        let tabs = { (n: Int) in String(repeating: "\t", count: n) }
        #expect(result.stdout == "ID" + tabs(9) + "RECLAIMABLE\tSIZE\tLAST ACCESSED\n"
            + GoFormat.padRight(id1, 71) + "\t" + "true       " + "\t" + "23.98MB\t\n"
            + GoFormat.padRight("abcdefghijklmnopqrstuvwxy*", 71) + "\t" + "true       " + "\t" + "1.20kB\t\n"
            + "Total:\t23.98MB\n")
        #expect(BuilderPruneView(records: []).render().stdout == "Total:\t0B\n")
        #expect(BuilderPruneView.confirmationPrompt(all: false) == "WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ")
    }
}

@Suite struct BuildKitNamingTests {
    @Test func stepNames() {
        #expect(BuildKitNames.step(stage: nil, index: 2, total: 5, text: "WORKDIR /app") == "[2/5] WORKDIR /app")
        #expect(BuildKitNames.step(stage: nil, index: 1, total: 12, text: "FROM x") == "[ 1/12] FROM x")
        #expect(BuildKitNames.step(stage: "builder", index: 4, total: 4, text: "RUN go build -o /app") == "[builder 4/4] RUN go build -o /app")
        #expect(BuildKitNames.step(stage: BuildKitNames.unnamedStage(1), index: 2, total: 2, text: "COPY --from=builder /app /app") == "[stage-1 2/2] COPY --from=builder /app /app")
        #expect(BuildKitNames.runFailed(command: "/bin/sh -c false", exitCode: 1) == "process \"/bin/sh -c false\" did not complete successfully: exit code: 1")
    }

    @Test func resultStreams() {
        #expect(ProgressMode.auto.resolved(isTerminal: true) == .tty)
        #expect(ProgressMode.auto.resolved(isTerminal: false) == .plain)
        #expect(ProgressMode.plain.resolved(isTerminal: true) == .plain)
        let view = BuildProgressView(vertices: [.init(name: "x")], totalDuration: 0)
        #expect(view.result(mode: .plain) == CommandResult(stderr: view.renderPlain()))
        var failed = view
        failed.failure = .init(message: "boom")
        #expect(failed.result(mode: .tty).exitStatus == 1)
        #expect(failed.result(mode: .tty).stderr.hasSuffix("ERROR: failed to build: failed to solve: boom\n"))
    }
}
