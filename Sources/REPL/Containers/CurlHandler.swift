import DockerCLI
import Engine

/// `curl localhost:PORT[/path]` on the (virtual) host: the simulated server of the container
/// publishing that port answers, as the seed's "open http://localhost:8000" step needs.
public struct CurlHandler: CommandHandler {
    public init() {}

    public func handle(_ command: ParsedCommand, session: inout Session, services: ShellServices) -> CommandResult? {
        guard command.name == "curl" else { return nil }
        var fail = false
        var url: String?
        for arg in command.arguments.dropFirst() {
            if arg.hasPrefix("-") && arg.count > 1 {
                if arg.hasPrefix("--") {
                    switch arg {
                    case "--silent", "--show-error", "--location": continue
                    case "--fail": fail = true; continue
                    default: return Self.unknownOption(arg)
                    }
                }
                for flag in arg.dropFirst() {
                    switch flag {
                    case "s", "S", "L": continue
                    case "f": fail = true
                    default: return Self.unknownOption("-\(flag)")
                    }
                }
            } else if url == nil {
                url = arg
            } else {
                return .failure("dockyard: curl here takes one URL\n", status: 2)
            }
        }
        guard let url else {
            return .failure("curl: try 'curl --help' or 'curl --manual' for more information\n", status: 2)
        }
        var rest = Substring(url)
        var https = false
        if rest.hasPrefix("http://") { rest = rest.dropFirst(7) } else if rest.hasPrefix("https://") { rest = rest.dropFirst(8); https = true }
        let hostPort = rest.prefix(while: { $0 != "/" })
        let path = rest.dropFirst(hostPort.count).isEmpty ? "/" : String(rest.dropFirst(hostPort.count))
        var host = String(hostPort)
        var port = https ? 443 : 80
        if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                return .failure("curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n", status: 3)
            }
            port = p
        }
        guard ["localhost", "127.0.0.1", "0.0.0.0", "[::1]"].contains(host) else {
            return .failure("curl: (6) Could not resolve host: \(host)\n", status: 6)
        }
        session.engine.clock = session.clock
        let answer = session.engine.httpRequest(port: port, path: path)
        session.clock = session.engine.clock
        switch answer {
        case .refused:
            return .failure("curl: (7) Failed to connect to \(host) port \(port) after 0 ms: Couldn't connect to server\n", status: 7)
        case .reset:
            return .failure("curl: (56) Recv failure: Connection reset by peer\n", status: 56)
        case .response(let status, let body):
            if https {
                return .failure("curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\n", status: 35)
            }
            if fail && status >= 400 {
                return .failure("curl: (22) The requested URL returned error: \(status)\n", status: 22)
            }
            return .ok(body)
        }
    }

    static func unknownOption(_ option: String) -> CommandResult {
        .failure("curl: option \(option): is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", status: 2)
    }
}
