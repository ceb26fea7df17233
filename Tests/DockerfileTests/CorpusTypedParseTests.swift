import Dockerfile
import Foundation
import Testing

/// The manifest's `instruction_stage_rejects`: what BuildKit's instruction stage says about
/// corpus inputs its parser accepts.
private struct Manifest: Decodable {
    struct Case: Decodable {
        struct Reject: Decodable {
            var line: Int
            var message: String
            var basis: String
        }
        var name: String
        var outcome: String
        var instruction_stage_rejects: Reject?
    }
    var cases: [Case]
}

@Suite("typed parsing of the conformance corpus")
struct CorpusTypedParseTests {
    @Test("every parsable corpus file types cleanly, or fails with the instruction-stage message",
          .enabled(if: ConformanceCorpus.available, "conformance corpus not found: set DOCKYARD_CONFORMANCE or check out ../shared/conformance"))
    func corpusTypedParse() throws {
        let dir = try #require(ConformanceCorpus.directory)
        let manifestURL = dir.deletingLastPathComponent().appendingPathComponent("dockerfile-manifest.json")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: manifestURL))
        let inputs = Dictionary(uniqueKeysWithValues: ConformanceCorpus.inputs())
        var checked = 0
        for c in manifest.cases where c.outcome == "ok" {
            guard let bytes = inputs[c.name] else { continue }
            checked += 1
            let result = Result { () throws(DockerfileError) in try parseDockerfile(bytes: bytes) }
            if let reject = c.instruction_stage_rejects {
                guard case .failure(let error) = result else {
                    Issue.record("\(c.name): expected \(reject.message)")
                    continue
                }
                #expect(error.reason.hasPrefix(reject.message), "\(c.name)")
                #expect(error.line == reject.line, "\(c.name)")
            } else if case .failure(let error) = result {
                // The manifest's re-check ignores flags, and BuildKit only types an ONBUILD
                // trigger in the downstream build; we check both at once.
                let lineText = error.lineText ?? ""
                let known = error.reason.hasPrefix("Unknown flag: ")
                    || (lineText.uppercased().hasPrefix("ONBUILD") && error.reason.hasPrefix("unknown instruction"))
                if !known { Issue.record("\(c.name): unexpected \(error.message)") }
            }
        }
        #expect(checked > 200)
    }
}
