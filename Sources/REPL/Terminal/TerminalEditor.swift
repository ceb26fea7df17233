#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `edit FILE` on a terminal: copies the virtual file to a temporary file in Dockyard's state
/// directory, runs `$VISUAL`, `$EDITOR` or `vi` on it, reads it back and deletes it.
public struct TerminalEditor: ExternalEditor {
    public var stateDirectory: String

    public init(stateDirectory: String) { self.stateDirectory = stateDirectory }

    public func edit(name: String, contents: [UInt8]) -> Result<[UInt8], EditorError> {
        let dir = stateDirectory + "/edit"
        guard SystemIO.makeDirectories(dir) else { return .failure(EditorError("cannot create \(dir)")) }
        let safeName = String(name.map { $0 == "/" ? "_" : $0 })
        let path = "\(dir)/\(getpid())-\(safeName)"
        guard SystemIO.writeFileAtomically(path, contents) else { return .failure(EditorError("cannot write \(path)")) }
        defer { unlink(path) }
        let editor = SystemIO.environment("VISUAL").flatMap { $0.isEmpty ? nil : $0 }
            ?? SystemIO.environment("EDITOR").flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        // Through sh so that EDITOR may carry arguments ("code -w").
        let argv = ["sh", "-c", editor + " \"$1\"", "sh", path]
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "sh", nil, nil, &cArgs, environ)
        guard spawned == 0 else { return .failure(EditorError("cannot run \(editor)")) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .failure(EditorError("lost track of \(editor)")) }
        }
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            return .failure(EditorError("\(editor) failed (exit status \(exited ? code : 128 + (status & 0x7f))); the file was not changed"))
        }
        guard let edited = SystemIO.readFile(path) else { return .failure(EditorError("cannot read back \(path)")) }
        return .success(edited)
    }
}
