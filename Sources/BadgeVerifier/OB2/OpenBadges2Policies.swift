import BadgeProofs
import LinkedData
import OpenBadges

/// One Open Badges 2.0 verification check (Open Badges 2.0, "Verification"), reading the resolved assertion and
/// the documents it links to. Each reports under the check id whose meaning it shares with Open Badges 3.0.
protocol OpenBadges2Policy: Sendable {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult]
}

/// `type`: the assertion, its BadgeClass and its Issuer are the Open Badges 2.0 classes, with the properties
/// verification needs.
struct OpenBadges2TypePolicy: OpenBadges2Policy {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        let assertion = context.assertion
        if assertion["revoked"]?.boolValue == true { return [] }
        var missing: [String] = []
        let types = OpenBadges2Input.strings(assertion["type"])
        if !types.isEmpty && !types.contains("Assertion") {
            return [.fail(.type, "This is not an Open Badges 2.0 Assertion: its type is \(types.joined(separator: ", ")).")]
        }
        for name in ["recipient", "badge", "issuedOn"] where assertion[name] == nil { missing.append("the assertion's \(name)") }
        if assertion["verification"] == nil && assertion["verify"] == nil { missing.append("the assertion's verification") }
        if let badgeClass = context.badgeClass?.json {
            for name in ["name", "issuer"] where badgeClass[name] == nil { missing.append("the BadgeClass's \(name)") }
        }
        if !missing.isEmpty {
            return [.fail(.type, "The Open Badges 2.0 assertion is incomplete: \(missing.joined(separator: ", ")) "
                + (missing.count == 1 ? "is" : "are") + " missing.")]
        }
        return [.pass(.type, "This is an Open Badges 2.0 Assertion.")]
    }
}

/// `proof`: a hosted assertion is its issuer's copy, fetched from an address on the origin it was looked up at
/// and matching what the file holds; a signed assertion's JWS signature checks with the issuer's key.
struct OpenBadges2ProofPolicy: OpenBadges2Policy {
    /// The members that say what was awarded to whom; a file that differs from the hosted copy in one of them
    /// was altered.
    static let awardMembers = ["recipient", "badge", "issuedOn", "expires", "evidence", "narrative"]

    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        switch context.method {
        case .hosted(let url): return hosted(url, context)
        case .signed: return signed(context)
        }
    }

    func hosted(_ url: String, _ context: OpenBadges2Context) -> [CheckResult] {
        let id = context.assertionID ?? ""
        guard let origin = OpenBadges2Context.origin(of: url), OpenBadges2Context.origin(of: id) == origin else {
            return [.fail(.proof,
                "The assertion fetched from \(url) says its id is '\(id.prefix(200))', which is not on \(OpenBadges2Context.origin(of: url) ?? url): "
                    + "a hosted badge must be hosted where its id says, so this one is not confirmed by its issuer.")]
        }
        if context.assertion["revoked"]?.boolValue == true {
            return [.pass(.proof, "The assertion's issuer hosts it at \(url), marked as revoked.")]
        }
        if let inHand = context.inHand {
            let changed = Self.awardMembers.filter { Self.comparable($0, inHand) != Self.comparable($0, context.assertion) }
            if !changed.isEmpty {
                return [.fail(.proof,
                    "This file differs from the assertion its issuer hosts at \(url) (in \(changed.joined(separator: ", "))): "
                        + "it was altered, or the issuer changed the badge since; the hosted copy is the badge.")]
            }
        }
        let whence = context.hostedOrigin == .fetched ? "fetched from" : "read from the copy you supplied of"
        return [.pass(.proof, "The assertion was \(whence) \(url), where its issuer hosts it"
            + (context.inHand == nil ? "." : ", and this file matches it."))]
    }

    func signed(_ context: OpenBadges2Context) -> [CheckResult] {
        guard let jws = context.jws, let token = context.token else {
            return [.cannotTell(.proof,
                "This Open Badges 2.0 assertion says it is signed, but the file holds only its JSON, not the signed "
                    + "form (a compact JWS), so its signature cannot be checked. Verify the signed badge itself.")]
        }
        let usable = context.keys.compactMap { entry in entry.key.map { (entry.url, $0) } }
        guard !usable.isEmpty else {
            let why = context.documentProblems.first?.message ?? "No usable signing key was found."
            return [CheckResult(.proof, context.documentProblems.contains { $0.outcome == .fail } ? .fail : .warning,
                "The \(jws.algorithm) signature was not checked. " + why, indeterminate: true)]
        }
        var failure: String? = nil
        for (url, key) in usable {
            let result = VCJWT.verify(token, key: key)
            if result.signatureVerified {
                return [.pass(.proof, "The \(jws.algorithm) signature is valid, made with the key \(url ?? "the issuer lists").")]
            }
            failure = result.failure?.reason
        }
        return [.fail(.proof,
            "The signature does not verify: \(failure ?? "no listed key made it"). The assertion was altered after it "
                + "was signed, or someone other than its issuer signed it.")]
    }

    /// A member of a copy of the assertion in a form that ignores member order (JCS); the BadgeClass by its id,
    /// since one copy may embed what the other links to.
    static func comparable(_ member: String, _ assertion: JSONObject) -> [UInt8]? {
        guard var value = assertion[member] else { return nil }
        if member == "badge", let id = value.objectValue?["id"] { value = id }
        return (try? JCS.canonicalize(value)) ?? value.jsonBytes()
    }
}

