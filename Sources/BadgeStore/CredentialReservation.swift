/// A request to reserve one credential: its id, its recipient and the issuer's idempotency key.
public struct CredentialReservation: Hashable, Sendable {
    /// A key unique to the row that produces the credential, chosen by the issuer (for example
    /// `"<batch id>#<row number>"` or a digest of the row). Reserving a key again returns the first reservation.
    public var rowKey: String
    /// The credential's `id`. Used only when the key is new; an existing reservation keeps its own id.
    public var credentialID: String
    /// Who the credential is for. Must match the earlier reservation when the key is reserved again.
    public var recipient: String
    /// Whether to allocate a position in a suspension list as well (Open Badges 3.0 allows one
    /// `credentialStatus`, so by default only revocation is allocated).
    public var suspendable: Bool
    /// The batch the credential belongs to (must have been started with `Ledger.startBatch`), if any.
    public var batchID: String?

    /// - Parameter credentialID: defaults to a new `urn:uuid:` identifier (`CredentialIdentifier.make()`).
    public init(
        rowKey: String, credentialID: String? = nil, recipient: String, suspendable: Bool = false,
        batchID: String? = nil
    ) {
        self.rowKey = rowKey
        self.credentialID = credentialID ?? CredentialIdentifier.make()
        self.recipient = recipient
        self.suspendable = suspendable
        self.batchID = batchID
    }
}

/// A position in a status list, as a `BitstringStatusListEntry` names it.
public struct StatusEntry: Hashable, Sendable {
    public var purpose: StatusPurpose
    public var listID: Int64
    /// `statusListCredential`: the URL of the list's `BitstringStatusListCredential`.
    public var listURL: String
    /// `statusListIndex`: the bit position in the list (written as a decimal string in the entry).
    public var index: Int

    public init(purpose: StatusPurpose, listID: Int64, listURL: String, index: Int) {
        self.purpose = purpose
        self.listID = listID
        self.listURL = listURL
        self.index = index
    }
}

/// The outcome of reserving one credential: the id and status positions to sign into it.
public struct ReservedCredential: Hashable, Sendable {
    public var rowKey: String
    public var credentialID: String
    public var recipient: String
    /// `.pending` for a new or not yet issued reservation; `.issued` when an earlier run already issued it.
    public var state: CredentialState
    /// True when this call made the reservation; false when the row key was reserved before.
    public var isNew: Bool
    public var revocation: StatusEntry
    public var suspension: StatusEntry?

    public init(
        rowKey: String, credentialID: String, recipient: String, state: CredentialState, isNew: Bool,
        revocation: StatusEntry, suspension: StatusEntry? = nil
    ) {
        self.rowKey = rowKey
        self.credentialID = credentialID
        self.recipient = recipient
        self.state = state
        self.isNew = isNew
        self.revocation = revocation
        self.suspension = suspension
    }
}

/// What to record when a credential has been signed and written.
public struct IssuedUpdate: Hashable, Sendable {
    public var credentialID: String
    /// Where the signed credential was written.
    public var outputPath: String
    /// SHA-256 of the written bytes, 64 hexadecimal digits (stored in lowercase).
    public var sha256: String
    /// The proof's cryptosuite or format (for example `eddsa-rdfc-2022` or `vc-jwt`).
    public var proofSuite: String
    /// When the credential was issued; defaults to the ledger clock's time.
    public var issuedAt: String?

    public init(credentialID: String, outputPath: String, sha256: String, proofSuite: String, issuedAt: String? = nil) {
        self.credentialID = credentialID
        self.outputPath = outputPath
        self.sha256 = sha256
        self.proofSuite = proofSuite
        self.issuedAt = issuedAt
    }
}

/// How many credentials the ledger holds, by state.
public struct LedgerCounts: Hashable, Sendable {
    public var total: Int
    public var pending: Int
    public var issued: Int
    public var revoked: Int
    /// Currently suspended (and not revoked).
    public var suspended: Int

    public init(total: Int, pending: Int, issued: Int, revoked: Int, suspended: Int) {
        self.total = total
        self.pending = pending
        self.issued = issued
        self.revoked = revoked
        self.suspended = suspended
    }
}
