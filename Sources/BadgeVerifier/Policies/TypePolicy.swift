import LinkedData
import OpenBadges

/// `type` values at every level name the classes Open Badges requires there: the credential, its subject,
/// the achievement, the issuer profile, results, evidence and identifiers. (The 1EdTech validator checks the
/// same nested types.)
public struct TypePolicy: CredentialPolicy {
    public init() {}

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        var problems: [String] = []
        let json = credential.json
        func require(_ object: JSONObject?, _ path: String, _ any: [String]) {
            guard let object else { return }
            let types = AchievementCredential(json: object).types
            if !any.contains(where: types.contains) {
                let found = types.isEmpty ? "no type" : "type \(types.map { "'\($0)'" }.joined(separator: ", "))"
                problems.append("\(path) has \(found) but must include \(any.map { "'\($0)'" }.joined(separator: " or ")).")
            }
        }
        func objects(_ value: JSONValue?) -> [JSONObject] {
            switch value {
            case .object(let object)?: [object]
            case .array(let values)?: values.compactMap(\.objectValue)
            default: []
            }
        }
        let rootTypes = credential.view.types
        if !rootTypes.contains("VerifiableCredential") {
            problems.append("type must include 'VerifiableCredential'.")
        }
        switch credential.kind {
        case .achievement:
            let subject = json["credentialSubject"]?.objectValue
            require(subject, "credentialSubject", ["AchievementSubject"])
            let achievement = subject?["achievement"]?.objectValue
            require(achievement, "credentialSubject.achievement", ["Achievement"])
            for (index, result) in objects(subject?["result"]).enumerated() {
                require(result, "credentialSubject.result[\(index)]", ["Result"])
            }
            for (index, description) in objects(achievement?["resultDescription"]).enumerated() {
                require(description, "credentialSubject.achievement.resultDescription[\(index)]", ["ResultDescription"])
            }
            for (index, identifier) in objects(subject?["identifier"]).enumerated() {
                require(identifier, "credentialSubject.identifier[\(index)]", ["IdentityObject"])
            }
            if let source = subject?["source"]?.objectValue {
                require(source, "credentialSubject.source", ["Profile"])
            }
        case .endorsement:
            require(json["credentialSubject"]?.objectValue, "credentialSubject", ["EndorsementSubject"])
        case .clr:
            require(json["credentialSubject"]?.objectValue, "credentialSubject", ["ClrSubject"])
        case .statusList, .presentation, .other:
            problems.append(
                "type names no Open Badges credential class (OpenBadgeCredential, AchievementCredential, EndorsementCredential or ClrCredential).")
        }
        if let issuer = json["issuer"]?.objectValue {
            require(issuer, "issuer", ["Profile"])
            for (index, other) in objects(issuer["otherIdentifier"]).enumerated() {
                require(other, "issuer.otherIdentifier[\(index)]", ["IdentifierEntry"])
            }
            if let parent = issuer["parentOrg"]?.objectValue {
                require(parent, "issuer.parentOrg", ["Profile"])
            }
        }
        for (index, evidence) in objects(json["evidence"]).enumerated() {
            require(evidence, "evidence[\(index)]", ["Evidence"])
        }
        if problems.isEmpty {
            return [.pass(.type, "The badge and its parts have the types Open Badges requires.")]
        }
        return [.fail(.type, "The badge's types are wrong: " + problems.joined(separator: " "))]
    }
}
