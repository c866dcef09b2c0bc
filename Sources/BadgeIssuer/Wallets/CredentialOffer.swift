internal import BadgeStore
public import LinkedData
internal import BadgeCrypto
internal import Foundation
internal import OpenBadges

/// The two forms a wallet can take an Open Badges 3.0 credential in (OpenID for Verifiable Credential Issuance 1.0,
/// appendix A.1): with a Data Integrity proof (eddsa-rdfc-2022), or as a VC-JWT.
public enum WalletCredentialFormat: String, Sendable, Hashable, CaseIterable {
    /// `ldp_vc`: the JSON-LD credential with an eddsa-rdfc-2022 proof.
    case ldpVC = "ldp_vc"
    /// `jwt_vc_json`: the credential as a compact JWS signed with EdDSA.
    case jwtVCJSON = "jwt_vc_json"

    /// The key of this form in the issuer metadata's `credential_configurations_supported`.
    public var configurationID: String { "OpenBadgeCredential_" + rawValue }

    /// The form a credential configuration id names, or nil.
    public init?(configurationID: String) {
        guard let format = Self.allCases.first(where: { $0.configurationID == configurationID }) else { return nil }
        self = format
    }

    /// How the workspace signs this form.
    public var proofFormat: ProofFormat {
        switch self {
        case .ldpVC: .eddsaRdfc2022
        case .jwtVCJSON: .vcJWT
        }
    }
}

/// A credential offer made for an awarded credential: the offer object, the URI a wallet opens (as a link or a QR
/// code), and the transaction code to send the learner by a second channel when one was asked for.
public struct CredentialOffer: Sendable {
    public var id: String
    /// The Credential Offer object (§4.1.1).
    public var json: JSONObject
    /// `openid-credential-offer://?credential_offer=…`: the offer by value.
    public var uri: String
    /// The pre-authorized code in the offer (only its SHA-256 is kept).
    public var preAuthorizedCode: String
    /// The transaction code to mail to the learner, when the offer asks for one (only its SHA-256 is kept).
    public var txCode: String?
    public var expiresAt: String
}

/// Where the issuer's OpenID for Verifiable Credential Issuance endpoints are, below the issuer URL.
public enum WalletEndpoints {
    public static let token = "/oid4vci/token"
    public static let nonce = "/oid4vci/nonce"
    public static let credential = "/oid4vci/credential"
    public static let issuerMetadata = "/.well-known/openid-credential-issuer"
    public static let authorizationServerMetadata = "/.well-known/oauth-authorization-server"
    /// The grant type of the pre-authorized code flow.
    public static let preAuthorizedGrant = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
    /// The `typ` a key proof JWT must carry.
    public static let proofType = "openid4vci-proof+jwt"
    /// How long an access token works.
    public static let accessTokenLifetime: Double = 10 * 60
    /// How long a nonce works.
    public static let nonceLifetime: Double = 5 * 60
    /// How far a key proof's `iat` may be from the server's clock.
    public static let proofAge: Double = 5 * 60
    /// Digits in a transaction code.
    public static let txCodeLength = 6
}

