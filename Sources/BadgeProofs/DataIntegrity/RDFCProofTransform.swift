import BadgeCrypto
import LinkedData

/// What eddsa-rdfc-2022 and the legacy RDF-canonicalizing suites share: the transformation (JSON-LD expansion,
/// deserialization to RDF and RDFC-1.0), the hashing, and the verification of one proof.
enum RDFCProofTransform {
    /// One suite that signs `SHA-256(canonical proof configuration) ‖ SHA-256(canonical document)` with Ed25519.
    struct Suite: Sendable {
        /// The proof `type` the suite expects.
        var proofType: String
        /// The `cryptosuite` the suite expects (`nil`: the proof must have none).
        var cryptosuite: String?
        /// Set for deprecated suites, so results are flagged.
        var legacyName: String?

        var displayName: String { cryptosuite ?? proofType }
    }

    static let rdfc2022 = Suite(proofType: DataIntegrityProof.dataIntegrityProofType, cryptosuite: "eddsa-rdfc-2022")

    /// The processor eddsa-rdfc-2022 uses by default: the pinned offline contexts, safe mode on.
    static let defaultProcessor = JSONLDProcessor()

    // MARK: Transformation (§3.2.3) and proof configuration (§3.2.5)

    /// Checks the proof options name `suite` and carry a valid `created` (§3.2.5 steps 2–3).
    static func checkConfiguration(_ options: JSONObject, suite: Suite, proofPath: String?) throws(ProofError) {
        let type = options["type"]?.stringValue
        guard type == suite.proofType else {
            throw ProofError(
                .unsupportedProofType,
                "the proof type is '\(type ?? "")', but \(suite.displayName) needs '\(suite.proofType)'")
        }
        let cryptosuite = options["cryptosuite"]?.stringValue
        guard cryptosuite == suite.cryptosuite else {
            throw ProofError(
                .unsupportedCryptosuite,
                suite.cryptosuite.map { "the proof's cryptosuite is '\(cryptosuite ?? "")', not '\($0)'" }
                    ?? "a \(suite.proofType) proof has no cryptosuite, but this one says '\(cryptosuite ?? "")'")
        }
        if let created = options["created"], created.stringValue.flatMap(XSDDateTime.init) == nil {
            throw ProofError(
                .invalidDateTime, "the proof's 'created' (\(created)) is not an XML Schema dateTime",
                path: (proofPath ?? "proof") + ".created")
        }
    }

    /// The proof configuration: the options (without `proofValue`) with `@context` set to the document's.
    static func proofConfiguration(_ options: JSONObject, documentContext: JSONValue?) -> JSONObject {
        var config = options
        config.removeValue(forKey: "proofValue")
        config["@context"] = documentContext
        return config
    }

    /// RDFC-1.0 of the RDF dataset of `document` (JSON-LD toRdf with `processor`), as canonical N-Quads.
    /// `location` names the document in messages; `pathPrefix` turns the JSON-LD error path into a path in the
    /// secured document.
    static func canonicalize(
        _ document: JSONObject, processor: JSONLDProcessor, location: String, pathPrefix: String?
    ) throws(ProofError) -> String {
        let dataset: RDFDataset
        do throws(JSONLDError) {
            dataset = try processor.toRDF(.object(document))
        } catch {
            let path = joined(pathPrefix, error.path)
            if error.code == .dataLossDetection {
                throw ProofError(
                    .dataLossDetected,
                    "\(location): JSON-LD safe mode: \(error.reason)"
                        + (error.paths.count > 1 ? " (paths: \(error.paths.map { joined(pathPrefix, $0) ?? "" }))" : ""),
                    path: path)
            }
            throw ProofError(
                .transformationFailed,
                "\(location) cannot be turned into RDF: \(error.code.rawValue)"
                    + (path.map { " at \($0)" } ?? "") + ": \(error.reason)", path: path)
        }
        do throws(RDFCError) {
            return try RDFCanonicalizer().canonicalize(dataset).canonicalNQuads
        } catch {
            if error.code == .workLimitExceeded {
                throw ProofError(
                    .canonicalizationLimitExceeded,
                    "\(location) was refused by RDFC-1.0: \(error.reason) (a graph built to make canonicalization "
                        + "run for a very long time, or one too complex to sign)", path: pathPrefix)
            }
            throw ProofError(.transformationFailed, "\(location): \(error)", path: pathPrefix)
        }
    }

    private static func joined(_ prefix: String?, _ path: String?) -> String? {
        switch (prefix, path) {
        case (nil, let path): path.flatMap { $0.isEmpty ? nil : $0 }
        case (let prefix?, nil): prefix
        case (let prefix?, let path?):
            path.isEmpty ? prefix : (path.hasPrefix("[") ? prefix + path : prefix + "." + path)
        }
    }

    // MARK: Hashing (§3.2.4)

