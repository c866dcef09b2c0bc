public import LinkedData

/// Describes a possible achievement result: for a rubric, one criterion with its ordered performance levels
/// and the level required to earn the achievement.
public struct ResultDescription: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "ResultDescription"

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var name: String? { get { string("name") } set { setString("name", newValue) } }
    /// `RubricCriterionLevel`, `Status`, `Percent`, … or `ext:…`.
    public var resultType: String? { get { string("resultType") } set { setString("resultType", newValue) } }
    /// The levels, ordered from lowest to highest.
    public var rubricCriterionLevel: [RubricCriterionLevel] {
        get { objects("rubricCriterionLevel") } set { setObjects("rubricCriterionLevel", newValue) }
    }
    /// The `id` of the level required to earn the achievement.
    public var requiredLevel: String? { get { string("requiredLevel") } set { setString("requiredLevel", newValue) } }
    public var requiredValue: String? { get { string("requiredValue") } set { setString("requiredValue", newValue) } }
    public var allowedValue: [String] {
        get { strings("allowedValue") } set { setStrings("allowedValue", newValue.isEmpty ? nil : newValue) }
    }
    public var valueMin: String? { get { string("valueMin") } set { setString("valueMin", newValue) } }
    public var valueMax: String? { get { string("valueMax") } set { setString("valueMax", newValue) } }
    public var alignment: [Alignment] { get { objects("alignment") } set { setObjects("alignment", newValue) } }
}
