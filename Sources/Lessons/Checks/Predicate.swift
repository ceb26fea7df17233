import Foundation

/// A goal over the simulator's state (never over the commands typed). The grammar is in
/// lessons/README.md; `PredicateParser` reads one line of a `check` block into this.
public indirect enum Predicate: Hashable, Sendable {
    case not(Predicate)
    case imageExists(String)
    case imageLayers(String, Comparison, Int)
    /// Compares two images' layer counts.
    case imageLayersVersus(String, Comparison, String)
    /// Both images have exactly the same filesystem layers (diff IDs), whatever their configs.
    case imageSameLayers(String, String)
    case imageSize(String, Comparison, Int64)
    case imageSizeBetween(String, Int64, Int64)
    /// Compares two images' sizes.
    case imageSizeVersus(String, Comparison, String)
    case imageConfig(String, ConfigField, ConfigTest)
    case imageHistoryContains(String, String)
    case imageHasFile(String, path: String)
    /// Both references name the same image (same image ID).
    case imageSameAs(String, String)
    case lastBuildSucceeded(Bool)
    case lastBuildBuilder(Builder)
    case lastBuildSteps(StepOutcome, StepSelector)
    /// A step of the last build ran with a cache mount at this path that already held files
    /// from an earlier build.
    case lastBuildWarmCacheMount(String)
    case fileExists(String)
    case fileContains(String, String)
    case fileEquals(String, String)
    /// `first` occurs in the file, and before `second`.
    case fileOrder(String, first: String, second: String)
    case registryHas(registry: String, repository: String, tag: String)
    /// The registry's image for repository:tag has the same image ID as a local image.
    case registrySameAs(registry: String, repository: String, tag: String, local: String)
    case loggedIn(String)
    case danglingImages(Comparison, Int)
    case container(ContainerSelector, ContainerTest)

    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
            switch self {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        }
    }

    /// Image config fields a check can look at, spelled as in `docker image inspect`.
    public enum ConfigField: String, Hashable, Sendable, CaseIterable {
        case cmd = "Cmd", entrypoint = "Entrypoint", workingDir = "WorkingDir", env = "Env"
        case exposedPorts = "ExposedPorts", user = "User", labels = "Labels"
        var isList: Bool { self != .workingDir && self != .user }
    }

    public enum ConfigTest: Hashable, Sendable {
        case equals(ConfigValue)
        case notEquals(ConfigValue)
        /// List fields: an element (Env/Labels: `KEY=VALUE`, or just `KEY`); text fields: a substring.
        case contains(String)
        case isEmpty
    }

    public enum ConfigValue: Hashable, Sendable {
        case text(String)
        case list([String])
    }

    public enum Builder: String, Hashable, Sendable { case buildkit, classic }
    public enum StepOutcome: String, Hashable, Sendable { case reused, rebuilt }

    public enum StepSelector: Hashable, Sendable {
        case all
        /// 1-based step numbers as the build printed them.
        case numbers([Int])
        /// Steps whose instruction text contains this (whitespace-insensitive).
        case instruction(String)
    }

    public enum ContainerSelector: Hashable, Sendable {
        case named(String)
        /// Any container created from this image.
        case from(String)
    }

    public enum ContainerTest: Hashable, Sendable {
        case exists, running
        /// Exited, with this code when given.
        case exited(Int32?)
        case commandContains(String)
        case logsContain(String)
    }
}

/// A check line that is not in the predicate language.
public struct PredicateSyntaxError: Error, Hashable, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}

/// Parses one `check` line. Tokens are bare words, "double-quoted strings" (with \" \\ \n
/// escapes) and JSON-style lists of strings (`["flask", "run"]`).
public enum PredicateParser {
    static let subjects = ["image", "last-build", "file", "registry", "logged-in", "dangling-images", "container", "not"]

    /// The predicate and the author's `else "..."` message, if any.
    public static func parseLine(_ line: String) throws(PredicateSyntaxError) -> (Predicate, String?) {
        var tokens = try tokenize(line)
        var message: String?
        if tokens.count >= 2, case .word("else") = tokens[tokens.count - 2] {
            guard case .string(let text) = tokens[tokens.count - 1] else {
                throw PredicateSyntaxError("'else' is followed by the failure message in double quotes")
            }
            message = text
            tokens.removeLast(2)
        }
        var stream = TokenStream(tokens: tokens)
        let predicate = try parsePredicate(&stream)
        if let extra = stream.peek {
            throw PredicateSyntaxError("unexpected '\(extra.text)' at the end of the check")
        }
        return (predicate, message)
    }

    /// The predicate alone (an `else` message is accepted and dropped).
    public static func parse(_ line: String) throws(PredicateSyntaxError) -> Predicate {
        try parseLine(line).0
    }

