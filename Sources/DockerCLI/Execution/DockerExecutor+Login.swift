import Dockerfile
import Engine
import ImageReference

// `docker login` as CLI 28 runs it: the option checks, stored credentials, then — when a
// user name or password is missing and standard input is a terminal — questions: Docker
// Hub without `-u` uses the web (device-code) login, anything else asks `Username: ` and
// `Password: `. Each question goes back to the front end as an `InputRequest`; the answer
// comes in through `answer(_:to:engine:host:)`, which continues the conversation here.
extension DockerExecutor {
    func login(_ o: LoginOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        // Written in Docker's order: the warnings come before `Login Succeeded`.
        var r = CommandResult()
        var password = o.password ?? ""
        let username = o.username ?? ""
        if !password.isEmpty {
            r.write(Message.loginPasswordOnCommandLine + "\n", toStderr: true)
            if o.passwordStdin { return r.failing("--password and --password-stdin are mutually exclusive\n") }
        }
        if o.passwordStdin {
            if username.isEmpty { return r.failing("Must provide --username with --password-stdin\n") }
            // Byte-wise, as Go trims: "\r\n" is one Character in Swift.
            var bytes = Array((host.stdin ?? "").utf8)
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            password = String(decoding: bytes, as: UTF8.self)
        }
        let registryHost = EngineState.registryHost(forServer: o.server)
        var storedName: String?
        if username.isEmpty && password.isEmpty, let user = engine.storedLogin(host: registryHost) {
            r.write(Message.loginExistingCredentials(user) + "\nTo login with a different account, run 'docker logout' followed by 'docker login'\n\n")
            if engine.storedLoginIsValid(host: registryHost) {
                return Self.succeeded(r)
            }
            r.write("Stored credentials invalid or expired\n", toStderr: true)
            storedName = user
        }
        if !username.isEmpty && !password.isEmpty {
            return completeLogin(r, host: registryHost, username: username, password: password, engine: &engine)
        }
        // Docker checks standard input, not output: `cat | docker login` cannot ask.
        guard host.stdinIsTerminal else {
            return r.failing("Error: Cannot perform an interactive login from a non TTY device\n")
        }
        if registryHost == Reference.defaultDomain && username.isEmpty && password.isEmpty {
            let code = Self.deviceCode(engine)
            r.write(Self.webLoginBanner(code: code) + Self.noBrowserNote, toStderr: true)
            r.question = InputRequest(prompt: "", continuation: .login(LoginConversation(host: registryHost, stage: .browserWait(code: code))))
            return r
        }
        if username.isEmpty {
            return askUsername(r, LoginConversation(host: registryHost, givenPassword: password.isEmpty ? nil : password, stage: .username(defaultName: storedName)))
        }
        return askPassword(r, LoginConversation(host: registryHost, stage: .password(username: username)))
    }

    /// Goes on with a login after the learner answered (nil: Ctrl-C or end of input).
    func continueLogin(_ conversation: LoginConversation, reply: String?, engine: inout EngineState) -> CommandResult {
        var next = conversation
        var r = CommandResult()
        switch conversation.stage {
        case .username(let defaultName):
            // Docker's prompt ends with "prompt terminated", a cancellation: exit 0, no text.
            guard let reply else { return r }
            var name = reply.trimmingSpaces()
            if name.isEmpty { name = defaultName ?? "" }
            if name.isEmpty { return r.failing("error: username is required\n") }
            if let password = conversation.givenPassword {
                return completeLogin(r, host: conversation.host, username: name, password: password, engine: &engine)
            }
            next.stage = .password(username: name)
            return askPassword(r, next)
        case .password(let username):
            guard let reply else { return r }
            // Docker trims blanks around the typed password too (prompt.ReadInput).
            let password = reply.trimmingSpaces()
            if password.isEmpty { return r.failing("error: password is required\n") }
            return completeLogin(r, host: conversation.host, username: username, password: password, engine: &engine)
        case .browserWait(let code):
            guard reply != nil else { return r.failing("login canceled\n") }
            next.stage = .browserUsername(code: code)
            r.write("dockyard: simulated browser: code \(code) confirmed at login.docker.com.\n"
                    + "dockyard: sign in with your Docker ID (a new name creates a simulated account).\n", toStderr: true)
            r.question = InputRequest(prompt: Self.browserPrompt + "Username: ", continuation: .login(next))
            return r
        case .browserUsername(let code):
            guard let reply else { return r.failing("login canceled\n") }
            let name = reply.trimmingSpaces()
            if name.isEmpty {
                r.write("dockyard: simulated browser: enter your Docker ID.\n", toStderr: true)
                r.question = InputRequest(prompt: Self.browserPrompt + "Username: ", continuation: .login(next))
                return r
            }
            next.stage = .browserPassword(code: code, username: name)
            r.question = InputRequest(prompt: Self.browserPrompt + "Password: ", secret: true, continuation: .login(next))
            return r
        case .browserPassword(let code, let username):
            guard let reply else { return r.failing("login canceled\n") }
            var attempt = engine
            do {
                let report = try attempt.login(host: conversation.host, username: username, password: reply)
                engine = attempt
                if report.createdAccount { r.write(RegistryRendering.accountCreatedNote(username, host: conversation.host), toStderr: true) }
                return Self.succeeded(r)
            } catch {
                // The sign-in page says so and asks again; the CLI keeps waiting.
                next.stage = .browserUsername(code: code)
                r.write("dockyard: simulated browser: incorrect username or password; try again.\n", toStderr: true)
                if engine.registries.registry(conversation.host)?.accounts[username] == nil {
                    r.write(Self.newAccountRule(host: conversation.host), toStderr: true)
                }
                r.question = InputRequest(prompt: Self.browserPrompt + "Username: ", continuation: .login(next))
                return r
            }
        }
    }

