/// Splits a command line into words as a POSIX shell would for simple input: whitespace
/// separates words; single quotes keep everything literal; double quotes keep spaces and
/// let a backslash escape `"`, `\`, `$` and `` ` ``; a bare backslash escapes the next
/// character. No expansion of any kind happens.
public enum ShellWords {
    public enum Error: Swift.Error, Equatable, Sendable {
        case unterminatedQuote
    }

    public static func split(_ line: String) throws(Error) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                guard let end = chars.firstIndex(of: "'") else { throw .unterminatedQuote }
                current += String(chars[chars.startIndex..<end])
                chars = chars[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "\\", let next = chars.first, "\"\\$`".contains(next) {
                        current.append(next)
                        chars = chars.dropFirst()
                    } else {
                        current.append(d)
                    }
                }
                if !closed { throw .unterminatedQuote }
            case "\\":
                inWord = true
                if let next = chars.popFirst(), next != "\n" { current.append(next) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
