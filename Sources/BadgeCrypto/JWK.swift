import Foundation

/// A JSON Web Key (RFC 7517) for the key types Laurel uses: `OKP` Ed25519 (RFC 8037), `RSA` and `EC` P-256
/// (RFC 7518 §6). Binary members are base64url without padding. Members Laurel does not model are ignored when
/// reading.
public struct JWK: Codable, Sendable, Hashable {
    /// Key type: "OKP", "RSA" or "EC".
    public var kty: String
    /// Curve: "Ed25519" for OKP, "P-256" for EC.
    public var crv: String?
    /// OKP public key, or EC x coordinate.
    public var x: String?
    /// EC y coordinate.
    public var y: String?
    /// RSA modulus.
    public var n: String?
    /// RSA public exponent.
    public var e: String?
    /// Private key: the Ed25519 seed for OKP. Present only in private JWKs; never publish it.
    public var d: String?
    /// Key ID.
    public var kid: String?
    /// Algorithm intended for the key, e.g. "EdDSA", "Ed25519", "RS256", "ES256".
    public var alg: String?
    /// Public key use, e.g. "sig".
    public var use: String?

    public init(
        kty: String, crv: String? = nil, x: String? = nil, y: String? = nil, n: String? = nil, e: String? = nil,
        d: String? = nil, kid: String? = nil, alg: String? = nil, use: String? = nil
    ) {
        self.kty = kty
        self.crv = crv
        self.x = x
        self.y = y
        self.n = n
        self.e = e
        self.d = d
        self.kid = kid
        self.alg = alg
        self.use = use
    }

    /// Largest JSON text `init(json:)` reads: a 16384-bit RSA key is under 6 KB.
    public static let maximumJSONLength = 1 << 16

    /// Parses a JWK from JSON text.
    public init(json: some Collection<UInt8>) throws(CryptoError) {
        guard json.count <= Self.maximumJSONLength else {
            throw CryptoError(.malformedJWK, "the JWK is \(json.count) bytes long; at most \(Self.maximumJSONLength)")
        }
        do {
            self = try JSONDecoder().decode(JWK.self, from: Data(json))
        } catch {
            throw CryptoError(.malformedJWK, "the text is not a JSON Web Key: \(JWK.describe(error))")
        }
    }

    /// This JWK without private members: what may be published.
    public var publicKeyOnly: JWK {
        var copy = self
        copy.d = nil
        return copy
    }

    /// Whether this JWK carries private key material.
    public var isPrivate: Bool { d != nil }

    /// Compact JSON with members in sorted order (stable output for files and tests).
    public func jsonString(prettyPrinted: Bool = false) -> String {
        JWK.encode(self, prettyPrinted: prettyPrinted)
    }

    /// The JWK Thumbprint (RFC 7638): SHA-256 of the required public members in lexicographic order, with no
    /// whitespace. Useful as a `kid`.
    public func thumbprint() throws(CryptoError) -> [UInt8] {
        func required(_ value: String?, _ name: String) throws(CryptoError) -> String {
            guard let value else {
                throw CryptoError(.malformedJWK, "a JWK of kty '\(kty)' needs the member '\(name)' for a thumbprint")
            }
            return value
        }
        let members: [(String, String)]
        switch kty {
        case "OKP": members = [("crv", try required(crv, "crv")), ("kty", kty), ("x", try required(x, "x"))]
        case "EC":
            members = [
                ("crv", try required(crv, "crv")), ("kty", kty), ("x", try required(x, "x")),
                ("y", try required(y, "y")),
            ]
        case "RSA": members = [("e", try required(e, "e")), ("kty", kty), ("n", try required(n, "n"))]
        default: throw CryptoError(.unsupportedKeyType, "no JWK thumbprint for kty '\(kty)'")
        }
        let json = "{" + members.map { "\"\($0.0)\":\(JWK.quoted($0.1))" }.joined(separator: ",") + "}"
        return SHA256.hash(Array(json.utf8))
    }

    /// The RFC 7638 thumbprint, base64url-encoded.
    public func thumbprintBase64URL() throws(CryptoError) -> String {
        Base64URL.encode(try thumbprint())
    }

    /// Decodes a base64url member, naming it in the error.
    func bytes(_ value: String?, member: String) throws(CryptoError) -> [UInt8] {
        guard let value else {
            throw CryptoError(.malformedJWK, "the \(kty) JWK has no '\(member)' member")
        }
        do {
            return try Base64URL.decode(value)
        } catch {
            throw CryptoError(.malformedJWK, "the JWK member '\(member)' is not valid base64url: \(error.reason)")
        }
    }

    static func encode(_ value: some Encodable, prettyPrinted: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "the member '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "the member '\(path)' has the wrong type"
        case DecodingError.dataCorrupted: return "it is not valid JSON"
        default: return "\(error)"
        }
    }

    /// A JSON string literal (RFC 8259 §7) for `text`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// A JWK Set (RFC 7517 §5): `{"keys": [...]}`, as published at an issuer's `/.well-known/jwks.json`.
public struct JWKS: Codable, Sendable, Hashable {
    /// The keys of the set.
    public var keys: [JWK]

    /// A set of the given keys. Private members (`d`) are removed: a JWK Set is for publishing.
    public init(keys: [JWK]) {
        self.keys = keys.map(\.publicKeyOnly)
    }

    /// A set of Ed25519 public keys, each with `alg` "EdDSA", `use` "sig" and its RFC 7638 thumbprint as `kid`.
    public init(ed25519PublicKeys: [Ed25519PublicKey]) {
        self.init(keys: ed25519PublicKeys.map { key in
            var jwk = key.jwk()
            jwk.kid = try? jwk.thumbprintBase64URL()
            jwk.alg = "EdDSA"
            jwk.use = "sig"
            return jwk
        })
    }

    /// Parses a JWK Set from JSON text (at most 1 MiB).
    public init(json: some Collection<UInt8>) throws(CryptoError) {
        guard json.count <= 1 << 20 else {
            throw CryptoError(.malformedJWK, "the JWK Set is \(json.count) bytes long; at most 1 MiB")
        }
        do {
            self = try JSONDecoder().decode(JWKS.self, from: Data(json))
        } catch {
            throw CryptoError(.malformedJWK, "the text is not a JWK Set: \(JWK.describe(error))")
        }
    }

    /// The first key whose `kid` is `keyID`.
    public func key(withID keyID: String) -> JWK? {
        keys.first { $0.kid == keyID }
    }

    /// The set as JSON with sorted members.
    public func jsonString(prettyPrinted: Bool = true) -> String {
        JWK.encode(self, prettyPrinted: prettyPrinted)
    }
}
