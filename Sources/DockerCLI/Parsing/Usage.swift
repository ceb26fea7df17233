/// `--help` texts in docker/cli's layout (its cobra usage template and pflag's flag table,
/// wrapped at 79 columns). The wording of descriptions comes from `CommandTable`.
public enum Usage {
    /// `docker build --help`, `docker tag --help` ...
    public static func help(for spec: CommandSpec) -> String {
        help(for: spec, path: spec.path)
    }

    /// Help for `spec` as invoked through `path` (`docker tag` and `docker image tag` name
    /// themselves in their usage line).
    public static func help(for spec: CommandSpec, path: [String]) -> String {
        let useLine = DockerParser.useLine(spec, path)
        var out = "\nUsage:  \(useLine)\n\n\(spec.long ?? spec.short)\n"
        if !spec.aliases.isEmpty {
            out += "\nAliases:\n  \(spec.aliases.joined(separator: ", "))\n"
        }
        let table = flagTable(spec.flags, width: 79)
        if !table.isEmpty {
            out += "\nOptions:\n" + table
        }
        return out
    }

    /// `docker image --help`.
    public static func groupHelp(_ group: CommandTable.Group) -> String {
        var out = "\nUsage:  docker \(group.name) COMMAND\n\n\(group.short)\n\nCommands:\n"
        let subs = CommandTable.subcommands(of: group.name)
        let pad = max(11, subs.map(\.name.count).max() ?? 0)
        for sub in subs {
            out += "  " + GoFormat.padRight(sub.name, pad) + " " + sub.short + "\n"
        }
        out += "\nRun 'docker \(group.name) COMMAND --help' for more information on a command.\n"
        return out
    }

    /// The commands listed in `docker --help`, by section, as CLI 28 groups them (only the
    /// ones this simulator implements).
    static let commonCommands: [(String, String)] = [
        ("run", CommandTable.run.short), ("exec", CommandTable.exec.short), ("ps", CommandTable.ps.short),
        ("build", CommandTable.classicBuild.short), ("pull", CommandTable.pull.short), ("push", CommandTable.push.short),
        ("images", CommandTable.images.short), ("login", CommandTable.login.short), ("logout", CommandTable.logout.short),
        ("search", CommandTable.search.short), ("version", CommandTable.version.short), ("info", CommandTable.info.short),
    ]

    /// Listed sorted by name, as cobra lists them.
    static let otherCommands: [(String, String)] = [
        ("commit", CommandTable.commit.short), ("diff", CommandTable.diff.short), ("history", CommandTable.history.short),
        ("inspect", CommandTable.inspect.short), ("logs", CommandTable.logs.short), ("port", CommandTable.port.short),
        ("restart", CommandTable.restart.short), ("rm", CommandTable.rm.short), ("rmi", CommandTable.rmi.short),
        ("start", CommandTable.start.short), ("stop", CommandTable.stop.short), ("tag", CommandTable.tag.short),
        ("cp", CommandTable.cp.short), ("create", CommandTable.create.short), ("kill", CommandTable.kill.short),
        ("rename", CommandTable.rename.short), ("top", CommandTable.top.short), ("wait", CommandTable.wait.short),
    ]

    /// `docker --help`.
    public static func rootHelp() -> String {
        func row(_ name: String, _ short: String) -> String { "  " + GoFormat.padRight(name, 12) + short + "\n" }
        var out = "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n"
        out += "\nCommon Commands:\n" + commonCommands.map { row($0.0, $0.1) }.joined()
        out += "\nManagement Commands:\n" + CommandTable.groups.map { row($0.name + ($0.isPlugin ? "*" : ""), $0.short) }.joined()
        out += "\nCommands:\n" + otherCommands.sorted { $0.0 < $1.0 }.map { row($0.0, $0.1) }.joined()
        out += "\nGlobal Options:\n" + flagTable(DockerParser.globalFlags, width: 79)
        out += "\nRun 'docker COMMAND --help' for more information on a command.\n"
        out += "\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n"
        return out
    }

    /// pflag's `FlagUsagesWrapped`: `  -t, --tag list   usage (default ...)`, the usage
    /// column aligned after the longest flag, wrapped to `width`.
    static func flagTable(_ flags: [FlagSpec], width: Int) -> String {
        var rows: [(String, String)] = []
        for flag in flags where !flag.hidden {
            var left = flag.short.map { "  -\($0), --\(flag.name)" } ?? "      --\(flag.name)"
            if flag.kind != .bool { left += " " + flag.typeName }
            var usage = flag.usage
            if let d = flag.defaultText { usage += flag.typeName == "string" ? " (default \"\(d)\")" : " (default \(d))" }
            rows.append((left, usage))
        }
        let maxLen = (rows.map { $0.0.count + 1 }.max() ?? 0)
        var out = ""
        for (left, usage) in rows {
            let spacing = String(repeating: " ", count: max(0, maxLen - left.count))
            out += left + " " + spacing + " " + wrap(indent: maxLen + 2, width: width, usage) + "\n"
        }
        return out
    }

    /// pflag's `wrap`: fits `s` into `width - indent` columns, continuation lines indented;
    /// too little room puts the text on its own lines indented by 16.
    static func wrap(indent: Int, width: Int, _ text: String) -> String {
        var i = indent
        var room = width - i
        var result = ""
        if room < 24 {
            i = 16
            room = width - i
            result += "\n" + String(repeating: " ", count: i)
        }
        if room < 24 { return result + text }
        let slop = 5
        room -= slop
        var (line, rest) = wrapN(room, slop, text)
        result += line
        while !rest.isEmpty {
            (line, rest) = wrapN(room, slop, rest)
            result += "\n" + String(repeating: " ", count: i) + line
        }
        return result
    }

    private static func wrapN(_ i: Int, _ slop: Int, _ s: String) -> (String, String) {
        let chars = Array(s)
        if i + slop > chars.count { return (s, "") }
        guard let w = chars[0..<i].lastIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" }), w > 0 else {
            return (s, "")
        }
        return (String(chars[0..<w]), String(chars[(w + 1)...]))
    }
}
