import Testing
import Engine
@testable import DockerCLI

private let now = Timestamp(secondsSince1970: 1_736_931_600)
private func ago(_ s: Double) -> Timestamp { Timestamp(secondsSince1970: now.secondsSince1970 - s) }
private func hex(_ prefix: String) -> String { "sha256:" + prefix + String(repeating: "0", count: 64 - prefix.count) }

@Suite struct ImagesViewTests {
    let rows = [
        ImageRow(repository: "myapp", tag: "latest", id: hex("9b2f1c0d7e4a"), created: ago(8), size: 163_000_000),
        ImageRow(repository: nil, tag: nil, id: hex("51c3a8e0f2d9"), created: ago(150), size: 163_200_000),
        ImageRow(repository: "python", tag: "3.12-slim", digest: hex("abcdef"), id: hex("4b7e1f0d9a2c"), created: ago(21 * 86400), size: 151_000_000),
    ]

    @Test func defaultTable() {
        #expect(ImagesView(rows: rows, now: now).render() == .ok("""
            REPOSITORY   TAG         IMAGE ID       CREATED         SIZE
            myapp        latest      9b2f1c0d7e4a   8 seconds ago   163MB
            <none>       <none>      51c3a8e0f2d9   2 minutes ago   163MB
            python       3.12-slim   4b7e1f0d9a2c   3 weeks ago     151MB

            """))
    }

    @Test func emptyList() {
        #expect(ImagesView(rows: [], now: now).render().stdout == "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n")
    }

    @Test func digestsColumn() {
        var v = ImagesView(rows: [rows[0], rows[2]], now: now)
        v.digests = true
        #expect(v.render().stdout == """
            REPOSITORY   TAG         DIGEST                                                                    IMAGE ID       CREATED         SIZE
            myapp        latest      <none>                                                                    9b2f1c0d7e4a   8 seconds ago   163MB
            python       3.12-slim   \(hex("abcdef"))   4b7e1f0d9a2c   3 weeks ago     151MB

            """)
    }

    @Test func quietAndNoTrunc() {
        var v = ImagesView(rows: rows, now: now)
        v.quiet = true
        #expect(v.render().stdout == "9b2f1c0d7e4a\n51c3a8e0f2d9\n4b7e1f0d9a2c\n")
        v.noTrunc = true
        #expect(v.render().stdout == "\(hex("9b2f1c0d7e4a"))\n\(hex("51c3a8e0f2d9"))\n\(hex("4b7e1f0d9a2c"))\n")
    }

    @Test func customFormats() {
        var options = ImagesOptions()
        options.format = "{{.Repository}}:{{.Tag}} {{.Size}}"
        #expect(ImagesView(rows: [rows[0]], now: now, options: options).render().stdout == "myapp:latest 163MB\n")
        options.format = "table {{.Repository}}\\t{{.CreatedAt}}"
        #expect(ImagesView(rows: [rows[0]], now: now, options: options).render().stdout == """
            REPOSITORY   CREATED AT
            myapp        2025-01-15 08:59:52 +0000 UTC

            """)
        options.format = "{{.Nope}}"
        #expect(ImagesView(rows: [rows[0]], now: now, options: options).render() == .failure(
            "template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.imageContext\n"))
        options.format = "json"
        #expect(ImagesView(rows: [rows[0]], now: now, options: options).render().stdout
            == "{\"Containers\":\"N/A\",\"CreatedAt\":\"2025-01-15 08:59:52 +0000 UTC\",\"CreatedSince\":\"8 seconds ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"9b2f1c0d7e4a\",\"Repository\":\"myapp\",\"SharedSize\":\"N/A\",\"Size\":\"163MB\",\"Tag\":\"latest\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"163MB\"}\n")
        options.format = "{{.ID"
        #expect(ImagesView(rows: [rows[0]], now: now, options: options).render() == .failure(
            "template parsing error: template: :1: unclosed action\n"))
    }
}

@Suite struct HistoryViewTests {
    @Test func buildKitImage() {
        let rows = [
            HistoryRow(imageID: hex("9b2f1c0d7e4a"), created: ago(8), createdBy: "CMD [\"python\" \"app.py\"]", size: 0, comment: "buildkit.dockerfile.v0"),
            HistoryRow(imageID: nil, created: ago(8), createdBy: "COPY . . # buildkit", size: 4100, comment: "buildkit.dockerfile.v0"),
            HistoryRow(imageID: nil, created: ago(150), createdBy: "RUN /bin/sh -c pip install --no-cache-dir -r requirements.txt # buildkit", size: 11_594_752, comment: "buildkit.dockerfile.v0"),
            HistoryRow(imageID: nil, created: ago(150), createdBy: "COPY requirements.txt . # buildkit", size: 16, comment: "buildkit.dockerfile.v0"),
            HistoryRow(imageID: nil, created: ago(150), createdBy: "WORKDIR /app", size: 0, comment: "buildkit.dockerfile.v0"),
            HistoryRow(imageID: nil, created: ago(21 * 86400), createdBy: "CMD [\"python3\"]", size: 0, comment: "buildkit.dockerfile.v0"),
        ]
        #expect(HistoryView(rows: rows, now: now).render().stdout == """
            IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT
            9b2f1c0d7e4a   8 seconds ago   CMD ["python" "app.py"]                         0B        buildkit.dockerfile.v0
            <missing>      8 seconds ago   COPY . . # buildkit                             4.1kB     buildkit.dockerfile.v0
            <missing>      2 minutes ago   RUN /bin/sh -c pip install --no-cache-dir -r…   11.6MB    buildkit.dockerfile.v0
            <missing>      2 minutes ago   COPY requirements.txt . # buildkit              16B       buildkit.dockerfile.v0
            <missing>      2 minutes ago   WORKDIR /app                                    0B        buildkit.dockerfile.v0
            <missing>      3 weeks ago     CMD ["python3"]                                 0B        buildkit.dockerfile.v0

            """)
    }

    @Test func classicImageKeepsTrailingSpaces() {
        let rows = [
            HistoryRow(imageID: hex("6f7a8b9c0d1e"), created: ago(5), createdBy: "/bin/sh -c #(nop)  CMD [\"python\" \"app.py\"]", size: 0, comment: ""),
            HistoryRow(imageID: hex("4d5e6f7a8b9c"), created: ago(6), createdBy: "/bin/sh -c pip install -r requirements.txt", size: 11_594_752, comment: ""),
            HistoryRow(imageID: hex("2b3c4d5e6f7a"), created: ago(20), createdBy: "/bin/sh -c #(nop) COPY file:" + String(repeating: "9a", count: 32) + " in . ", size: 16, comment: ""),
            HistoryRow(imageID: hex("1a2b3c4d5e6f"), created: ago(20), createdBy: "/bin/sh -c #(nop) WORKDIR /app", size: 0, comment: ""),
            HistoryRow(imageID: hex("4b7e1f0d9a2c"), created: ago(21 * 86400), createdBy: "CMD [\"python3\"]", size: 0, comment: "buildkit.dockerfile.v0"),
            HistoryRow(imageID: nil, created: ago(21 * 86400), createdBy: "RUN /bin/sh -c set -eux; savedAptMark=\"$(apt-mark showmanual)\" # buildkit", size: 39_500_000, comment: "buildkit.dockerfile.v0"),
        ]
        #expect(HistoryView(rows: rows, now: now).render().stdout == """
            IMAGE          CREATED          CREATED BY                                      SIZE      COMMENT
            6f7a8b9c0d1e   5 seconds ago    /bin/sh -c #(nop)  CMD ["python" "app.py"]      0B        \("")
            4d5e6f7a8b9c   6 seconds ago    /bin/sh -c pip install -r requirements.txt      11.6MB    \("")
            2b3c4d5e6f7a   20 seconds ago   /bin/sh -c #(nop) COPY file:9a9a9a9a9a9a9a9a…   16B       \("")
            1a2b3c4d5e6f   20 seconds ago   /bin/sh -c #(nop) WORKDIR /app                  0B        \("")
            4b7e1f0d9a2c   3 weeks ago      CMD ["python3"]                                 0B        buildkit.dockerfile.v0
            <missing>      3 weeks ago      RUN /bin/sh -c set -eux; savedAptMark="$(apt…   39.5MB    buildkit.dockerfile.v0

            """)
    }

    @Test func nonHumanAndQuiet() {
        let rows = [
            HistoryRow(imageID: hex("9b2f1c0d7e4a"), created: Timestamp(secondsSince1970: 1_714_564_803), createdBy: "RUN\tx", size: 11_594_752, comment: ""),
            HistoryRow(imageID: nil, created: nil, createdBy: "old", size: 0, comment: ""),
        ]
        var v = HistoryView(rows: rows, now: now)
        v.human = false
        #expect(v.render().stdout == """
            IMAGE          CREATED AT             CREATED BY   SIZE       COMMENT
            9b2f1c0d7e4a   2024-05-01T12:00:03Z   RUN x        11594752   \("")
            <missing>      N/A                    old          0          \("")

            """)
        v.quiet = true
        #expect(v.render().stdout == "9b2f1c0d7e4a\n<missing>\n")
        v.noTrunc = true
        #expect(v.render().stdout == "\(hex("9b2f1c0d7e4a"))\n<missing>\n")
    }
}

@Suite struct OtherListViewTests {
    @Test func psTable() {
        let rows = [
            ContainerRow(id: "4c01db0b339c" + String(repeating: "a", count: 52), image: "myapp:latest",
                         command: ContainerRow.command(path: "python", args: ["app.py"]), created: ago(120),
                         status: .running(since: ago(120), paused: false),
                         ports: [PortBinding(hostIP: "0.0.0.0", hostPort: 8000, containerPort: 8000),
                                 PortBinding(hostIP: "::", hostPort: 8000, containerPort: 8000)],
                         names: ["focused_turing"]),
            ContainerRow(id: "a8f2e6d1c0b9" + String(repeating: "b", count: 52), image: "myapp:latest",
                         command: ContainerRow.command(path: "/bin/sh", args: ["-c", "python app.py"]), created: ago(3600),
                         status: .exited(code: 0, at: ago(58 * 60)), names: ["sleepy_hopper"]),
        ]
        #expect(PsView(rows: rows, now: now).render().stdout == """
            CONTAINER ID   IMAGE          COMMAND                  CREATED             STATUS                      PORTS                                         NAMES
            4c01db0b339c   myapp:latest   "python app.py"          2 minutes ago       Up 2 minutes                0.0.0.0:8000->8000/tcp, [::]:8000->8000/tcp   focused_turing
            a8f2e6d1c0b9   myapp:latest   "/bin/sh -c 'python …"   About an hour ago   Exited (0) 58 minutes ago                                                 sleepy_hopper

            """)
        var q = PsView(rows: rows, now: now)
        q.quiet = true
        #expect(q.render().stdout == "4c01db0b339c\na8f2e6d1c0b9\n")
        #expect(ContainerStatus.running(since: now, paused: false).text(now: now) == "Up Less than a second")
        var custom = PsView(rows: [ContainerRow(id: "c", image: "i", command: "x", created: now, status: .created, names: ["n"],
                                                labels: ["b": "2", "a": "1"], networks: ["bridge", "web"], mounts: ["data", "/host"])], now: now)
        custom.format = "{{.Labels}}|{{.Networks}}|{{.Mounts}}|{{.LocalVolumes}}|{{.State}}"
        #expect(custom.render().stdout == "a=1,b=2|bridge,web|data,/host|1|created\n")
        #expect(PsView(rows: [], now: now).render().stdout == "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n")
    }

    @Test func systemDf() {
        let v = SystemDfView(rows: [
            .init(type: "Images", total: 5, active: 2, size: 16_430_000, reclaimable: 11_630_000, showsPercent: true),
            .init(type: "Containers", total: 2, active: 0, size: 212, reclaimable: 212, showsPercent: true),
            .init(type: "Local Volumes", total: 0, active: 0, size: 0, reclaimable: 0, showsPercent: true),
            .init(type: "Build Cache", total: 0, active: 0, size: 0, reclaimable: 0, showsPercent: false),
        ])
        #expect(v.render().stdout == """
            TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
            Images          5         2         16.43MB   11.63MB (70%)
            Containers      2         0         212B      212B (100%)
            Local Volumes   0         0         0B        0B
            Build Cache     0         0         0B        0B

            """)
    }

    @Test func inspectJSONAndFormat() {
        let image = TemplateValue.object(TemplateObject(typeName: "image.InspectResponse", fields: [
            .init("Id", .string(hex("9b2f"))),
            .init("RepoTags", .strings(["myapp:latest"])),
            .init("Config", .object(TemplateObject(typeName: "container.Config", fields: [
                .init("Cmd", .strings(["python", "app.py"])), .init("Labels", .null),
            ]))),
        ]))
        #expect(InspectView(objects: [image]).render().stdout == """
            [
                {
                    "Id": "\(hex("9b2f"))",
                    "RepoTags": [
                        "myapp:latest"
                    ],
                    "Config": {
                        "Cmd": [
                            "python",
                            "app.py"
                        ],
                        "Labels": null
                    }
                }
            ]

            """)
        #expect(InspectView(objects: [image], format: "{{.Id}}").render().stdout == hex("9b2f") + "\n")
        #expect(InspectView(objects: [image], format: "{{json .Config}}").render().stdout == "{\"Cmd\":[\"python\",\"app.py\"],\"Labels\":null}\n")
        #expect(InspectView(objects: [], errors: ["Error response from daemon: No such image: foo:latest"]).render()
            == CommandResult(stdout: "[]\n", stderr: "Error response from daemon: No such image: foo:latest\n", exitStatus: 1))
    }
}

@Suite struct SmallOutputTests {
    @Test func search() {
        var v = SearchView(results: [
            SearchResult(name: "python", description: "Python is an interpreted, interactive, object-oriented, open-source programming language.", stars: 10_000, official: true),
            SearchResult(name: "user/python-app", description: "demo", stars: 3, official: false),
        ])
        #expect(v.render().stdout == """
            NAME              DESCRIPTION                                     STARS     OFFICIAL
            python            Python is an interpreted, interactive, objec…   10000     [OK]
            user/python-app   demo                                            3         \("")

            """)
        v.limit = 1
        v.format = "{{.Name}}"
        #expect(v.render().stdout == "python\n")
    }

    @Test func containerOutputs() {
        #expect(ContainerOutput.diff([(.changed, "/etc"), (.added, "/etc/app.conf"), (.deleted, "/tmp/x")]) == "C /etc\nA /etc/app.conf\nD /tmp/x\n")
        #expect(ContainerOutput.ports([PortBinding(hostIP: "0.0.0.0", hostPort: 8080, containerPort: 80),
                                       PortBinding(hostIP: "::", hostPort: 8080, containerPort: 80),
                                       PortBinding(containerPort: 443)]) == "80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n")
        #expect(ContainerOutput.echoNames(["web", "db"]) == "web\ndb\n")
    }

    @Test func login() {
        #expect(Message.loginSucceededResult(passwordOnCommandLine: true, unencryptedConfigPath: "/root/.docker/config.json") == CommandResult(
            stdout: "Login Succeeded\n",
            stderr: "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n\nWARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n"))
        #expect(Message.loginSucceededResult(passwordOnCommandLine: false, unencryptedConfigPath: nil) == .ok("Login Succeeded\n"))
    }

    @Test func messages() {
        #expect(Message.runFailure("Error response from daemon: manifest for python:3.99 not found: manifest unknown: manifest unknown")
            == CommandResult(stderr: "docker: Error response from daemon: manifest for python:3.99 not found: manifest unknown: manifest unknown\n\nRun 'docker run --help' for more information\n", exitStatus: 125))
        #expect(Message.buildInvalidTag("MyApp", "invalid reference format: repository name (library/MyApp) must be lowercase", builder: .buildKit)
            == "ERROR: failed to build: invalid tag \"MyApp\": invalid reference format: repository name (library/MyApp) must be lowercase")
        #expect(Message.targetNotFound("buidler", suggestion: "builder") == "target stage \"buidler\" could not be found (did you mean builder?)")
    }
}

@Suite struct ImageInspectTests {
    let image = ImageInspect(
        id: hex("9b2f"), repoTags: ["myapp:latest"], comment: "buildkit.dockerfile.v0",
        created: Timestamp(secondsSince1970: 1_736_931_600.5),
        config: .init(exposedPorts: ["8000/tcp"], env: ["PATH=/usr/local/bin:/usr/bin"], cmd: ["python", "app.py"], workingDir: "/app"),
        size: 163_000_000, layers: [hex("aa"), hex("bb")])

    @Test func jsonLayout() {
        #expect(InspectView(objects: [image.templateValue]).render().stdout == """
            [
                {
                    "Id": "\(hex("9b2f"))",
                    "RepoTags": [
                        "myapp:latest"
                    ],
                    "RepoDigests": [],
                    "Parent": "",
                    "Comment": "buildkit.dockerfile.v0",
                    "Created": "2025-01-15T09:00:00.5Z",
                    "DockerVersion": "",
                    "Author": "",
                    "Config": {
                        "ExposedPorts": {
                            "8000/tcp": {}
                        },
                        "Env": [
                            "PATH=/usr/local/bin:/usr/bin"
                        ],
                        "Cmd": [
                            "python",
                            "app.py"
                        ],
                        "WorkingDir": "/app"
                    },
                    "Architecture": "amd64",
                    "Os": "linux",
                    "Size": 163000000,
                    "GraphDriver": {
                        "Data": null,
                        "Name": "overlay2"
                    },
                    "RootFS": {
                        "Type": "layers",
                        "Layers": [
                            "\(hex("aa"))",
                            "\(hex("bb"))"
                        ]
                    },
                    "Metadata": {
                        "LastTagTime": "0001-01-01T00:00:00Z"
                    }
                }
            ]

            """)
    }

    @Test func templatesReadIt() {
        let v = image.templateValue
        #expect(InspectView(objects: [v], format: "{{.Config.Cmd}}").render().stdout == "[python app.py]\n")
        #expect(InspectView(objects: [v], format: "{{.Config.ExposedPorts}}").render().stdout == "map[8000/tcp:{}]\n")
        #expect(InspectView(objects: [v], format: "{{json .Config}}").render().stdout
            == "{\"ExposedPorts\":{\"8000/tcp\":{}},\"Env\":[\"PATH=/usr/local/bin:/usr/bin\"],\"Cmd\":[\"python\",\"app.py\"],\"WorkingDir\":\"/app\"}\n")
        #expect(InspectView(objects: [v], format: "{{len .RootFS.Layers}} {{.Size}}").render().stdout == "2 163000000\n")
    }
}
