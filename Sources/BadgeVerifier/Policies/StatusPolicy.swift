import BadgeProofs
import LinkedData
import OpenBadges

/// The credential has not been revoked or suspended: each `BitstringStatusListEntry` is looked up in its status
/// list credential, and a `1EdTechRevocationList` in its revocation list. A list speaks for a badge only when it is
/// the badge issuer's own list: its proof verifies with a key proven to be that issuer's (by the same rules as the
/// badge's own key), its issuer is the badge's issuer, its `id` is the URL the badge names, and its dates hold.
/// A list that cannot be fetched, or whose key cannot be tied to the issuer, makes the answer `indeterminate`,
/// never "not revoked"; a list from someone else fails.
struct StatusPolicy: VerificationPolicy {
    func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        let entries = context.credential.view.credentialStatus
        guard !entries.isEmpty else {
            return PolicyOutcome([.pass(.status, "The badge has no status list, so it cannot be revoked.")])
        }
        var results: [CheckResult] = []
        for entry in entries {
            switch entry.type {
            case "BitstringStatusListEntry"?:
                results.append(checkBitstring(entry, context))
            case "1EdTechRevocationList"?:
                results.append(checkRevocationList(entry, context))
            default:
                results.append(.cannotTell(.status,
                    "The badge uses a status method Laurel does not know (\(entry.type ?? "no type")), so whether it was revoked cannot be told."))
            }
        }
        // One line for the status check: the worst outcome first.
        if let failure = results.first(where: { $0.outcome == .fail }) { return PolicyOutcome([failure]) }
        if let unknown = results.first(where: \.indeterminate) { return PolicyOutcome([unknown]) }
        return PolicyOutcome([CheckResult(.status, results.contains { $0.outcome == .warning } ? .warning : .pass,
            results.map(\.message).joined(separator: " "))])
    }

    func checkBitstring(_ entry: CredentialStatus, _ context: VerificationContext) -> CheckResult {
        let purpose = entry.statusPurpose ?? "revocation"
        let what = purpose == "suspension" ? "suspended" : "revoked"
        guard let listURL = entry.statusListCredential, let index = entry.statusListIndex else {
            return .fail(.status, "The badge's status entry is incomplete (it needs statusListCredential and statusListIndex).")
        }
        let bytes: [UInt8]
        let origin: DocumentOrigin
        switch context.verifier.resources.resource(at: listURL) {
        case .found(let found, let from):
            bytes = found
            origin = from
        case .unavailable(let reason):
            return .cannotTell(.status,
                "The issuer's status list (\(listURL)) was not available (\(reason)), so whether the badge was \(what) "
                    + "cannot be told. " + ResourceHint.text(reason, "pass the list with --resource \(listURL)=FILE") + ".")
        }
        guard context.depth < context.options.maxNesting else {
            return .fail(.limits, "Status lists are nested too deeply.")
        }
        let verifier = context.verifier
        let checked = verifier.statusLists.entry(url: listURL, bytes: bytes, verifier: verifier, depth: context.depth + 1)
        let facts: StatusListCache.ListFacts
        switch checked {
        case .untrusted(let reason):
            return .fail(.status, "The issuer's status list (\(listURL)) cannot be trusted: \(reason)")
        case .unreadable(let reason):
            return .fail(.status, "The status list (\(listURL)) cannot be read: \(reason)")
        case .list(let list):
            facts = list
        }
        let issuer = context.credential.view.issuerID
        if facts.issuer != issuer {
            return .fail(.status,
                "The status list at \(listURL) was issued by \(facts.issuer ?? "nobody named"), not by the badge's "
                    + "issuer (\(issuer ?? "none named")), so it says nothing about this badge.")
        }
        // Notes that leave the answer standing but belong beside it.
        var notes: [String] = []
        if facts.id != listURL {
            // Served at the very URL the issuer signed into the badge (or from the issuer's own workspace), a list
            // under another name is still the one the issuer points to (a list that moved). A copy supplied as a
            // file could be any of the issuer's lists, so it cannot stand in for this one.
            guard origin == .fetched || origin == .workspace else {
                return .fail(.status,
                    "The status list given for \(listURL) calls itself \(facts.id ?? "nothing (it has no id)"): it is "
                        + "not the list the badge names.")
            }
            notes.append(
                "The list served at \(listURL) calls itself \(facts.id ?? "nothing (it has no id)"); it was read there, "
                    + "where the badge says its list is.")
        }
        if let listPurpose = facts.purpose, listPurpose != purpose {
            return .fail(.status, "The status list (\(listURL)) is for '\(listPurpose)', but the badge's entry says '\(purpose)'.")
        }
        if facts.verdict != .valid {
            return .cannotTell(.status,
                "The status list at \(listURL) could not be tied to the issuer, so whether the badge was \(what) "
                    + "cannot be told: \(facts.unproven ?? "its key is not proven to be the issuer's")")
        }
        do {
            if try facts.bits.bit(at: index) {
                return .fail(.status, purpose == "suspension"
                    ? "This badge is suspended by its issuer."
                    : "This badge was revoked by its issuer.")
            }
            let clear = purpose == "suspension" ? "The badge is not suspended." : "The badge has not been revoked."
            // A list below the standard's minimum (the Digital Credentials Consortium publishes 100,000 entries) is
            // still the issuer's signed word on this badge: the bit is read, and the short length is a warning.
            if facts.bits.bitCount < BitstringStatusList.minimumBitCount {
                notes.append(
                    "This issuer's status list (\(listURL)) has \(facts.bits.bitCount.grouped) entries, fewer than the "
                        + "standard's minimum of 131,072, which weakens the holder's privacy (a short list tells more "
                        + "about which badge is being checked).")
            }
            return notes.isEmpty ? .pass(.status, clear) : .warning(.status, ([clear] + notes).joined(separator: " "))
        } catch {
            return .fail(.status, "The status list (\(listURL)) cannot be read: \(error.reason)")
        }
    }

    /// A 1EdTech revocation list is not signed: it speaks for the issuer only when it was fetched from the issuer's
    /// own domain (or read from the issuer's workspace) and names the badge's issuer and its own URL. A copy from
    /// anywhere else is believed when it says "revoked", never when it says "not revoked".
    func checkRevocationList(_ entry: CredentialStatus, _ context: VerificationContext) -> CheckResult {
        guard let url = entry.id else {
            return .fail(.status, "The badge's revocation list entry has no id (the list's URL).")
        }
        let bytes: [UInt8]
        let origin: DocumentOrigin
        switch context.verifier.resources.resource(at: url) {
        case .found(let found, let from):
            bytes = found
            origin = from
        case .unavailable(let reason):
            return .cannotTell(.status,
                "The issuer's revocation list (\(url)) was not available (\(reason)), so whether the badge was revoked "
                    + "cannot be told. " + ResourceHint.text(reason, "pass it with --resource \(url)=FILE") + ".")
        }
        guard case .object(let list)? = try? JSONValue(parsing: bytes) else {
            return .fail(.status, "The revocation list (\(url)) is not a JSON object.")
        }
        let issuer = context.credential.view.issuerID
        if let listIssuer = IssuerBinding.issuerID(of: list), listIssuer != issuer {
            return .fail(.status,
                "The revocation list at \(url) was issued by \(listIssuer), not by the badge's issuer, so it says "
                    + "nothing about this badge.")
        }
        if let id = list["id"]?.stringValue, id != url {
            return .fail(.status, "The revocation list fetched for \(url) calls itself \(id): it is not the list the badge names.")
        }
        let id = context.credential.view.id ?? ""
        for item in list["revokedCredential"]?.arrayValue ?? [] {
            guard case .object(let revoked) = item, revoked["id"]?.stringValue == id else { continue }
            if revoked["revoked"]?.boolValue != false {
                let reason = revoked["revocationReason"]?.stringValue.map { " Reason given: \($0)" } ?? ""
                return .fail(.status, "This badge was revoked by its issuer.\(reason)")
            }
        }
        let fromIssuer = origin == .workspace
            || (origin == .fetched && IssuerDomain.host(of: url) != nil
                && IssuerDomain.host(of: url) == issuer.flatMap(IssuerDomain.host(ofIssuer:)))
        guard fromIssuer else {
            return .cannotTell(.status,
                "The revocation list for \(url) is not signed and was not fetched from the issuer's own domain, so it "
                    + "cannot show that the badge was not revoked.")
        }
        return .pass(.status, "The badge is not on its issuer's revocation list.")
    }
}

/// The host names that an issuer id and a URL stand for, to tell whether a document came from the issuer's domain.
enum IssuerDomain {
    /// `https://host[:port]/…` → `host[:port]` (lowercased).
    static func host(of url: String) -> String? {
        guard url.hasPrefix("https://") else { return nil }
        let rest = url.dropFirst("https://".count)
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let host = rest[..<end].lowercased()
        return host.isEmpty || host.contains("@") ? nil : host
    }

    /// The domain of an issuer: an https issuer's host, or a did:web's host (from its document URL).
    static func host(ofIssuer issuer: String) -> String? {
        if issuer.hasPrefix(DIDWeb.prefix) { return DIDWeb.documentURL(for: issuer).flatMap(host(of:)) }
        return host(of: issuer)
    }
}

extension Int {
    /// The number with thousands separated by commas, for messages: 100000 → "100,000".
    var grouped: String {
        let digits = String(magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return self < 0 ? "-" + out : out
    }
}
