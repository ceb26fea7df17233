/// A question a command asks on the terminal before it can finish: the password of
/// `docker login -u me`, the `[y/N]` of `docker image prune`. The command's result carries
/// it; the front end shows `prompt`, reads one line (without echo when `secret`) and hands
/// it to `DockerExecutor.answer(_:to:engine:host:)`, which goes on where the command
/// stopped. Keeping the question as data (not a callback) keeps the executor free of I/O
/// and lets a transcript replay the answers.
public struct InputRequest: Equatable, Sendable {
    /// Shown in front of the answer (`Password: `); may be empty (Docker's "Press ENTER").
    public var prompt: String
    /// Typed without echo (passwords).
    public var secret: Bool
    /// What the answer continues.
    public var continuation: Continuation

    public enum Continuation: Equatable, Sendable {
        /// A prune's confirmation: `y` or `Y` runs it as with `-f`.
        case confirm(DockerCommand)
        /// An interactive `docker login`.
        case login(LoginConversation)
    }

    public init(prompt: String, secret: Bool = false, continuation: Continuation) {
        self.prompt = prompt
        self.secret = secret
        self.continuation = continuation
    }
}

/// Where an interactive `docker login` stands between questions.
public struct LoginConversation: Equatable, Sendable {
    public enum Stage: Equatable, Sendable {
        /// `Username: ` (or `Username (alice): ` offering the stored name).
        case username(defaultName: String?)
        /// `Password: ` for this user.
        case password(username: String)
        /// Docker Hub's web login: the one-time code is shown and Docker waits for the
        /// browser; ENTER opens (here: simulates) the sign-in page.
        case browserWait(code: String)
        /// The simulated sign-in page asks for the Docker ID…
        case browserUsername(code: String)
        /// …and its password.
        case browserPassword(code: String, username: String)
    }

    /// The registry host (`docker.io`, `localhost:5000`).
    public var host: String
    /// A password given with `-p` (then only the user name is asked).
    public var givenPassword: String?
    public var stage: Stage

    public init(host: String, givenPassword: String? = nil, stage: Stage) {
        self.host = host
        self.givenPassword = givenPassword
        self.stage = stage
    }
}

extension CommandResult {
    /// Output so far plus a question the front end must ask before the command finishes.
    static func asking(_ request: InputRequest, stdout: String = "", stderr: String = "") -> CommandResult {
        var result = CommandResult(stdout: stdout, stderr: stderr)
        result.question = request
        return result
    }

    /// This output followed by an error on standard error, status 1.
    func failing(_ message: String) -> CommandResult {
        var result = self
        result.write(message, toStderr: true)
        result.exitStatus = 1
        return result
    }
}
