/// Why a wallet's request was refused, as OpenID for Verifiable Credential Issuance 1.0 and OAuth 2.0 name it:
/// the `error` code, plain words for `error_description`, and the HTTP status to answer with.
public struct WalletError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A parameter is missing, repeated or malformed (RFC 6749 §5.2), or a transaction code is missing or
        /// not expected.
        case invalidRequest = "invalid_request"
        /// The pre-authorized code is unknown, used or expired, or the transaction code is wrong.
        case invalidGrant = "invalid_grant"
        case unsupportedGrantType = "unsupported_grant_type"
        /// The access token is missing, unknown or expired (RFC 6750 §3.1).
        case invalidToken = "invalid_token"
        /// The credential request is malformed.
        case invalidCredentialRequest = "invalid_credential_request"
        case unknownCredentialConfiguration = "unknown_credential_configuration"
        case unknownCredentialIdentifier = "unknown_credential_identifier"
        /// The key proof is missing or does not hold (signature, type, algorithm, audience, time, key).
        case invalidProof = "invalid_proof"
        /// The key proof's nonce is not a fresh one from the Nonce Endpoint.
        case invalidNonce = "invalid_nonce"
        /// The issuer will not issue for this request (issued already, the award revoked).
        case credentialRequestDenied = "credential_request_denied"
        case serverError = "server_error"
    }

    public var code: Code
    /// ASCII words for `error_description`.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The HTTP status of the error answer: 401 for a bad access token, 500 for the server's own failure,
    /// otherwise 400.
    public var status: Int {
        switch code {
        case .invalidToken: 401
        case .serverError: 500
        default: 400
        }
    }

    /// The reason limited to the characters `error_description` allows (printable ASCII except `"` and `\`).
    public var asciiReason: String {
        String(String.UnicodeScalarView(reason.unicodeScalars.map { scalar in
            (scalar.value >= 0x20 && scalar.value <= 0x7E && scalar != "\"" && scalar != "\\") ? scalar : "?"
        }))
    }

    public var description: String { "\(code.rawValue): \(reason)" }
}
