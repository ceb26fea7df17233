import DockerCLI
import Dockerfile
import DockyardTesting
import Foundation
import ImageReference
import Engine
import REPL
import Testing

/// Registry commands through the CLI: sessions that start from a prepared engine (an image
/// built for a user's repository, since `docker build`/`docker tag` are other areas' work),
/// replayed and compared like the REPL transcripts.
struct RegistryCommandTests {
    /// An engine holding `alice/app:1.0` (and `:latest`) built FROM python:3.13-slim.
    static func engineWithApp(tags: [String] = ["alice/app:1.0", "alice/app:latest"]) throws -> EngineState {
        var state = EngineState()
        let dockerfile = "FROM python:3.13-slim\nWORKDIR /app\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n"
        var files = FileTree()
        files.set("/Dockerfile", .file(.text(dockerfile)))
        files.set("/app.py", .file(.text("print('hello')\n")))
        let result = state.build(try parseDockerfile(dockerfile), context: BuildContext(workspace: files), options: BuildOptions(tags: tags))
        _ = try #require(result.imageID)
        return state
    }

    static func replay(_ text: String, engine: EngineState) -> String {
        Transcript.replay(text, makeShell: {
            var shell = Shell()
            shell.session.engine = engine
            shell.session.engine.clock = shell.session.clock
            return shell
        })
    }

    static func check(_ name: String, _ text: String, engine: EngineState, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = replay(text, engine: engine)
        if let dir = ProcessInfo.processInfo.environment["DOCKYARD_DUMP_SESSIONS"] {
            try? actual.write(toFile: dir + "/" + name + ".txt", atomically: true, encoding: .utf8)
        }
        if let diff = Transcript.diff(expected: text, actual: actual) {
            Issue.record("\(name) differs (- expected, + actual):\n\(diff)", sourceLocation: sourceLocation)
        }
    }

    static func run(_ line: [String], _ engine: inout EngineState, host: HostContext = HostContext()) -> CommandResult {
        switch DockerParser.parse(line, environment: [:]) {
        case .output(let result): return result
        case .command(let command): return DockerExecutor().run(command, engine: &engine, host: host)
        }
    }
}

