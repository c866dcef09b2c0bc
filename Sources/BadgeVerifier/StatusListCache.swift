import Synchronization
import BadgeProofs
import LinkedData
import OpenBadges

/// Status lists a verifier has already checked: many badges point at the same list, whose own proof need be
/// verified and whose bits need be decompressed only once. Entries are keyed by URL and the exact bytes.
final class StatusListCache: Sendable {
    /// What a verified status list credential says, and how far it could be trusted.
    struct ListFacts: Sendable {
        var purpose: String?
        var bits: BitstringStatusList
        /// The list's issuer id and its own `id`, compared with the badge's issuer and the URL it names.
        var issuer: String?
        var id: String?
        /// `.valid`, or `.indeterminate` when the list's signature is intact but its key is not proven to be its
        /// issuer's (then `unproven` says why).
        var verdict: Verdict
        var unproven: String?
    }

    enum Entry: Sendable {
        case list(ListFacts)
        /// A list credential that did not verify, with the reason.
        case untrusted(String)
        /// A verified list whose bits cannot be read.
        case unreadable(String)

        init(verifying bytes: [UInt8], with verifier: Verifier, depth: Int) {
            guard case .object(let json)? = try? JSONParser().parse(bytes) else {
                self = .untrusted("it is not a JSON credential")
                return
            }
            let report = verifier.verifyStatusList(json, depth: depth)
            if report.verdict == .invalid {
                self = .untrusted(report.checks.first { $0.outcome == .fail }?.message ?? "it could not be verified")
                return
            }
            guard case .object(let subject)? = json["credentialSubject"] else {
                self = .unreadable("it has no credentialSubject")
                return
            }
            guard let encoded = subject["encodedList"]?.stringValue else {
                self = .unreadable("it has no encodedList")
                return
            }
            do {
                self = .list(ListFacts(
                    purpose: subject["statusPurpose"]?.stringValue, bits: try BitstringStatusList(encodedList: encoded),
                    issuer: IssuerBinding.issuerID(of: json), id: json["id"]?.stringValue, verdict: report.verdict,
                    unproven: report.checks.first(where: \.indeterminate)?.message))
            } catch {
                self = .unreadable(error.reason)
            }
        }
    }

    /// Equal keys have the same URL and the very same bytes. The hash reads only the URL, the length and the ends
    /// of the bytes: every badge looks its list up, and the bytes are those of a list already in memory (compared
    /// in full — at once when they are the same array — only for a key that hashes alike).
    private struct Key: Hashable {
        var url: String
        var bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            hasher.combine(url)
            hasher.combine(bytes.count)
            bytes.withUnsafeBytes { raw in
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.prefix(64)))
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.suffix(64)))
            }
        }
    }

    private let entries = Mutex<[Key: Entry]>([:])
    /// A verifier checks few distinct lists; bound the memory anyway.
    private let maximumEntries = 64

    /// The entry for a list, computing it (outside the lock) the first time.
    func entry(url: String, bytes: [UInt8], compute: () -> Entry) -> Entry {
        let key = Key(url: url, bytes: bytes)
        if let found = entries.withLock({ $0[key] }) { return found }
        let computed = compute()
        entries.withLock { cache in
            if cache.count >= maximumEntries { cache.removeAll() }
            cache[key] = computed
        }
        return computed
    }
}
