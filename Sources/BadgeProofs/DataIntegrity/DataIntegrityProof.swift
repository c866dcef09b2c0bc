public import LinkedData

/// A data integrity proof (VC Data Integrity 1.0 §2.1): "information about the proof mechanism, parameters
/// required to verify that proof, and the proof value itself".
///
/// The proof is kept as the JSON object it is, in member order, so a proof read from a document is written back
/// exactly as it was and dates stay the strings that were signed. The properties below read and write that
/// object; members this type does not know survive untouched.
///
/// - `type`: "The specific type of proof", `DataIntegrityProof` for the cryptosuites of this module.
/// - `cryptosuite`: "An identifier for the cryptographic suite that can be used to verify the proof"
///   (required when `type` is `DataIntegrityProof`).
/// - `verificationMethod`: a URL for "the means and information needed to verify the proof".
/// - `proofPurpose`: "The reason the proof was created" (`assertionMethod` for credentials).
/// - `created` / `expires`: XML Schema dateTimeStamp strings.
/// - `domain`: "one or more security domains in which the proof is meant to be used" (a string or a set).
/// - `challenge`: a value used once for a domain, against replay. `nonce`: any string from the proof creator.
/// - `previousProof`: ids of proofs in the same set that must also verify (proof chains, §2.1.2).
/// - `@context`: eddsa-jcs-2022 copies the document's `@context` here when it creates a proof.
/// - `proofValue`: the multibase-encoded proof bytes.
public struct DataIntegrityProof: Sendable, Hashable {
    /// The proof type of every Data Integrity cryptosuite.
    public static let dataIntegrityProofType = "DataIntegrityProof"

    /// The proof as JSON, members in order.
    public private(set) var object: JSONObject

    /// Proof options for a new proof: the members a cryptosuite needs, in the order the W3C examples use.
    /// `created` and `expires` must be XML Schema dateTimeStamps (`2023-02-24T23:36:38Z`); they are kept verbatim.
    public init(
        type: String = DataIntegrityProof.dataIntegrityProofType,
        cryptosuite: String?,
        verificationMethod: String,
        proofPurpose: String = "assertionMethod",
        created: String? = nil,
        expires: String? = nil,
        domain: [String]? = nil,
        challenge: String? = nil,
        nonce: String? = nil,
        previousProof: [String]? = nil,
        id: String? = nil
    ) throws(ProofError) {
        var object = JSONObject()
        object["type"] = .string(type)
        if let id { object["id"] = .string(id) }
        if let cryptosuite { object["cryptosuite"] = .string(cryptosuite) }
        if let created { object["created"] = .string(created) }
        if let expires { object["expires"] = .string(expires) }
        object["verificationMethod"] = .string(verificationMethod)
        object["proofPurpose"] = .string(proofPurpose)
        if let domain { object["domain"] = Self.stringOrSet(domain) }
        if let challenge { object["challenge"] = .string(challenge) }
        if let nonce { object["nonce"] = .string(nonce) }
        if let previousProof { object["previousProof"] = Self.stringOrSet(previousProof) }
        try self.init(object)
    }

    /// Reads a proof object, checking that every member it knows has the JSON type §2.1 requires.
    public init(_ object: JSONObject) throws(ProofError) {
        try Self.validate(object)
        self.object = object
    }

    /// Reads a proof from any JSON value; it must be an object.
    public init(_ value: JSONValue) throws(ProofError) {
        guard let object = value.objectValue else {
            throw ProofError(.malformedProof, "a proof must be a JSON object, but this one is a \(value.kindName)")
        }
        try self.init(object)
    }

    // MARK: Members

