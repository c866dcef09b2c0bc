public import LinkedData

/// The recipient of an achievement credential: who (an `id` and/or hashed `identifier`s), what
/// (`achievement`) and how well (`result`s).
public struct AchievementSubject: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "AchievementSubject"

    /// The recipient's identifier (a DID or other URI), when not only hashed identifiers are used.
    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var identifier: [IdentityObject] {
        get { objects("identifier") } set { setObjects("identifier", newValue) }
    }
    public var achievement: Achievement? { get { object("achievement") } set { setObject("achievement", newValue) } }
    public var result: [Result] { get { objects("result") } set { setObjects("result", newValue) } }
    public var narrative: String? { get { string("narrative") } set { setString("narrative", newValue) } }
    public var creditsEarned: JSONNumber? { json["creditsEarned"]?.numberValue }
    public var activityStartDate: String? {
        get { string("activityStartDate") } set { setString("activityStartDate", newValue) }
    }
    public var activityEndDate: String? {
        get { string("activityEndDate") } set { setString("activityEndDate", newValue) }
    }
    public var role: String? { get { string("role") } set { setString("role", newValue) } }
    public var term: String? { get { string("term") } set { setString("term", newValue) } }
    public var licenseNumber: String? { get { string("licenseNumber") } set { setString("licenseNumber", newValue) } }
    public var source: Profile? { get { object("source") } set { setObject("source", newValue) } }
    public var image: Image? { get { object("image") } set { setObject("image", newValue) } }
}
