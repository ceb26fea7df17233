import Foundation
import ImageReference
import Testing

private let hex64 = "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa"

@Suite struct NormalizationTests {
    @Test(arguments: [
        ("python", "docker.io/library/python", "python"),
        ("python:3.12-slim", "docker.io/library/python:3.12-slim", "python:3.12-slim"),
        ("user/app", "docker.io/user/app", "user/app"),
        ("docker.io/library/python", "docker.io/library/python", "python"),
        ("index.docker.io/library/python:3", "docker.io/library/python:3", "python:3"),
        ("docker.io/python", "docker.io/library/python", "python"),
        ("library/foo/bar", "docker.io/library/foo/bar", "library/foo/bar"),
        ("localhost/app", "localhost/app", "localhost/app"),
        ("localhost:5000/app:1", "localhost:5000/app:1", "localhost:5000/app:1"),
        ("registry.example.com/team/app", "registry.example.com/team/app", "registry.example.com/team/app"),
        ("[::1]:5000/app", "[::1]:5000/app", "[::1]:5000/app"),
        ("Registry/app", "Registry/app", "Registry/app"),
        ("localhost", "docker.io/library/localhost", "localhost"),
    ])
    func canonicalAndFamiliarForms(input: String, canonical: String, familiar: String) throws {
        let ref = try Reference.parseNormalizedNamed(input)
        #expect(ref.string == canonical)
        #expect(ref.familiarString == familiar)
        #expect(try Reference.parseNormalizedNamed(ref.familiarString) == ref)
    }

    @Test func domainPathNameAndFamiliarName() throws {
        let ref = try Reference.parseNormalizedNamed("python:3.12@sha256:\(hex64)")
        #expect(ref.domain == "docker.io")
        #expect(ref.path == "library/python")
        #expect(ref.name == "docker.io/library/python")
        #expect(ref.familiarName == "python")
        #expect(ref.tag == "3.12")
        #expect(ref.digest?.string == "sha256:\(hex64)")
        #expect(ref.digest?.algorithm == "sha256")
        #expect(ref.digest?.encoded == hex64)
        #expect(ref.familiarString == "python:3.12@sha256:\(hex64)")
    }

    @Test func tagNameOnlyAddsLatestOnlyToBareNames() throws {
        #expect(try Reference.parseNormalizedNamed("python").tagNameOnly.string == "docker.io/library/python:latest")
        #expect(try Reference.parseNormalizedNamed("python:3").tagNameOnly.string == "docker.io/library/python:3")
        #expect(try Reference.parseNormalizedNamed("python@sha256:\(hex64)").tagNameOnly.tag == nil)
    }

    @Test func trimmedDropsTagAndDigest() throws {
        let ref = try Reference.parseNormalizedNamed("localhost:5000/a/b:1@sha256:\(hex64)")
        #expect(ref.trimmed.string == "localhost:5000/a/b")
        #expect(ref.trimmed.isNameOnly)
        #expect(!ref.isNameOnly)
    }

    @Test func dockerRefKeepsOnlyTheDigest() throws {
        #expect(try Reference.parseDockerRef("busybox").string == "docker.io/library/busybox:latest")
        #expect(try Reference.parseDockerRef("busybox:1@sha256:\(hex64)").string == "docker.io/library/busybox@sha256:\(hex64)")
        #expect(try Reference.parseDockerRef("busybox@sha256:\(hex64)").tag == nil)
    }

    @Test func withTagAndWithDigest() throws {
        let name = try Reference.withName("example.com/app")
        #expect(try name.withTag("v1").string == "example.com/app:v1")
        #expect(throws: ReferenceError.invalidTagFormat) { try name.withTag(".v1") }
        #expect(throws: ReferenceError.invalidTagFormat) { try name.withTag(String(repeating: "a", count: 129)) }
        let digested = try name.withTag("v1").withDigest("sha256:\(hex64)")
        #expect(digested.string == "example.com/app:v1@sha256:\(hex64)")
        #expect(throws: ReferenceError.invalidDigestFormat) { try name.withDigest("sha256:abc") }
    }

