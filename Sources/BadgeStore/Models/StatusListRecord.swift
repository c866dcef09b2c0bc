public import GRDB

/// One Bitstring Status List the ledger publishes: a row of the `status_lists` table.
///
/// Its bitstring has `size` entries (at least 131,072 by Bitstring Status List v1.0, so that a list gives
/// herd privacy); `allocated` of them are given to credentials, at random positions.
public struct StatusListRecord: Codable, Hashable, Sendable {
    public var id: Int64
    public var purpose: StatusPurpose
    /// The list's number among the lists of its purpose, from 1.
    public var sequence: Int
    /// The URL of the `BitstringStatusListCredential`: `<base URL>/status/<purpose>/<sequence>`.
    public var url: String
    /// Number of entries (bits) in the list.
    public var size: Int
    /// Number of entries given to credentials.
    public var allocated: Int
    public var createdAt: String

    public var isFull: Bool { allocated >= size }

    enum CodingKeys: String, CodingKey {
        case id, purpose, sequence, url, size, allocated
        case createdAt = "created_at"
    }
}

extension StatusListRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "status_lists"
}