    static func parsePredicate(_ s: inout TokenStream) throws(PredicateSyntaxError) -> Predicate {
        let subject = try s.word("a check such as 'image hello:1 exists'")
        switch subject {
        case "not":
            return .not(try parsePredicate(&s))
        case "image":
            let ref = try s.word("an image reference after 'image'")
            return try parseImage(ref, &s)
        case "last-build":
            let what = try s.word("succeeded, failed, builder, reused, rebuilt or warm-cache-mount after 'last-build'")
            switch what {
            case "succeeded": return .lastBuildSucceeded(true)
            case "failed": return .lastBuildSucceeded(false)
            case "builder":
                let name = try s.word("buildkit or classic")
                guard let builder = Predicate.Builder(rawValue: name) else {
                    throw PredicateSyntaxError("unknown builder '\(name)': use buildkit or classic")
                }
                return .lastBuildBuilder(builder)
            case "reused", "rebuilt":
                let outcome = Predicate.StepOutcome(rawValue: what) ?? .reused
                return .lastBuildSteps(outcome, try parseSelector(&s))
            case "warm-cache-mount":
                return .lastBuildWarmCacheMount(try s.word("the cache mount's target path (e.g. /root/.cache/pip)"))
            default:
                throw PredicateSyntaxError(unknown(what, "after 'last-build'", ["succeeded", "failed", "builder", "reused", "rebuilt", "warm-cache-mount"]))
            }
        case "file":
            let path = try s.word("a workspace path after 'file'")
            let what = try s.word("exists, contains, equals or has after the path")
            switch what {
            case "exists": return .fileExists(path)
            case "contains": return .fileContains(path, try s.text("the text to look for"))
            case "equals": return .fileEquals(path, try s.text("the expected content"))
            case "has":
                let first = try s.text("the text that comes first")
                try s.expect("before")
                return .fileOrder(path, first: first, second: try s.text("the text that comes later"))
            default:
                throw PredicateSyntaxError(unknown(what, "after 'file \(path)'", ["exists", "contains", "equals", "has"]))
            }
        case "registry":
            let host = try s.word("a registry host after 'registry' (e.g. localhost:5000)")
            try s.expect("has")
            let target = try s.word("REPOSITORY:TAG after 'has'")
            let (repository, tag) = splitRepositoryTag(target)
            if s.peek?.text == "same-as" {
                _ = s.next()
                let local = try s.word("a local image reference after 'same-as'")
                return .registrySameAs(registry: host, repository: repository, tag: tag, local: local)
            }
            return .registryHas(registry: host, repository: repository, tag: tag)
        case "logged-in":
            return .loggedIn(try s.word("a registry host after 'logged-in'"))
        case "dangling-images":
            let comparison = try parseComparison(&s)
            return .danglingImages(comparison, try parseInt(&s))
        case "container":
            var selector = Predicate.ContainerSelector.named(try s.word("a container name, or 'from IMAGE'"))
            if selector == .named("from"), let ref = s.peek, ref.isWord, ref.text != "exists" {
                _ = s.next()
                selector = .from(ref.text)
            }
            let what = try s.word("exists, running, exited, command or logs")
            switch what {
            case "exists": return .container(selector, .exists)
            case "running": return .container(selector, .running)
            case "exited":
                if let code = s.peek, code.isWord, let value = Int32(code.text) {
                    _ = s.next()
                    return .container(selector, .exited(value))
                }
                return .container(selector, .exited(nil))
            case "command":
                try s.expect("contains")
                return .container(selector, .commandContains(try s.text("the text to look for")))
            case "logs":
                try s.expect("contain")
                return .container(selector, .logsContain(try s.text("the text to look for")))
            default:
                throw PredicateSyntaxError(unknown(what, "after the container", ["exists", "running", "exited", "command", "logs"]))
            }
        default:
            throw PredicateSyntaxError(unknown(subject, "", subjects).replacingOccurrences(of: "unknown word", with: "unknown predicate"))
        }
    }

