public import LinkedData

/// The entity an endorsement is about, with the endorser'\''s comment.
public struct EndorsementSubject: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "EndorsementSubject"

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var endorsementComment: String? {
        get { string("endorsementComment") } set { setString("endorsementComment", newValue) }
    }
}
