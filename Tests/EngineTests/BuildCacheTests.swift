import Dockerfile
@testable import Engine
import Testing

let bothBuilders: [BuilderKind] = [.buildKit, .classic]

@Suite struct SeedExampleTests {
    static let dockerfile = """
        FROM python:3.13-slim
        WORKDIR hello-world
        RUN pip3 install flask
        COPY app.py .
        CMD ["flask", "--app", "app", "run", "--host", "0.0.0.0"]

        """
    static let app = "from flask import Flask\napp = Flask(__name__)\n"

    @Test(arguments: bothBuilders) func firstBuildThenRunChange(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.dockerfile, files: ["app.py": Self.app], builder: builder, tags: ["hello:1"])
        #expect(first.failure == nil)
        let id = try #require(first.imageID)
        #expect(state.images.resolve("hello:1") == id)
        #expect(first.cachedTexts.isEmpty)
        #expect(first.pulls.map(\.name) == ["python:3.13-slim"])
        let image = try #require(state.images.images[id])
        #expect(image.config.config.workingDir == "/hello-world")
        #expect(image.config.config.cmd == ["flask", "--app", "app", "run", "--host", "0.0.0.0"])
        // python:3.13-slim has 4 layers; WORKDIR (BuildKit: always a layer; classic: new
        // directory), RUN and COPY add 3.
        #expect(image.config.diffIDs.count == 7)
        let fs = state.images.rootfs(of: id)
        #expect(fs["/hello-world/app.py"] == .file(.text(Self.app)))
        #expect(fs["/usr/local/lib/python3.13/site-packages/flask/__init__.py"] != nil)

        let changed = Self.dockerfile.replacingRun("pip3 install flask", with: "pip3 install flask gunicorn")
        let second = try build(&state, changed, files: ["app.py": Self.app], builder: builder, tags: ["hello:1"])
        #expect(second.cachedTexts == ["WORKDIR hello-world"])
        if builder == .buildKit {
            #expect(second.rebuiltTexts == ["RUN pip3 install flask gunicorn", "COPY app.py ."])
        } else {
            #expect(second.rebuiltTexts == ["RUN pip3 install flask gunicorn", "COPY app.py .", "CMD [\"flask\", \"--app\", \"app\", \"run\", \"--host\", \"0.0.0.0\"]"])
        }
        let runStep = try #require(second.step("RUN pip3 install flask gunicorn"))
        #expect(runStep.missReason == .instructionChanged(old: "RUN pip3 install flask", new: "RUN pip3 install flask gunicorn"))
        let copyStep = try #require(second.step("COPY app.py ."))
        #expect(copyStep.missReason == .parentRebuilt(stepIndex: try #require(second.steps.firstIndex(of: runStep))))
        // The old image lost its tag and is dangling (BuildKit) or an untagged leaf (classic).
        #expect(state.images.danglingImages.contains(id))
    }

    @Test(arguments: bothBuilders) func appChangeReusesEverythingUpToCopy(builder: BuilderKind) throws {
        var state = EngineState()
        try build(&state, Self.dockerfile, files: ["app.py": Self.app], builder: builder)
        let second = try build(&state, Self.dockerfile, files: ["app.py": Self.app + "# v2\n"], builder: builder)
        #expect(second.cachedTexts == ["WORKDIR hello-world", "RUN pip3 install flask"])
        let copy = try #require(second.step("COPY app.py ."))
        #expect(!copy.cached)
        guard case .filesChanged(let changes)? = copy.missReason else {
            Issue.record("expected filesChanged, got \(String(describing: copy.missReason))")
            return
        }
        #expect(changes.map(\.path) == ["/app.py"])
        #expect(changes[0].old != nil && changes[0].new != nil && changes[0].old != changes[0].new)
        #expect(second.pulls.isEmpty)
    }

    @Test(arguments: bothBuilders) func fullyCachedRebuildGivesSameImageID(builder: BuilderKind) throws {
        var state = EngineState()
        let first = try build(&state, Self.dockerfile, files: ["app.py": Self.app], builder: builder)
        state.clock.advance(by: 3600)
        let second = try build(&state, Self.dockerfile, files: ["app.py": Self.app], builder: builder)
        #expect(second.rebuiltTexts.isEmpty)
        #expect(second.imageID == first.imageID)
        #expect(state.images.danglingImages.isEmpty)
    }
}

extension String {
    func replacingRun(_ old: String, with new: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: old) {
            out += rest[..<range.lowerBound] + new
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        guard !needle.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
