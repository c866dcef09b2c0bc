public import LinkedData

/// What the verifier expects of a proof (VC Data Integrity §4.4 inputs). The clock is not read here: give
/// `validationTime` to have `expires` checked.
public struct ProofVerificationOptions: Sendable, Hashable {
    /// The proof purpose the proof must state; `nil` accepts any (§4.4 step 5).
    public var expectedProofPurpose: String?
    /// When set, the proof's `domain` must be exactly this set of strings (§4.4 step 6).
    public var domain: [String]?
    /// When set, the proof's `challenge` must equal it (§4.4 step 7).
    public var challenge: String?
    /// When set (seconds since 1970), a proof whose `expires` is earlier fails.
    public var validationTime: Double?
    /// When true (the default), eddsa-rdfc-2022 and the legacy suites refuse a proof whose verification method
    /// is controlled by someone other than the document's `issuer` (its string value or `issuer.id`): an
    /// `<id>#z6Mk…` method must have the issuer id before `#`, a did:key must be the issuer's DID when the issuer
    /// is a DID, and a method from a controller document must have the issuer as controller. A document without
    /// an issuer, and a key the caller supplied directly, are not checked.
    public var bindsKeyToIssuer: Bool

    public init(
        expectedProofPurpose: String? = "assertionMethod", domain: [String]? = nil, challenge: String? = nil,
        validationTime: Double? = nil, bindsKeyToIssuer: Bool = true
    ) {
        self.expectedProofPurpose = expectedProofPurpose
        self.domain = domain
        self.challenge = challenge
        self.validationTime = validationTime
        self.bindsKeyToIssuer = bindsKeyToIssuer
    }
}

/// The outcome for one proof of a secured document.
public struct ProofVerificationResult: Sendable, Hashable {
    /// Position of the proof in the document's proof set (0 for a single proof).
    public var index: Int
    /// The proof, when it could be read.
    public var proof: DataIntegrityProof?
    /// Why the proof did not verify; `nil` when it did.
    public var failure: ProofError?
    /// The deprecated suite the proof was checked with (`eddsa-2022`, `Ed25519Signature2020`), so that a verifier
    /// can warn; `nil` for current suites.
    public var legacySuite: String?
    /// The verification method and its key, when it was resolved.
    public var verificationMethod: ResolvedVerificationMethod?

    public init(
        index: Int, proof: DataIntegrityProof?, failure: ProofError?, legacySuite: String? = nil,
        verificationMethod: ResolvedVerificationMethod? = nil
    ) {
        self.index = index
        self.proof = proof
        self.failure = failure
        self.legacySuite = legacySuite
        self.verificationMethod = verificationMethod
    }

    /// Whether the proof was checked with a deprecated suite (a verifier should warn).
    public var isLegacy: Bool { legacySuite != nil }

    /// Whether the proof verified.
    public var verified: Bool { failure == nil }
}

/// The outcome for a whole secured document (VC Data Integrity §4.5): it verifies when it has at least one proof
/// and every proof verifies.
public struct DocumentVerificationResult: Sendable, Hashable {
    /// One result per proof, in the order of the proof set.
    public var proofs: [ProofVerificationResult]
    /// The document without its `proof` member, when every proof verified.
    public var verifiedDocument: JSONObject?
    /// Why nothing could be checked (no proofs, or a `proof` member that is not an object or array).
    public var documentFailure: ProofError?

    public init(proofs: [ProofVerificationResult], verifiedDocument: JSONObject?, documentFailure: ProofError?) {
        self.proofs = proofs
        self.verifiedDocument = verifiedDocument
        self.documentFailure = documentFailure
    }

    /// Whether the document verified.
    public var verified: Bool {
        documentFailure == nil && !proofs.isEmpty && proofs.allSatisfy(\.verified)
    }

    /// Every reason for failure, the document's first.
    public var failures: [ProofError] {
        (documentFailure.map { [$0] } ?? []) + proofs.compactMap(\.failure)
    }
}

/// The checks of VC Data Integrity §4.4 steps 3–7 that do not depend on the cryptosuite.
enum ProofChecks {
    static func check(_ proof: DataIntegrityProof, _ options: ProofVerificationOptions) throws(ProofError) {
        guard proof.verificationMethod != nil else {
            throw ProofError(.malformedProof, "the proof has no 'verificationMethod'")
        }
        if let expected = options.expectedProofPurpose, proof.proofPurpose != expected {
            throw ProofError(
                .wrongProofPurpose, "the proof purpose is '\(proof.proofPurpose)', but '\(expected)' is required")
        }
        if let expected = options.domain {
            let actual = proof.domain ?? []
            guard Set(actual) == Set(expected) else {
                throw ProofError(
                    .domainMismatch,
                    actual.isEmpty
                        ? "the proof has no domain, but the domain \(expected) is required"
                        : "the proof's domain \(actual) is not the expected domain \(expected)")
            }
        }
        if let expected = options.challenge, proof.challenge != expected {
            throw ProofError(
                .challengeMismatch,
                proof.challenge == nil
                    ? "the proof has no challenge, but a challenge is required"
                    : "the proof's challenge does not match the expected challenge")
        }
        if let now = options.validationTime, let expires = proof.expires, let date = XSDDateTime(expires),
            date.secondsSince1970 < now
        {
            throw ProofError(.proofExpired, "the proof expired at \(expires)")
        }
    }
}
