import BadgeCrypto
import BadgeProofs
import LinkedData

/// Checks a document's proofs once, through BadgeProofs: Data Integrity proofs with its suites and its
/// `OfflineVerificationMethodResolver` (given the key documents the proofs need, looked up through the verifier's
/// `ResourceResolver`), and VC-JWT signatures through `VCJWT`. Key binding is judged by BadgeProofs'
/// `IssuerBinding`; this type only gathers the documents and records the answers.
struct ProofCheck {
    let resources: any ResourceResolver
    let options: VerificationOptions

    /// Most key documents looked up for one document's proofs.
    static let maxKeyDocuments = 4

    /// The controller documents (did:web DID documents, https controller documents, key sets) that describe these
    /// verification methods, and for each one that could not be had, why.
    func keyDocuments(for methods: [String]) -> (resolver: OfflineVerificationMethodResolver, problems: [String: String]) {
        var documents: [String: JSONValue] = [:]
        var origins: [String: DocumentOrigin] = [:]
        var problems: [String: String] = [:]
        var urls: [String] = []
        for method in methods {
            guard let url = OfflineVerificationMethodResolver.documentURL(for: method), !urls.contains(url) else {
                continue
            }
            urls.append(url)
        }
        for url in urls.prefix(Self.maxKeyDocuments) {
            switch resources.resource(at: url) {
            case .found(let bytes, let origin):
                do throws(JSONParseError) {
                    documents[url] = try JSONParser(limits: JSONLimits(maxBytes: 1024 * 1024, maxDepth: 32)).parse(bytes)
                    origins[url] = origin
                } catch {
                    problems[url] = "the document at \(url) is not readable JSON (\(error.description))"
                }
            case .unavailable(let reason):
                problems[url] = "the document at \(url) was not available: \(reason)"
            }
        }
        for url in urls.dropFirst(Self.maxKeyDocuments) {
            problems[url] = "the document at \(url) was not looked up: the proofs name more than "
                + "\(Self.maxKeyDocuments) key documents"
        }
        return (OfflineVerificationMethodResolver(documents: documents, origins: origins), problems)
    }

    // MARK: Data Integrity

    /// Every embedded proof of `document`, for the issuer (`assertionMethod`) or the holder (`authentication`, with
    /// the challenge and domain the verifier expects).
    func dataIntegrity(_ document: JSONObject, role: ProofOutcome.Role) -> ProofOutcome {
        let subject = role == .holder ? VerifiablePresentationHolder.holder(of: document) : IssuerBinding.issuerID(of: document)
        var outcome = ProofOutcome(role: role, subject: subject)
        let values: [JSONValue]
        do throws(ProofError) {
            values = try ProofSet.proofValues(in: document)
        } catch {
            outcome.entries = [entry("the proof", "unknown", result: .unreadable(error.reason))]
            return outcome
        }
        guard !values.isEmpty else { return outcome }
        let methods = values.compactMap { $0["verificationMethod"]?.stringValue }
        let (resolver, problems) = keyDocuments(for: methods)
        let verification = ProofVerificationOptions(
            expectedProofPurpose: role == .holder ? "authentication" : "assertionMethod",
            domain: role == .holder ? options.domain.map { [$0] } : nil,
            challenge: role == .holder ? options.challenge : nil, validationTime: options.at,
            // The signature is checked even when the key is someone else's, so the report can say both; whose
            // key it is, BadgeProofs' `IssuerBinding.assess` judges below.
            bindsKeyToIssuer: false)
        let result = DataIntegrityVerifier.verify(document, resolver: resolver, options: verification)
        if let failure = result.documentFailure {
            outcome.entries = [entry("the proof", "unknown", result: failure.code == .malformedDocument
                ? .limits(failure.reason) : .unreadable(failure.reason))]
            return outcome
        }
        var allExpanded = true
        for (index, proofResult) in result.proofs.enumerated() {
            let value = values[index]
            let suite = DataIntegrityVerifier.suite(of: value)
            let label = values.count > 1 ? "proof \(index + 1)" : "the proof"
            let name = suite?.name ?? value["cryptosuite"]?.stringValue ?? value["type"]?.stringValue ?? "unknown"
            let method = value["verificationMethod"]?.stringValue ?? ""
            let documentURL = OfflineVerificationMethodResolver.documentURL(for: method)
            let problem = documentURL.flatMap { problems[$0] }
            var line = entry(label, name, result: proofResult.failure.map(ProofOutcome.Result.init) ?? .verified)
            line.isLegacy = suite?.isLegacy ?? false
            line.documentProblem = problem
            // A method with no key of its own (no `#z6Mk…` fragment) can only be found in its document: when that
            // was not available, the answer is "cannot tell", not "no such key". A fragment key that does not
            // decode was refused on its own terms.
            let carriesKey = method.split(separator: "#").last?.hasPrefix("z6Mk") == true && method.contains("#")
            if case .keyUnusable = line.result, !carriesKey, let documentURL, let problem,
                resolver.documents[documentURL] == nil
            {
                line.result = .keyUnavailable(url: documentURL, reason: problem)
            }
            if let provenance = proofResult.verificationMethod?.provenance {
                line.key = provenance
                line.binding = IssuerBinding.assess(provenance, subject: subject, role: role.rawValue)
            }
            switch line.result {
            case .verified, .signatureMismatch: allExpanded = allExpanded && suite?.expandsDocument == true
            default: allExpanded = false
            }
            outcome.entries.append(line)
        }
        outcome.expandedInSafeMode = allExpanded
        return outcome
    }

