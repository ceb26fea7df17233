import Testing
import Engine
@testable import DockerCLI

@Suite struct SizeTests {
    @Test(arguments: [
        (Int64(0), "0B"), (512, "512B"), (1000, "1kB"), (1234, "1.23kB"), (12345, "12.3kB"),
        (1_500_000, "1.5MB"), (152_340_123, "152MB"), (1_234_567_890, "1.23GB"),
        (999_500, "1e+03kB"), (163_000_000, "163MB"), (4100, "4.1kB"), (11_594_752, "11.6MB"),
    ])
    func imageSize(bytes: Int64, expected: String) {
        #expect(Units.imageSize(bytes) == expected)
    }

    @Test(arguments: [
        (Int64(2048), "2.048kB"), (3072, "3.072kB"), (12_345_678, "12.35MB"), (0, "0B"), (999, "999B"),
    ])
    func humanSize(bytes: Int64, expected: String) {
        #expect(Units.humanSize(bytes) == expected)
    }

    @Test(arguments: [
        (Int64(189), "189B"), (2, "2B"), (1240, "1.24kB"), (2000, "2.00kB"), (169_770, "169.77kB"),
        (2_910_000, "2.91MB"), (999_999, "1000.00kB"), (29_130_000, "29.13MB"),
    ])
    func buildKitBytes(bytes: Int64, expected: String) {
        #expect(Units.buildKitBytes(bytes) == expected)
    }
}

@Suite struct DurationTests {
    static let cases: [(Double, String)] = [
        (0.0, "Less than a second"), (0.999, "Less than a second"), (-5, "Less than a second"),
        (1, "1 second"), (1.9, "1 second"), (2, "2 seconds"), (59.9, "59 seconds"),
        (60, "About a minute"), (119, "About a minute"), (120, "2 minutes"), (59 * 60 + 59, "59 minutes"),
        (60 * 60, "About an hour"), (89 * 60, "About an hour"), (90 * 60, "2 hours"),
        (47 * 3600, "47 hours"), (47.5 * 3600, "2 days"), (48 * 3600, "2 days"),
        (13 * 86400, "13 days"), (14 * 86400, "2 weeks"), (21 * 86400, "3 weeks"),
        (59 * 86400, "8 weeks"), (60 * 86400, "2 months"), (729 * 86400, "24 months"),
        (730 * 86400, "2 years"), (3 * 365 * 86400 + 100, "3 years"),
    ]

    @Test(arguments: cases)
    func humanDuration(seconds: Double, expected: String) {
        #expect(Units.humanDuration(seconds: seconds) == expected)
    }

    @Test func agoUsesPassedInTimes() {
        let now = Timestamp(secondsSince1970: 1_000_000)
        #expect(Units.ago(Timestamp(secondsSince1970: 1_000_000 - 8), now: now) == "8 seconds ago")
        #expect(Units.ago(Timestamp(secondsSince1970: 1_000_000 - 21 * 86400), now: now) == "3 weeks ago")
    }

    @Test func buildKitTimes() {
        #expect(Units.buildKitSeconds(0) == "0.0s")
        #expect(Units.buildKitSeconds(0.34) == "0.3s")
        #expect(Units.buildKitSeconds(12.25) == "12.2s" || Units.buildKitSeconds(12.25) == "12.3s")
        #expect(Units.logTimePrefix(0.512) == "0.512")
        #expect(Units.logTimePrefix(12.3456) == "12.35")
        #expect(Units.logTimePrefix(123.45) == "123.5" || Units.logTimePrefix(123.45) == "123.4")
        #expect(Units.logTimePrefix(9.9994) == "9.999")
    }

    @Test func rfc3339() {
        #expect(RFC3339.format(Timestamp(secondsSince1970: 1_714_564_803)) == "2024-05-01T12:00:03Z")
        #expect(RFC3339.format(Timestamp(secondsSince1970: 1_714_564_803), utcOffsetSeconds: 7200) == "2024-05-01T14:00:03+02:00")
        #expect(RFC3339.format(Timestamp(secondsSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(SimulatedClock.fixedStart) == "2025-01-15T09:00:00Z")
        #expect(RFC3339.formatNano(Timestamp(secondsSince1970: 1_714_564_803.25)) == "2024-05-01T12:00:03.25Z")
        #expect(RFC3339.formatNano(Timestamp(secondsSince1970: 1_714_564_803)) == "2024-05-01T12:00:03Z")
        #expect(RFC3339.format(Timestamp(secondsSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }
}

@Suite struct QuotingTests {
    @Test func goQuote() {
        #expect(GoFormat.quote("python app.py") == "\"python app.py\"")
        #expect(GoFormat.quote("/bin/sh -c 'python …") == "\"/bin/sh -c 'python …\"")
        #expect(GoFormat.quote("a\"b\\c\nd\te\u{1B}") == "\"a\\\"b\\\\c\\nd\\te\\x1b\"")
    }

