/// What a container's process does when it starts: the catalog of long-running servers
/// (Flask, Node, nginx), `sleep`, interactive shells, and everything else through the
/// simulated shell. Pure: a file tree and an argv in, output and the changed tree out.

/// The outcome of starting a process.
struct ProcessRun {
    var output: [String] = []
    /// nil while the process keeps running.
    var exitCode: Int32?
    var server: ServerProcess?
    /// `sleep N`: the process ends by itself after this many seconds.
    var endsAfter: Double?
    var filesystem: FileTree
    var duration: Double = 0
    /// An interactive shell waiting for input (`sh`, `bash` with `-i`).
    var interactiveShell: String?
    /// The program could not be started at all (runc's error detail).
    var startError: String?
}

/// The process runtime: decides which simulator runs an argv.
struct ContainerRuntime {
    var filesystem: FileTree
    var environment: [String: String]
    var workingDirectory: String
    var user: String
    var interactive: Bool
    var now: Timestamp
    var ipAddress: String
    var containerID: String
    /// The main process's command line when this runtime starts a process beside it.
    var pidOne: String? = nil

    static let shells: Set<String> = ["sh", "bash", "ash", "dash"]

    func locate(_ program: String) -> String? {
        SimulatedShell.locateProgram(program, environment: environment, workingDirectory: workingDirectory, in: filesystem)
    }

    /// Starts `argv` as the container's main process (or an exec'd one).
    func start(_ argv: [String]) -> ProcessRun {
        guard let program = argv.first, !program.isEmpty else {
            return ProcessRun(filesystem: filesystem, startError: "exec: \"\": executable file not found in $PATH")
        }
        guard locate(program) != nil else {
            let detail = program.contains("/")
                ? "exec: \"\(program)\": stat \(program): no such file or directory"
                : "exec: \"\(program)\": executable file not found in $PATH"
            return ProcessRun(filesystem: filesystem, startError: detail)
        }
        var banner: [String] = []
        let effective = unwrap(argv, banner: &banner)
        if var run = special(effective) {
            run.output = banner + run.output
            return run
        }
        var run = shell(argv)
        run.output = banner + run.output
        return run
    }

    /// Strips the official images' entrypoint scripts (nginx's and node's
    /// `docker-entrypoint.sh`) and a simple `sh -c 'program args'`, so the program they
    /// end up running is recognised.
    func unwrap(_ argv: [String], banner: inout [String]) -> [String] {
        var argv = argv
        guard let first = argv.first else { return argv }
        if FileTree.baseName(of: first) == "docker-entrypoint.sh" {
            if argv.count > 1, ["nginx", "nginx-debug"].contains(FileTree.baseName(of: argv[1])) {
                // nginx's entrypoint configures from /docker-entrypoint.d, then execs nginx.
                banner = nginxEntrypointBanner()
                argv.removeFirst()
            } else if locate("node") != nil {
                // node's runs `node "$@"` when the first argument is an option or not a command.
                argv.removeFirst()
                if argv.isEmpty || argv[0].hasPrefix("-") || locate(argv[0]) == nil { argv.insert("node", at: 0) }
            } else if argv.count > 1 {
                // Any other official entrypoint ends in `exec "$@"`.
                argv.removeFirst()
            }
        }
        if argv.count == 3, Self.shells.contains(FileTree.baseName(of: argv[0])), argv[1] == "-c" {
            let script = argv[2].trimmed(of: " ")
            let plain = !script.isEmpty && !script.contains(where: { ";|&$`<>(){}\\\"'\n*?".contains($0) })
            if plain {
                var words = script.split(separator: " ").map(String.init)
                if words.first == "exec" { words.removeFirst() }
                if let w = words.first, isRecognised(w) { return words }
            }
        }
        return argv
    }

    func isRecognised(_ program: String) -> Bool {
        let name = FileTree.baseName(of: program)
        return name == "flask" || name == "node" || name == "nginx" || name == "sleep" || name.hasPrefix("python")
    }

    /// Programs the shell does not model as processes that keep running.
    func special(_ argv: [String]) -> ProcessRun? {
        guard let program = argv.first else { return nil }
        let name = FileTree.baseName(of: program)
        let args = Array(argv.dropFirst())
        switch name {
        case "sleep" where locate(program) != nil:
            guard let first = args.first else { return nil }
            if first == "infinity" { return ProcessRun(filesystem: filesystem) }
            guard let seconds = Self.seconds(first) else { return nil }
            return ProcessRun(endsAfter: seconds, filesystem: filesystem)
        case "nginx" where locate(program) != nil:
            return ProcessRun(output: nginxStartLog(), server: ServerProcess(kind: .nginx, listenHost: "0.0.0.0", port: nginxPort(), appFile: nil), filesystem: filesystem)
        case "flask" where locate(program) != nil:
            return flaskRun(args)
        case _ where name.hasPrefix("python") && locate(program) != nil:
            return python(program, args)
        case "node" where locate(program) != nil:
            return node(args)
        case _ where Self.shells.contains(name) && args.isEmpty:
            if interactive { return ProcessRun(filesystem: filesystem, interactiveShell: program) }
            // No stdin: the shell reads end-of-file and exits at once.
            return ProcessRun(exitCode: 0, filesystem: filesystem)
        default:
            return nil
        }
    }

