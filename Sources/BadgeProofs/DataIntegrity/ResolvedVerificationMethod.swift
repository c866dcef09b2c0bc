public import BadgeCrypto
public import LinkedData

/// A verification method turned into the key that checks proofs, with who controls it and where the key came from
/// (Controlled Identifiers 1.0 §3.3 "Retrieve Verification Method").
public struct ResolvedVerificationMethod: Sendable, Hashable {
    /// Where the key was found.
    public enum Source: Sendable, Hashable {
        /// The key is the method-specific identifier of a `did:key` (did:key Method §3).
        case didKey
        /// The 1EdTech convention `<controller>#z6Mk…`: the fragment is the key's `publicKeyMultibase`.
        case fragmentMultikey
        /// A controller document (DID document) or Multikey document the caller supplied, under this URL.
        case suppliedDocument(String)
        /// A key the caller gave directly (a trusted key; no controller is known).
        case suppliedKey
    }

    /// The verification method id, as the proof names it.
    public var id: String
    /// The Ed25519 public key.
    public var publicKey: Ed25519PublicKey
    /// The entity that controls the method: the DID of a did:key, the part before `#` in the 1EdTech convention,
    /// the `controller` (or document `id`) of a supplied document; `nil` when unknown.
    public var controller: String?
    public var source: Source

    public init(id: String, publicKey: Ed25519PublicKey, controller: String?, source: Source) {
        self.id = id
        self.publicKey = publicKey
        self.controller = controller
        self.source = source
    }
}

/// The check that a proof's key belongs to the document's issuer ("key provenance": the verification method's
/// controller must be the issuer). Used by eddsa-rdfc-2022 and the legacy suites when
/// `ProofVerificationOptions.bindsKeyToIssuer` is on.
public enum IssuerBinding {
    /// The document's issuer id: `issuer` when it is a string, `issuer.id` when it is an object.
    public static func issuerID(of document: JSONObject) -> String? {
        switch document["issuer"] {
        case .string(let id)?: id
        case .object(let issuer)?: issuer["id"]?.stringValue
        default: nil
        }
    }

    /// Throws `issuerBindingFailed` when `method` is controlled by someone other than `issuer`.
    ///
    /// - No issuer, or a method whose controller is unknown (a key the caller supplied): nothing to check.
    /// - did:key: when the issuer is a DID it must be that did:key; an issuer that is not a DID (`https:`, `urn:`)
    ///   is accepted, since it cannot say which key it uses (the key is self-asserted).
    /// - `<id>#z6Mk…` and supplied documents: the controller must be the issuer id, character for character.
    public static func check(_ method: ResolvedVerificationMethod, issuer: String?) throws(ProofError) {
        guard let issuer, let controller = method.controller, controller != issuer else { return }
        switch method.source {
        case .suppliedKey:
            return
        case .didKey:
            guard issuer.hasPrefix("did:") else { return }
            throw ProofError(
                .issuerBindingFailed,
                "the proof's key is \(controller), but the issuer is the DID \(issuer): the key does not belong "
                    + "to the issuer", path: "issuer")
        case .fragmentMultikey:
            throw ProofError(
                .issuerBindingFailed,
                "the verification method '\(method.id)' names the controller '\(controller)' before '#', but "
                    + "the issuer is '\(issuer)': the key does not belong to the issuer", path: "issuer")
        case .suppliedDocument(let url):
            throw ProofError(
                .issuerBindingFailed,
                "the verification method '\(method.id)' (from the document for \(url)) is controlled by "
                    + "'\(controller)', but the issuer is '\(issuer)'", path: "issuer")
        }
    }
}
