import OpenBadges
import BadgeCrypto
import BadgeProofs
import LinkedData

/// Each embedded proof verifies with the key its verification method names, and that key belongs to the issuer
/// (checks `proof`, `key_resolution` and `key_binding`). Any one good proof suffices, but a proof Laurel can
/// check that does not verify makes the badge invalid.
public struct ProofPolicy: VerificationPolicy {
    /// The proof purpose required (`assertionMethod` for credentials, `authentication` for presentations).
    var purpose = "assertionMethod"
    var challenge: String? = nil
    var domain: String? = nil

    public init() {}

    init(purpose: String, challenge: String?, domain: String?) {
        self.purpose = purpose
        self.challenge = challenge
        self.domain = domain
    }

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        evaluate(credential, options: options).results
    }

    /// The proof checks, and whether checking them already expanded the whole credential with the pinned contexts
    /// in safe mode (the RDF suites do: eddsa-rdfc-2022 and the legacy ones), so safe mode need not run again.
    func evaluate(_ credential: CredentialUnderTest, options: VerificationOptions) -> (results: [CheckResult], expandedInSafeMode: Bool) {
        let proofs = credential.view.proofs
        guard !proofs.isEmpty else {
            return ([.fail(.proof, "The badge is not signed: it has no proof.")], false)
        }
        var expandedInSafeMode = false
        let controller = purpose == "authentication"
            ? VerifiablePresentationHolder.holder(of: credential.json) : credential.view.issuerID
        let resolver = KeyResolver(resources: options.resources)
        var verified: [String] = []
        var failed: [String] = []
        var unsupported: [String] = []
        var legacy: [String] = []
        var keyProblems: [CheckResult] = []
        var limitProblems: [String] = []
        var safeModeProblems: [String] = []
        var bindingProblems: [String] = []
        var bindingNotes: [String] = []
        var methods: [String] = []
        for (index, proof) in proofs.enumerated() {
            let label = proofs.count > 1 ? "proof \(index + 1)" : "the proof"
            guard let suite = ProofSuite.suite(for: proof) else {
                let kind = proof["cryptosuite"]?.stringValue ?? proof["type"]?.stringValue ?? "unknown"
                unsupported.append("\(label) is of a kind Laurel cannot check (\(kind))")
                continue
            }
            let method = proof["verificationMethod"]?.stringValue ?? ""
            methods.append(method)
            if let need = resolver.needsNetwork(method) {
                keyProblems.append(.cannotTell(.keyResolution,
                    "The key for \(label) must be fetched from \(need); verify online or pass it with --resource \(need)=FILE."))
                continue
            }
            let result = suite.verify(
                credential.json, index, resolver,
                ProofVerificationOptions(
                    expectedProofPurpose: purpose, domain: domain.map { [$0] }, challenge: challenge,
                    validationTime: options.at))
            let reachedSignature = result.failure == nil || [.signatureInvalid, .issuerBindingFailed].contains(result.failure!.code)
            if suite.expandsDocument && reachedSignature { expandedInSafeMode = true }
            if let failure = result.failure {
                if failure.code == .unresolvableVerificationMethod {
                    keyProblems.append(.fail(.keyResolution, "The key for \(label) cannot be found: \(failure.reason)"))
                } else if failure.code == .canonicalizationLimitExceeded {
                    limitProblems.append("\(label) could not be checked: \(failure.reason)")
                } else if failure.code == .dataLossDetected {
                    safeModeProblems.append("\(label): \(failure.reason)")
                } else {
                    failed.append("\(label) (\(suite.name)) does not verify: \(failure.reason)")
                }
                continue
            }
            verified.append(suite.name)
            if suite.legacy { legacy.append(suite.name) }
            if let controller, let owner = Self.controller(of: method), owner != controller {
                if controller.hasPrefix("did:") || purpose == "authentication" {
                    bindingProblems.append(
                        "\(label) was made with a key of \(owner), but the badge names \(controller) as its \(purpose == "authentication" ? "holder" : "issuer")")
                } else {
                    // A web-address issuer has no standard way to claim a did:key offline (OB issue #605).
                    bindingNotes.append(
                        "\(label) was made with the key \(owner), which the issuer (\(controller)) does not name under its own address; only the issuer's published keys can confirm it is theirs")
                }
            }
        }
        var results: [CheckResult] = []
        if !limitProblems.isEmpty {
            results.append(.fail(.limits, "The badge is built to exhaust a verifier (its data has too many interlinked anonymous parts): " + limitProblems.joined(separator: "; ") + "."))
        }
        if !safeModeProblems.isEmpty && failed.isEmpty && verified.isEmpty {
            results.append(.fail(.proof, "The signature cannot cover the badge, because parts of it have no defined meaning: " + safeModeProblems.joined(separator: "; ") + "."))
        }
        if !failed.isEmpty {
            results.append(.fail(.proof, "The signature does not match the badge, so it was changed after signing or was not signed by this key: " + failed.joined(separator: "; ") + "."))
        } else if verified.isEmpty {
            if keyProblems.isEmpty && limitProblems.isEmpty && safeModeProblems.isEmpty {
                results.append(.fail(.proof, "The badge has no signature Laurel can check: " + unsupported.joined(separator: "; ") + "."))
            } else if !keyProblems.isEmpty {
                results.append(.skipped(.proof, "The signature could not be checked, because its key could not be found."))
            }
        } else {
            var message = "The signature is valid (\(Set(verified).sorted().joined(separator: ", ")))."
            if !unsupported.isEmpty { message += " Not checked: " + unsupported.joined(separator: "; ") + "." }
            if !legacy.isEmpty {
                results.append(.warning(.proof, message + " It uses an older proof format (\(Set(legacy).sorted().joined(separator: ", "))) that is deprecated."))
            } else {
                results.append(unsupported.isEmpty ? .pass(.proof, message) : .warning(.proof, message))
            }
        }
        if keyProblems.isEmpty {
            if !methods.isEmpty { results.append(.pass(.keyResolution, "The signing key was found (\(Set(methods).sorted().joined(separator: ", ").prefix(200))).")) }
        } else {
            results += keyProblems
        }
        if !bindingProblems.isEmpty {
            results.append(.fail(.keyBinding, "The signing key does not belong to the \(purpose == "authentication" ? "holder" : "issuer") named in the badge: " + bindingProblems.joined(separator: "; ") + "."))
        } else if !bindingNotes.isEmpty {
            results.append(.warning(.keyBinding, bindingNotes.joined(separator: "; ") + "."))
        } else if !verified.isEmpty {
            results.append(.pass(.keyBinding, "The signing key belongs to the \(purpose == "authentication" ? "holder" : "issuer") named in the badge."))
        }
        // Every proof object must have been expanded too (an unsupported one was not), so the shortcut needs all of
        // them to be RDF-suite proofs.
        let allProofsExpanded = expandedInSafeMode && unsupported.isEmpty
            && proofs.allSatisfy { ProofSuite.suite(for: $0)?.expandsDocument == true }
        return (results, allProofsExpanded)
    }

    /// The controller a verification method names: the DID or URL before `#` (for `did:key:X` alone, itself).
    static func controller(of method: String) -> String? {
        if let hash = method.firstIndex(of: "#") { return String(method[..<hash]) }
        return method.hasPrefix("did:") ? method : nil
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
