import DockerCLI
import Dockerfile
import Engine

/// How `watch on` rebuilds: the options of an ordinary `docker build` of the workspace.
public struct WatchSettings: Equatable, Sendable {
    public var tags: [String] = []
    public var buildArgs: [BuildArg] = []
    public var noCache = false
    public var target: String?
    public var classic = false
    /// The Dockerfile, relative to the working directory.
    public var file = "Dockerfile"
    public init() {}
}

/// The teaching commands: `explain [N]`, `layers IMAGE`, `compare A B`,
/// `export svg|html FILE [IMAGE] [--force]`, `watch on|off`, `set explain on|off`.
///
/// It also carries watch mode: while watch is on, every other command runs through the rest
/// of the chain from here, and when it changed the workspace (or ran a build) the result is
/// just the layer stack and the reason.
public struct TeachingHandler: CommandHandler {
    /// Where `export` writes (the real file system by default).
    public var files: any ExportFileWriter
    /// The handlers watch mode runs a command through; nil means the ones after this handler
    /// in `Shell.defaultHandlers` (so handlers added there later are watched too).
    public var rest: [any CommandHandler]?

    public init(files: any ExportFileWriter = SystemExportFileWriter(), rest: [any CommandHandler]? = nil) {
        self.files = files
        self.rest = rest
    }

    static let words: Set<String> = ["explain", "layers", "compare", "export", "watch", "set"]

