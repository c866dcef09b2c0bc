public import GRDB

extension Ledger {
    /// The tables of migration `v7-credential-offers`: offers that let a learner take an awarded badge into a
    /// wallet (OpenID for Verifiable Credential Issuance, pre-authorized code flow), the access tokens their codes
    /// were exchanged for, the nonces wallets sign into their key proofs, and which offer issued which credential.
    /// Only SHA-256 digests of codes, tokens and nonces are kept. Shipped: never edit; change the schema in a new
    /// migration.
    static let offersSchema = """
        CREATE TABLE credential_offers (
            id TEXT PRIMARY KEY NOT NULL,
            code_hash TEXT NOT NULL UNIQUE,
            tx_code_hash TEXT,
            award_credential_id TEXT NOT NULL,
            learner TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            redeemed_at TEXT,
            failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0)
        );
        CREATE INDEX credential_offers_award ON credential_offers (award_credential_id);
        CREATE TABLE offer_access_tokens (
            token_hash TEXT PRIMARY KEY NOT NULL,
            offer_id TEXT NOT NULL UNIQUE REFERENCES credential_offers (id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        );
        CREATE TABLE offer_nonces (
            nonce_hash TEXT PRIMARY KEY NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        );
        CREATE INDEX offer_nonces_expiry ON offer_nonces (expires_at);
        CREATE TABLE offer_issuances (
            offer_id TEXT PRIMARY KEY NOT NULL REFERENCES credential_offers (id),
            credential_id TEXT NOT NULL UNIQUE REFERENCES credentials (id),
            holder TEXT NOT NULL,
            format TEXT NOT NULL,
            issued_at TEXT NOT NULL
        );
        """

    /// Wrong transaction codes an offer takes before it stops working.
    public static let maximumTransactionCodeAttempts = 5
}

/// An offer of an awarded credential to a wallet: a row of `credential_offers`. Only the SHA-256 of the
/// pre-authorized code (and of the transaction code, when one was mailed) is stored.
public struct CredentialOfferRecord: Codable, Hashable, Sendable {
    public var id: String
    public var codeHash: String
    public var txCodeHash: String?
    /// The awarded credential the offer is for.
    public var awardCredentialId: String
    public var learner: String
    public var createdAt: String
    public var expiresAt: String
    /// When the pre-authorized code was exchanged for an access token (it works once).
    public var redeemedAt: String?
    /// Wrong transaction codes given so far.
    public var failedAttempts: Int

    public init(
        id: String, codeHash: String, txCodeHash: String? = nil, awardCredentialId: String, learner: String,
        createdAt: String, expiresAt: String, redeemedAt: String? = nil, failedAttempts: Int = 0
    ) {
        self.id = id
        self.codeHash = codeHash
        self.txCodeHash = txCodeHash
        self.awardCredentialId = awardCredentialId
        self.learner = learner
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.redeemedAt = redeemedAt
        self.failedAttempts = failedAttempts
    }
}

/// The access token a pre-authorized code was exchanged for: a row of `offer_access_tokens`.
public struct OfferAccessTokenRecord: Codable, Hashable, Sendable {
    public var tokenHash: String
    public var offerId: String
    public var createdAt: String
    public var expiresAt: String
    /// When a credential request began with it (it issues once).
    public var usedAt: String?

    public init(tokenHash: String, offerId: String, createdAt: String, expiresAt: String, usedAt: String? = nil) {
        self.tokenHash = tokenHash
        self.offerId = offerId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// A nonce handed to a wallet for its key proof: a row of `offer_nonces`.
public struct OfferNonceRecord: Codable, Hashable, Sendable {
    public var nonceHash: String
    public var createdAt: String
    public var expiresAt: String
    public var usedAt: String?

    public init(nonceHash: String, createdAt: String, expiresAt: String, usedAt: String? = nil) {
        self.nonceHash = nonceHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// The credential an offer issued to a wallet: a row of `offer_issuances`.
public struct OfferIssuanceRecord: Codable, Hashable, Sendable {
    public var offerId: String
    public var credentialId: String
    /// The DID the credential is bound to.
    public var holder: String
    /// `ldp_vc` or `jwt_vc_json`.
    public var format: String
    public var issuedAt: String

    public init(offerId: String, credentialId: String, holder: String, format: String, issuedAt: String) {
        self.offerId = offerId
        self.credentialId = credentialId
        self.holder = holder
        self.format = format
        self.issuedAt = issuedAt
    }
}

extension CredentialOfferRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "credential_offers"
}
extension OfferAccessTokenRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "offer_access_tokens"
}
extension OfferNonceRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "offer_nonces"
}
extension OfferIssuanceRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "offer_issuances"
}

