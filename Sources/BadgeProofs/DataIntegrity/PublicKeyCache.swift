import BadgeCrypto
import Synchronization

/// Ed25519 public keys decoded from `publicKeyMultibase` text, kept so that verifying many credentials of one
/// issuer decodes the key, and sets up its OpenSSL verification contexts, once.
///
/// The cache holds at most `capacity` keys and is emptied when full, so its memory is bounded whatever the input.
/// Decoding is deterministic, so a cached key is exactly the key the text names.
enum PublicKeyCache {
    static let capacity = 256
    private static let keys = Mutex<[String: Ed25519PublicKey]>([:])

    /// The key of a `publicKeyMultibase` value (`z6Mk…`).
    static func multikey(_ multibase: String) throws(CryptoError) -> Ed25519PublicKey {
        if let cached = keys.withLock({ $0[multibase] }) { return cached }
        let key = try Multikey.publicKey(from: multibase)
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[multibase] = key
        }
        return key
    }
}
