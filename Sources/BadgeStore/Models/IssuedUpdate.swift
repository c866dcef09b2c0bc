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