/// What became of an attempt to exchange a pre-authorized code for an access token.
public enum OfferRedemption: Sendable, Hashable {
    /// The code was good: it is spent and the access token stored.
    case redeemed(CredentialOfferRecord)
    /// No offer has this code.
    case unknownCode
    /// The code was exchanged already.
    case alreadyRedeemed
    /// The offer expired.
    case expired
    /// The offer asks for a transaction code and none was given.
    case transactionCodeMissing
    /// A transaction code was given to an offer that has none.
    case transactionCodeUnexpected
    /// The transaction code is wrong (the attempt is counted).
    case transactionCodeWrong
    /// Too many wrong transaction codes: the offer no longer works.
    case tooManyAttempts
}

/// What became of a nonce a key proof carried.
public enum NonceUse: Sendable, Hashable {
    /// Unused and unexpired: now used.
    case accepted
    /// Not one this issuer handed out.
    case unknown
    case expired
    case alreadyUsed
}

// MARK: - Offers and their codes

extension Ledger {
    /// Stores a new credential offer.
    public func addCredentialOffer(_ offer: CredentialOfferRecord) throws(LedgerError) {
        try check(offer.id, "offer id")
        _ = try checkedDigest(offer.codeHash, "pre-authorized code hash")
        if let txCodeHash = offer.txCodeHash { _ = try checkedDigest(txCodeHash, "transaction code hash") }
        try check(offer.awardCredentialId, "credential id of the offer")
        try check(offer.learner, "learner of the offer")
        try checkTime(offer.createdAt, "time of the offer")
        try checkTime(offer.expiresAt, "expiry of the offer")
        try write("store a credential offer") { db in try offer.insert(db) }
    }

    /// The offer with this id, or nil.
    public func credentialOffer(id: String) throws(LedgerError) -> CredentialOfferRecord? {
        try read("read a credential offer") { db in try CredentialOfferRecord.fetchOne(db, key: id) }
    }

    /// Every offer made for an awarded credential, newest first.
    public func credentialOffers(award credentialId: String) throws(LedgerError) -> [CredentialOfferRecord] {
        try read("read credential offers") { db in
            try CredentialOfferRecord.filter(Column("award_credential_id") == credentialId)
                .order(Column("created_at").desc).fetchAll(db)
        }
    }

    /// Exchanges a pre-authorized code for an access token, in one transaction: the code must belong to an
    /// unexpired, unredeemed offer, and the transaction code must match when the offer has one. On success the
    /// offer is marked redeemed (the code never works twice) and `token` stored. A wrong transaction code is
    /// counted; after `maximumTransactionCodeAttempts` of them the offer stops working.
    public func redeemPreAuthorizedCode(
        codeHash: String, txCodeHash: String?, token: OfferAccessTokenRecord, now: String
    ) throws(LedgerError) -> OfferRedemption {
        _ = try checkedDigest(token.tokenHash, "access token hash")
        try checkTime(token.expiresAt, "expiry of the access token")
        return try write("redeem a pre-authorized code") { db in
            guard let offer = try CredentialOfferRecord.filter(Column("code_hash") == codeHash).fetchOne(db) else {
                return .unknownCode
            }
            if offer.redeemedAt != nil { return .alreadyRedeemed }
            if offer.expiresAt <= now { return .expired }
            if offer.failedAttempts >= Self.maximumTransactionCodeAttempts { return .tooManyAttempts }
            switch (offer.txCodeHash, txCodeHash) {
            case (nil, nil):
                break
            case (nil, _?):
                return .transactionCodeUnexpected
            case (_?, nil):
                return .transactionCodeMissing
            case (let expected?, let given?):
                guard Self.constantTimeEqual(expected, given) else {
                    try db.execute(
                        sql: "UPDATE credential_offers SET failed_attempts = failed_attempts + 1 WHERE id = ?",
                        arguments: [offer.id])
                    return .transactionCodeWrong
                }
            }
            try db.execute(
                sql: "UPDATE credential_offers SET redeemed_at = ? WHERE id = ? AND redeemed_at IS NULL",
                arguments: [now, offer.id])
            var token = token
            token.offerId = offer.id
            try token.insert(db)
            var redeemed = offer
            redeemed.redeemedAt = now
            return .redeemed(redeemed)
        }
    }

