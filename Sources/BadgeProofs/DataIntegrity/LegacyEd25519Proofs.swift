public import LinkedData

/// Verification (only) of the Ed25519 proofs that came before eddsa-rdfc-2022, which Open Badges 3.0 lists as
/// "Prior (deprecated) cryptosuites" that verifiers "should consider supporting":
///
/// - `DataIntegrityProof` with cryptosuite `eddsa-2022`: the same algorithm as eddsa-rdfc-2022 under its name
///   before the Recommendation (documents usually carry `https://w3id.org/security/data-integrity/v1`);
/// - `Ed25519Signature2020` (W3C CCG Ed25519 Signature 2020): the same hashing and signature, with the proof type
///   defined by `https://w3id.org/security/suites/ed25519-2020/v1` and no cryptosuite.
///
/// - `Ed25519Signature2018` (W3C CCG Ed25519 Signature 2018): the same canonicalization (URDNA2015, which is
///   RDFC-1.0) and hashing, with the signature as a detached JWS in `jws` (`{"alg":"EdDSA","b64":false,
///   "crit":["b64"]}`) over `header.` followed by the hash data; its terms come from the VC 1.1 context or
///   `https://w3id.org/security/suites/ed25519-2018/v1`.
///
/// Every result is flagged (`ProofVerificationResult.legacySuite`) so a verifier can warn. Laurel never creates
/// these proofs.
public enum LegacyEd25519Proofs {
    /// The pre-Recommendation name of eddsa-rdfc-2022.
    public static let eddsa2022 = "eddsa-2022"
    /// The proof type of Ed25519 Signature 2020.
    public static let ed25519Signature2020 = "Ed25519Signature2020"
    /// The proof type of Ed25519 Signature 2018.
    public static let ed25519Signature2018 = "Ed25519Signature2018"

    static let eddsa2022Suite = RDFCProofTransform.Suite(
        proofType: DataIntegrityProof.dataIntegrityProofType, cryptosuite: eddsa2022, legacyName: eddsa2022)
    static let ed25519Signature2020Suite = RDFCProofTransform.Suite(
        proofType: ed25519Signature2020, cryptosuite: nil, legacyName: ed25519Signature2020)
    static let ed25519Signature2018Suite = RDFCProofTransform.Suite(
        proofType: ed25519Signature2018, cryptosuite: nil, legacyName: ed25519Signature2018, signature: .detachedJWS)

    /// Whether `proof` is one of the legacy Ed25519 proofs this type verifies.
    public static func handles(_ proof: JSONValue) -> Bool {
        suite(for: proof) != nil
    }

    static func suite(for proof: JSONValue) -> RDFCProofTransform.Suite? {
        let type = proof["type"]?.stringValue
        let cryptosuite = proof["cryptosuite"]?.stringValue
        if type == DataIntegrityProof.dataIntegrityProofType && cryptosuite == eddsa2022 { return eddsa2022Suite }
        if type == ed25519Signature2020 && cryptosuite == nil { return ed25519Signature2020Suite }
        if type == ed25519Signature2018 && cryptosuite == nil { return ed25519Signature2018Suite }
        return nil
    }

    /// The canonical forms and hashes of a legacy proof (`eddsa-2022` or `Ed25519Signature2020` options), for
    /// tests against published vectors.
    public static func hashData(
        document unsecuredDocument: JSONObject, proofOptions: JSONObject,
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) throws(ProofError) -> EddsaRdfc2022.HashData {
        guard let suite = suite(for: .object(proofOptions)) else {
            throw ProofError(
                .unsupportedProofType,
                "the proof is not an eddsa-2022 DataIntegrityProof, an Ed25519Signature2020 or an Ed25519Signature2018 proof")
        }
        return try RDFCProofTransform.hashData(
            document: unsecuredDocument, proofOptions: proofOptions, suite: suite, processor: processor,
            proofPath: "proof")
    }

    /// Verifies the legacy proof at `index` of the document's proof set, with the checks of VC Data Integrity
    /// §4.4 and the issuer binding of `options.bindsKeyToIssuer`. The result's `legacySuite` names the suite.
    public static func verifyProof(
        at index: Int = 0, in securedDocument: JSONObject,
        resolver: some VerificationMethodResolver = OfflineVerificationMethodResolver(),
        options: ProofVerificationOptions = ProofVerificationOptions(),
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) -> ProofVerificationResult {
        let values: [JSONValue]
        do throws(ProofError) {
            values = try ProofSet.proofValues(in: securedDocument)
        } catch {
            return ProofVerificationResult(index: index, proof: nil, failure: error)
        }
        guard index >= 0, index < values.count, let suite = suite(for: values[index]) else {
            let described = index >= 0 && index < values.count
                ? "proof \(index + 1) is a '\(values[index]["type"]?.stringValue ?? "?")' proof"
                    + (values[index]["cryptosuite"]?.stringValue.map { " (\($0))" } ?? "")
                : "the document has \(values.count) proof(s); there is no proof \(index + 1)"
            return ProofVerificationResult(
                index: index, proof: nil,
                failure: ProofError(
                    index >= 0 && index < values.count ? .unsupportedProofType : .missingProof,
                    described + "; legacy verification handles eddsa-2022, Ed25519Signature2020 and Ed25519Signature2018 only"))
        }
        return RDFCProofTransform.verifyProof(
            at: index, in: securedDocument, suite: suite, resolver: resolver, options: options, processor: processor)
    }
}
