public import BadgeCrypto
public import LinkedData

/// The `eddsa-jcs-2022` cryptosuite (Data Integrity EdDSA Cryptosuites v1.0 §3.3): the document and the proof
/// configuration are each canonicalized with JCS (RFC 8785) and hashed with SHA-256, and the 64 bytes
/// `SHA-256(canonical proof configuration) ‖ SHA-256(canonical document)` are signed with Ed25519 (pure EdDSA,
/// RFC 8032). The signature is the proof's `proofValue`, multibase base58btc (`z…`).
///
/// No JSON-LD processing is involved: what is signed is the JSON itself, so any change to any member (or to the
/// proof) breaks the signature.
public enum EddsaJcs2022 {
    /// The cryptosuite identifier.
    public static let cryptosuite = "eddsa-jcs-2022"

    /// The intermediate values of §3.3.3–3.3.5, in the order the suite computes them.
    public struct HashData: Sendable, Hashable {
        /// The canonical (JCS) proof configuration: the proof options, with `@context`, without `proofValue`.
        public var canonicalProofConfig: [UInt8]
        /// The canonical (JCS) unsecured document.
        public var canonicalDocument: [UInt8]
        /// SHA-256 of the canonical proof configuration.
        public var proofConfigHash: [UInt8]
        /// SHA-256 of the canonical document.
        public var documentHash: [UInt8]

        /// "the result of joining proofConfigHash (the first hash) with transformedDocumentHash (the second
        /// hash)": the 64 bytes that are signed.
        public var bytes: [UInt8] { proofConfigHash + documentHash }
    }

    // MARK: Transformation, proof configuration, hashing (§3.3.3–3.3.5)

    /// Canonicalizes and hashes an unsecured document and its proof options (§3.3.3 Transformation, §3.3.5 Proof
    /// Configuration, §3.3.4 Hashing). The options must say `type` `DataIntegrityProof` and `cryptosuite`
    /// `eddsa-jcs-2022`, and `created`, if present, must be a dateTime.
    public static func hashData(document unsecuredDocument: JSONObject, proofOptions: JSONObject) throws(ProofError)
        -> HashData
    {
        guard proofOptions["type"]?.stringValue == DataIntegrityProof.dataIntegrityProofType else {
            throw ProofError(.unsupportedProofType, "the proof type must be 'DataIntegrityProof' for eddsa-jcs-2022")
        }
        guard proofOptions["cryptosuite"]?.stringValue == cryptosuite else {
            throw ProofError(.unsupportedCryptosuite, "the proof's cryptosuite must be 'eddsa-jcs-2022'")
        }
        if let created = proofOptions["created"], created.stringValue.flatMap(XSDDateTime.init) == nil {
            throw ProofError(.invalidDateTime, "the proof's 'created' is not an XML Schema dateTime")
        }
        let canonicalProofConfig: [UInt8]
        let canonicalDocument: [UInt8]
        do throws(JCSError) {
            canonicalProofConfig = try JCS.canonicalize(proofOptions)
        } catch {
            throw ProofError(.canonicalizationFailed, "the proof configuration cannot be canonicalized: \(error)")
        }
        do throws(JCSError) {
            canonicalDocument = try JCS.canonicalize(unsecuredDocument)
        } catch {
            throw ProofError(.canonicalizationFailed, "the document cannot be canonicalized: \(error)")
        }
        return HashData(
            canonicalProofConfig: canonicalProofConfig, canonicalDocument: canonicalDocument,
            proofConfigHash: SHA256.hash(canonicalProofConfig), documentHash: SHA256.hash(canonicalDocument))
    }

    // MARK: Create (§3.3.1) and add (VC Data Integrity §4.2, §4.3)

