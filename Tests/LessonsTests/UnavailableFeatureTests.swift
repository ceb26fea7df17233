import DockerCLI
@testable import Lessons
import Testing

/// A host may lack registries or containers (an older simulator): checks that need them fail
/// with the host's explanation, even over the author's `else` text, and never pass.
@Suite struct UnavailableFeatureTests {
    struct WithoutRegistries: LessonWorld {
        var world = FakeWorld()
        func image(_ reference: String) -> LessonImage? { world.image(reference) }
        func imageHasFile(_ reference: String, path: String) -> Bool { world.imageHasFile(reference, path: path) }
        func danglingImageCount() -> Int { world.danglingImageCount() }
        func lastBuild() -> LessonBuild? { world.lastBuild() }
        func workspaceFile(_ path: String) -> LessonWorkspaceEntry? { world.workspaceFile(path) }
        func registryImageID(registry: String, repository: String, tag: String) -> String? {
            world.registryImageID(registry: registry, repository: repository, tag: tag)
        }
        func isLoggedIn(registry: String) -> Bool { world.isLoggedIn(registry: registry) }
        func containers() -> [LessonContainer] { world.containers() }
        func unavailable(_ feature: LessonFeature) -> String? {
            feature == .registries ? "No registries in this build." : nil
        }
    }

    func check(_ line: String) throws -> Check {
        let (predicate, message) = try PredicateParser.parseLine(line)
        return Check(predicate: predicate, message: message, line: 1, text: line)
    }

    @Test func registryChecksFailWithTheHostsReasonEvenWhenNegated() throws {
        var host = WithoutRegistries()
        host.world.logins = ["localhost:5000"]
        for line in ["logged-in localhost:5000", "not logged-in localhost:5000",
                     "registry localhost:5000 has myapp:1.0 else \"push it\""] {
            let result = try check(line).evaluate(in: host)
            #expect(!result.passed, "\(line)")
            #expect(result.message == "No registries in this build.", "\(line)")
        }
    }

    @Test func otherChecksAreUnaffected() throws {
        var host = WithoutRegistries()
        host.world.dangling = 0
        #expect(try check("dangling-images == 0").evaluate(in: host).passed)
        #expect(try check("not container web exists").evaluate(in: host).passed)
    }

    @Test func aHostWithEverythingReportsNothingMissing() {
        #expect(FakeWorld().unavailable(.registries) == nil)
        #expect(FakeWorld().unavailable(.containers) == nil)
    }
}
