/// A deterministic mutation fuzzer for the parser: input `i` of a run is a pure function of
/// the run's seed, `i` and the seed corpus, so any finding can be reproduced on its own.
/// Mutations aim at the parser's sharp edges: escape characters, heredoc markers, quotes,
/// brackets, line endings, byte-order marks, Unicode spaces and over-long lines.
public struct DockerfileFuzzer: Sendable {
    public let seeds: [[UInt8]]
    public let seed: UInt64
    /// Whether mutations may insert runs long enough to cross the 64 KiB line limit (slow in
    /// debug builds; the limit itself has its own unit test).
    public var overlongLines: Bool

    public init(seeds: [[UInt8]], seed: UInt64 = 0x5EED, overlongLines: Bool = true) {
        self.seeds = seeds.isEmpty ? [Array("FROM alpine\nRUN echo hi\n".utf8)] : seeds
        self.seed = seed
        self.overlongLines = overlongLines
    }

    /// SplitMix64, small and good enough for choosing mutations.
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    }

    static let tokens: [[UInt8]] = [
        "\\", "\\\n", "`", "`\n", "<<", "<<EOF", "<<-EOF", "<<'EOF'", "<<\"EOF\"", "3<<EOF", "\nEOF\n", "EOF",
        "\"", "'", "[", "]", "[\"a\", \"b\"]", "{", "}", "${", "${a:-", "${a#*}", "${a/b/c}", "$", "$a",
        "\r\n", "\r", "\n", "\n\n", "\t", "\u{0B}", "\u{0C}", " ", "\u{A0}", "\u{85}", "\u{2028}", "\u{FEFF}",
        "#", "# escape=`\n", "# syntax=x\n", "# escape=\\\n", "--", "--from=", "--mount=type=cache,target=/x ",
        "=", "==", "ONBUILD ", "ONBUILD ONBUILD ", "FROM ", "RUN ", "COPY ", "ADD ", "ENV ", "LABEL ", "ARG ",
        "HEALTHCHECK ", "HEALTHCHECK NONE", "CMD ", "SHELL ", "EXPOSE ", "VOLUME ", "WORKDIR ", "USER ",
        "STOPSIGNAL ", "MAINTAINER ", " AS ", "\\u0000", "\\ud800", "1e999", "null", "true", ",",
    ].map { Array($0.utf8) } + [[0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0xE2, 0x80]]

    /// Input number `index` of this run.
    public func input(_ index: Int) -> [UInt8] {
        var rng = RNG(state: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD134_2543_DE82_EF95))
        var data = seeds[rng.below(seeds.count)]
        let rounds = 1 + rng.below(8)
        for _ in 0..<rounds { mutate(&data, &rng) }
        return data
    }

    func mutate(_ d: inout [UInt8], _ rng: inout RNG) {
        let pos = rng.below(d.count + 1)
        switch rng.below(11) {
        case 0:  // flip a bit
            if !d.isEmpty { d[rng.below(d.count)] ^= UInt8(1 << rng.below(8)) }
        case 1:  // random byte
            if !d.isEmpty { d[rng.below(d.count)] = UInt8(truncatingIfNeeded: rng.next()) }
        case 2, 3, 4:  // insert a token
            d.insert(contentsOf: DockerfileFuzzer.tokens[rng.below(DockerfileFuzzer.tokens.count)], at: pos)
        case 5:  // delete a range
            if !d.isEmpty {
                let len = min(d.count - min(pos, d.count - 1), 1 + rng.below(64))
                let start = min(pos, d.count - 1)
                d.removeSubrange(start..<(start + len))
            }
        case 6:  // splice a piece of another seed
            let other = seeds[rng.below(seeds.count)]
            if !other.isEmpty {
                let s = rng.below(other.count)
                let len = min(other.count - s, 1 + rng.below(512))
                d.insert(contentsOf: other[s..<(s + len)], at: pos)
            }
        case 7:  // duplicate a range
            if !d.isEmpty {
                let s = rng.below(d.count)
                let len = min(d.count - s, 1 + rng.below(256))
                d.insert(contentsOf: Array(d[s..<(s + len)]), at: pos)
            }
        case 8:  // truncate
            d.removeSubrange(pos...)
        case 9:  // a very long run (sometimes past the 64 KiB line limit)
            let byte = [UInt8(ascii: "a"), UInt8(ascii: " "), UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "$"), UInt8(ascii: "<")][rng.below(6)]
            let long = rng.below(4) == 0
            let len = long && overlongLines ? 65_000 + rng.below(1_200) : 1 + rng.below(4_000)
            d.insert(contentsOf: [UInt8](repeating: byte, count: len), at: pos)
        default:  // swap line endings
            if rng.below(2) == 0 {
                d = d.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            } else {
                d = d.map { $0 == 0x0A ? 0x0D : $0 }
            }
        }
        if d.count > 300_000 { d.removeSubrange(300_000...) }
    }

    /// What one input did.
    public enum Outcome: Sendable {
        case parsed(instructions: Int)
        case nodeError
        case instructionError(nodes: Int)
    }

    /// Feeds one input to the node parser, the typed parser and the expander.
    public static func exercise(_ input: [UInt8]) -> Outcome {
        let ast: DockerfileAST
        do {
            ast = try parseDockerfileNodes(input)
        } catch {
            _ = error.message
            return .nodeError
        }
        _ = ast.conformanceJSON.utf8.count
        let expander = VariableExpander(escapeCharacter: ast.escapeToken)
        let env = ["a": "abc/def.tar.gz", "b": "", "PATH": "/usr/bin:/bin"]
        for node in ast.nodes.prefix(64) {
            for v in node.values.prefix(8) where v.utf8.count < 4096 {
                _ = try? expander.expandReportingUsage(v, environment: env)
                _ = try? expander.expandWords(v, environment: env)
            }
        }
        do {
            let doc = try parseDockerfile(bytes: input)
            _ = doc.readableListing.utf8.count
            return .parsed(instructions: doc.stages.reduce(doc.globalArgs.count) { $0 + 1 + $1.instructions.count })
        } catch {
            _ = error.detailedDescription
            return .instructionError(nodes: ast.nodes.count)
        }
    }
}
