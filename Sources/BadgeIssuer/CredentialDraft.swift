import LinkedData
public import OpenBadges
internal import BadgeCrypto

/// Evidence to attach to a credential.
public enum EvidenceInput: Sendable, Hashable {
    /// A web page or file the verifier can open.
    case url(String, name: String? = nil)
    /// A file the learner keeps, bound by its SHA-256 digest: the evidence `id` is an RFC 6920 `ni:` URI, so a
    /// verifier can check that the file a learner shows is the one assessed.
    case file(name: String, sha256: [UInt8], mediaType: String? = nil)

    /// The RFC 6920 named-information URI of a SHA-256 digest: `ni:///sha-256;<base64url>`.
    public static func namedInformationURI(sha256 digest: [UInt8], mediaType: String? = nil) -> String {
        var uri = "ni:///sha-256;" + Base64URL.encode(digest)
        if let mediaType { uri += "?ct=" + mediaType }
        return uri
    }
}

/// Everything that goes into one credential, before it is signed.
public struct CredentialDraft: Sendable, Hashable {
    public var id: String
    public var recipient: Recipient
    /// The recipient's name, recorded as a plaintext `name` identity (optional).
    public var recipientName: String?
    /// Achieved level per rubric criterion: criterion id → level id.
    public var results: [(criterion: String, level: String)]
    public var evidence: [EvidenceInput]
    /// A narrative about this learner's achievement (Markdown), public in the credential.
    public var narrative: String?
    public var validFrom: String
    public var validUntil: String?
    /// Bitstring status entries (revocation, and suspension when asked).
    public var status: [StatusEntry]
    /// The salt used for a hashed email (random when nil).
    public var salt: String?
    /// Credits the learner earned, as a JSON number lexeme (`credentialSubject.creditsEarned`).
    public var creditsEarned: String?
    /// The subject's `id` when the recipient is an email address: the DID of a wallet the credential is bound to.
    /// The hashed email stays in `identifier`, so the credential names both. (Ignored for a DID recipient, whose
    /// DID is the `id` already.)
    public var subjectID: String?

    public struct StatusEntry: Sendable, Hashable {
        public var purpose: String
        public var listURL: String
        public var index: Int

        public init(purpose: String, listURL: String, index: Int) {
            self.purpose = purpose
            self.listURL = listURL
            self.index = index
        }
    }

    public init(
        id: String, recipient: Recipient, recipientName: String? = nil, results: [(criterion: String, level: String)] = [],
        evidence: [EvidenceInput] = [], narrative: String? = nil, validFrom: String, validUntil: String? = nil,
        status: [StatusEntry] = [], salt: String? = nil, creditsEarned: String? = nil, subjectID: String? = nil
    ) {
        self.creditsEarned = creditsEarned
        self.subjectID = subjectID
        self.id = id
        self.recipient = recipient
        self.recipientName = recipientName
        self.results = results
        self.evidence = evidence
        self.narrative = narrative
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.status = status
        self.salt = salt
    }

    public static func == (lhs: CredentialDraft, rhs: CredentialDraft) -> Bool {
        lhs.id == rhs.id && lhs.recipient == rhs.recipient && lhs.recipientName == rhs.recipientName
            && lhs.results.map { [$0.criterion, $0.level] } == rhs.results.map { [$0.criterion, $0.level] }
            && lhs.evidence == rhs.evidence && lhs.narrative == rhs.narrative && lhs.validFrom == rhs.validFrom
            && lhs.validUntil == rhs.validUntil && lhs.status == rhs.status && lhs.salt == rhs.salt
            && lhs.creditsEarned == rhs.creditsEarned && lhs.subjectID == rhs.subjectID
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }
}

/// Builds unsigned Open Badges 3.0 credentials in the maximal form the official JSON Schema expects.
public enum CredentialBuilder {
    public static let schemaURL =
        "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"

    /// Checks results against the rubric: every criterion named must exist and every level must be one of its
    /// levels. Errors name the criterion or level and list the valid ones.
    public static func checkResults(
        _ results: [(criterion: String, level: String)], against definition: AchievementDefinition
    ) throws(IssuerError) {
        var seen: Set<String> = []
        for result in results {
            guard let criterion = definition.criterion(result.criterion) else {
                let known = definition.rubric.map(\.id)
                throw IssuerError(
                    .unknownCriterion,
                    known.isEmpty
                        ? "the achievement '\(definition.name)' has no rubric, so '\(result.criterion)' cannot be scored"
                        : "'\(result.criterion)' is not a criterion of '\(definition.name)' (criteria: \(known.joined(separator: ", ")))",
                    field: "result")
            }
            guard criterion.rank(of: result.level) != nil else {
                throw IssuerError(
                    .unknownLevel,
                    "'\(result.level)' is not a level of criterion '\(criterion.id)' (levels: \(criterion.levels.map(\.id).joined(separator: ", ")))",
                    field: "result")
            }
            guard seen.insert(result.criterion).inserted else {
                throw IssuerError(.invalidField, "criterion '\(result.criterion)' is scored twice", field: "result")
            }
        }
    }

