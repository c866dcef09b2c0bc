public import LinkedData
public import OpenBadges

/// The kinds of document Laurel verifies, recognised by `type`.
public enum CredentialKind: String, Sendable, Hashable {
    case achievement = "AchievementCredential"
    case endorsement = "EndorsementCredential"
    case clr = "ClrCredential"
    case statusList = "BitstringStatusListCredential"
    case presentation = "VerifiablePresentation"
    case other = "VerifiableCredential"

    public init(types: [String]) {
        if types.contains("AchievementCredential") || types.contains("OpenBadgeCredential") {
            self = .achievement
        } else if types.contains("EndorsementCredential") {
            self = .endorsement
        } else if types.contains("ClrCredential") {
            self = .clr
        } else if types.contains("BitstringStatusListCredential") {
            self = .statusList
        } else if types.contains("VerifiablePresentation") {
            self = .presentation
        } else {
            self = .other
        }
    }
}

/// A credential (or presentation) being verified: its JSON, never re-serialized.
public struct CredentialUnderTest: Sendable {
    public var json: JSONObject
    public var kind: CredentialKind

    public init(json: JSONObject) {
        self.json = json
        self.kind = CredentialKind(types: AchievementCredential(json: json).types)
    }

    /// A generic view of the credential's common members.
    public var view: AchievementCredential { AchievementCredential(json: json) }
}

/// Everything a policy may read: the document, what the verifier was told, and what the proof check found. Built
/// once per document by the verifier; policies never change it.
public struct VerificationContext: Sendable {
    public var credential: CredentialUnderTest
    public var options: VerificationOptions
    /// The outcome of the proof check (Data Integrity or VC-JWT), shared by the proof, key and trust policies.
    public var proof: ProofOutcome
    /// How deep inside other documents this one is (0 for the file itself).
    public var depth: Int
    /// The verifier, for policies that verify nested documents (status lists, endorsements, learner records).
    let verifier: Verifier
}

/// What one policy found: its checks, and the reports of any documents it verified inside this one.
public struct PolicyOutcome: Sendable {
    public var checks: [CheckResult]
    public var nested: [VerificationReport]

    public init(_ checks: [CheckResult], nested: [VerificationReport] = []) {
        self.checks = checks
        self.nested = nested
    }
}

/// One verification check. Policies return values; the verifier runs every policy of a document's kind and
/// collects every outcome, never stopping at the first failure (swift-certificates' `VerifierPolicy` shape).
public protocol VerificationPolicy: Sendable {
    func evaluate(_ context: VerificationContext) -> PolicyOutcome
}

/// A policy that needs only the document and the options.
public protocol CredentialPolicy: VerificationPolicy {
    func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult]
}

extension CredentialPolicy {
    public func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        PolicyOutcome(check(context.credential, options: context.options))
    }
}
