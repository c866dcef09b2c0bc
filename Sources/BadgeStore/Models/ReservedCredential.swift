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
