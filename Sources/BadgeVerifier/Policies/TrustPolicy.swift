import OpenBadges
/// When the verifier was given a list of issuers it trusts (`--trust FILE`), a badge from any other issuer is
/// flagged: it may be genuine, but nobody vouched for its issuer.
public struct TrustPolicy: VerificationPolicy {
    public init() {}

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        guard let trusted = options.trustedIssuers else { return [] }
        let issuer = credential.view.issuerID ?? "(no issuer)"
        if trusted.contains(issuer) {
            return [.pass(.trust, "The issuer is on your list of trusted issuers.")]
        }
        return [.warning(.trust, "The issuer (\(issuer)) is not on your list of trusted issuers.")]
    }
}
