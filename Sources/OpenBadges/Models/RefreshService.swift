public import LinkedData

/// Where a fresher copy of the credential can be obtained (`1EdTechCredentialRefresh`).
public struct RefreshService: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var type: String? { get { string("type") } set { setString("type", newValue) } }
}
