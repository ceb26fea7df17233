/// A point in time, seconds since the Unix epoch (UTC).
public struct Timestamp: Hashable, Comparable, Sendable {
    public var secondsSince1970: Double
    public init(secondsSince1970: Double) { self.secondsSince1970 = secondsSince1970 }
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSince1970 < b.secondsSince1970 }
    public func adding(seconds: Double) -> Timestamp { Timestamp(secondsSince1970: secondsSince1970 + seconds) }
}

/// The session's clock. Every timestamp and duration the engine produces comes from here, so
/// that on the fixed clock two runs of the same script are byte-identical.
///
/// The engine does no I/O, so it never reads the wall clock itself: in `.real` mode the front
/// end calls `sync(toWallClock:)` before each command; simulated work (a RUN taking 12 s, a
/// pull) advances the clock in both modes.
public struct SimulatedClock: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable { case fixed, real }
    public var mode: Mode
    public private(set) var now: Timestamp

    /// The instant a fixed clock starts at: 2025-01-15 09:00:00 UTC.
    public static let fixedStart = Timestamp(secondsSince1970: 1_736_931_600)

    public init(mode: Mode = .fixed, start: Timestamp = SimulatedClock.fixedStart) {
        self.mode = mode
        self.now = start
    }

    /// Moves time forward by simulated work.
    public mutating func advance(by seconds: Double) {
        guard seconds > 0 else { return }
        now = now.adding(seconds: seconds)
    }

    /// Real mode only: catches up with the wall clock (never moves backwards).
    public mutating func sync(toWallClock wall: Timestamp) {
        guard mode == .real, wall > now else { return }
        now = wall
    }
}