/// `key_resolution`: the BadgeClass, the Issuer profile and (for a signed assertion) the signing key could be
/// read.
struct OpenBadges2DocumentsPolicy: OpenBadges2Policy {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        if let failure = context.documentProblems.first(where: { $0.outcome == .fail }) { return [failure] }
        if let unknown = context.documentProblems.first { return [unknown] }
        if context.badgeClass == nil { return [] }
        let unusable = context.keys.compactMap { entry in entry.problem.map { "\(entry.url ?? "a key"): \($0)" } }
        if context.method == .signed, context.keys.allSatisfy({ $0.key == nil }), !unusable.isEmpty {
            return [.fail(.keyResolution, "The signing key cannot be used: \(unusable.joined(separator: "; ")).")]
        }
        func described(_ document: OpenBadges2Document?, _ what: String) -> String {
            guard let document else { return what }
            return document.url.map { "\(what) (\($0))" } ?? "\(what) (embedded)"
        }
        var read = [described(context.badgeClass, "the BadgeClass"), described(context.issuer, "the Issuer profile")]
        if let key = context.keys.first(where: { $0.key != nil }) { read.append("the signing key (\(key.url ?? "embedded"))") }
        let listed = read.count > 1 ? read.dropLast().joined(separator: ", ") + " and " + read.last! : read.joined()
        return [.pass(.keyResolution, "Read " + listed + ".")]
    }
}

/// `key_binding`: the issuer stands behind the assertion. Hosted: the assertion's id is within the issuer's
/// hosted verification scope (`allowedOrigins`, by default the origin of the issuer's id, and `startsWith`).
/// Signed: the key is one the Issuer profile lists in `publicKey`, and the key names that issuer as `owner`.
struct OpenBadges2IssuerBindingPolicy: OpenBadges2Policy {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        guard let issuer = context.issuer, let issuerID = issuer.id else { return [] }
        switch context.method {
        case .hosted: return hosted(context, issuer: issuer, issuerID: issuerID)
        case .signed: return signed(context, issuer: issuer, issuerID: issuerID)
        }
    }

    func hosted(_ context: OpenBadges2Context, issuer: OpenBadges2Document, issuerID: String) -> [CheckResult] {
        let id = context.assertionID ?? ""
        // Only a profile read from the issuer's own address may widen where its badges are hosted; an embedded
        // one speaks for whoever hosts the assertion.
        let policy = issuer.url != nil ? issuer.json["verification"]?.objectValue : nil
        let startsWith = OpenBadges2Input.strings(policy?["startsWith"])
        if !startsWith.isEmpty && !startsWith.contains(where: id.hasPrefix) {
            return [.fail(.keyBinding,
                "The assertion \(id) is not at an address its issuer \(issuerID) allows for its badges (it must start "
                    + "with \(startsWith.joined(separator: " or "))), so the issuer does not stand behind it.")]
        }
        var allowed = OpenBadges2Input.strings(policy?["allowedOrigins"]).map { $0.lowercased() }
        if allowed.isEmpty, let host = OpenBadges2Context.host(of: issuerID) { allowed = [host] }
        guard !allowed.isEmpty else {
            return [.warning(.keyBinding,
                "The issuer \(issuerID) has no web address, so nothing shows the host of \(id) speaks for it.")]
        }
        guard let host = OpenBadges2Context.host(of: id), allowed.contains(host) else {
            return [.fail(.keyBinding,
                "The assertion \(id) is hosted outside the domains its issuer \(issuerID) allows "
                    + "(\(allowed.joined(separator: ", "))), so the issuer does not stand behind it.")]
        }
        return [.pass(.keyBinding, "The assertion is hosted on \(host), where its issuer \(issuerID) hosts its badges.")]
    }

    func signed(_ context: OpenBadges2Context, issuer: OpenBadges2Document, issuerID: String) -> [CheckResult] {
        guard let entry = context.keys.first(where: { $0.key != nil }), let keyID = entry.url ?? entry.document?.id else {
            return []
        }
        let listed = (issuer.json["publicKey"].map { $0.arrayValue ?? [$0] } ?? [])
            .compactMap { $0.stringValue ?? $0.objectValue?["id"]?.stringValue }
        guard listed.contains(keyID) else {
            return [.fail(.keyBinding,
                "The assertion was signed with the key \(keyID), which its issuer \(issuerID) does not list in its "
                    + "profile (publicKey), so the issuer did not sign it.")]
        }
        if let owner = entry.document?.json["owner"]?.stringValue, owner != issuerID {
            return [.fail(.keyBinding,
                "The signing key \(keyID) says it belongs to \(owner), not to the issuer \(issuerID).")]
        }
        if issuer.url == nil {
            return [.warning(.keyBinding,
                "The key \(keyID) is listed by the issuer profile embedded in the signed assertion itself, not by a "
                    + "profile read from \(issuerID); the issuer is whoever holds the key.")]
        }
        return [.pass(.keyBinding, "The signing key \(keyID) is listed in the profile of its issuer \(issuerID).")]
    }
}

