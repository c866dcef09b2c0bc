/// A NIST P-256 public key for verifying ES256 JSON Web Signatures (ECDSA with SHA-256, RFC 7518 §3.4).
public struct P256PublicKey: Sendable {
    let key: EVPKey

    /// Loads a P-256 public key from a JWK with `kty` "EC", `crv` "P-256" and 32-byte coordinates `x` and `y`
    /// (RFC 7518 §6.2.1). The point must lie on the curve.
    public init(jwk: JWK) throws(CryptoError) {
        guard jwk.kty == "EC" else {
            throw CryptoError(.wrongKeyType, "the JWK has kty '\(jwk.kty)', but a P-256 key (kty 'EC') is required")
        }
        guard jwk.crv == "P-256" else {
            throw CryptoError(
                .unsupportedKeyType, "the EC JWK has curve '\(jwk.crv ?? "(none)")'; ES256 needs 'P-256'")
        }
        let x = try jwk.bytes(jwk.x, member: "x")
        let y = try jwk.bytes(jwk.y, member: "y")
        guard x.count == 32, y.count == 32 else {
            throw CryptoError(
                .invalidKeyLength,
                "P-256 coordinates must be 32 bytes each, but x has \(x.count) and y has \(y.count)")
        }
        key = try EVPKey.p256Public(uncompressedPoint: [0x04] + x + y)
    }

    /// Loads a P-256 public key from SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    public init(spkiPEM: String) throws(CryptoError) {
        try PEMText.requirePublicKey(spkiPEM)
        let key = try EVPKey.publicKey(pem: spkiPEM)
        guard key.isA("EC") else {
            throw CryptoError(.wrongKeyType, "the key is an \(key.displayName) key, but a P-256 key is required")
        }
        guard let curve = key.curveName, curve == "prime256v1" || curve == "P-256" else {
            throw CryptoError(
                .unsupportedKeyType, "the EC key is on curve '\(key.curveName ?? "unknown")'; ES256 needs P-256")
        }
        self.key = key
    }

    /// Whether `rawRS` is a valid ES256 signature of `message`: the JWS form, 64 bytes of `r || s` each big-endian
    /// (RFC 7518 §3.4), not DER. For a JWS, `message` is the ASCII of `BASE64URL(header) "." BASE64URL(payload)`.
    public func isValidES256Signature(_ rawRS: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        let raw = Array(rawRS)
        guard raw.count == 64 else { return false }
        let der = Self.derSignature(r: raw[0..<32], s: raw[32..<64])
        return key.verifySHA256(signature: der, message: message)
    }

    /// The DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.3) for raw `r` and `s`.
    static func derSignature(r: ArraySlice<UInt8>, s: ArraySlice<UInt8>) -> [UInt8] {
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var value = Array(bytes.drop { $0 == 0 })
            if value.isEmpty { value = [0] }
            if value[0] & 0x80 != 0 { value.insert(0, at: 0) }
            return [0x02, UInt8(value.count)] + value
        }
        let body = integer(r) + integer(s)
        return [0x30, UInt8(body.count)] + body
    }
}
