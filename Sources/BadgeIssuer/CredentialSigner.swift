public import BadgeCrypto
public import LinkedData
internal import BadgeProofs

/// A signed credential, ready to write: the exact bytes (never re-serialized after signing).
public struct SignedCredential: Sendable {
    public var bytes: [UInt8]
    /// `json` for Data Integrity proofs, `jwt` for VC-JWT.
    public var fileExtension: String
    public var format: ProofFormat
}

/// Signs credentials in one proof format with the issuer's key.
public struct CredentialSigner: Sendable {
    public let format: ProofFormat
    public let key: Ed25519PrivateKey
    public let verificationMethod: String

    public init(format: ProofFormat, key: Ed25519PrivateKey, verificationMethod: String) {
        self.format = format
        self.key = key
        self.verificationMethod = verificationMethod
    }

    /// Signs `credential`; `created` is the proof's creation time (a dateTimeStamp, kept verbatim).
    /// With `compact`, a JSON credential is written on one line (for JSON Lines output) instead of indented.
    public func sign(_ credential: JSONObject, created: String, compact: Bool = false) throws(IssuerError) -> SignedCredential {
        try sign(credential, with: try proofOptions(created: created), compact: compact)
    }

    /// The options of this signer's proofs created at `created`, made once for many credentials signed at the
    /// same time (nil for VC-JWT, which has none).
    func proofOptions(created: String) throws(IssuerError) -> DataIntegrityProof? {
        switch format {
        case .eddsaRdfc2022, .eddsaJcs2022:
            do {
                return try DataIntegrityProof(
                    cryptosuite: format.rawValue, verificationMethod: verificationMethod, created: created)
            } catch {
                throw Self.signingError(error)
            }
        case .vcJWT:
            return nil
        }
    }

    /// Signs `credential` with proof options from `proofOptions(created:)`.
    func sign(_ credential: JSONObject, with options: DataIntegrityProof?, compact: Bool) throws(IssuerError) -> SignedCredential {
        do {
            switch format {
            case .eddsaRdfc2022, .eddsaJcs2022:
                guard let options else { preconditionFailure("a Data Integrity proof needs its options") }
                var secured =
                    format == .eddsaJcs2022
                    ? try EddsaJcs2022.addProof(to: credential, options: options, privateKey: key)
                    : try EddsaRdfc2022.addProof(to: credential, options: options, privateKey: key)
                // The maximal form the official schema expects: `proof` is always an array.
                if case .object(let proof)? = secured["proof"] { secured["proof"] = .array([.object(proof)]) }
                let text = JSONSerializer(style: compact ? .compact : .pretty).serialize(.object(secured))
                // The text and its newline in an array of exactly their size (appending to `text` would double its
                // storage, and a batch holds thousands of these at a time).
                let bytes = [UInt8](unsafeUninitializedCapacity: text.count + 1) { buffer, count in
                    _ = buffer.initialize(from: text)
                    buffer[text.count] = 0x0A
                    count = text.count + 1
                }
                return SignedCredential(bytes: bytes, fileExtension: "json", format: format)
            case .vcJWT:
                let token = try VCJWT.issue(credential, privateKey: key, keyReference: .keyID(verificationMethod))
                return SignedCredential(bytes: Array(token.utf8), fileExtension: "jwt", format: format)
            }
        } catch {
            throw Self.signingError(error)
        }
    }

    private static func signingError(_ error: any Error) -> IssuerError {
        switch error {
        case let error as IssuerError: error
        case let error as ProofError: IssuerError(.signing, "could not sign the credential: \(error.reason)")
        case let error as JWTError: IssuerError(.signing, "could not sign the credential: \(error.reason)")
        default: IssuerError(.signing, "could not sign the credential: \(error)")
        }
    }
}
