import LinkedData
import OpenBadges

/// The credential has not been revoked or suspended: each `BitstringStatusListEntry` is looked up in its status
/// list credential (whose own proof is verified), and a `1EdTechRevocationList` in its revocation list. A list
/// that cannot be fetched makes the answer `indeterminate`, never "not revoked".
struct StatusPolicy: VerificationPolicy {
    let verifier: Verifier
    let depth: Int

    func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        let entries = credential.view.credentialStatus
        guard !entries.isEmpty else {
            return [.pass(.status, "The badge has no status list, so it cannot be revoked.")]
        }
        var results: [CheckResult] = []
        for entry in entries {
            switch entry.type {
            case "BitstringStatusListEntry"?:
                results.append(checkBitstring(entry, credential: credential, options: options))
            case "1EdTechRevocationList"?:
                results.append(checkRevocationList(entry, credential: credential, options: options))
            default:
                results.append(.cannotTell(.status, "The badge uses a status method Laurel does not know (\(entry.type ?? "no type")), so whether it was revoked cannot be told."))
            }
        }
        // One line for the status check: the worst outcome first.
        if let failure = results.first(where: { $0.outcome == .fail }) { return [failure] }
        if let unknown = results.first(where: \.indeterminate) { return [unknown] }
        return [CheckResult(.status, results.contains { $0.outcome == .warning } ? .warning : .pass,
            results.map(\.message).joined(separator: " "))]
    }

    func fetch(_ url: String, options: VerificationOptions) -> [UInt8]? {
        options.resources[url] ?? options.resources[url.split(separator: "#").first.map(String.init) ?? url]
    }

    func checkBitstring(_ entry: CredentialStatus, credential: CredentialUnderTest, options: VerificationOptions) -> CheckResult {
        let purpose = entry.statusPurpose ?? "revocation"
        guard let listURL = entry.statusListCredential, let index = entry.statusListIndex else {
            return .fail(.status, "The badge's status entry is incomplete (it needs statusListCredential and statusListIndex).")
        }
        guard let bytes = fetch(listURL, options: options) else {
            return .cannotTell(.status,
                "The issuer's status list (\(listURL)) was not available, so whether the badge was \(purpose == "suspension" ? "suspended" : "revoked") cannot be told. Verify online, or pass the list with --resource \(listURL)=FILE.")
        }
        guard depth < options.maxNesting else {
            return .fail(.limits, "Status lists are nested too deeply.")
        }
        let checked = verifier.statusLists.entry(url: listURL, bytes: bytes) {
            StatusListCache.Entry(verifying: bytes, with: verifier, depth: depth + 1)
        }
        let bits: BitstringStatusList
        switch checked {
        case .untrusted(let reason):
            return .fail(.status, "The issuer's status list (\(listURL)) cannot be trusted: \(reason)")
        case .unreadable(let reason):
            return .fail(.status, "The status list (\(listURL)) cannot be read: \(reason)")
        case .list(let listPurpose, let decoded):
            if let listPurpose, listPurpose != purpose {
                return .fail(.status, "The status list (\(listURL)) is for '\(listPurpose)', but the badge's entry says '\(purpose)'.")
            }
            bits = decoded
        }
        do {
            if bits.bitCount < BitstringStatusList.minimumBitCount {
                return .fail(.status, "The status list (\(listURL)) is shorter than the 131,072 entries the standard requires (STATUS_LIST_LENGTH_ERROR).")
            }
            if try bits.bit(at: index) {
                return .fail(.status, purpose == "suspension"
                    ? "This badge is suspended by its issuer."
                    : "This badge was revoked by its issuer.")
            }
            return .pass(.status, purpose == "suspension" ? "The badge is not suspended." : "The badge has not been revoked.")
        } catch {
            return .fail(.status, "The status list (\(listURL)) cannot be read: \(error.reason)")
        }
    }

    func checkRevocationList(_ entry: CredentialStatus, credential: CredentialUnderTest, options: VerificationOptions) -> CheckResult {
        guard let url = entry.id else {
            return .fail(.status, "The badge's revocation list entry has no id (the list's URL).")
        }
        guard let bytes = fetch(url, options: options) else {
            return .cannotTell(.status,
                "The issuer's revocation list (\(url)) was not available, so whether the badge was revoked cannot be told. Verify online, or pass it with --resource \(url)=FILE.")
        }
        guard case .object(let list)? = try? JSONValue(parsing: bytes) else {
            return .fail(.status, "The revocation list (\(url)) is not a JSON object.")
        }
        let id = credential.view.id ?? ""
        for item in list["revokedCredential"]?.arrayValue ?? [] {
            guard case .object(let revoked) = item, revoked["id"]?.stringValue == id else { continue }
            if revoked["revoked"]?.boolValue != false {
                let reason = revoked["revocationReason"]?.stringValue.map { " Reason given: \($0)" } ?? ""
                return .fail(.status, "This badge was revoked by its issuer.\(reason)")
            }
        }
        return .pass(.status, "The badge is not on its issuer's revocation list.")
    }
}