extension Workspace {
    /// Makes an offer for a learner to take an awarded credential into a wallet: a single-use pre-authorized code
    /// that works for `lifetime` seconds from `now`, and, with `txCode`, a six-digit transaction code the wallet
    /// must send with it (mail it to the learner; it is not in the offer). The offer names both credential
    /// configurations (`ldp_vc` and `jwt_vc_json`); the wallet takes one. The award must be this learner's and
    /// neither revoked nor suspended. Only digests of the codes are stored.
    public func makeCredentialOffer(
        forAward credentialID: String, learner: String, issuerURL: String, lifetime: Double, now: Double,
        txCode: Bool
    ) throws(IssuerError) -> CredentialOffer {
        guard lifetime > 0 else { throw IssuerError(.invalidField, "an offer's lifetime must be positive") }
        let awarded: Bool
        let record: CredentialRecord?
        do throws(LedgerError) {
            awarded = try ledger.awards(learner: learner).contains { $0.credentialId == credentialID }
            record = try ledger.credential(id: credentialID)
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        guard awarded else {
            throw IssuerError(.invalidField, "\(learner) was not awarded the credential \(credentialID)")
        }
        guard let record, record.state == .issued else {
            throw IssuerError(.invalidField, "the credential \(credentialID) is not issued")
        }
        if record.isRevoked { throw IssuerError(.invalidField, "the credential \(credentialID) is revoked") }
        if record.isSuspended { throw IssuerError(.invalidField, "the credential \(credentialID) is suspended") }
        let code = Self.randomToken()
        let transactionCode = txCode ? Self.randomDigits(WalletEndpoints.txCodeLength) : nil
        let id = RandomIdentifiers.uuid()
        let expiresAt = Self.timestamp(now + lifetime)
        let offerRecord = CredentialOfferRecord(
            id: id, codeHash: Self.digest(code), txCodeHash: transactionCode.map(Self.digest),
            awardCredentialId: credentialID, learner: learner, createdAt: Self.timestamp(now), expiresAt: expiresAt)
        do {
            try ledger.addCredentialOffer(offerRecord)
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        var grant = JSONObject()
        grant["pre-authorized_code"] = .string(code)
        if transactionCode != nil {
            grant["tx_code"] = .object(JSONObject([
                "input_mode": "numeric", "length": .number(JSONNumber(WalletEndpoints.txCodeLength)),
                "description": "Enter the code we sent to your email address.",
            ]))
        }
        var offer = JSONObject()
        offer["credential_issuer"] = .string(Self.trimmedIssuerURL(issuerURL))
        offer["credential_configuration_ids"] =
            .array(WalletCredentialFormat.allCases.map { .string($0.configurationID) })
        offer["grants"] = .object(JSONObject([WalletEndpoints.preAuthorizedGrant: .object(grant)]))
        let text = JSONSerializer(style: .compact).serializeToString(.object(offer))
        let uri = "openid-credential-offer://?credential_offer=" + Self.percentEncoded(text)
        return CredentialOffer(
            id: id, json: offer, uri: uri, preAuthorizedCode: code, txCode: transactionCode, expiresAt: expiresAt)
    }

    /// The Credential Issuer Metadata (§12.2) for `issuerURL`: the credential, nonce and token endpoints, and
    /// the two configurations of the Open Badges 3.0 credential, each bound to a did:key (or a JWK, read as its
    /// did:key) by a `jwt` key proof signed with EdDSA.
    public func credentialIssuerMetadata(issuerURL: String) -> JSONObject {
        let base = Self.trimmedIssuerURL(issuerURL)
        var configurations = JSONObject()
        for format in WalletCredentialFormat.allCases {
            var definition = JSONObject()
            if format == .ldpVC {
                definition["@context"] = [
                    .string(CredentialContexts.credentialsV2), .string(CredentialContexts.openBadgesV3),
                    .string(CredentialContexts.openBadgesExtensions),
                ]
            }
            definition["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
            var configuration = JSONObject()
            configuration["format"] = .string(format.rawValue)
            configuration["cryptographic_binding_methods_supported"] = ["did:key", "jwk"]
            configuration["credential_signing_alg_values_supported"] =
                format == .ldpVC ? ["eddsa-rdfc-2022"] : ["EdDSA"]
            configuration["proof_types_supported"] = .object(JSONObject([
                "jwt": .object(JSONObject(["proof_signing_alg_values_supported": ["EdDSA"]]))
            ]))
            configuration["credential_definition"] = .object(definition)
            configuration["credential_metadata"] = .object(JSONObject([
                "display": [.object(JSONObject([
                    "name": "Open Badge", "locale": "en",
                    "description": .string(format == .ldpVC
                        ? "An Open Badges 3.0 credential with a Data Integrity proof (eddsa-rdfc-2022)."
                        : "An Open Badges 3.0 credential signed as a JWT (EdDSA)."),
                ]))]
            ]))
            configurations[format.configurationID] = .object(configuration)
        }
        var metadata = JSONObject()
        metadata["credential_issuer"] = .string(base)
        metadata["credential_endpoint"] = .string(base + WalletEndpoints.credential)
        metadata["nonce_endpoint"] = .string(base + WalletEndpoints.nonce)
        if let name = config.issuer.name {
            metadata["display"] = [.object(JSONObject(["name": .string(name), "locale": "en"]))]
        }
        metadata["credential_configurations_supported"] = .object(configurations)
        return metadata
    }

    /// The OAuth 2.0 Authorization Server Metadata (RFC 8414) of the issuer, which is its own authorization server:
    /// the token endpoint and the pre-authorized code grant, without client authentication.
    public func authorizationServerMetadata(issuerURL: String) -> JSONObject {
        let base = Self.trimmedIssuerURL(issuerURL)
        var metadata = JSONObject()
        metadata["issuer"] = .string(base)
        metadata["token_endpoint"] = .string(base + WalletEndpoints.token)
        metadata["grant_types_supported"] = [.string(WalletEndpoints.preAuthorizedGrant)]
        metadata["token_endpoint_auth_methods_supported"] = ["none"]
        metadata["pre-authorized_grant_anonymous_access_supported"] = true
        return metadata
    }

    // MARK: Helpers

    /// The issuer URL without trailing slashes (the Credential Issuer Identifier).
    static func trimmedIssuerURL(_ url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// A time as the ledger keeps it: whole seconds, UTC.
    /// A time in seconds since 1970 as the ledger stores it: UTC, to the second (`2026-05-01T12:00:00Z`).
    public static func timestamp(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds.rounded(.down)).ISO8601Format()
    }

    /// The lower-case hex SHA-256 of a secret's UTF-8 bytes.
    public static func digest(_ secret: String) -> String { Hex.encode(SHA256.hash(Array(secret.utf8))) }

    /// 32 random bytes as base64url: a code, token or nonce no one can guess.
    public static func randomToken() -> String { Base64URL.encode(RandomIdentifiers.randomBytes(32)) }

    /// `count` random decimal digits, without bias.
    static func randomDigits(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if unreserved {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