    /// The unexpired access token with this hash and its offer, or nil.
    public func offerAccessToken(
        tokenHash: String, now: String
    ) throws(LedgerError) -> (token: OfferAccessTokenRecord, offer: CredentialOfferRecord)? {
        try read("read an access token") { db in
            guard let token = try OfferAccessTokenRecord.fetchOne(db, key: tokenHash), token.expiresAt > now,
                let offer = try CredentialOfferRecord.fetchOne(db, key: token.offerId)
            else { return nil }
            return (token, offer)
        }
    }

    /// Marks an access token as used by a credential request, when it is unused and unexpired; returns whether
    /// this call was the one that marked it (of two requests at once, only one gets true).
    public func useOfferAccessToken(tokenHash: String, now: String) throws(LedgerError) -> Bool {
        try write("use an access token") { db in
            try db.execute(
                sql: """
                    UPDATE offer_access_tokens SET used_at = ?
                    WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
                    """,
                arguments: [now, tokenHash, now])
            return db.changesCount == 1
        }
    }

    /// Gives a used access token back, when the credential request that used it failed before anything was issued.
    public func releaseOfferAccessToken(tokenHash: String) throws(LedgerError) {
        try write("release an access token") { db in
            try db.execute(
                sql: """
                    UPDATE offer_access_tokens SET used_at = NULL WHERE token_hash = ?
                    AND NOT EXISTS (SELECT 1 FROM offer_issuances WHERE offer_id = offer_access_tokens.offer_id)
                    """,
                arguments: [tokenHash])
        }
    }

    /// Records the credential an offer issued. An offer issues once: a second record for it is refused.
    public func recordOfferIssuance(_ issuance: OfferIssuanceRecord) throws(LedgerError) {
        try check(issuance.holder, "holder of the credential")
        try checkTime(issuance.issuedAt, "time of issue")
        try write("record the credential an offer issued") { db in
            guard try OfferIssuanceRecord.fetchOne(db, key: issuance.offerId) == nil else {
                throw LedgerError(.invalidInput, "offer \(issuance.offerId) issued its credential already")
            }
            try issuance.insert(db)
        }
    }

    /// The credential an offer issued, or nil.
    public func offerIssuance(offerId: String) throws(LedgerError) -> OfferIssuanceRecord? {
        try read("read an offer's credential") { db in try OfferIssuanceRecord.fetchOne(db, key: offerId) }
    }

    /// Byte-wise comparison that takes as long for a near miss as for a far one.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

// MARK: - Nonces

extension Ledger {
    /// Stores a nonce handed to a wallet.
    public func addOfferNonce(_ nonce: OfferNonceRecord) throws(LedgerError) {
        _ = try checkedDigest(nonce.nonceHash, "nonce hash")
        try checkTime(nonce.createdAt, "time of the nonce")
        try checkTime(nonce.expiresAt, "expiry of the nonce")
        try write("store a nonce") { db in try nonce.insert(db) }
    }

    /// Uses a nonce: when it is known, unused and unexpired it is marked used (it never works twice).
    public func useOfferNonce(nonceHash: String, now: String) throws(LedgerError) -> NonceUse {
        try write("use a nonce") { db in
            guard let nonce = try OfferNonceRecord.fetchOne(db, key: nonceHash) else { return .unknown }
            if nonce.usedAt != nil { return .alreadyUsed }
            if nonce.expiresAt <= now { return .expired }
            try db.execute(
                sql: "UPDATE offer_nonces SET used_at = ? WHERE nonce_hash = ?", arguments: [now, nonceHash])
            return .accepted
        }
    }

    /// Removes nonces that expired before `now`; returns how many went.
    @discardableResult
    public func deleteExpiredOfferNonces(now: String) throws(LedgerError) -> Int {
        try write("remove expired nonces") { db in
            try db.execute(sql: "DELETE FROM offer_nonces WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }
}
