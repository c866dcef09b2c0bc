public import LinkedData

/// The official JSON Schemas for Open Badges 3.0 (and CLR 2.0 and VCDM 2.0), compiled into the binary.
///
/// Each validator is compiled on first use and then shared. The 1EdTech schemas are strict: they require
/// arrays for `type`, `proof`, `credentialSchema` and the other multi-valued properties, while Open Badges 3.0
/// §A.2.1 lets documents compact those to single values. An issuer validates what it is about to sign with
/// `validate(_:)`; a verifier uses `validateNormalizingSingleValues(_:)`.
public enum OpenBadgesSchemas {
    /// `AchievementCredential` (also `OpenBadgeCredential`): the schema for an Open Badge.
    public static let achievementCredential = load(
        OpenBadgesSchemaSources.achievementCredential, "achievementCredential")
    /// `EndorsementCredential`.
    public static let endorsementCredential = load(
        OpenBadgesSchemaSources.endorsementCredential, "endorsementCredential")
    /// `Profile` (an issuer or other entity).
    public static let profile = load(OpenBadgesSchemaSources.profile, "profile")
    /// The Open Badges API response `GetOpenBadgeCredentialsResponse`.
    public static let getOpenBadgeCredentialsResponse = load(
        OpenBadgesSchemaSources.getOpenBadgeCredentialsResponse, "getOpenBadgeCredentialsResponse")
    /// The Open Badges API status payload `Imsx_StatusInfo`.
    public static let imsxStatusInfo = load(OpenBadgesSchemaSources.imsxStatusInfo, "imsxStatusInfo")
    /// CLR 2.0 `ClrCredential`, from the draft-04 conversion the 1EdTech validator ships (the canonical
    /// 2019-09 file was not available); it accepts compacted single values where the OB schemas do not.
    public static let clrCredential = load(OpenBadgesSchemaSources.clrCredential, "clrCredential")
    /// The W3C VC Data Model 2.0 schema for any verifiable credential.
    public static let verifiableCredential = load(
        OpenBadgesSchemaSources.verifiableCredential, "verifiableCredential")

    /// The built-in schemas by name.
    public enum Name: String, CaseIterable, Sendable {
        case achievementCredential
        case endorsementCredential
        case profile
        case getOpenBadgeCredentialsResponse
        case imsxStatusInfo
        case clrCredential
        case verifiableCredential

        /// The schema document exactly as published (the pinned file in `Schemas/`).
        public var text: String {
            switch self {
            case .achievementCredential: OpenBadgesSchemaSources.achievementCredential
            case .endorsementCredential: OpenBadgesSchemaSources.endorsementCredential
            case .profile: OpenBadgesSchemaSources.profile
            case .getOpenBadgeCredentialsResponse: OpenBadgesSchemaSources.getOpenBadgeCredentialsResponse
            case .imsxStatusInfo: OpenBadgesSchemaSources.imsxStatusInfo
            case .clrCredential: OpenBadgesSchemaSources.clrCredential
            case .verifiableCredential: OpenBadgesSchemaSources.verifiableCredential
            }
        }

        /// The compiled validator (shared, compiled on first use).
        public var validator: JSONSchemaValidator {
            switch self {
            case .achievementCredential: OpenBadgesSchemas.achievementCredential
            case .endorsementCredential: OpenBadgesSchemas.endorsementCredential
            case .profile: OpenBadgesSchemas.profile
            case .getOpenBadgeCredentialsResponse: OpenBadgesSchemas.getOpenBadgeCredentialsResponse
            case .imsxStatusInfo: OpenBadgesSchemas.imsxStatusInfo
            case .clrCredential: OpenBadgesSchemas.clrCredential
            case .verifiableCredential: OpenBadgesSchemas.verifiableCredential
            }
        }
    }

    /// Where 1EdTech publishes the AchievementCredential schema; the `id` of a `credentialSchema` entry of type
    /// `1EdTechJsonSchemaValidator2019`.
    public static let achievementCredentialSchemaURL =
        "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
    /// Where 1EdTech publishes the EndorsementCredential schema.
    public static let endorsementCredentialSchemaURL =
        "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json"
    /// Where 1EdTech publishes the Profile schema.
    public static let profileSchemaURL =
        "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json"
    /// Where 1EdTech publishes the ClrCredential schema.
    public static let clrCredentialSchemaURL =
        "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"

    /// The built-in validator for a schema URL named by a `credentialSchema` entry: the published purl
    /// address or the `$id` inside the schema file. `nil` for any other URL (nothing is fetched).
    public static func validator(forSchemaURL url: String) -> JSONSchemaValidator? {
        switch url {
        case achievementCredentialSchemaURL: return achievementCredential
        case endorsementCredentialSchemaURL: return endorsementCredential
        case profileSchemaURL: return profile
        case clrCredentialSchemaURL: return clrCredential
        case "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_getopenbadgecredentialsresponse_schema.json":
            return getOpenBadgeCredentialsResponse
        case "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_imsx_statusinfo_schema.json":
            return imsxStatusInfo
        default:
            return Name.allCases.lazy.map(\.validator).first { $0.schemaID == url }
        }
    }

    /// The schema for a credential, chosen by its `type`: `AchievementCredential` or `OpenBadgeCredential`,
    /// `EndorsementCredential`, `ClrCredential`; `nil` when the type names none of them.
    public static func validator(forCredential credential: JSONValue) -> JSONSchemaValidator? {
        let types: [String]
        switch credential["type"] {
        case .string(let single): types = [single]
        case .array(let items): types = items.compactMap(\.stringValue)
        default: types = []
        }
        if types.contains("AchievementCredential") || types.contains("OpenBadgeCredential") {
            return achievementCredential
        }
        if types.contains("EndorsementCredential") { return endorsementCredential }
        if types.contains("ClrCredential") { return clrCredential }
        return nil
    }

    private static func load(_ text: String, _ name: String) -> JSONSchemaValidator {
        do {
            return try JSONSchemaValidator(schemaText: text)
        } catch {
            // The texts are fixed at build time and a test compiles each one, so this cannot happen at run time.
            fatalError("the built-in \(name) schema does not compile: \(error)")
        }
    }
}
