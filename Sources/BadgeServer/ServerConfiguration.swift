public import BadgeIssuer
public import BadgeVerifier
import Foundation

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
    /// Threads for network I/O. Verification runs on its own worker threads (`workers`); one I/O thread leaves
    /// the cores to them. 0 means one per core.
    public var ioThreads: Int = 1
    /// Threads that verify uploads, so that verification never holds up network I/O, pages or `/healthz`: at most
    /// this many badges are verified at once. One per active core by default.
    public var workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Verifications that may wait for a free worker; a request beyond that is answered 503 with `Retry-After`.
    /// `nil` means four per worker.
    public var queueLimit: Int? = nil
    /// How long one verification may take, from the moment its upload has been read: one still waiting for a
    /// worker then is dropped and answered 503; one still running is answered 503 and its result discarded.
    public var requestTimeout: Duration = .seconds(10)
    /// The `Retry-After` given with a 503, in seconds.
    public var retryAfterSeconds: Int = 2
    /// The learners', assessors' and staff's pages (sign-in, submissions, the queue, administration), served with a
    /// workspace; nil: only the verification page and the issuer's public files.
    public var web: WebConfiguration? = nil
    /// The pool verifications run on; `nil` makes one from `workers`, `queueLimit` and `requestTimeout` when the
    /// routes are built. Given by tests that need to see or fill the pool.
    public var pool: VerificationPool? = nil

    /// The queue limit in force: `queueLimit`, or four per worker.
    public var effectiveQueueLimit: Int { queueLimit ?? 4 * max(1, workers) }

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
    /// Seconds after which the client may try again (sent as `Retry-After`), for answers saying the server is busy.
    var retryAfter: Int?
    /// Where to send the client instead (a 303), for pages that need a signed-in person.
    var location: String?

    init(_ status: Int, _ code: String, _ reason: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.reason = reason
        self.retryAfter = retryAfter
    }

    /// The answer to a verification the pool refused or did not finish in time: 503, with `Retry-After`.
    static func unavailable(_ refusal: VerificationPool.Refusal, timeout: Duration, retryAfter: Int) -> ServerError {
        let later = "try again in \(retryAfter) second\(retryAfter == 1 ? "" : "s")."
        switch refusal {
        case .full:
            return ServerError(
                503, "busy", "The server is checking as many badges as it can right now; \(later)", retryAfter: retryAfter)
        case .expired:
            return ServerError(
                503, "busy", "The server was too busy to start checking this badge in time; \(later)",
                retryAfter: retryAfter)
        case .timedOut:
            return ServerError(
                503, "timeout",
                "Checking this badge took longer than the \(Self.seconds(timeout)) seconds this server allows, "
                    + "so it was not finished; \(later)",
                retryAfter: retryAfter)
        case .shutDown:
            return ServerError(503, "shutting_down", "The server is shutting down; \(later)", retryAfter: retryAfter)
        }
    }

    /// A duration in seconds as shown to people: whole seconds without a fraction, others to a tenth.
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        if fraction == 0 { return String(whole) }
        return String(format: "%.1f", Double(whole) + Double(fraction) / 1e18)
    }

    /// Sends the browser elsewhere (303 See Other), for example to the sign-in page.
    static func redirect(_ location: String) -> ServerError {
        var error = ServerError(303, "see_other", "See \(location).")
        error.location = location
        return error
    }

    static func notFound(_ reason: String = "There is nothing at this address.") -> ServerError {
        ServerError(404, "not_found", reason)
    }
}
