import Foundation
import Testing
@testable import Lessons

@Suite struct ProgressStoreTests {
    func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "dockyard-progress-\(UUID().uuidString)"
        return path
    }

    func contents(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func missingFileIsEmptyProgress() {
        let store = ProgressStore(directory: temporaryDirectory())
        let (progress, warning) = store.load()
        #expect(progress == LessonProgress())
        #expect(warning == nil)
    }

    @Test func roundTripCreatesTheDirectoryAndLeavesNoTemporaryFile() throws {
        let directory = temporaryDirectory() + "/nested/dockyard"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = ProgressStore(directory: directory)
        var progress = LessonProgress()
        progress["first-image"].stepsDone = [1, 2]
        progress["first-image"].hintsUsed = [2: 1]
        progress["first-image"].currentStep = 3
        progress["layers"].completed = true
        #expect(store.save(progress) == nil)
        #expect(contents(directory) == ["progress.json"])
        let (loaded, warning) = store.load()
        #expect(warning == nil)
        #expect(loaded == progress)
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(text.contains("\"hintsUsed\" : {\n        \"2\" : 1\n      }"))

        progress["layers"].completed = false
        #expect(store.save(progress) == nil)
        #expect(store.load().progress == progress)
        #expect(contents(directory) == ["progress.json"])
    }

    @Test func aKilledWriterLeavesTheOldFileIntact() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = ProgressStore(directory: directory)
        var progress = LessonProgress()
        progress["a"].stepsDone = [1]
        store.save(progress)
        // What a process killed mid-write leaves behind: a partial temporary file, never a
        // partial progress.json, because the rename happens only after the write and fsync.
        // pid 2^22+1 is above Linux's pid_max default, so no such process exists.
        try Data("{\"version\":1,\"less".utf8).write(to: URL(fileURLWithPath: directory + "/.progress.json.tmp-4194305-1"))
        // A temporary file of a live writer (this process) is not touched.
        let live = "/.progress.json.tmp-\(getpid())-7"
        try Data("{".utf8).write(to: URL(fileURLWithPath: directory + live))
        let (loaded, warning) = store.load()
        #expect(warning == nil)
        #expect(loaded == progress)
        #expect(contents(directory) == [".progress.json.tmp-\(getpid())-7", "progress.json"])
    }

    @Test func corruptFileIsSetAsideAndReported() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = ProgressStore(directory: directory)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: store.path))
        let (progress, warning) = store.load()
        #expect(progress == LessonProgress())
        #expect(warning == "Lesson progress in \(store.path) was damaged; moved it to \(store.path).corrupt-1 and started afresh.")
        #expect(contents(directory) == ["progress.json.corrupt-1"])
        #expect(try String(contentsOfFile: store.path + ".corrupt-1", encoding: .utf8) == "{ not json")

        // A second corrupt file gets the next number; a future version is treated the same way.
        try Data("{\"version\": 7, \"lessons\": {}}".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(store.load().warning?.contains("corrupt-2") == true)
        #expect(contents(directory) == ["progress.json.corrupt-1", "progress.json.corrupt-2"])
        // And saving afterwards works.
        #expect(store.save(LessonProgress()) == nil)
        #expect(store.load().warning == nil)
    }

    @Test func fileIsDeterministicAndMissingFieldsDefault() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = ProgressStore(directory: directory)
        var progress = LessonProgress()
        progress["a"].stepsDone = [5, 1, 3, 2, 4]
        store.save(progress)
        #expect(try String(contentsOfFile: store.path, encoding: .utf8) == """
            {
              "lessons" : {
                "a" : {
                  "completed" : false,
                  "currentStep" : 1,
                  "hintsUsed" : {

                  },
                  "solutionsShown" : [

                  ],
                  "stepsDone" : [
                    1,
                    2,
                    3,
                    4,
                    5
                  ]
                }
              },
              "version" : 1
            }
            """)
        try Data("{\"version\": 1, \"lessons\": {\"a\": {\"stepsDone\": [2]}}}".utf8).write(to: URL(fileURLWithPath: store.path))
        let (loaded, warning) = store.load()
        #expect(warning == nil)
        #expect(loaded["a"].stepsDone == [2])
        #expect(loaded["a"].currentStep == 1)
    }

    @Test func unwritableLocationIsReportedNotFatal() throws {
        let file = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let store = ProgressStore(directory: file + "/sub")
        #expect(store.save(LessonProgress()) == "Could not create \(file)/sub for lesson progress.")
    }

    @Test func defaultDirectory() {
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/a"]) == "/x/state/dockyard")
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.local/state/dockyard")
        #expect(ProgressStore.defaultDirectory(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/dockyard")
        #expect(ProgressStore.defaultDirectory(environment: [:]) == nil)
    }
}
