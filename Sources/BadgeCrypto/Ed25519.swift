/// An Ed25519 private key (RFC 8032 PureEdDSA over edwards25519), held inside OpenSSL's libcrypto.
///
/// The private key is the 32-byte seed of RFC 8032 §5.1.5; the public key is derived from it. Signing is
/// deterministic: the same key and message always give the same 64-byte signature. A key may be used from many
/// threads at once.
public struct Ed25519PrivateKey: Sendable {
    /// Size of the raw private key (the seed) in bytes.
    public static let seedByteCount = 32
    /// Size of an Ed25519 signature in bytes.
    public static let signatureByteCount = 64

    let storage: Ed25519PrivateKeyStorage

    /// Generates a new key from OpenSSL's cryptographically secure random generator.
    public init() throws(CryptoError) {
        var seed = try OpenSSLRandom.privateBytes(count: Self.seedByteCount)
        defer { Self.wipe(&seed) }
        try self.init(seed: seed)
    }

    /// Loads a key from its 32-byte seed (the "private key" of RFC 8032 §5.1.5).
    public init(seed: some Collection<UInt8>) throws(CryptoError) {
        guard seed.count == Self.seedByteCount else {
            throw CryptoError(
                .invalidKeyLength,
                "an Ed25519 private key (seed) must be \(Self.seedByteCount) bytes, but \(seed.count) were given")
        }
        try self.init(evpKey: EVPKey.rawPrivate("ED25519", seed))
    }

    /// Wraps an OpenSSL key already known to be Ed25519 with private material.
    init(evpKey: EVPKey) throws(CryptoError) {
        guard evpKey.isA("ED25519") else {
            throw CryptoError(
                .wrongKeyType, "the key is an \(evpKey.displayName) key, but an Ed25519 key is required")
        }
        let publicBytes = try evpKey.rawPublicKey()
        storage = Ed25519PrivateKeyStorage(key: evpKey, publicKey: try Ed25519PublicKey(rawRepresentation: publicBytes))
    }

    /// The 32-byte seed. Treat it as secret: anyone who has it can sign as this key.
    public var seed: [UInt8] {
        // Reading back a key OpenSSL holds cannot fail for a key built from raw bytes or a PKCS#8 Ed25519 PEM.
        (try? storage.key.rawPrivateKey()) ?? []
    }

    /// The matching public key.
    public var publicKey: Ed25519PublicKey { storage.publicKey }

    /// The 64-byte Ed25519 signature (RFC 8032 §5.1.6) of `message`. The message is signed as it is, not hashed
    /// first (PureEdDSA).
    public func signature(for message: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        try storage.signer.sign(message)
    }

    static func wipe(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
    }
}

/// The shared, immutable parts of an `Ed25519PrivateKey`: the OpenSSL key, the derived public key and the pool of
/// signing contexts. Final and immutable after `init`; Sendable because every stored property is.
final class Ed25519PrivateKeyStorage: Sendable {
    let key: EVPKey
    let publicKey: Ed25519PublicKey
    let signer: PureEdDSAContexts

    init(key: EVPKey, publicKey: Ed25519PublicKey) {
        self.key = key
        self.publicKey = publicKey
        self.signer = PureEdDSAContexts(key: key, operation: .sign)
    }
}

/// An Ed25519 public key: the 32-byte encoding of a point on edwards25519 (RFC 8032 §5.1.2).
///
/// Two public keys are equal when their raw 32-byte encodings are equal.
public struct Ed25519PublicKey: Sendable, Hashable {
    /// Size of the raw public key in bytes.
    public static let byteCount = 32

    /// The 32-byte encoded public key.
    public let rawRepresentation: [UInt8]
    let storage: Ed25519PublicKeyStorage

    /// Loads a public key from its 32-byte encoding.
    public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
        guard rawRepresentation.count == Self.byteCount else {
            throw CryptoError(
                .invalidKeyLength,
                "an Ed25519 public key must be \(Self.byteCount) bytes, but \(rawRepresentation.count) were given")
        }
        let bytes = Array(rawRepresentation)
        self.rawRepresentation = bytes
        storage = Ed25519PublicKeyStorage(key: try EVPKey.rawPublic("ED25519", bytes))
    }

    /// Wraps an OpenSSL key, checking that it is Ed25519.
    init(evpKey: EVPKey) throws(CryptoError) {
        guard evpKey.isA("ED25519") else {
            throw CryptoError(
                .wrongKeyType, "the key is an \(evpKey.displayName) key, but an Ed25519 key is required")
        }
        rawRepresentation = try evpKey.rawPublicKey()
        storage = Ed25519PublicKeyStorage(key: evpKey)
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` under this key (RFC 8032 §5.1.7).
    ///
    /// A signature that is not 64 bytes, or whose S is not below the group order, is invalid. Never throws: a
    /// signature that cannot be checked is not valid.
    public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        storage.verifier.verify(signature, message)
    }

    public static func == (lhs: Ed25519PublicKey, rhs: Ed25519PublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}

/// The OpenSSL side of an `Ed25519PublicKey`: the key and its pool of verification contexts.
final class Ed25519PublicKeyStorage: Sendable {
    let key: EVPKey
    let verifier: PureEdDSAContexts

    init(key: EVPKey) {
        self.key = key
        self.verifier = PureEdDSAContexts(key: key, operation: .verify)
    }
}
