import Testing
@testable import Lessons

@Suite struct PredicateParsingTests {
    @Test(arguments: [
        ("image hello:1 exists", Predicate.imageExists("hello:1")),
        ("not image old:1 exists", .not(.imageExists("old:1"))),
        ("image hello:1 layers >= 3", .imageLayers("hello:1", .greaterOrEqual, 3)),
        ("image hello:1 layers == 6", .imageLayers("hello:1", .equal, 6)),
        ("image hello:1 size < 200MB", .imageSize("hello:1", .less, 200_000_000)),
        ("image hello:1 size between 1.5kB and 2GB", .imageSizeBetween("hello:1", 1_500, 2_000_000_000)),
        ("image hello:1 config.Cmd == [\"flask\", \"run\"]", .imageConfig("hello:1", .cmd, .equals(.list(["flask", "run"])))),
        ("image hello:1 config.Entrypoint == []", .imageConfig("hello:1", .entrypoint, .equals(.list([])))),
        ("image hello:1 config.WorkingDir == /hello-world", .imageConfig("hello:1", .workingDir, .equals(.text("/hello-world")))),
        ("image hello:1 config.User != root", .imageConfig("hello:1", .user, .notEquals(.text("root")))),
        ("image hello:1 config.Env contains APP_ENV=prod", .imageConfig("hello:1", .env, .contains("APP_ENV=prod"))),
        ("image hello:1 config.Labels contains version", .imageConfig("hello:1", .labels, .contains("version"))),
        ("image hello:1 config.Cmd is empty", .imageConfig("hello:1", .cmd, .isEmpty)),
        ("image hello:1 history contains \"pip3 install\"", .imageHistoryContains("hello:1", "pip3 install")),
        ("image hello:1 history contains pip3 install", .imageHistoryContains("hello:1", "pip3 install")),
        ("image hello:1 has-file /hello-world/app.py", .imageHasFile("hello:1", path: "/hello-world/app.py")),
        ("image hello:1 same-as hello:latest", .imageSameAs("hello:1", "hello:latest")),
        ("image hello:2 same-layers-as hello:1", .imageSameLayers("hello:2", "hello:1")),
        ("image slim:1 size < image big:1", .imageSizeVersus("slim:1", .less, "big:1")),
        ("image slim:1 layers <= image big:1", .imageLayersVersus("slim:1", .lessOrEqual, "big:1")),
        ("last-build succeeded", .lastBuildSucceeded(true)),
        ("last-build failed", .lastBuildSucceeded(false)),
        ("last-build builder classic", .lastBuildBuilder(.classic)),
        ("last-build reused 1-2", .lastBuildSteps(.reused, .numbers([1, 2]))),
        ("last-build rebuilt 3-4,6", .lastBuildSteps(.rebuilt, .numbers([3, 4, 6]))),
        ("last-build rebuilt \"COPY app.py .\"", .lastBuildSteps(.rebuilt, .instruction("COPY app.py ."))),
        ("last-build reused all", .lastBuildSteps(.reused, .all)),
        ("last-build warm-cache-mount /root/.cache/pip", .lastBuildWarmCacheMount("/root/.cache/pip")),
        ("file /app/requirements.txt contains flask", .fileContains("/app/requirements.txt", "flask")),
        ("file app.py exists", .fileExists("app.py")),
        ("file a.txt equals \"one\\ntwo\"", .fileEquals("a.txt", "one\ntwo")),
        ("file Dockerfile has \"COPY requirements.txt\" before \"COPY . .\"", .fileOrder("Dockerfile", first: "COPY requirements.txt", second: "COPY . .")),
        ("registry localhost:5000 has myapp:1.0", .registryHas(registry: "localhost:5000", repository: "myapp", tag: "1.0")),
        ("registry localhost:5000 has team/app", .registryHas(registry: "localhost:5000", repository: "team/app", tag: "latest")),
        ("registry localhost:5000 has myapp:1.0 same-as myapp:1.0", .registrySameAs(registry: "localhost:5000", repository: "myapp", tag: "1.0", local: "myapp:1.0")),
        ("logged-in localhost:5000", .loggedIn("localhost:5000")),
        ("dangling-images == 0", .danglingImages(.equal, 0)),
        ("container web running", .container(.named("web"), .running)),
        ("container from hello:1 exited 0", .container(.from("hello:1"), .exited(0))),
        ("container web exited", .container(.named("web"), .exited(nil))),
        ("container from hello:1 exists", .container(.from("hello:1"), .exists)),
        ("container web command contains echo hi", .container(.named("web"), .commandContains("echo hi"))),
        ("container web logs contain \"Running on\"", .container(.named("web"), .logsContain("Running on"))),
    ])
    func parses(_ line: String, _ expected: Predicate) throws {
        #expect(try PredicateParser.parse(line) == expected)
    }

