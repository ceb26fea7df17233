@testable import ImageReference
import Testing

/// SplitMix64: a fixed-seed generator, so every run sees the same inputs.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Random inputs shaped like references (so that many parse), then mutated with the
/// characters that matter to the grammar, upper case, whitespace and non-ASCII text.
enum ReferenceInputs {
    static let domains = ["localhost", "example.com", "a.b", "Ab-c.D", "[::1]", "[fe80::1]", "1.2.3.4", "docker.io",
                          "index.docker.io", "x", "a-", "-a", "LOCALHOST", "reg_istry.io", "[]"]
    static let separators = [".", "_", "__", "-", "--", "___", "..", "-_"]
    static let algorithms = ["sha256", "sha512", "sha384", "SHA256", "sha256+b64", "md5", "", "sha256.x", "s"]
    static let mutationScalars: [Unicode.Scalar] = [
        "a", "z", "0", "9", "A", "Z", ".", "_", "-", "/", ":", "@", "[", "]", "f", " ", "\n", "\t", "+", "=",
        "\u{E9}", "\u{212A}", "\u{130}", "\u{1F40B}", "\u{0}",
    ]

    static func alnum(_ rng: inout SplitMix64, _ count: Int, upper: Bool = false) -> String {
        let letters = Array(upper ? "abcxyz019ABZ" : "abcxyz019")
        return String((0..<count).map { _ in rng.pick(letters) })
    }

    static func generate(_ rng: inout SplitMix64) -> String {
        var s = ""
        if rng.chance(50) {
            s += rng.pick(domains)
            if rng.chance(30) { s += ":" + String(rng.below(70000)) }
            s += "/"
        }
        for i in 0..<(1 + rng.below(3)) {
            if i > 0 { s += "/" }
            s += alnum(&rng, 1 + rng.below(4))
            while rng.chance(30) { s += rng.pick(separators) + alnum(&rng, 1 + rng.below(3)) }
        }
        if rng.chance(40) {
            let length = rng.chance(5) ? rng.pick([127, 128, 129]) : 1 + rng.below(6)
            s += ":" + String((0..<length).map { _ in rng.pick(Array("abAB09_.-")) })
        }
        if rng.chance(30) {
            let hexLength = rng.pick([0, 31, 32, 63, 64, 64, 64, 65, 96, 128])
            let hex = Array(rng.chance(80) ? "0123456789abcdef" : "0123456789abcdefABCDEFg")
            s += "@" + rng.pick(algorithms) + ":" + String((0..<hexLength).map { _ in rng.pick(hex) })
        }
        if rng.chance(3) { s = String((0..<64).map { _ in rng.pick(Array("0123456789abcdef")) }) }
        return mutate(s, &rng)
    }

