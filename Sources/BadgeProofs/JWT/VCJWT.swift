public import BadgeCrypto
public import LinkedData

/// VC-JWT as Open Badges 3.0 §8.2 shapes it: a compact JWS whose payload is the credential itself plus the JWT
/// claims `iss` (issuer id), `jti` (credential id), `nbf` (validFrom as a NumericDate), `sub` (credential
/// subject id, when there is one) and `exp` (validUntil as a NumericDate, when there is one).
///
/// Laurel issues with Ed25519 (`alg` `EdDSA`, or `Ed25519` per RFC 9864) and verifies EdDSA/Ed25519, RS256 and
/// ES256. The JOSE header is `alg`, `typ` `JWT`, and either `kid` (a URI that dereferences to the public key) or
/// `jwk` (the public key itself, never a private one).
public enum VCJWT {
    /// How the header tells a verifier which key to use.
    public enum KeyReference: Sendable, Hashable {
        /// `kid`: a URI that dereferences to the issuer's public JWK.
        case keyID(String)
        /// `jwk`: the public key, embedded in the header.
        case embeddedJWK
    }

    /// The JWT claim names OB 3.0 adds to the credential, in the order Laurel writes them.
    public static let credentialClaims = ["iss", "jti", "nbf", "sub", "exp"]

    /// Issues `credential` as a VC-JWT signed with `privateKey` (OB 3.0 §8.2.4 "Create the JWT").
    ///
    /// The credential must have an issuer id, an `id` and a `validFrom`; it is copied into the payload member for
    /// member and number for number, then the claims are appended.
    public static func issue(
        _ credential: JSONObject, privateKey: Ed25519PrivateKey, keyReference: KeyReference,
        algorithm: JWSAlgorithm = .edDSA
    ) throws(JWTError) -> String {
        guard algorithm.isEd25519 else {
            throw JWTError(
                .unsupportedAlgorithm,
                "Laurel issues VC-JWTs with Ed25519 ('EdDSA' or 'Ed25519'), not '\(algorithm.rawValue)'")
        }
        var header = JSONObject()
        header["alg"] = .string(algorithm.rawValue)
        header["typ"] = "JWT"
        switch keyReference {
        case .keyID(let keyID):
            header["kid"] = .string(keyID)
        case .embeddedJWK:
            let x = Base64URL.encode(privateKey.publicKey.rawRepresentation)
            header["jwk"] = .object(JSONObject(["kty": "OKP", "crv": "Ed25519", "x": .string(x)]))
        }
        let payload = try self.payload(for: credential)
        let signingInput = Base64URL.encode(header.jsonBytes()) + "." + Base64URL.encode(payload.jsonBytes())
        let signature: [UInt8]
        do throws(CryptoError) {
            signature = try privateKey.signature(for: Array(signingInput.utf8))
        } catch {
            throw JWTError(.signingFailed, "Ed25519 signing failed: \(error.reason)")
        }
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// The JWT payload for `credential`: the credential followed by `iss`, `jti`, `nbf`, `sub` (if the subject has
    /// an id) and `exp` (if the credential has `validUntil`).
    public static func payload(for credential: JSONObject) throws(JWTError) -> JSONObject {
        for claim in credentialClaims where credential[claim] != nil {
            throw JWTError(
                .invalidCredential,
                "the credential already has a member '\(claim)', which the VC-JWT claims would overwrite")
        }
        guard let issuer = issuerID(of: credential) else {
            throw JWTError(
                .invalidCredential, "the credential has no issuer id (issuer or issuer.id), needed for 'iss'")
        }
        guard let id = credential["id"]?.stringValue else {
            throw JWTError(.invalidCredential, "the credential has no 'id', needed for 'jti'")
        }
        guard let validFrom = credential["validFrom"]?.stringValue else {
            throw JWTError(.invalidCredential, "the credential has no 'validFrom', needed for 'nbf'")
        }
        var payload = credential
        payload["iss"] = .string(issuer)
        payload["jti"] = .string(id)
        payload["nbf"] = try numericDate(validFrom, member: "validFrom")
        if let subject = subjectIDs(of: credential).first {
            payload["sub"] = .string(subject)
        }
        if let validUntil = credential["validUntil"]?.stringValue {
            payload["exp"] = try numericDate(validUntil, member: "validUntil")
        }
        return payload
    }

    // MARK: Helpers shared with verification

    /// `issuer` when it is a string, else `issuer.id`.
    static func issuerID(of credential: JSONObject) -> String? {
        switch credential["issuer"] {
        case .string(let id)?: id
        case .object(let issuer)?: issuer["id"]?.stringValue
        default: nil
        }
    }

    /// The ids of the credential subjects (one object, or each object of an array).
    static func subjectIDs(of credential: JSONObject) -> [String] {
        switch credential["credentialSubject"] {
        case .object(let subject)?: subject["id"]?.stringValue.map { [$0] } ?? []
        case .array(let subjects)?: subjects.compactMap { $0["id"]?.stringValue }
        default: []
        }
    }

    /// A dateTime as a NumericDate (RFC 7519 §2): whole seconds since 1970-01-01T00:00:00Z, rounded down.
    static func numericDate(_ text: String, member: String) throws(JWTError) -> JSONValue {
        guard let date = XSDDateTime(text) else {
            throw JWTError(
                .invalidCredential, "the credential's '\(member)' (\"\(text)\") is not an XML Schema dateTime")
        }
        return .number(JSONNumber(Int(date.seconds)))
    }
}