    @Test func parseAnyReferenceAcceptsImageIDs() throws {
        #expect(try Reference.parseAnyReference(hex64) == .digestOnly(try ReferenceDigest.parse("sha256:\(hex64)")))
        #expect(try Reference.parseAnyReference("sha256:\(hex64)").named == nil)
        #expect(try Reference.parseAnyReference("sha256:\(hex64)").familiarString == "sha256:\(hex64)")
        #expect(try Reference.parseAnyReference("foo:bar").string == "docker.io/library/foo:bar")
    }
}

@Suite struct StrictParseTests {
    @Test func optionalDomainIsTakenGreedily() throws {
        // Leftmost-first: the optional domain group is tried before the bare path.
        let ref = try #require(try Reference.parse("foo/bar").named)
        #expect(ref.domain == "foo")
        #expect(ref.path == "bar")
        let plain = try #require(try Reference.parse("python").named)
        #expect(plain.domain == "")
        #expect(plain.path == "python")
        #expect(plain.familiarString == "python")
    }

    @Test func tagLengthLimitIs128() throws {
        #expect(try Reference.parse("a:" + String(repeating: "t", count: 128)).tag?.count == 128)
        #expect(throws: ReferenceError.invalidReferenceFormat) {
            try Reference.parse("a:" + String(repeating: "t", count: 129))
        }
    }

    @Test func pathLengthLimitIs255Bytes() throws {
        let long = String(repeating: "a", count: 255)
        #expect(try Reference.parseNormalizedNamed("example.com/" + long).path == long)
        #expect(throws: ReferenceError.nameTooLong) { try Reference.parseNormalizedNamed("example.com/" + long + "b") }
        #expect(throws: ReferenceError.nameTooLong) { try Reference.withName(long + "b") }
        // "library/" counts towards the limit of a normalized official name.
        #expect(throws: ReferenceError.nameTooLong) { try Reference.parseNormalizedNamed(String(long.dropFirst(7))) }
    }

    @Test func dollarDoesNotMatchBeforeATrailingNewline() {
        #expect(throws: ReferenceError.invalidReferenceFormat) { try Reference.parse("python\n") }
        #expect(throws: ReferenceError.invalidReferenceFormat) { try Reference.parseNormalizedNamed("python:3\n") }
    }

    @Test func veryLongInputsFailCleanly() {
        let hugePath = String(repeating: "ab.", count: 70_000) + "c"
        #expect(throws: ReferenceError.nameTooLong) { try Reference.parse(hugePath) }
        let hugeDigest = "a@sha256:" + String(repeating: "f", count: 200_000)
        #expect(throws: ReferenceError.digestInvalidLength) { try Reference.parse(hugeDigest) }
        #expect(throws: ReferenceError.invalidReferenceFormat) { try Reference.parse(String(repeating: "-", count: 200_000)) }
    }
}

private let normalizedErrorCases: [(String, String)] = [
    ("Hello", "invalid reference format: repository name (library/Hello) must be lowercase"),
    ("docker.io/User/app", "invalid reference format: repository name (User/app) must be lowercase"),
    ("foo:bar:baz", "invalid reference format"),
    ("foo:", "invalid reference format"),
    (":tag", "invalid reference format"),
    ("", "invalid reference format"),
    (hex64, "invalid repository name (\(hex64)), cannot specify 64-byte hexadecimal strings"),
    ("foo@sha256:" + String(hex64.prefix(40)), "invalid checksum digest length"),
    ("foo@sha256:" + hex64.uppercased(), "invalid checksum digest format"),
    ("foo@sha512:" + hex64 + hex64, "unsupported digest algorithm"),
    // The part before the first ':' is checked for case first, digest included.
    ("foo@SHA256:" + hex64, "invalid reference format: repository name (library/foo@SHA256) must be lowercase"),
    ("example.com/" + String(repeating: "a", count: 256), "repository name must not be more than 255 characters"),
    ("\u{212A}", "invalid reference format: repository name (library/\u{212A}) must be lowercase"),
]

@Suite struct ErrorTextTests {
    @Test(arguments: normalizedErrorCases)
    func normalizedErrors(input: String, message: String) {
        #expect(throws: (any Error).self) { try Reference.parseNormalizedNamed(input) }
        #expect(ReferenceReport(input: input, mode: .parseNormalizedNamed) == .invalid(error: message))
    }