    static func hashData(
        document: JSONObject, proofOptions: JSONObject, suite: Suite, processor: JSONLDProcessor,
        proofPath: String?
    ) throws(ProofError) -> EddsaRdfc2022.HashData {
        try checkConfiguration(proofOptions, suite: suite, proofPath: proofPath)
        let config = proofConfiguration(proofOptions, documentContext: document["@context"])
        let canonicalProofConfig = try canonicalize(
            config, processor: processor, location: "the proof configuration", pathPrefix: proofPath)
        let canonicalDocument = try canonicalize(
            document, processor: processor, location: "the document", pathPrefix: nil)
        return EddsaRdfc2022.HashData(
            canonicalProofConfig: canonicalProofConfig, canonicalDocument: canonicalDocument,
            proofConfigHash: SHA256.hash(canonicalProofConfig.utf8), documentHash: SHA256.hash(canonicalDocument.utf8))
    }

    // MARK: Verification (§3.2.2 with VC Data Integrity §4.4, §4.5)

    /// Verifies every proof of `securedDocument` with `suite`; the document verifies when every proof does.
    static func verify(
        _ securedDocument: JSONObject, suite: Suite, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions, processor: JSONLDProcessor
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
        let results = (0..<count).map { index in
            verifyProof(
                at: index, in: securedDocument, suite: suite, resolver: resolver, options: options,
                processor: processor)
        }
        var verified: JSONObject? = nil
        if results.allSatisfy(\.verified) {
            var document = securedDocument
            document.removeValue(forKey: "proof")
            verified = document
        }
        return DocumentVerificationResult(proofs: results, verifiedDocument: verified, documentFailure: nil)
    }

    /// Verifies the proof at `index`; fails closed, with the reason, on anything unexpected.
    static func verifyProof(
        at index: Int, in securedDocument: JSONObject, suite: Suite, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions, processor: JSONLDProcessor
    ) -> ProofVerificationResult {
        var proof: DataIntegrityProof? = nil
        var method: ResolvedVerificationMethod? = nil
        do throws(ProofError) {
            let values = try ProofSet.proofValues(in: securedDocument)
            guard index >= 0 && index < values.count else {
                throw ProofError(.missingProof, "the document has \(values.count) proof(s); there is no proof \(index + 1)")
            }
            let proofPath = values.count == 1 && securedDocument["proof"]?.objectValue != nil ? "proof" : "proof[\(index)]"
            let checked: DataIntegrityProof
            do throws(ProofError) {
                checked = try DataIntegrityProof(values[index])
            } catch {
                throw ProofError(error.code, error.reason, path: error.path ?? proofPath)
            }
            proof = checked
            try checkConfiguration(checked.object, suite: suite, proofPath: proofPath)
            try ProofChecks.check(checked, options)
            let signature = try decodeProofValue(checked.proofValue, path: proofPath + ".proofValue")
            let resolved = try resolver.resolve(checked.verificationMethod ?? "", purpose: options.expectedProofPurpose)
            method = resolved
            if options.bindsKeyToIssuer {
                try IssuerBinding.check(resolved, issuer: IssuerBinding.issuerID(of: securedDocument))
            }
            let unsecured = try ProofSet.securedContent(
                of: securedDocument, previousProof: checked.previousProof, among: values)
            let hash = try hashData(
                document: unsecured, proofOptions: checked.options, suite: suite, processor: processor,
                proofPath: proofPath)
            guard resolved.publicKey.isValidSignature(signature, for: hash.bytes) else {
                throw ProofError(
                    .signatureInvalid,
                    "the signature does not match the document and proof: either was changed after signing, "
                        + "or the key of '\(resolved.id)' did not sign it", path: proofPath + ".proofValue")
            }
            return ProofVerificationResult(
                index: index, proof: proof, failure: nil, legacySuite: suite.legacyName, verificationMethod: method)
        } catch {
            return ProofVerificationResult(
                index: index, proof: proof, failure: error, legacySuite: suite.legacyName, verificationMethod: method)
        }
    }

    /// The 64 signature bytes of a `proofValue` (multibase base58btc, `z…`).
    static func decodeProofValue(_ proofValue: String?, path: String) throws(ProofError) -> [UInt8] {
        guard let proofValue else {
            throw ProofError(.invalidProofValue, "the proof has no 'proofValue'", path: path)
        }
        guard proofValue.hasPrefix("z") else {
            throw ProofError(
                .invalidProofValue, "the proofValue must be multibase base58btc (starting with 'z')", path: path)
        }
        let bytes: [UInt8]
        do throws(CryptoError) {
            bytes = try Multibase.decode(proofValue)
        } catch {
            throw ProofError(.invalidProofValue, "the proofValue is not valid base58btc: \(error.reason)", path: path)
        }
        guard bytes.count == Ed25519PrivateKey.signatureByteCount else {
            throw ProofError(
                .invalidProofValue, "the proofValue holds \(bytes.count) bytes; an Ed25519 signature is 64", path: path)
        }
        return bytes
    }
}