extension RegistryCommandTests {
    static let pushSession = """
        dockyard:/app> docker push alice/app:1.0
        The push refers to repository [docker.io/alice/app]
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        ! denied: requested access to the resource is denied
        [exit 1]
        dockyard:/app> docker login -u alice -p s3cret
        ! WARNING! Using --password via the CLI is insecure. Use --password-stdin.
        ! dockyard: created the simulated account "alice" on docker.io (a first login creates it; use the same password from now on).
        !
        ! WARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.
        ! Configure a credential helper to remove this warning. See
        ! https://docs.docker.com/go/credential-store/
        !
        Login Succeeded
        dockyard:/app> docker push alice/app:1.0
        The push refers to repository [docker.io/alice/app]
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        43d8ce033125: Pushed
        bf8c61426dfe: Pushed
        42620ca813c2: Mounted from library/python
        a505633819f5: Mounted from library/python
        9a066955a24b: Mounted from library/python
        1bc6562958d0: Mounted from library/python
        1.0: digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a size: 1572
        dockyard:/app> docker push alice/app:1.0
        The push refers to repository [docker.io/alice/app]
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        bf8c61426dfe: Layer already exists
        43d8ce033125: Layer already exists
        42620ca813c2: Layer already exists
        a505633819f5: Layer already exists
        9a066955a24b: Layer already exists
        1bc6562958d0: Layer already exists
        1.0: digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a size: 1572
        dockyard:/app> docker push alice/app
        Using default tag: latest
        The push refers to repository [docker.io/alice/app]
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        bf8c61426dfe: Layer already exists
        43d8ce033125: Layer already exists
        42620ca813c2: Layer already exists
        a505633819f5: Layer already exists
        9a066955a24b: Layer already exists
        1bc6562958d0: Layer already exists
        latest: digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a size: 1572
        dockyard:/app> docker push -a alice/app
        The push refers to repository [docker.io/alice/app]
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        bf8c61426dfe: Layer already exists
        43d8ce033125: Layer already exists
        42620ca813c2: Layer already exists
        a505633819f5: Layer already exists
        9a066955a24b: Layer already exists
        1bc6562958d0: Layer already exists
        1.0: digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a size: 1572
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        bf8c61426dfe: Layer already exists
        43d8ce033125: Layer already exists
        42620ca813c2: Layer already exists
        a505633819f5: Layer already exists
        9a066955a24b: Layer already exists
        1bc6562958d0: Layer already exists
        latest: digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a size: 1572
        dockyard:/app> docker push -q alice/app:1.0
        docker.io/alice/app:1.0
        dockyard:/app> docker manifest inspect alice/app:1.0
        {
        \t"schemaVersion": 2,
        \t"mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        \t"config": {
        \t\t"mediaType": "application/vnd.docker.container.image.v1+json",
        \t\t"size": 3776,
        \t\t"digest": "sha256:b45cdbb88e1e396f84fb1f5f9d526df6b864687c5a178ca7c874f37ed37b3f50"
        \t},
        \t"layers": [
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 33655334,
        \t\t\t"digest": "sha256:0f3de7ad2c1daf1ca5e87cc95fed495aa2e972ee86cdbcb1831b2cc0ed8a81e5"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 1770078,
        \t\t\t"digest": "sha256:1520782c97dce62bde7427996c806c4c0357fe1d79f61d52be83f4999a6d0f3a"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 20762757,
        \t\t\t"digest": "sha256:4cac63a4da267adaf277fa4626d87d2ca52cf1caed1cff719ae8bdc97f53a252"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 544,
        \t\t\t"digest": "sha256:764059d69372798a8cbe326aadceea5a4825ba975648ecba33f65554867ccaf4"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 96,
        \t\t\t"digest": "sha256:b6efdf639b56e6eb9a5c2c24e31b5d99dfdbc1aea4919a6196a13f9183dc973c"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 166,
        \t\t\t"digest": "sha256:7af10a46b0ff9c618170462d4784c1660899f595214457d665f63b0f344aa66b"
        \t\t}
        \t]
        }
        dockyard:/app> docker pull alice/app:1.0
        1.0: Pulling from alice/app
        Digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a
        Status: Image is up to date for alice/app:1.0
        docker.io/alice/app:1.0
        dockyard:/app> docker search alice
        NAME        DESCRIPTION   STARS     OFFICIAL
        alice/app                 0         
        dockyard:/app> docker logout
        Removing login credentials for https://index.docker.io/v1/
        dockyard:/app> docker login -u bobby -p hunter22
        ! WARNING! Using --password via the CLI is insecure. Use --password-stdin.
        ! dockyard: created the simulated account "bobby" on docker.io (a first login creates it; use the same password from now on).
        !
        ! WARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.
        ! Configure a credential helper to remove this warning. See
        ! https://docs.docker.com/go/credential-store/
        !
        Login Succeeded
        dockyard:/app> docker push alice/app:1.0
        The push refers to repository [docker.io/alice/app]
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        ! denied: requested access to the resource is denied
        [exit 1]

        """

    @Test func pushSessionOnDockerHub() throws {
        Self.check("pushSession", Self.pushSession, engine: try Self.engineWithApp())
    }
}

