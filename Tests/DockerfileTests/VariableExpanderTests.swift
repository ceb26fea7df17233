import Dockerfile
import Testing

private let env = ["a": "hello", "empty": "", "path": "/usr/local/bin", "file": "archive.tar.gz", "sp": "x y"]
private let expander = VariableExpander()

private func expand(_ s: String) throws -> String {
    try expander.expand(s, environment: env)
}

private func failure(_ s: String) -> DockerfileError? {
    do {
        _ = try expander.expand(s, environment: env)
        return nil
    } catch {
        return error
    }
}

@Suite("variable expansion (BuildKit shell/lex.go)")
struct VariableExpanderTests {
    @Test(arguments: [
        ("$a", "hello"), ("${a}", "hello"), ("x$a-y", "xhello-y"), ("$unset", ""), ("${unset}", ""),
        ("$", "$"), ("$ a", "$ a"), ("${a}${a}", "hellohello"), ("$a_b", ""), ("${a}_b", "hello_b"),
    ])
    func plain(_ input: String, _ want: String) throws {
        #expect(try expand(input) == want)
    }

    @Test(arguments: [
        ("${unset:-w}", "w"), ("${empty:-w}", "w"), ("${a:-w}", "hello"),
        ("${unset-w}", "w"), ("${empty-w}", ""), ("${a-w}", "hello"),
        ("${unset:+w}", ""), ("${empty:+w}", ""), ("${a:+w}", "w"),
        ("${unset+w}", ""), ("${empty+w}", "w"), ("${a+w}", "w"),
        ("${empty?}", ""), ("${a:?}", "hello"), ("${a?m}", "hello"),
        ("${unset:-$a}", "hello"), ("${unset:-${empty:-deep}}", "deep"), ("${unset:-a b}", "a b"),
    ])
    func defaultsAndAlternatives(_ input: String, _ want: String) throws {
        #expect(try expand(input) == want)
    }

    @Test(arguments: [
        ("${path#*/}", "usr/local/bin"), ("${path##*/}", "bin"), ("${path%/*}", "/usr/local"), ("${path%%/*}", ""),
        ("${file%.*}", "archive.tar"), ("${file%%.*}", "archive"), ("${file#*.}", "tar.gz"), ("${file##*.}", "gz"),
        ("${file#nomatch}", "archive.tar.gz"), ("${file#a?c}", "hive.tar.gz"), ("${unset#x}", ""),
        ("${path/local/opt}", "/usr/opt/bin"), ("${path//\\//:}", ":usr:local:bin"), ("${file/a/A}", "Archive.tar.gz"),
        ("${file//a/A}", "Archive.tAr.gz"), ("${file/#nothing/x}", "archive.tar.gz"), ("${file/*./}", "gz"),
        ("${file%\\*}", "archive.tar.gz"),
    ])
    func patterns(_ input: String, _ want: String) throws {
        #expect(try expand(input) == want)
    }

    @Test(arguments: [
        ("\\$a", "$a"), ("'$a'", "$a"), ("\"$a\"", "hello"), ("\"a\\\"b\"", "a\"b"), ("'a\\b'", "a\\b"),
        ("\"a\\b\"", "a\\b"), ("\"\\$a\"", "$a"), ("a\\ b", "a b"), ("\"'$a'\"", "'hello'"), ("'\"$a\"'", "\"$a\""),
        ("a\\", "a"), ("\"x\\\\y\"", "x\\y"),
    ])
    func quotesAndEscapes(_ input: String, _ want: String) throws {
        #expect(try expand(input) == want)
    }

    @Test func patternPreferences() throws {
        let e = ["x": "a/b/c", "nl": "a\nb", "rep": "aaa"]
        func x(_ s: String) throws -> String { try expander.expand(s, environment: e) }
        #expect(try x("${x#*/*/}") == "c")
        #expect(try x("${x%/*/*}") == "a")
        #expect(try x("${x/?/Z}") == "Z/b/c")
        #expect(try x("${x//?/Z}") == "ZZZZZ")
        #expect(try x("${x/[/Z}") == "a/b/c")
        #expect(try x("${rep//a*/b}") == "b")
        #expect(try x("${rep//*/b}") == "b")
        // As in Go's regexp, a wildcard never matches a newline.
        #expect(try x("${nl##*}") == "\nb")
        #expect(try x("${nl%%*}") == "a\n")
    }

    @Test func backtickEscape() throws {
        let windows = VariableExpander(escapeCharacter: "`")
        #expect(try windows.expand("`$a c:\\dir", environment: env) == "$a c:\\dir")
        #expect(try windows.expand("\"`\"$a\"", environment: env) == "\"hello")
    }

    @Test(arguments: [
        ("${unset:?custom message}", "unset: custom message"),
        ("${unset?}", "unset: is not allowed to be unset"),
        ("${unset:?}", "unset: is not allowed to be unset"),
        ("${empty:?}", "empty: is not allowed to be empty"),
        ("${a:x}", "unsupported modifier (:x) in substitution"),
        ("${a=b}", "unsupported modifier (=) in substitution"),
        ("${a:-b", "syntax error: missing '}'"),
        ("${", "syntax error: missing '}'"),
        ("${}", "syntax error: bad substitution"),
        ("${:a}", "syntax error: bad substitution"),
        ("'open", "unexpected end of statement while looking for matching single-quote"),
        ("\"open", "unexpected end of statement while looking for matching double-quote"),
        ("${path/a", "syntax error: missing '/' in ${}"),
        ("${file#\\x}", "invalid pattern (\\x) in substitution: invalid escape '\\x'"),
    ])
    func errors(_ input: String, _ reason: String) throws {
        let e = try #require(failure(input))
        #expect(e.reason == reason)
        #expect(e.message.hasPrefix("failed to process "))
        #expect(e.message.hasSuffix(reason))
    }

    @Test func words() throws {
        #expect(try expander.expandWords("a \"b c\" $a '$a' $sp", environment: env) == ["a", "b c", "hello", "$a", "x", "y"])
        #expect(try expander.expandWords("  8080/tcp   ${PORT:-80} ", environment: [:]) == ["8080/tcp", "80"])
        #expect(try expander.expandWords("", environment: env) == [])
    }

    @Test func reportsUsage() throws {
        let r = try expander.expandReportingUsage("$a/${unset:-x}/${a}/$empty", environment: env)
        #expect(r.value == "hello/x/hello/")
        #expect(r.usedVariables == ["a", "empty"])
        #expect(r.unsetVariables == ["unset"])
    }
}
