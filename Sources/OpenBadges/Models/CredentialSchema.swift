public import LinkedData

/// A schema the credential claims to conform to (`1EdTechJsonSchemaValidator2019`).
public struct CredentialSchema: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var type: String? { get { string("type") } set { setString("type", newValue) } }
}
