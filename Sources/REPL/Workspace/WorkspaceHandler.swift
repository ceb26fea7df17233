import DockerCLI
import Engine

/// Shell-like commands on the workspace (the virtual host folder that becomes the build
/// context). Errors read like GNU coreutils' and bash's; nothing touches the real disk
/// (`edit` goes through the injected `ExternalEditor`).
public struct WorkspaceHandler: CommandHandler {
    public static let commandNames: [String] = ["ls", "cat", "echo", "touch", "rm", "cp", "mv", "mkdir", "cd", "pwd", "tree", "edit"]

    public init() {}

    public func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        guard WorkspaceHandler.commandNames.contains(command.commandWord) else { return nil }
        let tokens: [(token: ShellToken, pattern: String?)]
        switch ShellWords.splitWithPatterns(command.entry.text, variables: { session.variable($0) }) {
        case .failure(let error): return .failure("dockyard: \(error.message)\n", status: 2)
        case .success(let t): tokens = t
        }

        // Words, the output redirection (last one wins, as in a shell) and standard input.
        var words: [String] = []
        var redirect: (target: String, append: Bool)?
        var heredocIndex = 0
        var stdin: [UInt8]?
        var i = 0
        while i < tokens.count {
            switch tokens[i].token {
            case .word(let w):
                // `ls *.py`: an unquoted wildcard expands to the matching paths, sorted; with
                // no match the word stays as typed, as in a shell.
                if !words.isEmpty, let pattern = tokens[i].pattern {
                    let matches = session.workspace.glob(pattern, cwd: session.cwd)
                    words += matches.isEmpty ? [w] : matches
                } else {
                    words.append(w)
                }
            case .redirectOut(let append):
                guard i + 1 < tokens.count, case .word(let target) = tokens[i + 1].token else {
                    return .failure("dockyard: syntax error near unexpected token `newline'\n", status: 2)
                }
                redirect = (target, append)
                i += 1
            case .heredoc(let marker):
                let body = heredocIndex < command.entry.heredocBodies.count ? command.entry.heredocBodies[heredocIndex] : ""
                heredocIndex += 1
                if marker.quoted {
                    stdin = Array(body.utf8)
                } else {
                    switch ShellWords.expandHeredocBody(body, variables: { session.variable($0) }) {
                    case .success(let text): stdin = Array(text.utf8)
                    case .failure(let error): return .failure("dockyard: \(error.message)\n", status: 2)
                    }
                }
            }
            i += 1
        }
        words.removeFirst(min(command.assignments.count, words.count))  // `LANG=C ls`: ignored
        guard let name = words.first else { return nil }
        let args = Array(words.dropFirst())

        // Move the session in and back out rather than copying it, so the workspace tree
        // stays uniquely referenced and is not copied on the first write.
        var workspace = Workspace(session: Session.placeholder)
        swap(&workspace.session, &session)
        defer { swap(&workspace.session, &session) }
        if let redirect {
            if let error = workspace.openForWriting(redirect.target, append: redirect.append) {
                return .failure(error, status: 1)
            }
        }
        var result: CommandResult
        switch name {
        // ls writes one name per line when its output is not a terminal.
        case "ls": result = workspace.ls(redirect == nil ? args : ["-1"] + args)
        case "cat": result = workspace.cat(args, stdin: stdin)
        case "echo": result = workspace.echo(args)
        case "touch": result = workspace.touch(args)
        case "rm": result = workspace.rm(args)
        case "cp": result = workspace.copyOrMove(args, move: false)
        case "mv": result = workspace.copyOrMove(args, move: true)
        case "mkdir": result = workspace.mkdir(args)
        case "cd": result = workspace.cd(args)
        case "pwd": result = .ok(workspace.session.cwd + "\n")
        case "tree": result = workspace.tree(args)
        case "edit": result = workspace.edit(args, editor: services.editor)
        default: return nil
        }
        if let redirect {
            workspace.write(redirect.target, Array(result.stdout.utf8), append: true)
            result.stdout = ""
        }
        return result
    }
}

/// The workspace commands proper, over a copy of the session (written back by the handler).
struct Workspace {
    var session: Session