    static func mutate(_ input: String, _ rng: inout SplitMix64) -> String {
        var scalars = Array(input.unicodeScalars)
        for _ in 0..<rng.pick([0, 0, 1, 1, 2, 3]) {
            let at = rng.below(scalars.count + 1)
            switch rng.below(4) {
            case 0: scalars.insert(rng.pick(mutationScalars), at: at)
            case 1: if at < scalars.count { scalars.remove(at: at) }
            case 2: if at < scalars.count { scalars[at] = rng.pick(mutationScalars) }
            default:
                if at < scalars.count {
                    let end = min(scalars.count, at + 1 + rng.below(6))
                    scalars.insert(contentsOf: scalars[at..<end], at: at)
                }
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }
}

/// An independent matcher for the same patterns: a plain recursive backtracker, which is
/// leftmost-first by construction (alternatives in order, repetitions greedy). Slow and
/// recursive, so only for short inputs.
final class Backtracker {
    indirect enum Node {
        case byte(ByteSet)
        case sequence([Node])
        case choice([Node])
        case repetition(Node, min: Int, max: Int?)
        case capture(Int, Node)
    }

    let root: Node
    let groups: Int
    private var input: [UInt8] = []
    private var slots: [Int] = []

    init(_ pattern: Pattern) {
        var count = 0
        func number(_ p: Pattern) -> Node {
            switch p {
            case .byte(let set): return .byte(set)
            case .sequence(let parts): return .sequence(parts.map(number))
            case .choice(let alternatives): return .choice(alternatives.map(number))
            case .repetition(let body, let min, let max): return .repetition(number(body), min: min, max: max)
            case .capture(let inner):
                count += 1
                let group = count - 1
                return .capture(group, number(inner))
            }
        }
        root = number(pattern)
        groups = count
    }

    func submatches(_ s: String) -> [String]? {
        input = Array(s.utf8)
        slots = [Int](repeating: -1, count: 2 * groups)
        guard match(root, 0, { $0 == self.input.count }) else { return nil }
        return (0..<groups).map { g in
            slots[2 * g] < 0 ? "" : String(decoding: input[slots[2 * g]..<slots[2 * g + 1]], as: UTF8.self)
        }
    }

    private func match(_ node: Node, _ i: Int, _ k: (Int) -> Bool) -> Bool {
        switch node {
        case .byte(let set):
            return i < input.count && set.contains(input[i]) && k(i + 1)
        case .sequence(let parts):
            return sequence(parts[...], i, k)
        case .choice(let alternatives):
            return alternatives.contains { match($0, i, k) }
        case .repetition(let body, let min, let max):
            return repeatGreedy(body, min, max, 0, i, k)
        case .capture(let g, let inner):
            return match(inner, i) { j in
                let saved = (self.slots[2 * g], self.slots[2 * g + 1])
                (self.slots[2 * g], self.slots[2 * g + 1]) = (i, j)
                if k(j) { return true }
                (self.slots[2 * g], self.slots[2 * g + 1]) = saved
                return false
            }
        }
    }

    private func sequence(_ parts: ArraySlice<Node>, _ i: Int, _ k: (Int) -> Bool) -> Bool {
        guard let first = parts.first else { return k(i) }
        return match(first, i) { j in self.sequence(parts.dropFirst(), j, k) }
    }

    private func repeatGreedy(_ body: Node, _ min: Int, _ max: Int?, _ done: Int, _ i: Int, _ k: (Int) -> Bool) -> Bool {
        if max.map({ done < $0 }) ?? true {
            let more = match(body, i) { j in j != i && self.repeatGreedy(body, min, max, done + 1, j, k) }
            if more { return true }
        }
        return done >= min && k(i)
    }
}

@Suite struct FuzzTests {
    /// The Pike VM must pick exactly the submatches a backtracking (Go leftmost-first)
    /// matcher picks, for the grammar's capturing patterns.
    @Test func pikeVMAgreesWithBacktracking() {
        func random(_ alphabet: String, _ rng: inout SplitMix64) -> String {
            let letters = Array(alphabet)
            return ReferenceInputs.mutate(String((0..<(1 + rng.below(12))).map { _ in rng.pick(letters) }), &rng)
        }
        let patterns: [(String, Pattern, (inout SplitMix64) -> String)] = [
            ("reference", Grammar.referencePattern, ReferenceInputs.generate),
            ("anchoredName", Grammar.anchoredNamePattern, ReferenceInputs.generate),
            ("goDigest", Grammar.goDigestPattern, { rng in random("ab09.+_-:=A", &rng) }),
            ("tag", Grammar.tag, { rng in random("aZ09_.-", &rng) }),
        ]
        var rng = SplitMix64(state: 0xD0C_4E4D)
        var disagreements: [String] = []
        var matched = 0
        for (label, pattern, generate) in patterns {
            let vm = AnchoredRegex(pattern), oracle = Backtracker(pattern)
            for _ in 0..<5_000 {
                var s = generate(&rng)
                if s.utf8.count > 40 { s = String(decoding: s.utf8.prefix(40), as: UTF8.self) }
                let expected = oracle.submatches(s), actual = vm.submatches(s)
                if expected != nil { matched += 1 }
                if expected != actual, disagreements.count < 10 {
                    disagreements.append("\(label) \(s.debugDescription): expected \(String(describing: expected)), got \(String(describing: actual))")
                }
            }
        }
        #expect(disagreements.isEmpty, Comment(rawValue: disagreements.joined(separator: "\n")))
        // Guard against a generator that never produces matching inputs.
        #expect(matched > 5_000)
    }

    /// 50,000 generated and mutated inputs, each through one mode in turn (so every mode
    /// sees about 8,300) and through the CLI's report: no crash, and the results keep the
    /// properties upstream guarantees.
    @Test(arguments: 0..<5)
    func mutatedInputsNeverCrashAndStayConsistent(batch: Int) throws {
        var rng = SplitMix64(state: 0x5EED_0000 + UInt64(batch))
        let modes = ParseMode.allCases
        var valid = 0
        for i in 0..<10_000 {
            let input = ReferenceInputs.generate(&rng)
            let mode = modes[i % modes.count]
            let report = ReferenceReport(input: input, mode: mode)
            let result = Result { () throws(ReferenceError) in try mode.parse(input) }
            let normalized = try? Reference.parseNormalizedNamed(input)
            switch result {
            case .failure(let error):
                #expect(report == .invalid(error: error.description))
                #expect(!error.description.isEmpty)
            case .success(let ref):
                valid += 1
                guard case .valid(let fields) = report else {
                    Issue.record("report disagrees for \(input.debugDescription) [\(mode.rawValue)]")
                    continue
                }
                #expect(fields.string == ref.string && fields.normalized == normalized?.string)
                try checkInvariants(input: input, mode: mode, ref: ref, normalized: normalized)
            }
            switch mode {
            case .parseNamed:
                #expect(result.isSuccess == (normalized?.string == input), "parse_named \(input.debugDescription)")
            case .parseDockerRef:
                let expected = normalized.map { n in
                    n.tag != nil && n.digest != nil
                        ? NamedReference(domain: n.domain, path: n.path, digest: n.digest)
                        : n.tagNameOnly
                }
                #expect((try? result.get().named) == expected, "parse_docker_ref \(input.debugDescription)")
            default:
                break
            }
        }
        #expect(valid > 2_000, "too few inputs parsed; the generator is not exercising the grammar")
    }

    private func checkInvariants(input: String, mode: ParseMode, ref: AnyReference, normalized: NamedReference?) throws {
        let context = Comment(rawValue: "\(mode.rawValue) \(input.debugDescription) -> \(ref.string)")
        if let digest = ref.digest {
            #expect((try? ReferenceDigest.parse(digest.string)) != nil, context)
        }
        guard let named = ref.named else {
            #expect(mode == .parseAnyReference || mode == .parse, context)
            return
        }
        #expect(named.path.utf8.count <= Reference.maxRepositoryNameLength, context)
        // Every result's string is itself a valid reference that reads back the same.
        #expect((try? Reference.parse(named.string))?.string == named.string, context)
        // (A normalized name can still have an empty domain: in `reg_istry.io/a` the first
        // component is taken for a registry, but it is not a valid host, so the strict
        // grammar reads the whole name as a path. Go does the same.)
        guard mode != .parse && mode != .withName else { return }
        #expect((try? Reference.parseNamed(named.string)) == named, context)
        if mode == .parseDockerRef {
            #expect((named.tag == nil) != (named.digest == nil), context)
        }
        // The familiar form reads back as the same reference, except where a Docker Hub
        // path's first component looks like a registry once `docker.io/` is dropped
        // (`docker.io/foo.bar/x` becomes `foo.bar/x`), which upstream does not guard against.
        let familiarFirst = named.familiarName.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        let looksLikeRegistry = named.familiarName.contains("/")
            && (familiarFirst.contains(".") || familiarFirst.contains(":") || familiarFirst == "localhost")
        if !looksLikeRegistry {
            #expect((try? Reference.parseNormalizedNamed(named.familiarString)) == named, context)
        }
        if mode == .parseNormalizedNamed || mode == .parseNamed {
            #expect(named == normalized, context)
        }
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
