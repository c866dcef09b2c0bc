import Synchronization
import BadgeProofs
import LinkedData
import OpenBadges

/// Status lists already checked: many badges point at the same list, whose own proof need be verified and whose
/// bits need be decompressed only once. Entries are keyed by URL and the exact bytes.
///
/// A verifier makes its own; a service that verifies many requests with many verifiers (one per moment and
/// recipient, as `laurel serve` does) shares one through `VerificationOptions.statusLists`, so that a list is
/// checked once per version, not once per request. An entry is used again only when checking the list again would
/// give the same answer: every key document its check read is still the same (the same bytes from the same kind
/// of source, or still unavailable for the same reason), the clock skew is the same, and no date the list's checks
/// compare with the clock (its `validFrom`, `validUntil`, `issuanceDate`, `expirationDate` and its proofs'
/// `created` and `expires`, with the clock skew either side) lies between the moment it was checked at and the
/// moment asked about. An answer made while a verification's CPU-time budget ran out is never kept.
public final class StatusListCache: Sendable {
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

        /// Checks the list `json` with `verifier`, reading key documents through `resources`.
        init(verifying json: JSONObject, with verifier: Verifier, depth: Int, resources: any ResourceResolver) {
            let report = verifier.verifyStatusList(json, depth: depth, resources: resources)
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

    /// One checked list and what its answer depended on.
    private struct Stored: Sendable {
        var entry: Entry
        /// The moment it was checked at, and the clock skew allowed then.
        var at: Double
        var clockSkew: Double
        /// The moments at which the list's checks may change their answer; nil when one of its dates could not be
        /// read (then the entry is used again only at the very same moment).
        var boundaries: [Double]?
        /// Every key document the check looked up, with what it found.
        var lookups: [RecordingResolver.Lookup]

        /// Whether checking the list again at `at`, with `skew` and `resources`, would give the same answer.
        func holds(at moment: Double, clockSkew skew: Double, resources: any ResourceResolver) -> Bool {
            guard skew == clockSkew else { return false }
            if moment != at {
                guard let boundaries else { return false }
                // A second either side: the dates are compared by more than one parser.
                let low = min(moment, at) - 1
                let high = max(moment, at) + 1
                if boundaries.contains(where: { low <= $0 && $0 <= high }) { return false }
            }
            return lookups.allSatisfy { RecordingResolver.Lookup(url: $0.url, resources.resource(at: $0.url)) == $0 }
        }
    }

    private let entries = Mutex<[Key: Stored]>([:])
    /// A verifier checks few distinct lists; bound the memory anyway.
    private let maximumEntries: Int

    /// An empty cache holding at most `maximumEntries` lists (all are let go when it is full).
    public init(maximumEntries: Int = 64) {
        self.maximumEntries = max(1, maximumEntries)
    }

    /// The entry for the list at `url`, checked with `verifier` (the first time, or again when an earlier answer
    /// may no longer hold).
    func entry(url: String, bytes: [UInt8], verifier: Verifier, depth: Int) -> Entry {
        let key = Key(url: url, bytes: bytes)
        let options = verifier.options
        if let found = entries.withLock({ $0[key] }),
            found.holds(at: options.at, clockSkew: options.clockSkew, resources: verifier.resources)
        {
            return found.entry
        }
        guard case .object(let json)? = try? JSONParser().parse(bytes) else {
            return .untrusted("it is not a JSON credential")
        }
        let recorder = RecordingResolver(verifier.resources)
        let computed = Entry(verifying: json, with: verifier, depth: depth, resources: recorder)
        // An answer cut short by the verification's budget says nothing about the list.
        if WorkBudget.current?.isExhausted == true { return computed }
        let stored = Stored(
            entry: computed, at: options.at, clockSkew: options.clockSkew,
            boundaries: Self.boundaries(of: json, clockSkew: options.clockSkew), lookups: recorder.lookups)
        entries.withLock { cache in
            if cache.count >= maximumEntries && cache[key] == nil { cache.removeAll() }
            cache[key] = stored
        }
        return computed
    }

    /// The moments at which checking the list `json` may change its answer: each date its checks compare with the
    /// clock, and that date less and plus the clock skew. Nil when such a date is there but cannot be read.
    static func boundaries(of json: JSONObject, clockSkew: Double) -> [Double]? {
        var dates: [JSONValue] = ["validFrom", "validUntil", "issuanceDate", "expirationDate"].compactMap { json[$0] }
        var proofs: [JSONValue] = []
        switch json["proof"] {
        case .array(let items)?: proofs = items
        case let item?: proofs = [item]
        case nil: break
        }
        for case .object(let proof) in proofs {
            dates += ["created", "expires"].compactMap { proof[$0] }
        }
        var boundaries: [Double] = []
        for value in dates {
            // Only text can be a date; a value of another type fails the same way at every moment.
            guard case .string(let text) = value else { continue }
            guard let date = DateTimeZ(lenient: text) else { return nil }
            let seconds = date.secondsSince1970
            boundaries += [seconds - clockSkew, seconds, seconds + clockSkew]
        }
        return boundaries
    }
}

/// A resolver that remembers every lookup made through it, for `StatusListCache` to tell later whether the same
/// lookups would find the same documents.
final class RecordingResolver: ResourceResolver {
    struct Lookup: Sendable, Equatable {
        var url: String
        var bytes: [UInt8]?
        var origin: DocumentOrigin?
        var reason: String?

        init(url: String, _ answer: ResourceLookup) {
            self.url = url
            switch answer {
            case .found(let bytes, let origin):
                self.bytes = bytes
                self.origin = origin
            case .unavailable(let reason):
                self.reason = reason
            }
        }
    }

    private let base: any ResourceResolver
    private let recorded = Mutex<[Lookup]>([])

    init(_ base: any ResourceResolver) {
        self.base = base
    }

    var lookups: [Lookup] { recorded.withLock { $0 } }

    func resource(at url: String) -> ResourceLookup {
        let answer = base.resource(at: url)
        recorded.withLock { $0.append(Lookup(url: url, answer)) }
        return answer
    }
}
