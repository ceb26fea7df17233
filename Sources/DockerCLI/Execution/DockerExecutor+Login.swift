import Engine
import ImageReference

// `docker login` as CLI 28 runs it: the option checks, stored credentials, then — when a
// user name or password is missing and standard input is a terminal — questions: Docker
// Hub without `-u` uses the web (device-code) login, anything else asks `Username: ` and
// `Password: `. Each question goes back to the front end as an `InputRequest`; the answer
// comes in through `answer(_:to:engine:host:)`, which continues the conversation here.
extension DockerExecutor {
    func login(_ o: LoginOptions, engine: inout EngineState, host: HostContext) -> CommandResult {
        var err = ""
        var password = o.password ?? ""
        let username = o.username ?? ""
        if !password.isEmpty {
            err += Message.loginPasswordOnCommandLine + "\n"
            if o.passwordStdin { return .failure(err + "--password and --password-stdin are mutually exclusive\n") }
        }
        if o.passwordStdin {
            if username.isEmpty { return .failure(err + "Must provide --username with --password-stdin\n") }
            // Byte-wise, as Go trims: "\r\n" is one Character in Swift.
            var bytes = Array((host.stdin ?? "").utf8)
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            password = String(decoding: bytes, as: UTF8.self)
        }
        let registryHost = EngineState.registryHost(forServer: o.server)
        var out = ""
        var storedName: String?
        if username.isEmpty && password.isEmpty, let user = engine.storedLogin(host: registryHost) {
            out += Message.loginExistingCredentials(user) + "\nTo login with a different account, run 'docker logout' followed by 'docker login'\n\n"
            if engine.storedLoginIsValid(host: registryHost) {
                err += Message.loginCredentialsStoredUnencrypted(configPath: RegistryStore.configPath) + "\n"
                return CommandResult(stdout: out + Message.loginSucceeded + "\n", stderr: err)
            }
            err += "Stored credentials invalid or expired\n"
            storedName = user
        }
        if !username.isEmpty && !password.isEmpty {
            return completeLogin(host: registryHost, username: username, password: password, stdout: out, stderr: err, engine: &engine)
        }
        // Docker checks standard input, not output: `cat | docker login` cannot ask.
        guard host.stdinIsTerminal else {
            return CommandResult(stdout: out, stderr: err + "Error: Cannot perform an interactive login from a non TTY device\n", exitStatus: 1)
        }
        if registryHost == Reference.defaultDomain && username.isEmpty && password.isEmpty {
            let code = Self.deviceCode(engine)
            let request = InputRequest(prompt: "", continuation: .login(LoginConversation(host: registryHost, stage: .browserWait(code: code))))
            return .asking(request, stdout: out, stderr: err + Self.webLoginBanner(code: code) + Self.noBrowserNote)
        }
        if username.isEmpty {
            return askUsername(LoginConversation(host: registryHost, givenPassword: password.isEmpty ? nil : password, stage: .username(defaultName: storedName)),
                               stdout: out, stderr: err)
        }
        return askPassword(LoginConversation(host: registryHost, stage: .password(username: username)), stdout: out, stderr: err)
    }

