public import BadgeCrypto
internal import LinkedData

/// A public key that checks JWS signatures: Ed25519 (`EdDSA`/`Ed25519`), RSA (`RS256`) or P-256 (`ES256`).
public struct JWTVerificationKey: Sendable {
    enum Kind: Sendable {
        case ed25519(Ed25519PublicKey)
        case rsa(RSAPublicKey)
        case p256(P256PublicKey)
    }

    let kind: Kind
    /// The key's public JWK, when it is known (always for Ed25519 and for keys read from a JWK).
    public let jwk: JWK?

    private init(kind: Kind, jwk: JWK?) {
        self.kind = kind
        self.jwk = jwk
    }

    /// An Ed25519 key, for `EdDSA` and `Ed25519` tokens.
    public static func ed25519(_ key: Ed25519PublicKey) -> JWTVerificationKey {
        JWTVerificationKey(kind: .ed25519(key), jwk: key.jwk())
    }

    /// An RSA key, for `RS256` tokens; give its JWK too to have a header `jwk` compared with it.
    public static func rsa(_ key: RSAPublicKey, jwk: JWK? = nil) -> JWTVerificationKey {
        JWTVerificationKey(kind: .rsa(key), jwk: jwk?.publicKeyOnly)
    }

    /// A P-256 key, for `ES256` tokens; give its JWK too to have a header `jwk` compared with it.
    public static func p256(_ key: P256PublicKey, jwk: JWK? = nil) -> JWTVerificationKey {
        JWTVerificationKey(kind: .p256(key), jwk: jwk?.publicKeyOnly)
    }

    /// Reads a public JWK: `OKP`/`Ed25519`, `RSA` or `EC`/`P-256`. A JWK with a private member `d` is refused.
    public init(jwk: JWK) throws(JWTError) {
        guard !jwk.isPrivate else {
            throw JWTError(.invalidKey, "the JWK holds a private key ('d'); only public keys may be used or published")
        }
        do throws(CryptoError) {
            switch jwk.kty {
            case "OKP": self = .ed25519(try Ed25519PublicKey(jwk: jwk))
            case "RSA": self = .rsa(try RSAPublicKey(jwk: jwk), jwk: jwk)
            case "EC": self = .p256(try P256PublicKey(jwk: jwk), jwk: jwk)
            default: throw CryptoError(.unsupportedKeyType, "the JWK key type '\(jwk.kty)' is not OKP, RSA or EC")
            }
        } catch {
            throw JWTError(.invalidKey, "the JWK cannot be used: \(error.reason)")
        }
    }

    /// Reads a public JWK from its JSON (as found in a JOSE header).
    init(jwkJSON value: JSONValue) throws(JWTError) {
        guard value.objectValue != nil else {
            throw JWTError(.invalidKey, "the header 'jwk' is not a JSON object")
        }
        let jwk: JWK
        do throws(CryptoError) {
            jwk = try JWK(json: value.jsonBytes())
        } catch {
            throw JWTError(.invalidKey, "the header 'jwk' is not a usable JSON Web Key: \(error.reason)")
        }
        try self.init(jwk: jwk)
    }

    /// The name of the key type, for messages.
    var typeName: String {
        switch kind {
        case .ed25519: "Ed25519"
        case .rsa: "RSA"
        case .p256: "P-256"
        }
    }

    /// Whether the key type is the one `algorithm` uses.
    func fits(_ algorithm: JWSAlgorithm) -> Bool {
        switch (kind, algorithm) {
        case (.ed25519, .edDSA), (.ed25519, .ed25519), (.rsa, .rs256), (.p256, .es256): true
        default: false
        }
    }

    /// Checks `signature` over `message` with the algorithm's rules.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        switch kind {
        case .ed25519(let key): key.isValidSignature(signature, for: message)
        case .rsa(let key): key.isValidRS256Signature(signature, for: message)
        case .p256(let key): key.isValidES256Signature(signature, for: message)
        }
    }

    /// Whether two public JWKs describe the same key (public members compared as decoded integers/bytes).
    static func sameKey(_ a: JWK, _ b: JWK) -> Bool {
        func bytes(_ text: String?) -> [UInt8]? {
            guard let text, let decoded = try? Base64URL.decode(text) else { return nil }
            return Array(decoded.drop { $0 == 0 })
        }
        guard a.kty == b.kty, a.crv == b.crv else { return false }
        return bytes(a.x) == bytes(b.x) && bytes(a.y) == bytes(b.y) && bytes(a.n) == bytes(b.n)
            && bytes(a.e) == bytes(b.e)
    }
}
