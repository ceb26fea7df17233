/// Where a line of this build's stage sits relative to the previous build of the stage.
enum LinePlacement: Hashable, Sendable {
    /// The same line as `old`, after the same line as before: its inputs explain a miss.
    case same(old: Int)
    /// The same line as `old`, but the old lines `removed` that came right before it are gone.
    case removedBefore(old: Int, removed: [Int])
    /// The same line as `old`, but the new lines `added` now come right before it.
    case addedBefore(old: Int, added: [Int])
    /// A line that was built before, but after another line (lines were moved). The indices
    /// are of the line before it, in the old and in the new list (nil = none: right after FROM).
    case reordered(oldPrevious: Int?, newPrevious: Int?)
    /// A line written in place of the old line `old` (edited).
    case replaced(old: Int)
    /// A line the previous build did not have.
    case inserted
}

/// The keyed lines of one stage in the previous build and in this one, aligned by a longest
/// common subsequence of their texts. It only words why a step missed: cache keys decide hits.
struct StageAlignment {
    let old: [String]
    let new: [String]
    /// For each new line, the old line it is aligned with. Computed on first use, since a build
    /// whose steps all hit never needs it.
    private var oldForNew: [Int?]?
    private var newForOld: [Int?] = []
    private var newTexts: Set<String> = []
    private var oldTexts: Set<String> = []

    /// Above this many cells the middle of two long lists is aligned by position instead (the
    /// table would cost too much memory for an explanation).
    static let tableLimit = 1_000_000

    init(old: [String], new: [String]) {
        self.old = old
        self.new = new
    }

    private mutating func align() {
        guard oldForNew == nil else { return }
        var forNew = [Int?](repeating: nil, count: new.count)
        var forOld = [Int?](repeating: nil, count: old.count)
        // Edits are usually local: match the common head and tail directly.
        var head = 0
        while head < old.count && head < new.count && old[head] == new[head] {
            forNew[head] = head
            forOld[head] = head
            head += 1
        }
        var tail = 0
        while tail < old.count - head && tail < new.count - head && old[old.count - 1 - tail] == new[new.count - 1 - tail] {
            forNew[new.count - 1 - tail] = old.count - 1 - tail
            forOld[old.count - 1 - tail] = new.count - 1 - tail
            tail += 1
        }
        let a = old.count - head - tail, b = new.count - head - tail
        if a > 0 && b > 0 {
            if a * b <= StageAlignment.tableLimit {
                // suffix[i][j]: length of the LCS of old[head+i...] and new[head+j...].
                let width = b + 1
                var suffix = [Int32](repeating: 0, count: (a + 1) * width)
                for i in stride(from: a - 1, through: 0, by: -1) {
                    for j in stride(from: b - 1, through: 0, by: -1) {
                        suffix[i * width + j] = old[head + i] == new[head + j]
                            ? suffix[(i + 1) * width + j + 1] + 1
                            : max(suffix[(i + 1) * width + j], suffix[i * width + j + 1])
                    }
                }
                var i = 0, j = 0
                while i < a && j < b {
                    if old[head + i] == new[head + j] {
                        forNew[head + j] = head + i
                        forOld[head + i] = head + j
                        i += 1
                        j += 1
                    } else if suffix[(i + 1) * width + j] >= suffix[i * width + j + 1] {
                        i += 1
                    } else {
                        j += 1
                    }
                }
            } else {
                for k in 0..<min(a, b) where old[head + k] == new[head + k] {
                    forNew[head + k] = head + k
                    forOld[head + k] = head + k
                }
            }
        }
        oldForNew = forNew
        newForOld = forOld
        newTexts = Set(new)
        oldTexts = Set(old)
    }

    /// How new line `j` relates to the previous build.
    mutating func placement(ofNew j: Int) -> LinePlacement {
        align()
        guard let forNew = oldForNew, new.indices.contains(j) else { return .inserted }
        // The nearest aligned pair before j, and after it.
        var before = (new: -1, old: -1)
        for k in stride(from: j - 1, through: 0, by: -1) {
            if let i = forNew[k] { before = (k, i); break }
        }
        let newPrevious = j > 0 ? j - 1 : nil
        if let i = forNew[j] {
            let oldPrevious = i > 0 ? i - 1 : nil
            if oldPrevious.map({ old[$0] }) == newPrevious.map({ new[$0] }) { return .same(old: i) }
            let oldGap = Array((before.old + 1)..<i)
            let newGap = Array((before.new + 1)..<j)
            if newGap.isEmpty, !oldGap.isEmpty, oldGap.allSatisfy({ !newTexts.contains(old[$0]) }) {
                return .removedBefore(old: i, removed: oldGap)
            }
            if oldGap.isEmpty, !newGap.isEmpty, newGap.allSatisfy({ !oldTexts.contains(new[$0]) }) {
                return .addedBefore(old: i, added: newGap)
            }
            return .reordered(oldPrevious: oldPrevious, newPrevious: newPrevious)
        }
        // Not aligned but built before elsewhere in the stage: it moved.
        if let i = old.indices.first(where: { old[$0] == new[j] && newForOld[$0] == nil }) ?? old.firstIndex(of: new[j]) {
            return .reordered(oldPrevious: i > 0 ? i - 1 : nil, newPrevious: newPrevious)
        }
        var after = (new: new.count, old: old.count)
        for k in (j + 1)..<max(j + 1, new.count) {
            if let i = forNew[k] { after = (k, i); break }
        }
        // Between the same aligned neighbours, an old line that is gone was edited into this
        // one: the one of the same rank when both gaps are as long, or of the same rank and
        // keyword, or one that starts the same way.
        let oldGap = (before.old + 1)..<after.old
        let newGapCount = after.new - before.new - 1
        let rank = j - before.new - 1
        let headWords = StageAlignment.head(new[j])
        let sameRank = oldGap.lowerBound + rank
        if oldGap.contains(sameRank), !newTexts.contains(old[sameRank]),
           oldGap.count == newGapCount || StageAlignment.head(old[sameRank]).first == headWords.first {
            return .replaced(old: sameRank)
        }
        if let i = oldGap.first(where: { !newTexts.contains(old[$0]) && StageAlignment.head(old[$0]) == headWords }) {
            return .replaced(old: i)
        }
        return .inserted
    }

    /// The keyword and first argument, upper-casing the keyword (`RUN pip`).
    static func head(_ text: String) -> [String] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).prefix(2).map(String.init)
        guard let first = words.first else { return [] }
        return [first.uppercased()] + words.dropFirst()
    }
}
