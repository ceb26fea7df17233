import Dockerfile
import Testing

@Suite("mutation fuzzing")
struct FuzzTests {
    /// Seeds: the conformance inputs when present, else a few built-in Dockerfiles.
    static let seeds: [[UInt8]] = {
        let corpus = ConformanceCorpus.inputs().map(\.1).filter { $0.count < 20_000 }
        if !corpus.isEmpty { return corpus }
        return [
            "FROM alpine AS build\nRUN <<EOF\necho hi\nEOF\nCOPY --from=build [\"a\", \"b\"] /c/\n",
            "# escape=`\nFROM windows\nRUN dir `\n  c:\\\nENV A=1 B=\"x y\"\nHEALTHCHECK --interval=5s CMD [\"x\"]\n",
            "ARG V=1\nFROM img:$V\nONBUILD COPY . /app\nLABEL a=b\nEXPOSE 80/tcp\nSHELL [\"sh\", \"-c\"]\n",
        ].map { Array($0.utf8) }
    }()

    @Test func inputsAreDeterministic() {
        let a = DockerfileFuzzer(seeds: FuzzTests.seeds, seed: 42)
        let b = DockerfileFuzzer(seeds: FuzzTests.seeds, seed: 42)
        for i in [0, 1, 17, 9_999] { #expect(a.input(i) == b.input(i)) }
        #expect(a.input(1) != a.input(2))
    }

    /// 20,000 mutated inputs through the node parser, the typed parser and the expander: the
    /// test fails by crashing, so it also checks that every input got an outcome and that the
    /// mutations reach all three outcomes.
    @Test func twentyThousandInputs() {
        let fuzzer = DockerfileFuzzer(seeds: FuzzTests.seeds, seed: 2026, overlongLines: false)
        var parsed = 0, nodeErrors = 0, instructionErrors = 0
        for i in 0..<20_000 {
            switch DockerfileFuzzer.exercise(fuzzer.input(i)) {
            case .parsed: parsed += 1
            case .nodeError: nodeErrors += 1
            case .instructionError: instructionErrors += 1
            }
        }
        #expect(parsed + nodeErrors + instructionErrors == 20_000)
        #expect(parsed > 0)
        #expect(nodeErrors > 0)
        #expect(instructionErrors > 0)
    }
}