    /// Creates a proof for `unsecuredDocument` (§3.3.1 Create Proof): the options, plus the document's `@context`
    /// when it has one, plus `proofValue`.
    ///
    /// When the verification method carries its key (did:key, `…#z6Mk…`), it must be `privateKey`'s public key.
    public static func createProof(
        for unsecuredDocument: JSONObject, options: DataIntegrityProof, privateKey: Ed25519PrivateKey
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
        var proof = options
        if let context = unsecuredDocument["@context"] {
            proof = proof.settingContext(context)
        }
        let hash = try hashData(document: unsecuredDocument, proofOptions: proof.object)
        let signature: [UInt8]
        do throws(CryptoError) {
            signature = try privateKey.signature(for: hash.bytes)
        } catch {
            throw ProofError(.signingFailed, "Ed25519 signing failed: \(error.reason)")
        }
        return proof.settingProofValue(Multibase.encode(signature, base: .base58btc))
    }

    /// Secures `document` with a new proof and returns it (VC Data Integrity §4.2 Add Proof and §4.3 Add Proof
    /// Set/Chain). Only the `proof` member changes: it is added, or turned into a set, or extended.
    ///
    /// The new proof signs the document without its existing proofs, except those named by the options'
    /// `previousProof` (a proof chain), which are signed with it.
    public static func addProof(
        to document: JSONObject, options: DataIntegrityProof, privateKey: Ed25519PrivateKey
    ) throws(ProofError) -> JSONObject {
        let existing = try ProofSet.proofValues(in: document)
        let input = try ProofSet.securedContent(of: document, previousProof: options.previousProof, among: existing)
        let proof = try createProof(for: input, options: options, privateKey: privateKey)
        return try ProofSet.adding(proof, to: document)
    }

    // MARK: Verify (§3.3.2, VC Data Integrity §4.4, §4.5)

    /// Verifies every proof of `securedDocument` (VC Data Integrity §4.5); keys come from the offline resolver
    /// (did:key and `…#z6Mk…` verification methods).
    public static func verify(
        _ securedDocument: JSONObject, options: ProofVerificationOptions = ProofVerificationOptions()
    ) -> DocumentVerificationResult {
        verify(securedDocument, resolver: OfflineVerificationMethodResolver(), options: options)
    }

    /// Verifies every proof of `securedDocument` (VC Data Integrity §4.5). Each must be an eddsa-jcs-2022 proof;
    /// verify mixed proof sets one proof at a time with `verifyProof(at:in:resolver:options:)`.
    public static func verify(
        _ securedDocument: JSONObject, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions = ProofVerificationOptions()
    ) -> DocumentVerificationResult {
        let count: Int
        do throws(ProofError) {
            count = try ProofSet.proofValues(in: securedDocument).count
        } catch {
            return DocumentVerificationResult(proofs: [], verifiedDocument: nil, documentFailure: error)
        }
        guard count > 0 else {
            return DocumentVerificationResult(
                proofs: [], verifiedDocument: nil,
                documentFailure: ProofError(.missingProof, "the document has no 'proof' member"))
        }
        let results = (0..<count).map { verifyProof(at: $0, in: securedDocument, resolver: resolver, options: options) }
        var verified: JSONObject? = nil
        if results.allSatisfy(\.verified) {
            var document = securedDocument
            document.removeValue(forKey: "proof")
            verified = document
        }
        return DocumentVerificationResult(proofs: results, verifiedDocument: verified, documentFailure: nil)
    }

