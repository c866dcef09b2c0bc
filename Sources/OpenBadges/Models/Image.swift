public import LinkedData

/// An image: an `id` (URL or data URI) with `type` `Image` and an optional caption.
public struct Image: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public static let typeName = "Image"

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var caption: String? { get { string("caption") } set { setString("caption", newValue) } }

    /// An image object for a URL or data URI.
    public init(id: String, caption: String? = nil) {
        self.json = JSONObject()
        self.id = id
        self.json["type"] = "Image"
        self.caption = caption
    }
}
