import BadgeProofs
import LinkedData
import OpenBadges

/// How an Open Badges 2.0 assertion was verified, for the report (nil in reports on Open Badges 3.0 documents).
public struct OpenBadges2Verification: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        /// Fetched from its issuer's server (HostedBadge).
        case hosted
        /// Checked by its JWS signature (SignedBadge).
        case signed
    }

    public var method: Method
    /// The hosted assertion's URL, or the signing key's id.
    public var url: String?
    /// The host the hosted assertion (or the signing key) is on.
    public var host: String?
    /// The JWS algorithm of a signed assertion.
    public var algorithm: String?
    /// Whether the hosted assertion (or the signing key) was fetched from the network, rather than read from a
    /// copy the caller supplied.
    public var fetched = false

    /// "Open Badges 2.0, hosted by example.org" or "Open Badges 2.0, signed (RS256)".
    public var description: String {
        switch method {
        case .hosted: return "Open Badges 2.0" + (host.map { ", hosted by \($0)" } ?? "")
        case .signed: return "Open Badges 2.0, signed" + (algorithm.map { " (\($0))" } ?? "")
        }
    }

    init(_ context: OpenBadges2Context) {
        switch context.method {
        case .hosted(let url):
            method = .hosted
            self.url = url.isEmpty ? nil : url
            host = OpenBadges2Context.host(of: url)
            fetched = context.hostedOrigin == .fetched
        case .signed:
            method = .signed
            let key = context.keys.first { $0.key != nil }
            url = key?.url
            fetched = key?.document?.origin == .fetched
            host = url.flatMap(OpenBadges2Context.host(of:))
            algorithm = context.jws?.algorithm
        }
    }
}

extension Verifier {
    /// The checks run on an Open Badges 2.0 assertion, in report order (none of the Open Badges 3.0 JSON-LD,
    /// schema or safe-mode policies apply to it).
    static let openBadges2Policies: [any OpenBadges2Policy] = [
        OpenBadges2TypePolicy(), OpenBadges2ProofPolicy(), OpenBadges2DocumentsPolicy(),
        OpenBadges2IssuerBindingPolicy(), OpenBadges2IssuedOnPolicy(), OpenBadges2ExpiresPolicy(),
        OpenBadges2RevocationPolicy(), OpenBadges2RecipientPolicy(), OpenBadges2TrustPolicy(),
    ]

    /// Verifies an Open Badges 2.0 assertion (Open Badges 2.0, "Verification"): its hosted copy or signature, its
    /// BadgeClass and Issuer, revocation, expiry and recipient. When the hosted copy cannot be had, the report
    /// says so and nothing else is checked (`indeterminate`).
    func verifyOpenBadges2(_ input: OpenBadges2Input, format: String, source: String?) -> VerificationReport {
        let context = OpenBadges2Context.resolve(input, options: options, resources: resources)
        var checks: [CheckResult] = []
        if let problem = context.hostedProblem {
            checks = [problem]
        } else {
            let budget = WorkBudget.current
            for policy in Self.openBadges2Policies {
                if let budget, !budget.checkNow() {
                    checks.append(Self.budgetExhausted(budget))
                    break
                }
                checks += policy.evaluate(context)
            }
        }
        checks = PolicyRun.merged(checks)
        let valid = Verdict(checks) == .valid
        var report = VerificationReport(
            source: source, format: format, checks: checks,
            credential: context.assertion.isEmpty ? nil : CredentialSummary(openBadges2: context),
            issuer: IssuerIdentity(openBadges2: context, valid: valid))
        report.openBadges2 = OpenBadges2Verification(context)
        return report
    }
}

extension IssuerIdentity {
    /// Who vouches for the issuer of an Open Badges 2.0 assertion: a trust list, the domain the hosted assertion
    /// (or the signing key) was fetched from when it is the issuer's, or nobody but the host or key holder.
    init(openBadges2 context: OpenBadges2Context, valid: Bool) {
        let id = context.issuerID ?? CredentialSummary.issuerID(of: context.assertion)
        let name = context.issuer?.json["name"]?.stringValue
        guard valid else {
            self.init(id: id, name: name, level: .unproven)
            return
        }
        if let id, let entry = context.options.trust?.entry(for: id), OpenBadges2TrustPolicy.bound(context) {
            self.init(id: id, name: name, level: .trusted, vouchedBy: entry.source, listedName: entry.name)
            return
        }
        let issuerHost = id.flatMap(OpenBadges2Context.host(of:))
        switch context.method {
        case .hosted(let url):
            // Fetched from the issuer's own host, or from a host that the issuer's profile, fetched from the
            // issuer's address, allows.
            let host = OpenBadges2Context.host(of: url)
            let allowedByProfile = context.issuer?.origin == .fetched && OpenBadges2TrustPolicy.bound(context)
            if context.hostedOrigin == .fetched, let host, host == issuerHost || allowedByProfile {
                self.init(id: id, name: name, level: .domain, vouchedBy: host == issuerHost ? host : issuerHost)
                return
            }
        case .signed:
            if let entry = context.keys.first(where: { $0.key != nil }), entry.document?.origin == .fetched,
                context.issuer?.origin == .fetched, let host = entry.url.flatMap(OpenBadges2Context.host(of:)),
                host == issuerHost
            {
                self.init(id: id, name: name, level: .domain, vouchedBy: host)
                return
            }
        }
        self.init(id: id, name: name, level: .selfAsserted)
    }
}

