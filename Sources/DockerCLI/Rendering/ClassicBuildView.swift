/// Output of the legacy builder (`DOCKER_BUILDKIT=0 docker build`), step by step.
public struct ClassicBuildView: Equatable, Sendable {
    /// Something that happened during a step, in order.
    public enum Event: Equatable, Sendable {
        /// ` ---> Using cache`
        case usingCache
        /// ` ---> Running in <12hex>`
        case runningIn(containerID: String)
        /// Command output, printed unprefixed (may hold several lines).
        case output(String)
        /// ` ---> Removed intermediate container <12hex>`
        case removedIntermediateContainer(String)
        /// ` ---> <12hex>`: the step's resulting image (the base image for FROM).
        case result(imageID: String)
        /// Pull progress printed while FROM fetches a missing base image (already rendered).
        case pull(String)
        /// `# Executing N build trigger(s)`
        case executingTriggers(Int)
    }

    /// `Step N/M : <instruction text>` and what followed it.
    public struct Step: Equatable, Sendable {
        public var number: Int
        public var total: Int
        /// The instruction as written (continuations joined, variables not expanded).
        public var instruction: String
        public var events: [Event]
        public init(number: Int, total: Int, instruction: String, events: [Event]) {
            self.number = number
            self.total = total
            self.instruction = instruction
            self.events = events
        }
    }

    /// Bytes of build context sent.
    public var contextSize: Int64
    public var steps: [Step]
    /// Final image ID (any form; printed as 12 hex) when the build succeeded.
    public var builtImageID: String?
    /// Familiar names from `-t`, in order.
    public var taggedNames: [String]
    /// `--build-arg` names no ARG consumed.
    public var unconsumedBuildArgs: [String]
    /// The failure text, e.g. `The command '/bin/sh -c false' returned a non-zero code: 1`.
    public var failure: String?
    /// Exit status on failure (the RUN's exit code, as the CLI exits with it).
    public var failureStatus: Int32 = 1

    public init(contextSize: Int64, steps: [Step], builtImageID: String? = nil, taggedNames: [String] = [],
                unconsumedBuildArgs: [String] = [], failure: String? = nil) {
        self.contextSize = contextSize
        self.steps = steps
        self.builtImageID = builtImageID
        self.taggedNames = taggedNames
        self.unconsumedBuildArgs = unconsumedBuildArgs
        self.failure = failure
    }

    /// The deprecation banner docker/cli 23+ prints on stderr before a legacy build.
    public static let deprecationNotice = """
        DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
                    BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0
                    environment-variable.


        """

    /// `Sending build context to Docker daemon  2.048kB` (size right-aligned in 8 columns
    /// after one space).
    public static func sendingContextLine(_ bytes: Int64) -> String {
        "Sending build context to Docker daemon " + GoFormat.padLeft(Units.humanSize(bytes), 8)
    }

    public func render() -> CommandResult {
        var out = Self.sendingContextLine(contextSize) + "\n"
        for step in steps {
            out += "Step \(step.number)/\(step.total) : \(step.instruction)\n"
            for event in step.events {
                switch event {
                case .usingCache: out += " ---> Using cache\n"
                case .runningIn(let id): out += " ---> Running in \(Formatted.truncateID(id))\n"
                case .output(let text), .pull(let text):
                    out += text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
                case .removedIntermediateContainer(let id): out += " ---> Removed intermediate container \(Formatted.truncateID(id))\n"
                case .result(let id): out += " ---> \(Formatted.truncateID(id))\n"
                case .executingTriggers(let n): out += "# Executing \(n) build trigger\(n == 1 ? "" : "s")\n"
                }
            }
        }
        if !unconsumedBuildArgs.isEmpty {
            out += "[Warning] One or more build-args [\(unconsumedBuildArgs.sorted().joined(separator: " "))] were not consumed\n"
        }
        // The banner comes before the build's output; a failure after it.
        let bannerFirst = [CommandResult.StreamMark(toStderr: true, end: Self.deprecationNotice.utf8.count)]
        if let failure {
            var result = CommandResult(stdout: out, stderr: Self.deprecationNotice + failure + "\n", exitStatus: failureStatus)
            result.marks = bannerFirst
            return result
        }
        if let id = builtImageID {
            out += "Successfully built \(Formatted.truncateID(id))\n"
            for name in taggedNames { out += "Successfully tagged \(name)\n" }
        }
        var result = CommandResult(stdout: out, stderr: Self.deprecationNotice)
        result.marks = bannerFirst
        return result
    }
}

/// `docker build -q`: only the new image's full ID.
public enum QuietBuildView {
    public static func render(imageID: String) -> CommandResult {
        .ok((imageID.hasPrefix("sha256:") ? imageID : "sha256:" + imageID) + "\n")
    }
}
