public import LinkedData

/// A relationship between two achievements in a CLR (`isPartOf`, `precedes`, …).
public struct Association: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "Association"

    /// `exactMatchOf`, `isChildOf`, `isParentOf`, `isPartOf`, `isPeerOf`, `isRelatedTo`, `precedes`, `replacedBy`.
    public var associationType: String? {
        get { string("associationType") } set { setString("associationType", newValue) }
    }
    public var sourceId: String? { get { string("sourceId") } set { setString("sourceId", newValue) } }
    public var targetId: String? { get { string("targetId") } set { setString("targetId", newValue) } }
}
