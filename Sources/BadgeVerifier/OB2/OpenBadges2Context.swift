import BadgeCrypto
import BadgeProofs
import LinkedData

/// A document an Open Badges 2.0 assertion links to (BadgeClass, Issuer, CryptographicKey, RevocationList):
/// embedded in the document that names it, or read from its URL.
struct OpenBadges2Document: Sendable {
    var json: JSONObject
    /// The URL it was read from; nil when it was embedded.
    var url: String?
    /// Where its bytes came from; nil when it was embedded.
    var origin: DocumentOrigin?

    var id: String? { json["id"]?.stringValue ?? url }
}

/// Everything the Open Badges 2.0 policies read: the assertion that is verified, the documents it links to, and
/// what could not be had. Built once per input (`OpenBadges2Context.resolve`); policies never change it.
struct OpenBadges2Context: Sendable {
    enum Method: Sendable, Equatable {
        /// Verified by fetching the assertion from `url`, its issuer's copy.
        case hosted(url: String)
        /// Verified by the JWS signature over the assertion.
        case signed
    }

    var options: VerificationOptions
    var resources: any ResourceResolver
    var method: Method
    /// The assertion verified: the hosted copy, or the signed payload (or, when the hosted copy could not be had,
    /// what the file held, for display only).
    var assertion: JSONObject
    /// For a hosted assertion given in full: what the file held, to be compared with the hosted copy.
    var inHand: JSONObject?
    /// Where the hosted copy came from.
    var hostedOrigin: DocumentOrigin?
    /// Why the hosted copy could not be had; when set, nothing else was resolved.
    var hostedProblem: CheckResult?
    /// The compact JWS of a signed assertion.
    var jws: CompactJWS?
    /// The token as received, for checking its signature.
    var token: String?
    var badgeClass: OpenBadges2Document?
    var issuer: OpenBadges2Document?
    /// The keys a signed assertion may be checked with, with the key each document gives (or why it gives none).
    var keys: [(document: OpenBadges2Document?, url: String?, key: JWTVerificationKey?, problem: String?)] = []
    /// Documents that could not be had (indeterminate) or read (failures), for `key_resolution`.
    var documentProblems: [CheckResult] = []

    var assertionID: String? { assertion["id"]?.stringValue }
    var issuerID: String? { issuer?.id }

    /// The `verification` object of the assertion (`verify` in 1.x), and its types.
    static func verificationTypes(of assertion: JSONObject) -> [String] {
        let object = (assertion["verification"] ?? assertion["verify"])?.objectValue
        return OpenBadges2Input.strings(object?["type"])
    }

    static func isSigned(_ assertion: JSONObject) -> Bool {
        verificationTypes(of: assertion).contains { $0 == "SignedBadge" || $0 == "signed" }
    }

    /// The URL of the hosted copy of an assertion in hand: its `id` (2.0 and 1.1), or `verify.url` (1.0).
    static func hostedURL(of assertion: JSONObject) -> String? {
        if let id = assertion["id"]?.stringValue, isWebURL(id) { return id }
        let url = (assertion["verify"] ?? assertion["verification"])?.objectValue?["url"]?.stringValue
        return url.flatMap { isWebURL($0) ? $0 : nil }
    }

    static func isWebURL(_ text: String) -> Bool {
        text.hasPrefix("https://") || text.hasPrefix("http://")
    }

    /// `scheme://host[:port]` of an http(s) URL, lowercased; nil for anything else.
    static func origin(of url: String) -> String? {
        guard let (scheme, authority) = parts(of: url) else { return nil }
        return scheme + "://" + authority
    }

    /// The host (without port) of an http(s) URL, lowercased.
    static func host(of url: String) -> String? {
        guard let (_, authority) = parts(of: url) else { return nil }
        return String(authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// The scheme and authority of an http(s) URL, lowercased.
    static func parts(of url: String) -> (scheme: String, authority: String)? {
        let scheme = url.hasPrefix("https://") ? "https" : url.hasPrefix("http://") ? "http" : nil
        guard let scheme else { return nil }
        let rest = url.dropFirst(scheme.count + 3)
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<end].lowercased()
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        return (scheme, authority)
    }
}

extension OpenBadges2Context {
    /// Reads the input and every document it links to, through `resources`.
    static func resolve(
        _ input: OpenBadges2Input, options: VerificationOptions, resources: any ResourceResolver
    ) -> OpenBadges2Context {
        var context: OpenBadges2Context
        switch input {
        case .signed(let jws, let token, let payload):
            context = OpenBadges2Context(options: options, resources: resources, method: .signed, assertion: payload)
            context.jws = jws
            context.token = token
        case .hosted(let url):
            context = OpenBadges2Context(options: options, resources: resources, method: .hosted(url: url), assertion: JSONObject())
            context.fetchHosted(url)
        case .assertion(let json):
            if isSigned(json) {
                context = OpenBadges2Context(options: options, resources: resources, method: .signed, assertion: json)
            } else if let url = hostedURL(of: json) {
                context = OpenBadges2Context(options: options, resources: resources, method: .hosted(url: url), assertion: json)
                context.inHand = json
                context.fetchHosted(url)
            } else {
                context = OpenBadges2Context(options: options, resources: resources, method: .hosted(url: ""), assertion: json)
                context.hostedProblem = .cannotTell(.proof,
                    "The assertion cannot be verified: it is neither signed nor hosted at a web address (its id is "
                        + "'\(json["id"]?.stringValue ?? "missing")').")
            }
        }
        // A revoked hosted assertion may be stripped to its id: nothing else needs reading.
        guard context.hostedProblem == nil, context.assertion["revoked"]?.boolValue != true else { return context }
        context.badgeClass = context.linked(context.assertion["badge"], what: "BadgeClass")
        if let badgeClass = context.badgeClass {
            context.issuer = context.linked(badgeClass.json["issuer"], what: "Issuer profile")
        }
        if context.method == .signed { context.resolveKeys() }
        return context
    }

