import Dockerfile
@testable import Engine
import ImageReference
import Testing

/// Directory COPY checksums are memoised between builds; these check the memo never hides a
/// change (file content, excludes, builder) and that reuse gives the same keys.
struct DirectoryCopyMemoTests {
    static let files = ["src/a.py": "print('a')\n", "src/b.py": "print('b')\n", "src/README.md": "docs\n"]

    @Test(arguments: [BuilderKind.buildKit, .classic]) func unchangedDirectoryHitsAndAChangedFileMisses(builder: BuilderKind) throws {
        let dockerfile = "FROM alpine:3.21\nCOPY src/ /app/\n"
        var state = EngineState()
        let first = try build(&state, dockerfile, files: Self.files, builder: builder)
        let again = try build(&state, dockerfile, files: Self.files, builder: builder)
        #expect(again.imageID == first.imageID)
        #expect(again.rebuiltTexts.isEmpty)
        var changed = Self.files
        changed["src/b.py"] = "print('b2')\n"
        let third = try build(&state, dockerfile, files: changed, builder: builder)
        #expect(third.imageID != first.imageID)
        let copy = try #require(third.step("COPY src/ /app/"))
        #expect(!copy.cached)
        guard case .filesChanged(let changes)? = copy.missReason else {
            Issue.record("expected filesChanged, got \(String(describing: copy.missReason))")
            return
        }
        #expect(changes.map(\.path) == ["/src/b.py"])
    }

    @Test func sameContextWithDifferentExcludesDoesNotReuseTheSummary() throws {
        var state = EngineState()
        let plain = try build(&state, "FROM alpine:3.21\nCOPY src/ /app/\n", files: Self.files, builder: .buildKit)
        let excluding = try build(&state, "FROM alpine:3.21\nCOPY --exclude=*.md src/ /app/\n", files: Self.files, builder: .buildKit)
        #expect(excluding.imageID != plain.imageID)
        let copy = try #require(excluding.steps.last)
        #expect(!copy.cached)
        #expect(copy.keyParts?.files.map(\.path).sorted() == ["/src/a.py", "/src/b.py"])
        let id = try #require(excluding.imageID)
        let fs = Layer.union(state.images.layers(of: id))
        #expect(fs["/app/README.md"] == nil)
        #expect(fs["/app/a.py"] != nil)
    }
}

/// The shipped catalog and its Docker Hub are built on first use; they must be
/// indistinguishable from ones built eagerly.
struct LazyCatalogTests {
    @Test func lazyHubEqualsAnEagerlyBuiltOne() {
        let eager = RegistryStore(catalog: BaseImageCatalog(images: CatalogData.makeImages()))
        var lazy = RegistryStore()
        #expect(lazy == eager)
        #expect(lazy.registries.keys.sorted() == eager.registries.keys.sorted())
        let createdHub = lazy.ensureRegistry(Reference.defaultDomain)
        #expect(!createdHub)
        let createdOther = lazy.ensureRegistry("registry.example.com")
        #expect(createdOther)
        #expect(lazy.registries.keys.sorted() == [Reference.defaultDomain, "registry.example.com"].sorted())
        #expect(lazy.registry(Reference.defaultDomain) == eager.registry(Reference.defaultDomain))
    }

    @Test func shippedCatalogMatchesItsData() {
        #expect(BaseImageCatalog.standard.images.map(\.manifestDigest) == CatalogData.makeImages().map(\.manifestDigest))
        #expect((try? BaseImageCatalog.standard.lookup("python:3.13-slim").get())?.names.contains("python:3.13-slim") == true)
    }
}
