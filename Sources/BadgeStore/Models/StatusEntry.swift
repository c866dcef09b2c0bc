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