    public func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        let word = command.commandWord
        guard Self.words.contains(word), command.assignments.isEmpty else {
            guard session.watch != nil else { return nil }
            return watching(command, session: &session, services: services)
        }
        if case .failure(let error) = command.tokens { return .failure("dockyard: \(error.message)\n", status: 2) }
        let args = Array(command.arguments.dropFirst())
        let width = session.terminal.width
        let colour = session.terminal.colour
        switch word {
        case "explain":
            guard let build = session.engine.lastBuild else { return Self.noBuild("explain") }
            if args.isEmpty { return .ok(TeachingViews.explain(build, engine: session.engine, width: width, colour: colour)) }
            guard args.count == 1, let n = Int(args[0]) else { return .failure("explain: usage: explain [STEP]\n", status: 2) }
            guard let text = TeachingViews.explainStep(n, result: build, engine: session.engine, width: width, colour: colour) else {
                let count = BuildExplanation(build, engine: session.engine).rows.count
                return .failure("explain: no step \(args[0]) in the last build (its steps are 1-\(count))\n")
            }
            return .ok(text)
        case "layers":
            guard args.count == 1 else { return .failure("layers: usage: layers IMAGE\n", status: 2) }
            guard let text = TeachingViews.layers(args[0], engine: session.engine, width: width, colour: colour) else {
                return .failure("layers: No such image: \(args[0])\n")
            }
            return .ok(text)
        case "compare":
            guard args.count == 2 else { return .failure("compare: usage: compare IMAGE IMAGE\n", status: 2) }
            switch TeachingViews.compare(args[0], args[1], engine: session.engine, width: width, colour: colour) {
            case .success(let text): return .ok(text)
            case .failure(let error): return .failure("compare: \(error.message)\n")
            }
        case "export":
            return export(args, session: session)
        case "watch":
            return watch(args, session: &session, services: services)
        default:
            return set(args, session: &session)
        }
    }

    static func noBuild(_ word: String) -> CommandResult {
        .failure("\(word): there is no build yet: run docker build (or watch on with a Dockerfile) first\n")
    }

    // MARK: set

    func set(_ args: [String], session: inout Session) -> CommandResult {
        if args.isEmpty {
            return .ok("explain \(session.explainAfterBuild ? "on" : "off")\nwatch \(session.watch == nil ? "off" : "on")\nwidth \(session.terminal.width)\n")
        }
        if args.count == 2, args[0] == "width" {
            guard let n = Int(args[1]), (10...1000).contains(n) else { return .failure("set: width must be a number from 10 to 1000\n", status: 2) }
            session.terminal.width = n
            session.terminal.widthIsFixed = true
            return .ok("Views are laid out for \(n) columns.\n")
        }
        guard args.count == 2, args[0] == "explain", ["on", "off"].contains(args[1]) else {
            return .failure("set: usage: set explain on|off | set width COLUMNS\n", status: 2)
        }
        session.explainAfterBuild = args[1] == "on"
        return .ok(session.explainAfterBuild
            ? "Explanations on: the layer stack, reasons and advice follow every build.\n"
            : "Explanations off: builds show Docker's output only (explain still works).\n")
    }

    // MARK: export

    func export(_ args: [String], session: Session) -> CommandResult {
        let usage = "export: usage: export svg|html FILE [IMAGE] [--force]\n"
        var force = false
        var words: [String] = []
        for arg in args {
            if arg == "--force" || arg == "-f" { force = true } else if arg.hasPrefix("-") && arg.count > 1 {
                return .failure("export: unknown flag: \(arg)\n" + usage, status: 2)
            } else { words.append(arg) }
        }
        guard words.count == 2 || words.count == 3, ["svg", "html"].contains(words[0]) else { return .failure(usage, status: 2) }
        let format = words[0], path = words[1]
        let rendered: String
        switch Self.render(format: format, image: words.count == 3 ? words[2] : nil, engine: session.engine) {
        case .success(let text): rendered = text
        case .failure(let error): return .failure("export: \(error.message)\n")
        }
        switch files.write(rendered, to: path, force: force) {
        case .success(let written):
            return .ok("Wrote \(written) (\(format.uppercased()), \(rendered.utf8.count) bytes).\n")
        case .failure(let error):
            return .failure("export: \(error.message)\n")
        }
    }

    /// The SVG or HTML document for the last build, or for an image's layers.
    public static func render(format: String, image: String?, engine: EngineState) -> Result<String, ExportMessage> {
        let picture: TeachingExport.Picture
        let text: String
        if let image {
            guard let analysis = ImageLayers(image, engine: engine) else { return .failure(ExportMessage("No such image: \(image)")) }
            picture = TeachingExport.picture(layers: analysis)
            text = TeachingViews.layers(image, engine: engine, width: 100, colour: false) ?? ""
        } else {
            guard let build = engine.lastBuild else { return .failure(ExportMessage("there is no build yet: run docker build first, or name an image")) }
            picture = TeachingExport.picture(build, engine: engine)
            text = TeachingViews.explain(build, engine: engine, width: 100, colour: false)
        }
        return .success(format == "svg" ? TeachingExport.svg(picture) : TeachingExport.html(picture, text: text))
    }

    // MARK: watch

    func watch(_ args: [String], session: inout Session, services: ShellServices) -> CommandResult {
        let usage = "watch: usage: watch on [-t TAG] [--build-arg NAME=VALUE] [--no-cache] [--target STAGE] [--classic] [-f FILE] | watch off\n"
        guard let mode = args.first else {
            return .ok(session.watch == nil ? "watch is off\n" : "watch is on: edits to the workspace rebuild at once\n")
        }
        if mode == "off" {
            guard args.count == 1 else { return .failure(usage, status: 2) }
            session.watch = nil
            return .ok("watch off\n")
        }
        guard mode == "on" else { return .failure(usage, status: 2) }
        var settings = WatchSettings()
        var i = 1
        while i < args.count {
            let arg = args[i]
            func value() -> String? {
                i += 1
                return i < args.count ? args[i] : nil
            }
            switch arg {
            case "-t", "--tag":
                guard let v = value() else { return .failure(usage, status: 2) }
                settings.tags.append(v)
            case "--build-arg":
                guard let v = value() else { return .failure(usage, status: 2) }
                if let eq = v.firstIndex(of: "=") {
                    settings.buildArgs.append(BuildArg(name: String(v[..<eq]), value: String(v[v.index(after: eq)...])))
                } else {
                    settings.buildArgs.append(BuildArg(name: v, value: nil))
                }
            case "--target":
                guard let v = value() else { return .failure(usage, status: 2) }
                settings.target = v
            case "-f", "--file":
                guard let v = value() else { return .failure(usage, status: 2) }
                settings.file = v
            case "--no-cache": settings.noCache = true
            case "--classic": settings.classic = true
            default: return .failure("watch: unknown option: \(arg)\n" + usage, status: 2)
            }
            i += 1
        }
        session.watch = settings
        var out = "watch on: editing the workspace or the Dockerfile rebuilds at once and shows the layer stack.\n"
        if Self.dockerfile(session) != nil {
            out += Self.rebuild(session: &session)
        }
        return .ok(out)
    }

    func watching(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        let workspace = session.workspace
        let lastBuild = session.engine.lastBuild
        var answer: CommandResult?
        let chain = rest ?? Array(Shell.defaultHandlers.drop { !($0 is TeachingHandler) }.dropFirst())
        for handler in chain {
            if let result = handler.handle(command, session: &session, services: services) {
                answer = result
                break
            }
        }
        guard var result = answer else { return nil }
        let built = session.engine.lastBuild.map { $0 != lastBuild } ?? false
        if session.workspace != workspace, Self.dockerfile(session) != nil {
            // An edit: rebuild with the watch settings; a build the command ran itself (a
            // `dockerfile` edit builds its snippet image) is replaced by this one.
            if built && result.succeeded { result = .ok() }
            result.stdout += Self.rebuild(session: &session)
        } else if built, let build = session.engine.lastBuild {
            // A docker build typed in watch mode: only the picture.
            result.stdout = TeachingViews.watchView(build, engine: session.engine, width: session.terminal.width, colour: session.terminal.colour)
            if result.succeeded { result.stderr = "" }
            // The build's write order (the classic builder's banner first) described the
            // output just replaced.
            result.marks = []
        }
        return result
    }

    static func dockerfilePath(_ session: Session) -> String {
        FileTree.normalize(session.watch?.file ?? "Dockerfile", cwd: session.cwd)
    }

    static func dockerfile(_ session: Session) -> [UInt8]? {
        guard let node = session.workspace[dockerfilePath(session)], case .file(let content) = node.kind else { return nil }
        switch content {
        case .bytes(let bytes): return bytes
        case .synthetic: return nil
        }
    }

    /// Builds the workspace Dockerfile with the watch settings; returns the watch view.
    public static func rebuild(session: inout Session) -> String {
        guard let bytes = dockerfile(session) else { return "" }
        let settings = session.watch ?? WatchSettings()
        let document: DockerfileDocument
        do {
            document = try parseDockerfile(bytes: bytes)
        } catch {
            return "watch: the Dockerfile does not parse: \(error.description)\n"
        }
        let options = Engine.BuildOptions(builder: settings.classic ? .classic : .buildKit, tags: settings.tags, noCache: settings.noCache, buildArgs: settings.buildArgs, target: settings.target)
        let context = BuildContext(workspace: session.workspace, root: session.cwd)
        session.engine.clock = session.clock
        let result = session.engine.build(document, dockerfileSize: Int64(bytes.count), context: context, options: options)
        session.clock = session.engine.clock
        return TeachingViews.watchView(result, engine: session.engine, width: session.terminal.width, colour: session.terminal.colour)
    }
}
