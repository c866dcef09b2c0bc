/// Why a VC-JWT could not be issued or did not verify, in plain words.
public struct JWTError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// Not a compact JWS: not three base64url segments, too long, or an empty signature.
        case malformedToken = "malformed_token"
        /// The JOSE header is not a JSON object or lacks a string `alg`.
        case malformedHeader = "malformed_header"
        /// The payload is not a JSON object.
        case malformedPayload = "malformed_payload"
        /// `alg` is `none`: an unsecured JWS is never accepted.
        case algorithmNone = "algorithm_none"
        /// `alg` is not one Laurel verifies (EdDSA/Ed25519, RS256, ES256).
        case unsupportedAlgorithm = "unsupported_algorithm"
        /// The header has a `crit` member; no critical extensions are understood (RFC 7515 §4.1.11).
        case unsupportedCriticalHeader = "unsupported_critical_header"
        /// `typ` is present and is not `JWT` (OB 3.0 §8.2.3).
        case unsupportedType = "unsupported_type"
        /// No key was given and the header carries no `jwk`.
        case missingKey = "missing_key"
        /// The key given or in the header cannot be used (malformed JWK, a private JWK in the header).
        case invalidKey = "invalid_key"
        /// The key does not fit the algorithm, or the header's `jwk` is not the key the caller supplied.
        case keyMismatch = "key_mismatch"
        /// The signature does not match the header, the payload and the key.
        case signatureInvalid = "signature_invalid"
        /// A required claim (`iss`) is missing.
        case missingClaim = "missing_claim"
        /// A claim disagrees with the credential (`iss` ≠ issuer id, `nbf` ≠ validFrom, …).
        case claimMismatch = "claim_mismatch"
        /// `nbf` is after the validation time given.
        case notYetValid = "not_yet_valid"
        /// `exp` is not after the validation time given.
        case expired = "expired"
        /// The credential to issue lacks what the JWT claims are made from (issuer id, id, validFrom), or
        /// already has a member named like one of those claims.
        case invalidCredential = "invalid_credential"
        /// Signing failed inside the crypto library.
        case signingFailed = "signing_failed"
    }

    public var code: Code
    /// What was wrong and where, in plain words.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
