import BadgeProofs

/// The signature: each embedded proof (or the VC-JWT signature) verifies. Any one good proof suffices, but a proof
/// Laurel can check that does not verify makes the badge invalid; a proof Laurel cannot check (an unsupported
/// suite, an unknown context) is "cannot be checked", never "changed after signing". Reads the proof check's
/// outcome; checks `proof` (and `limits` for documents built to exhaust a verifier).
public struct ProofPolicy: VerificationPolicy {
    public init() {}

    public func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        let outcome = context.proof
        let document = outcome.role == .holder ? "presentation" : "badge"
        guard !outcome.entries.isEmpty else {
            return PolicyOutcome([.fail(.proof, "The \(document) is not signed: it has no proof.")])
        }
        var mismatched: [String] = []
        var rejected: [String] = []
        var audience: [String] = []
        var cannotCheck: [String] = []
        var limits: [String] = []
        var safeMode: [String] = []
        var unreadable: [String] = []
        var keyless = 0
        for entry in outcome.entries {
            let label = "\(entry.label) (\(entry.suite))"
            switch entry.result {
            case .verified: break
            case .signatureMismatch(let reason): mismatched.append("\(label): \(reason)")
            case .rejected(let reason): rejected.append("\(label): \(reason)")
            case .wrongAudience(let reason): audience.append("\(label): \(reason)")
            case .cannotCheck(let reason): cannotCheck.append("\(entry.label): \(reason)")
            case .limits(let reason): limits.append("\(entry.label): \(reason)")
            case .safeMode(let reason): safeMode.append("\(entry.label): \(reason)")
            case .unreadable(let reason): unreadable.append("\(entry.label): \(reason)")
            case .keyUnavailable, .keyUnusable, .keyNotAuthorized, .bindingContradicted: keyless += 1
            }
        }
        var checks: [CheckResult] = []
        if !limits.isEmpty {
            checks.append(.fail(.limits,
                "The \(document) is built to exhaust a verifier (its data has too many interlinked anonymous parts "
                    + "or proofs): " + limits.joined(separator: "; ") + "."))
        }
        let verified = outcome.verified
        if !unreadable.isEmpty {
            checks.append(.fail(.proof, "The \(document)'s signature cannot be read: " + unreadable.joined(separator: "; ") + "."))
        } else if !audience.isEmpty {
            checks.append(.fail(.proof,
                "The presentation was made for another verifier or another session (its challenge or domain is not "
                    + "the one you expect), so it may be a replay: " + audience.joined(separator: "; ") + "."))
        } else if !mismatched.isEmpty {
            checks.append(.fail(.proof,
                "The signature does not match the \(document), so it was changed after signing or was not signed by "
                    + "this key: " + mismatched.joined(separator: "; ") + "."))
        } else if !rejected.isEmpty {
            checks.append(.fail(.proof, "The \(document)'s proof is not acceptable: " + rejected.joined(separator: "; ") + "."))
        } else if !safeMode.isEmpty && verified.isEmpty {
            checks.append(.fail(.proof,
                "The signature cannot cover the \(document), because parts of it have no defined meaning: "
                    + safeMode.joined(separator: "; ") + "."))
        } else if verified.isEmpty {
            if !cannotCheck.isEmpty {
                checks.append(.cannotTell(.proof,
                    "The signature cannot be checked by Laurel (this says nothing either way about the \(document)): "
                        + cannotCheck.joined(separator: "; ") + "."))
            } else if keyless > 0 && limits.isEmpty {
                checks.append(.skipped(.proof, "The signature could not be checked, because its key could not be used."))
            }
        } else {
            let suites = Array(Set(verified.map(\.suite))).sorted()
            var message = "The signature is valid (\(suites.joined(separator: ", ")))."
            if !cannotCheck.isEmpty { message += " Not checked: " + cannotCheck.joined(separator: "; ") + "." }
            let legacy = Array(Set(verified.filter(\.isLegacy).map(\.suite))).sorted()
            if !legacy.isEmpty {
                checks.append(.warning(.proof, message + " It uses an older proof format (\(legacy.joined(separator: ", "))) that is deprecated."))
            } else {
                checks.append(cannotCheck.isEmpty ? .pass(.proof, message) : .warning(.proof, message))
            }
        }
        checks += outcome.claimProblems.filter { $0.id == .proof }
        return PolicyOutcome(checks)
    }
}

/// The signing key was found: from a did:key, a controller document, a key set, or (for what it proves, see the
/// key-binding check) the proof or token itself. A key that lives in a document that was not available makes the
/// answer "cannot tell", naming the URL to fetch. Checks `key_resolution`.
public struct KeyResolutionPolicy: VerificationPolicy {
    public init() {}

