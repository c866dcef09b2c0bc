import BadgeCrypto
public import BadgeIssuer
import BadgeStore
import Foundation
import FormData
import HTTPTypes
import NIOCore
import Hummingbird
import OpenBadges
import Synchronization

/// A message the web front end sends: a sign-in link, an invitation, a notification.
public typealias OutgoingMail = Notice

/// How the learners' and assessors' pages run: mail, lifetimes, cookies and upload limits.
public struct WebConfiguration: Sendable {
    /// Sends a message (the workspace's outbox by default, or SMTP). An error is shown to the person as
    /// "the message could not be sent"; nothing else is undone.
    public var deliver: @Sendable (OutgoingMail) throws -> Void
    /// The address people reach the server at, for links in mail (`--public-url`); nil: the address the server
    /// listens on.
    public var publicURL: String?
    /// How long a session lasts after sign-in.
    public var sessionLifetime: Double = 12 * 3600
    /// How long a sign-in link works.
    public var linkLifetime: Double = 30 * 60
    /// Cookies carry `Secure` (browsers keep such cookies for loopback addresses too).
    public var secureCookies: Bool = true
    /// The largest file a learner may upload as evidence.
    public var maxUploadBytes: Int = 10 * 1024 * 1024
    /// The largest submission form (all its files together).
    public var maxFormBytes: Int = 32 * 1024 * 1024
    /// How long an assessor's claim on a submission holds before another may take it.
    public var claimLifetime: Double = 4 * 3600
    /// Sign-in links one address may be sent per 15 minutes.
    public var linksPerAddress: Int = 5
    /// Sign-in requests the whole server answers per minute.
    public var signInsPerMinute: Int = 60

    public init(deliver: @escaping @Sendable (OutgoingMail) throws -> Void, publicURL: String? = nil) {
        self.deliver = deliver
        self.publicURL = publicURL
    }
}

/// A signed-in person and their session's CSRF token.
struct SignedIn: Sendable {
    var account: AccountRecord
    var csrf: String
    var tokenHash: String

    var isStaff: Bool { account.role == .admin }
    var canAssess: Bool { account.role == .admin || account.role == .assessor }
}

/// Everything the web routes share: the workspace, the clock, the secret behind pre-session CSRF tokens and the
/// sign-in rate limit.
final class WebState: Sendable {
    let workspace: Workspace
    let configuration: WebConfiguration
    let now: @Sendable () -> Double
    let issuerName: String
    /// Random per process: a pre-session's CSRF token is SHA-256(secret ‖ pre-session id).
    private let secret: [UInt8]
    private let listenURL = Mutex<String?>(nil)
    private let signIns = Mutex<(minute: Int, count: Int)>((0, 0))

    static let sessionCookie = "laurel_session"
    static let preSessionCookie = "laurel_pre"

    init(workspace: Workspace, configuration: WebConfiguration, now: @escaping @Sendable () -> Double) {
        self.workspace = workspace
        self.configuration = configuration
        self.now = now
        self.issuerName = workspace.config.issuer.name ?? "Badges"
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        self.secret = bytes
    }

    var ledger: Ledger { workspace.ledger }

    /// Called when the server is listening, for links in mail when no public URL is configured.
    func listening(host: String, port: Int) {
        let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        listenURL.withLock { $0 = "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)" }
    }

