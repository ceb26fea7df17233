import Dockerfile
import Testing

private func nodes(_ text: String) throws -> [DockerfileNode] {
    try parseDockerfileNodes(text).nodes
}

private func nodeError(_ bytes: [UInt8]) -> String? {
    do {
        _ = try parseDockerfileNodes(bytes)
        return nil
    } catch {
        return error.message
    }
}

/// BuildKit v0.12.5 parser rules that the corpus does not pin down on its own.
@Suite("node parser edge cases")
struct NodeParserTests {
    @Test func lineLengthLimitIsAt64KiB() {
        let ok = Array("FROM a\nRUN ".utf8) + [UInt8](repeating: 0x61, count: 65_535 - 4) + [0x0A]
        #expect(nodeError(ok) == nil)
        let tooLong = Array("FROM a\nRUN ".utf8) + [UInt8](repeating: 0x61, count: 65_536 - 4) + [0x0A]
        #expect(nodeError(tooLong) == "dockerfile line greater than max allowed size of 65535")
        // Without a final newline the same bound applies.
        #expect(nodeError(Array("FROM a\nRUN ".utf8) + [UInt8](repeating: 0x61, count: 65_536 - 4)) != nil)
        // A long line before any instruction reports the empty file instead, as BuildKit does.
        #expect(nodeError([UInt8](repeating: 0x20, count: 70_000)) == "file with no instructions")
    }

    @Test func crOnlyFileIsOneLine() throws {
        let n = try nodes("FROM a\rRUN b\r")
        #expect(n.count == 1)
        #expect(n[0].values == ["a", "RUN", "b"])
    }

    @Test func bomOnlyAtStart() throws {
        let n = try parseDockerfileNodes([0xEF, 0xBB, 0xBF] + Array("FROM a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("RUN x\n".utf8)).nodes
        #expect(n.map(\.command) == ["FROM", "\u{FEFF}RUN"])
    }

    @Test func jsonDecodingFollowsGo() throws {
        #expect(try nodes("CMD [\"a\", 1e999]\n")[0].isJSON == false)  // float64 overflow: shell form
        #expect(try nodes("CMD [\"a\"] && b\n")[0].values == ["a"])  // trailing text ignored
        #expect(try nodes("CMD [\"\\ud83d\\ude00\", \"\\ud800\"]\n")[0].values == ["😀", "\u{FFFD}"])
        #expect(try nodes("CMD [\"a\",]\n")[0].values == ["[\"a\",]"])
        let deep = String(repeating: "[", count: 10_001) + String(repeating: "]", count: 10_001)
        #expect(try nodes("CMD " + deep + "\n")[0].isJSON == false)
        #expect(nodeError(Array("CMD [[\"a\"]]\n".utf8)) == "when using JSON array syntax, arrays must be comprised of strings only")
        #expect(try nodes("CMD []\n")[0].values == [])
        #expect(try nodes("CMD []\n")[0].isJSON == true)
    }

    @Test func keywordsLowerCaseLikeGo() throws {
        // KELVIN SIGN lower-cases to `k`, so this is a WORKDIR.
        let n = try nodes("WOR\u{212A}DIR /a b\n")
        #expect(n[0].values == ["/a b"])
        #expect(try nodes("WORKDİR /x\n")[0].values == ["/x"])
    }

    @Test func flagBytesAreWidenedAsLatin1() throws {
        let n = try nodes("COPY --chown=é a b\n")
        #expect(n[0].flags == ["--chown=Ã©"])
        // U+00A0's second byte counts as a space in BuildKit's byte loop.
        let nbsp = try nodes("COPY --chown=\u{A0}x a b\n")
        #expect(nbsp[0].flags == ["--chown=Â"])
    }

    @Test func directives() throws {
        #expect(try parseDockerfileNodes("# Syntax = docker/dockerfile:1\n#escape=`\nFROM a\n").escapeToken == "`")
        #expect(nodeError(Array("# syntax=a\n# syntax=b\nFROM a\n".utf8)) == "only one syntax parser directive can be used")
        // After a plain comment, directives are comments.
        #expect(try parseDockerfileNodes("# hello\n# escape=`\nFROM a\n").escapeToken == "\\")
        // `# check=` is not a v0.12 directive and ends the directive block.
        let check = try parseDockerfileNodes("# check=skip=all\n# escape=`\nFROM a\n")
        #expect(check.escapeToken == "\\")
        #expect(check.directives == ["check": "skip=all"])
        #expect(nodeError(Array("# escape= \nFROM a\n".utf8)) == "invalid escape token ' ' does not match ` or \\")
    }

    @Test func heredocMarkers() throws {
        let n = try nodes("RUN 3<<-\"EOF\" cat <<X\n\tbody\n\tEOF\nx\nX\n")
        #expect(n[0].heredocs.map(\.name) == ["EOF", "X"])
        #expect(n[0].heredocDescriptors == [3, 0])
        #expect(n[0].heredocs[0].content == "\tbody\n")
        #expect(n[0].heredocs[0].quoted)
        #expect(n[0].endLine == 5)
        // `<< EOF` is not a heredoc in v0.12.5.
        #expect(try nodes("RUN << EOF\nEOF\n").count == 2)
        #expect(nodeError(Array("RUN <<EOF\nno end\n".utf8)) == "unterminated heredoc")
        let big = try nodes("RUN 99999999999999999999<<E\nE\n")
        #expect(big[0].heredocDescriptors == [UInt64.max])
    }

    @Test func continuationRules() throws {
        let n = try nodes("RUN a \\\n# comment\n\n  b \\  \n c\nRUN d \\\\\nRUN e\n")
        #expect(n[0].original == "RUN a   b  c")
        #expect(n[0].endLine == 5)
        #expect(n[1].values == ["d \\\\"])  // an escaped escape does not continue
        #expect(n.count == 3)
    }
}
