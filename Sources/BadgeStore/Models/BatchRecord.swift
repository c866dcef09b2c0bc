public import GRDB

/// One run of batch issuance from a source file: a row of the `batches` table.
public struct BatchRecord: Codable, Hashable, Sendable {
    public var id: String
    /// The name of the source (for example the recipients file's name).
    public var sourceName: String
    /// SHA-256 of the source file, 64 lowercase hexadecimal digits.
    public var sourceSHA256: String
    public var startedAt: String
    public var finishedAt: String?
    /// Rows in the source.
    public var rowCount: Int
    /// Credentials issued by the batch (counted when it finishes).
    public var issuedCount: Int
    /// Rows that failed.
    public var failedCount: Int

    public init(
        id: String, sourceName: String, sourceSHA256: String, startedAt: String, finishedAt: String? = nil,
        rowCount: Int, issuedCount: Int = 0, failedCount: Int = 0
    ) {
        self.id = id
        self.sourceName = sourceName
        self.sourceSHA256 = sourceSHA256
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.rowCount = rowCount
        self.issuedCount = issuedCount
        self.failedCount = failedCount
    }

    enum CodingKeys: String, CodingKey {
        case id
        case sourceName = "source_name"
        case sourceSHA256 = "source_sha256"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case rowCount = "row_count"
        case issuedCount = "issued_count"
        case failedCount = "failed_count"
    }
}

extension BatchRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "batches"
}
