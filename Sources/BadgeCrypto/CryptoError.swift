/// An error from BadgeCrypto: a machine-readable `code` and a plain-language `reason` that says what was wrong.
///
/// A signature that does not verify is not an error: verification returns `false`. Errors are for input that
/// cannot be used at all (a key of the wrong length, a PEM file that is not a PEM file, a key of another type)
/// and for failures reported by OpenSSL's libcrypto.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem this is.
    public enum Code: Hashable, Sendable {
        /// A raw key, seed or coordinate does not have the length its algorithm requires.
        case invalidKeyLength
        /// A signature does not have the length its algorithm requires.
        case invalidSignatureLength
        /// Text that should be PEM (RFC 7468) is not, or its contents are not a key.
        case malformedPEM
        /// A key of one type was given where a key of another type is required (e.g. RSA where Ed25519 is).
        case wrongKeyType
        /// The key type, curve or multicodec is recognised but not supported by Laurel.
        case unsupportedKeyType
        /// A multibase string has no known base prefix, or its contents do not decode.
        case malformedMultibase
        /// Text is not valid base58btc (Bitcoin alphabet).
        case malformedBase58
        /// Text is not valid unpadded base64url (RFC 4648 §5).
        case malformedBase64
        /// A JSON Web Key (RFC 7517) is missing a member its key type requires, or a member is invalid.
        case malformedJWK
        /// A DID or DID URL is not a `did:key` Laurel can read.
        case malformedDID
        /// OpenSSL's libcrypto reported a failure; the associated text is OpenSSL's own error description.
        case openSSL(String)
    }

    /// What kind of problem this is.
    public var code: Code
    /// A plain-language sentence saying what was wrong and, where it helps, what to do.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