    static func seconds(_ text: String) -> Double? {
        var s = Substring(text)
        var factor = 1.0
        if let last = s.last, "smhd".contains(last) {
            factor = last == "m" ? 60 : last == "h" ? 3600 : last == "d" ? 86400 : 1
            s = s.dropLast()
        }
        guard let v = Double(s), v >= 0, v.isFinite else { return nil }
        return v * factor
    }

    /// Anything else: the simulated shell (exec form or `sh -c`).
    func shell(_ argv: [String]) -> ProcessRun {
        let outcome = SimulatedShell().run(ShellInvocation(argv: argv, environment: environment, workingDirectory: workingDirectory, user: user, pidOne: pidOne), on: filesystem)
        return ProcessRun(output: outcome.output, exitCode: outcome.exitCode, filesystem: outcome.filesystem, duration: outcome.duration)
    }

    func absolute(_ path: String) -> String { FileTree.normalize(path, cwd: workingDirectory) }

    // MARK: Python and Flask

    func python(_ program: String, _ args: [String]) -> ProcessRun? {
        guard let script = args.first, !script.hasPrefix("-") else { return nil }
        let path = absolute(script)
        guard let source = filesystem.shellText(at: path) else {
            return ProcessRun(output: ["\(FileTree.baseName(of: program)): can't open file '\(path)': [Errno 2] No such file or directory"], exitCode: 2, filesystem: filesystem)
        }
        let app = PythonSource(source)
        if app.usesFlask {
            if !flaskInstalled {
                return ProcessRun(output: [
                    "Traceback (most recent call last):",
                    "  File \"\(path)\", line \(app.flaskImportLine), in <module>",
                    "    \(app.flaskImportText)",
                    "ModuleNotFoundError: No module named 'flask'",
                ], exitCode: 1, filesystem: filesystem)
            }
            if let run = app.runCall {
                return flaskServer(appName: FileTree.baseName(of: path).shellDroppingSuffix(".py"), appFile: path, host: run.host ?? "127.0.0.1", port: run.port ?? 5000, debug: run.debug)
            }
        }
        return ProcessRun(output: app.printedLines, exitCode: 0, filesystem: filesystem)
    }

    var flaskInstalled: Bool {
        filesystem.entries.keys.contains { $0.hasSuffix("-packages/flask") || $0.contains("-packages/flask/") }
    }

    /// `flask run [--host H] [--port P] [--debug]`, app from `--app`, FLASK_APP, app.py or wsgi.py.
    func flaskRun(_ args: [String]) -> ProcessRun {
        var host = "127.0.0.1", port = 5000, debug = environment["FLASK_DEBUG"] == "1"
        var appName = environment["FLASK_APP"]
        var rest = args[...]
        var isRun = false
        while let a = rest.popFirst() {
            func value() -> String? {
                if let eq = a.firstIndex(of: "=") { return String(a[a.index(after: eq)...]) }
                return rest.popFirst()
            }
            switch a.split(separator: "=").first.map(String.init) ?? a {
            case "run": isRun = true
            case "--app", "-A": appName = value()
            case "--host", "-h": host = value() ?? host
            case "--port", "-p": port = value().flatMap { Int($0) } ?? port
            case "--debug": debug = true
            default: continue
            }
        }
        guard isRun else {
            return ProcessRun(output: ["Usage: flask [OPTIONS] COMMAND [ARGS]...", "Try 'flask --help' for help."], exitCode: 2, filesystem: filesystem)
        }
        let candidates = appName.map { [$0.hasSuffix(".py") ? $0 : $0 + ".py"] } ?? ["app.py", "wsgi.py"]
        guard let file = candidates.map(absolute).first(where: { filesystem.shellText(at: $0) != nil }) else {
            return ProcessRun(output: [
                "Usage: flask run [OPTIONS]",
                "Try 'flask run --help' for help.",
                "",
                "Error: Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP' environment variable, or a 'wsgi.py' or 'app.py' file in the current directory.",
            ], exitCode: 2, filesystem: filesystem)
        }
        return flaskServer(appName: FileTree.baseName(of: file).shellDroppingSuffix(".py"), appFile: file, host: host, port: port, debug: debug)
    }