    static func parseImage(_ ref: String, _ s: inout TokenStream) throws(PredicateSyntaxError) -> Predicate {
        let what = try s.word("exists, layers, size, config.FIELD, history, has-file, same-as or same-layers-as after the image")
        switch what {
        case "exists": return .imageExists(ref)
        case "layers":
            let comparison = try parseComparison(&s)
            if s.peek == .word("image") {
                _ = s.next()
                return .imageLayersVersus(ref, comparison, try s.word("an image reference after 'image'"))
            }
            return .imageLayers(ref, comparison, try parseInt(&s))
        case "same-layers-as":
            return .imageSameLayers(ref, try s.word("another image reference"))
        case "size":
            if s.peek?.text == "between" {
                _ = s.next()
                let low = try parseSize(&s)
                try s.expect("and")
                let high = try parseSize(&s)
                guard low <= high else { throw PredicateSyntaxError("the size range is empty: the first size must be the smaller") }
                return .imageSizeBetween(ref, low, high)
            }
            let comparison = try parseComparison(&s)
            if s.peek == .word("image") {
                _ = s.next()
                return .imageSizeVersus(ref, comparison, try s.word("an image reference after 'image'"))
            }
            return .imageSize(ref, comparison, try parseSize(&s))
        case "history":
            try s.expect("contains")
            return .imageHistoryContains(ref, try s.text("the text to look for"))
        case "has-file":
            return .imageHasFile(ref, path: try s.word("an absolute path inside the image"))
        case "same-as":
            return .imageSameAs(ref, try s.word("another image reference"))
        default:
            if what.hasPrefix("config.") {
                let name = String(what.dropFirst("config.".count))
                guard let field = Predicate.ConfigField(rawValue: name) else {
                    let names = Predicate.ConfigField.allCases.map(\.rawValue)
                    let hint = closest(name, in: names).map { " (did you mean config.\($0)?)" } ?? ""
                    throw PredicateSyntaxError("unknown config field '\(name)'\(hint); known: \(names.joined(separator: ", "))")
                }
                return .imageConfig(ref, field, try parseConfigTest(field, &s))
            }
            throw PredicateSyntaxError(unknown(what, "after 'image \(ref)'", ["exists", "layers", "size", "history", "has-file", "same-as", "same-layers-as", "config.Cmd"]))
        }
    }

    static func parseConfigTest(_ field: Predicate.ConfigField, _ s: inout TokenStream) throws(PredicateSyntaxError) -> Predicate.ConfigTest {
        let op = try s.word("==, !=, contains or 'is empty'")
        switch op {
        case "==", "!=":
            guard let token = s.next() else { throw PredicateSyntaxError("expected a value after \(op)") }
            let value: Predicate.ConfigValue
            switch (token, field.isList) {
            case (.list(let items), true): value = .list(items)
            case (.list, false): throw PredicateSyntaxError("config.\(field.rawValue) is text, not a list: compare it with a word or \"text\"")
            case (_, true):
                if field == .labels { throw PredicateSyntaxError("compare config.Labels with 'contains KEY=VALUE'") }
                throw PredicateSyntaxError("config.\(field.rawValue) is a list: write it as [\"a\", \"b\"]")
            case (_, false): value = .text(token.text)
            }
            return op == "==" ? .equals(value) : .notEquals(value)
        case "contains":
            return .contains(try s.text("the element or text to look for"))
        case "is":
            try s.expect("empty")
            return .isEmpty
        default:
            throw PredicateSyntaxError("unknown comparison '\(op)' for config.\(field.rawValue): use ==, !=, contains or 'is empty'")
        }
    }

