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
