public import LinkedData
public import OpenBadges
internal import BadgeCrypto
internal import BadgeProofs

/// A signed credential as a learner keeps it: the JSON of a credential secured with an embedded proof, or the
/// Compact JWS of a credential secured with VC-JWT (Open Badges 3.0 §"Document Formats"), read from its file or
/// from the PNG or SVG image it was baked into.
///
/// The text is kept exactly as it was read: a signature covers it, so it is never re-serialized. The credential's
/// JSON is read from it for the members a learner's tools need (ids, names, dates, subject).
public struct CredentialFile: Sendable {
    /// How the credential is secured.
    public enum Format: String, Sendable, Hashable {
        /// JSON with an embedded proof (`.json`).
        case json
        /// A Compact JWS (VC-JWT, `.jwt`).
        case jwt
    }

    /// Largest credential accepted, in bytes (the baking payload limit).
    public static let maximumBytes = BakingLimits.default.maxPayloadBytes

    public let format: Format
    /// The exact text: the JSON document, or the compact JWS without surrounding whitespace.
    public let text: String
    /// The credential: the JSON object, or the credential a VC-JWT's payload carries (the payload itself, or its
    /// `vc` claim for a VCDM 1.1 token).
    public let credential: JSONObject
    /// Where the credential was read from, for messages.
    public let source: String
    /// The kind of image the credential was extracted from, or nil when it was read from a credential file.
    public let image: ImageKind?
    /// For a VC-JWT, the token's `sub` claim (the subject's identifier).
    public let jwtSubject: String?

    /// Reads a credential from the bytes of a `.json` or `.jwt` file, or of a PNG or SVG badge image that has one
    /// baked in. Anything else — a presentation, an unsigned credential, a JSON value that is not a credential, an
    /// image without a credential — is an error that names `source` and says what it is instead.
    public init(bytes: [UInt8], source: String) throws(IssuerError) {
        var payload = bytes
        var image: ImageKind? = nil
        let kind = BakedImage.kind(of: bytes)
        if kind != .unknown {
            do {
                let extracted = try BadgeBaker.extract(from: bytes)
                payload = Array(extracted.payload.utf8)
                image = extracted.kind
            } catch {
                throw IssuerError(
                    .invalidFile, "the \(kind.rawValue.uppercased()) image carries no readable credential: \(error.reason)",
                    file: source)
            }
        }
        guard payload.count <= Self.maximumBytes else {
            throw IssuerError(
                .invalidFile, "the credential is \(payload.count) bytes, more than the \(Self.maximumBytes) accepted",
                file: source)
        }
        guard let decoded = String(validating: payload, as: UTF8.self) else {
            throw IssuerError(
                .invalidFile, "this is not a credential: the file is neither text (UTF-8) nor a PNG or SVG image",
                file: source)
        }
        try self.init(text: decoded, source: source, image: image)
    }

    /// Reads a credential from its text: JSON or a compact JWS.
    public init(text: String, source: String, image: ImageKind? = nil) throws(IssuerError) {
        let trimmed = Self.trimmed(text)
        self.source = source
        self.image = image
        switch BakedPayloadFormat.of(trimmed) {
        case .json?:
            let value: JSONValue
            do {
                value = try JSONParser(limits: JSONLimits(maxBytes: Self.maximumBytes)).parse(trimmed)
            } catch {
                throw IssuerError(.invalidFile, "not valid JSON: \(error.reason)", file: source, line: error.line)
            }
            guard case .object(let object) = value else {
                throw IssuerError(.invalidFile, "a credential must be one JSON object", file: source, line: 1)
            }
            format = .json
            self.text = trimmed
            credential = object
            jwtSubject = nil
        case .compactJWS?:
            let payload: JSONObject
            do {
                payload = try CompactJWS(parsing: trimmed).payloadObject()
            } catch {
                throw IssuerError(.invalidFile, "this compact JWS cannot be read: \(error.reason)", file: source)
            }
            format = .jwt
            self.text = trimmed
            credential = payload["vc"]?.objectValue ?? payload
            jwtSubject = payload["sub"]?.stringValue
        case nil:
            throw IssuerError(
                .invalidFile,
                "this is not a credential: it is neither a JSON credential nor a compact JWS (VC-JWT), nor a badge image",
                file: source)
        }
        let types = AchievementCredential(json: credential).types
        if types.contains("VerifiablePresentation") {
            throw IssuerError(.invalidFile, "this is a presentation, not a credential", file: source)
        }
        guard types.contains("VerifiableCredential") else {
            let found = types.isEmpty ? "no type" : "type \(types.joined(separator: ", "))"
            throw IssuerError(
                .invalidFile, "this is not a Verifiable Credential (it has \(found), without 'VerifiableCredential')",
                file: source)
        }
        if format == .json && view.proofs.isEmpty {
            throw IssuerError(.invalidFile, "this credential is not signed (it has no proof)", file: source)
        }
    }

