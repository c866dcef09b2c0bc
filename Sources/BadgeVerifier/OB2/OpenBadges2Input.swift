import BadgeProofs
import LinkedData

/// An Open Badges 2.0 assertion as the verifier received it (Open Badges 2.0, "Verification"). Open Badges 1.1
/// assertions, which verify the same way, are read as 2.0.
enum OpenBadges2Input: Sendable {
    /// An assertion's JSON in hand (a file, or JSON baked into an image). A hosted one only names the URL of the
    /// assertion its issuer hosts; that copy is what is verified.
    case assertion(JSONObject)
    /// A signed assertion: a compact JWS whose payload is the assertion's JSON.
    case signed(CompactJWS, token: String, payload: JSONObject)
    /// The URL of a hosted assertion (what older baked images hold).
    case hosted(url: String)

    /// The Open Badges 2.0 reading of an opened input, or nil when it is not an Open Badges 2.0 assertion. What
    /// an image holds in the Open Badges 2.0 way is read as one unless it is a Verifiable Credential.
    init?(_ envelope: Envelope) {
        func isOB2(_ object: JSONObject?) -> Bool {
            guard let object else { return envelope.bakedOpenBadges2 }
            if envelope.bakedOpenBadges2 && !Self.strings(object["@context"]).contains(where: Self.credentialContexts.contains) {
                return true
            }
            return Self.isAssertion(object)
        }
        switch envelope.content {
        case .json(let object):
            guard isOB2(object) else { return nil }
            self = .assertion(object)
        case .jwt(let jws, let token, _):
            let payload = try? jws.payloadObject()
            guard isOB2(payload) else { return nil }
            self = .signed(jws, token: token, payload: payload ?? JSONObject())
        case .hostedURL(let url):
            self = .hosted(url: url)
        }
    }

    /// The JSON-LD contexts of Open Badges 2.0 and 1.1.
    static let contexts = ["https://w3id.org/openbadges/v2", "https://w3id.org/openbadges/v1"]
    /// The contexts of the Verifiable Credentials data models, which make a document an Open Badges 3.0 one.
    static let credentialContexts = ["https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/v2"]

    /// Whether `json` is an Open Badges 2.0 (or 1.x) assertion: its `@context` names the Open Badges 2.0 or 1.1
    /// context, or it has type `Assertion` without a Verifiable Credentials context, or (1.0, which had no
    /// context) it has `recipient`, `badge` and `verify`.
    static func isAssertion(_ json: JSONObject) -> Bool {
        let contexts = strings(json["@context"])
        if contexts.contains(where: credentialContexts.contains) { return false }
        if contexts.contains(where: { context in Self.contexts.contains { context.hasPrefix($0) } }) {
            return !strings(json["type"]).contains { $0 == "BadgeClass" || $0 == "Issuer" || $0 == "Profile" }
        }
        if strings(json["type"]).contains("Assertion") { return true }
        return json["@context"] == nil && json["recipient"] != nil && json["badge"] != nil
            && (json["verify"] != nil || json["verification"] != nil)
    }

    /// A string, or the strings of an array.
    static func strings(_ value: JSONValue?) -> [String] {
        if let text = value?.stringValue { return [text] }
        return value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
