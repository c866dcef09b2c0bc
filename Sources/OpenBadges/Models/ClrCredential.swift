public import LinkedData

/// A CLR 2.0 `ClrCredential`: a learner record bundling achievement credentials, signed as a whole.
public struct ClrCredential: VerifiableCredentialView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public var credentialSubject: ClrSubject? {
        get { object("credentialSubject") } set { setObject("credentialSubject", newValue) }
    }

    /// Whether the record is known to be incomplete.
    public var partial: Bool? { json["partial"]?.boolValue }
}

/// The subject of a `ClrCredential`: the learner and their credentials, achievements and associations.
public struct ClrSubject: JSONObjectView {
    public static let typeName = "ClrSubject"
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    public var identifier: [IdentityObject] {
        get { objects("identifier") } set { setObjects("identifier", newValue) }
    }
    /// The bundled credentials as JSON objects (each keeps its own proof).
    public var verifiableCredential: [JSONValue] { json["verifiableCredential"]?.arrayValue ?? [] }
    public var achievement: [Achievement] { get { objects("achievement") } set { setObjects("achievement", newValue) } }
    public var association: [Association] { get { objects("association") } set { setObjects("association", newValue) } }
}
