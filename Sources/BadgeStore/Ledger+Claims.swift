public import GRDB

extension Ledger {
    /// The table of migration `v8-claim-links`: links that open one awarded credential's claim page. Shipped:
    /// never edit; change the schema in a new migration.
    static let claimLinksSchema = """
        CREATE TABLE claim_links (
            token_hash TEXT PRIMARY KEY NOT NULL,
            credential_id TEXT NOT NULL,
            learner TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX claim_links_credential ON claim_links (credential_id);
        """
}

/// A link to one awarded credential's claim page: only the SHA-256 of its token is stored. A row of
/// `claim_links`. It opens that page only (never a session), until it expires.
public struct ClaimLinkRecord: Codable, Hashable, Sendable {
    public var tokenHash: String
    public var credentialId: String
    public var learner: String
    public var createdAt: String
    public var expiresAt: String

    public init(tokenHash: String, credentialId: String, learner: String, createdAt: String, expiresAt: String) {
        self.tokenHash = tokenHash
        self.credentialId = credentialId
        self.learner = learner
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

extension ClaimLinkRecord: SnakeCaseRecord, PersistableRecord { public static let databaseTableName = "claim_links" }

extension Ledger {
    /// Stores a claim link for an awarded credential.
    public func addClaimLink(_ link: ClaimLinkRecord) throws(LedgerError) {
        _ = try checkedDigest(link.tokenHash, "claim token hash")
        try check(link.credentialId, "credential id of the claim link")
        try checkTime(link.createdAt, "time of the claim link")
        try checkTime(link.expiresAt, "expiry of the claim link")
        try write("store a claim link") { db in
            guard try AwardRecord.filter(Column("credential_id") == link.credentialId)
                .filter(Column("learner") == link.learner).fetchCount(db) > 0
            else {
                throw LedgerError(.invalidInput, "\(link.learner) was not awarded \(link.credentialId)")
            }
            try link.insert(db)
        }
    }

    /// The unexpired claim link with this token hash, or nil.
    public func claimLink(tokenHash: String, now: String) throws(LedgerError) -> ClaimLinkRecord? {
        try read("read a claim link") { db in
            guard let link = try ClaimLinkRecord.fetchOne(db, key: tokenHash), link.expiresAt > now else { return nil }
            return link
        }
    }
}