    // MARK: VC-JWT

    /// The signature of a compact VC-JWT, with its key found through `VCJWT.resolveKey` and the documents its
    /// `kid` names, and the claims checked against the credential inside.
    func jwt(_ jws: CompactJWS, token: String, credential: JSONObject?) -> ProofOutcome {
        let issuer = credential.flatMap { IssuerBinding.issuerID(of: $0) }
            ?? (try? jws.payloadObject())?["iss"]?.stringValue
        var outcome = ProofOutcome(role: .issuer, subject: issuer)
        let suite = "VC-JWT \(jws.algorithm)"
        let (resolver, problems) = keyDocuments(for: jws.keyID.map { [$0] } ?? [])
        let documentProblem = jws.keyID.flatMap(OfflineVerificationMethodResolver.documentURL(for:)).flatMap { problems[$0] }
        var line = entry("the VC-JWT", suite, result: .verified)
        line.documentProblem = documentProblem
        switch VCJWT.resolveKey(for: jws, issuer: issuer, resolver: resolver) {
        case .needsDocument(let url, let reason):
            line.result = .keyUnavailable(url: url, reason: documentProblem ?? reason)
        case .notAuthorized(let reason):
            line.result = .keyNotAuthorized(reason)
        case .failed(let reason):
            line.result = .keyUnusable(reason)
        case .key(let key, let provenance):
            line.key = provenance
            let verified = VCJWT.verify(token, key: key, options: VCJWTVerificationOptions())
            if let failure = verified.failure, !verified.signatureVerified {
                line.result = Self.result(for: failure)
            } else {
                line.binding = IssuerBinding.assess(provenance, subject: issuer)
                if let failure = verified.failure { outcome.claimProblems = [Self.claimProblem(failure)] }
                outcome.claimWarnings = verified.warnings
            }
        }
        outcome.entries = [line]
        return outcome
    }

    static func result(for failure: JWTError) -> ProofOutcome.Result {
        switch failure.code {
        case .malformedToken, .malformedHeader, .malformedPayload: .unreadable(failure.reason)
        case .unsupportedAlgorithm: .cannotCheck(failure.reason)
        case .missingKey, .invalidKey: .keyUnusable(failure.reason)
        case .keyMismatch: .bindingContradicted(failure.reason)
        case .signatureInvalid: .signatureMismatch(failure.reason)
        default: .rejected(failure.reason)
        }
    }

    /// A claim of a token whose signature holds that disagrees with the credential it carries: `nbf`/`exp` belong
    /// to the validity checks, `iss` to the key binding, the rest to the proof.
    static func claimProblem(_ failure: JWTError) -> CheckResult {
        let reason = failure.reason
        if reason.contains("'nbf'") {
            return .fail(.validFrom, "The token's 'nbf' (not before) and the badge's validFrom disagree: \(reason).")
        }
        if reason.contains("'exp'") {
            return .fail(.validUntil, "The token's 'exp' (expiry) and the badge's validUntil disagree: \(reason).")
        }
        if reason.contains("'iss'") {
            return .fail(.keyBinding, "The token names a different issuer than the badge inside it: \(reason).")
        }
        return .fail(.proof, "The token's claims disagree with the badge it carries: \(reason).")
    }

    private func entry(_ label: String, _ suite: String, result: ProofOutcome.Result) -> ProofOutcome.Entry {
        ProofOutcome.Entry(label: label, suite: suite, isLegacy: false, result: result, key: nil, binding: nil)
    }
}

/// The holder of a presentation (`holder` as a string or an object with `id`).
enum VerifiablePresentationHolder {
    static func holder(of json: JSONObject) -> String? {
        switch json["holder"] {
        case .string(let id)?: id
        case .object(let object)?: object["id"]?.stringValue
        default: nil
        }
    }
}