/// `valid_from`: `issuedOn` is a valid date, not in the future.
struct OpenBadges2IssuedOnPolicy: OpenBadges2Policy {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        guard let text = context.assertion["issuedOn"]?.stringValue else { return [] }
        guard let date = OpenBadges2Dates.parse(text) else {
            return [.fail(.validFrom, "The issue date '\(text.prefix(60))' is not a valid date and time.")]
        }
        if date > context.options.at + context.options.clockSkew {
            return [.fail(.validFrom, "This badge is not valid yet: it was dated to be issued on \(text).")]
        }
        return [.pass(.validFrom, "The badge was issued on \(text).")]
    }
}

/// `valid_until`: `expires`, when present, is a valid date, not in the past.
struct OpenBadges2ExpiresPolicy: OpenBadges2Policy {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        guard let text = context.assertion["expires"]?.stringValue else {
            return [.pass(.validUntil, "The badge does not expire.")]
        }
        guard let date = OpenBadges2Dates.parse(text) else {
            return [.fail(.validUntil, "The expiry date '\(text.prefix(60))' is not a valid date and time.")]
        }
        if date < context.options.at - context.options.clockSkew {
            return [.fail(.validUntil, "This badge expired on \(text).")]
        }
        return [.pass(.validUntil, "The badge is valid until \(text).")]
    }
}

/// `status`: the assertion is not revoked. Hosted: the hosted copy does not say `revoked`. Signed: the
/// assertion's id is not in the issuer's `revocationList` (`revokedAssertions`, by id or by legacy `uid`).
struct OpenBadges2RevocationPolicy: OpenBadges2Policy {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        if context.assertion["revoked"]?.boolValue == true {
            let reason = context.assertion["revocationReason"]?.stringValue.map { " Reason given: \($0.prefix(200))" } ?? ""
            return [.fail(.status, "This badge was revoked by its issuer." + reason)]
        }
        guard case .signed = context.method else {
            return [.pass(.status, "The issuer's hosted copy does not mark the badge revoked.")]
        }
        guard let issuer = context.issuer else { return [] }
        guard let listURL = issuer.json["revocationList"]?.stringValue else {
            return [.pass(.status, "The issuer publishes no revocation list, so the badge cannot have been revoked on one.")]
        }
        let bytes: [UInt8]
        switch context.resources.resource(at: listURL) {
        case .unavailable(let reason):
            return [.cannotTell(.status,
                "The issuer's revocation list (\(listURL)) was not available (\(reason)), so whether the badge was "
                    + "revoked cannot be told. " + ResourceHint.text(reason, "give it with --resource \(listURL)=FILE") + ".")]
        case .found(let found, _):
            bytes = found
        }
        guard let list = OpenBadges2Context.object(bytes), let entries = list["revokedAssertions"]?.arrayValue else {
            return [.fail(.status, "The issuer's revocation list (\(listURL)) is not a RevocationList with revokedAssertions, "
                + "so the badge cannot be shown not to be revoked.")]
        }
        if let listIssuer = list["issuer"]?.stringValue, let issuerID = context.issuerID, listIssuer != issuerID {
            return [.fail(.status, "The revocation list \(listURL) belongs to \(listIssuer), not to the issuer \(issuerID).")]
        }
        let id = context.assertionID
        let uid = context.assertion["uid"]?.stringValue
        for entry in entries {
            let object = entry.objectValue
            let matches = (id != nil && (entry.stringValue == id || object?["id"]?.stringValue == id))
                || (uid != nil && object?["uid"]?.stringValue == uid)
            guard matches, object?["revoked"]?.boolValue != false else { continue }
            let reason = object?["revocationReason"]?.stringValue.map { " Reason given: \($0.prefix(200))" } ?? ""
            return [.fail(.status, "This badge was revoked by its issuer (it is on the revocation list \(listURL))." + reason)]
        }
        return [.pass(.status, "The badge is not on its issuer's revocation list.")]
    }
}

