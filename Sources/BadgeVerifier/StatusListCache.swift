import Synchronization
import LinkedData
import OpenBadges

/// Status lists a verifier has already checked: many badges point at the same list, whose own proof need be
/// verified and whose bits need be decompressed only once. Entries are keyed by URL and the exact bytes.
final class StatusListCache: Sendable {
    enum Entry: Sendable {
        /// A list whose proof verified: its purpose and its bits.
        case list(purpose: String?, bits: BitstringStatusList)
        /// A list credential that did not verify, with the reason.
        case untrusted(String)
        /// A verified list whose bits cannot be read.
        case unreadable(String)

        init(verifying bytes: [UInt8], with verifier: Verifier, depth: Int) {
            let report = verifier.verifyStatusList(bytes: bytes, depth: depth)
            guard report.verdict == .valid, let list = report.listJSON else {
                self = .untrusted(report.checks.first { $0.outcome == .fail }?.message ?? "it could not be verified")
                return
            }
            guard case .object(let subject)? = list["credentialSubject"] else {
                self = .unreadable("it has no credentialSubject")
                return
            }
            guard let encoded = subject["encodedList"]?.stringValue else {
                self = .unreadable("it has no encodedList")
                return
            }
            do {
                self = .list(purpose: subject["statusPurpose"]?.stringValue, bits: try BitstringStatusList(encodedList: encoded))
            } catch {
                self = .unreadable(error.reason)
            }
        }
    }

    private struct Key: Hashable {
        var url: String
        var bytes: [UInt8]
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
