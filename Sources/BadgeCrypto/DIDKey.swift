/// The `did:key` method for Ed25519 keys (did:key Method v0.7 §3): `did:key:` followed by the key's
/// `publicKeyMultibase`, with the verification method `did:key:X#X`.
public enum DIDKey {
    /// The scheme and method prefix of every did:key.
    public static let prefix = "did:key:"

    /// The DID of `key`: `did:key:z6Mk…`.
    public static func did(for key: Ed25519PublicKey) -> String {
        prefix + Multikey.encode(key)
    }

    /// The verification method id of `key`: `did:key:z6Mk…#z6Mk…`.
    public static func verificationMethod(for key: Ed25519PublicKey) -> String {
        let multibase = Multikey.encode(key)
        return prefix + multibase + "#" + multibase
    }

    /// Reads the Ed25519 public key from a did:key DID or verification method id.
    ///
    /// A fragment, when present, must repeat the method-specific identifier (as did:key §3.1.1 derives it).
    public static func publicKey(from didOrVerificationMethod: String) throws(CryptoError) -> Ed25519PublicKey {
        let text = didOrVerificationMethod
        guard text.hasPrefix(prefix) else {
            throw CryptoError(.malformedDID, "'\(abbreviated(text))' is not a did:key (it must start with 'did:key:')")
        }
        let rest = text.dropFirst(prefix.count)
        let parts = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let identifier = String(parts[0])
        if parts.count == 2 && parts[1] != parts[0] {
            throw CryptoError(
                .malformedDID,
                "the fragment of '\(abbreviated(text))' does not match its key; a did:key verification method "
                    + "is did:key:X#X")
        }
        guard !identifier.isEmpty, !identifier.contains(":"), !identifier.contains("?"), !identifier.contains("/")
        else {
            throw CryptoError(.malformedDID, "'\(abbreviated(text))' has no single multibase key after 'did:key:'")
        }
        return try Multikey.publicKey(from: identifier)
    }

    private static func abbreviated(_ text: String) -> String {
        text.count <= 120 ? text : String(text.prefix(117)) + "..."
    }
}
