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
        /// Where the signature is: a multibase `proofValue`, or (Ed25519Signature2018) a detached JWS in `jws`
        /// whose payload is the hash data itself (RFC 7797, `b64: false`).
        var signature: SignatureForm = .proofValue

        enum SignatureForm: Sendable { case proofValue, detachedJWS }

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
                // The reason names each path inside `document`; inside a proof, say where that is.
                let paths = error.paths.map { joined(pathPrefix, $0) ?? "(document)" }
                let within = pathPrefix != nil ? " (in the secured document: \(paths.joined(separator: ", ")))" : ""
                throw ProofError(
                    .dataLossDetected, "\(location): JSON-LD safe mode: \(error.reason)\(within)", path: path)
            }
            if error.code == .loadingDocumentFailed || error.code == .loadingRemoteContextFailed {
                throw ProofError(
                    .unknownContext,
                    "\(location) uses a context Laurel does not know and does not fetch: \(error.reason)", path: path)
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
        var memo = DocumentMemo()
        return try hashData(
            document: document, proofOptions: proofOptions, suite: suite, processor: processor, proofPath: proofPath,
            memo: &memo)
    }

    /// The canonical forms of the unsecured documents of one proof set: proofs that secure the same document
    /// (the usual case: no `previousProof`) share one canonicalization.
    struct DocumentMemo {
        /// Few entries (one per distinct `previousProof` set), compared with `==`: nothing to hash for one proof.
        var entries: [(document: JSONObject, canonical: String)] = []

        func canonical(of document: JSONObject) -> String? {
            entries.first { $0.document == document }?.canonical
        }
    }

    private static func hashData(
        document: JSONObject, proofOptions: JSONObject, suite: Suite, processor: JSONLDProcessor,
        proofPath: String?, memo: inout DocumentMemo
    ) throws(ProofError) -> EddsaRdfc2022.HashData {
        try checkConfiguration(proofOptions, suite: suite, proofPath: proofPath)
        let config = proofConfiguration(proofOptions, documentContext: document["@context"])
        let canonicalProofConfig: String
        let cacheable = type(of: processor.loader) == type(of: PinnedContexts.loader)
        if cacheable, let known = ProofConfigurationCache.shared.canonical(of: config, options: processor.options) {
            canonicalProofConfig = known
        } else {
            canonicalProofConfig = try canonicalize(
                config, processor: processor, location: "the proof configuration", pathPrefix: proofPath)
            if cacheable {
                ProofConfigurationCache.shared.store(canonicalProofConfig, of: config, options: processor.options)
            }
        }
        let canonicalDocument: String
        if let known = memo.canonical(of: document) {
            canonicalDocument = known
        } else {
            canonicalDocument = try canonicalize(
                document, processor: processor, location: "the document", pathPrefix: nil)
            memo.entries.append((document, canonicalDocument))
        }
        return EddsaRdfc2022.HashData(
            canonicalProofConfig: canonicalProofConfig, canonicalDocument: canonicalDocument,
            proofConfigHash: SHA256.hash(canonicalProofConfig.utf8),
            documentHash: SHA256.hash(canonicalDocument.utf8))
    }

    // MARK: Verification (§3.2.2 with VC Data Integrity §4.4, §4.5)

    /// Most proofs verified in one document: each costs a canonicalization, so a document cannot make the verifier
    /// do unbounded work by repeating its proof.
    static let maxProofs = 32

    /// Verifies every proof of `securedDocument` with `suite`; the document verifies when every proof does.
    static func verify(
        _ securedDocument: JSONObject, suite: Suite, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions, processor: JSONLDProcessor
    ) -> DocumentVerificationResult {
        let count: Int
        do throws(ProofError) {
            count = try checkedProofCount(securedDocument)
        } catch {
            return DocumentVerificationResult(proofs: [], verifiedDocument: nil, documentFailure: error)
        }
        var memo = DocumentMemo()
        let results = (0..<count).map { index in
            verifyProof(
                at: index, in: securedDocument, suite: suite, resolver: resolver, options: options,
                processor: processor, memo: &memo)
        }
        return DocumentVerificationResult(
            proofs: results, verifiedDocument: results.allSatisfy(\.verified) ? unsecured(securedDocument) : nil,
            documentFailure: nil)
    }

    /// The number of proofs, after checking there is at least one and at most `maxProofs`.
    static func checkedProofCount(_ securedDocument: JSONObject) throws(ProofError) -> Int {
        let count = try ProofSet.proofValues(in: securedDocument).count
        guard count > 0 else {
            throw ProofError(.missingProof, "the document has no 'proof' member")
        }
        guard count <= maxProofs else {
            throw ProofError(
                .malformedDocument, "the document has \(count) proofs; at most \(maxProofs) are verified",
                path: "proof")
        }
        return count
    }

    static func unsecured(_ securedDocument: JSONObject) -> JSONObject {
        var document = securedDocument
        document.removeValue(forKey: "proof")
        return document
    }

    /// Verifies the proof at `index`; fails closed, with the reason, on anything unexpected.
    static func verifyProof(
        at index: Int, in securedDocument: JSONObject, suite: Suite, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions, processor: JSONLDProcessor
    ) -> ProofVerificationResult {
        var memo = DocumentMemo()
        return verifyProof(
            at: index, in: securedDocument, suite: suite, resolver: resolver, options: options, processor: processor,
            memo: &memo)
    }

    private static func verifyProof(
        at index: Int, in securedDocument: JSONObject, suite: Suite, resolver: some VerificationMethodResolver,
        options: ProofVerificationOptions, processor: JSONLDProcessor, memo: inout DocumentMemo
    ) -> ProofVerificationResult {
        var proof: DataIntegrityProof? = nil
        var method: ResolvedVerificationMethod? = nil
        do throws(ProofError) {
            let values = try ProofSet.proofValues(in: securedDocument)
            guard index >= 0 && index < values.count else {
                throw ProofError(
                    .missingProof, "the document has \(values.count) proof(s); there is no proof \(index + 1)")
            }
            let single = values.count == 1 && securedDocument["proof"]?.objectValue != nil
            let proofPath = single ? "proof" : "proof[\(index)]"
            let checked: DataIntegrityProof
            do throws(ProofError) {
                checked = try DataIntegrityProof(values[index])
            } catch {
                throw ProofError(error.code, error.reason, path: error.path ?? proofPath)
            }
            proof = checked
            try checkConfiguration(checked.object, suite: suite, proofPath: proofPath)
            try ProofChecks.check(checked, options)
            let signed = try SignedValue(checked, form: suite.signature, path: proofPath)
            let resolved = try resolver.resolve(
                checked.verificationMethod ?? "", purpose: options.expectedProofPurpose)
            method = resolved
            if options.bindsKeyToIssuer {
                try IssuerBinding.check(resolved, issuer: IssuerBinding.issuerID(of: securedDocument))
            }
            let unsecured = try ProofSet.securedContent(
                of: securedDocument, previousProof: checked.previousProof, among: values)
            let hash = try hashData(
                document: unsecured, proofOptions: signed.options, suite: suite, processor: processor,
                proofPath: proofPath, memo: &memo)
            guard resolved.publicKey.isValidSignature(signed.signature, for: signed.prefix + hash.bytes) else {
                throw ProofError(
                    .signatureInvalid,
                    "the signature does not match the document and proof: either was changed after signing, "
                        + "or the key of '\(resolved.id)' did not sign it", path: signed.path)
            }
            return ProofVerificationResult(
                index: index, proof: proof, failure: nil, legacySuite: suite.legacyName, verificationMethod: method)
        } catch {
            return ProofVerificationResult(
                index: index, proof: proof, failure: error, legacySuite: suite.legacyName, verificationMethod: method)
        }
    }

    /// A proof's signature, what it signs besides the hash data, and the proof options it covers.
    struct SignedValue {
        /// The 64 signature bytes.
        var signature: [UInt8]
        /// Bytes signed before the hash data: for a detached JWS, its protected header (base64url) and a dot.
        var prefix: [UInt8]
        /// The proof options: the proof without its signature member.
        var options: JSONObject
        /// The JSON path of the signature member, for messages.
        var path: String

        init(_ proof: DataIntegrityProof, form: Suite.SignatureForm, path proofPath: String) throws(ProofError) {
            switch form {
            case .proofValue:
                path = proofPath + ".proofValue"
                signature = try decodeProofValue(proof.proofValue, path: path)
                prefix = []
                options = proof.options
            case .detachedJWS:
                path = proofPath + ".jws"
                (prefix, signature) = try decodeDetachedJWS(proof.object["jws"], path: path)
                var options = proof.options
                options.removeValue(forKey: "jws")
                self.options = options
            }
        }
    }

    /// An Ed25519Signature2018 `jws`: `header..signature` (RFC 7515 detached content), whose header says
    /// `{"alg":"EdDSA","b64":false,"crit":["b64"]}` (RFC 7797: the payload is signed as raw bytes). Returns the
    /// signing-input prefix (`header.`) and the 64 signature bytes.
    static func decodeDetachedJWS(_ value: JSONValue?, path: String) throws(ProofError) -> (prefix: [UInt8], signature: [UInt8]) {
        guard let text = value?.stringValue else {
            throw ProofError(.invalidProofValue, "the proof has no 'jws' (an Ed25519Signature2018 signature)", path: path)
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].isEmpty, !parts[0].isEmpty, !parts[2].isEmpty else {
            throw ProofError(
                .invalidProofValue, "the jws is not a detached JWS (header..signature)", path: path)
        }
        let header: JSONValue
        let signature: [UInt8]
        do {
            header = try JSONValue(parsing: try Base64URL.decode(String(parts[0])))
            signature = try Base64URL.decode(String(parts[2]))
        } catch {
            throw ProofError(.invalidProofValue, "the jws is not base64url-encoded JSON and signature", path: path)
        }
        guard header["alg"]?.stringValue == "EdDSA" else {
            throw ProofError(
                .invalidProofValue,
                "the jws header's alg is '\(header["alg"]?.stringValue ?? "none")'; Ed25519Signature2018 needs 'EdDSA'",
                path: path)
        }
        guard header["b64"]?.boolValue == false,
            header["crit"]?.arrayValue?.contains(where: { $0.stringValue == "b64" }) == true
        else {
            throw ProofError(
                .invalidProofValue, "the jws header must say b64: false and list 'b64' in crit (RFC 7797)", path: path)
        }
        guard signature.count == Ed25519PrivateKey.signatureByteCount else {
            throw ProofError(
                .invalidProofValue, "the jws signature holds \(signature.count) bytes; an Ed25519 signature is 64", path: path)
        }
        return (Array(parts[0].utf8) + [UInt8(ascii: ".")], signature)
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