    /// Read-only view; mutations go through `session.workspace` directly so that the
    /// dictionary is not copied on write.
    private var tree: FileTree { session.workspace }

    // MARK: Paths

    func resolve(_ arg: String) -> String? {
        WorkspacePath.resolve(arg, cwd: session.cwd)
    }

    /// An empty operand (`rm ''`) names no file: the kernel answers ENOENT. `resolve` would
    /// give the current directory, which `rm -rf ''` must not remove.
    static let noSuchFile = "No such file or directory"

    func isDirectory(_ path: String) -> Bool { tree.isDirectory(path) }

    func exists(_ path: String) -> Bool { path == "/" || tree[path] != nil }

    static func aboveRoot(_ command: String, _ arg: String) -> String {
        "\(command): \(arg): No such file or directory (the workspace has nothing above /)\n"
    }

    /// Why a new entry cannot be created at `path` ("No such file or directory",
    /// "Not a directory"), or nil when its parent directory exists.
    func parentProblem(_ path: String) -> String? {
        let parent = FileTree.parent(of: path)
        if isDirectory(parent) { return nil }
        var ancestor = parent
        while ancestor != "/" {
            if let node = tree[ancestor], !node.isDirectory { return "Not a directory" }
            ancestor = FileTree.parent(of: ancestor)
        }
        return "No such file or directory"
    }

    mutating func touchTime(_ path: String) {
        session.modified[path] = session.clock.now
    }

    // MARK: Redirection

    /// Opens (creates or truncates) a redirection target; returns an error line on failure.
    mutating func openForWriting(_ target: String, append: Bool) -> String? {
        guard let path = resolve(target) else { return "dockyard: \(target): No such file or directory (the workspace has nothing above /)\n" }
        if isDirectory(path) { return "dockyard: \(target): Is a directory\n" }
        if let problem = parentProblem(path) { return "dockyard: \(target): \(problem)\n" }
        if !append || tree[path] == nil { write(target, [], append: false) }
        return nil
    }

    mutating func write(_ target: String, _ bytes: [UInt8], append: Bool) {
        guard let path = resolve(target) else { return }
        var content: [UInt8] = []
        var mode: UInt32 = 0o644
        if let node = tree[path], case .file(let existing) = node.kind {
            mode = node.mode
            if append, case .bytes(let b) = existing { content = b }
        }
        content += bytes
        session.workspace.set(path, .file(.bytes(content), mode: mode))
        touchTime(path)
    }

    // MARK: Options

    /// Splits `-abc` style flags from operands (a lone `-` and everything after `--` are
    /// operands). Returns the flag letters, long options and operands.
    static func options(_ args: [String]) -> (letters: [Character], long: [String], operands: [String]) {
        var letters: [Character] = [], long: [String] = [], operands: [String] = []
        var onlyOperands = false
        for a in args {
            if onlyOperands || a == "-" || !a.hasPrefix("-") { operands.append(a); continue }
            if a == "--" { onlyOperands = true; continue }
            if a.hasPrefix("--") { long.append(a); continue }
            letters += a.dropFirst()
        }
        return (letters, long, operands)
    }

    static func badOption(_ command: String, letters: [Character], allowed: String, long: [String], allowedLong: [String]) -> CommandResult? {
        if let bad = letters.first(where: { !allowed.contains($0) }) {
            return .failure("\(command): invalid option -- '\(bad)'\nTry '\(command) --help' for more information.\n", status: command == "ls" ? 2 : 1)
        }
        if let bad = long.first(where: { !allowedLong.contains($0) }) {
            return .failure("\(command): unrecognized option '\(bad)'\nTry '\(command) --help' for more information.\n", status: command == "ls" ? 2 : 1)
        }
        return nil
    }

    // MARK: ls

