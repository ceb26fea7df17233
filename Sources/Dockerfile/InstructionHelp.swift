/// Short help for each Dockerfile instruction, shown by the REPL's `help dockerfile` and
/// `help FROM`. (Placeholder: the parser work fills in the texts.)
public enum InstructionHelp {
    /// Two or three lines on one instruction (keyword in any case), or nil if unknown.
    public static func text(for keyword: String) -> String? { nil }
    /// An overview of all instructions, one line each.
    public static var overview: String { "" }
}
