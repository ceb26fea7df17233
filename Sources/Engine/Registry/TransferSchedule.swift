/// Simulated transfer timing: a link of fixed bandwidth shared equally by the transfers in
/// flight, with at most `maxConcurrent` of them (the daemon runs 3 downloads or 5 uploads at
/// a time; the rest print `Waiting`). Deterministic, so transcripts can show the order in
/// which layers finish and lessons can compare the virtual time a pull or push took.
public struct TransferSchedule: Sendable {
    /// Compressed bytes per second a pull receives.
    public static let downloadBandwidth: Double = 40_000_000
    /// Compressed bytes per second a push sends (home uplinks are slower).
    public static let uploadBandwidth: Double = 10_000_000
    /// Uncompressed bytes per second extraction writes.
    public static let extractionRate: Double = 200_000_000
    /// Fixed cost of talking to the registry at all (token, manifest round trips).
    public static let requestOverhead: Double = 0.3
    /// A blob check or cross-repository mount: a request, no body.
    public static let blobRequest: Double = 0.05
    public static let maxConcurrentDownloads = 3
    public static let maxConcurrentUploads = 5

    /// When each transfer finishes, for transfers of `sizes` bytes started in order. A size
    /// of nil is a bodiless request that takes `blobRequest` but uses no bandwidth.
    public static func finishTimes(sizes: [Int64?], bandwidth: Double, maxConcurrent: Int) -> [Double] {
        var finish = Array(repeating: 0.0, count: sizes.count)
        var remaining = sizes.map { $0.map(Double.init) ?? -blobRequest }
        var next = 0
        var active: [Int] = []
        var now = 0.0
        while next < sizes.count || !active.isEmpty {
            while active.count < max(1, maxConcurrent), next < sizes.count {
                active.append(next)
                next += 1
            }
            // Requests without a body count down in seconds (negative), bodies in bytes
            // shared among the bodies in flight.
            let bodies = active.filter { remaining[$0] >= 0 }
            let rate = bodies.isEmpty ? 0 : bandwidth / Double(bodies.count)
            var step = Double.infinity
            for i in active {
                let t = remaining[i] >= 0 ? (rate > 0 ? remaining[i] / rate : 0) : -remaining[i]
                step = min(step, t)
            }
            if !step.isFinite { step = 0 }
            now += step
            var still: [Int] = []
            for i in active {
                if remaining[i] >= 0 {
                    // No bandwidth at all: bodies are treated as instantaneous rather than
                    // never finishing.
                    if rate <= 0 { finish[i] = now; continue }
                    remaining[i] -= rate * step
                    if remaining[i] <= 0.5 { finish[i] = now } else { still.append(i) }
                } else {
                    remaining[i] += step
                    if remaining[i] >= -1e-9 { finish[i] = now } else { still.append(i) }
                }
            }
            active = still
        }
        return finish
    }
}
