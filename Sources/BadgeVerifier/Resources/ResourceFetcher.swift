/// Fetches what verification needs from the network — status lists, revocation lists, did:web documents, HTTPS
/// controller documents — for `OnlineResources`. HTTPS only, with time and size limits, and never from private,
/// loopback, link-local or other non-public addresses, whatever a redirect or a DNS answer says:
///
/// - each host is resolved once per request, every address it resolves to is checked, and the connection is
///   made to those checked addresses only (the HTTP client is given them instead of resolving the host again,
///   and refuses to open a socket to any other address);
/// - redirects are followed here, not by the HTTP client, at most `maxRedirects` of them, each new URL checked
///   in the same way as the first;
/// - no proxy is used, whatever the environment says.
public struct ResourceFetcher: Sendable {
    /// Seconds for a whole fetch, redirects included.
    public var timeout: Double
    /// The most bytes one answer may have.
    public var maxBytes: Int
    /// The most URLs one `fetch(_:)` call fetches.
    public var maxFetches: Int
    /// Which schemes and addresses may be fetched from: `.publicHTTPS` except in tests.
    let policy: AddressPolicy
    /// How host names become addresses: the system's resolver except in tests.
    let resolver: any HostResolver

    /// The most redirects one fetch follows.
    static let maxRedirects = 5

    public init(timeout: Double = 10, maxBytes: Int = 4 * 1024 * 1024, maxFetches: Int = 16) {
        self.init(timeout: timeout, maxBytes: maxBytes, maxFetches: maxFetches, policy: .publicHTTPS)
    }

    init(
        timeout: Double = 10, maxBytes: Int = 4 * 1024 * 1024, maxFetches: Int = 16, policy: AddressPolicy,
        resolver: any HostResolver = SystemResolver()
    ) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.maxFetches = maxFetches
        self.policy = policy
        self.resolver = resolver
    }

    /// Fetches each URL it may (HTTPS, public address); returns what arrived and a note per URL that did not.
    public func fetch(_ urls: [String]) -> (resources: [String: [UInt8]], notes: [String]) {
        var resources: [String: [UInt8]] = [:]
        var notes: [String] = []
        for url in urls.prefix(maxFetches) {
            switch fetchOne(url) {
            case .success(let bytes): resources[url] = bytes
            case .failure(let note): notes.append("\(url): \(note.text)")
            }
        }
        return (resources, notes)
    }

    /// Why a URL was not fetched: a sentence fragment for a verification report.
    struct Note: Error { var text: String }

    /// Fetches one URL, following redirects; blocks until the answer, a refusal or the time limit.
    func fetchOne(_ text: String) -> Swift.Result<[UInt8], Note> {
        let start = ContinuousClock.now
        var url = text
        for hop in 1...(Self.maxRedirects + 1) {
            let target: PinnedTarget
            switch pin(url, hop: hop) {
            case .success(let pinned): target = pinned
            case .failure(let note): return .failure(note)
            }
            let elapsed = start.duration(to: .now)
            let left = timeout - Double(elapsed.components.seconds) - Double(elapsed.components.attoseconds) / 1e18
            guard left > 0 else { return .failure(Note(text: noAnswer)) }
            let outcome = ResourceTransport.get(
                target, policy: policy, maxBytes: maxBytes, seconds: left, connectSeconds: min(left, timeout / 2))
            switch outcome {
            case .body(let bytes): return .success(bytes)
            case .timedOut: return .failure(Note(text: Self.atHop(hop, url, ": ") + noAnswer))
            case .failure(let reason): return .failure(Note(text: Self.atHop(hop, url, ": ") + reason))
            case .redirect(let next): url = next
            }
        }
        return .failure(Note(text: "redirected more than \(Self.maxRedirects) times (last to \(url)); not followed"))
    }

    private var noAnswer: String {
        "no answer within \(timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)) s"
    }

    /// How a note about a hop after the first begins: "redirected to URL (hop 2)" and `separator`; nothing for
    /// the first hop, whose URL the note already names.
    private static func atHop(_ hop: Int, _ url: String, _ separator: String) -> String {
        hop == 1 ? "" : "redirected to \(url) (hop \(hop))\(separator)"
    }

    /// Checks one hop's URL — scheme, host, every address the host resolves to (asked once) — and returns where
    /// to connect, or why not.
    func pin(_ text: String, hop: Int) -> Swift.Result<PinnedTarget, Note> {
        if let unavailable = ResourceTransport.unavailable {
            return .failure(Note(text: Self.atHop(hop, text, ": ") + unavailable))
        }
        guard let url = ParsedURL(text), policy.permits(scheme: url.scheme) else {
            return .failure(Note(text: Self.atHop(hop, text, "; ") + "only https:// addresses are fetched"))
        }
        if let literal = url.literal {
            if let kind = policy.refusal(of: literal) {
                let subject = hop == 1 ? "\(url.host) is " : Self.atHop(hop, text, ", ")
                return .failure(Note(text: subject + "\(kind.phrase); not fetched"))
            }
            return .success(PinnedTarget(url: url, addresses: [literal]))
        }
        let subject = hop == 1 ? url.host : Self.atHop(hop, text, ", where ") + url.host
        let addresses: [IPAddress]
        switch resolver.addresses(of: url.host) {
        case .success(let found) where !found.isEmpty: addresses = found
        case .success: return .failure(Note(text: "\(subject) has no address; not fetched"))
        case .failure(let failure):
            return .failure(Note(text: "\(subject) could not be resolved (\(failure.reason)); not fetched"))
        }
        for address in addresses {
            if let kind = policy.refusal(of: address) {
                return .failure(Note(text: "\(subject) resolves to \(address), \(kind.phrase); not fetched"))
            }
        }
        return .success(PinnedTarget(url: url, addresses: addresses))
    }
}
