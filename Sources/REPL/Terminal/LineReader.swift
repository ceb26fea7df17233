import CLineEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the interactive loop gets its lines from.
public protocol LineReader {
    /// Shows `prompt` and reads one physical line.
    mutating func readLine(prompt: String) -> LineEvent
    /// Shows `prompt` and reads one line without echoing it (a password), then ends the
    /// prompt's line itself, since the Enter typed was not echoed either.
    mutating func readSecret(prompt: String) -> LineEvent
    /// Whether more input is already waiting (a paste in progress): the loop keeps a pasted
    /// Dockerfile together while this is true.
    var hasPendingInput: Bool { get }
    /// Records a line in the reader's recall history (Up arrow).
    mutating func addHistory(_ line: String)
    /// "libedit", "plain" or "scripted" (libedit wants non-printing prompt bytes marked).
    var name: String { get }
}

/// Line editing with libedit (loaded at run time; see the CLineEdit target).
public final class LibeditLineReader: LineReader {
    public let name = "libedit"

    /// Sets up libedit on the terminal; nil when it cannot be loaded (or
    /// DOCKYARD_NO_LIBEDIT is set). `completer` answers Tab.
    public init?(completer: @escaping @Sendable (String) -> Completion) {
        CompletionBridge.completer = completer
        guard cle_open("dockyard", completionCallback) == 1 else { return nil }
    }

    deinit { cle_close() }

    public func readLine(prompt: String) -> LineEvent {
        cle_set_prompt(prompt)
        var status: Int32 = 0
        guard let raw = cle_read_line(&status) else {
            return status == 1 ? .interrupted : .end
        }
        defer { free(raw) }
        let length = strlen(raw)
        return .line(Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: length)))
    }

    public var hasPendingInput: Bool { cle_input_pending() == 1 }

    public func addHistory(_ line: String) { cle_history_add(line) }

    public func readSecret(prompt: String) -> LineEvent { readSecretLine(prompt: prompt) }
}

/// Reads a secret with the terminal's echo off (the C side restores it).
func readSecretLine(prompt: String) -> LineEvent {
    var status: Int32 = 0
    guard let raw = cle_read_secret(prompt, &status) else {
        return status == 1 ? .interrupted : .end
    }
    defer { free(raw) }
    return .line(Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))))
}

/// The fallback: reads whole lines from stdin (terminal in cooked mode, or not a terminal).
public final class PlainLineReader: LineReader {
    public let name = "plain"
    private var source: FileLineSource
    private let showsPrompt: Bool

    public init(showsPrompt: Bool, catchesInterrupt: Bool) {
        self.showsPrompt = showsPrompt
        if catchesInterrupt {
            cle_install_sigint()
            source = FileLineSource(fd: 0, interruptCheck: { cle_take_interrupt() == 1 })
        } else {
            source = FileLineSource(fd: 0)
        }
    }

    public func readLine(prompt: String) -> LineEvent {
        if showsPrompt && !source.hasBufferedLine { SystemIO.write(prompt) }
        return source.next()
    }

    public var hasPendingInput: Bool { source.hasBufferedLine || cle_input_pending() == 1 }

    public func addHistory(_ line: String) {}

    public func readSecret(prompt: String) -> LineEvent {
        // A line already read ahead (a paste) is taken as it is; otherwise read past the
        // buffer, which is empty then, with echo off.
        if source.hasBufferedLine {
            if showsPrompt { SystemIO.write(prompt + "\n") }
            return source.next()
        }
        return readSecretLine(prompt: showsPrompt ? prompt : "")
    }
}

/// Lines given up front (tests).
public struct ScriptedLineReader: LineReader {
    public let name = "scripted"
    public var lines: [LineEvent]
    /// The prompts shown, in order.
    public private(set) var prompts: [String] = []
    public private(set) var history: [String] = []

    public init(_ lines: [String]) {
        self.lines = lines.map { .line(Array($0.utf8)) }
    }

    public init(events: [LineEvent]) { self.lines = events }

    public mutating func readLine(prompt: String) -> LineEvent {
        prompts.append(prompt)
        guard !lines.isEmpty else { return .end }
        return lines.removeFirst()
    }

    /// Like `readLine`; the prompt is recorded with a `(secret)` mark.
    public mutating func readSecret(prompt: String) -> LineEvent {
        prompts.append(prompt + "(secret)")
        guard !lines.isEmpty else { return .end }
        return lines.removeFirst()
    }

    public var hasPendingInput: Bool { false }

    public mutating func addHistory(_ line: String) { history.append(line) }
}

/// What Tab produces: text to insert at the cursor and/or a list of choices to show.
public struct Completion: Equatable, Sendable {
    public var insert: String
    public var choices: [String]

    public init(insert: String = "", choices: [String] = []) {
        self.insert = insert
        self.choices = choices
    }
}

/// The C callback cannot capture context, so the current completer lives here. The REPL is
/// single-threaded: only the main thread's el_gets calls back into it.
enum CompletionBridge {
    nonisolated(unsafe) static var completer: (@Sendable (String) -> Completion)?
}

private let completionCallback: cle_complete_fn = { linePointer, insertOut, listingOut in
    guard let linePointer, let completer = CompletionBridge.completer else { return }
    let completion = completer(String(decoding: UnsafeRawBufferPointer(start: linePointer, count: strlen(linePointer)), as: UTF8.self))
    if !completion.insert.isEmpty { insertOut?.pointee = strdup(completion.insert) }
    if !completion.choices.isEmpty {
        listingOut?.pointee = strdup(Completer.columns(completion.choices, width: 80))
    }
}
