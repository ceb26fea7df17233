enum InstructionParser {
    static func parseDocument(_ data: [UInt8]) throws(DockerfileError) -> DockerfileDocument {
        throw DockerfileError(message: "not yet")
    }
}
