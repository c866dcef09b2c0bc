public import LinkedData

/// Verification of a proof set whose proofs use different suites: each proof is checked with the suite it names
/// (eddsa-rdfc-2022, eddsa-jcs-2022, or a legacy Ed25519 suite) and reported on its own.
public enum DataIntegrityVerifier {
    /// Verifies every proof of `securedDocument` with its own suite (VC Data Integrity §4.5). A proof of a type or
    /// cryptosuite Laurel does not know fails with `unsupportedProofType` / `unsupportedCryptosuite`; the document
    /// verifies only when every proof does. Legacy proofs are flagged in their result. A document with more than 32
    /// proofs is refused as a whole (each proof costs a canonicalization).
    public static func verify(
        _ securedDocument: JSONObject,
        resolver: some VerificationMethodResolver = OfflineVerificationMethodResolver(),
        options: ProofVerificationOptions = ProofVerificationOptions(),
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) -> DocumentVerificationResult {
        let count: Int
        do throws(ProofError) {
            count = try RDFCProofTransform.checkedProofCount(securedDocument)
        } catch {
            return DocumentVerificationResult(proofs: [], verifiedDocument: nil, documentFailure: error)
        }
        let results = (0..<count).map { index in
            verifyProof(at: index, in: securedDocument, resolver: resolver, options: options, processor: processor)
        }
        return DocumentVerificationResult(
            proofs: results,
            verifiedDocument: results.allSatisfy(\.verified) ? RDFCProofTransform.unsecured(securedDocument) : nil,
            documentFailure: nil)
    }

    /// Verifies the proof at `index` with the suite it names.
    public static func verifyProof(
        at index: Int, in securedDocument: JSONObject,
        resolver: some VerificationMethodResolver = OfflineVerificationMethodResolver(),
        options: ProofVerificationOptions = ProofVerificationOptions(),
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) -> ProofVerificationResult {
        let values = (try? ProofSet.proofValues(in: securedDocument)) ?? []
        let proof: JSONValue? = index >= 0 && index < values.count ? values[index] : nil
        let type = proof?["type"]?.stringValue
        let cryptosuite = proof?["cryptosuite"]?.stringValue
        if let proof, LegacyEd25519Proofs.handles(proof) {
            return LegacyEd25519Proofs.verifyProof(
                at: index, in: securedDocument, resolver: resolver, options: options, processor: processor)
        }
        if type == DataIntegrityProof.dataIntegrityProofType && cryptosuite == EddsaJcs2022.cryptosuite {
            return EddsaJcs2022.verifyProof(at: index, in: securedDocument, resolver: resolver, options: options)
        }
        if proof != nil && type == DataIntegrityProof.dataIntegrityProofType
            && cryptosuite != EddsaRdfc2022.cryptosuite
        {
            return ProofVerificationResult(
                index: index, proof: proof.flatMap { try? DataIntegrityProof($0) },
                failure: ProofError(
                    .unsupportedCryptosuite,
                    "proof \(index + 1) uses the cryptosuite '\(cryptosuite ?? "")', which Laurel does not verify "
                        + "(it verifies eddsa-rdfc-2022, eddsa-jcs-2022 and the legacy eddsa-2022)",
                    path: "proof"))
        }
        return EddsaRdfc2022.verifyProof(
            at: index, in: securedDocument, resolver: resolver, options: options, processor: processor)
    }
}
