public import LinkedData

/// A `Profile`: an issuer, creator or other person or organization.
public struct Profile: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "Profile"

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var name: String? { get { string("name") } set { setString("name", newValue) } }
    public var url: String? { get { string("url") } set { setString("url", newValue) } }
    public var email: String? { get { string("email") } set { setString("email", newValue) } }
    public var phone: String? { get { string("phone") } set { setString("phone", newValue) } }
    public var description: String? { get { string("description") } set { setString("description", newValue) } }
    public var image: Image? { get { object("image") } set { setObject("image", newValue) } }
    public var endorsement: [EndorsementCredential] {
        get { objects("endorsement") } set { setObjects("endorsement", newValue) }
    }
    public var parentOrg: Profile? { get { object("parentOrg") } set { setObject("parentOrg", newValue) } }
}
