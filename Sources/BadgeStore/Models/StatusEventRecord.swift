public import GRDB

/// A change of a credential's status (revoked, suspended, unsuspended): a row of the `status_events` table.
public struct StatusEventRecord: Codable, Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable {
        case revoke, suspend, unsuspend
    }

    public var id: Int64
    public var credentialID: String
    public var action: Action
    public var reason: String?
    /// When the change takes effect, as given by the caller.
    public var at: String

    enum CodingKeys: String, CodingKey {
        case id
        case credentialID = "credential_id"
        case action, reason, at
    }
}

extension StatusEventRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "status_events"
}