    /// Fetches the hosted copy of the assertion at `url`; it replaces what the file held.
    mutating func fetchHosted(_ url: String) {
        switch resources.resource(at: url) {
        case .unavailable(let reason) where reason.contains("HTTP 410"):
            // "To mark a hosted assertion as revoked, respond with an HTTP Status of 410 Gone."
            hostedProblem = .fail(.status,
                "This badge was revoked by its issuer: its hosted assertion \(url) answers 410 Gone.")
        case .unavailable(let reason):
            hostedProblem = .cannotTell(.proof,
                "Could not fetch the hosted assertion \(url) (\(reason)), so this Open Badges 2.0 badge cannot be "
                    + "checked against its issuer's copy. "
                    + ResourceHint.text(reason, "give it with --resource \(url)=FILE") + ".")
        case .found(let bytes, let origin):
            hostedOrigin = origin
            guard let json = Self.object(bytes) else {
                hostedProblem = .cannotTell(.proof,
                    "The document at \(url) is not an Open Badges 2.0 assertion's JSON, so this badge cannot be "
                        + "checked against its issuer's copy.")
                return
            }
            assertion = json
        }
    }

    /// A linked document: embedded (an object), or read from its URL. Problems are recorded in
    /// `documentProblems`.
    mutating func linked(_ value: JSONValue?, what: String) -> OpenBadges2Document? {
        if let object = value?.objectValue { return OpenBadges2Document(json: object) }
        guard let url = value?.stringValue else {
            documentProblems.append(.fail(.keyResolution, "The assertion names no \(what)."))
            return nil
        }
        guard Self.isWebURL(url) else {
            documentProblems.append(.cannotTell(.keyResolution,
                "The \(what) is named by '\(url.prefix(120))', which is not a web address, so it cannot be read."))
            return nil
        }
        switch resources.resource(at: url) {
        case .unavailable(let reason):
            documentProblems.append(.cannotTell(.keyResolution,
                "Could not fetch the \(what) \(url) (\(reason)). "
                    + ResourceHint.text(reason, "give it with --resource \(url)=FILE") + "."))
            return nil
        case .found(let bytes, let origin):
            guard let json = Self.object(bytes) else {
                documentProblems.append(.fail(.keyResolution, "The \(what) at \(url) is not a JSON object."))
                return nil
            }
            // A document read from one place that says it lives on another origin would lend that origin's
            // identity to whoever hosts it.
            if let id = json["id"]?.stringValue, id != url, Self.origin(of: id) != Self.origin(of: url) {
                documentProblems.append(.fail(.keyResolution,
                    "The \(what) read from \(url) says its id is '\(id.prefix(200))', on another origin, so it does not "
                        + "speak for that id."))
                return nil
            }
            return OpenBadges2Document(json: json, url: url, origin: origin)
        }
    }

    /// The signing keys: `verification.creator`, else every key the issuer lists in `publicKey`.
    mutating func resolveKeys() {
        let verification = (assertion["verification"] ?? assertion["verify"])?.objectValue
        var candidates: [JSONValue] = []
        if let creator = verification?["creator"] {
            candidates = [creator]
        } else if let listed = issuer?.json["publicKey"] {
            candidates = listed.arrayValue ?? [listed]
        }
        if candidates.isEmpty {
            documentProblems.append(.fail(.keyResolution,
                "The signed assertion names no key (verification.creator) and its issuer lists none (publicKey)."))
            return
        }
        for candidate in candidates.prefix(8) {
            let url = candidate.stringValue ?? candidate.objectValue?["id"]?.stringValue
            guard let document = linked(candidate, what: "signing key") else {
                keys.append((nil, url, nil, nil))
                continue
            }
            switch Self.verificationKey(document.json, algorithm: jws?.algorithm ?? "") {
            case .success(let key): keys.append((document, url ?? document.id, key, nil))
            case .failure(let problem): keys.append((document, url ?? document.id, nil, problem.reason))
            }
        }
    }

    struct KeyProblem: Error {
        var reason: String
    }

    /// The key a CryptographicKey document holds (`publicKeyPem`), read for the JWS algorithm.
    static func verificationKey(_ json: JSONObject, algorithm: String) -> Swift.Result<JWTVerificationKey, KeyProblem> {
        guard let pem = json["publicKeyPem"]?.stringValue else {
            return .failure(KeyProblem(reason: "it has no publicKeyPem"))
        }
        do throws(CryptoError) {
            switch JWSAlgorithm(rawValue: algorithm) {
            case .rs256: return .success(.rsa(try RSAPublicKey(spkiPEM: pem)))
            case .es256: return .success(.p256(try P256PublicKey(spkiPEM: pem)))
            case .edDSA, .ed25519: return .success(.ed25519(try Ed25519PublicKey(pem: pem)))
            case nil: return .failure(KeyProblem(reason: "the signature uses '\(algorithm)', which Laurel does not check"))
            }
        } catch {
            return .failure(KeyProblem(reason: "its publicKeyPem cannot be used for \(algorithm): \(error.reason)"))
        }
    }

    /// `bytes` parsed as one JSON object, within the verifier's JSON limits.
    static func object(_ bytes: [UInt8]) -> JSONObject? {
        (try? JSONParser(limits: JSONLimits(maxBytes: 8 * 1024 * 1024, maxDepth: 128)).parse(bytes))?.objectValue
    }
}
