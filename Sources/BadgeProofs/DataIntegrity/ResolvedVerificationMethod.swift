public import BadgeCrypto
public import LinkedData

/// Where a controller document (a DID document, a controller document at an https URL, a JWKS) came from. It
/// decides how much a key found in it says about the issuer's identity.
public enum DocumentOrigin: String, Sendable, Hashable {
    /// Fetched over HTTPS from the URL itself (the issuer's own domain, for did:web and https issuers).
    case fetched
    /// Supplied by the caller as a local copy (`--resource URL=FILE`): it shows what the file says, not what the
    /// issuer publishes.
    case local
    /// Read from an issuer workspace on this machine (the issuer's own files, as `laurel serve` hosts them).
    case workspace
}

/// A verification method turned into the key that checks proofs, with who controls it and where the key came from
/// (Controlled Identifiers 1.0 §3.3 "Retrieve Verification Method").
public struct ResolvedVerificationMethod: Sendable, Hashable {
    /// Where the key was found.
    public enum Source: Sendable, Hashable {
        /// The key is the method-specific identifier of a `did:key` (did:key Method §3).
        case didKey
        /// The 1EdTech convention `<controller>#z6Mk…`: the key was read from the fragment. This proves nothing by
        /// itself: anyone can write their own key after anyone's URL. Only the controller's own document can.
        case fragmentMultikey
        /// A controller document (DID document), Multikey document or JWKS the caller supplied, under this URL.
        case suppliedDocument(String)
        /// A key the caller gave directly (a trusted key; no controller is known).
        case suppliedKey
        /// A key carried by the signed object itself (a VC-JWT's `jwk` header): it proves nothing by itself.
        case headerKey
    }

    /// The verification method id, as the proof names it.
    public var id: String
    /// The Ed25519 public key.
    public var publicKey: Ed25519PublicKey
    /// The entity that controls the method: the DID of a did:key, the part before `#` in the 1EdTech convention,
    /// the `controller` (or document `id`) of a supplied document; `nil` when unknown.
    public var controller: String?
    public var source: Source
    /// The URL of the controller document that proves (or would prove) who controls the method: a did:web's
    /// `did.json`, an https method's URL without its fragment.
    public var documentURL: String?
    /// Where that document came from, when it was used.
    public var origin: DocumentOrigin?

    public init(
        id: String, publicKey: Ed25519PublicKey, controller: String?, source: Source, documentURL: String? = nil,
        origin: DocumentOrigin? = nil
    ) {
        self.id = id
        self.publicKey = publicKey
        self.controller = controller
        self.source = source
        self.documentURL = documentURL
        self.origin = origin
    }

    /// Who controls the key and how that is known, without the key itself.
    public var provenance: KeyProvenance {
        KeyProvenance(
            methodID: id, controller: controller, source: source, documentURL: documentURL, origin: origin)
    }
}

/// How a signing key was found and who it says controls it: what `IssuerBinding` judges. For Ed25519 methods it
/// comes from a `ResolvedVerificationMethod`; for VC-JWT keys of any type from the token's key resolution.
public struct KeyProvenance: Sendable, Hashable {
    /// The verification method id or JWT `kid`, when there is one.
    public var methodID: String?
    public var controller: String?
    public var source: ResolvedVerificationMethod.Source
    public var documentURL: String?
    public var origin: DocumentOrigin?

    public init(
        methodID: String?, controller: String?, source: ResolvedVerificationMethod.Source, documentURL: String?,
        origin: DocumentOrigin?
    ) {
        self.methodID = methodID
        self.controller = controller
        self.source = source
        self.documentURL = documentURL
        self.origin = origin
    }
}

/// What is known about whether a signing key belongs to the issuer (or, for a presentation, the holder).
public enum KeyBindingAssessment: Sendable, Hashable {
    /// The key provably belongs to the entity named.
    case proven(KeyBindingEvidence)
    /// Nothing contradicts it, but nothing proves it either; `documentURL` is where the proof would be.
    case unproven(reason: String, documentURL: String?)
    /// The key belongs to someone else: a forgery or a mistake.
    case contradicted(String)
}

/// How a key was shown to belong to the entity named.
public enum KeyBindingEvidence: Sendable, Hashable {
    /// The entity is this did:key: the key is the identifier (self-certifying, and self-asserted).
    case didKey(String)
    /// The entity's own controller document lists the key under the proof's purpose.
    case controllerDocument(url: String, origin: DocumentOrigin)
    /// The caller supplied the key as trusted.
    case suppliedKey
}

