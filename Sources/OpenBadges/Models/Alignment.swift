public import LinkedData

/// An alignment of an achievement or result to a node in an educational framework (a competency, a standard).
public struct Alignment: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "Alignment"

    public var targetName: String? { get { string("targetName") } set { setString("targetName", newValue) } }
    public var targetUrl: String? { get { string("targetUrl") } set { setString("targetUrl", newValue) } }
    public var targetDescription: String? {
        get { string("targetDescription") } set { setString("targetDescription", newValue) }
    }
    public var targetFramework: String? {
        get { string("targetFramework") } set { setString("targetFramework", newValue) }
    }
    public var targetCode: String? { get { string("targetCode") } set { setString("targetCode", newValue) } }
    /// `ceasn:Competency`, `ceterms:Credential`, `CFItem`, `CFRubric`, `CFRubricCriterion`,
    /// `CFRubricCriterionLevel`, `CTDL` or `ext:…`.
    public var targetType: String? { get { string("targetType") } set { setString("targetType", newValue) } }
}