    /// "The specific type of proof" (`DataIntegrityProof`).
    public var type: String { object["type"]?.stringValue ?? "" }
    /// "An optional identifier for the proof, which MUST be a URL" (used by proof chains).
    public var id: String? { object["id"]?.stringValue }
    /// "An identifier for the cryptographic suite that can be used to verify the proof".
    public var cryptosuite: String? { object["cryptosuite"]?.stringValue }
    /// The URL of the verification method: "the means and information needed to verify the proof".
    public var verificationMethod: String? { object["verificationMethod"]?.stringValue }
    /// "The reason the proof was created" (`assertionMethod`, `authentication`, …).
    public var proofPurpose: String { object["proofPurpose"]?.stringValue ?? "" }
    /// When the proof was created, as the dateTimeStamp string that was signed.
    public var created: String? { object["created"]?.stringValue }
    /// When the proof expires, as the dateTimeStamp string that was signed.
    public var expires: String? { object["expires"]?.stringValue }
    /// The security domains, whether written as one string or as a set.
    public var domain: [String]? { Self.strings(object["domain"]) }
    /// The challenge, "used once for a particular domain and window of time" against replay.
    public var challenge: String? { object["challenge"]?.stringValue }
    /// "An OPTIONAL string value supplied by the proof creator".
    public var nonce: String? { object["nonce"]?.stringValue }
    /// The ids of earlier proofs this one chains to, whether written as one string or as a set.
    public var previousProof: [String]? { Self.strings(object["previousProof"]) }
    /// The proof's own `@context`, if it has one.
    public var context: JSONValue? { object["@context"] }
    /// The multibase-encoded proof bytes ("base-encoded binary data necessary to verify the digital proof").
    public var proofValue: String? { object["proofValue"]?.stringValue }

    /// The proof as a JSON value.
    public var jsonValue: JSONValue { .object(object) }

    /// The proof options: every member except `proofValue` (what a cryptosuite signs along with the document).
    public var options: JSONObject {
        var copy = object
        copy.removeValue(forKey: "proofValue")
        return copy
    }

    /// A copy with `@context` set (replacing any value in place, otherwise added after the other members).
    public func settingContext(_ context: JSONValue?) -> DataIntegrityProof {
        var copy = self
        copy.object["@context"] = context
        return copy
    }

    /// A copy with `proofValue` set (added as the last member).
    public func settingProofValue(_ proofValue: String) -> DataIntegrityProof {
        var copy = self
        copy.object["proofValue"] = .string(proofValue)
        return copy
    }

    // MARK: Validation

    private static func validate(_ object: JSONObject) throws(ProofError) {
        guard let type = object["type"] else {
            throw ProofError(.malformedProof, "the proof has no 'type'")
        }
        guard let typeName = type.stringValue else {
            throw ProofError(.malformedProof, "the proof 'type' must be a string, but it is a \(type.kindName)")
        }
        for name in ["id", "cryptosuite", "verificationMethod", "proofPurpose", "challenge", "nonce", "proofValue"] {
            if let value = object[name], value.stringValue == nil {
                throw ProofError(
                    .malformedProof, "the proof member '\(name)' must be a string, but it is a \(value.kindName)")
            }
        }
        if object["proofPurpose"] == nil {
            throw ProofError(.malformedProof, "the proof has no 'proofPurpose'")
        }
        if typeName == dataIntegrityProofType && object["cryptosuite"] == nil {
            throw ProofError(.malformedProof, "a DataIntegrityProof must name its 'cryptosuite'")
        }
        for name in ["created", "expires"] {
            guard let value = object[name] else { continue }
            guard let text = value.stringValue else {
                throw ProofError(
                    .malformedProof,
                    "the proof member '\(name)' must be a date-time string, but it is a \(value.kindName)")
            }
            guard XSDDateTime(text) != nil else {
                throw ProofError(
                    .invalidDateTime,
                    "the proof member '\(name)' is \"\(text)\", which is not an XML Schema dateTime "
                        + "such as 2024-05-01T12:00:00Z")
            }
        }
        for name in ["domain", "previousProof"] {
            guard let value = object[name] else { continue }
            guard let list = strings(value), !list.isEmpty else {
                throw ProofError(
                    .malformedProof, "the proof member '\(name)' must be a string or a non-empty array of strings")
            }
        }
        if let context = object["@context"] {
            switch context {
            case .string, .object, .array: break
            default:
                throw ProofError(
                    .malformedProof,
                    "the proof '@context' must be a string, an object or an array, but it is a "
                        + "\(context.kindName)")
            }
        }
    }

    static func strings(_ value: JSONValue?) -> [String]? {
        switch value {
        case .string(let text): return [text]
        case .array(let elements):
            var result: [String] = []
            for element in elements {
                guard let text = element.stringValue else { return nil }
                result.append(text)
            }
            return result
        default: return nil
        }
    }

    private static func stringOrSet(_ values: [String]) -> JSONValue {
        values.count == 1 ? .string(values[0]) : .array(values.map { .string($0) })
    }
}