/// The one place that decides whether a proof's key belongs to the document's issuer ("key provenance": the
/// verification method's controller must be the issuer, and something other than the proof must say so).
public enum IssuerBinding {
    /// The document's issuer id: `issuer` when it is a string, `issuer.id` when it is an object.
    public static func issuerID(of document: JSONObject) -> String? {
        switch document["issuer"] {
        case .string(let id)?: id
        case .object(let issuer)?: issuer["id"]?.stringValue
        default: nil
        }
    }

    /// Judges a key against the entity that should control it (`subject`: the issuer id, or a presentation's
    /// holder). `role` names that entity in messages ("issuer", "holder").
    ///
    /// - did:key: proven when the subject is that did:key; a subject that is another DID contradicts it; a subject
    ///   that is not a DID (`https:`, `urn:`) is unproven (nothing says which did:key it uses).
    /// - `<id>#z6Mk…` read from the fragment: contradicted when `<id>` is not the subject, else unproven until the
    ///   subject's own document lists the method.
    /// - A supplied controller document: proven when its controller is the subject, contradicted otherwise.
    /// - A key in a VC-JWT header: contradicted for a did:key subject (its key is its identifier), else unproven.
    /// - A key the caller supplied: proven (the caller vouches for it).
    public static func assess(_ key: KeyProvenance, subject: String?, role: String = "issuer")
        -> KeyBindingAssessment
    {
        guard let subject else {
            return .unproven(reason: "the document names no \(role) to tie the key to", documentURL: nil)
        }
        let method = key.methodID.map { "'\($0)'" } ?? "the signing key"
        switch key.source {
        case .suppliedKey:
            return .proven(.suppliedKey)
        case .didKey:
            let did = key.controller ?? ""
            if did == subject { return .proven(.didKey(did)) }
            if subject.hasPrefix("did:") {
                return .contradicted(
                    "the signing key is \(did), but the \(role) is \(subject): for a DID \(role) the key must be "
                        + "one its own DID lists, and a did:key is its own identifier")
            }
            return .unproven(
                reason: "the signing key is \(did), and nothing shows that it belongs to \(subject); only a "
                    + "document published at \(subject) listing it could", documentURL: httpsURL(subject))
        case .fragmentMultikey:
            guard key.controller == subject else {
                return .contradicted(
                    "the verification method \(method) is under \(key.controller ?? "another controller"), "
                        + "not under the \(role) \(subject)")
            }
            let place = key.documentURL.map { " (\($0))" } ?? ""
            return .unproven(
                reason: "the key is only written into the verification method \(method) itself, and nothing shows "
                    + "it belongs to \(subject) until the \(role)'s own document\(place) lists it",
                documentURL: key.documentURL)
        case .suppliedDocument(let url):
            guard key.controller == subject else {
                return .contradicted(
                    "the verification method \(method) (from the document for \(url)) is controlled by "
                        + "\(key.controller ?? "nobody named"), not by the \(role) \(subject)")
            }
            return .proven(.controllerDocument(url: url, origin: key.origin ?? .local))
        case .headerKey:
            if subject.hasPrefix(DIDKey.prefix) {
                return .contradicted(
                    "the token was signed with the key in its own 'jwk' header, which is not the key of the "
                        + "did:key \(role) \(subject): a did:key's key is its identifier")
            }
            return .unproven(
                reason: "the key came with the token itself (its 'jwk' header), and nothing shows it belongs to "
                    + "\(subject)", documentURL: httpsURL(subject) ?? DIDWeb.documentURL(for: subject))
        }
    }

    /// Throws `issuerBindingFailed` when the key is controlled by someone other than `issuer` (a contradiction);
    /// a binding that is merely unproven is left for the caller to judge with `assess`.
    public static func check(_ method: ResolvedVerificationMethod, issuer: String?) throws(ProofError) {
        guard issuer != nil else { return }
        if case .contradicted(let reason) = assess(method.provenance, subject: issuer) {
            throw ProofError(.issuerBindingFailed, reason, path: "issuer")
        }
    }

    private static func httpsURL(_ id: String) -> String? {
        id.hasPrefix("https://") ? OfflineVerificationMethodResolver.withoutFragment(id) : nil
    }
}
