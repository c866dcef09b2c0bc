public import LinkedData

/// The members every Verifiable Credential shares (VCDM 2.0, and VCDM 1.1 for older Open Badges 3.0 files).
public protocol VerifiableCredentialView: JSONObjectView {}

/// Context URLs and version detection.
public enum CredentialContexts {
    public static let credentialsV2 = "https://www.w3.org/ns/credentials/v2"
    public static let credentialsV1 = "https://www.w3.org/2018/credentials/v1"
    public static let openBadgesV3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    public static let openBadgesExtensions = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
    public static let clrV2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
}

/// Which VC data model a credential follows, from its first `@context`.
public enum VCDataModelVersion: String, Sendable, Hashable {
    case v2 = "VCDM 2.0"
    case v1_1 = "VCDM 1.1"
    case unknown = "unknown"
}

extension VerifiableCredentialView {
    /// The `@context` values that are URLs, in order (embedded context objects are skipped).
    public var contexts: [String] {
        get { strings("@context") }
        set { setStrings("@context", newValue) }
    }

    public var dataModelVersion: VCDataModelVersion {
        switch contexts.first {
        case CredentialContexts.credentialsV2?: .v2
        case CredentialContexts.credentialsV1?: .v1_1
        default: .unknown
        }
    }

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var name: String? { get { string("name") } set { setString("name", newValue) } }
    public var description: String? { get { string("description") } set { setString("description", newValue) } }
    public var image: Image? { get { object("image") } set { setObject("image", newValue) } }

    /// The issuer's identifier, whether `issuer` is a URI or a `Profile` object.
    public var issuerID: String? {
        switch json["issuer"] {
        case .string(let id)?: id
        case .object(let profile)?: profile["id"]?.stringValue
        default: nil
        }
    }

    /// The issuer's profile when `issuer` is an object (the maximal form Laurel writes).
    public var issuer: Profile? { get { object("issuer") } set { setObject("issuer", newValue) } }

    /// `validFrom` (VCDM 2.0) or `issuanceDate` (VCDM 1.1), as written.
    public var validFromString: String? { string("validFrom") ?? string("issuanceDate") }
    /// `validUntil` (VCDM 2.0) or `expirationDate` (VCDM 1.1), as written.
    public var validUntilString: String? { string("validUntil") ?? string("expirationDate") }

    public var validFrom: DateTimeZ? { validFromString.flatMap(DateTimeZ.init(lenient:)) }
    public var validUntil: DateTimeZ? { validUntilString.flatMap(DateTimeZ.init(lenient:)) }
    public var awardedDate: String? { get { string("awardedDate") } set { setString("awardedDate", newValue) } }

    public var credentialStatus: [CredentialStatus] { objects("credentialStatus") }
    public var credentialSchema: [CredentialSchema] {
        get { objects("credentialSchema") } set { setObjects("credentialSchema", newValue) }
    }
    public var refreshService: RefreshService? { object("refreshService") }
    public var termsOfUse: [TermsOfUse] { objects("termsOfUse") }
    public var evidence: [Evidence] { get { objects("evidence") } set { setObjects("evidence", newValue) } }
    public var endorsement: [EndorsementCredential] {
        get { objects("endorsement") } set { setObjects("endorsement", newValue) }
    }
    /// Endorsements as compact JWS strings.
    public var endorsementJwt: [String] { strings("endorsementJwt") }

    /// The proofs (`proof` may be one object or an array).
    public var proofs: [JSONObject] {
        switch json["proof"] {
        case .object(let proof)?: [proof]
        case .array(let values)?: values.compactMap(\.objectValue)
        default: []
        }
    }
}
