import BadgeIssuer
import BadgeStore
import BadgeVerifier
import FormData
import Foundation
import Hummingbird
import NIOCore
import OpenBadges

/// What one verification request carries.
struct VerificationInput: Sendable {
    var bytes: [UInt8]
    var source: String
    var recipientEmail: String?
    /// The uploaded image, for showing beside the answer (PNG or SVG as a data URI).
    var imageDataURI: String?
}

/// Reads uploads, checks their size and type, and verifies them with the workspace's published files as local
/// copies (and, only with `--online`, what the badge refers to fetched over HTTPS).
struct VerificationService: Sendable {
    let configuration: ServerConfiguration
    let cache = ResourceCache()
    /// Where verifications run: dedicated threads, never the cooperative pool or an event loop.
    let pool: VerificationPool
    /// What every verification shares, made once: the trust list, the upload limit, and the status lists checked
    /// so far (a list's own proof is verified once per version of the list, not once per request). Each request
    /// sets only its moment, its recipient and the workspace's files as they are then.
    let options: VerificationOptions
    /// The `--resource` copies, asked first.
    let localCopies: LocalResources

    init(configuration: ServerConfiguration) {
        self.configuration = configuration
        pool =
            configuration.pool
            ?? VerificationPool(
                workers: configuration.workers, queueLimit: configuration.effectiveQueueLimit,
                timeout: configuration.requestTimeout)
        var options = VerificationOptions(at: 0, trust: Self.trust(for: configuration))
        options.maxInputBytes = configuration.maxBodyBytes
        options.statusLists = StatusListCache()
        self.options = options
        localCopies = LocalResources(configuration.resources)
    }

    /// Content types accepted as a raw badge body on `/api/verify`, and as a file part's declared type.
    static let badgeTypes: Set<String> = [
        "application/json", "application/ld+json", "application/vc+ld+json", "application/vc", "application/vc+jwt",
        "application/jwt", "text/plain", "image/png", "image/svg+xml", "application/octet-stream",
    ]

    // MARK: Reading the request

