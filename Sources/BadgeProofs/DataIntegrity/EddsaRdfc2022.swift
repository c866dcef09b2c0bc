public import BadgeCrypto
public import LinkedData

/// The `eddsa-rdfc-2022` cryptosuite (Data Integrity EdDSA Cryptosuites v1.0 §3.2), the proof Open Badges 3.0
/// certification requires: the document and the proof configuration are each deserialized to RDF (JSON-LD 1.1
/// expansion and toRdf) and canonicalized with RDFC-1.0, each canonical N-Quads document is hashed with SHA-256,
/// and the 64 bytes `SHA-256(canonical proof configuration) ‖ SHA-256(canonical document)` are signed with
/// Ed25519 (pure EdDSA, RFC 8032). The signature is the proof's `proofValue`, multibase base58btc (`z…`).
///
/// What is signed is the RDF the JSON-LD stands for, so JSON-LD processing runs with the contexts pinned into
/// Laurel (no network) and in safe mode: a member, type or value that expansion would silently drop — and so
/// leave unsigned — is an error naming its JSON path (VC Data Integrity §2.4.3). RDFC-1.0 runs with its work
/// limits, so a "poison" graph is refused instead of running for hours ("implementations … will detect dataset
/// poisoning by default, and abort").
///
/// ```swift
/// let options = try DataIntegrityProof(
///     cryptosuite: EddsaRdfc2022.cryptosuite, verificationMethod: DIDKey.verificationMethod(for: key.publicKey),
///     created: "2024-04-03T09:44:42Z")
/// let signed = try EddsaRdfc2022.addProof(to: credential, options: options, privateKey: key)
/// let result = EddsaRdfc2022.verify(signed)           // did:key and issuer#z6Mk… keys, offline
/// ```
public enum EddsaRdfc2022 {
    /// The cryptosuite identifier.
    public static let cryptosuite = "eddsa-rdfc-2022"

    /// The intermediate values of §3.2.3–3.2.5, in the order the suite computes them.
    public struct HashData: Sendable, Hashable {
        /// The canonical N-Quads (RDFC-1.0) of the proof configuration: the proof options without `proofValue`,
        /// with the document's `@context`.
        public var canonicalProofConfig: String
        /// The canonical N-Quads (RDFC-1.0) of the unsecured document.
        public var canonicalDocument: String
        /// SHA-256 of the canonical proof configuration.
        public var proofConfigHash: [UInt8]
        /// SHA-256 of the canonical document.
        public var documentHash: [UInt8]

        public init(
            canonicalProofConfig: String, canonicalDocument: String, proofConfigHash: [UInt8], documentHash: [UInt8]
        ) {
            self.canonicalProofConfig = canonicalProofConfig
            self.canonicalDocument = canonicalDocument
            self.proofConfigHash = proofConfigHash
            self.documentHash = documentHash
        }

        /// "the result of concatenating proofConfigHash (the first hash) followed by transformedDocumentHash (the
        /// second hash)": the 64 bytes that are signed.
        public var bytes: [UInt8] { proofConfigHash + documentHash }
    }

    /// The JSON-LD processor used unless another is given: the pinned offline contexts, safe mode on.
    public static var defaultProcessor: JSONLDProcessor { RDFCProofTransform.defaultProcessor }

    // MARK: Transformation, proof configuration, hashing (§3.2.3–3.2.5)

    /// Canonicalizes and hashes an unsecured document and its proof options (§3.2.3 Transformation, §3.2.5 Proof
    /// Configuration, §3.2.4 Hashing). The options must say `type` `DataIntegrityProof` and `cryptosuite`
    /// `eddsa-rdfc-2022`, and `created`, if present, must be a dateTime; a `proofValue` among them is ignored, and
    /// their `@context` is replaced by the document's.
    public static func hashData(
        document unsecuredDocument: JSONObject, proofOptions: JSONObject,
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) throws(ProofError) -> HashData {
        try RDFCProofTransform.hashData(
            document: unsecuredDocument, proofOptions: proofOptions, suite: RDFCProofTransform.rdfc2022,
            processor: processor, proofPath: "proof")
    }

    /// The canonical N-Quads of any JSON-LD document, as this suite canonicalizes documents (pinned contexts,
    /// safe mode, RDFC-1.0 with its work limits).
    public static func canonicalNQuads(
        of document: JSONObject, processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) throws(ProofError) -> String {
        try RDFCProofTransform.canonicalize(document, processor: processor, location: "the document", pathPrefix: nil)
    }

