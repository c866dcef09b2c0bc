public import BadgeStore
import BadgeCrypto
import LinkedData

/// A credential the workspace issued, as its ledger records it, with the achievement its file names.
public struct IssuedCredentialSummary: Sendable {
    public var record: CredentialRecord
    /// The achievement's id and name, read from the credential file (nil when the file is not where it was
    /// written).
    public var achievementID: String?
    public var achievementName: String?

    /// `issued`, `revoked` or `suspended`.
    public var status: String {
        record.isRevoked ? "revoked" : record.isSuspended ? "suspended" : "issued"
    }
}

extension Workspace {
    /// The credentials this workspace issued (the ledger's issued records), oldest first: all of them, or those of
    /// one recipient (an email address is matched as the ledger keeps it: the badge itself holds only its hash),
    /// or of one achievement (by id).
    public func issuedCredentials(
        recipient: Recipient? = nil, achievementID: String? = nil
    ) throws(IssuerError) -> [IssuedCredentialSummary] {
        let records: [CredentialRecord]
        do throws(LedgerError) {
            if let recipient {
                records = try ledger.credentials(recipient: recipient.ledgerKey)
            } else {
                records = try ledger.credentials(state: .issued)
            }
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        var out: [IssuedCredentialSummary] = []
        for record in records where record.state == .issued {
            let achievement = Self.achievement(of: record)
            if let achievementID, achievement?.id != achievementID { continue }
            out.append(IssuedCredentialSummary(record: record, achievementID: achievement?.id, achievementName: achievement?.name))
        }
        return out
    }

    /// The achievement a recorded credential names, read from where it was written.
    static func achievement(of record: CredentialRecord) -> (id: String?, name: String?)? {
        guard let object = storedDocument(of: record) else { return nil }
        let achievement = object["credentialSubject"]?["achievement"]
        return (achievement?["id"]?.stringValue, achievement?["name"]?.stringValue)
    }

    /// A recorded credential as JSON, read from where it was written: a JSON file, a VC-JWT file (its `vc` claim,
    /// or the claims themselves), or its line in a JSON Lines file. Nil when the file is not there.
    static func storedDocument(of record: CredentialRecord) -> JSONObject? {
        guard let path = record.outputPath, let bytes = try? FileIO.read(path, limit: 1 << 30) else { return nil }
        var document: [UInt8] = bytes
        if path.hasSuffix(".jsonl") {
            let needle = Array("\"\(record.id)\"".utf8)
            guard let line = bytes.split(separator: 0x0A).first(where: { $0.firstRange(of: needle) != nil }) else { return nil }
            document = Array(line)
        }
        var object = (try? JSONValue(parsing: document))?.objectValue
        if object == nil {
            let parts = String(decoding: document, as: UTF8.self).split(separator: ".")
            if parts.count == 3, let payload = try? Base64URL.decode(String(parts[1])) {
                let claims = (try? JSONValue(parsing: payload))?.objectValue
                object = claims?["vc"]?.objectValue ?? claims
            }
        }
        return object
    }
}
