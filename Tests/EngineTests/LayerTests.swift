@testable import Engine
import Testing

@Suite struct LayerTests {
    func tree(_ entries: [(String, FileNode)]) -> FileTree {
        var t = FileTree()
        for (p, n) in entries { t.set(p, n) }
        return t
    }

    @Test func diffRecordsAdditionsChangesAndWhiteouts() {
        let before = tree([("/etc/a.conf", .file(.text("a"))), ("/var/cache/big.tar", .file(.synthetic(size: 5_000_000, seed: "t"))), ("/opt/tool/bin/x", .file(.text("x")))])
        var after = before
        after.set("/etc/a.conf", .file(.text("A")))
        after.set("/srv/new.txt", .file(.text("new")))
        after.remove("/var/cache/big.tar")
        after.remove("/opt/tool")
        let layer = Layer.diff(from: before, to: after)
        #expect(layer.changes["/etc/a.conf"] == .file(.text("A")))
        #expect(layer.changes["/srv/new.txt"] != nil)
        #expect(layer.changes["/srv"]?.isDirectory == true)
        #expect(layer.changes["/var/cache/.wh.big.tar"] != nil)
        // Only the topmost deleted path gets a marker.
        #expect(layer.changes["/opt/.wh.tool"] != nil)
        #expect(layer.changes["/opt/tool/bin/.wh.x"] == nil)
        #expect(layer.deletions == ["/opt/tool", "/var/cache/big.tar"])
        // Deleting never shrinks: the layer holds 4 bytes, the lower one still 5 MB.
        #expect(layer.size == 4)
        var rebuilt = before
        layer.apply(to: &rebuilt)
        #expect(rebuilt == after)
        #expect(Layer.union([Layer(changes: before), layer]) == after)
    }

    @Test func opaqueDirectoryWhenContentsReplaced() {
        let before = tree([("/var/lib/apt/lists/a", .file(.text("1"))), ("/var/lib/apt/lists/b", .file(.text("2")))])
        var after = before
        after.remove("/var/lib/apt/lists/a")
        after.remove("/var/lib/apt/lists/b")
        after.set("/var/lib/apt/lists/c", .file(.text("3")))
        let layer = Layer.diff(from: before, to: after)
        #expect(layer.changes["/var/lib/apt/lists/.wh..wh..opq"] != nil)
        #expect(layer.changes["/var/lib/apt/lists/.wh.a"] == nil)
        var rebuilt = before
        layer.apply(to: &rebuilt)
        #expect(rebuilt == after)
    }

    @Test func diffIDIsContentAddressed() {
        let a = Layer(changes: tree([("/x", .file(.text("hello")))]))
        let b = Layer(changes: tree([("/x", .file(.text("hello")))]))
        let c = Layer(changes: tree([("/x", .file(.text("hello"), mode: 0o755))]))
        let d = Layer(changes: tree([("/x", .file(.synthetic(size: 5, seed: "s")))]))
        let e = Layer(changes: tree([("/x", .file(.synthetic(size: 5, seed: "t")))]))
        #expect(a.diffID == b.diffID)
        #expect(a.diffID != c.diffID)
        #expect(d.diffID != e.diffID)
        #expect(d.size == 5 && a.size == 5)
        // A 2 GB synthetic file costs nothing to hash.
        let huge = Layer(changes: tree([("/data.bin", .file(.synthetic(size: 2_000_000_000, seed: "big")))]))
        #expect(huge.size == 2_000_000_000)
        #expect(huge.compressedSize > 800_000_000 && huge.compressedSize < 1_000_000_000)
        #expect(Layer.diff(from: a.changes, to: a.changes).diffID == Layer.empty.diffID)
    }

    @Test func dockerignorePatterns() {
        let rules = DockerIgnore("# comment\n*.log\n/build\n**/__pycache__\nsecrets/\n!secrets/public.pem\n\n")
        #expect(rules.excludes("/debug.log"))
        #expect(!rules.excludes("/src/debug.log"))
        #expect(rules.excludes("/build/out.o"))
        #expect(rules.excludes("/a/b/__pycache__/x.pyc"))
        #expect(rules.excludes("/__pycache__/x.pyc"))
        #expect(rules.excludes("/secrets/key"))
        #expect(!rules.excludes("/secrets/public.pem"))
        #expect(!rules.excludes("/app.py"))
        #expect(PathMatch.matchSegment("[a-c]?.txt", "b1.txt"))
        #expect(!PathMatch.matchSegment("[^a-c]?.txt", "b1.txt"))
        #expect(PathMatch.matchSegment("*", ""))
        #expect(!PathMatch.matchSegment("[", "a"))
    }
}

@Suite struct JournalTests {
    @Test func trackedDiffEqualsFullDiff() {
        var before = FileTree()
        for i in 0..<50 { before.set("/d\(i % 5)/f\(i)", .file(.text("\(i)"))) }
        var tracked = before
        tracked.beginTracking()
        tracked.set("/d1/f1", .file(.text("changed")))
        tracked.set("/new/dir/file", .file(.text("n")))
        tracked.remove("/d2")
        tracked.remove("/d3/f3")
        tracked.set("/d3/f3", .file(.text("3")))
        var untracked = tracked
        untracked.endTracking()
        #expect(tracked == untracked)
        let fast = Layer.diff(from: before, to: tracked)
        let full = Layer.diff(from: before, to: untracked)
        #expect(fast.diffID == full.diffID)
        #expect(fast.changes == full.changes)
        #expect(fast.changes["/.wh.d2"] != nil)
        #expect(fast.changes["/d3/f3"] == nil)
    }
}