    /// Goes on with a login after the learner answered (nil: Ctrl-C or end of input).
    func continueLogin(_ conversation: LoginConversation, reply: String?, engine: inout EngineState) -> CommandResult {
        var next = conversation
        switch conversation.stage {
        case .username(let defaultName):
            // Docker's prompt ends with "prompt terminated", a cancellation: exit 0, no text.
            guard let reply else { return CommandResult() }
            var name = Self.trimmedSpace(reply)
            if name.isEmpty { name = defaultName ?? "" }
            if name.isEmpty { return .failure("error: username is required\n") }
            if let password = conversation.givenPassword {
                return completeLogin(host: conversation.host, username: name, password: password, stdout: "", stderr: "", engine: &engine)
            }
            next.stage = .password(username: name)
            return askPassword(next, stdout: "", stderr: "")
        case .password(let username):
            guard let reply else { return CommandResult() }
            // Docker trims blanks around the typed password too (prompt.ReadInput).
            let password = Self.trimmedSpace(reply)
            if password.isEmpty { return .failure("error: password is required\n") }
            return completeLogin(host: conversation.host, username: username, password: password, stdout: "", stderr: "", engine: &engine)
        case .browserWait(let code):
            guard reply != nil else { return .failure("login canceled\n") }
            next.stage = .browserUsername(code: code)
            return .asking(InputRequest(prompt: Self.browserPrompt + "Username: ", continuation: .login(next)),
                           stderr: "dockyard: simulated browser: code \(code) confirmed at login.docker.com.\n"
                               + "dockyard: sign in with your Docker ID (a new name creates a simulated account).\n")
        case .browserUsername(let code):
            guard let reply else { return .failure("login canceled\n") }
            let name = Self.trimmedSpace(reply)
            if name.isEmpty {
                return .asking(InputRequest(prompt: Self.browserPrompt + "Username: ", continuation: .login(next)),
                               stderr: "dockyard: simulated browser: enter your Docker ID.\n")
            }
            next.stage = .browserPassword(code: code, username: name)
            return .asking(InputRequest(prompt: Self.browserPrompt + "Password: ", secret: true, continuation: .login(next)))
        case .browserPassword(let code, let username):
            guard let reply else { return .failure("login canceled\n") }
            var attempt = engine
            do {
                let report = try attempt.login(host: conversation.host, username: username, password: reply)
                engine = attempt
                var err = report.createdAccount ? RegistryRendering.accountCreatedNote(username, host: conversation.host) : ""
                err += Message.loginCredentialsStoredUnencrypted(configPath: RegistryStore.configPath) + "\n"
                return CommandResult(stdout: Message.loginSucceeded + "\n", stderr: err)
            } catch {
                // The sign-in page says so and asks again; the CLI keeps waiting.
                next.stage = .browserUsername(code: code)
                var note = "dockyard: simulated browser: incorrect username or password; try again.\n"
                if engine.registries.registry(conversation.host)?.accounts[username] == nil {
                    note += Self.newAccountRule(host: conversation.host)
                }
                return .asking(InputRequest(prompt: Self.browserPrompt + "Username: ", continuation: .login(next)), stderr: note)
            }
        }
    }

    /// `Username: ` (with Docker Hub's sign-up hint first).
    func askUsername(_ conversation: LoginConversation, stdout: String, stderr: String) -> CommandResult {
        var out = stdout
        if conversation.host == Reference.defaultDomain { out += Self.dockerHubUsernameHint }
        var prompt = "Username: "
        if case .username(let defaultName?) = conversation.stage, !defaultName.isEmpty { prompt = "Username (\(defaultName)): " }
        return .asking(InputRequest(prompt: prompt, continuation: .login(conversation)), stdout: out, stderr: stderr)
    }

    /// `Password: `, typed without echo (with Docker Hub's note about access tokens first).
    func askPassword(_ conversation: LoginConversation, stdout: String, stderr: String) -> CommandResult {
        var err = stderr
        if conversation.host == Reference.defaultDomain {
            err += Self.infoNote("A Personal Access Token (PAT) can be used instead.\nTo create a PAT, visit https://app.docker.com/settings\n\n")
        }
        return .asking(InputRequest(prompt: "Password: ", secret: true, continuation: .login(conversation)), stdout: stdout, stderr: err)
    }

    /// Checks the credentials against the simulated registry and stores them.
    func completeLogin(host registryHost: String, username: String, password: String, stdout: String, stderr: String, engine: inout EngineState) -> CommandResult {
        var err = stderr
        let report: LoginReport
        do { report = try engine.login(host: registryHost, username: username, password: password) } catch {
            var hint = ""
            if case .unauthorized = error, engine.registries.registry(registryHost)?.accounts[username] == nil {
                hint = Self.newAccountRule(host: registryHost)
            }
            return CommandResult(stdout: stdout, stderr: err + "Error response from daemon: \(error)\n" + hint, exitStatus: 1)
        }
        if report.createdRegistry { err += RegistryRendering.simulatedRegistryNote(registryHost) }
        if report.createdAccount { err += RegistryRendering.accountCreatedNote(username, host: registryHost) }
        err += Message.loginCredentialsStoredUnencrypted(configPath: RegistryStore.configPath) + "\n"
        return CommandResult(stdout: stdout + Message.loginSucceeded + "\n", stderr: err)
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

    /// Go's strings.TrimSpace for what a prompt reads.
    static func trimmedSpace(_ text: String) -> String {
        let blanks: Set<Character> = [" ", "\t", "\r", "\n", "\u{0B}", "\u{0C}"]
        return String(text.drop(while: { blanks.contains($0) }).reversed().drop(while: { blanks.contains($0) }).reversed())
    }
}
