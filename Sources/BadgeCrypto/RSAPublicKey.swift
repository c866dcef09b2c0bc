/// An RSA public key for verifying RS256 JSON Web Signatures (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3),
/// as Open Badges 3.0 VC-JWTs use at minimum.
///
/// Keys of 2048 to 16384 bits are accepted (RFC 7518 §3.3 requires at least 2048).
public struct RSAPublicKey: Sendable {
    /// Smallest modulus accepted, in bits.
    public static let minimumBits = 2048
    /// Largest modulus accepted, in bits: bounds the work a hostile key can cause.
    public static let maximumBits = 16384

    let key: EVPKey

    /// Loads an RSA public key from a JWK with `kty` "RSA" and members `n` and `e` (RFC 7518 §6.3.1).
    public init(jwk: JWK) throws(CryptoError) {
        guard jwk.kty == "RSA" else {
            throw CryptoError(.wrongKeyType, "the JWK has kty '\(jwk.kty)', but an RSA key (kty 'RSA') is required")
        }
        let modulus = try jwk.bytes(jwk.n, member: "n")
        let exponent = try jwk.bytes(jwk.e, member: "e")
        let significant = modulus.drop { $0 == 0 }
        guard significant.count * 8 <= Self.maximumBits + 8 else {
            throw CryptoError(
                .invalidKeyLength, "the RSA modulus is longer than \(Self.maximumBits) bits, which Laurel refuses")
        }
        guard !exponent.isEmpty, exponent.count <= 8 else {
            throw CryptoError(.malformedJWK, "the RSA public exponent 'e' must be 1 to 8 bytes long")
        }
        try self.init(checking: EVPKey.rsaPublic(modulus: modulus, exponent: exponent))
    }

    /// Loads an RSA public key from SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    public init(spkiPEM: String) throws(CryptoError) {
        try PEMText.requirePublicKey(spkiPEM)
        try self.init(checking: EVPKey.publicKey(pem: spkiPEM))
    }

    private init(checking key: EVPKey) throws(CryptoError) {
        guard key.isA("RSA") else {
            throw CryptoError(.wrongKeyType, "the key is an \(key.displayName) key, but an RSA key is required")
        }
        guard (Self.minimumBits...Self.maximumBits).contains(key.bits) else {
            throw CryptoError(
                .invalidKeyLength,
                "the RSA key has \(key.bits) bits; RS256 needs \(Self.minimumBits) to \(Self.maximumBits) bits")
        }
        self.key = key
    }

    /// Size of the modulus in bits.
    public var bitCount: Int { key.bits }

    /// Whether `signature` is a valid RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256) of `message`. For a JWS,
    /// `message` is the ASCII of `BASE64URL(header) "." BASE64URL(payload)`.
    public func isValidRS256Signature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        guard signature.count == (key.bits + 7) / 8 else { return false }
        return key.verifySHA256(signature: signature, message: message)
    }
}