    // MARK: Create (§3.2.1) and add (VC Data Integrity §4.2, §4.3)

    /// Creates a proof for `unsecuredDocument` (§3.2.1 Create Proof): the options plus `proofValue`. Unlike
    /// eddsa-jcs-2022, the proof gets no `@context` of its own; the document's is used while hashing.
    ///
    /// When the verification method carries its key (did:key, `…#z6Mk…`), it must be `privateKey`'s public key.
    public static func createProof(
        for unsecuredDocument: JSONObject, options: DataIntegrityProof, privateKey: Ed25519PrivateKey,
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) throws(ProofError) -> DataIntegrityProof {
        guard options.proofValue == nil else {
            throw ProofError(.malformedProof, "the proof options already have a proofValue; pass options without one")
        }
        guard let verificationMethod = options.verificationMethod else {
            throw ProofError(.malformedProof, "the proof options have no 'verificationMethod'")
        }
        if let named = try? OfflineVerificationMethodResolver().ed25519PublicKey(for: verificationMethod),
            named != privateKey.publicKey
        {
            throw ProofError(
                .keyMismatch,
                "the verification method '\(verificationMethod)' names a different key than the private key given")
        }
        let hash = try hashData(document: unsecuredDocument, proofOptions: options.object, processor: processor)
        let signature: [UInt8]
        do throws(CryptoError) {
            signature = try privateKey.signature(for: hash.bytes)
        } catch {
            throw ProofError(.signingFailed, "Ed25519 signing failed: \(error.reason)")
        }
        return options.settingProofValue(Multibase.encode(signature, base: .base58btc))
    }

    /// Secures `document` with a new proof and returns it (VC Data Integrity §4.2 Add Proof and §4.3 Add Proof
    /// Set/Chain). Only the `proof` member changes: it is added, or turned into a set, or extended.
    ///
    /// The new proof signs the document without its existing proofs, except those named by the options'
    /// `previousProof` (a proof chain), which are signed with it.
    public static func addProof(
        to document: JSONObject, options: DataIntegrityProof, privateKey: Ed25519PrivateKey,
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) throws(ProofError) -> JSONObject {
        let existing = try ProofSet.proofValues(in: document)
        let input = try ProofSet.securedContent(of: document, previousProof: options.previousProof, among: existing)
        let proof = try createProof(for: input, options: options, privateKey: privateKey, processor: processor)
        return try ProofSet.adding(proof, to: document)
    }

    // MARK: Verify (§3.2.2, VC Data Integrity §4.4, §4.5)

    /// Verifies every proof of `securedDocument` (VC Data Integrity §4.5) with the offline resolver (did:key and
    /// `<issuer id>#z6Mk…` verification methods).
    public static func verify(
        _ securedDocument: JSONObject, options: ProofVerificationOptions = ProofVerificationOptions()
    ) -> DocumentVerificationResult {
        verify(securedDocument, resolver: OfflineVerificationMethodResolver(), options: options)
    }

    /// Verifies every proof of `securedDocument` (VC Data Integrity §4.5): one result per proof, and the document
    /// verifies when every proof does. Each must be an eddsa-rdfc-2022 proof; verify mixed proof sets with
    /// `DataIntegrityVerifier`. Proofs that secure the same document share its canonicalization; a document with
    /// more than 32 proofs is refused as a whole.
    public static func verify(
        _ securedDocument: JSONObject, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions = ProofVerificationOptions(),
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) -> DocumentVerificationResult {
        RDFCProofTransform.verify(
            securedDocument, suite: RDFCProofTransform.rdfc2022, resolver: resolver, options: options,
            processor: processor)
    }

    /// Verifies the proof at `index` of the document's proof set (§3.2.2 Verify Proof with the checks of VC Data
    /// Integrity §4.4, and the issuer binding of `options.bindsKeyToIssuer`). Fails closed: anything unexpected —
    /// a poison graph, a term safe mode refuses, an unknown context — is a failure with its reason.
    public static func verifyProof(
        at index: Int = 0, in securedDocument: JSONObject, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions = ProofVerificationOptions(),
        processor: JSONLDProcessor = EddsaRdfc2022.defaultProcessor
    ) -> ProofVerificationResult {
        RDFCProofTransform.verifyProof(
            at: index, in: securedDocument, suite: RDFCProofTransform.rdfc2022, resolver: resolver,
            options: options, processor: processor)
    }
}
