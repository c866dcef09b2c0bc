/// Where a credential is in its issuance: reserved (id and status indexes allocated, not yet signed and
/// written), or issued (signed, written to its output file, digest recorded).
public enum CredentialState: String, Codable, Hashable, Sendable, CaseIterable {
    case pending
    case issued
}
