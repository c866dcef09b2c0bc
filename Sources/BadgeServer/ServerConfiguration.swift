public import BadgeIssuer
public import BadgeVerifier

/// How `laurel serve` runs: where it listens, which issuer workspace it hosts (if any), whether verification may
/// fetch resources over HTTPS, and the size limit for uploads.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback by default, so nothing is exposed unless asked.
    public var host: String
    /// The TCP port; 0 picks a free one.
    public var port: Int
    /// The issuer workspace to host (DID document, issuer profile, achievements, status lists, hosted verification).
    public var workspace: Workspace?
    /// Whether verification may fetch status lists and did:web documents over HTTPS. Off by default in the
    /// library (no outbound requests); `laurel serve` turns it on unless `--offline`.
    public var online: Bool
    /// Trust lists applied to the page and the API (`laurel serve --trust FILE`).
    public var trust: TrustList?
    /// Local copies of resources (status lists, DID documents) used before the workspace's and any fetch
    /// (`laurel serve --resource URL=FILE`).
    public var resources: [String: [UInt8]] = [:]
    /// The largest request body accepted, in bytes; larger ones get 413.
    public var maxBodyBytes: Int
    /// The clock, in seconds since 1970 (injected so tests can fix it).
    public var now: @Sendable () -> Double
    /// Threads for network I/O. Verification runs on Swift's cooperative pool (one thread per core); one I/O
    /// thread leaves the cores to it. 0 means one per core.
    public var ioThreads: Int = 1

    public init(
        host: String = "127.0.0.1", port: Int = 8080, workspace: Workspace? = nil, online: Bool = false,
        maxBodyBytes: Int = 8 * 1024 * 1024, trust: TrustList? = nil, now: @escaping @Sendable () -> Double
    ) {
        self.trust = trust
        self.host = host
        self.port = port
        self.workspace = workspace
        self.online = online
        self.maxBodyBytes = maxBodyBytes
        self.now = now
    }
}

/// A request the server refuses, with the HTTP status and a plain-language reason shown to the client.
struct ServerError: Error, Sendable {
    var status: Int
    var code: String
    var reason: String

    init(_ status: Int, _ code: String, _ reason: String) {
        self.status = status
        self.code = code
        self.reason = reason
    }

    static func notFound(_ reason: String = "There is nothing at this address.") -> ServerError {
        ServerError(404, "not_found", reason)
    }
}