    @Test func elseMessage() throws {
        let (predicate, message) = try PredicateParser.parseLine("image a exists else \"Build \\\"a\\\" first.\"")
        #expect(predicate == .imageExists("a"))
        #expect(message == "Build \"a\" first.")
    }

    @Test(arguments: [
        ("", "expected a check such as 'image hello:1 exists'"),
        ("imgae a exists", "unknown predicate 'imgae' (did you mean image?)"),
        ("image", "expected an image reference after 'image'"),
        ("image a exist", "unknown word 'exist' after 'image a' (did you mean exists?)"),
        ("image a layers 3", "unknown comparison '3': use ==, !=, <, <=, > or >="),
        ("image a layers >= -1", "'-1' is not a whole number"),
        ("image a size < 12 MB", "'12' is not a size: write a number and a unit, e.g. 12kB, 150MB, 1.2GB"),
        ("image a size between 2MB and 1MB", "the size range is empty: the first size must be the smaller"),
        ("image a config.cmd == []", "unknown config field 'cmd' (did you mean config.Cmd?); known: Cmd, Entrypoint, WorkingDir, Env, ExposedPorts, User, Labels"),
        ("image a config.Cmd == flask", "config.Cmd is a list: write it as [\"a\", \"b\"]"),
        ("image a config.WorkingDir == [\"/\"]", "config.WorkingDir is text, not a list: compare it with a word or \"text\""),
        ("image a config.Cmd == [\"a\",]", "a list cannot end with a comma"),
        ("image a config.Cmd == [\"a\"", "the list is missing its closing ]"),
        ("image a config.Cmd == [a]", "a list is written [\"a\", \"b\"], with double-quoted items"),
        ("image a history contains \"open", "a quoted text is missing its closing \""),
        ("last-build reused 2-1", "'2-1' is not a list of step numbers (e.g. 3 or 1-2,4); quote instruction text: \"COPY . .\""),
        ("last-build rebuilt COPY", "'COPY' is not a list of step numbers (e.g. 3 or 1-2,4); quote instruction text: \"COPY . .\""),
        ("last-build builder docker", "unknown builder 'docker': use buildkit or classic"),
        ("file a has x after y", "expected 'before'"),
        ("registry localhost:5000 holds a", "expected 'has', found 'holds'"),
        ("image a exists now", "unexpected 'now' at the end of the check"),
        ("image a exists else soon", "'else' is followed by the failure message in double quotes"),
        ("container web stopped", "unknown word 'stopped' after the container"),
    ])
    func rejects(_ line: String, _ message: String) {
        #expect(throws: PredicateSyntaxError(message)) { try PredicateParser.parse(line) }
    }
}

@Suite struct PredicateEvaluationTests {
    let world = FakeWorld.withHello

    func check(_ line: String, in world: FakeWorld? = nil) throws -> CheckResult {
        let (predicate, message) = try PredicateParser.parseLine(line)
        return Check(predicate: predicate, message: message, line: 1, text: line).evaluate(in: world ?? self.world)
    }