    /// `Username: ` (with Docker Hub's sign-up hint first).
    func askUsername(_ result: CommandResult, _ conversation: LoginConversation) -> CommandResult {
        var r = result
        if conversation.host == Reference.defaultDomain { r.write(Self.dockerHubUsernameHint) }
        var prompt = "Username: "
        if case .username(let defaultName?) = conversation.stage, !defaultName.isEmpty { prompt = "Username (\(defaultName)): " }
        r.question = InputRequest(prompt: prompt, continuation: .login(conversation))
        return r
    }

    /// `Password: `, typed without echo (with Docker Hub's note about access tokens first).
    func askPassword(_ result: CommandResult, _ conversation: LoginConversation) -> CommandResult {
        var r = result
        if conversation.host == Reference.defaultDomain {
            r.write(Self.infoNote("A Personal Access Token (PAT) can be used instead.\nTo create a PAT, visit https://app.docker.com/settings\n\n"), toStderr: true)
        }
        r.question = InputRequest(prompt: "Password: ", secret: true, continuation: .login(conversation))
        return r
    }

    /// Checks the credentials against the simulated registry and stores them.
    func completeLogin(_ result: CommandResult, host registryHost: String, username: String, password: String, engine: inout EngineState) -> CommandResult {
        var r = result
        let report: LoginReport
        do { report = try engine.login(host: registryHost, username: username, password: password) } catch {
            var hint = ""
            if case .unauthorized = error, engine.registries.registry(registryHost)?.accounts[username] == nil {
                hint = Self.newAccountRule(host: registryHost)
            }
            return r.failing("Error response from daemon: \(error)\n" + hint)
        }
        if report.createdRegistry { r.write(RegistryRendering.simulatedRegistryNote(registryHost), toStderr: true) }
        if report.createdAccount { r.write(RegistryRendering.accountCreatedNote(username, host: registryHost), toStderr: true) }
        return Self.succeeded(r)
    }

    /// The credentials were stored: the warning about the plain-text store, then `Login Succeeded`.
    static func succeeded(_ result: CommandResult) -> CommandResult {
        var r = result
        r.write(Message.loginCredentialsStoredUnencrypted(configPath: RegistryStore.configPath) + "\n", toStderr: true)
        r.write(Message.loginSucceeded + "\n")
        return r
    }

    /// Why a first login did not create an account (the simulated registries' own rule).
    static func newAccountRule(host: String) -> String {
        host == Reference.defaultDomain
            ? "dockyard: a new Docker Hub account needs a name of 4 to 30 lower-case letters and digits, and a password\n"
            : "dockyard: a new account needs a name without spaces or colons, and a password\n"
    }

    // MARK: Docker's texts

    /// Printed before `Username: ` for Docker Hub (CLI 28, hints on).
    static let dockerHubUsernameHint =
        "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.\n"
        + "You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/\n\n"

    /// The CLI's "i Info →" note on a terminal: a blank line, the header, and every further
    /// line of the text indented under it.
    static func infoNote(_ text: String) -> String {
        let header = "i Info → "
        let indent = String(repeating: " ", count: header.count)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return "\n" + lines.enumerated().map { ($0.offset == 0 ? header : indent) + $0.element + "\n" }.joined()
    }

    /// What Docker Hub's web login prints (on stderr) while it waits for the browser.
    static func webLoginBanner(code: String) -> String {
        "\nUSING WEB-BASED LOGIN\n"
            + infoNote("To sign in with credentials on the command line, use 'docker login -u <username>'\n")
            + "\nYour one-time device confirmation code is: \(code)\n"
            + "Press ENTER to open your browser or submit your device code here: https://login.docker.com/activate\n"
            + "\nWaiting for authentication in the browser…\n"
    }

    static let noBrowserNote = "dockyard: no browser here. ENTER opens a simulated sign-in page; Ctrl-C cancels.\n"

    /// Prompts of the simulated sign-in page, so they do not pass for the CLI's own.
    static let browserPrompt = "[browser] "

    /// A one-time code in Docker's shape (`KJHF-BKGZ`: consonants, two groups of four),
    /// derived from the engine's seed and clock so that a replayed session shows the same.
    static func deviceCode(_ engine: EngineState) -> String {
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ")
        let bytes = SHA256.hash(Array("\(engine.ids.seed)/device-code/\(engine.clock.now.secondsSince1970)/\(engine.ids.counter)".utf8))
        let chars = bytes.prefix(8).map { letters[Int($0) % letters.count] }
        return String(chars[0..<4]) + "-" + String(chars[4..<8])
    }
}
