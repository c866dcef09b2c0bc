public import LinkedData

/// A learner'\''s result for one `ResultDescription` of the achievement: the level achieved, a value or a status.
public struct Result: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "Result"

    /// The `id` of the `ResultDescription` this result is for.
    public var resultDescription: String? {
        get { string("resultDescription") } set { setString("resultDescription", newValue) }
    }
    /// The `id` of the `RubricCriterionLevel` achieved.
    public var achievedLevel: String? { get { string("achievedLevel") } set { setString("achievedLevel", newValue) } }
    public var value: String? { get { string("value") } set { setString("value", newValue) } }
    /// `Completed`, `Enrolled`, `Failed`, `InProgress`, `OnHold`, `Provisional` or `Withdrew`.
    public var status: String? { get { string("status") } set { setString("status", newValue) } }
    public var alignment: [Alignment] { get { objects("alignment") } set { setObjects("alignment", newValue) } }
}
