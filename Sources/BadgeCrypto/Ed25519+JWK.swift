extension Ed25519PublicKey {
    /// Loads an Ed25519 public key from an OKP JWK (RFC 8037 §2): `{"kty":"OKP","crv":"Ed25519","x":…}`.
    public init(jwk: JWK) throws(CryptoError) {
        try Self.checkOKP(jwk)
        try self.init(rawRepresentation: jwk.bytes(jwk.x, member: "x"))
    }

    /// The key as an OKP JWK (RFC 8037 §2) with `kty`, `crv`, `x` and, if given, `kid`.
    public func jwk(keyID: String? = nil) -> JWK {
        JWK(kty: "OKP", crv: "Ed25519", x: Base64URL.encode(rawRepresentation), kid: keyID)
    }

    static func checkOKP(_ jwk: JWK) throws(CryptoError) {
        switch jwk.kty {
        case "OKP":
            guard jwk.crv == "Ed25519" else {
                throw CryptoError(
                    .unsupportedKeyType,
                    "the OKP JWK has curve '\(jwk.crv ?? "(none)")'; only 'Ed25519' is supported")
            }
        case "RSA", "EC":
            throw CryptoError(.wrongKeyType, "the JWK is an \(jwk.kty) key, but an Ed25519 (OKP) key is required")
        default:
            throw CryptoError(
                .wrongKeyType, "the JWK has kty '\(jwk.kty)', but an Ed25519 key needs kty 'OKP' (RFC 8037)")
        }
    }
}

extension Ed25519PrivateKey {
    /// Loads an Ed25519 private key from an OKP JWK with its private member `d` (RFC 8037 §2). If `x` is present
    /// it must be the matching public key.
    public init(jwk: JWK) throws(CryptoError) {
        try Ed25519PublicKey.checkOKP(jwk)
        guard jwk.d != nil else {
            throw CryptoError(.wrongKeyType, "the JWK is a public key (no 'd' member), but a private key is required")
        }
        var seed = try jwk.bytes(jwk.d, member: "d")
        defer { Self.wipe(&seed) }
        try self.init(seed: seed)
        if jwk.x != nil {
            let claimed = try jwk.bytes(jwk.x, member: "x")
            guard claimed == publicKey.rawRepresentation else {
                throw CryptoError(.malformedJWK, "the JWK's public key 'x' does not match its private key 'd'")
            }
        }
    }

    /// The key as an OKP JWK. The private member `d` is included only when `includingPrivateKey` is `true`;
    /// otherwise this is the public key's JWK.
    public func jwk(includingPrivateKey: Bool = false, keyID: String? = nil) -> JWK {
        var jwk = publicKey.jwk(keyID: keyID)
        if includingPrivateKey {
            var seed = self.seed
            defer { Self.wipe(&seed) }
            jwk.d = Base64URL.encode(seed)
        }
        return jwk
    }
}
