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
                FileHandle.standardOutput.write(Data(ast.conformanceJSON.utf8))
            } catch {
                FileHandle.standardError.write(Data((error.message + "\n").utf8))
                throw ExitCode.failure
            }
            return
        }
        do {
            let doc = try parseDockerfile(bytes: bytes)
            FileHandle.standardOutput.write(Data(doc.readableListing.utf8))
        } catch {
            FileHandle.standardError.write(Data((error.detailedDescription + "\n").utf8))
            throw ExitCode.failure
        }
    }
}
