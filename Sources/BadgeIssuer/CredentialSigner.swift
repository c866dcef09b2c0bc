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
        do {
            switch format {
            case .eddsaRdfc2022, .eddsaJcs2022:
                let options = try DataIntegrityProof(
                    cryptosuite: format.rawValue, verificationMethod: verificationMethod, created: created)
                var secured =
                    format == .eddsaJcs2022
                    ? try EddsaJcs2022.addProof(to: credential, options: options, privateKey: key)
                    : try EddsaRdfc2022.addProof(to: credential, options: options, privateKey: key)
                // The maximal form the official schema expects: `proof` is always an array.
                if case .object(let proof)? = secured["proof"] { secured["proof"] = .array([.object(proof)]) }
                var bytes = JSONSerializer(style: compact ? .compact : .pretty).serialize(.object(secured))
                bytes.append(0x0A)
                return SignedCredential(bytes: bytes, fileExtension: "json", format: format)
            case .vcJWT:
                let token = try VCJWT.issue(credential, privateKey: key, keyReference: .keyID(verificationMethod))
                return SignedCredential(bytes: Array(token.utf8), fileExtension: "jwt", format: format)
            }
        } catch let error as IssuerError {
            throw error
        } catch let error as ProofError {
            throw IssuerError(.signing, "could not sign the credential: \(error.reason)")
        } catch let error as JWTError {
            throw IssuerError(.signing, "could not sign the credential: \(error.reason)")
        } catch {
            throw IssuerError(.signing, "could not sign the credential: \(error)")
        }
    }
}
