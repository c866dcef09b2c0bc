public import LinkedData

/// What a VC-JWT verifier expects. The clock is not read here: give `validationTime` to have `nbf` and `exp`
/// checked against it.
public struct VCJWTVerificationOptions: Sendable, Hashable {
    /// Seconds since 1970; when set, a token whose `nbf` is later or whose `exp` is not later fails.
    public var validationTime: Double?
    /// Seconds of clock skew tolerated in the `nbf`/`exp` checks.
    public var clockSkew: Double

    public init(validationTime: Double? = nil, clockSkew: Double = 0) {
        self.validationTime = validationTime
        self.clockSkew = clockSkew
    }
}

/// The outcome of verifying a VC-JWT.
public struct VCJWTVerificationResult: Sendable, Hashable {
    /// Why the token did not verify; `nil` when it did.
    public var failure: JWTError?
    /// The `alg` of the header, when the token could be decoded.
    public var algorithm: String?
    /// The JOSE header, when the token could be decoded.
    public var header: JSONObject?
    /// The payload, when it could be parsed.
    public var payload: JSONObject?
    /// The credential: the `vc` claim for a VCDM 1.1 token, else the payload without the JWT registered claims
    /// (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`).
    public var credential: JSONObject?
    /// Whether the credential came from a VCDM 1.1 `vc` claim.
    public var isVCDM11: Bool
    /// Things worth reporting that do not make the token invalid (a claim OB 3.0 requires but the token lacks).
    public var warnings: [String]
    /// Whether the signature itself verified (a token can have a good signature and claims that disagree with
    /// the credential it carries).
    public var signatureVerified: Bool = false

    /// Whether the signature verified and the claims agree with the credential.
    public var verified: Bool { failure == nil }
}

