/// Failures of registry operations, worded as Docker words them. `description` is the text
/// after any `Error response from daemon: ` prefix; `fromDaemon` says whether the CLI adds
/// that prefix (errors arriving in a push's progress stream are printed bare).
public enum RegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Docker Hub: unknown (or private) repository.
    case pullAccessDenied(repository: String)
    /// Unknown tag or digest (or, on a plain registry, an unknown repository).
    case manifestUnknown(reference: String)
    /// `docker push` of a repository with no local tags.
    case noLocalImage(repository: String)
    /// `docker push repo:tag` where that tag is not local.
    case tagDoesNotExist(reference: String)
    /// Push not allowed (not logged in, another namespace, `library/`).
    case pushDenied
    /// Login with a wrong password (or a name Docker Hub would not accept).
    case unauthorized(url: String)
    /// A login server that is not a registry host (`docker login foo`).
    case noSuchHost(url: String, host: String)

    public var description: String {
        switch self {
        case .pullAccessDenied(let repo):
            return "pull access denied for \(repo), repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
        case .manifestUnknown(let ref): return "manifest for \(ref) not found: manifest unknown: manifest unknown"
        case .noLocalImage(let repo): return "An image does not exist locally with the tag: \(repo)"
        case .tagDoesNotExist(let ref): return "tag does not exist: \(ref)"
        case .pushDenied: return "denied: requested access to the resource is denied"
        case .unauthorized(let url): return "Get \"\(url)\": unauthorized: incorrect username or password"
        case .noSuchHost(let url, let host): return "Get \"\(url)\": dial tcp: lookup \(host): no such host"
        }
    }

    /// Whether the CLI prints it after `Error response from daemon: `.
    public var fromDaemon: Bool {
        switch self {
        case .pullAccessDenied, .manifestUnknown, .unauthorized, .noSuchHost: return true
        case .noLocalImage, .tagDoesNotExist, .pushDenied: return false
        }
    }
}