extension RegistryCommandTests {
    static let otherRegistrySession = """
        dockyard:/app> docker push localhost:5000/app:1.0
        The push refers to repository [localhost:5000/app]
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        43d8ce033125: Pushed
        bf8c61426dfe: Pushed
        42620ca813c2: Pushed
        9a066955a24b: Pushed
        a505633819f5: Pushed
        1bc6562958d0: Pushed
        1.0: digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a size: 1572
        ! dockyard: localhost:5000 is a simulated registry, created empty just now; nothing leaves this machine.
        dockyard:/app> docker push registry.example.com/team/app
        Using default tag: latest
        The push refers to repository [registry.example.com/team/app]
        bf8c61426dfe: Preparing
        43d8ce033125: Preparing
        42620ca813c2: Preparing
        a505633819f5: Preparing
        9a066955a24b: Preparing
        1bc6562958d0: Preparing
        1bc6562958d0: Waiting
        43d8ce033125: Pushed
        bf8c61426dfe: Pushed
        42620ca813c2: Pushed
        9a066955a24b: Pushed
        a505633819f5: Pushed
        1bc6562958d0: Pushed
        latest: digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a size: 1572
        ! dockyard: registry.example.com is a simulated registry, created empty just now; nothing leaves this machine.
        dockyard:/app> docker pull localhost:5000/app:1.0
        1.0: Pulling from app
        Digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a
        Status: Image is up to date for localhost:5000/app:1.0
        localhost:5000/app:1.0
        dockyard:/app> docker pull localhost:5000/app:2.0
        ! Error response from daemon: manifest for localhost:5000/app:2.0 not found: manifest unknown: manifest unknown
        [exit 1]
        dockyard:/app> docker manifest inspect localhost:5000/app:1.0
        {
        \t"schemaVersion": 2,
        \t"mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        \t"config": {
        \t\t"mediaType": "application/vnd.docker.container.image.v1+json",
        \t\t"size": 3776,
        \t\t"digest": "sha256:b45cdbb88e1e396f84fb1f5f9d526df6b864687c5a178ca7c874f37ed37b3f50"
        \t},
        \t"layers": [
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 33655334,
        \t\t\t"digest": "sha256:0f3de7ad2c1daf1ca5e87cc95fed495aa2e972ee86cdbcb1831b2cc0ed8a81e5"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 1770078,
        \t\t\t"digest": "sha256:1520782c97dce62bde7427996c806c4c0357fe1d79f61d52be83f4999a6d0f3a"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 20762757,
        \t\t\t"digest": "sha256:4cac63a4da267adaf277fa4626d87d2ca52cf1caed1cff719ae8bdc97f53a252"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 544,
        \t\t\t"digest": "sha256:764059d69372798a8cbe326aadceea5a4825ba975648ecba33f65554867ccaf4"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 96,
        \t\t\t"digest": "sha256:b6efdf639b56e6eb9a5c2c24e31b5d99dfdbc1aea4919a6196a13f9183dc973c"
        \t\t},
        \t\t{
        \t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        \t\t\t"size": 166,
        \t\t\t"digest": "sha256:7af10a46b0ff9c618170462d4784c1660899f595214457d665f63b0f344aa66b"
        \t\t}
        \t]
        }

        """

    @Test func pushToASimulatedRegistryThenPullBack() throws {
        Self.check("otherRegistrySession", Self.otherRegistrySession, engine: try Self.engineWithApp(tags: ["localhost:5000/app:1.0", "registry.example.com/team/app:latest"]))
    }
}

extension RegistryCommandTests {
    /// After push and `rmi`, the base image still holds the python layers: the pull
    /// downloads only the app's own layers and gives back the same image.
    static let pullBackSession = """
        dockyard:/app> docker pull alice/app:1.0
        1.0: Pulling from alice/app
        0f3de7ad2c1d: Already exists
        1520782c97dc: Already exists
        4cac63a4da26: Already exists
        764059d69372: Already exists
        b6efdf639b56: Pulling fs layer
        7af10a46b0ff: Pulling fs layer
        b6efdf639b56: Verifying Checksum
        b6efdf639b56: Download complete
        b6efdf639b56: Pull complete
        7af10a46b0ff: Verifying Checksum
        7af10a46b0ff: Download complete
        7af10a46b0ff: Pull complete
        Digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a
        Status: Downloaded newer image for alice/app:1.0
        docker.io/alice/app:1.0
        dockyard:/app> docker pull alice/app:1.0
        1.0: Pulling from alice/app
        Digest: sha256:9a503276efa4658cfb7e764ada9e5b4f8949b564ca5bc355f99e4ed1b9c4d57a
        Status: Image is up to date for alice/app:1.0
        docker.io/alice/app:1.0

        """

