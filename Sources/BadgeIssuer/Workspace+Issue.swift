import BadgeStore
import LinkedData
public import OpenBadges
internal import BadgeCrypto

/// One credential to issue.
public struct IssueRequest: Sendable {
    public var achievement: AchievementDefinition
    public var recipient: Recipient
    public var recipientName: String?
    /// Achieved level per rubric criterion (criterion id, level id); checked against the rubric.
    public var results: [(criterion: String, level: String)]
    public var evidence: [EvidenceInput]
    public var narrative: String?
    /// Defaults to the time of issuing.
    public var validFrom: String?
    public var validUntil: String?
    /// Defaults to the workspace's proof format.
    public var format: ProofFormat?
    /// Also allocate a suspension entry (then `credentialStatus` holds two entries).
    public var suspendable: Bool
    /// Credits earned, as a JSON number lexeme (when the achievement offers credit).
    public var creditsEarned: String?
    /// Issue even though the results do not meet the rubric, for this reason (recorded in the ledger's events,
    /// never in the credential).
    public var overrideRubric: String?
    /// The subject's `id` for an email recipient: a wallet's DID, kept beside the hashed email (see
    /// `CredentialDraft.subjectID`).
    public var subjectID: String?
    /// The salt of the hashed email (random when nil): the award's own, when a wallet's copy repeats its identity.
    public var salt: String?

    public init(
        achievement: AchievementDefinition, recipient: Recipient, recipientName: String? = nil,
        results: [(criterion: String, level: String)] = [], evidence: [EvidenceInput] = [], narrative: String? = nil,
        validFrom: String? = nil, validUntil: String? = nil, format: ProofFormat? = nil, suspendable: Bool = false,
        creditsEarned: String? = nil
    ) {
        self.creditsEarned = creditsEarned
        self.achievement = achievement
        self.recipient = recipient
        self.recipientName = recipientName
        self.results = results
        self.evidence = evidence
        self.narrative = narrative
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.format = format
        self.suspendable = suspendable
    }

    /// Checks everything that does not need the ledger, so bad input changes nothing.
    public func validate() throws(IssuerError) {
        try CredentialBuilder.checkResults(results, against: achievement)
        if let validFrom, DateTimeZ(validFrom) == nil {
            throw IssuerError(.invalidDate, "'\(validFrom)' is not a date-time with a time zone (e.g. 2025-06-01T09:00:00Z)", field: "valid-from")
        }
        if let validUntil {
            guard let until = DateTimeZ(validUntil) else {
                throw IssuerError(.invalidDate, "'\(validUntil)' is not a date-time with a time zone (e.g. 2026-06-01T09:00:00Z)", field: "valid-until")
            }
            if let validFrom, let from = DateTimeZ(validFrom), until < from {
                throw IssuerError(.invalidDate, "valid-until \(validUntil) is before valid-from \(validFrom)", field: "valid-until")
            }
        }
        if let overrideRubric {
            guard !overrideRubric.allSatisfy(\.isWhitespace) else {
                throw IssuerError(.invalidField, "--override-rubric needs a reason", field: "override-rubric")
            }
        } else {
            try CredentialBuilder.checkRubricMet(results, against: achievement)
        }
    }
}

/// The result of issuing one credential.
public struct IssuedCredential: Sendable {
    public var credentialID: String
    public var signed: SignedCredential
    /// Where the credential was written (nil when it was only returned).
    public var outputPath: String?
}

extension Workspace {
    /// The signer for a proof format with the workspace key.
    public func signer(_ format: ProofFormat? = nil) -> CredentialSigner {
        CredentialSigner(format: format ?? config.proof, key: key, verificationMethod: verificationMethod)
    }

    /// Builds and checks the unsigned credential for `request` with the given id and status entries: the
    /// official JSON Schema and JSON-LD safe mode must both pass, or nothing is signed.
    public func unsignedCredential(
        _ request: IssueRequest, id: String, status: [CredentialDraft.StatusEntry], validFrom: String,
        checkSafeMode: Bool = true
    ) throws(IssuerError) -> AchievementCredential {
        try unsignedCredential(
            request, id: id, status: status, validFrom: validFrom, checkSafeMode: checkSafeMode,
            template: CredentialTemplate(achievement: request.achievement, issuer: config.issuer), schemaMemo: nil)
    }

    /// `unsignedCredential(_:id:status:validFrom:checkSafeMode:)` for one of many credentials: the members they
    /// share come from `template` (made from `request.achievement` and the workspace's issuer), and the schema
    /// check remembers in `schemaMemo` what it found for them.
    func unsignedCredential(
        _ request: IssueRequest, id: String, status: [CredentialDraft.StatusEntry], validFrom: String,
        checkSafeMode: Bool, template: CredentialTemplate, schemaMemo: SchemaMemo?
    ) throws(IssuerError) -> AchievementCredential {
        let draft = CredentialDraft(
            id: id, recipient: request.recipient, recipientName: request.recipientName, results: request.results,
            evidence: request.evidence, narrative: request.narrative, validFrom: request.validFrom ?? validFrom,
            validUntil: request.validUntil, status: status, salt: request.salt, creditsEarned: request.creditsEarned,
            subjectID: request.subjectID)
        guard !request.achievement.id.isEmpty else {
            throw IssuerError(.invalidField, "the achievement '\(request.achievement.name)' has no id", field: "id")
        }
        let credential = try CredentialBuilder.credential(draft: draft, template: template)
        try Self.checkIssuable(credential, safeMode: checkSafeMode, schemaMemo: schemaMemo)
        return credential
    }

