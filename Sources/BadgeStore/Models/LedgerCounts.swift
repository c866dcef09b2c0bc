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
