/// The purpose of a Bitstring Status List: what a set bit means for the credential at that index.
///
/// Bitstring Status List v1.0, `statusPurpose`: "revocation" — used to cancel the validity of a verifiable
/// credential, a status that is not reversible; "suspension" — used to temporarily prevent the acceptance
/// of a verifiable credential, a status that is reversible.
public enum StatusPurpose: String, Codable, Hashable, Sendable, CaseIterable {
    case revocation
    case suspension
}