    /// Each row: a check that holds, then a check that fails with the learner's message.
    @Test(arguments: [
        ("image hello:1 exists", "image hello:2 exists",
         "There is no image tagged hello:2 yet — build one with docker build -t hello:2 ."),
        ("not image old:1 exists", "not image hello:1 exists",
         "The image hello:1 still exists. Remove it with docker rmi hello:1."),
        ("image hello:1 layers >= 3", "image hello:1 layers < 3",
         "The image hello:1 has 6 filesystem layers; this step wants fewer than 3."),
        ("image hello:1 size between 100MB and 200MB", "image hello:1 size <= 100MB",
         "The image hello:1 is 163MB; this step wants it at most 100MB."),
        ("image hello:1 size > 1.2kB", "image hello:1 size between 1kB and 2kB",
         "The image hello:1 is 163MB; this step wants it between 1kB and 2kB."),
        ("image hello:1 config.Cmd == [\"flask\", \"--app\", \"app\", \"run\", \"--host\", \"0.0.0.0\"]",
         "image hello:1 config.Cmd == [\"python\", \"app.py\"]",
         "The image hello:1 has Cmd [\"flask\", \"--app\", \"app\", \"run\", \"--host\", \"0.0.0.0\"]; this step wants [\"python\", \"app.py\"]."),
        ("image hello:1 config.Entrypoint is empty", "image hello:1 config.Entrypoint contains flask",
         "The image hello:1 has Entrypoint empty; this step wants it to include flask."),
        ("image hello:1 config.WorkingDir == /hello-world", "image hello:1 config.WorkingDir == /app",
         "The image hello:1 has WorkingDir /hello-world; this step wants /app."),
        ("image hello:1 config.Env contains LANG", "image hello:1 config.Env contains APP_ENV=prod",
         "The image hello:1 has Env [\"PATH=/usr/local/bin:/usr/bin\", \"LANG=C.UTF-8\"]; this step wants it to include APP_ENV=prod."),
        ("image hello:1 config.ExposedPorts contains 5000/tcp", "image hello:1 config.ExposedPorts contains 8000/tcp",
         "The image hello:1 has ExposedPorts [\"5000/tcp\"]; this step wants it to include 8000/tcp."),
        ("image hello:1 config.User is empty", "image hello:1 config.User == app",
         "The image hello:1 has User empty; this step wants app."),
        ("image hello:1 config.Labels contains version=1", "image hello:1 config.Labels contains version=2",
         "The image hello:1 has Labels [\"version=1\"]; this step wants it to include version=2."),
        ("image hello:1 config.WorkingDir != /app", "image hello:1 config.WorkingDir != /hello-world",
         "The image hello:1 has WorkingDir /hello-world; this step wants something else."),
        ("image hello:1 history contains \"RUN /bin/sh -c pip3   install flask\"", "image hello:1 history contains apt-get",
         "No line of docker history hello:1 mentions \"apt-get\" yet."),
        ("image hello:1 has-file /hello-world/app.py", "image hello:1 has-file /hello-world/secret.txt",
         "The image hello:1 has no /hello-world/secret.txt inside it yet."),
        ("not image hello:1 has-file /app/.env", "not image hello:1 has-file /hello-world/app.py",
         "The image hello:1 still contains /hello-world/app.py; it should not end up in the image."),
        ("last-build succeeded", "last-build failed", "The last build succeeded; this step wants to see a build fail."),
        ("last-build builder buildkit", "last-build builder classic",
         "The last build used BuildKit (the default); this step wants one with the classic builder (DOCKER_BUILDKIT=0)."),
        ("last-build reused 1-2", "last-build reused 1-3",
         "In the last build, steps 1-3 should be reused from the cache, but step 3 (RUN pip3 install flask) was rebuilt."),
        ("last-build rebuilt \"copy app.py  .\"", "last-build rebuilt \"WORKDIR\"",
         "In the last build, the step WORKDIR should be rebuilt, but step 2 (WORKDIR /hello-world) was reused from the cache."),
        ("last-build rebuilt 3-4", "last-build reused all",
         "In the last build, every step should be reused from the cache, but step 3 (RUN pip3 install flask), 4 (COPY app.py .) was rebuilt."),
        ("not last-build reused all", "last-build rebuilt 5",
         "The last build has no step 5; it had 4 steps."),
        ("file app.py exists", "file requirements.txt exists", "There is no requirements.txt in the workspace yet."),
        ("file /app/app.py contains Flask", "file app.py contains hello",
         "app.py does not contain \"hello\" yet."),
        ("file app.py equals \"from flask import Flask\\napp = Flask(__name__)\"", "file app.py equals x",
         "app.py does not hold the expected content yet (cat app.py to see what it has)."),
        ("file Dockerfile has WORKDIR before \"COPY app.py\"", "file Dockerfile has \"COPY app.py\" before RUN",
         "In Dockerfile, \"COPY app.py\" should come before \"RUN\"."),
        ("not file notes.txt exists", "not file app.py exists", "app.py is still in the workspace. Remove it with rm app.py."),
        ("file src exists", "file nope.txt contains x", "There is no nope.txt in the workspace yet."),
        ("dangling-images == 0", "dangling-images >= 1",
         "There are 0 dangling images (<none>:<none> in docker images); this step wants at least 1."),
        ("not logged-in localhost:5000", "logged-in localhost:5000",
         "You are not logged in to localhost:5000 yet. Use docker login localhost:5000."),
        ("not registry localhost:5000 has hello:1", "registry localhost:5000 has hello:1",
         "The registry localhost:5000 has no hello:1 yet. Tag an image as localhost:5000/hello:1 and push it."),
        ("image hello:1 same-as hello:1", "image hello:1 same-as python:3.13-slim",
         "There is no image tagged python:3.13-slim yet — build one with docker build -t python:3.13-slim ."),
    ])
    func passesAndFails(_ passing: String, _ failing: String, _ message: String) throws {
        let pass = try check(passing)
        #expect(pass.passed, "\(passing): \(pass.message)")
        #expect(pass.message == "")
        let fail = try check(failing)
        #expect(!fail.passed)
        #expect(fail.message == message)
    }

