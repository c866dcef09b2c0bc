public import GRDB

extension Ledger {
    /// The tables of migration `v6-accounts`: people who sign in to `laurel serve`, their one-time sign-in links
    /// and sessions, learners' drafts, assessors' claims on submissions, and a submission's context. Shipped:
    /// never edit; change the schema in a new migration.
    static let accountsSchema = """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY NOT NULL,
            email TEXT NOT NULL UNIQUE,
            name TEXT,
            role TEXT NOT NULL CHECK (role IN ('admin', 'assessor', 'learner')),
            created_at TEXT NOT NULL,
            invited_at TEXT,
            disabled_at TEXT,
            last_digest_at TEXT
        );
        CREATE TABLE sign_in_links (
            token_hash TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        );
        CREATE INDEX sign_in_links_account ON sign_in_links (account_id);
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX sessions_account ON sessions (account_id);
        CREATE TABLE drafts (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            achievement_id TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (account_id, achievement_id)
        );
        CREATE TABLE assignments (
            submission_id TEXT PRIMARY KEY NOT NULL REFERENCES submissions (id),
            assessor_id TEXT NOT NULL REFERENCES accounts (id),
            claimed_at TEXT NOT NULL
        );
        ALTER TABLE submissions ADD COLUMN context TEXT;
        CREATE INDEX submissions_state ON submissions (state, created_at);
        """
}

/// What a person who signs in may do.
public enum AccountRole: String, Codable, Hashable, Sendable, CaseIterable {
    /// Issuer staff: achievements, programs, learners, the queue's health, revocation.
    case admin
    /// Reads submissions against the rubric and gives feedback.
    case assessor
    /// Submits work and receives feedback and badges.
    case learner
}

/// A person who signs in: a row of `accounts`. The email address (lower-cased) is the learner key submissions use.
public struct AccountRecord: Codable, Hashable, Sendable {
    public var id: String
    public var email: String
    public var name: String?
    public var role: AccountRole
    public var createdAt: String
    /// When the last invitation was sent.
    public var invitedAt: String?
    /// Set when the account may no longer sign in.
    public var disabledAt: String?
    /// When the assessor was last sent the digest of waiting work.
    public var lastDigestAt: String?

    public init(
        id: String, email: String, name: String? = nil, role: AccountRole, createdAt: String,
        invitedAt: String? = nil, disabledAt: String? = nil, lastDigestAt: String? = nil
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.invitedAt = invitedAt
        self.disabledAt = disabledAt
        self.lastDigestAt = lastDigestAt
    }

    /// The name to greet the person with: their name, or their address.
    public var displayName: String { name.flatMap { $0.isEmpty ? nil : $0 } ?? email }
}

/// A one-time sign-in link: only the SHA-256 of its token is stored. A row of `sign_in_links`.
public struct SignInLinkRecord: Codable, Hashable, Sendable {
    public var tokenHash: String
    public var accountId: String
    public var createdAt: String
    public var expiresAt: String
    public var usedAt: String?