/// `recipient`: the assertion's IdentityObject names the expected recipient (plaintext, or a `sha256$`/`md5$`
/// hash over identity ‖ salt).
struct OpenBadges2RecipientPolicy: OpenBadges2Policy {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        if context.assertion["revoked"]?.boolValue == true { return [] }
        guard let recipient = context.assertion["recipient"]?.objectValue,
            let identity = recipient["identity"]?.stringValue
        else {
            return [.fail(.recipient, "The badge does not say who it was awarded to (recipient.identity is missing).")]
        }
        let type = recipient["type"]?.stringValue ?? "email"
        let hashed = recipient["hashed"]?.boolValue ?? (recipient["hashed"]?.stringValue == "true")
        if hashed && !RecipientPolicy.isWellFormedHash(identity) {
            return [.fail(.recipient,
                "The badge's hashed recipient is not a 'sha256$' + 64 hex or 'md5$' + 32 hex digest, so nobody can be "
                    + "matched to it: '\(identity.prefix(80))'.")]
        }
        let expected: String
        if let email = context.options.recipientEmail {
            guard type == "email" else {
                return [.fail(.recipient, "The badge was awarded to a recipient of type '\(type)', not to an email address, so it cannot be matched to \(email).")]
            }
            expected = email
        } else if let id = context.options.recipientID {
            expected = id
        } else {
            return [.skipped(.recipient, "No recipient was given to check the badge against.")]
        }
        var object = IdentityObject(json: JSONObject())
        object.identityHash = hashed ? identity.lowercased() : identity
        object.hashed = hashed
        object.salt = recipient["salt"]?.stringValue
        if RecipientPolicy.matches(object, expected, allowedTypes: nil) {
            return [.pass(.recipient, "The badge was awarded to \(expected).")]
        }
        return [.fail(.recipient, "The badge was awarded to someone else, not \(expected).")]
    }
}

/// `trust`: with a trust list, whether the issuer is on it; an issuer on it counts only when the assertion is
/// shown to be its own (the `key_binding` check passed).
struct OpenBadges2TrustPolicy: OpenBadges2Policy {
    func evaluate(_ context: OpenBadges2Context) -> [CheckResult] {
        guard let trust = context.options.trust else { return [] }
        let issuer = context.issuerID ?? "(no issuer)"
        guard let entry = trust.entry(for: issuer) else {
            return [.warning(.trust, "The issuer (\(issuer)) is not on your list of trusted issuers.")]
        }
        guard Self.bound(context) else {
            return [.warning(.trust,
                "The issuer (\(issuer)) is on your trust list (\(entry.source)), but the badge is not shown to be "
                    + "theirs, so that does not vouch for this badge.")]
        }
        return [.pass(.trust, "The issuer is on your list of trusted issuers (\(entry.source)).")]
    }

    /// Whether the issuer is shown to stand behind the assertion.
    static func bound(_ context: OpenBadges2Context) -> Bool {
        let binding = OpenBadges2IssuerBindingPolicy().evaluate(context)
        return !binding.isEmpty && binding.allSatisfy { $0.outcome == .pass }
    }
}

/// Open Badges 2.0 dates: ISO 8601 date-times (a missing zone read as UTC) or, from 1.x, plain dates.
enum OpenBadges2Dates {
    static func parse(_ text: String) -> Double? {
        (DateTimeZ(lenient: text) ?? DateTimeZ(dateOrDateTime: text))?.secondsSince1970
    }
}
