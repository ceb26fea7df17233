import Foundation

/// A worded export failure.
public struct ExportMessage: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Where `export svg|html` puts its file: the real machine's file system (not the virtual
/// workspace). Injected so tests write to memory.
public protocol ExportFileWriter: Sendable {
    /// Writes `text` to `path`; an existing file is replaced only with `force`. Returns the
    /// absolute path written.
    func write(_ text: String, to path: String, force: Bool) -> Result<String, ExportMessage>
}

/// Writes real files; a relative path is taken from the directory Dockyard started in.
public struct SystemExportFileWriter: ExportFileWriter {
    /// The directory relative paths start from.
    public var base: String

    public init(base: String = SystemExportFileWriter.startDirectory) {
        self.base = base
    }

    /// The working directory when the process started (Dockyard never changes it).
    public static var startDirectory: String { FileManager.default.currentDirectoryPath }

    public func write(_ text: String, to path: String, force: Bool) -> Result<String, ExportMessage> {
        guard !path.isEmpty else { return .failure(ExportMessage("no file name given")) }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
        let full = url.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return .failure(ExportMessage("\(full) is a directory")) }
            if !force { return .failure(ExportMessage("\(full) already exists (add --force to replace it)")) }
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: full), options: .atomic)
        } catch {
            return .failure(ExportMessage("cannot write \(full): \(error.localizedDescription)"))
        }
        return .success(full)
    }
}