    /// Checks that results meet the rubric: every criterion is scored, at its required level or above. (An
    /// achievement without a rubric needs no results.) The error names each criterion that falls short.
    public static func checkRubricMet(
        _ results: [(criterion: String, level: String)], against definition: AchievementDefinition
    ) throws(IssuerError) {
        var problems: [String] = []
        for criterion in definition.rubric {
            guard let result = results.first(where: { $0.criterion == criterion.id }) else {
                problems.append("'\(criterion.id)' is not scored (it must reach \(criterion.required?.name ?? criterion.requiredLevel))")
                continue
            }
            if let achieved = criterion.rank(of: result.level), let required = criterion.rank(of: criterion.requiredLevel),
                achieved < required
            {
                let level = criterion.levels.first { $0.id == result.level }?.name ?? result.level
                problems.append("'\(criterion.id)' is \(level), below the required \(criterion.required?.name ?? criterion.requiredLevel)")
            }
        }
        guard problems.isEmpty else {
            throw IssuerError(
                .rubricNotMet,
                "the results do not meet the rubric of '\(definition.name)': " + problems.joined(separator: "; ")
                    + " (to issue anyway, give --override-rubric \"REASON\"; the reason is kept in the ledger)",
                field: "result")
        }
    }

    /// The unsigned credential.
    public static func credential(
        draft: CredentialDraft, achievement definition: AchievementDefinition, issuer: Profile
    ) throws(IssuerError) -> AchievementCredential {
        try credential(draft: draft, template: CredentialTemplate(achievement: definition, issuer: issuer))
    }

    /// The unsigned credential, with the members every credential of the template's achievement shares taken
    /// from the template (for many credentials: each shared member is built once, and is one value in all of
    /// them).
    public static func credential(
        draft: CredentialDraft, template: CredentialTemplate
    ) throws(IssuerError) -> AchievementCredential {
        let definition = template.definition
        try checkResults(draft.results, against: definition)
        guard DateTimeZ(draft.validFrom) != nil else {
            throw IssuerError(.invalidDate, "'\(draft.validFrom)' is not a date-time with a time zone", field: "validFrom")
        }
        if let validUntil = draft.validUntil {
            guard let until = DateTimeZ(validUntil) else {
                throw IssuerError(.invalidDate, "'\(validUntil)' is not a date-time with a time zone", field: "validUntil")
            }
            if let from = DateTimeZ(draft.validFrom), until < from {
                throw IssuerError(.invalidDate, "validUntil \(validUntil) is before validFrom \(draft.validFrom)", field: "validUntil")
            }
        }
        var members: [JSONObject.Member] = []
        members.reserveCapacity(14)
        func add(_ key: String, _ value: JSONValue) { members.append(JSONObject.Member(key: key, value: value)) }
        add("@context", template.context)
        add("id", .string(draft.id))
        add("type", template.types)
        add("name", template.name)
        add("description", template.description)
        if let image = template.image { add("image", image) }
        add("issuer", template.issuer)
        add("validFrom", .string(draft.validFrom))
        if let validUntil = draft.validUntil { add("validUntil", .string(validUntil)) }

        var subject: [JSONObject.Member] = []
        subject.reserveCapacity(7)
        subject.append(JSONObject.Member(key: "type", value: template.subjectType))
        var identifiers: [JSONValue] = []
        switch draft.recipient {
        case .did(let did):
            subject.append(JSONObject.Member(key: "id", value: .string(did)))
        case .email(let address):
            if let holder = draft.subjectID { subject.append(JSONObject.Member(key: "id", value: .string(holder))) }
            let salt = draft.salt ?? RandomIdentifiers.salt()
            identifiers.append(.object(Recipient.hashedEmailIdentity(address, salt: salt).json))
        }
        if let name = draft.recipientName {
            identifiers.append(.object(JSONObject([
                JSONObject.Member(key: "type", value: template.identityObjectType),
                JSONObject.Member(key: "identityHash", value: .string(name)),
                JSONObject.Member(key: "identityType", value: template.nameIdentityType),
                JSONObject.Member(key: "hashed", value: .bool(false)),
            ])))
        }
        if !identifiers.isEmpty { subject.append(JSONObject.Member(key: "identifier", value: .array(identifiers))) }
        subject.append(JSONObject.Member(key: "achievement", value: template.achievement))
        if !draft.results.isEmpty {
            subject.append(JSONObject.Member(key: "result", value: .array(draft.results.compactMap { result in
                template.result(criterion: result.criterion, level: result.level)
            })))
        }
        if let narrative = draft.narrative { subject.append(JSONObject.Member(key: "narrative", value: .string(narrative))) }
        if let credits = draft.creditsEarned {
            guard JSONNumber.isValidLexeme(credits) else {
                throw IssuerError(.invalidField, "'\(credits)' is not a number", field: "creditsEarned")
            }
            subject.append(JSONObject.Member(key: "creditsEarned", value: .number(JSONNumber(lexeme: credits))))
        }
        var credential = JSONObject(members)
        credential["credentialSubject"] = .object(JSONObject(subject))

        if !draft.evidence.isEmpty {
            credential["evidence"] = .array(draft.evidence.map { evidence in
                var object = JSONObject()
                switch evidence {
                case .url(let url, let name):
                    object["id"] = .string(url)
                    object["type"] = ["Evidence"]
                    if let name { object["name"] = .string(name) }
                case .file(let name, let digest, let mediaType):
                    object["id"] = .string(EvidenceInput.namedInformationURI(sha256: digest, mediaType: mediaType))
                    object["type"] = ["Evidence"]
                    object["name"] = .string(name)
                    object["description"] = .string("File \(name), SHA-256 \(Hex.encode(digest))")
                }
                return .object(object)
            })
        }
        credential["credentialSchema"] = template.credentialSchema
        if !draft.status.isEmpty {
            let entries: [JSONValue] = draft.status.map { entry in
                .object(JSONObject([
                    "id": .string("\(entry.listURL)#\(entry.index)"),
                    "type": "BitstringStatusListEntry",
                    "statusPurpose": .string(entry.purpose),
                    "statusListIndex": .string(String(entry.index)),
                    "statusListCredential": .string(entry.listURL),
                ]))
            }
            credential["credentialStatus"] = entries.count == 1 ? entries[0] : .array(entries)
        }
        return AchievementCredential(json: credential)
    }
}