    @Test func pullBackAfterRemovalDownloadsOnlyMissingLayers() throws {
        var engine = try Self.engineWithApp(tags: ["alice/app:1.0"])
        let id = try #require(engine.images.tags["alice/app:1.0"])
        _ = try engine.pull(try Reference.parseNormalizedNamed("python:3.13-slim"))
        _ = try engine.login(host: "docker.io", username: "alice", password: "pw")
        _ = try engine.push(try Reference.parseNormalizedNamed("alice/app:1.0"))
        _ = try engine.images.remove("alice/app:1.0")
        #expect(engine.images.images[id] == nil)
        Self.check("pullBackSession", Self.pullBackSession, engine: engine)
        _ = Self.run(["pull", "alice/app:1.0"], &engine)
        #expect(engine.images.tags["alice/app:1.0"] == id)
        #expect(engine.checkInvariants() == [])
    }

    @Test func onATerminalEachLayerShowsItsLastStatus() throws {
        var engine = EngineState()
        let host = HostContext(isTerminal: true)
        let pull = Self.run(["pull", "python:3.13-slim"], &engine, host: host)
        #expect(pull.exitStatus == 0)
        let lines = pull.stdout.split(separator: "\n").filter { $0.count > 13 && $0.prefix(12).allSatisfy(\.isHexDigit) && $0.dropFirst(12).hasPrefix(": ") }
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.hasSuffix(": Pull complete") })
        var app = try Self.engineWithApp()
        _ = Self.run(["login", "-u", "alice", "-p", "pw"], &app)
        let push = Self.run(["push", "alice/app:1.0"], &app, host: host)
        #expect(!push.stdout.contains("Preparing") && !push.stdout.contains("Waiting"))
        #expect(push.stdout.contains(": Mounted from library/python\n"))
    }

    @Test func passwordStdinReadsTheHostsStdin() {
        var engine = EngineState()
        let first = Self.run(["login", "-u", "alice", "--password-stdin"], &engine, host: HostContext(stdin: "s3cret\r\n"))
        #expect(first.stdout == "Login Succeeded\n")
        #expect(!first.stderr.contains("--password via the CLI"))
        let wrong = Self.run(["login", "-u", "alice", "--password-stdin"], &engine, host: HostContext(stdin: "nope\n"))
        #expect(wrong.exitStatus == 1)
        #expect(wrong.stderr == "Error response from daemon: Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password\n")
        let again = Self.run(["login", "-u", "alice", "--password-stdin"], &engine, host: HostContext(stdin: "s3cret"))
        #expect(again.succeeded)
    }

    static let terminal = HostContext(isTerminal: true, stdinIsTerminal: true)

    /// Answers each question in turn, as the REPL would; returns every step's result.
    static func converse(_ line: [String], answers: [String?], _ engine: inout EngineState) -> [CommandResult] {
        var results = [run(line, &engine, host: terminal)]
        for reply in answers {
            guard let question = results.last?.question else { break }
            results.append(DockerExecutor().answer(reply, to: question, engine: &engine, host: terminal))
        }
        return results
    }

    @Test func withoutATerminalLoginCannotAsk() {
        var engine = EngineState()
        // Piped input is not a terminal either, even when the REPL's is.
        for host in [HostContext(), HostContext(stdin: "", stdinIsTerminal: true)] {
            let result = Self.run(["login", "localhost:5000"], &engine, host: host)
            #expect(result.question == nil)
            #expect(result.stderr == "Error: Cannot perform an interactive login from a non TTY device\n")
            #expect(result.exitStatus == 1)
        }
    }

    @Test func aTerminalAsksForThePasswordWithoutEcho() {
        var engine = EngineState()
        let steps = Self.converse(["login", "-u", "alice"], answers: ["  s3cret "], &engine)
        #expect(steps.count == 2)
        #expect(steps[0].question?.prompt == "Password: ")
        #expect(steps[0].question?.secret == true)
        #expect(steps[0].stderr.contains("i Info → A Personal Access Token (PAT) can be used instead.\n"))
        #expect(steps[1].question == nil)
        #expect(steps[1].stdout == "Login Succeeded\n")
        #expect(engine.storedLogin(host: "docker.io") == "alice")
        // Docker trims the typed password: the account's password is "s3cret".
        let again = Self.run(["login", "-u", "alice", "-p", "s3cret"], &engine)
        #expect(again.succeeded)
    }

    @Test func staleStoredCredentialsOfferTheStoredName() {
        var engine = EngineState()
        #expect(Self.run(["login", "-u", "bob", "-p", "old", "localhost:5000"], &engine).succeeded)
        engine.registries.createAccount(username: "bob", password: "new", host: "localhost:5000")
        let steps = Self.converse(["login", "localhost:5000"], answers: ["", "new"], &engine)
        #expect(steps[0].stdout.hasPrefix("Authenticating with existing credentials... [Username: bob]\n"))
        #expect(steps[0].stderr.contains("Stored credentials invalid or expired\n"))
        #expect(steps[0].question?.prompt == "Username (bob): ")
        // Not Docker Hub: no sign-up hint, no PAT note.
        #expect(!steps[0].stdout.contains("Docker ID"))
        #expect(steps[1].question?.prompt == "Password: ")
        #expect(steps[1].stderr.isEmpty)
        #expect(steps[2].stdout == "Login Succeeded\n")
        #expect(engine.storedLoginIsValid(host: "localhost:5000"))
    }

    @Test func emptyAnswersAndInterruptsEndTheLoginAsDockerDoes() {
        var engine = EngineState()
        let noName = Self.converse(["login", "localhost:5000"], answers: [" "], &engine)
        #expect(noName.last == .failure("error: username is required\n"))
        let noPassword = Self.converse(["login", "-u", "al", "localhost:5000"], answers: [""], &engine)
        #expect(noPassword.last == .failure("error: password is required\n"))
        // Ctrl-C at a prompt is a cancellation: status 0, nothing printed, nothing stored.
        let interrupted = Self.converse(["login", "-u", "al", "localhost:5000"], answers: [nil], &engine)
        #expect(interrupted.last == CommandResult())
        #expect(engine.storedLogin(host: "localhost:5000") == nil)
        let web = Self.converse(["login"], answers: [nil], &engine)
        #expect(web.last == .failure("login canceled\n"))
    }

    @Test func dockerHubWithoutAUserNameUsesTheWebLogin() throws {
        var engine = EngineState()
        let steps = Self.converse(["login"], answers: ["", "alice", "s3cret"], &engine)
        let banner = steps[0].stderr
        #expect(banner.hasPrefix("\nUSING WEB-BASED LOGIN\n\ni Info → To sign in with credentials on the command line, use 'docker login -u <username>'\n"))
        let line = try #require(banner.split(separator: "\n").first { $0.hasPrefix("Your one-time device confirmation code is: ") })
        let code = line.dropFirst("Your one-time device confirmation code is: ".count)
        #expect(code.count == 9 && code.enumerated().allSatisfy { $0.offset == 4 ? $0.element == "-" : "BCDFGHJKLMNPQRSTVWXZ".contains($0.element) })
        #expect(banner.contains("Press ENTER to open your browser or submit your device code here: https://login.docker.com/activate\n\nWaiting for authentication in the browser…\n"))
        #expect(steps[0].question?.prompt == "")
        #expect(steps[1].question?.prompt == "[browser] Username: ")
        #expect(steps[2].question?.prompt == "[browser] Password: " && steps[2].question?.secret == true)
        #expect(steps[3].stdout == "Login Succeeded\n")
        #expect(engine.storedLogin(host: "docker.io") == "alice")
        // With -p but no user name Docker Hub asks the name on the command line instead.
        var other = EngineState()
        let named = Self.converse(["login", "-p", "pw"], answers: ["carol"], &other)
        #expect(named[0].stdout.hasPrefix("Log in with your Docker ID or email address"))
        #expect(named[0].question?.prompt == "Username: ")
        #expect(named[1].stdout == "Login Succeeded\n")
    }

    @Test func aPruneAsksAtATerminalAndOnlyYesGoesOn() throws {
        var engine = try Self.engineWithApp()
        _ = Self.run(["tag", "alice/app:1.0", "spare:1"], &engine)
        _ = Self.run(["rmi", "spare:1"], &engine)
        let asked = Self.run(["image", "prune", "-a"], &engine, host: Self.terminal)
        let question = try #require(asked.question)
        #expect(asked.stdout == "WARNING! This will remove all images without at least one container associated to them.\n")
        #expect(question.prompt == "Are you sure you want to continue? [y/N] ")
        let before = engine
        for no in ["n", "yes", "", "N"] {
            #expect(DockerExecutor().answer(no, to: question, engine: &engine, host: Self.terminal) == CommandResult())
        }
        #expect(engine == before)
        let yes = DockerExecutor().answer(" Y", to: question, engine: &engine, host: Self.terminal)
        #expect(yes.stdout.hasPrefix("Deleted Images:\n"))
        #expect(engine.images.images.isEmpty)
    }

    @Test func everyRegistryCommandKeepsTheEngineConsistent() throws {
        var engine = try Self.engineWithApp()
        let lines: [[String]] = [
            ["pull", "alpine"], ["pull", "-a", "alpine"], ["login", "-u", "alice", "-p", "pw"], ["push", "-a", "alice/app"],
            ["pull", "nginx:1.27"], ["push", "nginx:1.27"], ["logout"], ["push", "alice/app:1.0"],
            ["pull", "localhost:5000/x"], ["search", "n"], ["manifest", "inspect", "alice/app"],
        ]
        for line in lines {
            _ = Self.run(line, &engine)
            #expect(engine.checkInvariants() == [], "after docker \(line.joined(separator: " "))")
        }
    }
}