    @Test(arguments: [
        ("", "repository name must have at least one component"),
        ("Foo/Bar", "repository name must be lowercase"),
        // Go lower-cases per rune with simple mappings: the Kelvin sign becomes ASCII "k",
        // so the lower-cased string fits the grammar.
        ("\u{212A}", "repository name must be lowercase"),
        ("foo@SHA256:" + hex64, "invalid checksum digest format"),
        ("pyth\u{F6}n", "invalid reference format"),
        ("docker.io/library/python", nil),
    ] as [(String, String?)])
    func strictErrors(input: String, message: String?) {
        let report = ReferenceReport(input: input, mode: .parse)
        if let message {
            #expect(report == .invalid(error: message))
        } else if case .invalid(let error) = report {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func parseNamedRequiresCanonicalInput() throws {
        #expect(throws: ReferenceError.nameNotCanonical) { try Reference.parseNamed("python") }
        #expect(try Reference.parseNamed("docker.io/library/python:3").tag == "3")
        #expect(ReferenceError.nameNotCanonical.description == "repository name must be canonical")
    }
}

@Suite struct FamiliarMatchTests {
    @Test(arguments: [
        // Falls back to the familiar name when the full familiar string does not match.
        ("python", "python:3.12", true),
        ("pyth", "python:3.12", false),
        ("python*", "python:3.12", true),
        ("python:*", "python:3.12", true),
        ("python", "python", true),
        ("*", "user/app", false),
        ("*/*", "user/app:1", true),
        ("user/*", "user/app:1", true),
        ("py?hon", "python", true),
        ("[a-p]ython", "python", true),
        ("[^p]ython", "python", false),
        ("localhost:5000/*", "localhost:5000/app:1", true),
        ("docker.io/library/python", "python", false),
    ])
    func globs(pattern: String, reference: String, expected: Bool) throws {
        let ref = AnyReference.named(try Reference.parseNormalizedNamed(reference))
        #expect(try Reference.familiarMatch(pattern, ref) == expected)
    }

    @Test func malformedPatternsAreErrors() throws {
        let ref = AnyReference.named(try Reference.parseNormalizedNamed("python"))
        #expect(throws: ReferenceError.badPattern) { try Reference.familiarMatch("[", ref) }
        #expect(throws: ReferenceError.badPattern) { try Reference.familiarMatch("x[a-", ref) }
        #expect(throws: ReferenceError.badPattern) { try Reference.familiarMatch("py\\", ref) }
    }
}

@Suite struct ExplanationTests {
    @Test func explainsWhatWasFilledIn() {
        let e = ReferenceExplanation(input: "python", mode: .parseDockerRef)
        #expect(e.isValid)
        #expect(e.text.contains("registry:   docker.io  (default registry: Docker Hub)"))
        #expect(e.text.contains("repository: library/python  (\"library/\" added for official images)"))
        #expect(e.text.contains("tag:        latest  (added: no tag or digest given)"))
        #expect(e.text.contains("canonical:  docker.io/library/python:latest"))
        #expect(e.text.contains("familiar:   python:latest"))
    }

    @Test func explicitRegistryIsNotCalledADefault() {
        let e = ReferenceExplanation(input: "localhost:5000/app:1", mode: .parseNormalizedNamed)
        #expect(e.text.contains("registry:   localhost:5000\n"))
        #expect(!e.text.contains("added"))
    }

    @Test func invalidInputGetsErrorAndSuggestion() {
        let e = ReferenceExplanation(input: "MyApp:V1", mode: .parseNormalizedNamed)
        #expect(!e.isValid)
        #expect(e.text.contains("error: invalid reference format: repository name (library/MyApp) must be lowercase"))
        #expect(e.text.contains("try \"myapp:V1\""))
    }
}

@Suite struct CodableTests {
    @Test(arguments: ["python", "localhost:5000/a/b:1", "reg_istry.io/x", "example.com/app@sha256:\(hex64)"])
    func roundTripsThroughJSON(input: String) throws {
        let ref = try Reference.parseNormalizedNamed(input)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = try encoder.encode([ref])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(ref.string)\"]")
        #expect(try JSONDecoder().decode([NamedReference].self, from: data) == [ref])
    }

    @Test func rejectsNonReferences() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([NamedReference].self, from: Data("[\"Bad Name\"]".utf8)) }
    }
}
