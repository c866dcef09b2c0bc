
/// The stable identifiers of verification checks. Scripts rely on these names: never rename one.
public enum CheckID: String, Sendable, Hashable, Codable, CaseIterable {
    case parse
    case limits
    case context
    case type
    case schema
    case safeMode = "safe_mode"
    case proof
    case keyResolution = "key_resolution"
    case keyBinding = "key_binding"
    case validFrom = "valid_from"
    case validUntil = "valid_until"
    case status
    case recipient
    case endorsement
    case clr
    case presentation
    case trust
}

/// The outcome of one check.
public enum CheckOutcome: String, Sendable, Hashable, Codable {
    case pass
    case fail
    case warning
    case skipped
}

/// One check's result, with a sentence a non-expert understands.
public struct CheckResult: Sendable, Hashable {
    public var id: CheckID
    public var outcome: CheckOutcome
    /// Plain language: "This badge was revoked by its issuer."
    public var message: String
    /// Set when the check could not reach an answer (a status list that could not be fetched): the verdict is
    /// then `indeterminate` unless another check failed.
    public var indeterminate: Bool

    public init(_ id: CheckID, _ outcome: CheckOutcome, _ message: String, indeterminate: Bool = false) {
        self.id = id
        self.outcome = outcome
        self.message = message
        self.indeterminate = indeterminate
    }

    public static func pass(_ id: CheckID, _ message: String) -> CheckResult { CheckResult(id, .pass, message) }
    public static func fail(_ id: CheckID, _ message: String) -> CheckResult { CheckResult(id, .fail, message) }
    public static func warning(_ id: CheckID, _ message: String) -> CheckResult { CheckResult(id, .warning, message) }
    public static func skipped(_ id: CheckID, _ message: String) -> CheckResult { CheckResult(id, .skipped, message) }
    public static func cannotTell(_ id: CheckID, _ message: String) -> CheckResult {
        CheckResult(id, .warning, message, indeterminate: true)
    }
}

/// The overall answer.
public enum Verdict: String, Sendable, Hashable, Codable {
    /// Every check passed (warnings allowed).
    case valid
    /// At least one check failed.
    case invalid
    /// Nothing failed, but something needed for an answer could not be checked (e.g. the status list).
    case indeterminate

    /// The verdict for a set of check results: any failure makes it invalid; otherwise any check that could
    /// not reach an answer makes it indeterminate.
    public init(_ checks: [CheckResult]) {
        if checks.contains(where: { $0.outcome == .fail }) {
            self = .invalid
        } else if checks.contains(where: \.indeterminate) {
            self = .indeterminate
        } else {
            self = .valid
        }
    }
}

/// What the badge says, for display (OB Displayer conformance: image, name, description, issuer name,
/// issued date and status).
public struct CredentialSummary: Sendable, Hashable {
    public struct ResultLine: Sendable, Hashable {
        /// The rubric criterion (ResultDescription name).
        public var criterion: String
        /// The level achieved (RubricCriterionLevel name), or the value/status.
        public var achieved: String
        /// The level the rubric requires, when it says.
        public var required: String?
        public var points: String?
    }

    public struct EvidenceLine: Sendable, Hashable {
        public var name: String?
        public var id: String?
        public var narrative: String?
        public var description: String?
    }

    public var kind: String
    public var id: String?
    public var name: String?
    public var description: String?
    public var image: String?
    public var issuerName: String?
    public var issuerID: String?
    public var issuerURL: String?
    public var validFrom: String?
    public var validUntil: String?
    public var recipient: String?
    public var achievementName: String?
    public var achievementType: String?
    public var criteria: String?
    public var results: [ResultLine] = []
    public var evidence: [EvidenceLine] = []
    public var endorsements: [String] = []
    public var proofSuites: [String] = []
}

/// The full answer for one input.
public struct VerificationReport: Sendable, Hashable {
    /// The input's name (a file path or `-`), when known.
    public var source: String?
    /// What the input was: `json`, `jwt`, `png`, `svg`.
    public var format: String?
    public var verdict: Verdict
    public var checks: [CheckResult]
    public var credential: CredentialSummary?
    /// Reports for nested credentials (endorsements, CLR members, presented credentials).
    public var nested: [VerificationReport]

    public init(
        source: String?, format: String?, checks: [CheckResult], credential: CredentialSummary?,
        nested: [VerificationReport] = []
    ) {
        self.source = source
        self.format = format
        self.checks = checks
        self.credential = credential
        self.nested = nested
        self.verdict = Verdict(checks)
    }
}
