import Dockerfile
import Testing

@Suite("instruction help and listing")
struct HelpAndListingTests {
    @Test func everyInstructionHasHelp() throws {
        let all = ["FROM", "RUN", "CMD", "ENTRYPOINT", "COPY", "ADD", "WORKDIR", "ENV", "ARG", "LABEL", "EXPOSE", "USER",
                   "VOLUME", "SHELL", "HEALTHCHECK", "STOPSIGNAL", "ONBUILD", "MAINTAINER"]
        for k in all {
            let text = try #require(InstructionHelp.text(for: k.lowercased()), "\(k)")
            let lines = text.split(separator: "\n")
            #expect((2...3).contains(lines.count), "\(k)")
            #expect(text.localizedLayerMention, "\(k) says whether it makes a layer")
            #expect(text.contains("Cache"), "\(k) says how it meets the cache")
        }
        #expect(InstructionHelp.text(for: "FORM") == nil)
        #expect(InstructionHelp.overview.split(separator: "\n").count == all.count)
        #expect(InstructionHelp.keywords == all)
    }

    @Test func readableListing() throws {
        let doc = try parseDockerfile("ARG V=1\nFROM --platform=linux/arm64 alpine:$V AS Base\nRUN --network=none echo \\\n  hi\nCOPY --from=base a /b\n")
        #expect(doc.readableListing == """
            1        ARG         V=1
            stage 0 (base)
            2        FROM        --platform=linux/arm64  alpine:$V AS base
            3-4      RUN         --network=none  echo   hi
            5        COPY        --from=base  a -> /b

            """)
    }
}

private extension String {
    var localizedLayerMention: Bool { contains("layer") }
}
