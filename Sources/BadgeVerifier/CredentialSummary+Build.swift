import LinkedData
import OpenBadges

extension CredentialSummary {
    init(kind: String) {
        self.kind = kind
    }

    /// What the badge says, for people: name, issuer, dates, recipient, criteria, rubric levels, evidence.
    init(_ credential: CredentialUnderTest) {
        let view = credential.view
        self.init(kind: credential.kind.rawValue)
        id = view.id
        let achievement = view.credentialSubject?.achievement
        name = view.name ?? achievement?.name
        description = view.description ?? achievement?.description
        image = view.image?.id ?? achievement?.image?.id
        issuerID = view.issuerID
        issuerName = view.issuer?.name
        issuerURL = view.issuer?.url
        validFrom = view.validFromString
        validUntil = view.validUntilString
        let subject = view.credentialSubject
        let identifiers = subject?.identifier ?? []
        let displayName = identifiers.first { $0.identityType == "name" && $0.hashed != true }?.identityHash
        if let id = subject?.id {
            recipient = displayName.map { "\($0) (\(id))" } ?? id
        } else if let identity = identifiers.first(where: { $0.identityType == "emailAddress" }) ?? identifiers.first {
            let described = identity.hashed == true
                ? "\(identity.identityType == "emailAddress" ? "an email address" : identity.identityType ?? "an identifier") (hashed)"
                : identity.identityHash ?? ""
            recipient = displayName.map { "\($0), \(described)" } ?? described
        }
        achievementName = achievement?.name
        achievementType = achievement?.achievementType
        criteria = achievement?.criteria?.narrative
        let descriptions = achievement?.resultDescription ?? []
        for result in subject?.result ?? [] {
            let description = descriptions.first { $0.id == result.resultDescription }
            let levels = description?.rubricCriterionLevel ?? []
            let achieved = levels.first { $0.id == result.achievedLevel }
            let required = levels.first { $0.id == description?.requiredLevel }
            results.append(ResultLine(
                criterion: description?.name ?? result.resultDescription ?? "result",
                achieved: achieved?.name ?? result.value ?? result.status ?? result.achievedLevel ?? "",
                required: required?.name, points: achieved?.points))
        }
        evidence = view.evidence.map {
            EvidenceLine(name: $0.name, id: $0.id, narrative: $0.narrative, description: $0.description)
        }
        endorsements = view.endorsement.compactMap { $0.issuer?.name ?? $0.issuerID }
        proofSuites = view.proofs.compactMap { $0["cryptosuite"]?.stringValue ?? $0["type"]?.stringValue }
    }
}
