import Engine

/// The `docker image inspect` document for one image, with Engine 28's field names and
/// order, so `InspectView` prints it and `--format '{{.Config.Cmd}}'` reads it as Docker does.
public struct ImageInspect: Equatable, Sendable, TemplateRepresentable {
    /// The image config's `config` object (OCI image config plus Docker's extensions).
    /// Empty fields are omitted from the JSON, as Engine 28 omits them.
    public struct Config: Equatable, Sendable {
        public var user: String?
        /// `8000/tcp` style keys.
        public var exposedPorts: [String]
        public var env: [String]
        public var entrypoint: [String]?
        public var cmd: [String]?
        public var volumes: [String]
        public var workingDir: String?
        public var labels: [String: String]
        public var stopSignal: String?
        public var argsEscaped: Bool
        public var onBuild: [String]
        public var shell: [String]?

        public init(user: String? = nil, exposedPorts: [String] = [], env: [String] = [], entrypoint: [String]? = nil,
                    cmd: [String]? = nil, volumes: [String] = [], workingDir: String? = nil, labels: [String: String] = [:],
                    stopSignal: String? = nil, argsEscaped: Bool = false, onBuild: [String] = [], shell: [String]? = nil) {
            self.user = user
            self.exposedPorts = exposedPorts
            self.env = env
            self.entrypoint = entrypoint
            self.cmd = cmd
            self.volumes = volumes
            self.workingDir = workingDir
            self.labels = labels
            self.stopSignal = stopSignal
            self.argsEscaped = argsEscaped
            self.onBuild = onBuild
            self.shell = shell
        }

        /// Go's `struct{}` (the value type of ExposedPorts and Volumes): `{}` in text and JSON.
        static let emptyStruct = TemplateValue.object(TemplateObject(typeName: "struct {}", fields: []))

        var templateValue: TemplateValue {
            // Every field is there for templates (Go zero values), omitted from JSON when
            // empty, as Engine 28's omitempty tags do.
            func field(_ name: String, _ value: TemplateValue) -> TemplateObject.Field {
                .init(name, value, omitsEmptyInJSON: true)
            }
            let fields: [TemplateObject.Field] = [
                field("User", .string(user ?? "")),
                field("ExposedPorts", .map(Dictionary(exposedPorts.map { ($0, Self.emptyStruct) }, uniquingKeysWith: { a, _ in a }))),
                field("Env", .strings(env)),
                field("Entrypoint", .strings(entrypoint ?? [])),
                field("Cmd", .strings(cmd ?? [])),
                field("Volumes", .map(Dictionary(volumes.map { ($0, Self.emptyStruct) }, uniquingKeysWith: { a, _ in a }))),
                field("WorkingDir", .string(workingDir ?? "")),
                field("Labels", .map(labels.mapValues { .string($0) })),
                field("StopSignal", .string(stopSignal ?? "")),
                field("ArgsEscaped", .bool(argsEscaped)),
                field("OnBuild", .strings(onBuild)),
                field("Shell", .strings(shell ?? [])),
            ]
            return .object(TemplateObject(typeName: "*v1.DockerOCIImageConfig", fields: fields))
        }
    }

    /// `sha256:<64hex>`.
    public var id: String
    public var repoTags: [String]
    public var repoDigests: [String]
    /// Parent image ID for classic-built images, else empty.
    public var parent: String
    public var comment: String
    public var created: Timestamp
    public var dockerVersion: String
    public var author: String
    public var config: Config
    public var architecture: String
    public var os: String
    public var size: Int64
    /// overlay2's `LowerDir`/`MergedDir`/`UpperDir`/`WorkDir` paths.
    public var graphDriverData: [String: String]
    /// `sha256:` diff IDs, bottom layer first.
    public var layers: [String]
    /// When the image was last tagged; nil prints Go's zero time.
    public var lastTagTime: Timestamp?

    public init(id: String, repoTags: [String], repoDigests: [String] = [], parent: String = "", comment: String = "",
                created: Timestamp, dockerVersion: String = "", author: String = "", config: Config,
                architecture: String = "amd64", os: String = "linux", size: Int64, graphDriverData: [String: String] = [:],
                layers: [String], lastTagTime: Timestamp? = nil) {
        self.id = id
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.parent = parent
        self.comment = comment
        self.created = created
        self.dockerVersion = dockerVersion
        self.author = author
        self.config = config
        self.architecture = architecture
        self.os = os
        self.size = size
        self.graphDriverData = graphDriverData
        self.layers = layers
        self.lastTagTime = lastTagTime
    }

    /// The value `InspectView` prints and templates read.
    public var templateValue: TemplateValue {
        .object(TemplateObject(typeName: "image.InspectResponse", fields: [
            .init("Id", .string(id)),
            .init("RepoTags", .strings(repoTags)),
            .init("RepoDigests", .strings(repoDigests)),
            .init("Parent", .string(parent)),
            .init("Comment", .string(comment)),
            .init("Created", .string(RFC3339.formatNano(created))),
            .init("DockerVersion", .string(dockerVersion)),
            .init("Author", .string(author)),
            .init("Config", config.templateValue),
            .init("Architecture", .string(architecture)),
            .init("Os", .string(os)),
            .init("Size", .int(size)),
            .init("GraphDriver", .object(TemplateObject(typeName: "storage.DriverData", fields: [
                .init("Data", graphDriverData.isEmpty ? .null : .map(graphDriverData.mapValues { .string($0) })),
                .init("Name", .string("overlay2")),
            ]))),
            .init("RootFS", .object(TemplateObject(typeName: "image.RootFS", fields: [
                .init("Type", .string("layers")),
                .init("Layers", .strings(layers)),
            ]))),
            .init("Metadata", .object(TemplateObject(typeName: "image.Metadata", fields: [
                .init("LastTagTime", .string(lastTagTime.map { RFC3339.formatNano($0) } ?? "0001-01-01T00:00:00Z")),
            ]))),
        ]))
    }
}
