public import LinkedData

/// Evidence of the work that earned the achievement: a URL or data URI, a narrative, a name and description.
public struct Evidence: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "Evidence"

    /// URL of the evidence (or a `urn:` identifier).
    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var name: String? { get { string("name") } set { setString("name", newValue) } }
    public var description: String? { get { string("description") } set { setString("description", newValue) } }
    public var narrative: String? { get { string("narrative") } set { setString("narrative", newValue) } }
    public var genre: String? { get { string("genre") } set { setString("genre", newValue) } }
    public var audience: String? { get { string("audience") } set { setString("audience", newValue) } }
}
