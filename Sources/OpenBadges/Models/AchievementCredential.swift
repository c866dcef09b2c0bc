public import LinkedData

/// An Open Badges 3.0 `AchievementCredential` (alias `OpenBadgeCredential`): a Verifiable Credential that an
/// issuer awards a learner for an achievement.
public struct AchievementCredential: VerifiableCredentialView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    /// Whether `type` names this class (either alias) alongside `VerifiableCredential`.
    public var hasAchievementCredentialType: Bool {
        hasType("VerifiableCredential") && (hasType("AchievementCredential") || hasType("OpenBadgeCredential"))
    }

    public var credentialSubject: AchievementSubject? {
        get { object("credentialSubject") } set { setObject("credentialSubject", newValue) }
    }

    /// The achievement awarded (`credentialSubject.achievement`).
    public var achievement: Achievement? { credentialSubject?.achievement }
}
