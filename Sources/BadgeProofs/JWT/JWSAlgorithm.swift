/// The JWS `alg` values Laurel signs or verifies.
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// EdDSA with Ed25519 (RFC 8037), the polymorphic name OB 3.0 issuers use.
    case edDSA = "EdDSA"
    /// Ed25519, the fully specified name of RFC 9864 (same signatures as `EdDSA` with an Ed25519 key).
    case ed25519 = "Ed25519"
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3), the algorithm OB 3.0 requires "as a minimum".
    case rs256 = "RS256"
    /// ECDSA with P-256 and SHA-256 (RFC 7518 §3.4).
    case es256 = "ES256"

    /// Whether the algorithm is Ed25519 under either name.
    public var isEd25519: Bool { self == .edDSA || self == .ed25519 }
}
