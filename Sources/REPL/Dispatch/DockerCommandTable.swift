/// The `docker` subcommands and flags the REPL knows about, for completion, `help` and
/// unknown-command messages. A static table for now; the Docker work extends it.
public struct DockerCommandTable: Sendable {
    public struct Command: Sendable, Equatable {
        public var name: String
        public var summary: String
        public var flags: [String]
        public var subcommands: [String]

        public init(name: String, summary: String, flags: [String] = [], subcommands: [String] = []) {
            self.name = name
            self.summary = summary
            self.flags = flags
            self.subcommands = subcommands
        }
    }

    public var commands: [Command]

    public init(commands: [Command]) { self.commands = commands }

    public func command(named name: String) -> Command? {
        commands.first { $0.name == name }
    }

    public static let standard = DockerCommandTable(commands: [
        Command(name: "build", summary: "Build an image from a Dockerfile",
                flags: ["--build-arg", "--file", "--label", "--no-cache", "--platform", "--progress", "--pull", "--quiet", "--tag", "--target", "-f", "-q", "-t"]),
        Command(name: "builder", summary: "Manage builds", subcommands: ["prune"]),
        Command(name: "history", summary: "Show the history of an image",
                flags: ["--format", "--human", "--no-trunc", "--quiet", "-H", "-q"]),
        Command(name: "image", summary: "Manage images",
                subcommands: ["build", "history", "inspect", "ls", "prune", "pull", "push", "rm", "tag"]),
        Command(name: "images", summary: "List images",
                flags: ["--all", "--digests", "--filter", "--format", "--no-trunc", "--quiet", "-a", "-f", "-q"]),
        Command(name: "inspect", summary: "Return low-level information on Docker objects",
                flags: ["--format", "--size", "--type", "-f", "-s"]),
        Command(name: "login", summary: "Authenticate to a registry", flags: ["--password", "--username", "-p", "-u"]),
        Command(name: "logout", summary: "Log out from a registry"),
        Command(name: "ps", summary: "List containers", flags: ["--all", "--format", "--no-trunc", "--quiet", "-a", "-q"]),
        Command(name: "pull", summary: "Download an image from a registry",
                flags: ["--all-tags", "--platform", "--quiet", "-a", "-q"]),
        Command(name: "push", summary: "Upload an image to a registry", flags: ["--all-tags", "--quiet", "-a", "-q"]),
        Command(name: "rm", summary: "Remove one or more containers", flags: ["--force", "--volumes", "-f", "-v"]),
        Command(name: "rmi", summary: "Remove one or more images", flags: ["--force", "--no-prune", "-f"]),
        Command(name: "run", summary: "Create and run a new container from an image",
                flags: ["--detach", "--entrypoint", "--env", "--interactive", "--name", "--publish", "--rm", "--tty", "--user", "--volume", "--workdir", "-d", "-e", "-i", "-it", "-p", "-t", "-u", "-v", "-w"]),
        Command(name: "save", summary: "Save one or more images to a tar archive", flags: ["--output", "-o"]),
        Command(name: "load", summary: "Load an image from a tar archive", flags: ["--input", "--quiet", "-i", "-q"]),
        Command(name: "system", summary: "Manage Docker", subcommands: ["df", "prune"]),
        Command(name: "tag", summary: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"),
        Command(name: "version", summary: "Show the Docker version information", flags: ["--format", "-f"]),
    ])
}
