
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

/// Who stands behind a document's issuer (or a presentation's holder), from what the verifier could prove.
public struct IssuerIdentity: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, Codable {
        /// On a trust list the verifier was given, with the key proven to be the issuer's.
        case trusted
        /// The key is proven by a did:web or https document fetched from the issuer's own domain.
        case domain
        /// The key is proven only by itself (a did:key) or by a document supplied as a local file: the issuer is
        /// whoever holds the key, and its name is what it says it is.
        case selfAsserted = "self-asserted"
        /// The key was not shown to belong to the issuer (only with an invalid or indeterminate verdict).
        case unproven
    }

    public var id: String?
    /// The name the issuer's profile gives itself (self-asserted, unless `listedName` agrees).
    public var name: String?
    public var level: Level
    /// Who vouches: the trust list's name (trusted) or the domain the key was fetched from (domain).
    public var vouchedBy: String?
    /// The name the trust list gives the issuer.
    public var listedName: String?

    public init(id: String?, name: String?, level: Level, vouchedBy: String? = nil, listedName: String? = nil) {
        self.id = id
        self.name = name
        self.level = level
        self.vouchedBy = vouchedBy
        self.listedName = listedName
    }
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
    /// Who the issuer is and who vouches for it (for a presentation: its holder), when a document was read.
    public var issuer: IssuerIdentity?
    /// For an Open Badges 2.0 assertion: how it was verified (hosted or signed); nil for Open Badges 3.0 documents.
    public var openBadges2: OpenBadges2Verification? = nil

    public init(
        source: String?, format: String?, checks: [CheckResult], credential: CredentialSummary?,
        nested: [VerificationReport] = [], issuer: IssuerIdentity? = nil
    ) {
        self.source = source
        self.format = format
        self.checks = checks
        self.credential = credential
        self.nested = nested
        self.issuer = issuer
        self.verdict = Verdict(checks)
    }

    /// Whether the input held no badge at all (a missing or unreadable file, an image without a baked credential,
    /// text that is not a credential): the verdict is `invalid`, but nothing suggests forgery, so the answer is
    /// worded "no badge", not "do not trust".
    public var holdsNoBadge: Bool {
        credential == nil && checks.contains { $0.id == .parse && $0.outcome == .fail }
            && !checks.contains { $0.outcome == .fail && $0.id != .parse }
    }

    /// The answer in one sentence, after "VALID — " / "NOT VALID — " / "CANNOT TELL — ". A valid badge's sentence
    /// says who vouches for its issuer; only a trusted issuer is "issued by" its name.
    public var headline: String {
        if let openBadges2 { return openBadges2Headline(openBadges2) }
        switch verdict {
        case .invalid:
            return checks.first { $0.outcome == .fail }?.message ?? "a check failed."
        case .indeterminate:
            return checks.first { $0.indeterminate }?.message ?? "something could not be checked."
        case .valid:
            break
        }
        if credential?.kind == CredentialKind.presentation.rawValue {
            return "presented by \(issuer?.id ?? credential?.recipient ?? "its holder"), who signed it; every credential in it verified."
        }
        guard let issuer, let id = issuer.id else { return "every check passed." }
        let called = issuer.name.map { ", which calls itself '\($0)'" } ?? ""
        let listNote = trustWasChecked ? " (not in your trust list)" : " (no trust list was given)"
        switch issuer.level {
        case .trusted:
            let name = issuer.listedName ?? issuer.name ?? id
            let sameName = issuer.name == nil || issuer.name == name ? "" : " (its badge calls it '\(issuer.name!)')"
            return "issued by \(name) (\(id))\(sameName), on your trust list (\(issuer.vouchedBy ?? "trust list")); "
                + "the badge is genuine and in good standing."
        case .domain:
            return "signed with a key published at \(issuer.vouchedBy ?? "the issuer's domain") for \(id)\(called)"
                + listNote + "; the badge is intact and in good standing."
        case .selfAsserted, .unproven:
            return "signed by the holder of \(id)\(called)" + listNote
                + "; the badge is intact and in good standing, but nobody else vouches for who the issuer is."
        }
    }

    /// Whether a trust list was applied (a `trust` check is present).
    var trustWasChecked: Bool { checks.contains { $0.id == .trust } }
}
