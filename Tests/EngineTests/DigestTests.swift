@testable import Engine
import Testing

@Suite struct DigestTests {
    @Test func nistVectors() {
        #expect(Digest.sha256("").hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256("abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two-block message (448 bits).
        #expect(Digest.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // 896-bit message.
        #expect(Digest.sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").hex == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionA() {
        #expect(Digest.sha256(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalEqualsOneShot() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var h = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) { h.update(bytes[chunk..<min(chunk + 37, bytes.count)]) }
        #expect(Digest.finishing(&h) == Digest.sha256(bytes))
        // Boundary lengths around the padding edge.
        for n in [55, 56, 63, 64, 65, 119, 120] {
            let data = Array(repeating: UInt8(7), count: n)
            var inc = SHA256()
            inc.update(data[..<(n / 2)])
            inc.update(data[(n / 2)...])
            #expect(Digest.finishing(&inc) == Digest.sha256(data))
        }
    }

    @Test func digestForms() {
        let d = Digest.sha256("abc")
        #expect(d.string == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(d.short == "ba7816bf8f01")
        #expect(Digest(parsing: d.string) == d)
        #expect(Digest(parsing: d.hex) == d)
        #expect(Digest(parsing: "sha256:xyz") == nil)
        #expect(Digest(parsing: "sha256:" + d.hex.uppercased()) == nil)
    }

    @Test func chainIDRule() {
        let a = DiffID(Digest.sha256("a")), b = DiffID(Digest.sha256("b")), c = DiffID(Digest.sha256("c"))
        let chain = ChainID.chain([a, b, c])
        #expect(chain[0].digest == a.digest)
        #expect(chain[1].digest == Digest.sha256(a.digest.string + " " + b.digest.string))
        #expect(chain[2].digest == Digest.sha256(chain[1].digest.string + " " + c.digest.string))
        #expect(ChainID.next(parent: chain[1], c) == chain[2])
    }

    @Test func emptyLayerHasDockersEmptyTarDiffID() {
        #expect(Layer.empty.diffID.digest.string == "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef")
    }

    @Test func goJSONEscapingAndTimes() {
        var w = JSONWriter()
        w.string("a<b>&\"\\\n\u{1}\u{2028}é")
        #expect(String(decoding: w.bytes, as: UTF8.self) == "\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\\u0001\\u2028é\"")
        #expect(Timestamp.utc(2025, 1, 15, 9).rfc3339Nano == "2025-01-15T09:00:00Z")
        #expect(Timestamp(secondsSince1970: 1_736_931_600.25).rfc3339Nano == "2025-01-15T09:00:00.25Z")
        #expect(Timestamp.utc(2024, 2, 29, 23, 59, 59).rfc3339 == "2024-02-29T23:59:59Z")
        #expect(Timestamp.utc(1970, 1, 1).secondsSince1970 == 0)
    }

    /// The one civil-from-days conversion every date formatter (JSON, `docker inspect`,
    /// `ls -l`) uses.
    @Test func civilDatesAroundTheEpochAndLeapDays() {
        #expect(Timestamp.civil(0) == Timestamp.Civil(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0))
        #expect(Timestamp.civil(-1) == Timestamp.Civil(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        #expect(Timestamp.civil(Int64(Timestamp.utc(2024, 2, 29, 13, 5, 9).secondsSince1970)) == Timestamp.Civil(year: 2024, month: 2, day: 29, hour: 13, minute: 5, second: 9))
        #expect(Timestamp.civil(Int64(Timestamp.utc(2100, 3, 1).secondsSince1970)) == Timestamp.Civil(year: 2100, month: 3, day: 1, hour: 0, minute: 0, second: 0))
    }

    @Test func goFormatting() {
        #expect(GoFormat.quotedList(["python", "app.py"]) == "[\"python\" \"app.py\"]")
        #expect(GoFormat.duration(30_000_000_000) == "30s")
        #expect(GoFormat.duration(90_000_000_000) == "1m30s")
        #expect(GoFormat.duration(3_600_000_000_000) == "1h0m0s")
        #expect(GoFormat.parseDuration("1m30s") == 90_000_000_000)
        #expect(GoFormat.parseDuration("500ms") == 500_000_000)
        #expect(GoFormat.parseDuration("abc") == nil)
        #expect(GoFormat.quotedRune(3) == "'\\x03'")
    }
}
