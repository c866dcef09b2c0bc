public import BadgeCrypto
public import LinkedData

/// Turns a proof's `verificationMethod` into the Ed25519 public key that checks it ("Retrieve Verification
/// Method", Controlled Identifiers 1.0 §3.3). Resolvers that need the network live above this module.
public protocol VerificationMethodResolver: Sendable {
    /// The Ed25519 public key of `verificationMethod`, or an error saying why there is none.
    func ed25519PublicKey(for verificationMethod: String) throws(ProofError) -> Ed25519PublicKey

    /// The verification method with its key and controller. `purpose` is the proof's `proofPurpose`: a method
    /// taken from a controller document must be listed under that verification relationship.
    ///
    /// The default answers with `ed25519PublicKey(for:)` and no controller (a key the caller vouches for).
    func resolve(_ verificationMethod: String, purpose: String?) throws(ProofError) -> ResolvedVerificationMethod
}

extension VerificationMethodResolver {
    public func resolve(_ verificationMethod: String, purpose: String?) throws(ProofError)
        -> ResolvedVerificationMethod
    {
        ResolvedVerificationMethod(
            id: verificationMethod, publicKey: try ed25519PublicKey(for: verificationMethod), controller: nil,
            source: .suppliedKey)
    }
}

/// Resolves verification methods with no network, in this order:
///
/// - any id listed in `knownKeys` (keys the caller has already fetched or trusts);
/// - `did:key:z6Mk…` and `did:key:z6Mk…#z6Mk…` (did:key Method §3), controlled by the did:key itself;
/// - a method found in `documents`: controller documents (DID documents such as a did:web `did.json`) or Multikey
///   documents the caller supplied, keyed by URL (`https://example.edu/.well-known/did.json`) or by DID
///   (`did:web:example.edu`); see `VerificationMethodResolver+Documents.swift`;
/// - `<controller>#z6Mk…`, the convention the 1EdTech validator accepts, where the fragment is the key's
///   `publicKeyMultibase` and the part before `#` is the controller (which a verifier compares with the issuer).
public struct OfflineVerificationMethodResolver: VerificationMethodResolver {
    public var knownKeys: [String: Ed25519PublicKey]
    /// Controller documents and Multikey documents by URL or DID, as parsed JSON.
    public var documents: [String: JSONValue]
    /// Where each document came from (by the same key as `documents`); a document not listed is `.local`.
    public var origins: [String: DocumentOrigin]

    public init(
        knownKeys: [String: Ed25519PublicKey] = [:], documents: [String: JSONValue] = [:],
        origins: [String: DocumentOrigin] = [:]
    ) {
        self.knownKeys = knownKeys
        self.documents = documents
        self.origins = origins
    }

    /// The URL of the document that says who controls `verificationMethod`: for `did:web:…` its `did.json`
    /// (did:web §3.2), for an `https://` method the URL without its fragment; `nil` for a did:key (which needs no
    /// document) and for anything else.
    public static func documentURL(for verificationMethod: String) -> String? {
        let base = withoutFragment(verificationMethod)
        if base.hasPrefix(DIDWeb.prefix) { return DIDWeb.documentURL(for: base) }
        if base.hasPrefix("https://") { return base }
        return nil
    }

    public func ed25519PublicKey(for verificationMethod: String) throws(ProofError) -> Ed25519PublicKey {
        try resolve(verificationMethod, purpose: nil).publicKey
    }

    public func resolve(_ verificationMethod: String, purpose: String?) throws(ProofError)
        -> ResolvedVerificationMethod
    {
        if let known = knownKeys[verificationMethod] {
            return ResolvedVerificationMethod(
                id: verificationMethod, publicKey: known, controller: nil, source: .suppliedKey)
        }
        if verificationMethod.hasPrefix(DIDKey.prefix) {
            let did = verificationMethod.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
            return ResolvedVerificationMethod(
                id: verificationMethod, publicKey: try Self.key(verificationMethod) { () throws(CryptoError) in
                    // The fragment must repeat the key (did:key §3.1.1); DIDKey checks the whole form.
                    let identifier = did.dropFirst(DIDKey.prefix.count)
                    if !identifier.isEmpty, verificationMethod == did || verificationMethod == did + "#" + identifier {
                        return try PublicKeyCache.multikey(String(identifier))
                    }
                    return try DIDKey.publicKey(from: verificationMethod)
                }, controller: did, source: .didKey)
        }
        if let found = try resolveFromDocuments(verificationMethod, purpose: purpose) {
            return found
        }
        if let hash = verificationMethod.lastIndex(of: "#") {
            let fragment = String(verificationMethod[verificationMethod.index(after: hash)...])
            if fragment.hasPrefix("z6Mk") {
                return ResolvedVerificationMethod(
                    id: verificationMethod, publicKey: try Self.key(verificationMethod) { () throws(CryptoError) in
                        try PublicKeyCache.multikey(fragment)
                    }, controller: String(verificationMethod[..<hash]), source: .fragmentMultikey,
                    documentURL: Self.documentURL(for: verificationMethod))
            }
        }
        throw ProofError(
            .unresolvableVerificationMethod,
            "the verification method '\(verificationMethod)' is neither a did:key nor an id ending in "
                + "'#z6Mk…', and no supplied document describes it; pass its controller document "
                + "(documents) or its key (knownKeys)")
    }

    private static func key(
        _ verificationMethod: String, _ decode: () throws(CryptoError) -> Ed25519PublicKey
    ) throws(ProofError) -> Ed25519PublicKey {
        do throws(CryptoError) {
            return try decode()
        } catch {
            throw ProofError(
                .unresolvableVerificationMethod,
                "the verification method '\(verificationMethod)' does not hold a usable Ed25519 key: \(error.reason)")
        }
    }
}

/// A resolver that answers every verification method with one key the caller already trusts.
public struct FixedKeyResolver: VerificationMethodResolver {
    public var publicKey: Ed25519PublicKey

    public init(_ publicKey: Ed25519PublicKey) {
        self.publicKey = publicKey
    }

    public func ed25519PublicKey(for verificationMethod: String) throws(ProofError) -> Ed25519PublicKey {
        publicKey
    }
}
