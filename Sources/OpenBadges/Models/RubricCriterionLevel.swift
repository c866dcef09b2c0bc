public import LinkedData

/// One performance level of a rubric criterion (`Exemplary`, `Proficient`, …) with its description and points.
public struct RubricCriterionLevel: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "RubricCriterionLevel"

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var name: String? { get { string("name") } set { setString("name", newValue) } }
    public var description: String? { get { string("description") } set { setString("description", newValue) } }
    public var level: String? { get { string("level") } set { setString("level", newValue) } }
    /// Points for this level (a string in OB 3.0).
    public var points: String? { get { string("points") } set { setString("points", newValue) } }
    public var alignment: [Alignment] { get { objects("alignment") } set { setObjects("alignment", newValue) } }
}