    public init(tokenHash: String, accountId: String, createdAt: String, expiresAt: String, usedAt: String? = nil) {
        self.tokenHash = tokenHash
        self.accountId = accountId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// A signed-in session: only the SHA-256 of the cookie's token is stored, with the session's CSRF token.
public struct SessionRecord: Codable, Hashable, Sendable {
    public var tokenHash: String
    public var accountId: String
    public var csrfToken: String
    public var createdAt: String
    public var expiresAt: String

    public init(tokenHash: String, accountId: String, csrfToken: String, createdAt: String, expiresAt: String) {
        self.tokenHash = tokenHash
        self.accountId = accountId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A learner's unsubmitted work on an achievement; the body is the front end's own JSON.
public struct DraftRecord: Codable, Hashable, Sendable {
    public var accountId: String
    public var achievementId: String
    public var body: String
    public var updatedAt: String

    public init(accountId: String, achievementId: String, body: String, updatedAt: String) {
        self.accountId = accountId
        self.achievementId = achievementId
        self.body = body
        self.updatedAt = updatedAt
    }
}

/// An assessor's claim on a submission, so two assessors do not read the same work at once.
public struct AssignmentRecord: Codable, Hashable, Sendable {
    public var submissionId: String
    public var assessorId: String
    public var claimedAt: String

    public init(submissionId: String, assessorId: String, claimedAt: String) {
        self.submissionId = submissionId
        self.assessorId = assessorId
        self.claimedAt = claimedAt
    }
}

extension AccountRecord: SnakeCaseRecord, PersistableRecord { public static let databaseTableName = "accounts" }
extension SignInLinkRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "sign_in_links"
}
extension SessionRecord: SnakeCaseRecord, PersistableRecord { public static let databaseTableName = "sessions" }
extension DraftRecord: SnakeCaseRecord, PersistableRecord { public static let databaseTableName = "drafts" }
extension AssignmentRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "assignments"
}

// MARK: - Accounts

extension Ledger {
    /// Adds an account, or updates the name and role of the one with this address. Returns it and whether it
    /// is new. The address must look like one (`local@domain`); it is stored lower-cased.
    public func upsertAccount(
        email: String, name: String?, role: AccountRole, now: String
    ) throws(LedgerError) -> (account: AccountRecord, created: Bool) {
        try upsertAccounts([(email, name, role)], defaultRole: role, now: now)[0]
    }

    /// The account with this id, or nil.
    public func account(id: String) throws(LedgerError) -> AccountRecord? {
        try read("read an account") { db in try AccountRecord.fetchOne(db, key: id) }
    }

    /// The account with this address (compared lower-cased), or nil.
    public func account(email: String) throws(LedgerError) -> AccountRecord? {
        let email = email.lowercased()
        return try read("read an account") { db in
            try AccountRecord.filter(Column("email") == email).fetchOne(db)
        }
    }

    /// Every account (of one role, if given), by address.
    public func accounts(role: AccountRole? = nil) throws(LedgerError) -> [AccountRecord] {
        try read("read the accounts") { db in
            var request = AccountRecord.all()
            if let role { request = request.filter(Column("role") == role.rawValue) }
            return try request.order(Column("email")).fetchAll(db)
        }
    }

    /// Records that an invitation was sent, or the time of an assessor's last digest.
    public func markAccount(
        _ id: String, invitedAt: String? = nil, lastDigestAt: String? = nil
    ) throws(LedgerError) {
        try write("update the account \(id)") { db in
            if let invitedAt {
                try db.execute(sql: "UPDATE accounts SET invited_at = ? WHERE id = ?", arguments: [invitedAt, id])
            }
            if let lastDigestAt {
                try db.execute(
                    sql: "UPDATE accounts SET last_digest_at = ? WHERE id = ?", arguments: [lastDigestAt, id])
            }
        }
    }

    static func randomHex() -> String {
        let text = String(SharedSecureRandom.shared.next(), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    func checkedEmail(_ text: String) throws(LedgerError) -> String {
        let email = text.lowercased()
        try check(email, "email address")
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."),
            email.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"<>,;\"\\()[]".unicodeScalars.contains($0) })
        else {
            throw LedgerError(.invalidInput, "'\(text.prefix(80))' is not an email address (name@example.org)")
        }
        return email
    }
}

// MARK: - Sign-in links and sessions

extension Ledger {
    /// Stores a new one-time sign-in link (its token's SHA-256).
    public func addSignInLink(_ link: SignInLinkRecord) throws(LedgerError) {
        _ = try checkedDigest(link.tokenHash, "sign-in token hash")
        try checkTime(link.createdAt, "time of the sign-in link")
        try checkTime(link.expiresAt, "expiry of the sign-in link")
        try write("store a sign-in link") { db in try link.insert(db) }
    }

    /// Uses a sign-in link: when it exists, is unused and unexpired at `now`, and its account is not disabled, the
    /// link is marked used (it never works twice) and its account returned; otherwise nil, and nothing changes.
    public func redeemSignInLink(tokenHash: String, now: String) throws(LedgerError) -> AccountRecord? {
        try write("use a sign-in link") { db in
            guard let link = try SignInLinkRecord.fetchOne(db, key: tokenHash), link.usedAt == nil,
                link.expiresAt > now,
                let account = try AccountRecord.fetchOne(db, key: link.accountId), account.disabledAt == nil
            else { return nil }
            try db.execute(
                sql: "UPDATE sign_in_links SET used_at = ? WHERE token_hash = ?", arguments: [now, tokenHash])
            return account
        }
    }

    /// Stores a new session.
    public func addSession(_ session: SessionRecord) throws(LedgerError) {
        _ = try checkedDigest(session.tokenHash, "session token hash")
        try checkTime(session.expiresAt, "expiry of the session")
        try write("store a session") { db in try session.insert(db) }
    }

    /// The unexpired session with this token hash and its account (not disabled), or nil.
    public func session(tokenHash: String, now: String) throws(LedgerError) -> (SessionRecord, AccountRecord)? {
        try read("read a session") { db in
            guard let session = try SessionRecord.fetchOne(db, key: tokenHash), session.expiresAt > now,
                let account = try AccountRecord.fetchOne(db, key: session.accountId), account.disabledAt == nil
            else { return nil }
            return (session, account)
        }
    }

    /// Ends a session (signing out).
    public func deleteSession(tokenHash: String) throws(LedgerError) {
        try write("end a session") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    /// Removes sessions and sign-in links that expired before `now`; returns how many went.
    @discardableResult
    public func deleteExpiredSessions(now: String) throws(LedgerError) -> Int {
        try write("remove expired sessions") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now])
            var count = db.changesCount
            try db.execute(sql: "DELETE FROM sign_in_links WHERE expires_at <= ?", arguments: [now])
            count += db.changesCount
            return count
        }
    }

    /// How many sign-in links were made for an account since `since`, for rate limits.
    public func signInLinkCount(accountId: String, since: String) throws(LedgerError) -> Int {
        try read("count sign-in links") { db in
            try SignInLinkRecord.filter(Column("account_id") == accountId).filter(Column("created_at") >= since)
                .fetchCount(db)
        }
    }
}