/// Questions answered at random: whatever is typed (or Ctrl-C), a conversation ends or asks
/// again, never traps, and leaves the engine consistent.
struct QuestionFuzzTests {
    @Test func randomAnswersNeverBreakALoginOrAPrune() throws {
        var rng = ContainerCommandFuzzTests.Generator(state: 7)
        var engine = try RegistryCommandTests.engineWithApp()
        let host = HostContext(isTerminal: true, stdinIsTerminal: true)
        let commands: [[String]] = [
            ["login"], ["login", "-u", "alice"], ["login", "-p", "pw"], ["login", "localhost:5000"], ["login", "-u", "bob", "localhost:5000"],
            ["login", "registry.example.com"], ["logout"], ["logout", "localhost:5000"], ["image", "prune"], ["image", "prune", "-a"],
            ["builder", "prune"], ["container", "prune"], ["push", "alice/app:1.0"],
        ]
        let answers: [String?] = [nil, "", " ", "y", "Y", "n", "alice", "bob", "pw", "s3cret", "Al", "ünïcödé", "a:b", String(repeating: "x", count: 5000), "\t y \t"]
        var finished = 0
        for _ in 0..<400 {
            let argv = commands[Int(rng.next() % UInt64(commands.count))]
            guard case .command(let command) = DockerParser.parse(argv) else { continue }
            var result = DockerExecutor().run(command, engine: &engine, host: host)
            var rounds = 0
            while let question = result.question {
                rounds += 1
                // After a few rounds, Ctrl-C: every question must give up then.
                let reply = rounds > 6 ? nil : answers[Int(rng.next() % UInt64(answers.count))]
                result = DockerExecutor().answer(reply, to: question, engine: &engine, host: host)
                if reply == nil { #expect(result.question == nil, "Ctrl-C must end docker \(argv.joined(separator: " "))") }
                #expect(rounds <= 7)
                if rounds > 7 { break }
            }
            finished += 1
            #expect(engine.checkInvariants() == [], "after docker \(argv.joined(separator: " "))")
        }
        #expect(finished > 300)
    }
}
