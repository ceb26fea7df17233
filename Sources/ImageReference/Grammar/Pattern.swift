/// A set of ASCII bytes. Go's regexp classes used by distribution/reference are all ASCII
/// (`\w` and `[[:xdigit:]]` included), so a byte >= 0x80 never matches, which is what Go does
/// with a non-ASCII rune.
struct ByteSet: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Builds a set from ranges written as in a regexp class: `"a-z0-9_"`. A `-` that is first
    /// or last stands for itself.
    init(_ spec: String) {
        let bytes = Array(spec.utf8)
        var i = 0
        while i < bytes.count {
            if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                for b in bytes[i]...bytes[i + 2] { insert(b) }
                i += 3
            } else {
                insert(bytes[i])
                i += 1
            }
        }
    }

    private mutating func insert(_ b: UInt8) {
        if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
    }

    func contains(_ b: UInt8) -> Bool {
        if b < 64 { return low & (1 << UInt64(b)) != 0 }
        if b < 128 { return high & (1 << UInt64(b - 64)) != 0 }
        return false
    }
}

/// A regular expression written as a value, mirroring the building blocks of
/// distribution/reference's `regexp.go` (`optional`, `anyTimes`, `capture`, ...).
/// Alternatives are tried in order and repetitions are greedy, as in Go.
indirect enum Pattern: Sendable {
    case byte(ByteSet)
    case sequence([Pattern])
    case choice([Pattern])
    /// Greedy repetition; `max == nil` means unbounded.
    case repetition(Pattern, min: Int, max: Int?)
    /// A capturing group, numbered by the position of its opening, as Go numbers them.
    case capture(Pattern)

    static func set(_ spec: String) -> Pattern { .byte(ByteSet(spec)) }

    static func literal(_ text: String) -> Pattern {
        .sequence(text.utf8.map { b in .byte(ByteSet(String(UnicodeScalar(b)))) })
    }

    static func optional(_ parts: Pattern...) -> Pattern { .repetition(.sequence(parts), min: 0, max: 1) }
    static func anyTimes(_ parts: Pattern...) -> Pattern { .repetition(.sequence(parts), min: 0, max: nil) }
    static func oneOrMore(_ p: Pattern) -> Pattern { .repetition(p, min: 1, max: nil) }
}

/// A compiled pattern anchored at both ends (`^...$`, where `$` is the very end of the text:
/// Go does not let `$` match before a trailing newline).
///
/// Matching runs a Pike VM: threads are kept in priority order, so the submatches are the
/// ones Go's leftmost-first semantics pick, in time linear in the input and without recursion
/// over the input (a backtracking matcher would need either).
struct AnchoredRegex: Sendable {
    private enum Instruction: Sendable {
        case byte(ByteSet)
        /// Try the first target before the second.
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case match
    }

    private let program: [Instruction]
    let groupCount: Int

    init(_ pattern: Pattern) {
        var program: [Instruction] = []
        var groups = 0
        Self.emit(pattern, into: &program, groups: &groups)
        program.append(.match)
        self.program = program
        self.groupCount = groups
    }

    private static func emit(_ p: Pattern, into prog: inout [Instruction], groups: inout Int) {
        switch p {
        case .byte(let set):
            prog.append(.byte(set))
        case .sequence(let parts):
            for part in parts { emit(part, into: &prog, groups: &groups) }
        case .choice(let alternatives):
            guard let last = alternatives.last else { return }
            var jumpsToEnd: [Int] = []
            for alt in alternatives.dropLast() {
                let split = prog.count
                prog.append(.split(split + 1, -1))
                emit(alt, into: &prog, groups: &groups)
                jumpsToEnd.append(prog.count)
                prog.append(.jump(-1))
                prog[split] = .split(split + 1, prog.count)
            }
            emit(last, into: &prog, groups: &groups)
            for j in jumpsToEnd { prog[j] = .jump(prog.count) }
        case .repetition(let body, let min, let max):
            for _ in 0..<min { emit(body, into: &prog, groups: &groups) }
            if let max {
                // x{0,n} as Go simplifies it: (x(x(x)?)?)? — once one is skipped, all are.
                var splits: [Int] = []
                for _ in 0..<Swift.max(0, max - min) {
                    splits.append(prog.count)
                    prog.append(.split(prog.count + 1, -1))
                    emit(body, into: &prog, groups: &groups)
                }
                for s in splits { prog[s] = .split(s + 1, prog.count) }
            } else {
                let loop = prog.count
                prog.append(.split(loop + 1, -1))
                emit(body, into: &prog, groups: &groups)
                prog.append(.jump(loop))
                prog[loop] = .split(loop + 1, prog.count)
            }
        case .capture(let inner):
            groups += 1
            let slot = 2 * (groups - 1)
            prog.append(.save(slot))
            emit(inner, into: &prog, groups: &groups)
            prog.append(.save(slot + 1))
        }
    }

    private struct Thread {
        var pc: Int
        var slots: [Int]
    }

    /// Whether the whole input matches.
    func matches(_ input: some Collection<UInt8>) -> Bool {
        run(Array(input)) != nil
    }

    /// The capture groups of a whole-input match (`FindStringSubmatch` without element 0):
    /// an unmatched group is `""`, as in Go. `nil` when the input does not match.
    func submatches(_ input: String) -> [String]? {
        let bytes = Array(input.utf8)
        guard let slots = run(bytes) else { return nil }
        return (0..<groupCount).map { g in
            let start = slots[2 * g], end = slots[2 * g + 1]
            guard start >= 0, end >= start else { return "" }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }

    private func run(_ bytes: [UInt8]) -> [Int]? {
        var marks = [Int](repeating: -1, count: program.count)
        var stack: [Thread] = []
        var current: [Thread] = []
        addThread(Thread(pc: 0, slots: [Int](repeating: -1, count: 2 * groupCount)),
                  to: &current, at: 0, marks: &marks, stack: &stack)
        var pos = 0
        while !current.isEmpty {
            var next: [Thread] = []
            for thread in current {
                switch program[thread.pc] {
                case .byte(let set):
                    if pos < bytes.count, set.contains(bytes[pos]) {
                        addThread(Thread(pc: thread.pc + 1, slots: thread.slots),
                                  to: &next, at: pos + 1, marks: &marks, stack: &stack)
                    }
                case .match:
                    // Threads are in priority order and `$` only holds at the end, so the
                    // first thread to reach it there is Go's match.
                    if pos == bytes.count { return thread.slots }
                default:
                    break
                }
            }
            if pos == bytes.count { break }
            current = next
            pos += 1
        }
        return nil
    }

    /// Follows the empty transitions from `start` depth-first, higher-priority branch first,
    /// appending the threads that wait on input (or on the end) to `list` in priority order.
    private func addThread(_ start: Thread, to list: inout [Thread], at pos: Int,
                           marks: inout [Int], stack: inout [Thread]) {
        stack.append(start)
        while var thread = stack.popLast() {
            if marks[thread.pc] == pos { continue }
            marks[thread.pc] = pos
            switch program[thread.pc] {
            case .jump(let target):
                thread.pc = target
                stack.append(thread)
            case .split(let first, let second):
                stack.append(Thread(pc: second, slots: thread.slots))
                thread.pc = first
                stack.append(thread)
            case .save(let slot):
                thread.slots[slot] = pos
                thread.pc += 1
                stack.append(thread)
            case .byte, .match:
                list.append(thread)
            }
        }
    }
}