    @Test func warmCacheMountLooksAtStepsThatRan() throws {
        var world = FakeWorld.withHello
        world.build = LessonBuild(succeeded: true, steps: [
            .init(number: 2, instruction: "RUN --mount=type=cache,target=/root/.cache/pip pip install flask", reused: false, warmCacheMounts: ["/root/.cache/pip"]),
            .init(number: 3, instruction: "RUN --mount=type=cache,target=/root/.npm npm ci", reused: true, warmCacheMounts: ["/root/.npm"]),
        ])
        #expect(try check("last-build warm-cache-mount /root/.cache/pip", in: world).passed)
        let cachedStep = try check("last-build warm-cache-mount /root/.npm", in: world)
        #expect(!cachedStep.passed)
        #expect(cachedStep.message == "No step of the last build ran with a cache mount at /root/.npm that already held files from an earlier build.")
        #expect(try check("not last-build warm-cache-mount /var/cache/apt", in: world).passed)
        #expect(try !check("last-build warm-cache-mount /root/.cache/pip", in: FakeWorld()).passed)
    }

    @Test func authorsMessageReplacesTheBuiltInOne() throws {
        let result = try check("image hello:9 exists else \"Build hello:9 with docker build -t hello:9 .\"")
        #expect(result.message == "Build hello:9 with docker build -t hello:9 .")
    }

    @Test func missingSubjectFailsEvenWhenNegated() throws {
        let result = try check("not image nope:1 layers > 2")
        #expect(!result.passed)
        #expect(result.message == "There is no image tagged nope:1 yet — build one with docker build -t nope:1 .")
        #expect(try !check("not file nope.txt contains x").passed)
        #expect(try !check("not last-build reused all", in: FakeWorld()).passed)
    }

    @Test func noBuildYet() throws {
        let result = try check("last-build succeeded", in: FakeWorld())
        #expect(result.message == "You have not built anything yet. Build with docker build -t NAME .")
    }

