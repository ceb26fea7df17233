import Engine

/// Tab completion over a snapshot of the session: REPL commands, `docker` subcommands and
/// flags, Dockerfile keywords and workspace file names. More sources (image names, lesson
/// numbers) plug in through `extraSources`.
public struct Completer: Sendable {
    /// Extra candidates for a position: given the words before the one being completed,
    /// return candidates for it (or an empty list).
    public typealias Source = @Sendable (_ previousWords: [String]) -> [String]

    public var session: Session
    public var commandNames: [String]
    public var docker: DockerCommandTable
    public var extraSources: [Source]

    public init(session: Session, catalog: CommandCatalog = .standard, docker: DockerCommandTable = .standard, extraSources: [Source] = []) {
        self.session = session
        self.commandNames = catalog.names.filter { $0 != CommandCatalog.instructionEntry }
        self.docker = docker
        self.extraSources = extraSources
    }

    /// Completes the word that ends at the cursor.
    public func complete(_ lineBeforeCursor: String) -> Completion {
        let (previous, partial) = Completer.split(lineBeforeCursor)
        var words = previous
        while let first = words.first, first.contains("="), !first.hasPrefix("-") { words.removeFirst() }
        var candidates: [String]
        var filesToo = false
        if words.isEmpty {
            candidates = commandNames + InputAssembler.dockerfileKeywords.sorted()
        } else if words[0] == "docker" {
            if words.count == 1 {
                candidates = docker.commands.map(\.name)
            } else if let command = docker.command(named: words[1]) {
                if partial.hasPrefix("-") {
                    candidates = command.flags
                } else if words.count == 2 && !command.subcommands.isEmpty {
                    candidates = command.subcommands
                } else if Completer.takesImage(words) {
                    candidates = Completer.imageNames(session)
                } else if Completer.takesContainer(words) {
                    candidates = session.engine.containers.all.map(\.name)
                } else {
                    candidates = []
                    filesToo = true
                }
            } else {
                candidates = []
            }
        } else if words[0] == "help" && words.count == 1 {
            candidates = commandNames + ["dockerfile"] + InputAssembler.dockerfileKeywords.sorted()
        } else if words[0] == "help" && words.count == 2 && words[1] == "docker" {
            candidates = docker.commands.map(\.name)
        } else {
            candidates = []
            filesToo = true
        }
        for source in extraSources { candidates += source(words) }
        var matches = Array(Set(candidates.filter { $0.hasPrefix(partial) })).sorted().map { ($0, $0 + " ") }
        if filesToo { matches += fileMatches(partial) }
        guard !matches.isEmpty else { return Completion() }
        if matches.count == 1 {
            return Completion(insert: String(matches[0].1.dropFirst(partial.count)))
        }
        let common = Completer.commonPrefix(matches.map(\.0))
        if common.count > partial.count {
            return Completion(insert: String(common.dropFirst(partial.count)))
        }
        return Completion(choices: matches.map { Completer.displayName($0.1) })
    }

    /// Whether the word being completed names an image: `docker run|rmi|history|tag|push|
    /// inspect ...` and `docker image rm|history|inspect|tag|push ...`.
    static func takesImage(_ words: [String]) -> Bool {
        let direct: Set<String> = ["run", "rmi", "history", "tag", "push", "inspect", "create", "images"]
        if words.count >= 2, direct.contains(words[1]) { return true }
        if words.count >= 3, words[1] == "image", ["rm", "history", "inspect", "tag", "push", "ls"].contains(words[2]) { return true }
        return false
    }

    /// Whether the word being completed names a container: `docker kill|stop|... NAME` and
    /// `docker container kill|stop|... NAME` (every word after the command, as most of
    /// these take several containers).
    static func takesContainer(_ words: [String]) -> Bool {
        let commands: Set<String> = ["kill", "rename", "top", "wait", "stop", "start", "restart", "rm", "logs", "exec", "diff", "commit", "port"]
        if words.count >= 2, commands.contains(words[1]) { return true }
        if words.count >= 3, words[1] == "container", commands.contains(words[2]) { return true }
        return false
    }

    /// Local image names (`repo:tag`; `repo` alone for `latest`), for completion.
    static func imageNames(_ session: Session) -> [String] {
        session.engine.images.tags.keys.flatMap { tag in
            tag.hasSuffix(":latest") ? [tag, String(tag.dropLast(7))] : [tag]
        }
    }

    /// Workspace paths starting with `partial` (directories end in `/`, files in a space).
    func fileMatches(_ partial: String) -> [(String, String)] {
        let slash = partial.lastIndex(of: "/")
        let dirPart = slash.map { String(partial[...$0]) } ?? ""
        let base = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        guard let dir = WorkspacePath.resolve(dirPart.isEmpty ? "." : dirPart, cwd: session.cwd),
              session.workspace.isDirectory(dir) else { return [] }
        var out: [(String, String)] = []
        for child in session.workspace.children(of: dir) {
            let name = WorkspacePath.name(of: child)
            guard name.hasPrefix(base), base.hasPrefix(".") || !name.hasPrefix(".") else { continue }
            let full = dirPart + name
            out.append((full, session.workspace.isDirectory(child) ? full + "/" : full + " "))
        }
        return out
    }

    static func displayName(_ candidate: String) -> String {
        var c = candidate
        if c.hasSuffix(" ") { c.removeLast() }
        if let slash = c.dropLast().lastIndex(of: "/") { return String(c[c.index(after: slash)...]) }
        return c
    }

    /// Splits at the last unquoted blank: the finished words and the partial one.
    static func split(_ line: String) -> ([String], String) {
        var words: [String] = []
        var current = ""
        var quote: Character?
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == " " || c == "\t" {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.append(c)
            }
        }
        return (words, current)
    }

    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first else { return "" }
        for s in strings.dropFirst() {
            while !s.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Lays out choices in columns for a terminal `width` wide.
    public static func columns(_ items: [String], width: Int) -> String {
        guard let longest = items.map(\.count).max() else { return "" }
        let column = longest + 2
        let perRow = max(1, width / column)
        let rows = (items.count + perRow - 1) / perRow
        var out = ""
        for r in 0..<rows {
            var line = ""
            for c in 0..<perRow {
                let i = c * rows + r
                guard i < items.count else { continue }
                let item = items[i]
                line += item + String(repeating: " ", count: column - item.count)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
