import LinkedData
public import OpenBadges

/// A relationship between two achievements of a learner record (CLR 2.0 `Association`): "the source
/// achievement" `associationType` "the target achievement", e.g. a module `isPartOf` a programme.
public struct AssociationInput: Sendable, Hashable {
    /// The association types CLR 2.0 defines (`AssociationTypeEnum`).
    public static let associationTypes = [
        "exactMatchOf", "isChildOf", "isParentOf", "isPartOf", "isPeerOf", "isRelatedTo", "precedes", "replacedBy",
    ]

    /// The source: an achievement id, or (resolved by the workspace) a credential id or an achievement file name.
    public var source: String
    public var associationType: String
    /// The target, in the same forms as `source`.
    public var target: String

    public init(source: String, associationType: String, target: String) throws(IssuerError) {
        guard Self.associationTypes.contains(associationType) else {
            throw IssuerError(
                .invalidField,
                "'\(associationType)' is not a CLR association type (\(Self.associationTypes.joined(separator: ", ")))",
                field: "association")
        }
        guard !source.isEmpty, !target.isEmpty else {
            throw IssuerError(.invalidField, "an association needs a source and a target", field: "association")
        }
        self.source = source
        self.associationType = associationType
        self.target = target
    }

    /// Reads `SOURCE=TYPE=TARGET`, e.g. `module-1=isPartOf=programme`. Sources and targets may themselves contain
    /// `=` (URLs with queries): the text is split around the one `=TYPE=` that names an association type.
    public init(parsing text: String) throws(IssuerError) {
        var found: (String, String, String)? = nil
        for type in Self.associationTypes {
            let marker = "=" + type + "="
            for range in text.ranges(of: marker) {
                let source = String(text[..<range.lowerBound])
                let target = String(text[range.upperBound...])
                guard !source.isEmpty && !target.isEmpty else { continue }
                if found != nil {
                    throw IssuerError(
                        .invalidField, "'\(text)' can be read as more than one association; use ids without '='",
                        field: "association")
                }
                found = (source, type, target)
            }
        }
        guard let (source, type, target) = found else {
            throw IssuerError(
                .invalidField,
                "'\(text)' is not SOURCE=TYPE=TARGET with TYPE one of \(Self.associationTypes.joined(separator: ", "))",
                field: "association")
        }
        try self.init(source: source, associationType: type, target: target)
    }
}

/// Builds unsigned CLR 2.0 `ClrCredential`s: a learner record that bundles the learner's credentials, each with
/// its own proof, under the record issuer's signature.
///
/// The record's contexts are the VC 2.0, CLR 2.0.1 and Open Badges 3.0.3 contexts; `credentialSubject` is a
/// `ClrSubject` naming the learner (a DID as `id`, or a salted hash of an email as an `IdentityObject`), holding
/// the credentials in `verifiableCredential` (JSON objects, or compact JWS strings), the achievements they award
/// in `achievement`, and the `association`s between those achievements.
public enum ClrBuilder {
    /// The unsigned learner record. Every association must join two achievements of the bundled credentials
    /// (by achievement id). `partial` says whether the issuer left out credentials it knows of.
    public static func credential(
        id: String, issuer: Profile, learner: Recipient, credentials: [CredentialFile],
        associations: [AssociationInput], name: String, description: String?, validFrom: String,
        partial: Bool?, status: [CredentialDraft.StatusEntry], salt: String? = nil
    ) throws(IssuerError) -> ClrCredential {
        guard !credentials.isEmpty else {
            throw IssuerError(.invalidField, "a learner record needs at least one credential", field: "credential")
        }
        guard DateTimeZ(validFrom) != nil else {
            throw IssuerError(.invalidDate, "'\(validFrom)' is not a date-time with a time zone", field: "validFrom")
        }
        var achievements: [JSONValue] = []
        var achievementIDs: [String] = []
        for credential in credentials {
            guard let achievement = credential.achievement, let achievementID = achievement["id"]?.stringValue else {
                continue
            }
            if !achievementIDs.contains(achievementID) {
                achievementIDs.append(achievementID)
                achievements.append(.object(achievement))
            }
        }
        var associationValues: [JSONValue] = []
        for association in associations {
            for endpoint in [association.source, association.target] where !achievementIDs.contains(endpoint) {
                throw IssuerError(
                    .invalidField,
                    "'\(endpoint)' is not an achievement of the credentials in this record "
                        + "(achievements: \(achievementIDs.joined(separator: ", ")))",
                    field: "association")
            }
            associationValues.append(.object(JSONObject([
                "type": "Association",
                "associationType": .string(association.associationType),
                "sourceId": .string(association.source),
                "targetId": .string(association.target),
            ])))
        }

        var subject = JSONObject()
        subject["type"] = ["ClrSubject"]
        switch learner {
        case .did(let did):
            subject["id"] = .string(did)
        case .email(let address):
            let identity = Recipient.hashedEmailIdentity(address, salt: salt ?? RandomIdentifiers.salt())
            subject["identifier"] = [.object(identity.json)]
        }
        subject["verifiableCredential"] = .array(credentials.map(\.embeddedValue))
        if !achievements.isEmpty { subject["achievement"] = .array(achievements) }
        if !associationValues.isEmpty { subject["association"] = .array(associationValues) }

        var record = JSONObject()
        record["@context"] = [
            .string(CredentialContexts.credentialsV2), .string(CredentialContexts.clrV2),
            .string(CredentialContexts.openBadgesV3),
        ]
        record["id"] = .string(id)
        record["type"] = ["VerifiableCredential", "ClrCredential"]
        record["name"] = .string(name)
        if let description { record["description"] = .string(description) }
        if let partial { record["partial"] = .bool(partial) }
        record["issuer"] = .object(issuer.json)
        record["validFrom"] = .string(validFrom)
        record["credentialSubject"] = .object(subject)
        if !status.isEmpty {
            let entries: [JSONValue] = status.map { entry in
                .object(JSONObject([
                    "id": .string("\(entry.listURL)#\(entry.index)"),
                    "type": "BitstringStatusListEntry",
                    "statusPurpose": .string(entry.purpose),
                    "statusListIndex": .string(String(entry.index)),
                    "statusListCredential": .string(entry.listURL),
                ]))
            }
            record["credentialStatus"] = entries.count == 1 ? entries[0] : .array(entries)
        }
        return ClrCredential(json: record)
    }

    /// JSON-LD safe mode over the record: every member must be defined by its contexts, or the signature would not
    /// cover it.
    static func checkIssuable(_ record: ClrCredential) throws(IssuerError) {
        do {
            _ = try JSONLDProcessor().expand(.object(record.json))
        } catch {
            throw IssuerError(.schema, "the learner record would lose data in JSON-LD processing: \(error)")
        }
    }
}
