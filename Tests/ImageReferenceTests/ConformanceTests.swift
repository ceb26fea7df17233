import Foundation
import ImageReference
import Testing

/// Runs every case of the distribution/reference conformance corpus
/// (`../shared/conformance/reference/cases.json`, or `$DOCKYARD_CONFORMANCE/reference/cases.json`).
/// The corpus is read at test time and never copied into the project.
enum ReferenceCorpus {
    static let url: URL = {
        if let root = ProcessInfo.processInfo.environment["DOCKYARD_CONFORMANCE"], !root.isEmpty {
            return URL(fileURLWithPath: root).appendingPathComponent("reference/cases.json")
        }
        // Tests/ImageReferenceTests/ConformanceTests.swift -> package root -> ../shared/conformance
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/reference/cases.json")
    }()

    static var isPresent: Bool { FileManager.default.fileExists(atPath: url.path) }

    static let skipNote: Comment = "SKIPPED: reference conformance corpus not found (set DOCKYARD_CONFORMANCE or provide ../shared/conformance)"
}

struct ConformanceCase: Decodable {
    let input: String
    let mode: String
    let expected: ReferenceReport

    private enum Key: String, CodingKey {
        case input, mode, valid, error, name, domain, path, tag, digest, string, familiar
        case familiarName = "familiar_name", normalized
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        input = try c.decode(String.self, forKey: .input)
        mode = try c.decode(String.self, forKey: .mode)
        guard try c.decode(Bool.self, forKey: .valid) else {
            expected = .invalid(error: try c.decode(String.self, forKey: .error))
            return
        }
        // Every field must be present; `null` and "" are different values.
        func field(_ key: Key) throws -> String? {
            guard c.contains(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: c.codingPath, debugDescription: "missing field"))
            }
            return try c.decodeNil(forKey: key) ? nil : c.decode(String.self, forKey: key)
        }
        guard let string = try field(.string), let familiar = try field(.familiar) else {
            throw DecodingError.valueNotFound(String.self, .init(codingPath: c.codingPath, debugDescription: "string/familiar is null"))
        }
        expected = .valid(.init(
            name: try field(.name), domain: try field(.domain), path: try field(.path), tag: try field(.tag),
            digest: try field(.digest), string: string, familiar: familiar,
            familiarName: try field(.familiarName), normalized: try field(.normalized)))
    }
}

@Test(.enabled(if: ReferenceCorpus.isPresent, ReferenceCorpus.skipNote))
func referenceCorpusMatchesExactly() throws {
    let data = try Data(contentsOf: ReferenceCorpus.url)
    let cases = try JSONDecoder().decode([ConformanceCase].self, from: data)
    #expect(!cases.isEmpty, "the corpus at \(ReferenceCorpus.url.path) has no cases")
    var mismatches: [String] = []
    for c in cases {
        guard let mode = ParseMode(rawValue: c.mode) else {
            mismatches.append("unknown mode \(c.mode) for \(c.input.debugDescription)")
            continue
        }
        let actual = ReferenceReport(input: c.input, mode: mode)
        if actual != c.expected {
            mismatches.append("\(c.input.debugDescription) [\(c.mode)]\n  expected \(c.expected.json)\n  actual   \(actual.json)")
        }
    }
    let summary = "\(cases.count - mismatches.count)/\(cases.count) cases match\n" + mismatches.prefix(20).joined(separator: "\n")
    #expect(mismatches.isEmpty, Comment(rawValue: summary))
}

/// Proves the conformance test above is not vacuous: the JSON the CLI prints for a case is
/// the schema the runner reads, and a wrong field is noticed.
@Test func reportJSONUsesTheConformanceSchema() {
    let report = ReferenceReport(input: "python:3.12", mode: .parseNormalizedNamed)
    #expect(report.json == #"{"valid": true, "name": "docker.io/library/python", "domain": "docker.io", "path": "library/python", "tag": "3.12", "digest": null, "string": "docker.io/library/python:3.12", "familiar": "python:3.12", "familiar_name": "python", "normalized": "docker.io/library/python:3.12"}"#)
    #expect(ReferenceReport(input: "Hello", mode: .parseNormalizedNamed).json
        == #"{"valid": false, "error": "invalid reference format: repository name (library/Hello) must be lowercase"}"#)
    #expect(ReferenceReport(input: "a\"\\\n\t\u{1}b", mode: .parse).json == #"{"valid": false, "error": "invalid reference format"}"#)
    #expect(ReferenceReport(input: "python", mode: .parse) != ReferenceReport(input: "python", mode: .parseNormalizedNamed))
}
