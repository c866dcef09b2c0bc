public import GRDB

/// One credential the issuer has reserved or issued: a row of the `credentials` table.
///
/// Each credential holds a position (`revocationIndex`) in a revocation status list and, when reserved as
/// suspendable, a position in a suspension status list. Its status bit in a list is set while it is revoked
/// (for ever) or suspended (until unsuspended).
public struct CredentialRecord: Codable, Hashable, Sendable {
    /// The credential's `id` (for example `urn:uuid:…`), unique in the ledger.
    public var id: String
    /// The issuer's idempotency key for the row that produced this credential (for example batch id and row).
    public var rowKey: String
    /// Who the credential is for (an email, DID or other identifier the issuer uses).
    public var recipient: String
    public var state: CredentialState
    /// When the row was reserved (an XML Schema dateTime in UTC).
    public var reservedAt: String
    public var issuedAt: String?
    /// Where the signed credential was written.
    public var outputPath: String?
    /// SHA-256 of the written file, 64 lowercase hexadecimal digits.
    public var sha256: String?
    /// The proof's cryptosuite or format (for example `eddsa-rdfc-2022`).
    public var proofSuite: String?
    public var revocationListID: Int64
    public var revocationIndex: Int
    public var suspensionListID: Int64?
    public var suspensionIndex: Int?
    public var revokedAt: String?
    public var revocationReason: String?
    /// Set while the credential is suspended.
    public var suspendedAt: String?
    public var suspensionReason: String?
    /// The batch that issued the credential, if any.
    public var batchID: String?

    public var isRevoked: Bool { revokedAt != nil }
    public var isSuspended: Bool { suspendedAt != nil }

    enum CodingKeys: String, CodingKey {
        case id
        case rowKey = "row_key"
        case recipient
        case state
        case reservedAt = "reserved_at"
        case issuedAt = "issued_at"
        case outputPath = "output_path"
        case sha256
        case proofSuite = "proof_suite"
        case revocationListID = "revocation_list_id"
        case revocationIndex = "revocation_index"
        case suspensionListID = "suspension_list_id"
        case suspensionIndex = "suspension_index"
        case revokedAt = "revoked_at"
        case revocationReason = "revocation_reason"
        case suspendedAt = "suspended_at"
        case suspensionReason = "suspension_reason"
        case batchID = "batch_id"
    }
}

extension CredentialRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "credentials"
}