    public func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        let entries = context.proof.entries
        var unavailable: [CheckResult] = []
        var unusable: [String] = []
        var found: [String] = []
        for entry in entries {
            switch entry.result {
            case .keyUnavailable(let url, let reason):
                unavailable.append(.cannotTell(.keyResolution,
                    "The key for \(entry.label) is in the document at \(url), which was not available (\(reason)). "
                        + ResourceHint.text(reason, "pass it with --resource \(url)=FILE") + "."))
            case .keyUnusable(let reason):
                unusable.append("\(entry.label): \(reason)")
            default:
                if let key = entry.key { found.append(Self.describe(key)) }
            }
        }
        if !unusable.isEmpty {
            return PolicyOutcome([.fail(.keyResolution, "The signing key cannot be found or used: " + unusable.joined(separator: "; ") + ".")])
        }
        if let first = unavailable.first { return PolicyOutcome([first]) }
        guard !found.isEmpty else { return PolicyOutcome([]) }
        let listed = Array(Set(found)).sorted().joined(separator: "; ")
        return PolicyOutcome([.pass(.keyResolution, "The signing key was found (\(listed.prefix(300))).")])
    }

    static func describe(_ key: KeyProvenance) -> String {
        let id = key.methodID ?? "the key"
        switch key.source {
        case .didKey: return "\(id), a did:key"
        case .fragmentMultikey: return "\(id), read from the method's own fragment"
        case .suppliedDocument(let url): return "\(id), in the document at \(url)"
        case .suppliedKey: return "\(id), a key you supplied"
        case .headerKey: return "carried in the token's own 'jwk' header"
        }
    }
}

/// The key provably belongs to the issuer named in the badge (or, for a presentation, to its holder), as
/// BadgeProofs' `IssuerBinding` judged it: proven (a did:key issuer's own key, or a key its own controller
/// document lists under the proof's purpose), unproven ("cannot tell": the signature is intact, but nothing shows
/// the key is theirs), or contradicted (invalid: the key is someone else's). Checks `key_binding`.
public struct KeyBindingPolicy: VerificationPolicy {
    public init() {}

    public func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        let outcome = context.proof
        let role = outcome.role.rawValue
        let subject = outcome.subject ?? "(none named)"
        var contradictions: [String] = []
        for entry in outcome.entries {
            switch entry.result {
            case .bindingContradicted(let reason), .keyNotAuthorized(let reason):
                contradictions.append("\(entry.label): \(reason)")
            default:
                if case .contradicted(let reason)? = entry.binding { contradictions.append("\(entry.label): \(reason)") }
            }
        }
        var checks = outcome.claimProblems.filter { $0.id == .keyBinding }
        if !contradictions.isEmpty {
            checks.append(.fail(.keyBinding,
                "The signing key does not belong to the \(role) named in the \(outcome.role == .holder ? "presentation" : "badge") "
                    + "(\(subject)): " + contradictions.joined(separator: "; ") + "."))
            return PolicyOutcome(checks)
        }
        let verified = outcome.verified
        guard !verified.isEmpty else { return PolicyOutcome(checks) }
        if let evidence = outcome.provenBinding {
            checks.append(.pass(.keyBinding, "The signing key belongs to the \(role) \(subject): \(Self.describe(evidence))."))
            return PolicyOutcome(checks)
        }
        var reasons: [String] = []
        for entry in verified {
            guard case .unproven(let reason, let url)? = entry.binding else { continue }
            var text = reason
            if let problem = entry.documentProblem { text += " (\(problem))" }
            if let url {
                text += "; " + ResourceHint.text(
                    entry.documentProblem ?? "", "pass that document with --resource \(url)=FILE", sentence: false)
            }
            reasons.append(text)
        }
        checks.append(.cannotTell(.keyBinding,
            "The signature is intact, but nothing shows this key belongs to \(subject): " + reasons.joined(separator: "; ") + "."))
        return PolicyOutcome(checks)
    }

    static func describe(_ evidence: KeyBindingEvidence) -> String {
        switch evidence {
        case .didKey:
            return "it is a did:key, whose identifier is the key itself"
        case .controllerDocument(let url, .fetched):
            return "its own document, fetched from \(url), lists the key"
        case .controllerDocument(let url, .local):
            return "the document you supplied for \(url) lists the key"
        case .controllerDocument(let url, .workspace):
            return "the issuer workspace's own document for \(url) lists the key"
        case .suppliedKey:
            return "it is a key you supplied"
        }
    }
}

/// What to suggest when a resource was not available: fetching it only when it was not tried.
enum ResourceHint {
    /// "Verify online, or <local>", or just "<local>" when fetching was tried and failed; `sentence` capitalises it.
    static func text(_ reason: String, _ local: String, sentence: Bool = true) -> String {
        let hint = reason.contains("could not be fetched") ? local : "verify online, or " + local
        return sentence ? hint.prefix(1).uppercased() + hint.dropFirst() : hint
    }
}
