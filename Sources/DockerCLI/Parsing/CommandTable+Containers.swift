import Dockerfile

// The container commands added beside run/ps/logs...: create, kill, rename, cp, top, wait,
// as docker/cli 28 declares them.
extension CommandTable {
    static let create = CommandSpec(
        ["container", "create"], usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]", short: "Create a new container",
        aliases: ["docker container create", "docker create"],
        // `docker run`'s flags that the simulator supports, less the run-only `--detach`.
        flags: run.flags.filter { $0.name != "detach" },
        args: .min(1), interspersed: false
    ) { f, a, _ in
        var o = RunOptions(image: a[0])
        o.command = Array(a.dropFirst())
        o.entrypoint = f.string("entrypoint"); o.env = f.list("env")
        o.interactive = f.bool("interactive"); o.name = f.string("name"); o.publish = f.list("publish")
        o.remove = f.bool("rm"); o.tty = f.bool("tty"); o.user = f.string("user"); o.workdir = f.string("workdir")
        return .create(o)
    }

    static let kill = CommandSpec(
        ["container", "kill"], usage: "[OPTIONS] CONTAINER [CONTAINER...]", short: "Kill one or more running containers",
        aliases: ["docker container kill", "docker kill"],
        flags: [.string("signal", "s", "Signal to send to the container")],
        args: .min(1)
    ) { f, a, _ in
        var o = KillOptions(containers: a)
        o.signal = f.string("signal")
        return .kill(o)
    }

    static let rename = CommandSpec(
        ["container", "rename"], usage: "CONTAINER NEW_NAME", short: "Rename a container",
        aliases: ["docker container rename", "docker rename"], flags: [], args: .exact(2)
    ) { _, a, _ throws(DockerCLIError) in
        // The CLI trims and checks before asking the daemon.
        let old = a[0].trimmingSpaces(), new = a[1].trimmingSpaces()
        if old.isEmpty || new.isEmpty { throw .message("Error: Neither old nor new names may be empty", status: 1) }
        return .rename(RenameOptions(container: old, newName: new))
    }

    static let cp: CommandSpec = {
        var spec = CommandSpec(
            ["container", "cp"], usage: "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
            short: "Copy files/folders between a container and the local filesystem",
            aliases: ["docker container cp", "docker cp"],
            flags: [
                .bool("archive", "a", "Archive mode (copy all uid/gid information)"),
                .bool("follow-link", "L", "Always follow symbol link in SRC_PATH"),
                .bool("quiet", "q", "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached"),
            ],
            args: .exact(2)
        ) { f, a, _ throws(DockerCLIError) in
            if a[0].isEmpty { throw .message("source can not be empty", status: 1) }
            if a[1].isEmpty { throw .message("destination can not be empty", status: 1) }
            var o = CopyOptions(source: a[0], destination: a[1])
            o.archive = f.bool("archive"); o.followLink = f.bool("follow-link")
            if f.isSet("quiet") { o.quiet = f.bool("quiet") }
            return .cp(o)
        }
        spec.long = """
            Copy files/folders between a container and the local filesystem

            Use '-' as the source to read a tar archive from stdin
            and extract it to a directory destination in a container.
            Use '-' as the destination to stream a tar archive of a
            container source to stdout.
            """
        return spec
    }()

    static let top = CommandSpec(
        ["container", "top"], usage: "CONTAINER [ps OPTIONS]", short: "Display the running processes of a container",
        aliases: ["docker container top", "docker top"], flags: [], args: .min(1), interspersed: false
    ) { _, a, _ in
        var o = TopOptions(container: a[0])
        o.psOptions = Array(a.dropFirst())
        return .top(o)
    }

    static let wait = CommandSpec(
        ["container", "wait"], usage: "CONTAINER [CONTAINER...]", short: "Block until one or more containers stop, then print their exit codes",
        aliases: ["docker container wait", "docker wait"], flags: [], args: .min(1)
    ) { _, a, _ in .wait(ContainerNamesOptions(containers: a)) }
}
