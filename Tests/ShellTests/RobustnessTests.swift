import Testing
@testable import Engine

/// A small deterministic generator (SplitMix64) so the fuzz corpus is the same on every run.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

@Suite struct RobustnessTests {
    @Test func sameInputGivesTheSameOutcome() {
        let script = "apt-get update && apt-get install -y --no-install-recommends curl git && pip install flask numpy && npm install express; mkdir -p /w && curl -o /w/f.tgz https://e.com/f.tgz"
        var tree = Fixtures.pythonSlim()
        tree.set("/usr/local/bin/node", Fixtures.binary("node"))
        let a = Fixtures.run(script, on: tree, cwd: "/srv")
        let b = Fixtures.run(script, on: tree, cwd: "/srv")
        #expect(a == b)
        #expect(a.exitCode == 0)
        let c = SimulatedShell().run(ShellInvocation(argv: ["/bin/sh", "-c", script], environment: Fixtures.debianEnv, workingDirectory: "/srv"), on: tree)
        #expect(c == a)
    }

    @Test func syntheticSeedsDependOnPackageAndPath() {
        let r = Fixtures.run("pip install --no-cache-dir six requests", on: Fixtures.pythonSlim())
        var seeds: Set<String> = []
        var count = 0
        for (_, node) in r.filesystem.entries {
            if case .file(.synthetic(_, let seed)) = node.kind, seed.hasPrefix("pip:") { seeds.insert(seed); count += 1 }
        }
        #expect(count > 5)
        #expect(seeds.count == count)
    }

    static let fragments: [String] = [
        "echo", "cat", "ls", "mkdir -p", "rm -rf", "cp -r", "mv", "ln -s", "touch", "chmod 755", "chown root", "cd", "exit 3",
        "true", "false", "apt-get update", "apt-get install -y curl", "pip install flask", "npm install", "apk add x", "tar -xzf",
        "curl -o", "wget -O", "sleep 1", "env", "id", "which", "test -f", "[", "]", "if", "then", "else", "fi", "for", "in", "do",
        "done", "while", "case", "esac", "{", "}", "(", ")", "&&", "||", ";", "|", "&", ">", ">>", "<", "2>&1", "<<EOF", "EOF",
        "'", "\"", "\\", "$", "${", "}", "$(", "`", "$((", "))", "*", "?", "[a-z]", "~", "#", "\n", "/tmp/x", "/etc/passwd",
        "..", ".", "A=1", "$A", "${A:-b}", "${#A}", "${A%%x}", "$?", "$@", "set -eux", "set -o pipefail", "f() {", "f", "eval",
        "sh -c", "export B=2", "unset A", "read x", "printf '%s'", "grep -q", "tee /tmp/t", "head -n", "sort", "useradd u",
        "go build", "python -m pip", "x" , "-", "--", "=", "!", "\t", "  ", "seq", "-9223372036854775808",
        "99999999999999999999", "9223372036854775807", "head -c", "tail -n", "printf '%d'", "cut -f", "ls -l", "du -sh",
        "set --", "shift 5", "pwd", "exec", "read", "sed -i 's/a/b/g'", "sed '/x/d'", "sed -E 's/(a|b)+/&&/2'", "break", "continue 2",
        "grep -E '(a*)*'", "ls -R", "cd -", "${A:1:2}", "adduser --disabled-password u", "<&", ">&", "<>", ">|", "${A:?}", "${A#", "${#}", "$((1/0))", "$((x))",
    ]

    @Test func fuzzedScriptsNeverCrashOrHang() {
        var rng = SplitMix(state: 0xD0C4_E7A5_5EED)
        let tree = Fixtures.pythonSlim()
        let shell = SimulatedShell()
        var statuses: Set<Int32> = []
        for _ in 0..<20_000 {
            var script = ""
            for _ in 0..<(1 + rng.below(12)) {
                script += Self.fragments[rng.below(Self.fragments.count)]
                script += rng.below(4) == 0 ? "" : " "
            }
            let outcome = shell.run(ShellInvocation(argv: ["/bin/sh", "-c", script], environment: Fixtures.debianEnv, workingDirectory: "/"), on: tree)
            statuses.insert(outcome.exitCode)
            #expect(outcome.duration >= 0 && outcome.duration.isFinite)
        }
        // The corpus reaches success, failure, syntax errors and not-found.
        #expect(statuses.isSuperset(of: [0, 1, 2, 127]))
    }

    @Test func fuzzedInteractiveSessionsNeverCrash() {
        var rng = SplitMix(state: 7)
        var fs = Fixtures.alpine()
        var shell = InteractiveShell(environment: [:], filesystem: fs)
        for _ in 0..<2_000 {
            var line = ""
            for _ in 0..<(1 + rng.below(6)) { line += Self.fragments[rng.below(Self.fragments.count)] + " " }
            let r = shell.run(line, on: fs)
            fs = r.filesystem
            if shell.exitStatus != nil { shell = InteractiveShell(environment: [:], filesystem: fs) }
            _ = shell.prompt(on: fs)
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix(state: 42)
        let tree = Fixtures.debianBase()
        let alphabet = Array("ab$'\"\\`(){}[];|&<>#*?~=!- \n\t0123456789")
        for _ in 0..<3_000 {
            let length = rng.below(40)
            let script = String((0..<length).map { _ in alphabet[rng.below(alphabet.count)] })
            _ = Fixtures.run(script, on: tree)
        }
    }

    @Test func hugeAndDeeplyNestedInputIsBounded() {
        let tree = Fixtures.debianBase()
        let deep = String(repeating: "(", count: 5_000) + "echo x" + String(repeating: ")", count: 5_000)
        #expect(Fixtures.run(deep, on: tree).exitCode == 2)
        let subs = String(repeating: "$(echo ", count: 200) + "x" + String(repeating: ")", count: 200)
        #expect(Fixtures.run("echo " + subs, on: tree).exitCode != 0)
        let long = String(repeating: "echo a; ", count: 40_000)
        #expect(Fixtures.run(long, on: tree).exitCode == 2)
        let bomb = "f() { f | f; }; f"
        #expect(Fixtures.run(bomb, on: tree).exitCode == 2)
        let nestedParameters = "echo " + String(repeating: "${a:-", count: 5_000) + "x" + String(repeating: "}", count: 5_000)
        #expect(Fixtures.run(nestedParameters, on: tree).exitCode == 2)
        let longPath = "mkdir -p /" + Array(repeating: "d", count: 20_000).joined(separator: "/")
        #expect(Fixtures.run(longPath, on: tree).exitCode == 1)
        let deepPath = "mkdir -p /" + Array(repeating: "d", count: 2_000).joined(separator: "/")
        #expect(Fixtures.run(deepPath, on: tree).exitCode == 0)
        let longPattern = "echo abc | grep -E '" + String(repeating: "(a|", count: 3_000) + "'"
        _ = Fixtures.run(longPattern, on: tree)
        let hungryRegex = "echo " + String(repeating: "a", count: 5_000) + " | grep -E '(a*)*b'"
        #expect(Fixtures.run(hungryRegex, on: tree).exitCode == 1)
        let doubling = "a=a; while true; do a=$a$a; done"
        #expect(Fixtures.run(doubling, on: tree).exitCode == 2)
        let growingFile = "echo x > /tmp/f; while true; do cat /tmp/f /tmp/f >> /tmp/f; done"
        #expect(Fixtures.run(growingFile, on: tree).exitCode == 2)
        let loop = "for i in 1 2 3; do for j in $(seq 1 5000); do :; done; done"
        #expect(Fixtures.run(loop, on: tree).exitCode == 2)
    }
}