    func flaskServer(appName: String, appFile: String, host: String, port: Int, debug: Bool) -> ProcessRun {
        var out = [" * Serving Flask app '\(appName)'", " * Debug mode: \(debug ? "on" : "off")"]
        out.append("WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.")
        if host == "0.0.0.0" {
            out += [" * Running on all addresses (0.0.0.0)", " * Running on http://127.0.0.1:\(port)", " * Running on http://\(ipAddress):\(port)"]
        } else {
            out.append(" * Running on http://\(host):\(port)")
        }
        out.append("Press CTRL+C to quit")
        if debug {
            let pin = Digest.sha256("pin#" + containerID).hex.compactMap { $0.wholeNumberValue }.prefix(9).map(String.init).joined()
            let p = Array((pin + "000000000").prefix(9))
            out += [" * Restarting with stat", " * Debugger is active!", " * Debugger PIN: \(String(p[0..<3]))-\(String(p[3..<6]))-\(String(p[6..<9]))"]
        }
        return ProcessRun(output: out, server: ServerProcess(kind: .flask, listenHost: host, port: port, appFile: appFile), filesystem: filesystem, duration: 0.4)
    }

    // MARK: Node

    func node(_ args: [String]) -> ProcessRun? {
        guard let script = args.first else {
            // `node` without a script and without a terminal reads stdin and exits.
            return interactive ? nil : ProcessRun(exitCode: 0, filesystem: filesystem)
        }
        guard !script.hasPrefix("-") else { return nil }
        var path = absolute(script)
        if filesystem.shellText(at: path) == nil, filesystem.shellText(at: path + ".js") != nil { path += ".js" }
        guard let source = filesystem.shellText(at: path) else {
            return ProcessRun(output: [
                "node:internal/modules/cjs/loader:1228",
                "  throw err;",
                "  ^",
                "",
                "Error: Cannot find module '\(path)'",
                "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)",
                "    at Module._load (node:internal/modules/cjs/loader:1051:27)",
                "    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)",
                "    at node:internal/main/run_main_module:28:49 {",
                "  code: 'MODULE_NOT_FOUND',",
                "  requireStack: []",
                "}",
                "",
                "Node.js v22.12.0",
            ], exitCode: 1, filesystem: filesystem)
        }
        let js = JavaScriptSource(source, environment: environment)
        if let port = js.listenPort {
            return ProcessRun(output: js.logLines(port: port), server: ServerProcess(kind: .node, listenHost: "0.0.0.0", port: port, appFile: path), filesystem: filesystem, duration: 0.2)
        }
        return ProcessRun(output: js.logLines(port: nil), exitCode: 0, filesystem: filesystem)
    }

    // MARK: nginx

    func nginxPort() -> Int {
        for path in ["/etc/nginx/conf.d/default.conf", "/etc/nginx/nginx.conf"] {
            guard let text = filesystem.shellText(at: path) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\t" })
                if words.first == "listen", words.count >= 2, let port = Int(words[1]) { return port }
            }
        }
        return 80
    }

    func nginxEntrypointBanner() -> [String] {
        [
            "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
            "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
            "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
            "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
            "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
            "/docker-entrypoint.sh: Configuration complete; ready for start up",
        ]
    }

    func nginxStartLog() -> [String] {
        let t = ContainerRuntime.nginxTime(now)
        let gcc = filesystem.shellExists("/etc/alpine-release") ? "gcc 14.2.0 (Alpine 14.2.0) " : "gcc 12.2.0 (Debian 12.2.0-14) "
        return [
            "\(t) [notice] 1#1: using the \"epoll\" event method",
            "\(t) [notice] 1#1: nginx/1.27.3",
            "\(t) [notice] 1#1: built by \(gcc)",
            "\(t) [notice] 1#1: OS: Linux 6.8.0-51-generic",
            "\(t) [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576",
            "\(t) [notice] 1#1: start worker processes",
            "\(t) [notice] 1#1: start worker process 29",
            "\(t) [notice] 1#1: start worker process 30",
        ]
    }

    /// `2025/01/15 09:00:00`, nginx's error-log time.
    static func nginxTime(_ t: Timestamp) -> String {
        let s = t.rfc3339Nano  // 2025-01-15T09:00:00Z
        let date = String(s.prefix(10).map { $0 == "-" ? "/" : $0 })
        let time = s.dropFirst(11).prefix(8)
        return date + " " + time
    }
}

extension String {
    func trimmed(of set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
