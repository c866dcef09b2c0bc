public import LinkedData

/// Descriptive metadata about the achievements necessary to be recognized with an achievement.
public struct Criteria: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    /// URI of a page describing the criteria.
    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    /// A narrative of what is needed to earn the achievement (Markdown).
    public var narrative: String? { get { string("narrative") } set { setString("narrative", newValue) } }
}
