/// Docker's user-facing messages, gathered in one place so the wording stays exactly as
/// docker-behavior.md records it (Docker Engine 28.5 / CLI 28.5.2 / buildx 0.29).
public enum Message {
    // MARK: images and tags

    /// `Error response from daemon: No such image: foo:latest` (default tag appended to names).
    public static func noSuchImage(_ reference: String) -> String {
        "Error response from daemon: No such image: \(reference)"
    }

    /// `docker images ls` (a subcommand name given as a filter) matched nothing.
    public static func imagesSubcommandHint(_ word: String) -> String {
        "No images found matching \"\(word)\": did you mean \"docker image \(word)\"?"
    }

    /// `docker build -t MyApp .`: BuildKit (buildx 0.29) and legacy-builder wordings.
    public static func buildInvalidTag(_ tag: String, _ error: String, builder: BuilderKind) -> String {
        switch builder {
        case .buildKit: return "ERROR: failed to build: invalid tag \"\(tag)\": \(error)"
        case .classic: return "invalid argument \"\(tag)\" for \"-t, --tag\" flag: \(error)"
        }
    }

    /// `target stage "x" could not be found` (BuildKit adds a suggestion within edit distance 2).
    public static func targetNotFound(_ target: String, suggestion: String? = nil) -> String {
        "target stage \"\(target)\" could not be found" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
    }

    // MARK: rmi conflicts

    public static func rmiConflictRepositoryReference(_ typed: String, container: String, image: String) -> String {
        "Error response from daemon: conflict: unable to remove repository reference \"\(typed)\" (must force) - container \(container) is using its referenced image \(image)"
    }

    public static func rmiConflictMultipleRepositories(_ image: String) -> String {
        "Error response from daemon: conflict: unable to delete \(image) (must be forced) - image is referenced in multiple repositories"
    }

    public static func rmiConflictStoppedContainer(_ image: String, container: String) -> String {
        "Error response from daemon: conflict: unable to delete \(image) (must be forced) - image is being used by stopped container \(container)"
    }

    public static func rmiConflictRunningContainer(_ image: String, container: String) -> String {
        "Error response from daemon: conflict: unable to delete \(image) (cannot be forced) - image is being used by running container \(container)"
    }

    public static func rmiConflictChildImages(_ image: String) -> String {
        "Error response from daemon: conflict: unable to delete \(image) (cannot be forced) - image has dependent child images"
    }

    // MARK: pull and push

    public static func pullAccessDenied(_ repository: String) -> String {
        "Error response from daemon: pull access denied for \(repository), repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
    }

    public static func manifestNotFound(_ reference: String) -> String {
        "Error response from daemon: manifest for \(reference) not found: manifest unknown: manifest unknown"
    }

    public static let pullTagWithAllTags = "tag can't be used with --all-tags/-a"
    public static let pushDenied = "denied: requested access to the resource is denied"
    public static let pushDigestReference = "cannot push a digest reference"

    public static func pushNoLocalImage(_ repository: String) -> String {
        "An image does not exist locally with the tag: \(repository)"
    }

    public static func pushTagDoesNotExist(_ reference: String) -> String {
        "tag does not exist: \(reference)"
    }

    // MARK: login

    public static let loginPasswordOnCommandLine = "WARNING! Using --password via the CLI is insecure. Use --password-stdin."
    public static let loginSucceeded = "Login Succeeded"

    /// Printed on stderr before `Login Succeeded` when no credential helper is configured.
    public static func loginCredentialsStoredUnencrypted(configPath: String) -> String {
        "\nWARNING! Your credentials are stored unencrypted in '\(configPath)'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n"
    }

    /// A successful `docker login`: the `-p` warning and the unencrypted-storage warning
    /// on stderr (each only when it applies), `Login Succeeded` on stdout.
    public static func loginSucceededResult(passwordOnCommandLine: Bool, unencryptedConfigPath: String?) -> CommandResult {
        var err = passwordOnCommandLine ? loginPasswordOnCommandLine + "\n" : ""
        if let path = unencryptedConfigPath { err += loginCredentialsStoredUnencrypted(configPath: path) }
        return CommandResult(stdout: loginSucceeded + "\n", stderr: err)
    }

    public static func loginIncorrectPassword(registryURL: String = "https://registry-1.docker.io/v2/") -> String {
        "Error response from daemon: Get \"\(registryURL)\": unauthorized: incorrect username or password"
    }

    public static func loginExistingCredentials(_ user: String) -> String {
        "Authenticating with existing credentials... [Username: \(user)]"
    }

    public static func logout(_ server: String = "https://index.docker.io/v1/") -> String {
        "Removing login credentials for \(server)"
    }

    // MARK: run

    /// `Unable to find image 'python:3.99' locally` (stderr, before the pull output).
    public static func unableToFindImageLocally(_ reference: String) -> String {
        "Unable to find image '\(reference)' locally"
    }

    /// How CLI 28 ends a failed `docker run`: the message, a blank line, the help hint;
    /// exit status 125 for daemon errors.
    public static func runFailure(_ message: String, status: Int32 = 125) -> CommandResult {
        .failure("docker: \(message)\n\nRun 'docker run --help' for more information\n", status: status)
    }

    public static let runNoCommandSpecified = "Error response from daemon: no command specified"
}

/// Small outputs of container commands.
public enum ContainerOutput {
    /// `docker diff`: `C /etc`, `A /etc/app.conf`, `D /tmp/x`.
    public enum ChangeKind: String, Sendable { case changed = "C", added = "A", deleted = "D" }

    public static func diff(_ changes: [(kind: ChangeKind, path: String)]) -> String {
        changes.map { "\($0.kind.rawValue) \($0.path)\n" }.joined()
    }

    /// `docker commit` prints the new image's `sha256:<64hex>`; `docker run -d` the
    /// container's 64-hex ID. Either is printed as given.
    public static func fullID(_ id: String) -> String {
        id + "\n"
    }

    /// `docker stop|start|restart|rm NAME...` echo each argument as typed.
    public static func echoNames(_ names: [String]) -> String {
        names.map { $0 + "\n" }.joined()
    }

    /// `docker port CONTAINER`: `80/tcp -> 0.0.0.0:8080` per binding.
    public static func ports(_ bindings: [PortBinding]) -> String {
        bindings.compactMap { b -> String? in
            guard let hostPort = b.hostPort else { return nil }
            var ip = b.hostIP ?? "0.0.0.0"
            if ip.contains(":") { ip = "[\(ip)]" }
            return "\(b.containerPort)/\(b.proto) -> \(ip):\(hostPort)\n"
        }.joined()
    }
}