    /// The official schema (single `credentialStatus` normalised, see `CredentialDraft`) and safe-mode JSON-LD.
    static func checkIssuable(
        _ credential: AchievementCredential, safeMode: Bool, schemaMemo: SchemaMemo? = nil
    ) throws(IssuerError) {
        var checked = credential.json
        if case .array(let entries)? = checked["credentialStatus"], let first = entries.first {
            // OB 3.0's schema allows one credentialStatus; VC 2.0 allows several (revocation + suspension).
            checked["credentialStatus"] = first
        }
        let violations = OpenBadgesSchemas.achievementCredential.validate(.object(checked), memo: schemaMemo)
        if let first = violations.first {
            throw IssuerError(
                .schema,
                "the credential does not match the Open Badges 3.0 schema (\(violations.count) problem(s)); first: \(first.path.isEmpty ? "" : first.path + ": ")\(first.message)")
        }
        guard safeMode else { return }
        do {
            _ = try JSONLDProcessor().expand(.object(credential.json))
        } catch {
            throw IssuerError(.schema, "the credential would lose data in JSON-LD processing: \(error)")
        }
    }

    /// Issues one credential: records it in the ledger, signs it and writes it to `outputPath` (nil: the
    /// workspace's credentials folder; "-": not written, only returned). `now` is the issue time. A `rowKey` makes
    /// issuing idempotent (issuing the same key again after an interruption reuses its id and status index).
    public func issue(
        _ request: IssueRequest, outputPath: String?, now: String, rowKey: String? = nil
    ) throws(IssuerError) -> IssuedCredential {
        try request.validate()
        let credentialID = CredentialIdentifier.make()
        let reservation = CredentialReservation(
            rowKey: rowKey ?? "single:" + credentialID, credentialID: credentialID,
            recipient: request.recipient.ledgerKey, suspendable: request.suspendable)
        let reserved: ReservedCredential
        do {
            reserved = try ledger.reserve([reservation])[0]
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        let signed = try sign(request, reserved: reserved, now: now)
        let written = try writeAndRecord(
            signed, credentialID: reserved.credentialID, outputPath: outputPath,
            defaultFile: Self.fileName(for: reserved.credentialID, signed), now: now)
        if let reason = request.overrideRubric {
            try recordRubricOverride(subject: reserved.credentialID, reason: reason, now: now)
        }
        // The status lists are republished so the new entry's list exists where badges say it is.
        _ = try publishStatusLists(now: now)
        return IssuedCredential(credentialID: reserved.credentialID, signed: signed, outputPath: written)
    }

    /// Records in the ledger's events that `subject` (a credential or batch) was issued below its rubric, and why.
    func recordRubricOverride(subject: String, reason: String, now: String) throws(IssuerError) {
        do {
            _ = try ledger.record(EventRecord(at: now, kind: "rubric-override", subject: subject, detail: reason))
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
    }

    /// Writes a signed credential (to `outputPath`, or `credentials/<defaultFile>`; "-" writes nothing) and records
    /// it in the ledger as issued with its digest. Returns where it was written.
    func writeAndRecord(
        _ signed: SignedCredential, credentialID: String, outputPath: String?, defaultFile: String, now: String
    ) throws(IssuerError) -> String? {
        let path = outputPath ?? FileIO.join(credentialsDirectory, defaultFile)
        if path != "-" {
            try FileIO.write(signed.bytes, to: path)
        }
        do {
            try ledger.markIssued([
                IssuedUpdate(
                    credentialID: credentialID, outputPath: path == "-" ? "(standard output)" : path,
                    sha256: Hex.encode(SHA256.hash(signed.bytes)), proofSuite: signed.format.rawValue, issuedAt: now)
            ])
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        return path == "-" ? nil : path
    }

    /// Builds, checks and signs the credential for a reservation.
    func sign(_ request: IssueRequest, reserved: ReservedCredential, now: String) throws(IssuerError) -> SignedCredential {
        var status = [
            CredentialDraft.StatusEntry(
                purpose: reserved.revocation.purpose.rawValue, listURL: reserved.revocation.listURL,
                index: reserved.revocation.index)
        ]
        if let suspension = reserved.suspension {
            status.append(CredentialDraft.StatusEntry(
                purpose: suspension.purpose.rawValue, listURL: suspension.listURL, index: suspension.index))
        }
        let signer = signer(request.format)
        // eddsa-rdfc-2022 signing expands the credential in safe mode itself; the other formats are checked here.
        let credential = try unsignedCredential(
            request, id: reserved.credentialID, status: status, validFrom: now,
            checkSafeMode: signer.format != .eddsaRdfc2022)
        return try signer.sign(credential.json, created: now)
    }

    /// `credentials/<uuid>.json` (or `.jwt`): the credential id's last path or URN segment.
    static func fileName(for credentialID: String, _ signed: SignedCredential) -> String {
        let tail = credentialID.split(whereSeparator: { $0 == ":" || $0 == "/" }).last.map(String.init) ?? "credential"
        let safe = String(tail.unicodeScalars.filter { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_"
        })
        return (safe.isEmpty ? "credential" : safe) + "." + signed.fileExtension
    }
}
