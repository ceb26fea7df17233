import Dockerfile
import Foundation
import Testing

/// Where the shared conformance corpus is: `$DOCKYARD_CONFORMANCE` (the conformance folder or
/// its `dockerfile/` subfolder), else `../shared/conformance` beside the package root.
enum ConformanceCorpus {
    static let directory: URL? = {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["DOCKYARD_CONFORMANCE"], !env.isEmpty {
            let root = URL(fileURLWithPath: env)
            candidates += [root.appendingPathComponent("dockerfile"), root]
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/dockerfile"))
        for c in candidates {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: c.path)) ?? []
            if files.contains(where: { $0.hasSuffix(".expected.json") }) { return c }
        }
        return nil
    }()

    static let caseNames: [String] = {
        guard let directory else {
            print("DockerfileTests: conformance corpus not found (set DOCKYARD_CONFORMANCE or check out ../shared/conformance); conformance cases SKIPPED")
            return []
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".Dockerfile") }.map { String($0.dropLast(".Dockerfile".count)) }.sorted()
    }()

    static var available: Bool { !caseNames.isEmpty }

    /// The raw bytes of every input, for tests that reuse the corpus (fuzzing, typed parsing).
    static func inputs() -> [(String, [UInt8])] {
        guard let directory else { return [] }
        return caseNames.compactMap { name in
            guard let d = FileManager.default.contents(atPath: directory.appendingPathComponent(name + ".Dockerfile").path) else { return nil }
            return (name, Array(d))
        }
    }
}

/// The expected result of one case, decoded type-strictly (a `1` is not a `true`).
enum ExpectedConformance: Decodable {
    case records([Record])
    case error(String)

    struct Heredoc: Decodable {
        var name: String
        var file_descriptor: UInt64
        var content: String
    }
    struct Record: Decodable {
        var cmd: String
        var sub_cmd: String?
        var json: Bool
        var original: String
        var start_line: Int
        var end_line: Int
        var flags: [String]
        var value: [String]
        var heredocs: [Heredoc]

        var record: ConformanceRecord {
            ConformanceRecord(cmd: cmd, subCmd: sub_cmd, json: json, original: original, startLine: start_line,
                              endLine: end_line, flags: flags, value: value,
                              heredocs: heredocs.map { .init(name: $0.name, fileDescriptor: $0.file_descriptor, content: $0.content) })
        }
    }
    struct ErrorObject: Decodable { var error: String }

    init(from decoder: any Decoder) throws {
        if let records = try? [Record](from: decoder) {
            self = .records(records)
        } else {
            self = .error(try ErrorObject(from: decoder).error)
        }
    }
}

@Suite("BuildKit v0.12.5 parser conformance")
struct ConformanceTests {
    @Test("corpus is present (otherwise the conformance cases are skipped)",
          .enabled(if: ConformanceCorpus.available, "conformance corpus not found: set DOCKYARD_CONFORMANCE or check out ../shared/conformance"))
    func corpusIsPresent() {
        #expect(ConformanceCorpus.caseNames.count >= 200)
    }

    @Test("conformance case",
          .enabled(if: ConformanceCorpus.available, "conformance corpus not found: set DOCKYARD_CONFORMANCE or check out ../shared/conformance"),
          arguments: ConformanceCorpus.caseNames)
    func conformanceCase(_ name: String) throws {
        let dir = try #require(ConformanceCorpus.directory)
        let input = try Data(contentsOf: dir.appendingPathComponent(name + ".Dockerfile"))
        let expectedData = try Data(contentsOf: dir.appendingPathComponent(name + ".expected.json"))
        let expected = try JSONDecoder().decode(ExpectedConformance.self, from: expectedData)
        let result = Result { () throws(DockerfileError) in try parseDockerfileNodes(Array(input)) }
        switch (expected, result) {
        case (.records(let want), .success(let ast)):
            let got = ast.conformanceRecords
            #expect(got.count == want.count, "\(name): instruction count")
            for (g, w) in zip(got, want) {
                #expect(g == w.record, "\(name): line \(w.start_line)")
            }
            // Our JSON encoding must round-trip to the same records.
            let reparsed = try JSONDecoder().decode([ExpectedConformance.Record].self, from: Data(ast.conformanceJSON.utf8))
            #expect(reparsed.map(\.record) == got, "\(name): JSON round trip")
        case (.error(let want), .failure(let error)):
            #expect(error.message == want, "\(name): error text")
        case (.records, .failure(let error)):
            Issue.record("\(name): expected a parse, got error \(error.message)")
        case (.error(let want), .success):
            Issue.record("\(name): expected error \(want), but it parsed")
        }
    }
}
