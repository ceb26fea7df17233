/// Checks one physical line of raw input before it reaches the assembler, so garbage gets a
/// clear error instead of being misread.
public enum InputLine {
    /// Longest accepted physical line, in bytes.
    public static let maximumBytes = 1 << 20

    public enum Problem: Error, Equatable, Sendable {
        case tooLong(bytes: Int)
        case invalidUTF8
        case controlCharacter(UInt8)

        public var message: String {
            switch self {
            case .tooLong(let n):
                return "input line too long (\(n) bytes; the limit is \(InputLine.maximumBytes)); line ignored"
            case .invalidUTF8:
                return "input is not valid UTF-8; line ignored"
            case .controlCharacter(let byte):
                let hex = String(byte, radix: 16, uppercase: true)
                return "input contains binary data (control character 0x\(hex.count == 1 ? "0" + hex : hex)); line ignored"
            }
        }
    }

    /// Decodes a line (without its newline; a trailing CR is dropped).
    public static func decode<C: BidirectionalCollection>(_ bytes: C) -> Result<String, Problem> where C.Element == UInt8 {
        var count = bytes.count
        if let last = bytes.last, last == 13 { count -= 1 }
        if count > maximumBytes { return .failure(.tooLong(bytes: count)) }
        let body = bytes.prefix(count)
        for byte in body where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
            return .failure(.controlCharacter(byte))
        }
        var string = ""
        var iterator = body.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break decoding
            case .error: return .failure(.invalidUTF8)
            }
        }
        string.unicodeScalars = scalars
        return .success(string)
    }

    /// Splits raw input into physical lines (on LF). A final line without LF counts.
    public static func split(_ data: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines = data.split(separator: 10, omittingEmptySubsequences: false)
        if let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }
}