    /// Verifies the proof at `index` of the document's proof set (§3.3.2 Verify Proof with the checks of VC Data
    /// Integrity §4.4, and the issuer binding of `options.bindsKeyToIssuer`). Fails closed: anything unexpected is
    /// a failure with its reason.
    public static func verifyProof(
        at index: Int = 0, in securedDocument: JSONObject, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions = ProofVerificationOptions()
    ) -> ProofVerificationResult {
        var proof: DataIntegrityProof? = nil
        var method: ResolvedVerificationMethod? = nil
        do throws(ProofError) {
            let values = try ProofSet.proofValues(in: securedDocument)
            guard index >= 0 && index < values.count else {
                throw ProofError(
                    .missingProof, "the document has \(values.count) proof(s); there is no proof \(index + 1)")
            }
            let path = securedDocument["proof"]?.objectValue != nil ? "proof" : "proof[\(index)]"
            do throws(ProofError) {
                let checked = try DataIntegrityProof(values[index])
                proof = checked
                try verify(checked, among: values, in: securedDocument, resolver: resolver, options: options) {
                    method = $0
                }
            } catch {
                throw ProofError(error.code, error.reason, path: error.path ?? path)
            }
            return ProofVerificationResult(index: index, proof: proof, failure: nil, verificationMethod: method)
        } catch {
            return ProofVerificationResult(index: index, proof: proof, failure: error, verificationMethod: method)
        }
    }

    private static func verify(
        _ proof: DataIntegrityProof, among proofs: [JSONValue], in securedDocument: JSONObject,
        resolver: some VerificationMethodResolver, options: ProofVerificationOptions,
        resolved: (ResolvedVerificationMethod) -> Void
    ) throws(ProofError) {
        guard proof.type == DataIntegrityProof.dataIntegrityProofType else {
            throw ProofError(.unsupportedProofType, "the proof type is '\(proof.type)', not 'DataIntegrityProof'")
        }
        guard proof.cryptosuite == cryptosuite else {
            throw ProofError(
                .unsupportedCryptosuite,
                "the proof's cryptosuite is '\(proof.cryptosuite ?? "")', not 'eddsa-jcs-2022'")
        }
        try ProofChecks.check(proof, options)
        let signature = try decodeProofValue(proof.proofValue)
        let method = try resolver.resolve(proof.verificationMethod ?? "", purpose: options.expectedProofPurpose)
        resolved(method)
        if options.bindsKeyToIssuer {
            try IssuerBinding.check(method, issuer: IssuerBinding.issuerID(of: securedDocument))
        }

        var unsecuredDocument = try ProofSet.securedContent(
            of: securedDocument, previousProof: proof.previousProof, among: proofs)
        let proofOptions = proof.options
        if let proofContext = proofOptions["@context"] {
            let expected = contextList(proofContext)
            let actual = contextList(securedDocument["@context"])
            guard actual.count >= expected.count, zip(actual, expected).allSatisfy({ $0 == $1 }) else {
                throw ProofError(
                    .contextMismatch,
                    "the document's @context does not start with the proof's @context \(proofContext) "
                        + "(document: \(securedDocument["@context"]?.description ?? "none"))")
            }
            unsecuredDocument["@context"] = proofContext
        }
        let hash = try hashData(document: unsecuredDocument, proofOptions: proofOptions)
        guard method.publicKey.isValidSignature(signature, for: hash.bytes) else {
            throw ProofError(
                .signatureInvalid,
                "the signature does not match the document and proof: either was changed after signing, "
                    + "or the key of '\(method.id)' did not sign it")
        }
    }

    private static func decodeProofValue(_ proofValue: String?) throws(ProofError) -> [UInt8] {
        guard let proofValue else {
            throw ProofError(.invalidProofValue, "the proof has no 'proofValue'")
        }
        guard proofValue.hasPrefix("z") else {
            throw ProofError(.invalidProofValue, "the proofValue must be multibase base58btc (starting with 'z')")
        }
        let bytes: [UInt8]
        do throws(CryptoError) {
            bytes = try Multibase.decode(proofValue)
        } catch {
            throw ProofError(.invalidProofValue, "the proofValue is not valid base58btc: \(error.reason)")
        }
        guard bytes.count == 64 else {
            throw ProofError(
                .invalidProofValue, "the proofValue holds \(bytes.count) bytes; an Ed25519 signature is 64")
        }
        return bytes
    }

    private static func contextList(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case nil: []
        case .array(let elements)?: elements
        case let single?: [single]
        }
    }
}
