public import LinkedData

/// How to check the credential'\''s status: a `BitstringStatusListEntry` or `1EdTechRevocationList`.
public struct CredentialStatus: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var type: String? { get { string("type") } set { setString("type", newValue) } }
    /// `revocation` or `suspension` (BitstringStatusListEntry).
    public var statusPurpose: String? { get { string("statusPurpose") } set { setString("statusPurpose", newValue) } }
    /// The bit position (a decimal string by the spec; some issuers write a JSON number, which is accepted).
    public var statusListIndex: Int? {
        switch json["statusListIndex"] {
        case .string(let text)?: Int(text)
        case .number(let number)?: number.intValue
        default: nil
        }
    }
    /// URL of the `BitstringStatusListCredential`.
    public var statusListCredential: String? {
        get { string("statusListCredential") } set { setString("statusListCredential", newValue) }
    }
}
