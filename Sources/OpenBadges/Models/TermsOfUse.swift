public import LinkedData

/// Terms of use attached to a credential.
public struct TermsOfUse: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var type: String? { get { string("type") } set { setString("type", newValue) } }
}