extension VCJWT {
    /// The JWT registered claim names (RFC 7519 §4.1), removed from the payload to give the credential.
    static let registeredClaims: Set<String> = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]

    /// Verifies a VC-JWT (OB 3.0 §8.2.5 "Verify a Credential"): the JWS signature, then that `iss`, `jti`, `nbf`,
    /// `sub` and `exp` agree with the credential. Fails closed, with a reason, on `alg` `none`, unknown
    /// algorithms, a key of the wrong type or a header `jwk` that is not the supplied key, any change to the
    /// header, payload or signature, and truncated tokens.
    ///
    /// - Parameter key: the issuer's key, when the caller has it (from `kid`, a JWKS, or configuration). Without
    ///   it, the header must carry a public `jwk`. With it, the supplied key is the one used, and a header `jwk`
    ///   must describe the same key (compared whenever the supplied key's JWK is known).
    public static func verify(
        _ token: String, key: JWTVerificationKey? = nil, options: VCJWTVerificationOptions = VCJWTVerificationOptions()
    ) -> VCJWTVerificationResult {
        var result = VCJWTVerificationResult(
            failure: nil, algorithm: nil, header: nil, payload: nil, credential: nil, isVCDM11: false, warnings: [])
        do throws(JWTError) {
            let jws = try CompactJWS(parsing: token)
            result.algorithm = jws.algorithm
            result.header = jws.header
            try checkSignature(jws, key: key)
            result.signatureVerified = true
            let payload = try jws.payloadObject()
            result.payload = payload
            let (credential, isVCDM11) = try credential(in: payload)
            result.credential = credential
            result.isVCDM11 = isVCDM11
            result.warnings = try checkClaims(payload, credential: credential, isVCDM11: isVCDM11, options: options)
        } catch {
            result.failure = error
        }
        return result
    }

    private static func checkSignature(_ jws: CompactJWS, key: JWTVerificationKey?) throws(JWTError) {
        let name = jws.algorithm
        if name.lowercased() == "none" {
            throw JWTError(.algorithmNone, "the token is unsecured ('alg' is 'none'); it is never accepted")
        }
        guard let algorithm = JWSAlgorithm(rawValue: name) else {
            throw JWTError(
                .unsupportedAlgorithm, "the algorithm '\(name)' is not supported; use EdDSA, Ed25519, RS256 or ES256")
        }
        if jws.header["crit"] != nil {
            throw JWTError(
                .unsupportedCriticalHeader,
                "the header lists critical extensions ('crit') that Laurel does not understand")
        }
        if let type = jws.header["typ"] {
            guard type.stringValue?.uppercased() == "JWT" else {
                throw JWTError(.unsupportedType, "the header 'typ' is \(type), but OB 3.0 VC-JWTs use \"JWT\"")
            }
        }
        let headerKey = try jws.header["jwk"].map { (value) throws(JWTError) in try JWTVerificationKey(jwkJSON: value) }
        let chosen: JWTVerificationKey
        if let key {
            if let headerJWK = headerKey?.jwk, let supplied = key.jwk,
                !JWTVerificationKey.sameKey(headerJWK, supplied)
            {
                throw JWTError(
                    .keyMismatch, "the header 'jwk' is a different key from the one supplied for verification")
            }
            chosen = key
        } else if let headerKey {
            chosen = headerKey
        } else {
            let kid = jws.keyID.map { " names the key '\($0)' but" } ?? ""
            throw JWTError(.missingKey, "the header\(kid) carries no 'jwk'; resolve the issuer's key and pass it in")
        }
        guard chosen.fits(algorithm) else {
            throw JWTError(
                .keyMismatch, "the token uses \(name), which cannot be checked with an \(chosen.typeName) key")
        }
        guard !jws.signature.isEmpty, chosen.isValidSignature(jws.signature, for: jws.signingInput) else {
            throw JWTError(
                .signatureInvalid,
                "the \(name) signature does not match the header and payload: the token was changed "
                    + "or another key signed it")
        }
    }

    /// The credential a VC-JWT payload carries, read without checking anything: the `vc` claim when it is an
    /// object (VCDM 1.1), else the payload without the JWT registered claims.
    public static func credential(inPayload payload: JSONObject) -> JSONObject {
        if let vc = payload["vc"]?.objectValue { return vc }
        var credential = payload
        for claim in registeredClaims { credential.removeValue(forKey: claim) }
        return credential
    }

    private static func credential(in payload: JSONObject) throws(JWTError) -> (JSONObject, Bool) {
        if let vc = payload["vc"] {
            guard let credential = vc.objectValue else {
                throw JWTError(.malformedPayload, "the 'vc' claim is a \(vc.kindName), not a credential object")
            }
            return (credential, true)
        }
        return (Self.credential(inPayload: payload), false)
    }

    private static func checkClaims(
        _ payload: JSONObject, credential: JSONObject, isVCDM11: Bool, options: VCJWTVerificationOptions
    ) throws(JWTError) -> [String] {
        var warnings: [String] = []
        func stringClaim(_ name: String) throws(JWTError) -> String? {
            guard let value = payload[name] else { return nil }
            guard let text = value.stringValue else {
                throw JWTError(.claimMismatch, "the claim '\(name)' must be a string, but it is a \(value.kindName)")
            }
            return text
        }
        func dateClaim(_ name: String) throws(JWTError) -> Double? {
            guard let value = payload[name] else { return nil }
            guard let number = value.numberValue, number.doubleValue.isFinite else {
                throw JWTError(
                    .claimMismatch, "the claim '\(name)' must be a NumericDate (a number), but it is \(value)")
            }
            return number.doubleValue
        }

        // iss = issuer id (required by OB 3.0 §8.2.4)
        guard let iss = try stringClaim("iss") else {
            throw JWTError(.missingClaim, "the token has no 'iss' claim; OB 3.0 requires it to be the issuer id")
        }
        if let issuer = issuerID(of: credential) {
            guard issuer == iss else {
                throw JWTError(
                    .claimMismatch, "the 'iss' claim is '\(iss)', but the credential's issuer is '\(issuer)'")
            }
        } else if !isVCDM11 {
            throw JWTError(.claimMismatch, "the credential has no issuer id to match the 'iss' claim '\(iss)'")
        }

        // jti = id
        let id = credential["id"]?.stringValue
        switch (try stringClaim("jti"), id) {
        case (let jti?, let id?) where jti != id:
            throw JWTError(.claimMismatch, "the 'jti' claim is '\(jti)', but the credential id is '\(id)'")
        case (nil, _?): warnings.append("the token has no 'jti' claim (OB 3.0 requires it to be the credential id)")
        default: break
        }

        // sub = credentialSubject.id
        let subjects = subjectIDs(of: credential)
        switch try stringClaim("sub") {
        case let sub? where !subjects.isEmpty && !subjects.contains(sub):
            throw JWTError(
                .claimMismatch, "the 'sub' claim is '\(sub)', but the credential subject id is '\(subjects[0])'")
        case nil where !subjects.isEmpty:
            warnings.append("the token has no 'sub' claim (OB 3.0 requires it to be the credential subject id)")
        default: break
        }

        // nbf = validFrom (issuanceDate in VCDM 1.1), exp = validUntil (expirationDate)
        let nbf = try dateClaim("nbf")
        let exp = try dateClaim("exp")
        try compare(nbf, "nbf", credential, isVCDM11 ? "issuanceDate" : "validFrom", &warnings)
        try compare(exp, "exp", credential, isVCDM11 ? "expirationDate" : "validUntil", &warnings)

        if let now = options.validationTime {
            if let nbf, nbf > now + options.clockSkew {
                throw JWTError(
                    .notYetValid,
                    "the token is not valid before \(Int(nbf)) (its 'nbf'), later than the validation time")
            }
            if let exp, exp <= now - options.clockSkew {
                throw JWTError(.expired, "the token expired at \(Int(exp)) (its 'exp')")
            }
        }
        return warnings
    }

    /// A NumericDate claim and the credential date it mirrors must name the same second.
    private static func compare(
        _ claim: Double?, _ claimName: String, _ credential: JSONObject, _ member: String, _ warnings: inout [String]
    ) throws(JWTError) {
        let text = credential[member]?.stringValue
        switch (claim, text) {
        case (let claim?, let text?):
            guard let date = XSDDateTime(text) else {
                throw JWTError(.claimMismatch, "the credential's '\(member)' (\"\(text)\") is not a dateTime")
            }
            guard Int64(claim.rounded(.down)) == date.seconds else {
                throw JWTError(
                    .claimMismatch,
                    "the '\(claimName)' claim is \(Int64(claim.rounded(.down))), but the credential's '\(member)' "
                        + "\(text) is \(date.seconds)")
            }
        case (let claim?, nil):
            throw JWTError(
                .claimMismatch,
                "the token has '\(claimName)' \(Int64(claim.rounded(.down))), but the credential has no '\(member)'")
        case (nil, _?):
            warnings.append("the token has no '\(claimName)' claim for the credential's '\(member)'")
        case (nil, nil):
            break
        }
    }
}
