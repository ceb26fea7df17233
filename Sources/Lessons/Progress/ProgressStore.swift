import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps `LessonProgress` as JSON in the user's state directory. Writes are atomic (a temporary
/// file in the same directory, flushed, then renamed over the old one), so a killed process
/// leaves either the old or the new file, never half of one. A file that cannot be read is set
/// aside as `progress.json.corrupt-<n>` and reported; it is never fatal.
public struct ProgressStore: Sendable {
    public let directory: String
    public var path: String { directory + "/progress.json" }

    public init(directory: String) {
        self.directory = directory
    }

    /// `$XDG_STATE_HOME/dockyard`, else `~/.local/state/dockyard`; nil when neither can be found.
    public static func defaultDirectory(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/dockyard" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/dockyard" }
        return nil
    }

    /// The saved progress and, when something went wrong, a note for the learner.
    public func load() -> (progress: LessonProgress, warning: String?) {
        removeAbandonedTemporaryFiles()
        guard FileManager.default.fileExists(atPath: path) else { return (LessonProgress(), nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (LessonProgress(), "Could not read lesson progress from \(path); starting without it.")
        }
        if let progress = try? JSONDecoder().decode(LessonProgress.self, from: data), progress.version == 1 {
            return (progress, nil)
        }
        let aside = setAside()
        let where_ = aside.map { "moved it to \($0)" } ?? "could not move it aside"
        return (LessonProgress(), "Lesson progress in \(path) was damaged; \(where_) and started afresh.")
    }

    /// Saves atomically; returns a message when that was not possible (progress then lives on
    /// only in memory for this session).
    @discardableResult
    public func save(_ progress: LessonProgress) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(progress) else { return "Could not encode lesson progress." }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            return "Could not create \(directory) for lesson progress."
        }
        let temporary = "\(directory)/.progress.json.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return "Could not write lesson progress in \(directory)." }
        var ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            return "Could not write lesson progress to \(path)."
        }
        return nil
    }

    /// Deletes temporary files left by writers that were killed before their rename. A file
    /// whose writer process still exists is left alone: it may be about to be renamed.
    func removeAbandonedTemporaryFiles() {
        let prefix = ".progress.json.tmp-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).prefix(while: { $0 != "-" })
            guard let pid = Int32(pidText), pid > 0 else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                unlink(directory + "/" + name)
            }
        }
    }

    /// Renames the damaged file to the first free `progress.json.corrupt-<n>`.
    func setAside() -> String? {
        for n in 1...1000 {
            let target = "\(path).corrupt-\(n)"
            if FileManager.default.fileExists(atPath: target) { continue }
            return rename(path, target) == 0 ? target : nil
        }
        return nil
    }
}