    @Test func ellipsis() {
        #expect(DisplayWidth.ellipsis("RUN /bin/sh -c pip install --no-cache-dir -r requirements.txt # buildkit", maxWidth: 45)
            == "RUN /bin/sh -c pip install --no-cache-dir -r…")
        #expect(DisplayWidth.ellipsis("short", maxWidth: 45) == "short")
        #expect(DisplayWidth.ellipsis("abc", maxWidth: 0) == "")
        #expect(DisplayWidth.ellipsis("日本語日本語", maxWidth: 5) == "日本…")
    }
}

@Suite struct TabWriterTests {
    @Test func dockerImagesLayout() {
        let input = "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n"
            + "myapp\tlatest\t9b2f1c0d7e4a\t8 seconds ago\t163MB\n"
            + "<none>\t<none>\t51c3a8e0f2d9\t2 minutes ago\t163MB\n"
            + "python\t3.12-slim\t4b7e1f0d9a2c\t3 weeks ago\t151MB\n"
        #expect(TabWriter.docker.format(input) == """
            REPOSITORY   TAG         IMAGE ID       CREATED         SIZE
            myapp        latest      9b2f1c0d7e4a   8 seconds ago   163MB
            <none>       <none>      51c3a8e0f2d9   2 minutes ago   163MB
            python       3.12-slim   4b7e1f0d9a2c   3 weeks ago     151MB

            """)
    }

    @Test func emptyTableHeader() {
        #expect(TabWriter.docker.format("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n")
            == "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n")
    }

    @Test func trailingSpacesKeptWhenLastCellEmpty() {
        #expect(TabWriter.docker.format("A\tCOMMENT\nxyz\t\n") == "A         COMMENT\nxyz       \n")
    }

    @Test func widthsCountRunesAndBlocksBreak() {
        #expect(TabWriter.docker.format("é\tb\nno tabs here\nlonger cell\tc\n") == "é         b\nno tabs here\nlonger cell   c\n")
    }
}

@Suite struct GoQuoteTests {
    /// One `strconv.Quote` for the parser, the builder's history and the CLI: Go escapes
    /// controls and the invisible format characters, and keeps printable Unicode.
    @Test func quoteEscapesWhatGoDoesNotPrint() {
        #expect(GoFormat.quote("a\"b\\c\n\u{1b}") == "\"a\\\"b\\\\c\\n\\x1b\"")
        #expect(GoFormat.quote("\u{85}\u{AD}\u{202E}\u{FEFF}\u{FFF9}é") == "\"\\u0085\\u00ad\\u202e\\ufeff\\ufff9é\"")
    }
}

/// The order of writes a result records, and text put in front of it.
struct StreamOrderTests {
    @Test func writesAreShownInTheOrderMade() {
        var r = CommandResult()
        r.write("warning\n", toStderr: true)
        r.write("done\n")
        r.write("note\n", toStderr: true)
        #expect(r.inTerminalOrder.map(\.text) == ["warning\n", "done\n", "note\n"])
        #expect(r == CommandResult(stdout: "done\n", stderr: "warning\nnote\n"))
    }

    @Test func aPrefixComesFirstAndMovesTheMarks() {
        var r = CommandResult()
        r.write("pull\n", toStderr: true)
        r.write("hi\n")
        r.prepend("piped error\n", toStderr: true)
        #expect(r.inTerminalOrder.map(\.text) == ["piped error\n", "pull\n", "hi\n"])
        // Without recorded marks a prefix is plain text: output still comes first.
        var plain = CommandResult(stdout: "out\n", stderr: "err\n")
        plain.prepend("first ", toStderr: true)
        #expect(plain.inTerminalOrder.map(\.text) == ["out\n", "first err\n"])
    }

    @Test func appendingKeepsBothOrders() {
        var r = CommandResult()
        r.write("progress\n", toStderr: true)
        r.write("id\n")
        r.append(CommandResult(stdout: "lesson note\n"))
        #expect(r.inTerminalOrder.map(\.text) == ["progress\n", "id\n", "lesson note\n"])
    }
}
