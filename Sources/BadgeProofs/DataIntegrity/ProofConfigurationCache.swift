import LinkedData
import Synchronization

/// Canonical proof configurations already computed in this process. A batch of credentials signed (or verified)
/// together shares one proof configuration — same suite, verification method, `created` and `@context` — so its
/// JSON-LD expansion and RDFC-1.0 canonicalization are done once. Only configurations processed with the pinned
/// contexts are kept, keyed by the configuration itself and the processor's options; the cache is small.
final class ProofConfigurationCache: Sendable {
    static let shared = ProofConfigurationCache()

    private struct Key: Hashable {
        var configuration: JSONObject
        var options: JSONLDOptions
    }

    private let entries = Mutex<[Key: String]>([:])
    private let maximumEntries = 32

    func canonical(of configuration: JSONObject, options: JSONLDOptions) -> String? {
        let key = Key(configuration: configuration, options: options)
        return entries.withLock { $0[key] }
    }

    func store(_ canonical: String, of configuration: JSONObject, options: JSONLDOptions) {
        let key = Key(configuration: configuration, options: options)
        entries.withLock { cache in
            if cache.count >= maximumEntries { cache.removeAll() }
            cache[key] = canonical
        }
    }
}
