public import LinkedData
public import OpenBadges

/// The kinds of credential Laurel verifies, recognised by `type`.
public enum CredentialKind: String, Sendable, Hashable {
    case achievement = "AchievementCredential"
    case endorsement = "EndorsementCredential"
    case clr = "ClrCredential"
    case statusList = "BitstringStatusListCredential"
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
        } else {
            self = .other
        }
    }
}

/// A credential being verified: its JSON (never re-serialized) and what the policies have learned so far.
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

/// One verification check. Policies return values; the verifier collects every outcome and never stops at the
/// first failure.
public protocol VerificationPolicy: Sendable {
    func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult]
}
