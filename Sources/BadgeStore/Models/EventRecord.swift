public import GRDB

/// A free-form entry of the audit log: a row of the `events` table.
public struct EventRecord: Codable, Hashable, Sendable {
    /// Assigned by the ledger when the event is recorded.
    public var id: Int64?
    public var at: String
    /// What happened, as a short word chosen by the caller (for example `key-rotated`).
    public var kind: String
    /// What it happened to (a credential id, batch id, file), if anything.
    public var subject: String?
    /// Free text or JSON with the details.
    public var detail: String?

    public init(id: Int64? = nil, at: String, kind: String, subject: String? = nil, detail: String? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.subject = subject
        self.detail = detail
    }
}

extension EventRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "events"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
