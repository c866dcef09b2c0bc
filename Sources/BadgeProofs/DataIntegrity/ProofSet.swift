public import LinkedData

/// The `proof` member of a secured document: one proof, or a proof set (an array), VC Data Integrity §2.1.1.
///
/// Adding a proof changes nothing but the `proof` member: a document without one gets it as its last member; a
/// single proof becomes a set of two in the same position; a set grows by one. Every other member, every date and
/// every number stays exactly as it was.
public enum ProofSet {
    /// The proofs in `document.proof` as JSON values, in order: `[]` when there is no `proof` member.
    public static func proofValues(in document: JSONObject) throws(ProofError) -> [JSONValue] {
        switch document["proof"] {
        case nil: return []
        case .object(let proof)?: return [.object(proof)]
        case .array(let proofs)?: return proofs
        case let other?:
            throw ProofError(
                .malformedDocument,
                "the document's 'proof' must be an object or an array of objects, but it is a \(other.kindName)")
        }
    }

    /// The proofs in `document.proof`, each checked as a `DataIntegrityProof`.
    public static func proofs(in document: JSONObject) throws(ProofError) -> [DataIntegrityProof] {
        var result: [DataIntegrityProof] = []
        for (index, value) in try proofValues(in: document).enumerated() {
            do {
                result.append(try DataIntegrityProof(value))
            } catch {
                throw ProofError(error.code, "proof \(index + 1): \(error.reason)")
            }
        }
        return result
    }

    /// `document` with `proof` appended to its `proof` member (VC Data Integrity §4.2 step 6 and §4.3 step 8).
    public static func adding(_ proof: DataIntegrityProof, to document: JSONObject) throws(ProofError) -> JSONObject {
        var output = document
        switch document["proof"] {
        case nil:
            output["proof"] = proof.jsonValue
        case .object(let existing)?:
            output["proof"] = .array([.object(existing), proof.jsonValue])
        case .array(var existing)?:
            existing.append(proof.jsonValue)
            output["proof"] = .array(existing)
        case let other?:
            throw ProofError(
                .malformedDocument,
                "the document's 'proof' must be an object or an array of objects, but it is a \(other.kindName)")
        }
        return output
    }

    /// The document a proof secures (VC Data Integrity §4.3 steps 2–5, §4.5 step 3): `document` without its
    /// `proof` member, then, when `previousProof` names earlier proofs, with `proof` set to exactly those proofs
    /// (in the order of the set). With no `previousProof`, the result has no `proof` member at all.
    public static func securedContent(
        of document: JSONObject, previousProof: [String]?, among proofs: [JSONValue]
    ) throws(ProofError) -> JSONObject {
        var input = document
        input.removeValue(forKey: "proof")
        guard let previousProof, !previousProof.isEmpty else { return input }
        var matching: [JSONValue] = []
        for id in previousProof {
            guard proofs.contains(where: { $0["id"]?.stringValue == id }) else {
                throw ProofError(
                    .previousProofMissing, "previousProof names '\(id)', but no proof in the set has that id")
            }
        }
        for proof in proofs {
            if let id = proof["id"]?.stringValue, previousProof.contains(id) { matching.append(proof) }
        }
        input["proof"] = .array(matching)
        return input
    }
}

extension DataIntegrityProof: Codable {
    /// Decodes a proof from any `Decoder` (through `JSONValue`; prefer `init(_:)` on parsed JSON).
    public init(from decoder: any Decoder) throws {
        try self.init(JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}