    /// Reads the credential in the file at `path` (a credential file or a badge image).
    public init(path: String) throws(IssuerError) {
        try self.init(bytes: try FileIO.read(path, limit: BakingLimits.default.maxImageBytes), source: path)
    }

    /// A view of the credential's members.
    public var view: AchievementCredential { AchievementCredential(json: credential) }

    /// The credential's `id`.
    public var id: String? { view.id }

    /// Whether it is an Open Badges achievement credential (`OpenBadgeCredential` or `AchievementCredential`).
    public var isAchievementCredential: Bool {
        let types = view.types
        return types.contains("OpenBadgeCredential") || types.contains("AchievementCredential")
    }

    /// Whether it is a CLR 2.0 learner record.
    public var isClrCredential: Bool { view.types.contains("ClrCredential") }

    /// The achievement awarded, for an achievement credential.
    public var achievement: JSONObject? { credential["credentialSubject"]?.objectValue?["achievement"]?.objectValue }

    /// The achievement's name, else the credential's name.
    public var displayName: String? { view.achievement?.name ?? view.name }

    /// The issuer's name: `issuer.name`, else the achievement creator's name.
    public var issuerName: String? { view.issuer?.name ?? view.achievement?.creator?.name }

    /// The identifier of the credential's subject: `credentialSubject.id`, else (VC-JWT) the `sub` claim.
    public var subjectID: String? { view.credentialSubject?.id ?? jwtSubject }

    /// How the credential goes into a presentation or learner record: the JSON object, or the JWS string.
    public var embeddedValue: JSONValue {
        switch format {
        case .json: .object(credential)
        case .jwt: .string(text)
        }
    }

    /// Whether the credential was awarded to `recipient`: the subject `id` equals the DID, or an
    /// `emailAddress` identity of the subject matches the email (plaintext, or `sha256$`/`md5$` over
    /// email ‖ salt, Open Badges 3.0 §"Recipient").
    public func isAwarded(to recipient: Recipient) -> Bool {
        switch recipient {
        case .did(let did):
            return subjectID == did
                || (view.credentialSubject?.identifier ?? []).contains { Self.identity($0, matches: did) }
        case .email(let email):
            return (view.credentialSubject?.identifier ?? []).contains { identity in
                identity.identityType == "emailAddress" && Self.identity(identity, matches: email)
            }
        }
    }

    static func identity(_ identity: IdentityObject, matches value: String) -> Bool {
        guard let hash = identity.identityHash else { return false }
        let candidates = value == value.lowercased() ? [value] : [value, value.lowercased()]
        guard identity.hashed == true else { return candidates.contains(hash) }
        let parts = hash.split(separator: "$", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let algorithm = parts[0].lowercased()
        let expected = parts[1].lowercased()
        for candidate in candidates {
            let input = Array((candidate + (identity.salt ?? "")).utf8)
            switch algorithm {
            case "sha256": if Hex.encode(SHA256.hash(input)) == expected { return true }
            case "md5": if Hex.encode(MD5.hash(input)) == expected { return true }
            default: return false
            }
        }
        return false
    }

    static func trimmed(_ text: String) -> String {
        var view = Substring(text)
        let blanks: Set<Character> = [" ", "\t", "\n", "\r", "\r\n", "\u{FEFF}"]
        while let first = view.first, blanks.contains(first) { view = view.dropFirst() }
        while let last = view.last, blanks.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