    @Test func imageIdsAndRegistryDigests() throws {
        var world = world
        world.images["hello:latest"] = world.images["hello:1"]
        world.images["other:1"] = LessonImage(id: FakeWorld.id("c"), layers: [FakeWorld.id("1")], size: 5)
        world.registries["localhost:5000/hello:1"] = FakeWorld.id("a")
        world.registries["localhost:5000/old:1"] = FakeWorld.id("d")
        #expect(try check("image hello:1 same-as hello", in: world).passed)
        #expect(try check("image hello:1 same-as \(FakeWorld.id("a").dropFirst(7).prefix(12))", in: world).passed)
        #expect(try check("image hello:1 same-as other:1", in: world).message
                == "hello:1 and other:1 are different images (IDs aaaaaaaaaaaa and cccccccccccc); they should be the same image.")
        #expect(try check("not image hello:1 same-as hello", in: world).message
                == "hello:1 and hello are the same image (ID aaaaaaaaaaaa); they should differ.")
        #expect(try check("registry localhost:5000 has hello:1", in: world).passed)
        #expect(try check("registry localhost:5000 has hello:1 same-as hello:1", in: world).passed)
        #expect(try check("registry localhost:5000 has old:1 same-as hello:1", in: world).message
                == "The registry's old:1 is not the same image as your local hello:1 (IDs dddddddddddd and aaaaaaaaaaaa). Push hello:1 again.")
        #expect(try check("registry localhost:5000 has new:1 same-as hello:1", in: world).message
                == "The registry localhost:5000 has no new:1 yet. Tag an image as localhost:5000/new:1 and push it.")
        #expect(try check("registry docker.io has alice/app:1", in: world).message
                == "The registry docker.io has no alice/app:1 yet. Tag an image as alice/app:1 and push it.")
    }

    @Test func comparingTwoImages() throws {
        var world = world
        var hello2 = try #require(world.images["hello:1"])
        hello2.id = FakeWorld.id("e")
        world.images["hello:2"] = hello2
        var slim = hello2
        slim.id = FakeWorld.id("f")
        slim.layers = Array(hello2.layers.prefix(4))
        slim.size = 60_000_000
        world.images["slim:1"] = slim
        #expect(try check("image hello:2 same-layers-as hello:1", in: world).passed)
        #expect(try check("not image hello:2 same-as hello:1", in: world).passed)
        #expect(try check("image slim:1 same-layers-as hello:1", in: world).message
                == "slim:1 and hello:1 do not have the same filesystem layers (4 and 6 layers, 4 shared from the bottom).")
        #expect(try check("image slim:1 size < image hello:1", in: world).passed)
        #expect(try check("image hello:1 size < image slim:1", in: world).message
                == "The image hello:1 is 163MB and slim:1 is 60MB; this step wants hello:1 smaller than slim:1.")
        #expect(try check("image slim:1 layers < image hello:1", in: world).passed)
        #expect(try check("image slim:1 layers == image hello:1", in: world).message
                == "The image slim:1 has 4 filesystem layers and hello:1 has 6; this step wants slim:1 to have the same number.")
        #expect(try check("image slim:1 layers > image nope:1", in: world).message
                == "There is no image tagged nope:1 yet — build one with docker build -t nope:1 .")
    }

    @Test func danglingAndLogins() throws {
        var world = world
        world.dangling = 1
        world.logins = ["localhost:5000"]
        #expect(try check("dangling-images == 0", in: world).message
                == "There is 1 dangling image (<none>:<none> in docker images); this step wants exactly 0.")
        #expect(try check("logged-in localhost:5000", in: world).passed)
        #expect(try check("not logged-in localhost:5000", in: world).message
                == "You are still logged in to localhost:5000. Use docker logout localhost:5000.")
    }

    @Test func classicBuilderNames() throws {
        var world = world
        world.build?.builder = .classic
        #expect(try check("last-build builder classic", in: world).passed)
        #expect(try check("last-build builder buildkit", in: world).message
                == "The last build used the classic builder (DOCKER_BUILDKIT=0); this step wants one with BuildKit (the default).")
    }

    @Test func containers() throws {
        var world = world
        world.containerList = [
            LessonContainer(id: "4c01db0b339c", name: "web", image: "hello:1", command: ["flask", "run"], state: .running,
                            logs: " * Running on http://0.0.0.0:5000\n"),
            LessonContainer(id: "a8f2e6d1c0b9", name: "sleepy_hopper", image: FakeWorld.id("a").dropFirst(7).prefix(12).description,
                            command: ["echo", "hi"], state: .exited(0)),
            LessonContainer(id: "b8f2e6d1c0b9", name: "failing", image: "other:1", command: ["false"], state: .exited(1)),
        ]
        let passing = [
            "container web exists", "container web running", "container 4c01 exists", "container from hello:1 exited 0",
            "container from hello:1 running", "container failing exited 1", "container failing exited",
            "container web command contains flask", "container web logs contain Running on", "not container web exited",
            "not container db exists", "container from hello:1 command contains echo hi",
        ]
        for line in passing {
            let result = try check(line, in: world)
            #expect(result.passed, "\(line): \(result.message)")
        }
        let failing: [(String, String)] = [
            ("container db exists", "There is no container named db yet (docker ps -a lists them)."),
            ("container failing running", "There is a container named failing, but it is not running (docker ps shows running ones)."),
            ("container web exited", "There is a container named web, but none has exited yet."),
            ("container failing exited 0", "There is a container named failing, but none has exited with code 0 yet."),
            ("container web command contains python", "There is a container named web, but none ran a command with \"python\" in it."),
            ("container web logs contain Hello", "There is a container named web, but its output (docker logs) does not show \"Hello\"."),
            ("not container web running", "A container named web is still running. Stop it with docker stop."),
            ("container from nothing:1 exists", "There is no container from nothing:1 yet (docker ps -a lists them)."),
        ]
        for (line, message) in failing {
            let result = try check(line, in: world)
            #expect(!result.passed, "\(line)")
            #expect(result.message == message)
        }
    }
}
