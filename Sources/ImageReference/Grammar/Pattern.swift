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

    /// A state that waits on input (a byte test or the final match), reached through empty
    /// transitions, with the capture slots those transitions set.
    private struct Leaf: Sendable {
        let pc: Int
        /// Bit `i` set: slot `i` takes the current position.
        let saves: UInt8
    }

    private let program: [Instruction]
    /// For each state that can follow a consumed byte (and the start), its leaves in priority
    /// order: the threads a Pike VM would add, computed once instead of on every step.
    private let closures: [[Leaf]]
    let groupCount: Int

    init(_ pattern: Pattern) {
        var program: [Instruction] = []
        var groups = 0
        Self.emit(pattern, into: &program, groups: &groups)
        program.append(.match)
        // The patterns are fixed at build time; this guards the grammar, not the input.
        precondition(groups <= Self.maxGroups, "AnchoredRegex supports at most \(Self.maxGroups) groups")
        self.program = program
        self.groupCount = groups
        var closures = [[Leaf]](repeating: [], count: program.count)
        for pc in program.indices where pc == 0 || { if case .byte = program[pc - 1] { true } else { false } }() {
            closures[pc] = Self.closure(from: pc, in: program)
        }
        self.closures = closures
    }

    /// Depth-first over empty transitions, first branch first; a state reached a second time
    /// is not followed again (its leaves are already listed with higher priority).
    private static func closure(from start: Int, in program: [Instruction]) -> [Leaf] {
        var leaves: [Leaf] = []
        var visited = Set<Int>()
        var stack: [(pc: Int, saves: UInt8)] = [(start, 0)]
        while let (pc, saves) = stack.popLast() {
            guard visited.insert(pc).inserted else { continue }
            switch program[pc] {
            case .jump(let target): stack.append((target, saves))
            case .split(let first, let second):
                stack.append((second, saves))
                stack.append((first, saves))
            case .save(let slot): stack.append((pc + 1, saves | 1 << UInt8(slot)))
            case .byte, .match: leaves.append(Leaf(pc: pc, saves: saves))
            }
        }
        return leaves
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

    /// Capture positions for up to three groups (the most any pattern here has), kept inline
    /// so that forking a thread does not allocate.
    private struct Slots {
        var values: (Int, Int, Int, Int, Int, Int) = (-1, -1, -1, -1, -1, -1)

        subscript(index: Int) -> Int {
            get {
                switch index {
                case 0: values.0
                case 1: values.1
                case 2: values.2
                case 3: values.3
                case 4: values.4
                default: values.5
                }
            }
            set {
                switch index {
                case 0: values.0 = newValue
                case 1: values.1 = newValue
                case 2: values.2 = newValue
                case 3: values.3 = newValue
                case 4: values.4 = newValue
                default: values.5 = newValue
                }
            }
        }
    }

    static let maxGroups = 3

    private struct Thread {
        var pc: Int
        var slots: Slots
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
        var groups: [String] = []
        var g = 0
        while g < groupCount {
            let start = slots[2 * g], end = slots[2 * g + 1]
            groups.append(start >= 0 && end >= start ? String(decoding: bytes[start..<end], as: UTF8.self) : "")
            g += 1
        }
        return groups
    }

    /// The threads of one step, in priority order. The array only grows, so later steps
    /// reuse its storage.
    private struct ThreadList {
        var threads: [Thread] = []
        var count = 0

        mutating func append(_ thread: Thread) {
            if count < threads.count { threads[count] = thread } else { threads.append(thread) }
            count += 1
        }
    }

    private func run(_ bytes: [UInt8]) -> Slots? {
        // marks[pc] == p when the list for position p already holds pc; one array serves
        // both lists because each position is built once.
        var marks = [Int](repeating: -1, count: program.count)
        var current = ThreadList(), next = ThreadList()
        add(closures[0], from: Slots(), to: &current, at: 0, marks: &marks)
        var pos = 0
        while current.count > 0 {
            next.count = 0
            var t = 0
            while t < current.count {
                let thread = current.threads[t]
                t += 1
                switch program[thread.pc] {
                case .byte(let set):
                    if pos < bytes.count, set.contains(bytes[pos]) {
                        add(closures[thread.pc + 1], from: thread.slots, to: &next, at: pos + 1, marks: &marks)
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
            swap(&current, &next)
            pos += 1
        }
        return nil
    }

    /// Appends the leaves not already in `list`: a state already there came from a
    /// higher-priority thread, which wins.
    private func add(_ leaves: [Leaf], from slots: Slots, to list: inout ThreadList, at pos: Int, marks: inout [Int]) {
        var i = 0
        while i < leaves.count {
            let leaf = leaves[i]
            i += 1
            if marks[leaf.pc] == pos { continue }
            marks[leaf.pc] = pos
            var thread = Thread(pc: leaf.pc, slots: slots)
            if leaf.saves != 0 {
                var slot = 0
                while slot < 2 * Self.maxGroups {
                    if leaf.saves & (1 << UInt8(slot)) != 0 { thread.slots[slot] = pos }
                    slot += 1
                }
            }
            list.append(thread)
        }
    }
}
