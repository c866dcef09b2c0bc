public import LinkedData

/// A recipient identifier, usually a salted hash of an email address (`sha256$<hex>`).
public struct IdentityObject: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "IdentityObject"

    /// `emailAddress`, `sourcedId`, `userName`, … or `ext:…`.
    public var identityType: String? { get { string("identityType") } set { setString("identityType", newValue) } }
    /// Either the plaintext identifier or `sha256$<hex>` / `md5$<hex>` over identifier ‖ salt.
    public var identityHash: String? { get { string("identityHash") } set { setString("identityHash", newValue) } }
    public var hashed: Bool? {
        get { json["hashed"]?.boolValue } set { json["hashed"] = newValue.map(JSONValue.bool) }
    }
    public var salt: String? { get { string("salt") } set { setString("salt", newValue) } }
}