    static func parseSelector(_ s: inout TokenStream) throws(PredicateSyntaxError) -> Predicate.StepSelector {
        guard let token = s.next() else {
            throw PredicateSyntaxError("expected steps: numbers like 1-2,4, \"INSTRUCTION TEXT\", or all")
        }
        if case .string(let text) = token { return .instruction(text) }
        if token.text == "all" { return .all }
        var numbers: [Int] = []
        for part in token.text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds[bounds.count - 1]),
                  low >= 1, low <= high, high - low < 1000 else {
                throw PredicateSyntaxError("'\(token.text)' is not a list of step numbers (e.g. 3 or 1-2,4); quote instruction text: \"COPY . .\"")
            }
            numbers += Array(low...high)
        }
        return .numbers(numbers)
    }

    static func parseComparison(_ s: inout TokenStream) throws(PredicateSyntaxError) -> Predicate.Comparison {
        let op = try s.word("a comparison (==, !=, <, <=, >, >=)")
        guard let comparison = Predicate.Comparison(rawValue: op) else {
            throw PredicateSyntaxError("unknown comparison '\(op)': use ==, !=, <, <=, > or >=")
        }
        return comparison
    }

    static func parseInt(_ s: inout TokenStream) throws(PredicateSyntaxError) -> Int {
        let word = try s.word("a number")
        guard let value = Int(word), value >= 0 else { throw PredicateSyntaxError("'\(word)' is not a whole number") }
        return value
    }

    /// Sizes as `docker images` prints them: decimal units (1kB = 1000 B), e.g. 150MB, 1.5GB, 0B.
    static func parseSize(_ s: inout TokenStream) throws(PredicateSyntaxError) -> Int64 {
        let word = try s.word("a size such as 150MB")
        let units: [(String, Double)] = [("GB", 1e9), ("MB", 1e6), ("kB", 1e3), ("KB", 1e3), ("B", 1)]
        for (unit, factor) in units where word.hasSuffix(unit) {
            if let number = Double(word.dropLast(unit.count)), number >= 0, number * factor < 1e18 {
                return Int64((number * factor).rounded())
            }
            break
        }
        throw PredicateSyntaxError("'\(word)' is not a size: write a number and a unit, e.g. 12kB, 150MB, 1.2GB")
    }

    static func splitRepositoryTag(_ text: String) -> (String, String) {
        let afterSlash = text.lastIndex(of: "/").map { text.index(after: $0) } ?? text.startIndex
        if let colon = text[afterSlash...].lastIndex(of: ":") {
            return (String(text[..<colon]), String(text[text.index(after: colon)...]))
        }
        return (text, "latest")
    }

    static func unknown(_ word: String, _ place: String, _ known: [String]) -> String {
        let hint = closest(word, in: known).map { " (did you mean \($0)?)" } ?? ""
        let suffix = place.isEmpty ? "" : " \(place)"
        return "unknown word '\(word)'\(suffix)\(hint)"
    }

    static func tokenize(_ line: String) throws(PredicateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var chars = Array(line)[...]
        while let c = chars.first {
            if c == " " || c == "\t" { chars = chars.dropFirst(); continue }
            if c == "\"" {
                chars = chars.dropFirst()
                tokens.append(.string(try readString(&chars)))
            } else if c == "[" {
                chars = chars.dropFirst()
                var items: [String] = []
                var expectItem = true
                var closed = false
                while let d = chars.first {
                    if d == " " || d == "\t" { chars = chars.dropFirst(); continue }
                    if d == "]" { chars = chars.dropFirst(); closed = true; break }
                    if d == "," && !expectItem { chars = chars.dropFirst(); expectItem = true; continue }
                    guard d == "\"", expectItem else { throw PredicateSyntaxError("a list is written [\"a\", \"b\"], with double-quoted items") }
                    chars = chars.dropFirst()
                    items.append(try readString(&chars))
                    expectItem = false
                }
                guard closed else { throw PredicateSyntaxError("the list is missing its closing ]") }
                if expectItem && !items.isEmpty { throw PredicateSyntaxError("a list cannot end with a comma") }
                tokens.append(.list(items))
            } else {
                let word = chars.prefix(while: { $0 != " " && $0 != "\t" })
                chars = chars.dropFirst(word.count)
                tokens.append(.word(String(word)))
            }
        }
        return tokens
    }

    static func readString(_ chars: inout ArraySlice<Character>) throws(PredicateSyntaxError) -> String {
        var text = ""
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case "\"": return text
            case "\\":
                guard let e = chars.first else { break }
                chars = chars.dropFirst()
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                default: text.append(e)
                }
            default: text.append(c)
            }
        }
        throw PredicateSyntaxError("a quoted text is missing its closing \"")
    }
}

enum Token: Hashable {
    case word(String), string(String), list([String])
    var text: String {
        switch self {
        case .word(let w), .string(let w): return w
        case .list(let items): return "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }
    var isWord: Bool { if case .word = self { return true } else { return false } }
}

struct TokenStream {
    var tokens: [Token]
    var index = 0
    var peek: Token? { index < tokens.count ? tokens[index] : nil }
    mutating func next() -> Token? {
        defer { index += 1 }
        return peek
    }
    /// A bare word (quoted text is accepted too, for paths or names with spaces).
    mutating func word(_ expected: String) throws(PredicateSyntaxError) -> String {
        guard let token = next() else { throw PredicateSyntaxError("expected \(expected)") }
        if case .list = token { throw PredicateSyntaxError("expected \(expected), not a list") }
        return token.text
    }
    /// Text: a quoted string or the rest of the line's bare words joined by spaces.
    mutating func text(_ expected: String) throws(PredicateSyntaxError) -> String {
        guard let token = next() else { throw PredicateSyntaxError("expected \(expected)") }
        switch token {
        case .string(let text): return text
        case .list: throw PredicateSyntaxError("expected \(expected), not a list")
        case .word(let first):
            var words = [first]
            while let more = peek, case .word(let w) = more, !["before", "else"].contains(w) {
                words.append(w)
                index += 1
            }
            return words.joined(separator: " ")
        }
    }
    mutating func expect(_ word: String) throws(PredicateSyntaxError) {
        guard let token = next() else { throw PredicateSyntaxError("expected '\(word)'") }
        guard token == .word(word) else { throw PredicateSyntaxError("expected '\(word)', found '\(token.text)'") }
    }
}