    /// The start of every link in mail, without a trailing slash.
    var baseURL: String {
        var url = configuration.publicURL ?? listenURL.withLock { $0 } ?? "http://127.0.0.1"
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    // MARK: Time

    func timeText(_ seconds: Double) -> String { Workspace.timestamp(seconds) }

    var nowText: String { timeText(now()) }

    // MARK: Tokens

    static func randomToken() -> String { Workspace.randomToken() }

    static func hash(_ token: String) -> String { Workspace.digest(token) }

    func preSessionCSRF(_ pre: String) -> String {
        Hex.encode(SHA256.hash(secret + Array("laurel-pre-session\u{0}".utf8) + Array(pre.utf8)))
    }

    /// True when two tokens are equal, in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    // MARK: Cookies and sessions

    static func cookies(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let halves = pair.split(separator: "=", maxSplits: 1)
                guard halves.count == 2 else { continue }
                let name = halves[0].trimmingCharacters(in: .whitespaces)
                if out[name] == nil { out[name] = halves[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return out
    }

    func cookie(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax"
            + (configuration.secureCookies ? "; Secure" : "")
    }

    /// The signed-in person, or nil (no cookie, an unknown or expired session, a disabled account).
    func signedIn(_ request: Request) throws -> SignedIn? {
        guard let token = Self.cookies(request)[Self.sessionCookie], !token.isEmpty, token.utf8.count <= 100 else {
            return nil
        }
        let hash = Self.hash(token)
        guard let (session, account) = try ledger.session(tokenHash: hash, now: nowText) else { return nil }
        return SignedIn(account: account, csrf: session.csrfToken, tokenHash: hash)
    }

    /// The signed-in person, when their role is one of `roles`; otherwise a redirect to sign in (no session) or
    /// a 404 (a role that has no business here: the page is not said to exist).
    func require(_ request: Request, _ roles: Set<AccountRole>) throws -> SignedIn {
        guard let person = try signedIn(request) else {
            let back = request.uri.path
            throw ServerError.redirect("/signin?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        guard roles.contains(person.account.role) else { throw ServerError.notFound() }
        return person
    }

    /// Starts a session for `account`: the cookie to set.
    func startSession(for account: AccountRecord) throws -> String {
        let token = Self.randomToken()
        let start = now()
        try ledger.addSession(SessionRecord(
            tokenHash: Self.hash(token), accountId: account.id, csrfToken: Self.randomToken(),
            createdAt: timeText(start), expiresAt: timeText(start + configuration.sessionLifetime)))
        try? ledger.deleteExpiredSessions(now: timeText(start))
        return cookie(Self.sessionCookie, token, maxAge: Int(configuration.sessionLifetime))
    }

    /// The pre-session id of a visitor who is not signed in, and the cookie to set when they have none yet.
    func preSession(_ request: Request) -> (id: String, setCookie: String?) {
        if let pre = Self.cookies(request)[Self.preSessionCookie], pre.utf8.count == 43 { return (pre, nil) }
        let pre = Self.randomToken()
        return (pre, cookie(Self.preSessionCookie, pre, maxAge: 24 * 3600))
    }

    /// Refuses a form whose CSRF token does not match the session's (or, before sign-in, the pre-session's).
    func checkCSRF(_ fields: [String: String], request: Request, person: SignedIn?) throws {
        let given = fields["csrf"] ?? ""
        let expected: String?
        if let person {
            expected = person.csrf
        } else if let pre = Self.cookies(request)[Self.preSessionCookie], pre.utf8.count == 43 {
            expected = preSessionCSRF(pre)
        } else {
            expected = nil
        }
        guard let expected, Self.same(given, expected) else {
            throw ServerError(
                403, "csrf",
                "This form has expired or did not come from this site, so nothing was done. Go back, reload the "
                    + "page and send it again.")
        }
    }

    /// Counts one sign-in request against the server-wide limit; false when the limit is reached this minute.
    func allowSignIn() -> Bool {
        let minute = Int(now() / 60)
        let limit = configuration.signInsPerMinute
        return signIns.withLock { state in
            if state.minute != minute { state = (minute, 0) }
            state.count += 1
            return state.count <= limit
        }
    }

    // MARK: Forms

    /// Reads a URL-encoded form body (at most 256 KB).
    static func form(_ request: Request) async throws -> [String: String] {
        let bytes = try await body(request, limit: 256 * 1024)
        return MultipartForm.parseURLEncoded(bytes)
    }

    /// Reads a request body up to `limit` bytes; larger is a 413 that names the limit.
    static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw tooLarge(limit)
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
    }

    static func tooLarge(_ limit: Int) -> ServerError {
        ServerError(413, "too_large", "The form is larger than \(limit / (1024 * 1024)) MB, so nothing was saved.")
    }

    /// Reads a multipart form (files and fields) up to `limit` bytes.
    static func multipart(_ request: Request, limit: Int) async throws -> [FormPart] {
        let bytes = try await body(request, limit: limit)
        guard let boundary = MultipartForm.boundary(fromContentType: request.headers[.contentType] ?? "") else {
            throw ServerError(400, "bad_form", "The form was not sent as multipart/form-data.")
        }
        do {
            return try MultipartForm.parse(bytes, boundary: boundary, maxParts: 400)
        } catch {
            throw ServerError(400, "bad_form", "The form cannot be read: \(error.reason).")
        }
    }

    static func fields(_ parts: [FormPart]) -> [String: String] {
        var out: [String: String] = [:]
        for part in parts where part.fileName == nil && out[part.name] == nil {
            out[part.name] = String(decoding: part.body, as: UTF8.self)
        }
        return out
    }

    // MARK: Mail

    /// Sends a message; false when it could not be sent.
    @discardableResult
    func send(_ mail: OutgoingMail) -> Bool {
        do {
            try configuration.deliver(mail)
            return true
        } catch {
            return false
        }
    }

    /// Makes a one-time sign-in link for `account`, valid for `lifetime` seconds.
    func signInLink(for account: AccountRecord, lifetime: Double) throws -> String {
        try workspace.makeSignInLink(for: account, baseURL: baseURL, lifetime: lifetime, now: now())
    }
}

extension Response {
    /// A 303 to `location`, setting the given cookies.
    static func seeOther(_ location: String, cookies: [String] = []) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }
}

extension WebConfiguration {
    /// Pages whose messages go through `mailer` (the workspace's outbox, or SMTP), sent from `from`.
    public static func delivering(through mailer: any Mailer, from: String, publicURL: String? = nil) -> WebConfiguration {
        WebConfiguration(
            deliver: { notice in
                do {
                    try mailer.send(MailMessage(from: from, to: notice.to, subject: notice.subject, text: notice.text))
                } catch {
                    throw ServerError(502, "mail", "\(error)")
                }
            },
            publicURL: publicURL)
    }
}
