public import LinkedData

/// An Open Badges 3.0 `Achievement`: what the learner accomplished, with its criteria and (optionally) a rubric
/// of `ResultDescription`s whose `RubricCriterionLevel`s describe each performance level.
public struct Achievement: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "Achievement"

    /// Unique URI of the achievement.
    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var name: String? { get { string("name") } set { setString("name", newValue) } }
    public var description: String? { get { string("description") } set { setString("description", newValue) } }
    public var criteria: Criteria? { get { object("criteria") } set { setObject("criteria", newValue) } }
    public var image: Image? { get { object("image") } set { setObject("image", newValue) } }
    /// The type of achievement (`Badge`, `Certificate`, `Competency`, … or `ext:…`).
    public var achievementType: String? {
        get { string("achievementType") } set { setString("achievementType", newValue) }
    }
    public var alignment: [Alignment] { get { objects("alignment") } set { setObjects("alignment", newValue) } }
    public var resultDescription: [ResultDescription] {
        get { objects("resultDescription") } set { setObjects("resultDescription", newValue) }
    }
    public var tag: [String] { get { strings("tag") } set { setStrings("tag", newValue.isEmpty ? nil : newValue) } }
    public var creator: Profile? { get { object("creator") } set { setObject("creator", newValue) } }
    public var endorsement: [EndorsementCredential] {
        get { objects("endorsement") } set { setObjects("endorsement", newValue) }
    }
    /// Credits offered for earning the achievement (a JSON number).
    public var creditsAvailable: JSONNumber? { json["creditsAvailable"]?.numberValue }
    public var humanCode: String? { get { string("humanCode") } set { setString("humanCode", newValue) } }
    public var fieldOfStudy: String? { get { string("fieldOfStudy") } set { setString("fieldOfStudy", newValue) } }
    public var inLanguage: String? { get { string("inLanguage") } set { setString("inLanguage", newValue) } }
    public var version: String? { get { string("version") } set { setString("version", newValue) } }
}
