import OpenBadges
import LinkedData

/// `@context` is present, starts with the VC 2.0 context (VC 1.1 is accepted with a warning) and names the
/// Open Badges (or CLR) context the credential's types need, in the expected order.
public struct ContextPolicy: CredentialPolicy {
    public init() {}

    /// OB 3.0 context URLs accepted as the Open Badges context (3.0.x versions and the unversioned alias).
    static let openBadgesContexts: Set<String> = [
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
    ]
    static let clrContexts: Set<String> = [
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
    ]

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        let view = credential.view
        guard credential.json["@context"] != nil else {
            return [.fail(.context, "The badge has no @context, so its terms have no defined meaning.")]
        }
        let contexts = view.contexts
        var results: [CheckResult] = []
        switch contexts.first {
        case CredentialContexts.credentialsV2?:
            break
        case CredentialContexts.credentialsV1?:
            results.append(.warning(.context, "The badge uses the older Verifiable Credentials 1.1 data model."))
        default:
            return [.fail(.context,
                "The first @context must be the W3C Verifiable Credentials context (https://www.w3.org/ns/credentials/v2); found \(contexts.first.map { "'\($0)'" } ?? "none").")]
        }
        switch credential.kind {
        case .achievement, .endorsement:
            guard let position = contexts.firstIndex(where: Self.openBadgesContexts.contains) else {
                return [.fail(.context, "The badge does not use the Open Badges 3.0 context.")]
            }
            if position != 1 {
                results.append(.warning(.context, "The Open Badges context should come second in @context."))
            }
            if contexts[position] != CredentialContexts.openBadgesV3 {
                results.append(.warning(.context,
                    "The badge uses an older or unversioned Open Badges context (\(contexts[position]))."))
            }
        case .clr:
            if !contexts.contains(where: Self.clrContexts.contains) {
                return [.fail(.context, "The learner record does not use the CLR 2.0 context.")]
            }
        case .statusList, .presentation, .other:
            break
        }
        if results.isEmpty {
            return [.pass(.context, "The badge uses the expected contexts.")]
        }
        return [.warning(.context, results.map(\.message).joined(separator: " "))]
    }
}
