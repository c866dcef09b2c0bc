import BadgeProofs
import LinkedData

/// The Data Integrity cryptosuites the verifier can check, by `type`/`cryptosuite`.
struct ProofSuite: Sendable {
    /// The name reported (`eddsa-rdfc-2022`, `Ed25519Signature2020`, …).
    var name: String
    /// Legacy suites verify with a warning.
    var legacy: Bool
    /// Whether verifying expands the whole document to RDF with the pinned contexts in safe mode.
    var expandsDocument = true
    var verify: @Sendable (_ document: JSONObject, _ index: Int, _ resolver: any VerificationMethodResolver,
        _ options: ProofVerificationOptions) -> ProofVerificationResult

    /// The suite for a proof object, or nil when Laurel cannot check that kind of proof.
    static func suite(for proof: JSONObject) -> ProofSuite? {
        let type = proof["type"]?.stringValue
        let cryptosuite = proof["cryptosuite"]?.stringValue
        switch (type, cryptosuite) {
        case ("DataIntegrityProof", "eddsa-rdfc-2022"):
            return ProofSuite(name: "eddsa-rdfc-2022", legacy: false) { document, index, resolver, options in
                EddsaRdfc2022.verifyProof(at: index, in: document, resolver: resolver, options: options)
            }
        case ("DataIntegrityProof", "eddsa-2022"), ("Ed25519Signature2020", _):
            return ProofSuite(name: cryptosuite ?? type ?? "legacy", legacy: true) { document, index, resolver, options in
                LegacyEd25519Proofs.verifyProof(at: index, in: document, resolver: resolver, options: options)
            }
        case ("DataIntegrityProof", "eddsa-jcs-2022"):
            return ProofSuite(name: "eddsa-jcs-2022", legacy: false, expandsDocument: false) { document, index, resolver, options in
                EddsaJcs2022.verifyProof(at: index, in: document, resolver: resolver, options: options)
            }
        default:
            return nil
        }
    }
}