    func ls(_ args: [String]) -> CommandResult {
        let (letters, long, operands) = Workspace.options(args)
        if let bad = Workspace.badOption("ls", letters: letters, allowed: "la1", long: long, allowedLong: ["--all"]) { return bad }
        let longFormat = letters.contains("l")
        let all = letters.contains("a") || long.contains("--all")
        let onePerLine = letters.contains("1")

        var stderr = ""
        var status: Int32 = 0
        var files: [(shown: String, path: String)] = []
        var dirs: [(shown: String, path: String)] = []
        for operand in operands.isEmpty ? ["."] : operands {
            if operand.isEmpty {
                stderr += "ls: cannot access '': \(Workspace.noSuchFile)\n"
                status = 2
                continue
            }
            guard let path = resolve(operand) else {
                stderr += "ls: cannot access '\(operand)': No such file or directory (the workspace has nothing above /)\n"
                status = 2
                continue
            }
            if !exists(path) {
                stderr += "ls: cannot access '\(operand)': No such file or directory\n"
                status = 2
            } else if isDirectory(path) {
                dirs.append((operand, path))
            } else {
                files.append((operand, path))
            }
        }
        files.sort { $0.shown < $1.shown }
        dirs.sort { $0.shown < $1.shown }

        var sections: [String] = []
        if !files.isEmpty {
            sections.append(render(files.map { ($0.shown, $0.path) }, long: longFormat, onePerLine: onePerLine, total: false))
        }
        let headers = dirs.count > 1 || !files.isEmpty || status != 0
        for dir in dirs {
            var rows: [(String, String)] = []
            if all {
                rows.append((".", dir.path))
                rows.append(("..", FileTree.parent(of: dir.path)))
            }
            for child in tree.children(of: dir.path) {
                let name = WorkspacePath.name(of: child)
                if !all && name.hasPrefix(".") { continue }
                rows.append((name, child))
            }
            let body = render(rows, long: longFormat, onePerLine: onePerLine, total: true)
            sections.append(headers ? "\(dir.shown):\n" + body : body)
        }
        return CommandResult(stdout: sections.joined(separator: "\n"), stderr: stderr, exitStatus: status)
    }

    private func render(_ rows: [(name: String, path: String)], long: Bool, onePerLine: Bool, total: Bool) -> String {
        if !long {
            if rows.isEmpty { return "" }
            let names = rows.map(\.name)
            if onePerLine || names.contains(where: { $0.contains("\n") }) { return names.map { $0 + "\n" }.joined() }
            return Workspace.columns(names, width: session.terminal.width)
        }
        var lines: [(perm: String, links: String, size: String, date: String, name: String)] = []
        var blocks: Int64 = 0
        for row in rows {
            let node = row.path == "/" ? FileNode.directory() : (tree[row.path] ?? .directory())
            let size: Int64
            let links: Int
            if node.isDirectory {
                size = 4096
                links = 2 + tree.children(of: row.path).filter { tree.isDirectory($0) }.count
                blocks += 4
            } else {
                size = node.size
                links = 1
                blocks += (size + 4095) / 4096 * 4
            }
            let time = session.modified[row.path] ?? SimulatedClock.fixedStart
            lines.append((Workspace.permissions(node), String(links), String(size), LsDate.format(time), row.name))
        }
        let linkWidth = lines.map(\.links.count).max() ?? 1
        let sizeWidth = lines.map(\.size.count).max() ?? 1
        var out = total ? "total \(blocks)\n" : ""
        for l in lines {
            out += "\(l.perm) \(Workspace.pad(l.links, linkWidth)) root root \(Workspace.pad(l.size, sizeWidth)) \(l.date) \(l.name)\n"
        }
        return out
    }