    func readUpload(_ request: Request, context: some RequestContext, api: Bool) async throws -> VerificationInput {
        let limit = configuration.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Self.tooLarge(limit)
        }
        let rawContentType = request.headers[.contentType] ?? ""
        let contentType = rawContentType.lowercased()
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingSpaces } ?? ""
        let queryEmail = request.uri.queryParameters.get("recipient-email")
        let body: [UInt8]
        do {
            var buffer = try await request.body.collect(upTo: limit)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(limit)
        } catch is NIOTooManyBytesError {
            // A body without Content-Length (chunked) that grows past the limit while it is collected.
            throw Self.tooLarge(limit)
        }
        // The API's answers run on the connection's event loop (see `EventLoopTaskExecutor`): reading a large upload
        // (splitting a form, encoding an image for the page) is done on Swift's own threads instead, so that the
        // loop goes on reading and writing other connections meanwhile.
        if body.count > Self.largeUpload {
            return try await withTaskExecutorPreference(globalConcurrentExecutor) {
                try parseUpload(body, rawContentType: rawContentType, mediaType: mediaType, queryEmail: queryEmail, api: api)
            }
        }
        return try parseUpload(body, rawContentType: rawContentType, mediaType: mediaType, queryEmail: queryEmail, api: api)
    }

    /// Uploads larger than this are read off the event loop.
    static let largeUpload = 64 * 1024

    /// The badge in a request body: a form's file or text part, a form field, or the body itself.
    func parseUpload(
        _ body: [UInt8], rawContentType: String, mediaType: String, queryEmail: String?, api: Bool
    ) throws -> VerificationInput {
        // The page shows an uploaded image beside the answer; the API's answer has no use for it.
        let forPage = !api
        if mediaType == "multipart/form-data" {
            guard let boundary = MultipartForm.boundary(fromContentType: rawContentType) else {
                throw ServerError(400, "bad_form", "The form upload has no boundary in its Content-Type.")
            }
            let parts: [FormPart]
            do {
                parts = try MultipartForm.parse(body, boundary: boundary)
            } catch {
                throw ServerError(400, "bad_form", "The form upload cannot be read: \(error.reason).")
            }
            let email = parts.first { $0.name == "email" }.map { String(decoding: $0.body, as: UTF8.self).trimmingSpaces }
            if let file = parts.first(where: { $0.name == "file" && !$0.body.isEmpty }) {
                if let declared = file.contentType, !Self.badgeTypes.contains(declared) {
                    throw ServerError(
                        415, "unsupported_type",
                        "'\(declared)' files are not badges: upload a PNG or SVG badge image, or a JSON or JWT credential.")
                }
                return try input(file.body, source: file.fileName ?? "upload", email: email ?? queryEmail, image: forPage)
            }
            if let text = parts.first(where: { $0.name == "text" }), !String(decoding: text.body, as: UTF8.self).trimmingSpaces.isEmpty {
                return try input(text.body, source: "pasted text", email: email ?? queryEmail, image: forPage)
            }
            throw ServerError(400, "empty", "No badge was given: choose a file or paste the credential.")
        }
        if mediaType == "application/x-www-form-urlencoded", !api {
            let fields = MultipartForm.parseURLEncoded(body)
            guard let text = fields["text"], !text.trimmingSpaces.isEmpty else {
                throw ServerError(400, "empty", "No badge was given: paste the credential in the text box.")
            }
            let email = fields["email"].flatMap { $0.isEmpty ? nil : $0 }
            return try input(Array(text.utf8), source: "pasted text", email: email ?? queryEmail, image: forPage)
        }
        guard mediaType.isEmpty || Self.badgeTypes.contains(mediaType) else {
            throw ServerError(
                415, "unsupported_type",
                "Content-Type '\(mediaType)' is not accepted: send the badge as application/json, application/jwt, "
                    + "image/png, image/svg+xml or multipart/form-data.")
        }
        guard !body.isEmpty else {
            throw ServerError(400, "empty", "The request body is empty: send the badge (JSON, JWT, PNG or SVG).")
        }
        return try input(body, source: "request body", email: queryEmail, image: forPage)
    }

    static func tooLarge(_ limit: Int) -> ServerError {
        ServerError(413, "too_large", "The upload is larger than \(limit / (1024 * 1024)) MiB, the most this server accepts.")
    }

    /// Checks that the bytes look like a badge at all (PNG, SVG/XML, JSON or a compact JWT) before verifying;
    /// with `image`, keeps an uploaded image as a data URI to show beside the answer.
    func input(_ bytes: [UInt8], source: String, email: String?, image wantsImage: Bool = true) throws -> VerificationInput {
        let kind = BakedImage.kind(of: bytes)
        var image: String? = nil
        switch kind {
        case .png: if wantsImage { image = "data:image/png;base64," + Data(bytes).base64EncodedString() }
        case .svg: if wantsImage { image = "data:image/svg+xml;base64," + Data(bytes).base64EncodedString() }
        case .unknown:
            let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            let looksLikeJWT = bytes.prefix(2) == [0x65, 0x79]  // "ey": base64url of '{"'
            guard first == 0x7B || looksLikeJWT else {
                throw ServerError(
                    422, "not_a_badge",
                    "This is not a badge file: expected a PNG or SVG badge image, a JSON credential or a JWT.")
            }
        }
        let trimmed = email?.trimmingSpaces
        return VerificationInput(
            bytes: bytes, source: source, recipientEmail: trimmed?.isEmpty == false ? trimmed : nil,
            imageDataURI: image.flatMap { $0.utf8.count <= 2 * 1024 * 1024 ? $0 : nil })
    }

    // MARK: Verifying

    /// Verifies `input` on the pool and turns the report into the answer there too, so that rendering a large
    /// report does not hold up the cooperative threads either. Throws a 503 `ServerError` when the pool is full or
    /// the deadline passes.
    func verify<Output: Sendable>(
        _ input: VerificationInput, render: @escaping @Sendable (VerificationReport) -> Output
    ) async throws -> Output {
        do {
            return try await pool.run(cost: Self.cost(of: input)) { [self] in render(verifyNow(input)) }
        } catch let refusal as VerificationPool.Refusal {
            throw ServerError.unavailable(refusal, timeout: pool.timeout, retryAfter: configuration.retryAfterSeconds)
        }
    }

    /// The pool's cost estimate for verifying `input`: its size class (the bit length of its size in KiB), so
    /// that uploads of a similar size keep their order, and a badge of a few kilobytes is not kept waiting behind
    /// large uploads built to be slow.
    static func cost(of input: VerificationInput) -> Int {
        let kibibytes = input.bytes.count >> 10
        return kibibytes.bitWidth - kibibytes.leadingZeroBitCount
    }

    /// Verifies `input` on the calling thread (a pool worker: it blocks while a fetch, if allowed, is under way).
    func verifyNow(_ input: VerificationInput) -> VerificationReport {
        var options = self.options
        options.at = configuration.now()
        options.recipientEmail = input.recipientEmail
        let published = cache.resources { localResources() }
        var sources: [any ResourceResolver] = [localCopies, WorkspaceResources { published[$0] }]
        // Fetches are remembered per verification (and bounded per badge), so each one gets its own.
        if configuration.online { sources.append(OnlineResources()) }
        options.resolver = ResourceChain(sources)
        return Verifier(options: options).verify(bytes: input.bytes, source: input.source)
    }

    /// The issuers this server vouches for: the configured trust lists, and the issuer it hosts (its own badges
    /// are "issued by" it on its own site).
    var trust: TrustList? { options.trust }

    static func trust(for configuration: ServerConfiguration) -> TrustList? {
        var list = configuration.trust
        if let workspace = configuration.workspace {
            let own = TrustList([TrustList.Entry(
                id: workspace.config.issuerID, name: workspace.config.issuer.name,
                source: "the issuer hosting this server")])
            list = (list ?? TrustList()).merging(own)
        }
        return list
    }

    /// The workspace's published status lists and DID document, keyed by the URLs credentials name them by
    /// (re-read at most once a second: see `ResourceCache`).
    func localResources() -> [String: [UInt8]] {
        configuration.workspace?.publishedResources() ?? [:]
    }

    /// An issued credential of the hosted workspace, by id, read from where the ledger says it was written.
    func hostedCredential(id: String) throws -> VerificationInput {
        guard let workspace = configuration.workspace else {
            throw ServerError.notFound("This server hosts no issuer, so it has no issued badges to show.")
        }
        let record: CredentialRecord?
        do {
            record = try workspace.ledger.credential(id: id)
        } catch {
            throw ServerError(500, "ledger", "The issuer's records could not be read.")
        }
        guard let record else {
            throw ServerError.notFound("No badge with this id was issued here.")
        }
        guard let path = record.outputPath, path != "(standard output)",
            let data = FileManager.default.contents(atPath: path.hasPrefix("/") ? path : workspace.directory + "/" + path)
        else {
            throw ServerError.notFound("This badge was issued here, but its file is no longer kept on this server.")
        }
        return VerificationInput(bytes: Array(data), source: id, recipientEmail: nil, imageDataURI: nil)
    }
}

/// The workspace's published files, re-read from disk at most once a second, so a revocation published while the
/// server runs is seen within a second without reading every file on every request.
final class ResourceCache: @unchecked Sendable {
    // @unchecked: every access to the stored values holds `lock`.
    private let lock = NSLock()
    private var value: [String: [UInt8]] = [:]
    private var expires: ContinuousClock.Instant?
    let lifetime: Duration

    init(lifetime: Duration = .seconds(1)) {
        self.lifetime = lifetime
    }

    func resources(_ load: () -> [String: [UInt8]]) -> [String: [UInt8]] {
        let now = ContinuousClock.now
        lock.lock()
        if let expires, now < expires {
            defer { lock.unlock() }
            return value
        }
        lock.unlock()
        let fresh = load()
        lock.lock()
        value = fresh
        expires = now + lifetime
        lock.unlock()
        return fresh
    }
}
