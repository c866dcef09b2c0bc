import BadgeStore
import LinkedData
import OpenBadges
internal import BadgeCrypto

/// What goes into a learner record.
public struct ClrRequest: Sendable {
    /// The learner (a DID or an email address).
    public var learner: Recipient
    /// The credentials to bundle; nil for every credential the workspace issued to the learner (read from their
    /// files, checked against the digests in the ledger; revoked and suspended ones are left out).
    public var credentials: [CredentialFile]?
    public var associations: [AssociationInput]
    /// The record's name (default: "Comprehensive Learner Record").
    public var name: String?
    public var description: String?

    public init(
        learner: Recipient, credentials: [CredentialFile]? = nil, associations: [AssociationInput] = [],
        name: String? = nil, description: String? = nil
    ) {
        self.learner = learner
        self.credentials = credentials
        self.associations = associations
        self.name = name
        self.description = description
    }
}

/// A ledger credential left out of a learner record, and why.
public struct SkippedCredential: Sendable, Hashable {
    public var credentialID: String
    public var reason: String
}

/// The result of issuing a learner record.
public struct IssuedClr: Sendable {
    public var credentialID: String
    public var signed: SignedCredential
    /// Where the record was written (nil when it was only returned).
    public var outputPath: String?
    /// The credentials bundled.
    public var included: [CredentialFile]
    /// Ledger credentials of the learner that were left out.
    public var skipped: [SkippedCredential]
}

