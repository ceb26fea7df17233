import Engine
import ImageReference

/// Docker-format text for registry commands. Pure functions of engine reports, so `docker
/// run` (which pulls a missing image) can reuse them.
public enum RegistryRendering {
    /// The daemon's `Status:` word pair and the pull stream, without a terminal (every status
    /// change on its own line) or as a terminal's final screen (one line per layer).
    public static func pull(_ report: PullReport, usedDefaultTag: Bool, terminal: Bool) -> String {
        var out = usedDefaultTag ? "Using default tag: latest\n" : ""
        for block in report.blocks {
            out += pullBlock(tagOrDigest: block.tagOrDigest, repositoryPath: report.repositoryPath, events: block.events, digest: block.digest.digest.string, terminal: terminal)
        }
        return out + pullStatus(downloaded: report.downloadedAny, familiarName: report.familiarName) + "\(report.canonicalName)\n"
    }

    /// The pull of an image a command needed (`docker run`, `docker create`, the classic
    /// builder's FROM): the block for its tag, layer by layer in order (`Already exists` or
    /// `Pulling fs layer`, then the downloads), and the status line. No canonical-name line:
    /// only `docker pull` prints that.
    static func pull(of record: PullRecord, terminal: Bool) -> String {
        let named = try? Reference.parseNormalizedNamed(record.name)
        var events: [TransferEvent] = []
        let fresh = record.layers.filter { !$0.alreadyExists }
        for layer in record.layers {
            events.append(.init(layerID: layer.blobDigest.digest.short, status: layer.alreadyExists ? "Already exists" : "Pulling fs layer"))
        }
        for layer in fresh {
            let id = layer.blobDigest.digest.short
            events.append(.init(layerID: id, status: "Verifying Checksum"))
            events.append(.init(layerID: id, status: "Download complete"))
        }
        for layer in fresh { events.append(.init(layerID: layer.blobDigest.digest.short, status: "Pull complete")) }
        return pullBlock(tagOrDigest: named?.tag ?? named?.digest?.string ?? "latest", repositoryPath: named?.path ?? record.name,
                         events: events, digest: record.manifestDigest.digest.string, terminal: terminal)
            + pullStatus(downloaded: true, familiarName: named?.familiarString ?? record.name)
    }

    /// One pulled tag: `<tag>: Pulling from <path>`, the layer lines, `Digest: …`. The
    /// classic builder's FROM and `docker run` print the same stream for the image they pull.
    static func pullBlock(tagOrDigest: String, repositoryPath: String, events: [TransferEvent], digest: String, terminal: Bool) -> String {
        "\(tagOrDigest): Pulling from \(repositoryPath)\n" + lines(events, terminal: terminal) + "Digest: \(digest)\n"
    }

    /// `Status: Downloaded newer image for python:latest` (or `Image is up to date for`).
    static func pullStatus(downloaded: Bool, familiarName: String) -> String {
        "Status: \(downloaded ? "Downloaded newer image for" : "Image is up to date for") \(familiarName)\n"
    }

    /// `The push refers to repository […]`, the layer lines and `<tag>: digest: … size: N`.
    /// A refusal's `deniedEvents` are included; its message goes to stderr (see `pushResult`).
    public static func push(_ report: PushReport, terminal: Bool) -> String {
        var out = "The push refers to repository [\(report.repository)]\n"
        for block in report.blocks {
            out += lines(block.events, terminal: terminal)
            out += "\(block.tag): digest: \(block.digest) size: \(block.size)\n"
        }
        if report.error != nil { out += lines(report.deniedEvents, terminal: terminal) }
        return out
    }

    static func lines(_ events: [TransferEvent], terminal: Bool) -> String {
        guard terminal else { return events.map { "\($0.layerID): \($0.status)\n" }.joined() }
        var order: [String] = []
        var last: [String: String] = [:]
        for e in events {
            if last[e.layerID] == nil { order.append(e.layerID) }
            last[e.layerID] = e.status
        }
        return order.map { "\($0): \(last[$0] ?? "")\n" }.joined()
    }

    /// A one-time note that a host's registry is simulated (printed on stderr).
    public static func simulatedRegistryNote(_ host: String) -> String {
        "dockyard: \(host) is a simulated registry, created empty just now; nothing leaves this machine.\n"
    }

    /// The note after a first login created an account.
    public static func accountCreatedNote(_ user: String, host: String) -> String {
        "dockyard: created the simulated account \"\(user)\" on \(host) (a first login creates it; use the same password from now on).\n"
    }

    // MARK: manifest inspect

    /// `docker manifest inspect REF`: the raw manifest re-indented with tabs (Go's
    /// `json.Indent(…, "", "\t")`), then a newline.
    public static func manifestInspect(_ manifest: RegistryManifest) -> String {
        GoJSONIndent.indent(String(decoding: manifest.bytes, as: UTF8.self), depth: 0) + "\n"
    }

    /// `docker manifest inspect -v REF`: the CLI's `ImageManifest` marshalled with tabs.
    public static func manifestInspectVerbose(_ manifest: RegistryManifest, reference: String) -> String {
        let nested = GoJSONIndent.indent(String(decoding: manifest.bytes, as: UTF8.self), depth: 1)
        return """
            {
            \t"Ref": \(GoJSONIndent.quote(reference)),
            \t"Descriptor": {
            \t\t"mediaType": "\(RegistryManifest.mediaType)",
            \t\t"digest": "\(manifest.digest)",
            \t\t"size": \(manifest.bytes.count),
            \t\t"platform": {
            \t\t\t"architecture": \(GoJSONIndent.quote(manifest.config.architecture)),
            \t\t\t"os": \(GoJSONIndent.quote(manifest.config.os))
            \t\t}
            \t},
            \t"Raw": "\(Base64.encode(manifest.bytes))",
            \t"SchemaV2Manifest": \(nested)
            }

            """
    }
}

/// Go's `json.Indent`: drops the source's insignificant whitespace and lays the value out one
/// member per line, `": "` after keys, empty objects and arrays kept as `{}` / `[]`.
enum GoJSONIndent {
    static func indent(_ json: String, depth: Int, unit: String = "\t") -> String {
        let chars = Array(json.unicodeScalars)
        var out = String.UnicodeScalarView()
        var level = depth
        var i = 0
        var inString = false
        func newline() {
            out.append("\n")
            for _ in 0..<level { out.append(contentsOf: unit.unicodeScalars) }
        }
        while i < chars.count {
            let c = chars[i]
            if inString {
                out.append(c)
                if c == "\\", i + 1 < chars.count {
                    out.append(chars[i + 1])
                    i += 2
                    continue
                }
                if c == "\"" { inString = false }
                i += 1
                continue
            }
            switch c {
            case " ", "\t", "\n", "\r":
                break
            case "\"":
                inString = true
                out.append(c)
            case "{", "[":
                out.append(c)
                var j = i + 1
                while j < chars.count, [" ", "\t", "\n", "\r"].contains(chars[j]) { j += 1 }
                if j < chars.count, chars[j] == (c == "{" ? "}" : "]") {
                    out.append(chars[j])
                    i = j
                } else {
                    level += 1
                    newline()
                }
            case "}", "]":
                level -= 1
                newline()
                out.append(c)
            case ",":
                out.append(c)
                newline()
            case ":":
                out.append(contentsOf: ": ".unicodeScalars)
            default:
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }

    /// A JSON string literal (the references and platform words need no escaping beyond
    /// quotes and backslashes).
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}

/// Standard base64 with padding (Go's `[]byte` JSON encoding).
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
