import CLineEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the C library: the only real I/O in the REPL module.
public enum SystemIO {
    public static func write(_ text: String, to fd: Int32 = 1) {
        _ = writeAll(fd, Array(text.utf8))
    }

    /// Writes all bytes, retrying after signals; false on error.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(fd, base + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The width of the terminal on `fd`, or nil when unknown.
    public static func terminalColumns(_ fd: Int32 = 1) -> Int? {
        let columns = Int(cle_terminal_columns(fd))
        return columns > 0 ? columns : nil
    }

    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// Reads a whole file, or nil.
    public static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            data += buffer[0..<n]
        }
        return data
    }

    /// Writes a file atomically (a temporary file in the same directory, then rename).
    @discardableResult
    public static func writeFileAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) -> Bool {
        let temp = path + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { return false }
        var ok = writeAll(fd, bytes)
        if close(fd) != 0 { ok = false }
        if ok && rename(temp, path) == 0 { return true }
        unlink(temp)
        return false
    }

    /// Creates a directory and its parents (mode 0700 for new ones).
    @discardableResult
    public static func makeDirectories(_ path: String) -> Bool {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST { return false }
        }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Dockyard's state directory ($XDG_STATE_HOME/dockyard or ~/.local/state/dockyard),
    /// without creating it.
    public static var stateDirectory: String? {
        if let xdg = environment("XDG_STATE_HOME"), xdg.hasPrefix("/") { return xdg + "/dockyard" }
        if let home = environment("HOME"), home.hasPrefix("/") { return home + "/.local/state/dockyard" }
        return nil
    }

    /// Milliseconds on a monotonic clock (benchmarks).
    public static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Seconds since the epoch (the real clock mode).
    public static func wallClockSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}

/// What reading a line produced.
public enum LineEvent: Equatable, Sendable {
    case line([UInt8])
    /// SIGINT arrived while waiting (Ctrl-C on the fallback reader).
    case interrupted
    case end
}

/// Reads physical lines from a file descriptor as raw bytes (no decoding: bad bytes are the
/// driver's business).
public struct FileLineSource {
    let fd: Int32
    var buffer: [UInt8] = []
    var start = 0
    var atEnd = false

    /// When set, called while waiting for input; returning true ends the wait with
    /// `.interrupted` (the interactive fallback reader watches its SIGINT flag this way,
    /// which also catches a signal that lands just before a read).
    var interruptCheck: (() -> Bool)?

    public init(fd: Int32) { self.fd = fd }

    init(fd: Int32, interruptCheck: @escaping () -> Bool) {
        self.fd = fd
        self.interruptCheck = interruptCheck
    }

    /// The next line without its newline.
    public mutating func next() -> LineEvent {
        while true {
            if let nl = buffer[start...].firstIndex(of: 10) {
                let line = Array(buffer[start..<nl])
                start = nl + 1
                compact()
                return .line(line)
            }
            if atEnd {
                guard start < buffer.count else { return .end }
                let line = Array(buffer[start...])
                start = buffer.count
                compact()
                return .line(line)
            }
            if let interruptCheck {
                if interruptCheck() {
                    buffer.removeSubrange(start...)
                    return .interrupted
                }
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&p, 1, 1000) <= 0 { continue }
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR {
                    // With a check installed, loop: the check takes the flag and decides.
                    if interruptCheck != nil { continue }
                    return .interrupted
                }
                atEnd = true
            } else if n == 0 {
                atEnd = true
            } else {
                buffer += chunk[0..<n]
            }
        }
    }

    private mutating func compact() {
        if start > 1 << 16 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// Whether a complete line is already buffered.
    public var hasBufferedLine: Bool { buffer[start...].contains(10) }
}
