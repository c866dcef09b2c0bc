import BadgeProofs
import OpenBadges

/// When the verifier was given trust lists (`--trust FILE`), a badge from an issuer on none of them is flagged: it
/// may be genuine, but nobody you trust vouches for its issuer. An issuer on a list counts only when its key is
/// proven to be its own (see the key-binding check). Checks `trust`.
public struct TrustPolicy: VerificationPolicy {
    public init() {}

    public func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        guard let trust = context.options.trust else { return PolicyOutcome([]) }
        let issuer = context.credential.view.issuerID ?? "(no issuer)"
        guard let entry = trust.entry(for: issuer) else {
            return PolicyOutcome([.warning(.trust, "The issuer (\(issuer)) is not on your list of trusted issuers.")])
        }
        guard context.proof.provenBinding != nil else {
            return PolicyOutcome([.warning(.trust,
                "The issuer (\(issuer)) is on your trust list (\(entry.source)), but the signing key is not shown to "
                    + "be theirs, so that does not vouch for this badge.")])
        }
        return PolicyOutcome([.pass(.trust, "The issuer is on your list of trusted issuers (\(entry.source)).")])
    }
}

extension IssuerIdentity {
    /// Who vouches for the issuer of a verified document: a trust list, the issuer's own domain, or nobody but
    /// the key's holder.
    init(_ context: VerificationContext) {
        let view = context.credential.view
        let id = context.proof.role == .holder ? context.proof.subject : view.issuerID
        let name = context.proof.role == .holder ? nil : view.issuer?.name
        guard let evidence = context.proof.provenBinding else {
            self.init(id: id, name: name, level: .unproven)
            return
        }
        if let id, let entry = context.options.trust?.entry(for: id) {
            self.init(id: id, name: name, level: .trusted, vouchedBy: entry.source, listedName: entry.name)
            return
        }
        if case .controllerDocument(let url, .fetched) = evidence {
            self.init(id: id, name: name, level: .domain, vouchedBy: IssuerDomain.host(of: url))
            return
        }
        self.init(id: id, name: name, level: .selfAsserted)
    }
}
