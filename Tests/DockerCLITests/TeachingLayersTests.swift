@testable import DockerCLI
import Dockerfile
import Engine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Cache advice, `layers`, `compare` and the SVG/HTML export.
struct TeachingLayersTests {
    func advice(_ dockerfile: String, files: [String: String] = ["app.py": "x\n", "requirements.txt": "flask\n"]) throws -> [CacheAdvice] {
        var engine = EngineState()
        let result = try teachingBuild(&engine, dockerfile, files: files)
        return CacheAdvice.check(result)
    }

    @Test func adviceFindsEachMistakeWithItsRule() throws {
        let bad = try advice("""
            FROM ubuntu:latest
            RUN apt-get update
            RUN apt-get install -y curl
            RUN rm -rf /var/lib/apt/lists/*
            ADD app.py /app/app.py
            """)
        let kinds = Dictionary(bad.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(kinds[.latestBase]?.rule == "DL3007")
        #expect(kinds[.latestBase]?.line == 1)
        #expect(kinds[.aptUpdateSeparate]?.line == 3)
        #expect(kinds[.cleanupInLaterLayer]?.rule == "DL3009")
        #expect(kinds[.cleanupInLaterLayer]?.finding.contains("line 2") == true)
        #expect(kinds[.consecutiveRuns]?.rule == "DL3059")
        #expect(kinds[.addInsteadOfCopy]?.rule == "DL3020")
        for a in bad { #expect(!a.why.isEmpty && !a.fix.isEmpty && !a.why.contains("\n")) }
    }

    @Test func goodDockerfilesGetNoAdvice() throws {
        let good = try advice("""
            FROM python:3.13-slim
            WORKDIR /app
            COPY requirements.txt .
            RUN pip install -r requirements.txt
            COPY . .
            CMD ["python", "app.py"]
            """)
        #expect(good.isEmpty)
        let noTag = try advice("FROM alpine\nRUN echo hi > /x\n")
        #expect(noTag.map(\.rule) == ["DL3006"])
        let stageRef = try advice("FROM alpine:3.20 AS base\nRUN echo a > /a\nFROM base\nCOPY --from=base /a /b\n")
        #expect(!stageRef.contains { $0.kind == .latestBase })
        let archive = try advice("FROM alpine:3.20\nADD app.tar.gz /app/\n", files: ["app.tar.gz": "x"])
        #expect(!archive.contains { $0.kind == .addInsteadOfCopy })
    }

    @Test func layersShowWhiteoutsAndWastedBytes() throws {
        var engine = EngineState()
        try teachingBuild(&engine, """
            FROM alpine:3.20
            RUN echo \(String(repeating: "x", count: 4999)) > /big.bin && echo one > /etc/motd
            RUN echo two > /etc/motd
            RUN rm /big.bin
            """, tags: ["w:1"])
        let analysis = try #require(ImageLayers("w:1", engine: engine))
        let top = try #require(analysis.layers.last)
        #expect(top.changes.contains { $0.mark == .deleted && $0.path == "/big.bin" })
        let motd = analysis.layers[analysis.layers.count - 2]
        #expect(motd.changes.contains { $0.mark == .changed && $0.path == "/etc/motd" })
        let maker = analysis.layers[analysis.layers.count - 3]
        #expect(maker.wasted == 5000 + 4)
        #expect(maker.wastedBy == [analysis.layers.count - 1, analysis.layers.count])
        #expect(analysis.wasted >= 5004)
        let text = try #require(TeachingViews.layers("w:1", engine: engine, width: 80, colour: false))
        #expect(text.contains("- /big.bin"))
        #expect(text.contains("~ /etc/motd"))
        #expect(text.contains("RUN rm"))
        #expect(TeachingViews.layers("nope", engine: engine, width: 80, colour: false) == nil)
    }

    @Test func compareCountsSharedLayersAndBytes() throws {
        var engine = EngineState()
        try teachingBuild(&engine, "FROM alpine:3.20\nRUN echo base > /base\nRUN echo a > /a\n", tags: ["a:1"])
        try teachingBuild(&engine, "FROM alpine:3.20\nRUN echo base > /base\nRUN echo b > /b\n", tags: ["b:1"])
        let text = try TeachingViews.compare("a:1", "b:1", engine: engine, width: 80, colour: false).get()
        let layers = engine.images.layers(of: try #require(engine.images.resolve("a:1")))
        let shared = layers.dropLast().reduce(Int64(0)) { $0 + $1.size }
        #expect(text.contains("Shared: \(layers.count - 1) layers, \(Units.imageSize(shared))"))
        #expect(text.contains("A only"))
        #expect(text.contains("B only"))
        #expect(TeachingViews.compare("a:1", "zzz", engine: engine, width: 80, colour: false) == .failure(.noSuchImage("zzz")))
    }

    // MARK: Export

    final class XMLCheck: NSObject, XMLParserDelegate {
        var layerGroups = 0
        var texts: [String] = []
        var current = ""
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            if elementName == "g", attributeDict["class"] == "layer" { layerGroups += 1 }
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if elementName == "text" { texts.append(current) }
        }
    }

    func parse(_ xml: String) -> (ok: Bool, check: XMLCheck) {
        let parser = XMLParser(data: Data(xml.utf8))
        let check = XMLCheck()
        parser.delegate = check
        return (parser.parse(), check)
    }

    @Test func svgIsWellFormedWithOneElementPerLayerAndItsLabels() throws {
        var engine = EngineState()
        try teachingBuild(&engine, pythonAppFixed, files: pythonFiles)
        var edited = pythonFiles
        edited["app.py"] = "print('<&>')\n"
        let result = try teachingBuild(&engine, pythonAppFixed + "\nLABEL note=\"a < b & c\"\n", files: edited)
        let picture = TeachingExport.picture(result, engine: engine)
        let svg = TeachingExport.svg(picture)
        let (ok, check) = parse(svg)
        #expect(ok)
        let rows = BuildExplanation(result, engine: engine).rows
        #expect(check.layerGroups == rows.count)
        #expect(rows.count == 7)
        for row in rows {
            #expect(check.texts.contains { $0.contains(row.text) })
            #expect(check.texts.contains(row.status.label))
        }
        #expect(check.texts.contains { $0.contains("LABEL note=") && $0.contains("a < b & c") })
        #expect(!svg.contains("<script") && !svg.contains("@import") && !svg.contains("href"))
    }

    @Test func htmlIsOneSelfContainedPageWithThePictureAndTheText() throws {
        var engine = EngineState()
        let result = try teachingBuild(&engine, pythonApp, files: pythonFiles)
        let html = TeachingExport.html(TeachingExport.picture(result, engine: engine), text: TeachingViews.explain(result, engine: engine, width: 100, colour: false))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("Decisions, in build order:"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        // The page parses as XML too (it is written as XHTML-compatible markup).
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "").replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
        #expect(parse(body).ok)
    }

    @Test func layersPictureHasOneElementPerImageLayer() throws {
        var engine = EngineState()
        try teachingBuild(&engine, "FROM alpine:3.20\nRUN echo a > /a\nRUN rm /a\n", tags: ["x:1"])
        let analysis = try #require(ImageLayers("x:1", engine: engine))
        let svg = TeachingExport.svg(TeachingExport.picture(layers: analysis))
        let (ok, check) = parse(svg)
        #expect(ok)
        #expect(check.layerGroups == analysis.layers.count)
        #expect(check.texts.contains { $0.contains("RUN rm /a") })
    }

    static let rsvg: String? = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Renders with rsvg-convert (Debian's librsvg2-bin) when installed; skipped otherwise.
    @Test(.enabled(if: rsvg != nil, "rsvg-convert is not installed (apt-get install librsvg2-bin) — render check skipped"))
    func svgRendersWithRsvg() throws {
        var engine = EngineState()
        let result = try teachingBuild(&engine, pythonApp, files: pythonFiles)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dockyard-svg-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svgURL = dir.appendingPathComponent("stack.svg"), pngURL = dir.appendingPathComponent("stack.png")
        try TeachingExport.svg(TeachingExport.picture(result, engine: engine)).write(to: svgURL, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.rsvg))
        process.arguments = ["-o", pngURL.path, svgURL.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let png = try Data(contentsOf: pngURL)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 5000)
    }
}

struct TeachingBaseLayersTests {
    @Test func aBaseImageBuildKitPulledCanBeShownToo() throws {
        var engine = EngineState()
        try teachingBuild(&engine, "FROM alpine:3.20\nRUN echo a > /a\n")
        #expect(engine.images.resolve("alpine:3.20") == nil)
        let analysis = try #require(ImageLayers("alpine:3.20", engine: engine))
        #expect(analysis.name == "alpine:3.20")
        #expect(analysis.layers.count == 1)
        #expect(analysis.layers[0].changes.contains { $0.mark == .added })
    }
}
