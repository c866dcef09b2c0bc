public import LinkedData

/// Verification of a proof set whose proofs use different suites: each proof is checked with the suite it names
/// (eddsa-rdfc-2022, eddsa-jcs-2022, or a legacy Ed25519 suite) and reported on its own. This is the one table
/// of the suites Laurel verifies.
public enum DataIntegrityVerifier {
    /// A proof suite Laurel verifies, as a verifier reports it.
    public struct Suite: Sendable, Hashable {
        /// The name reported: `eddsa-rdfc-2022`, `eddsa-jcs-2022`, `eddsa-2022`, `Ed25519Signature2020`.
        public var name: String
        /// A deprecated suite (verify with a warning).
        public var isLegacy: Bool
        /// Whether verifying expands the whole document to RDF with the pinned contexts in safe mode (the RDFC
        /// suites do), so that a separate safe-mode pass over the same document is redundant.
        public var expandsDocument: Bool
    }

    /// The suite a proof names, or `nil` when Laurel cannot check that kind of proof.
    public static func suite(of proof: JSONValue) -> Suite? {
        let type = proof["type"]?.stringValue
        let cryptosuite = proof["cryptosuite"]?.stringValue
        if let legacy = LegacyEd25519Proofs.suite(for: proof) {
            return Suite(name: legacy.legacyName ?? legacy.displayName, isLegacy: true, expandsDocument: true)
        }
        guard type == DataIntegrityProof.dataIntegrityProofType else { return nil }
        switch cryptosuite {
        case EddsaRdfc2022.cryptosuite?: return Suite(name: EddsaRdfc2022.cryptosuite, isLegacy: false, expandsDocument: true)
        case EddsaJcs2022.cryptosuite?: return Suite(name: EddsaJcs2022.cryptosuite, isLegacy: false, expandsDocument: false)
        default: return nil
        }
    }

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
        if let proof, LegacyEd25519Proofs.handles(proof) {
            return LegacyEd25519Proofs.verifyProof(
                at: index, in: securedDocument, resolver: resolver, options: options, processor: processor)
        }
        let type = proof?["type"]?.stringValue
        let cryptosuite = proof?["cryptosuite"]?.stringValue
        if type == DataIntegrityProof.dataIntegrityProofType && cryptosuite == EddsaJcs2022.cryptosuite {
            return EddsaJcs2022.verifyProof(at: index, in: securedDocument, resolver: resolver, options: options)
        }
        if let proof, suite(of: proof) == nil, type != nil {
            let kind = cryptosuite.map { "the cryptosuite '\($0)'" } ?? "the proof type '\(type ?? "")'"
            return ProofVerificationResult(
                index: index, proof: try? DataIntegrityProof(proof),
                failure: ProofError(
                    type == DataIntegrityProof.dataIntegrityProofType ? .unsupportedCryptosuite : .unsupportedProofType,
                    "proof \(index + 1) uses \(kind), which Laurel does not verify (it verifies eddsa-rdfc-2022, "
                        + "eddsa-jcs-2022 and the legacy eddsa-2022, Ed25519Signature2020 and Ed25519Signature2018)",
                    path: "proof"))
        }
        return EddsaRdfc2022.verifyProof(
            at: index, in: securedDocument, resolver: resolver, options: options, processor: processor)
    }
}