extension Workspace {
    /// The achievement credentials this workspace issued to `learner`, read from the files the ledger recorded,
    /// oldest first. A file is used only if its SHA-256 is the one recorded when it was issued. Revoked, suspended
    /// and unfinished credentials, learner records, and files that are missing or changed are left out, each
    /// with its reason.
    public func learnerCredentials(_ learner: Recipient) throws(IssuerError) -> (
        credentials: [CredentialFile], skipped: [SkippedCredential]
    ) {
        let records: [CredentialRecord]
        do {
            records = try ledger.credentials(recipient: learner.ledgerKey)
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        var credentials: [CredentialFile] = []
        var skipped: [SkippedCredential] = []
        for record in records {
            func skip(_ reason: String) { skipped.append(SkippedCredential(credentialID: record.id, reason: reason)) }
            if record.state != .issued {
                skip("it was reserved but never issued")
                continue
            }
            if let revokedAt = record.revokedAt {
                skip("it was revoked at \(revokedAt)")
                continue
            }
            if let suspendedAt = record.suspendedAt {
                skip("it has been suspended since \(suspendedAt)")
                continue
            }
            guard let recorded = record.outputPath, let path = locateIssuedFile(recorded) else {
                skip("its file (\(record.outputPath ?? "none recorded")) cannot be found")
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(path)
            } catch {
                skip("its file cannot be read: \(error.reason)")
                continue
            }
            if let digest = record.sha256, Hex.encode(SHA256.hash(bytes)) != digest.lowercased() {
                skip("its file \(path) was changed after it was issued")
                continue
            }
            let file: CredentialFile
            do {
                file = try CredentialFile(bytes: bytes, source: path)
            } catch {
                skip(error.description)
                continue
            }
            if file.isClrCredential { continue }
            guard file.isAchievementCredential else {
                skip("\(path) is not an Open Badges credential")
                continue
            }
            credentials.append(file)
        }
        return (credentials, skipped)
    }

    /// The file an issued credential was written to: the recorded path, or the same path under this workspace's
    /// folder (a path recorded relative to another working folder), or a file of that name in `credentials/`.
    func locateIssuedFile(_ recorded: String) -> String? {
        if FileIO.exists(recorded), !FileIO.isDirectory(recorded) { return recorded }
        if let range = recorded.ranges(of: "credentials/").last {
            let candidate = FileIO.join(credentialsDirectory, String(recorded[range.upperBound...]))
            if FileIO.exists(candidate) { return candidate }
        }
        if let name = recorded.split(separator: "/").last {
            let candidate = FileIO.join(credentialsDirectory, String(name))
            if FileIO.exists(candidate) { return candidate }
        }
        return nil
    }

    /// Resolves an association endpoint to an achievement id of `credentials`: an achievement id as it is, a
    /// credential id to its achievement, or an achievement of this workspace (file name or id).
    func resolveAchievementReference(_ reference: String, in credentials: [CredentialFile]) -> String {
        let ids = credentials.compactMap { $0.achievement?["id"]?.stringValue }
        if ids.contains(reference) { return reference }
        if let credential = credentials.first(where: { $0.id == reference }),
            let id = credential.achievement?["id"]?.stringValue
        {
            return id
        }
        if let definition = try? achievement(reference).definition, ids.contains(definition.id) {
            return definition.id
        }
        return reference
    }

    /// Issues a CLR 2.0 learner record signed by the workspace's issuer with eddsa-rdfc-2022, recorded in the
    /// ledger (so it can be revoked like any credential) with its own revocation status entry, and written to
    /// `outputPath` (nil: `credentials/`; "-": not written, only returned).
    ///
    /// `check` is asked about each credential before anything is recorded; a non-nil answer (for example a
    /// verifier's "the signature does not match") refuses the credential with that reason. Credentials given
    /// explicitly must have been awarded to the learner.
    public func issueClr(
        _ request: ClrRequest, outputPath: String?, now: String,
        check: (CredentialFile) -> String? = { _ in nil }
    ) throws(IssuerError) -> IssuedClr {
        var skipped: [SkippedCredential] = []
        let credentials: [CredentialFile]
        var partial: Bool? = nil
        if let given = request.credentials {
            for credential in given {
                guard credential.isAchievementCredential else {
                    throw IssuerError(
                        .invalidFile,
                        "a learner record bundles Open Badges achievement credentials; this is "
                            + credential.view.types.joined(separator: ", "),
                        file: credential.source)
                }
                guard credential.isAwarded(to: request.learner) else {
                    throw IssuerError(
                        .invalidRecipient, "this credential was not awarded to \(request.learner)", file: credential.source)
                }
            }
            credentials = given
            let known = (try? learnerCredentials(request.learner).credentials.compactMap(\.id)) ?? []
            let givenIDs = Set(given.compactMap(\.id))
            partial = !known.allSatisfy(givenIDs.contains)
        } else {
            (credentials, skipped) = try learnerCredentials(request.learner)
            guard !credentials.isEmpty else {
                let reasons = skipped.map { "\($0.credentialID): \($0.reason)" }
                throw IssuerError(
                    .invalidRecipient,
                    "the ledger holds no usable credentials issued to \(request.learner)"
                        + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"))
            }
            partial = false
        }
        for credential in credentials {
            if let problem = check(credential) {
                throw IssuerError(
                    .invalidFile, "this credential cannot go into a learner record: \(problem)", file: credential.source)
            }
        }
        var associations: [AssociationInput] = []
        for association in request.associations {
            associations.append(try AssociationInput(
                source: resolveAchievementReference(association.source, in: credentials),
                associationType: association.associationType,
                target: resolveAchievementReference(association.target, in: credentials)))
        }
        let name = request.name ?? "Comprehensive Learner Record"
        let build = { (id: String, status: [CredentialDraft.StatusEntry]) throws(IssuerError) -> ClrCredential in
            let record = try ClrBuilder.credential(
                id: id, issuer: self.config.issuer, learner: request.learner, credentials: credentials,
                associations: associations, name: name, description: request.description, validFrom: now,
                partial: partial, status: status)
            try ClrBuilder.checkIssuable(record)
            return record
        }
        // Everything is checked before the ledger is touched, so bad input changes nothing.
        _ = try build(
            "urn:uuid:00000000-0000-4000-8000-000000000000",
            [CredentialDraft.StatusEntry(purpose: "revocation", listURL: config.baseURL + "/status/revocation/1", index: 0)])

        let credentialID = RandomIdentifiers.uuidURN()
        let reserved: ReservedCredential
        do {
            reserved = try ledger.reserve([
                CredentialReservation(
                    rowKey: "clr:" + credentialID, credentialID: credentialID, recipient: request.learner.ledgerKey)
            ])[0]
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        let record = try build(
            reserved.credentialID,
            [CredentialDraft.StatusEntry(
                purpose: reserved.revocation.purpose.rawValue, listURL: reserved.revocation.listURL,
                index: reserved.revocation.index)])
        let signed = try signer(.eddsaRdfc2022).sign(record.json, created: now)
        let written = try writeAndRecord(
            signed, credentialID: reserved.credentialID, outputPath: outputPath,
            defaultFile: "clr-" + Self.fileName(for: reserved.credentialID, signed), now: now)
        return IssuedClr(
            credentialID: reserved.credentialID, signed: signed, outputPath: written,
            included: credentials, skipped: skipped)
    }
}