    /// GNU ls's column layout (`-C`, its default at a terminal): names down the columns, as
    /// many columns as fit in `width` with two blanks between, each as wide as its longest
    /// name.
    static func columns(_ names: [String], width: Int) -> String {
        // As coreutils computes it: every column is at least 3 wide, all but the last get two
        // blanks after their longest name, and the most columns whose total stays under the
        // width win (a layout may leave its last columns empty; it prints as fewer).
        let lengths = names.map(\.count)
        let minimum = 3
        let maxColumns = min(names.count, max(1, width / minimum))
        var best = (columns: 1, widths: [lengths.max() ?? 0])
        if maxColumns >= 2 {
            for cols in 2...maxColumns {
                let rows = (names.count + cols - 1) / cols
                var widths = Array(repeating: minimum, count: cols)
                var grew = false
                for (i, length) in lengths.enumerated() {
                    let col = i / rows
                    let needed = length + (col == cols - 1 ? 0 : 2)
                    if needed > widths[col] { widths[col] = needed; grew = true }
                }
                if !grew || widths.reduce(0, +) < width { best = (cols, widths) }
            }
        }
        let rows = (names.count + best.columns - 1) / best.columns
        var out = ""
        for row in 0..<rows {
            var index = row
            var col = 0
            while index < names.count {
                let name = names[index]
                out += name
                index += rows
                if index < names.count { out += String(repeating: " ", count: max(0, best.widths[col] - name.count)) }
                col += 1
            }
            out += "\n"
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }

    static func permissions(_ node: FileNode) -> String {
        var s: String
        switch node.kind {
        case .directory: s = "d"
        case .symlink: s = "l"
        case .file: s = "-"
        }
        let bits: [(UInt32, Character)] = [(0o400, "r"), (0o200, "w"), (0o100, "x"), (0o40, "r"), (0o20, "w"), (0o10, "x"), (0o4, "r"), (0o2, "w"), (0o1, "x")]
        for (bit, c) in bits { s.append(node.mode & bit != 0 ? c : "-") }
        return s
    }

    // MARK: cat, echo

    func cat(_ args: [String], stdin: [UInt8]?) -> CommandResult {
        let (letters, long, operands) = Workspace.options(args)
        if let bad = Workspace.badOption("cat", letters: letters, allowed: "", long: long, allowedLong: []) { return bad }
        var inputs = operands
        if inputs.isEmpty {
            guard stdin != nil else {
                return .failure("cat: missing file operand (there is no keyboard input here: use cat FILE, or cat > FILE <<EOF to write one)\n")
            }
            inputs = ["-"]
        }
        var out: [UInt8] = []
        var err = ""
        for operand in inputs {
            if operand == "-" { out += stdin ?? []; continue }
            if operand.isEmpty { err += "cat: '': \(Workspace.noSuchFile)\n"; continue }
            guard let path = resolve(operand) else { err += Workspace.aboveRoot("cat", operand); continue }
            guard let node = path == "/" ? FileNode.directory() : tree[path] else {
                err += "cat: \(operand): No such file or directory\n"
                continue
            }
            switch node.kind {
            case .directory: err += "cat: \(operand): Is a directory\n"
            case .symlink: err += "cat: \(operand): No such file or directory\n"
            case .file(.bytes(let b)): out += b
            case .file(.synthetic(let size, _)): err += "cat: \(operand): binary file (\(size) bytes) not shown\n"
            }
        }
        return CommandResult(stdout: String(decoding: out, as: UTF8.self), stderr: err, exitStatus: err.isEmpty ? 0 : 1)
    }

    func echo(_ args: [String]) -> CommandResult {
        var newline = true
        var escapes = false
        var rest = args[...]
        while let first = rest.first, first.count > 1, first.hasPrefix("-"), first.dropFirst().allSatisfy({ "neE".contains($0) }) {
            for c in first.dropFirst() {
                switch c {
                case "n": newline = false
                case "e": escapes = true
                default: escapes = false
                }
            }
            rest = rest.dropFirst()
        }
        var text = rest.joined(separator: " ")
        if escapes {
            text = text.replacingEscapes([("\\n", "\n"), ("\\t", "\t"), ("\\\\", "\\")])
        }
        return .ok(newline ? text + "\n" : text)
    }

    // MARK: touch, rm, mkdir

    mutating func touch(_ args: [String]) -> CommandResult {
        let (letters, long, operands) = Workspace.options(args)
        if let bad = Workspace.badOption("touch", letters: letters, allowed: "", long: long, allowedLong: []) { return bad }
        if operands.isEmpty { return .failure("touch: missing file operand\nTry 'touch --help' for more information.\n") }
        var err = ""
        for operand in operands {
            if operand.isEmpty { err += "touch: cannot touch '': \(Workspace.noSuchFile)\n"; continue }
            guard let path = resolve(operand) else { err += Workspace.aboveRoot("touch", operand); continue }
            if exists(path) {
                touchTime(path)
            } else if let problem = parentProblem(path) {
                err += "touch: cannot touch '\(operand)': \(problem)\n"
            } else {
                session.workspace.set(path, .file(.bytes([])))
                touchTime(path)
            }
        }
        return CommandResult(stderr: err, exitStatus: err.isEmpty ? 0 : 1)
    }

    mutating func rm(_ args: [String]) -> CommandResult {
        let (letters, long, operands) = Workspace.options(args)
        if let bad = Workspace.badOption("rm", letters: letters, allowed: "rRf", long: long, allowedLong: ["--recursive", "--force"]) { return bad }
        let recursive = letters.contains("r") || letters.contains("R") || long.contains("--recursive")
        let force = letters.contains("f") || long.contains("--force")
        if operands.isEmpty {
            return force ? .ok() : .failure("rm: missing operand\nTry 'rm --help' for more information.\n")
        }
        var err = ""
        for operand in operands {
            if operand.isEmpty {
                if !force { err += "rm: cannot remove '': \(Workspace.noSuchFile)\n" }
                continue
            }
            let last = operand.split(separator: "/").last
            if last == "." || last == ".." {
                err += "rm: refusing to remove '.' or '..' directory: skipping '\(operand)'\n"
                continue
            }
            guard let path = resolve(operand) else { err += Workspace.aboveRoot("rm", operand); continue }
            if path == "/" {
                err += recursive
                    ? "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"
                    : "rm: cannot remove '/': Is a directory\n"
                continue
            }
            guard let node = tree[path] else {
                if !force { err += "rm: cannot remove '\(operand)': No such file or directory\n" }
                continue
            }
            if node.isDirectory && !recursive {
                err += "rm: cannot remove '\(operand)': Is a directory\n"
                continue
            }
            session.workspace.remove(path)
            for key in session.modified.keys where key == path || key.hasPrefix(path + "/") {
                session.modified.removeValue(forKey: key)
            }
            touchTime(FileTree.parent(of: path))
        }
        return CommandResult(stderr: err, exitStatus: err.isEmpty ? 0 : 1)
    }

    // MARK: cp, mv

    /// `cp [-r] SOURCE... DEST` and `mv SOURCE... DEST`, with GNU coreutils' rules and
    /// messages: into DEST when it is a directory (required for several sources), over a
    /// file otherwise; directories only with `cp -r`, and never into themselves.
    mutating func copyOrMove(_ args: [String], move: Bool) -> CommandResult {
        let command = move ? "mv" : "cp"
        let (letters, long, operands) = Workspace.options(args)
        let allowed = move ? "f" : "rRf"
        if let bad = Workspace.badOption(command, letters: letters, allowed: allowed, long: long,
                                         allowedLong: move ? ["--force"] : ["--recursive", "--force"]) { return bad }
        let recursive = move || letters.contains("r") || letters.contains("R") || long.contains("--recursive")
        guard let destination = operands.last, operands.count >= 2 else {
            let message = operands.isEmpty ? "missing file operand" : "missing destination file operand after '\(operands[0])'"
            return .failure("\(command): \(message)\nTry '\(command) --help' for more information.\n")
        }
        let sources = operands.dropLast()
        if destination.isEmpty {
            return .failure(sources.map { source in
                move ? "mv: cannot move '\(source)' to '': \(Workspace.noSuchFile)\n" : "cp: cannot create regular file '': \(Workspace.noSuchFile)\n"
            }.joined())
        }
        guard let destPath = resolve(destination) else { return .failure(Workspace.aboveRoot(command, destination)) }
        let intoDirectory = isDirectory(destPath)
        if sources.count > 1 && !intoDirectory {
            return .failure("\(command): target '\(destination)' is not a directory\n")
        }
        var err = ""
        for source in sources {
            if source.isEmpty { err += "\(command): cannot stat '': \(Workspace.noSuchFile)\n"; continue }
            guard let from = resolve(source) else { err += Workspace.aboveRoot(command, source); continue }
            guard let node = tree[from], from != "/" else {
                err += "\(command): cannot stat '\(source)': No such file or directory\n"
                continue
            }
            let name = from.split(separator: "/").last.map(String.init) ?? ""
            let to = intoDirectory ? (destPath == "/" ? "/" + name : destPath + "/" + name) : destPath
            if node.isDirectory && !recursive {
                err += "cp: -r not specified; omitting directory '\(source)'\n"
                continue
            }
            if to == from {
                err += move ? "mv: '\(source)' and '\(destination)' are the same file\n" : "cp: '\(source)' and '\(destination)' are the same file\n"
                continue
            }
            if node.isDirectory && (to + "/").hasPrefix(from + "/") {
                err += move ? "mv: cannot move '\(source)' to a subdirectory of itself, '\(intoDirectory ? destination + "/" + name : destination)'\n"
                            : "cp: cannot copy a directory, '\(source)', into itself, '\(intoDirectory ? destination + "/" + name : destination)'\n"
                continue
            }
            if let existing = tree[to] {
                if existing.isDirectory && !node.isDirectory {
                    err += "\(command): cannot overwrite directory '\(intoDirectory ? destination + "/" + name : destination)' with non-directory\n"
                    continue
                }
                if !existing.isDirectory && node.isDirectory {
                    err += "\(command): cannot overwrite non-directory '\(intoDirectory ? destination + "/" + name : destination)' with directory '\(source)'\n"
                    continue
                }
            } else if let problem = parentProblem(to) {
                err += "\(command): cannot create \(node.isDirectory ? "directory" : "regular file") '\(destination)': \(problem)\n"
                continue
            }
            // The subtree, its paths moved under `to` (an existing directory is merged into).
            let entries = [from] + tree.entries.keys.filter { $0.hasPrefix(from + "/") }.sorted()
            for path in entries {
                guard let entry = tree[path] else { continue }
                let target = to + path.dropFirst(from.count)
                if entry.isDirectory, tree[target]?.isDirectory == true { continue }
                session.workspace.set(target, entry)
                session.modified[target] = move ? (session.modified[path] ?? session.clock.now) : session.clock.now
            }
            if move {
                session.workspace.remove(from)
                for key in session.modified.keys where key == from || key.hasPrefix(from + "/") {
                    session.modified.removeValue(forKey: key)
                }
                touchTime(FileTree.parent(of: from))
            }
            touchTime(FileTree.parent(of: to))
        }
        return CommandResult(stderr: err, exitStatus: err.isEmpty ? 0 : 1)
    }

    mutating func mkdir(_ args: [String]) -> CommandResult {
        let (letters, long, operands) = Workspace.options(args)
        if let bad = Workspace.badOption("mkdir", letters: letters, allowed: "p", long: long, allowedLong: ["--parents"]) { return bad }
        let parents = letters.contains("p") || long.contains("--parents")
        if operands.isEmpty { return .failure("mkdir: missing operand\nTry 'mkdir --help' for more information.\n") }
        var err = ""
        for operand in operands {
            if operand.isEmpty { err += "mkdir: cannot create directory '': \(Workspace.noSuchFile)\n"; continue }
            guard let path = resolve(operand) else { err += Workspace.aboveRoot("mkdir", operand); continue }
            if exists(path) {
                if parents && isDirectory(path) { continue }
                err += "mkdir: cannot create directory '\(operand)': File exists\n"
                continue
            }
            if parents {
                var missing: [String] = []
                var p = path
                while p != "/" && !exists(p) { missing.append(p); p = FileTree.parent(of: p) }
                if !isDirectory(p) {
                    err += "mkdir: cannot create directory '\(operand)': Not a directory\n"
                    continue
                }
                for dir in missing.reversed() {
                    session.workspace.set(dir, .directory())
                    touchTime(dir)
                }
            } else if let problem = parentProblem(path) {
                err += "mkdir: cannot create directory '\(operand)': \(problem)\n"
            } else {
                session.workspace.set(path, .directory())
                touchTime(path)
            }
        }
        return CommandResult(stderr: err, exitStatus: err.isEmpty ? 0 : 1)
    }

    // MARK: cd, tree

    mutating func cd(_ args: [String]) -> CommandResult {
        guard args.count <= 1 else { return .failure("cd: too many arguments\n") }
        let target = args.first ?? Session.home
        guard let path = resolve(target) else { return .failure(Workspace.aboveRoot("cd", target)) }
        if !exists(path) { return .failure("cd: \(target): No such file or directory\n") }
        if !isDirectory(path) { return .failure("cd: \(target): Not a directory\n") }
        session.cwd = path
        return .ok()
    }

    func tree(_ args: [String]) -> CommandResult {
        let (letters, long, operands) = Workspace.options(args)
        if let bad = Workspace.badOption("tree", letters: letters, allowed: "a", long: long, allowedLong: []) { return bad }
        let all = letters.contains("a")
        guard operands.count <= 1 else { return .failure("tree: give at most one directory\n") }
        let shown = operands.first ?? "."
        guard let path = resolve(shown) else { return .failure(Workspace.aboveRoot("tree", shown)) }
        if !exists(path) { return .failure("tree: \(shown): No such file or directory\n", status: 2) }
        if !isDirectory(path) { return .failure("tree: \(shown): Not a directory\n", status: 2) }
        var out = shown + "\n"
        var dirCount = 0, fileCount = 0
        // Iterative walk (no recursion on input-controlled depth).
        var stack: [(path: String, prefix: String, children: [String], index: Int)] = []
        func visibleChildren(_ p: String) -> [String] {
            tree.children(of: p).filter { all || !WorkspacePath.name(of: $0).hasPrefix(".") }
        }
        stack.append((path, "", visibleChildren(path), 0))
        while var top = stack.popLast() {
            guard top.index < top.children.count else { continue }
            let child = top.children[top.index]
            let isLast = top.index == top.children.count - 1
            top.index += 1
            stack.append(top)
            out += top.prefix + (isLast ? "└── " : "├── ") + WorkspacePath.name(of: child) + "\n"
            if isDirectory(child) {
                dirCount += 1
                stack.append((child, top.prefix + (isLast ? "    " : "│   "), visibleChildren(child), 0))
            } else {
                fileCount += 1
            }
        }
        out += "\n\(dirCount) director\(dirCount == 1 ? "y" : "ies"), \(fileCount) file\(fileCount == 1 ? "" : "s")\n"
        return .ok(out)
    }

    // MARK: edit

    mutating func edit(_ args: [String], editor: (any ExternalEditor)?) -> CommandResult {
        guard args.count == 1, let operand = args.first else { return .failure("edit: usage: edit FILE\n") }
        guard let path = resolve(operand) else { return .failure(Workspace.aboveRoot("edit", operand)) }
        if isDirectory(path) { return .failure("edit: \(operand): Is a directory\n") }
        var contents: [UInt8] = []
        let existed = tree[path] != nil
        if let node = tree[path] {
            guard case .file(.bytes(let b)) = node.kind else { return .failure("edit: \(operand): not a text file\n") }
            contents = b
        } else if let problem = parentProblem(path) {
            return .failure("edit: \(operand): \(problem)\n")
        }
        guard let editor else {
            return .failure("edit: needs an interactive terminal (stdin and stdout must be a terminal); write files with cat > \(operand) <<EOF instead\n")
        }
        switch editor.edit(name: WorkspacePath.name(of: path), contents: contents) {
        case .failure(let error):
            return .failure("edit: \(error.message)\n")
        case .success(let edited):
            if !existed && edited.isEmpty { return .ok() }
            if edited != contents || !existed { write(operand, edited, append: false) }
            return .ok()
        }
    }
}

extension String {
    /// Replaces escape pairs left to right (so `\\n` stays a backslash followed by `n`).
    func replacingEscapes(_ pairs: [(String, String)]) -> String {
        var out = ""
        var i = startIndex
        outer: while i < endIndex {
            for (from, to) in pairs where self[i...].hasPrefix(from) {
                out += to
                i = index(i, offsetBy: from.count)
                continue outer
            }
            out.append(self[i])
            i = index(after: i)
        }
        return out
    }
}
