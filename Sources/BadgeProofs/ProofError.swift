/// Why a Data Integrity proof could not be created or did not verify, in plain words.
///
/// A proof that does not verify is reported as a value (see `ProofVerificationResult`), carrying one of these as
/// its reason; creating a proof throws it.
public struct ProofError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The document has no `proof` member, or it is neither an object nor an array of objects.
        case missingProof = "missing_proof"
        /// A proof member is missing or has the wrong JSON type (`created` a number, `domain` an object, …).
        case malformedProof = "malformed_proof"
        /// The document to secure is not usable (for example its `proof` member is a string).
        case malformedDocument = "malformed_document"
        /// `type` is not `DataIntegrityProof`.
        case unsupportedProofType = "unsupported_proof_type"
        /// `cryptosuite` names a suite other than the one asked to verify or create the proof.
        case unsupportedCryptosuite = "unsupported_cryptosuite"
        /// `proofPurpose` is not the purpose the verifier expects (`assertionMethod` for credentials).
        case wrongProofPurpose = "wrong_proof_purpose"
        /// `created` or `expires` is not an XML Schema dateTime.
        case invalidDateTime = "invalid_date_time"
        /// `expires` is before the validation time the verifier gave.
        case proofExpired = "proof_expired"
        /// The proof's `domain` is not the set of domains the verifier expects (INVALID_DOMAIN_ERROR).
        case domainMismatch = "domain_mismatch"
        /// The proof's `challenge` is not the challenge the verifier expects (INVALID_CHALLENGE_ERROR).
        case challengeMismatch = "challenge_mismatch"
        /// The document's `@context` does not start with the proof's `@context` (eddsa-jcs-2022 §3.3.2).
        case contextMismatch = "context_mismatch"
        /// `proofValue` is missing, not base58btc multibase (`z…`), or not a 64-byte signature.
        case invalidProofValue = "invalid_proof_value"
        /// A `previousProof` names a proof id that is not in the proof set.
        case previousProofMissing = "previous_proof_missing"
        /// The verification method cannot be turned into an Ed25519 public key.
        case unresolvableVerificationMethod = "unresolvable_verification_method"
        /// The document or the proof configuration has no JCS canonical form (a number beyond double range).
        case canonicalizationFailed = "canonicalization_failed"
        /// The private key given to sign does not belong to the verification method named in the options.
        case keyMismatch = "key_mismatch"
        /// The signature does not match the document, the proof configuration and the public key.
        case signatureInvalid = "signature_invalid"
        /// Ed25519 signing failed inside the crypto library.
        case signingFailed = "signing_failed"
        /// JSON-LD expansion or deserialization to RDF failed (an invalid or unknown context, a limit, …).
        case transformationFailed = "transformation_failed"
        /// JSON-LD safe mode: expansion or toRdf would silently drop a member, type or value, so it would not be
        /// signed (VC Data Integrity §2.4.3). `path` names the first place.
        case dataLossDetected = "data_loss_detected"
        /// RDFC-1.0 refused the dataset: it needs more work than the limits allow (a "poison" graph).
        case canonicalizationLimitExceeded = "canonicalization_limit_exceeded"
        /// The verification method is controlled by someone other than the document's issuer.
        case issuerBindingFailed = "issuer_binding_failed"
        /// The controller's own document does not list the verification method, or lists it only under another
        /// verification relationship than the proof's purpose.
        case keyNotAuthorized = "key_not_authorized"
        /// The document uses a JSON-LD context that is not pinned into Laurel (it is never fetched), so what was
        /// signed cannot be computed: the proof cannot be checked, which is not the same as a wrong signature.
        case unknownContext = "unknown_context"
    }

    public var code: Code
    /// What was wrong and where, in plain words.
    public var reason: String
    /// Where in the secured document the problem is, as a JSON path (`credentialSubject.achievement.foo`,
    /// `proof[1].type`), when it is tied to one place.
    public var path: String?

    public init(_ code: Code, _ reason: String, path: String? = nil) {
        self.code = code
        self.reason = reason
        self.path = path
    }

    /// The error type of VC Data Integrity §4.7 that this problem conveys (`PROOF_VERIFICATION_ERROR`, …).
    public var dataIntegrityErrorType: String {
        switch code {
        case .domainMismatch: "INVALID_DOMAIN_ERROR"
        case .challengeMismatch: "INVALID_CHALLENGE_ERROR"
        case .missingProof, .malformedDocument: "PARSING_ERROR"
        case .canonicalizationFailed, .transformationFailed, .canonicalizationLimitExceeded, .unknownContext:
            "PROOF_TRANSFORMATION_ERROR"
        case .dataLossDetected: "DATA_LOSS_DETECTION_ERROR"
        case .keyMismatch, .signingFailed: "PROOF_GENERATION_ERROR"
        default: "PROOF_VERIFICATION_ERROR"
        }
    }

    public var description: String { reason }
}
