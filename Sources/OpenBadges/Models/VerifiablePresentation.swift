public import LinkedData

/// A W3C `VerifiablePresentation`: credentials a holder presents, signed with the holder's key
/// (`proofPurpose` `authentication`, with the verifier's `challenge` and `domain`).
public struct VerifiablePresentation: JSONObjectView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public var contexts: [String] { strings("@context") }
    public var id: String? { get { string("id") } set { setString("id", newValue) } }
    /// The holder's identifier (a DID).
    public var holder: String? {
        switch json["holder"] {
        case .string(let id)?: id
        case .object(let object)?: object["id"]?.stringValue
        default: nil
        }
    }

    /// The presented credentials: embedded JSON objects or compact JWS strings.
    public var verifiableCredential: [JSONValue] {
        switch json["verifiableCredential"] {
        case .array(let values)?: values
        case let single?: [single]
        case nil: []
        }
    }

    public var proofs: [JSONObject] {
        switch json["proof"] {
        case .object(let proof)?: [proof]
        case .array(let values)?: values.compactMap(\.objectValue)
        default: []
        }
    }
}