extension CredentialSummary {
    /// What an Open Badges 2.0 assertion says, for people: the BadgeClass's name, description, image and
    /// criteria, the Issuer, the dates, the recipient and the evidence.
    init(openBadges2 context: OpenBadges2Context) {
        self.init(kind: "Assertion")
        let assertion = context.assertion
        let badge = context.badgeClass?.json ?? assertion["badge"]?.objectValue
        let issuer = context.issuer?.json ?? badge?["issuer"]?.objectValue
        id = assertion["id"]?.stringValue
        name = badge?["name"]?.stringValue
        achievementName = name
        description = badge?["description"]?.stringValue
        image = Self.link(badge?["image"]) ?? Self.link(assertion["image"])
        issuerID = context.issuerID ?? Self.issuerID(of: assertion)
        issuerName = issuer?["name"]?.stringValue
        issuerURL = issuer?["url"]?.stringValue
        validFrom = assertion["issuedOn"]?.stringValue
        validUntil = assertion["expires"]?.stringValue
        if let recipient = assertion["recipient"]?.objectValue, let identity = recipient["identity"]?.stringValue {
            let type = recipient["type"]?.stringValue ?? "email"
            let hashed = recipient["hashed"]?.boolValue == true || recipient["hashed"]?.stringValue == "true"
            self.recipient = hashed ? (type == "email" ? "an email address (hashed)" : "a \(type) (hashed)") : identity
        }
        if let criteria = badge?["criteria"] {
            self.criteria = criteria.stringValue ?? criteria.objectValue.flatMap {
                $0["narrative"]?.stringValue ?? $0["id"]?.stringValue
            }
        }
        let evidence = assertion["evidence"].map { $0.arrayValue ?? [$0] } ?? []
        self.evidence = evidence.compactMap { item in
            if let url = item.stringValue { return EvidenceLine(id: url) }
            guard let object = item.objectValue else { return nil }
            return EvidenceLine(
                name: object["name"]?.stringValue, id: object["id"]?.stringValue,
                narrative: object["narrative"]?.stringValue, description: object["description"]?.stringValue)
        }
        if self.evidence.isEmpty, let narrative = assertion["narrative"]?.stringValue {
            self.evidence = [EvidenceLine(narrative: narrative)]
        }
        switch context.method {
        case .hosted: proofSuites = ["HostedBadge"]
        case .signed: proofSuites = ["SignedBadge" + (context.jws.map { " (\($0.algorithm))" } ?? "")]
        }
    }

    /// The issuer id an assertion names through its embedded BadgeClass.
    static func issuerID(of assertion: JSONObject) -> String? {
        let issuer = assertion["badge"]?.objectValue?["issuer"]
        return issuer?.stringValue ?? issuer?.objectValue?["id"]?.stringValue
    }

    /// A link: an IRI, or an object's `id`.
    static func link(_ value: JSONValue?) -> String? {
        value?.stringValue ?? value?.objectValue?["id"]?.stringValue
    }
}

extension VerificationReport {
    /// The one-sentence answer for an Open Badges 2.0 assertion: the version and how it was verified, then who
    /// vouches for its issuer (valid) or what failed or could not be checked.
    func openBadges2Headline(_ facts: OpenBadges2Verification) -> String {
        switch verdict {
        case .invalid:
            return facts.description + ": " + (checks.first { $0.outcome == .fail }?.message ?? "a check failed.")
        case .indeterminate:
            return facts.description + ": " + (checks.first(where: \.indeterminate)?.message ?? "something could not be checked.")
        case .valid:
            break
        }
        guard let issuer, let id = issuer.id else { return facts.description + "; every check passed." }
        let called = issuer.name.map { ", which calls itself '\($0)'" } ?? ""
        let listNote = trustWasChecked ? " (not in your trust list)" : " (no trust list was given)"
        let standing = facts.method == .signed ? "the badge is intact and in good standing" : "the badge is in good standing"
        switch issuer.level {
        case .trusted:
            let name = issuer.listedName ?? issuer.name ?? id
            return facts.description + "; issued by \(name) (\(id)), on your trust list (\(issuer.vouchedBy ?? "trust list")); "
                + "the badge is genuine and in good standing."
        case .domain:
            let how = facts.method == .signed ? " with a key published at \(facts.host ?? "its domain")" : ""
            return facts.description + how + " for its issuer \(id)\(called)" + listNote + "; \(standing)."
        case .selfAsserted, .unproven:
            let whence = facts.method == .signed
                ? "signed by the holder of the key its issuer \(id) lists\(called)"
                : facts.fetched
                    ? "hosted outside the domain of its issuer \(id)\(called)"
                    : "checked against the copies you supplied for \(id)\(called)"
            return facts.description + "; " + whence + listNote + "; \(standing), but nobody else vouches for who the issuer is."
        }
    }
}
