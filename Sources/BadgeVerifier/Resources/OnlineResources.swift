import Synchronization
public import BadgeProofs

/// Resources fetched over HTTPS when a badge names them (`laurel verify` and `laurel serve` do this by default;
/// `--offline` forbids it), through `ResourceFetcher`'s rules: HTTPS only, public addresses only, time and size
/// limits. Each URL is fetched once per `OnlineResources` value, and at most `maxDistinctURLs` URLs are fetched,
/// so one badge cannot make the verifier fetch without end.
public final class OnlineResources: ResourceResolver, Sendable {
    public let fetcher: ResourceFetcher
    public let maxDistinctURLs: Int
    private let answers = Mutex<[String: ResourceLookup]>([:])

    public init(fetcher: ResourceFetcher = ResourceFetcher(), maxDistinctURLs: Int = 64) {
        self.fetcher = fetcher
        self.maxDistinctURLs = maxDistinctURLs
    }

    public func resource(at url: String) -> ResourceLookup {
        let url = OfflineVerificationMethodResolver.withoutFragment(url)
        let known: ResourceLookup?? = answers.withLock { cache in
            if let answer = cache[url] { return .some(answer) }
            return cache.count >= maxDistinctURLs ? .some(nil) : nil
        }
        switch known {
        case .some(.some(let answer)): return answer
        case .some(.none): return .unavailable("not fetched: this verification already fetched \(maxDistinctURLs) addresses")
        case .none: break
        }
        let answer: ResourceLookup
        switch fetcher.fetchOne(url) {
        case .success(let bytes): answer = .found(bytes, origin: .fetched)
        case .failure(let note): answer = .unavailable("it could not be fetched: \(note.text)")
        }
        answers.withLock { $0[url] = answer }
        return answer
    }
}
