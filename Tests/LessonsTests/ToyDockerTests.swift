import DockerCLI
import Testing
@testable import Lessons

/// A deliberately tiny model of image names (build, tag, rmi, prune; workspace echo/cat
/// heredocs) — enough to run the tags lesson's own solutions through the verifier and prove
/// its checks fail before and pass after each step. The real engine replaces it later.
struct ToyDocker: LessonHost {
    var files: [String: String] = [:]
    /// Image ID -> tags. An image's ID is derived from what it was built from.
    var images: [String: Set<String>] = [:]

    func resolve(_ reference: String) -> String? {
        let ref = reference.contains(":") ? reference : reference + ":latest"
        return images.first { $0.value.contains(ref) }?.key
    }

    func image(_ reference: String) -> LessonImage? {
        resolve(reference).map { LessonImage(id: $0, layers: ["base", $0], size: 100) }
    }
    func imageHasFile(_ reference: String, path: String) -> Bool { false }
    func danglingImageCount() -> Int { images.values.filter(\.isEmpty).count }
    func lastBuild() -> LessonBuild? { nil }
    func workspaceFile(_ path: String) -> LessonWorkspaceEntry? { files[path].map { .file($0) } }
    func registryImageID(registry: String, repository: String, tag: String) -> String? { nil }
    func isLoggedIn(registry: String) -> Bool { false }
    func containers() -> [LessonContainer] { [] }

    mutating func startFresh() { self = ToyDocker() }
    mutating func writeWorkspaceFile(path: String, contents: String) -> CommandResult {
        files[path] = contents
        return .ok()
    }
    mutating func ensureImage(_ reference: String) -> CommandResult { .ok() }

    mutating func tag(_ id: String, _ name: String) {
        let ref = name.contains(":") ? name : name + ":latest"
        for key in images.keys { images[key]?.remove(ref) }
        images[id, default: []].insert(ref)
    }

    mutating func runLine(_ line: String) -> CommandResult {
        if let heredoc = line.firstRange(of: " <<EOF\n"), line.hasPrefix("cat > ") {
            let name = String(line[line.index(line.startIndex, offsetBy: 6)..<heredoc.lowerBound])
            let body = line[heredoc.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            files[name] = body.joined(separator: "\n") + "\n"
            return .ok()
        }
        if line.hasPrefix("echo '"), let close = line.dropFirst(6).firstIndex(of: "'") {
            let text = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
            let rest = String(line[line.index(after: close)...]).trimmingLeadingSpaces()
            guard rest.hasPrefix("> ") else { return .failure("toy: unsupported echo\n") }
            files[String(rest.dropFirst(2))] = text + "\n"
            return .ok()
        }
        let words = line.split(separator: " ").map(String.init)
        switch Array(words.prefix(3)) {
        case ["docker", "build", "-t"] where words.count == 5:
            let id = "sha256:" + (files["Dockerfile"] ?? "") + (files["app.py"] ?? "")
            if images[id] == nil { images[id] = [] }
            tag(id, words[3])
            return .ok()
        case ["docker", "tag", words.count > 2 ? words[2] : ""] where words.count == 4:
            guard let id = resolve(words[2]) else { return .failure("Error response from daemon: No such image: \(words[2])\n") }
            tag(id, words[3])
            return .ok()
        case ["docker", "image", "prune"]:
            images = images.filter { !$0.value.isEmpty }
            return .ok("Total reclaimed space: 0B\n")
        default:
            if words.count >= 3, words[0] == "docker", words[1] == "rmi" {
                for name in words.dropFirst(2) {
                    guard let id = resolve(name) else { return .failure("Error response from daemon: No such image: \(name)\n") }
                    let ref = name.contains(":") ? name : name + ":latest"
                    images[id]?.remove(ref)
                    if images[id]?.isEmpty == true { images[id] = nil }
                }
                return .ok()
            }
            return .failure("toy: unsupported line: \(line)\n", status: 127)
        }
    }
}

@Suite struct ToyDockerTests {
    @Test func theTagsLessonsSolutionsReachEveryGoalAndNoCheckIsVacuous() throws {
        let path = LessonFilesTests.directory + "/06-names-tags-ids.md"
        let text = try #require(LessonCatalog.readText(path))
        let lesson = try LessonParser.lesson(from: text, file: path)
        #expect(LessonLinter.verifySolutions(lesson, makeHost: ToyDocker.init).map(\.description) == [])
    }

    @Test func theVerifierNoticesABrokenSolution() throws {
        let path = LessonFilesTests.directory + "/06-names-tags-ids.md"
        let text = try #require(LessonCatalog.readText(path))
        let broken = text.replacingOccurrences(of: "docker image prune -f", with: "docker images")
        let lesson = try LessonParser.lesson(from: broken, file: "06.md")
        let diagnostics = LessonLinter.verifySolutions(lesson, makeHost: ToyDocker.init).map(\.description)
        #expect(diagnostics.contains { $0.contains("step 4: after the solution, 'dangling-images == 0' still fails") })
    }
}
