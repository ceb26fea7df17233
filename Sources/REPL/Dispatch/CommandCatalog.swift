/// The commands `help` lists, grouped, one line each, with longer help for `help COMMAND`.
/// Later work adds its own entries (lessons, more docker) with `add(_:)`.
public struct CommandCatalog: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var group: String
        public var usage: String
        public var summary: String
        public var details: String

        public init(name: String, group: String, usage: String, summary: String, details: String = "") {
            self.name = name
            self.group = group
            self.usage = usage
            self.summary = summary
            self.details = details
        }
    }

    /// Groups in the order `help` shows them.
    public var groups: [String]
    public private(set) var entries: [Entry]

    public init(groups: [String], entries: [Entry]) {
        self.groups = groups
        self.entries = entries
    }

    public mutating func add(_ entry: Entry) {
        entries.removeAll { $0.name == entry.name }
        entries.append(entry)
        if !groups.contains(entry.group) { groups.append(entry.group) }
    }

    /// The entry that describes typing Dockerfile instructions (not a command word).
    public static let instructionEntry = "INSTRUCTION"

    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// Every command name (for completion and "did you mean").
    public var names: [String] { entries.map(\.name) }

    public static let standard = CommandCatalog(
        groups: ["Workspace", "Docker", "Dockerfile", "Explain", "Lessons", "Session"],
        entries: [
            Entry(name: "ls", group: "Workspace", usage: "ls [-l] [-a] [PATH...]", summary: "list a directory",
                  details: "-l  long listing (mode, owner, size, time)\n-a  include names starting with '.'"),
            Entry(name: "cat", group: "Workspace", usage: "cat FILE...", summary: "show files; cat > FILE <<EOF writes one",
                  details: "cat > FILE <<EOF writes the lines up to EOF into FILE (>> appends).\nWith <<'EOF' the lines are kept literally; with <<EOF, $NAME is expanded."),
            Entry(name: "echo", group: "Workspace", usage: "echo [-n] TEXT [> FILE | >> FILE]", summary: "print text, or write it to a file",
                  details: "> FILE replaces the file, >> FILE appends to it; -n leaves out the final newline."),
            Entry(name: "touch", group: "Workspace", usage: "touch FILE...", summary: "create empty files"),
            Entry(name: "rm", group: "Workspace", usage: "rm [-r] [-f] PATH...", summary: "remove files (directories with -r)"),
            Entry(name: "cp", group: "Workspace", usage: "cp [-r] SOURCE... DEST", summary: "copy files (directories with -r)"),
            Entry(name: "mv", group: "Workspace", usage: "mv SOURCE... DEST", summary: "move or rename files and directories"),
            Entry(name: "mkdir", group: "Workspace", usage: "mkdir [-p] DIR...", summary: "create directories (-p: with parents)"),
            Entry(name: "cd", group: "Workspace", usage: "cd [DIR]", summary: "change directory (no argument: /app)"),
            Entry(name: "pwd", group: "Workspace", usage: "pwd", summary: "print the current directory"),
            Entry(name: "tree", group: "Workspace", usage: "tree [DIR]", summary: "show a directory as a tree"),
            Entry(name: "edit", group: "Workspace", usage: "edit FILE", summary: "edit a file in $EDITOR (terminal only)",
                  details: "The file is copied to a temporary file in Dockyard's state directory, $EDITOR\n(or vi) opens it, and the result is copied back into the workspace."),
            Entry(name: "docker", group: "Docker", usage: "docker COMMAND [ARG...]", summary: "run a Docker command (help docker lists them)",
                  details: "DOCKER_BUILDKIT=0 docker build ... selects the classic builder."),
            Entry(name: "curl", group: "Docker", usage: "curl [-fsSL] URL", summary: "fetch http://localhost:PORT/... from a container's published port",
                  details: "Only localhost is reachable: the container publishing PORT (docker run -p PORT:...)\nanswers. -f fails on HTTP errors; -s, -S and -L are accepted."),
            Entry(name: CommandCatalog.instructionEntry, group: "Dockerfile", usage: "FROM, RUN, COPY, ...", summary: "type an instruction: it is added to ./Dockerfile and built at once",
                  details: "A pasted Dockerfile (starting with FROM or ARG) replaces ./Dockerfile.\nA typed FROM line starts another stage; to change the base, use dockerfile replace 1 FROM ...\nhelp dockerfile lists the instructions; help FROM explains one."),
            Entry(name: "dockerfile", group: "Dockerfile", usage: "dockerfile [EDIT N ...]", summary: "show ./Dockerfile numbered; EDIT: replace, insert, delete",
                  details: "dockerfile replace N INSTRUCTION  replace line N (a whole multi-line instruction)\ndockerfile insert N INSTRUCTION   insert before line N (N = last+1 appends)\ndockerfile delete N               delete line N\nEach change is parsed first (a bad line leaves the file as it was), then the\nimage is rebuilt as dockyard-snippet, showing which steps came from the cache."),
            Entry(name: "explain", group: "Explain", usage: "explain [STEP]", summary: "the last build's cache decisions (one step: its cache key)"),
            Entry(name: "layers", group: "Explain", usage: "layers IMAGE", summary: "an image's layers: what each changed, and wasted bytes"),
            Entry(name: "compare", group: "Explain", usage: "compare IMAGE IMAGE", summary: "layers two images share, and what sharing saves"),
            Entry(name: "export", group: "Explain", usage: "export svg|html FILE [IMAGE] [--force]", summary: "write the layer picture to a real file",
                  details: "Without IMAGE: the last build's layer stack; with IMAGE: that image's layers.\nA relative FILE is relative to the directory dockyard was started in;\nan existing file is replaced only with --force."),
            Entry(name: "watch", group: "Explain", usage: "watch on [BUILD OPTIONS] | watch off", summary: "rebuild at every edit and show only the layer stack",
                  details: "Options: -t TAG, --build-arg NAME=VALUE, --no-cache, --target STAGE, --classic, -f FILE."),
            Entry(name: "set", group: "Session", usage: "set explain on|off", summary: "show or hide the layer stack after each build",
                  details: "set width COLUMNS lays the views out for that many columns (a projector, a narrow pane)."),
            Entry(name: "lessons", group: "Lessons", usage: "lessons", summary: "list the lessons, with your progress"),
            Entry(name: "help", group: "Session", usage: "help [COMMAND]", summary: "list commands, or explain one"),
            Entry(name: "undo", group: "Session", usage: "undo", summary: "take back the last change (workspace, images, cache)",
                  details: "Up to 100 steps. Commands that change nothing (ls, docker images) are skipped."),
            Entry(name: "redo", group: "Session", usage: "redo", summary: "do again what undo took back"),
            Entry(name: "history", group: "Session", usage: "history [N]", summary: "show the commands entered (the last N)"),
            Entry(name: "clear", group: "Session", usage: "clear", summary: "clear the screen"),
            Entry(name: "exit", group: "Session", usage: "exit [STATUS]", summary: "leave Dockyard (also quit, or Ctrl-D)"),
            Entry(name: "quit", group: "Session", usage: "quit", summary: "leave Dockyard"),
        ]
    )
}

/// Finds the known word nearest to a mistyped one.
public enum Suggestion {
    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), so
    /// `dokcer` is one edit from `docker`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The nearest candidate within a distance that still reads as a typo (1 for short
    /// words, 2 from four letters), compared case-insensitively; ties go to the earlier one.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        guard word.count <= 40 else { return nil }
        let lower = word.lowercased()
        let limit = word.count >= 4 ? 2 : 1
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lower, candidate.lowercased())
            if d == 0 { continue }
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }
}
