@testable import Engine
import Testing

@Suite struct CatalogTests {
    let catalog = BaseImageCatalog.standard

    @Test func everyListedImageResolves() throws {
        let expected: [(String, Int)] = [
            ("python:3.13-slim", 4), ("python:3.13", 7), ("python:3.12-slim", 4),
            ("alpine:3.20", 1), ("alpine:latest", 1), ("alpine", 1),
            ("ubuntu:24.04", 1), ("ubuntu:22.04", 1), ("ubuntu:latest", 1),
            ("debian:bookworm-slim", 1), ("node:22", 8), ("node:22-alpine", 4),
            ("nginx:latest", 7), ("nginx:alpine", 7), ("busybox:latest", 1), ("golang:1.23", 7),
            ("docker.io/library/python:3.13-slim", 4),
        ]
        for (name, layers) in expected {
            let image = try catalog.lookup(name).get()
            #expect(image.layers.count == layers, "\(name)")
            #expect(image.config.diffIDs == image.layers.map(\.diffID), "\(name)")
            #expect(image.config.history.filter { !$0.emptyLayer }.count == layers, "\(name)")
            #expect(image.config.config.env.contains { $0.hasPrefix("PATH=") }, "\(name)")
            #expect(image.config.created < SimulatedClock.fixedStart, "\(name)")
        }
        #expect(try catalog.lookup("ubuntu:latest").get().imageID == catalog.lookup("ubuntu:24.04").get().imageID)
    }

    @Test func sizesArePlausible() throws {
        let slim = try catalog.lookup("python:3.13-slim").get()
        #expect(slim.size > 120_000_000 && slim.size < 130_000_000)
        #expect(try catalog.lookup("alpine:3.20").get().size < 9_000_000)
        #expect(try catalog.lookup("python:3.13").get().size > 900_000_000)
        #expect(try catalog.lookup("busybox").get().size < 5_000_000)
    }

    @Test func sharedBaseLayers() throws {
        let debian = try catalog.lookup("debian:bookworm-slim").get()
        let py313 = try catalog.lookup("python:3.13-slim").get()
        let py312 = try catalog.lookup("python:3.12-slim").get()
        let nginx = try catalog.lookup("nginx:latest").get()
        #expect(py313.layers[0].diffID == debian.layers[0].diffID)
        #expect(py312.layers[0].diffID == debian.layers[0].diffID)
        #expect(nginx.layers[0].diffID == debian.layers[0].diffID)
        let node = try catalog.lookup("node:22").get()
        let python = try catalog.lookup("python:3.13").get()
        #expect(Array(node.layers.prefix(4).map(\.diffID)) == Array(python.layers.prefix(4).map(\.diffID)))
        #expect(try catalog.lookup("node:22-alpine").get().layers[0].diffID == catalog.lookup("alpine:latest").get().layers[0].diffID)
    }

    @Test func filesystemSkeletonsAreTrue() throws {
        let py = Layer.union(try catalog.lookup("python:3.13-slim").get().layers)
        guard case .file(.bytes(let osRelease))? = py["/etc/os-release"]?.kind else {
            Issue.record("no /etc/os-release")
            return
        }
        #expect(String(decoding: osRelease, as: UTF8.self).hasPrefix("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\""))
        #expect(py["/usr/local/bin/python3.13"] != nil)
        #expect(py["/usr/local/bin/python3"] == .symlink("python3.13"))
        #expect(py["/bin/sh"] == .symlink("dash"))
        #expect(py["/bin/ls"] != nil)
        let alpine = Layer.union(try catalog.lookup("alpine:3.20").get().layers)
        #expect(alpine["/etc/alpine-release"] == .file(.text("3.20.5\n")))
        #expect(alpine["/bin/sh"] == .symlink("/bin/busybox"))
        let nginx = try catalog.lookup("nginx:latest").get()
        #expect(nginx.config.config.entrypoint == ["/docker-entrypoint.sh"])
        #expect(nginx.config.config.cmd == ["nginx", "-g", "daemon off;"])
        #expect(nginx.config.config.exposedPorts == ["80/tcp"])
        #expect(try catalog.lookup("golang:1.23").get().config.config.workingDir == "/go")
    }

    @Test func unknownNames() {
        #expect(throws: CatalogLookupError.unknownTag(repository: "python", tag: "3.99")) { try catalog.lookup("python:3.99").get() }
        #expect(throws: CatalogLookupError.unknownRepository("nosuchimage")) { try catalog.lookup("nosuchimage").get() }
    }

    @Test func digestsAreStable() throws {
        let a = try catalog.lookup("python:3.13-slim").get()
        let b = try BaseImageCatalog(images: CatalogData.makeImages()).lookup("python:3.13-slim").get()
        #expect(a.manifestDigest == b.manifestDigest)
        #expect(a.imageID == b.imageID)
        #expect(try catalog.lookup("python@" + a.manifestDigest.digest.string).get().imageID == a.imageID)
    }
}
