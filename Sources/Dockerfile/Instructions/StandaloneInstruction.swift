// One node typed on its own, outside any stage: what `docker commit --change` needs. moby's
// `BuildFromConfig` parses the changes with the Dockerfile parser, vets every keyword, then
// types each node with `instructions.ParseCommand`; no FROM, no stages.

/// Types one parsed node (from `parseDockerfileNodes`) as an instruction, with the same
/// checks and error texts as in a whole Dockerfile.
public func parseInstruction(_ node: DockerfileNode, escapeToken: Character = "\\") throws(DockerfileError) -> Instruction {
    do {
        return try InstructionParser.parseInstruction(node, escapeToken: escapeToken)
    } catch {
        throw DockerfileError(message: "dockerfile parse error on line \(node.startLine): \(error.message)", line: node.startLine, reason: error.message)
    }
}