/// The members of a credential that every credential of one achievement from one issuer shares, built once
/// (`CredentialBuilder.credential(draft:template:)`).
public struct CredentialTemplate: Sendable {
    public let definition: AchievementDefinition
    let context: JSONValue
    let types: JSONValue
    let name: JSONValue
    let description: JSONValue
    let image: JSONValue?
    let issuer: JSONValue
    let achievement: JSONValue
    let credentialSchema: JSONValue
    let subjectType: JSONValue
    let identityObjectType: JSONValue
    let nameIdentityType: JSONValue
    /// The `Result` of each rubric criterion and level: criterion id → level id → result.
    private let results: [String: [String: JSONValue]]

    public init(achievement definition: AchievementDefinition, issuer: Profile) {
        self.definition = definition
        context = [
            .string(CredentialContexts.credentialsV2), .string(CredentialContexts.openBadgesV3),
            .string(CredentialContexts.openBadgesExtensions),
        ]
        types = ["VerifiableCredential", "OpenBadgeCredential"]
        name = .string(definition.name)
        description = .string(definition.description)
        image = definition.image.map { .object(Image(id: $0, caption: definition.name).json) }
        self.issuer = .object(issuer.json)
        achievement = .object(definition.achievement.json)
        credentialSchema = [
            .object(JSONObject(["id": .string(CredentialBuilder.schemaURL), "type": "1EdTechJsonSchemaValidator2019"]))
        ]
        subjectType = ["AchievementSubject"]
        identityObjectType = "IdentityObject"
        nameIdentityType = "name"
        var results: [String: [String: JSONValue]] = [:]
        for criterion in definition.rubric where results[criterion.id] == nil {
            var levels: [String: JSONValue] = [:]
            for level in criterion.levels where levels[level.id] == nil {
                var object = JSONObject()
                object["type"] = ["Result"]
                object["resultDescription"] = .string(definition.resultDescriptionID(criterion))
                object["achievedLevel"] = .string(definition.levelID(criterion, level))
                levels[level.id] = .object(object)
            }
            results[criterion.id] = levels
        }
        self.results = results
    }

    /// The result for a criterion and level of the rubric (nil for one it does not have).
    func result(criterion: String, level: String) -> JSONValue? {
        results[criterion]?[level]
    }
}
