import LinkedData

/// JSON-LD expansion with the pinned contexts in safe mode: every term must be defined, so nothing in the badge
/// is silently left out of what the signature covers (VC Data Integrity §2.4.3).
public struct SafeModePolicy: CredentialPolicy {
    public init() {}

    static let passMessage = "Every part of the badge has a defined meaning, so the signature covers all of it."

    /// An RDFC proof check already expanded every proof's document with the pinned contexts in safe mode; then
    /// the same expansion need not run again.
    public func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        if context.proof.expandedInSafeMode { return PolicyOutcome([.pass(.safeMode, Self.passMessage)]) }
        return PolicyOutcome(check(context.credential, options: context.options))
    }

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        do {
            // toRdf, not just expansion: converting to RDF can drop more (e.g. a relative IRI used as a node).
            _ = try JSONLDProcessor().toRDF(.object(credential.json))
            return [.pass(.safeMode, Self.passMessage)]
        } catch {
            return [Self.result(for: error)]
        }
    }

    static func result(for error: JSONLDError) -> CheckResult {
        let place = error.path.map { " (at \($0))" } ?? ""
        switch error.code {
        case .dataLossDetection:
            return .fail(.safeMode,
                "The badge contains information that is not defined by its contexts\(place), so it is not covered by the signature: \(error.reason)")
        case .loadingDocumentFailed, .loadingRemoteContextFailed:
            return .cannotTell(.context,
                "The badge uses a context Laurel does not know and will not fetch, so what it says cannot be "
                    + "checked: \(error.reason)")
        case .inputTooLarge, .contextOverflow, .nestingTooDeep, .tooManyContextLoads, .workBudgetExceeded:
            return .fail(.limits, "The badge is too large or complex to process safely: \(error.reason)")
        default:
            return .fail(.safeMode, "The badge is not valid JSON-LD\(place): \(error.reason)")
        }
    }
}
