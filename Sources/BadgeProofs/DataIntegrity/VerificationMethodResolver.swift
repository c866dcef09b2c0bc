public import BadgeCrypto

/// Turns a proof's `verificationMethod` into the Ed25519 public key that checks it ("Retrieve Verification
/// Method", Controlled Identifiers 1.0 §3.3). Resolvers that need the network live above this module.
public protocol VerificationMethodResolver: Sendable {
    /// The Ed25519 public key of `verificationMethod`, or an error saying why there is none.
    func ed25519PublicKey(for verificationMethod: String) throws(ProofError) -> Ed25519PublicKey
}

/// Resolves the verification methods that carry their key in their own text, with no network:
///
/// - `did:key:z6Mk…` and `did:key:z6Mk…#z6Mk…` (did:key Method §3);
/// - `<controller>#z6Mk…`, the convention the 1EdTech validator accepts, where the fragment is the key's
///   `publicKeyMultibase` (the controller itself is not checked here; a verifier compares it with the issuer);
/// - any id listed in `knownKeys` (keys the caller has already fetched or trusts).
public struct OfflineVerificationMethodResolver: VerificationMethodResolver {
    public var knownKeys: [String: Ed25519PublicKey]

    public init(knownKeys: [String: Ed25519PublicKey] = [:]) {
        self.knownKeys = knownKeys
    }

    public func ed25519PublicKey(for verificationMethod: String) throws(ProofError) -> Ed25519PublicKey {
        if let known = knownKeys[verificationMethod] { return known }
        do throws(CryptoError) {
            if verificationMethod.hasPrefix(DIDKey.prefix) {
                return try DIDKey.publicKey(from: verificationMethod)
            }
            if let hash = verificationMethod.lastIndex(of: "#") {
                let fragment = verificationMethod[verificationMethod.index(after: hash)...]
                if fragment.hasPrefix("z6Mk") {
                    return try Multikey.publicKey(from: String(fragment))
                }
            }
        } catch {
            throw ProofError(
                .unresolvableVerificationMethod,
                "the verification method '\(verificationMethod)' does not hold a usable Ed25519 key: \(error.reason)")
        }
        throw ProofError(
            .unresolvableVerificationMethod,
            "the verification method '\(verificationMethod)' is neither a did:key nor an id ending in "
                + "'#z6Mk…'; it must be fetched and its key passed in (knownKeys)")
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
