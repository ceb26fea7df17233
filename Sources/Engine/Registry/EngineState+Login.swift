import ImageReference

/// What a successful `docker login` did besides logging in.
public struct LoginReport: Hashable, Sendable {
    public let host: String
    public let username: String
    /// First login with this name on a simulated registry: the account was just created.
    public let createdAccount: Bool
    /// The registry did not exist before (a host named for the first time).
    public let createdRegistry: Bool
}

extension EngineState {
    /// The registry host a `docker login`/`logout` server argument names: nil or `docker.io`
    /// (or Docker Hub's other spellings) is Docker Hub; a URL is cut to its host.
    public static func registryHost(forServer server: String?) -> String {
        guard var s = server, !s.isEmpty else { return Reference.defaultDomain }
        for scheme in ["https://", "http://"] where s.hasPrefix(scheme) { s = String(s.dropFirst(scheme.count)) }
        if let slash = s.firstIndex(of: "/") { s = String(s[..<slash]) }
        switch s {
        case "docker.io", "index.docker.io", "registry-1.docker.io", "": return Reference.defaultDomain
        default: return s
        }
    }

    /// Whether a host could be a registry at all: Docker treats a first path component as a
    /// host only when it has a `.` or `:` or is `localhost`, so other names never reach it.
    public static func looksLikeRegistryHost(_ host: String) -> Bool {
        host == Reference.defaultDomain || host == "localhost" || host.contains(".") || host.contains(":")
    }

    /// `docker login HOST -u USER -p PASS`: checks the password, or creates the account on
    /// first use (a simulated registry has no sign-up page), then stores the credentials.
    public mutating func login(host: String, username: String, password: String) throws(RegistryError) -> LoginReport {
        guard Self.looksLikeRegistryHost(host) else {
            throw .noSuchHost(url: "https://\(host)/v2/", host: host.split(separator: ":").first.map(String.init) ?? host)
        }
        let createdRegistry = registries.ensureRegistry(host)
        guard let registry = registries.registries[host] else { throw .unauthorized(url: "https://\(host)/v2/") }
        var created = false
        if let account = registry.accounts[username] {
            guard account.accepts(password) else { throw .unauthorized(url: registry.loginProbeURL) }
        } else {
            guard Self.isAcceptableUsername(username, dockerHub: registry.isDockerHub), !password.isEmpty else {
                throw .unauthorized(url: registry.loginProbeURL)
            }
            registries.registries[host]?.accounts[username] = RegistryAccount(username: username, password: password)
            created = true
        }
        registries.credentials[RegistryStore.serverAddress(forHost: host)] = StoredCredential(username: username, password: password)
        return LoginReport(host: host, username: username, createdAccount: created, createdRegistry: createdRegistry)
    }

    /// Docker Hub user names: 4 to 30 lower-case letters and digits (they become the first
    /// path component of the user's repositories). Other registries take any name.
    public static func isAcceptableUsername(_ name: String, dockerHub: Bool) -> Bool {
        guard !name.isEmpty else { return false }
        guard dockerHub else { return !name.contains(where: { $0 == ":" || $0.isWhitespace }) }
        return (4...30).contains(name.utf8.count) && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
    }

    /// The stored login for a host, if any (`Authenticating with existing credentials`).
    public func storedLogin(host: String) -> String? { registries.loggedInUser(host: host) }

    /// Re-checks the stored credentials against the registry (they fail once the account's
    /// password changed, as when a lesson resets accounts).
    public func storedLoginIsValid(host: String) -> Bool {
        guard let credential = registries.credentials[RegistryStore.serverAddress(forHost: host)],
              let account = registries.registries[host]?.accounts[credential.username] else { return false }
        return account.accepts(credential.password)
    }

    /// `docker logout`: forgets the stored login (silently when there was none, as CLI 28).
    public mutating func logout(host: String) {
        registries.credentials.removeValue(forKey: RegistryStore.serverAddress(forHost: host))
    }
}