// MARK: - Drafts

extension Ledger {
    /// The largest draft body accepted, in bytes.
    public static let maximumDraftLength = 512 * 1024

    /// Saves (or replaces) a learner's draft for an achievement.
    public func saveDraft(_ draft: DraftRecord) throws(LedgerError) {
        try check(draft.achievementId, "achievement id of the draft")
        try checkTime(draft.updatedAt, "time of the draft")
        guard draft.body.utf8.count <= Self.maximumDraftLength else {
            throw LedgerError(.invalidInput, "the draft is larger than \(Self.maximumDraftLength) bytes")
        }
        try write("save a draft") { db in try draft.save(db) }
    }

    /// A learner's draft for an achievement, or nil.
    public func draft(accountId: String, achievementId: String) throws(LedgerError) -> DraftRecord? {
        try read("read a draft") { db in
            try DraftRecord.fetchOne(db, key: ["account_id": accountId, "achievement_id": achievementId])
        }
    }

    /// Every draft of a learner, most recently changed first.
    public func drafts(accountId: String) throws(LedgerError) -> [DraftRecord] {
        try read("read drafts") { db in
            try DraftRecord.filter(Column("account_id") == accountId).order(Column("updated_at").desc).fetchAll(db)
        }
    }

    /// Removes a draft (once it is submitted).
    public func deleteDraft(accountId: String, achievementId: String) throws(LedgerError) {
        try write("remove a draft") { db in
            _ = try DraftRecord.deleteOne(db, key: ["account_id": accountId, "achievement_id": achievementId])
        }
    }
}

// MARK: - The assessors' queue

extension Ledger {
    /// Submissions waiting for a read (`submitted` or `needs-third-read`), oldest first, with their claims.
    public func waitingSubmissions() throws(LedgerError) -> [(submission: SubmissionRecord, claim: AssignmentRecord?)] {
        try read("read the queue") { db in
            let waiting = try SubmissionRecord
                .filter([SubmissionState.submitted.rawValue, SubmissionState.needsThirdRead.rawValue]
                    .contains(Column("state")))
                .order(Column("created_at"), Column("id")).fetchAll(db)
            let claims = try AssignmentRecord.fetchAll(db)
            let byId = Dictionary(claims.map { ($0.submissionId, $0) }, uniquingKeysWith: { first, _ in first })
            return waiting.map { ($0, byId[$0.id]) }
        }
    }

    /// Claims a submission for an assessor. Succeeds when it is unclaimed, claimed by this assessor already, or
    /// claimed by another before `staleBefore` (an abandoned claim). Returns the claim in force afterwards.
    public func claim(
        submissionId: String, assessorId: String, now: String, staleBefore: String
    ) throws(LedgerError) -> AssignmentRecord {
        try write("claim submission \(submissionId)") { db in
            guard try SubmissionRecord.fetchOne(db, key: submissionId) != nil else {
                throw LedgerError(.invalidInput, "no submission '\(submissionId)' in \(place)")
            }
            if let existing = try AssignmentRecord.fetchOne(db, key: submissionId),
                existing.assessorId != assessorId, existing.claimedAt >= staleBefore
            {
                return existing
            }
            let claim = AssignmentRecord(submissionId: submissionId, assessorId: assessorId, claimedAt: now)
            try claim.save(db)
            return claim
        }
    }

    /// The claim on a submission, or nil.
    public func assignment(submissionId: String) throws(LedgerError) -> AssignmentRecord? {
        try read("read the claim on submission \(submissionId)") { db in
            try AssignmentRecord.fetchOne(db, key: submissionId)
        }
    }

    /// Gives a claim back (after the review is recorded, or when the assessor lets it go).
    public func releaseClaim(submissionId: String) throws(LedgerError) {
        try write("release submission \(submissionId)") { db in
            _ = try AssignmentRecord.deleteOne(db, key: submissionId)
        }
    }

    /// Every submission, oldest first (for the queue's health).
    public func allSubmissions() throws(LedgerError) -> [SubmissionRecord] {
        try read("read the submissions") { db in
            try SubmissionRecord.order(Column("created_at"), Column("id")).fetchAll(db)
        }
    }

    /// Every review by a reviewer, newest first.
    public func reviews(reviewer: String) throws(LedgerError) -> [ReviewRecord] {
        try read("read the reviews of \(reviewer)") { db in
            try ReviewRecord.filter(Column("reviewer") == reviewer).order(Column("created_at").desc).fetchAll(db)
        }
    }

    /// The first review of each submission, by submission id (for times to feedback).
    public func firstReviewTimes() throws(LedgerError) -> [String: String] {
        try read("read review times") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT submission_id, MIN(created_at) AS at FROM reviews GROUP BY submission_id")
            var out: [String: String] = [:]
            for row in rows { out[row["submission_id"]] = row["at"] }
            return out
        }
    }

    /// Every award, oldest first.
    public func allAwards() throws(LedgerError) -> [AwardRecord] {
        try read("read the awards") { db in try AwardRecord.order(Column("awarded_at")).fetchAll(db) }
    }
}
