public import BadgeProofs

/// What checking a document's proofs found: for each proof (or the one VC-JWT signature), which suite, whether it
/// verified or why not, the key and how it was found, and what BadgeProofs judged of the key's binding to the
/// issuer (or holder). The proof, key and trust policies read it; none of them checks a signature again.
public struct ProofOutcome: Sendable {
    /// Whose key the proof must be: the issuer's (credentials) or the holder's (presentations).
    public enum Role: String, Sendable {
        case issuer
        case holder
    }

    /// What happened to one proof.
    public enum Result: Sendable, Hashable {
        /// The signature holds.
        case verified
        /// The signature does not match: the document or proof changed after signing, or another key signed it.
        case signatureMismatch(String)
        /// The proof is not acceptable as written (wrong purpose, expired, malformed value, …).
        case rejected(String)
        /// A presentation's proof was made for another challenge or domain.
        case wrongAudience(String)
        /// Laurel cannot check this proof (an unsupported suite or algorithm, an unknown context): not a verdict
        /// on the badge.
        case cannotCheck(String)
        /// The document is built to exhaust a verifier.
        case limits(String)
        /// Parts of the document have no defined meaning, so no signature could cover them.
        case safeMode(String)
        /// The token or proof cannot be read at all.
        case unreadable(String)
        /// The key lives in a document that was not available (`url`, and why).
        case keyUnavailable(url: String, reason: String)
        /// The key cannot be found or used.
        case keyUnusable(String)
        /// The controller's own document does not authorise the key for this purpose.
        case keyNotAuthorized(String)
        /// The key belongs to someone other than the issuer (or holder); the signature was not checked.
        case bindingContradicted(String)
    }

    public struct Entry: Sendable {
        /// "the proof", "proof 2", "the VC-JWT".
        public var label: String
        /// `eddsa-rdfc-2022`, `VC-JWT RS256`, or the unsupported kind's name.
        public var suite: String
        public var isLegacy: Bool
        public var result: Result
        /// How the key was found, when it was.
        public var key: KeyProvenance?
        /// BadgeProofs' judgement of the key's binding, for proofs whose key was found.
        public var binding: KeyBindingAssessment?
        /// Why the document that would prove the binding was not available, when it was looked for.
        public var documentProblem: String?
    }

    public var role: Role
    /// The issuer id (or holder id) the key must belong to.
    public var subject: String?
    public var entries: [Entry]
    /// Whether checking the proofs expanded the whole document in safe mode (every proof an RDFC suite that got as
    /// far as the signature), so the safe-mode policy need not expand it again.
    public var expandedInSafeMode: Bool
    /// For a VC-JWT whose signature holds: claims that disagree with the credential inside (with the check each
    /// belongs to), and claims OB 3.0 wants but the token lacks.
    public var claimProblems: [CheckResult]
    public var claimWarnings: [String]

    init(role: Role, subject: String?, entries: [Entry] = [], expandedInSafeMode: Bool = false) {
        self.role = role
        self.subject = subject
        self.entries = entries
        self.expandedInSafeMode = expandedInSafeMode
        self.claimProblems = []
        self.claimWarnings = []
    }

    /// The proofs whose signatures hold.
    public var verified: [Entry] { entries.filter { $0.result == .verified } }

    /// The strongest proven binding among the verified proofs, or nil.
    public var provenBinding: KeyBindingEvidence? {
        var best: KeyBindingEvidence? = nil
        for entry in verified {
            guard case .proven(let evidence)? = entry.binding else { continue }
            if case .controllerDocument(_, .fetched) = evidence { return evidence }
            if best == nil { best = evidence }
        }
        return best
    }
}

extension ProofOutcome.Result {
    /// The result for a Data Integrity proof error.
    init(_ error: ProofError) {
        switch error.code {
        case .signatureInvalid: self = .signatureMismatch(error.reason)
        case .issuerBindingFailed: self = .bindingContradicted(error.reason)
        case .keyNotAuthorized: self = .keyNotAuthorized(error.reason)
        case .unresolvableVerificationMethod: self = .keyUnusable(error.reason)
        case .canonicalizationLimitExceeded: self = .limits(error.reason)
        case .dataLossDetected: self = .safeMode(error.reason)
        case .unsupportedProofType, .unsupportedCryptosuite, .unknownContext: self = .cannotCheck(error.reason)
        case .challengeMismatch, .domainMismatch: self = .wrongAudience(error.reason)
        case .missingProof, .malformedDocument: self = .unreadable(error.reason)
        default: self = .rejected(error.reason)
        }
    }
}
