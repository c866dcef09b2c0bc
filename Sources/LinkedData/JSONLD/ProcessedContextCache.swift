/// A cache of processed JSON-LD contexts, so that the context documents a credential names are parsed and
/// processed once, not once per credential.
///
/// Active contexts are immutable and identified by object identity; an entry maps (parent context, remote
/// context URL or term-scoped context, flags) to the derived context. Each entry keeps its parent and scoped
/// context alive, so an identity in a key is never reused while the entry exists. When the cache holds
/// `maxEntries` entries it is emptied and refilled on demand, which bounds its memory whatever the input.
public final class ProcessedContextCache: Sendable {
    struct Entry: Sendable {
        let parent: ActiveContext
        let anchor: ScopedContext?
        let result: ActiveContext
    }

    struct InitialKey: Hashable, Sendable {
        let base: String?
        let originalBase: String?
        let processingMode: JSONLDOptions.ProcessingMode
    }

    struct Storage: Sendable {
        var derived: [DerivationKey: Entry] = [:]
        var initial: [InitialKey: ActiveContext] = [:]
    }

    /// Most derived contexts kept before the cache is emptied.
    public let maxEntries: Int
    private let storage = Locked(Storage())

    public init(maxEntries: Int = 4096) {
        self.maxEntries = maxEntries
    }

    /// Number of derived contexts held.
    public var count: Int {
        storage.withLock { $0.derived.count }
    }

    /// Drops every cached context.
    public func removeAll() {
        storage.withLock { $0 = Storage() }
    }

    func derived(_ key: DerivationKey) -> ActiveContext? {
        storage.withLock { $0.derived[key]?.result }
    }

    /// Stores `result` for `key` (or returns the context another thread stored first).
    func store(_ key: DerivationKey, parent: ActiveContext, anchor: ScopedContext?, result: ActiveContext)
        -> ActiveContext
    {
        storage.withLock { storage in
            if let existing = storage.derived[key] { return existing.result }
            if storage.derived.count >= maxEntries {
                storage.derived.removeAll(keepingCapacity: true)
            }
            storage.derived[key] = Entry(parent: parent, anchor: anchor, result: result)
            return result
        }
    }

    /// The shared empty context for a base IRI, original base URL and processing mode.
    func initialContext(
        base: String?, originalBase: String?, processingMode: JSONLDOptions.ProcessingMode
    ) -> ActiveContext {
        let key = InitialKey(base: base, originalBase: originalBase, processingMode: processingMode)
        return storage.withLock { storage in
            if let context = storage.initial[key] { return context }
            if storage.initial.count >= 64 { storage.initial.removeAll() }
            var state = ContextState()
            state.baseIRI = base
            state.originalBaseURL = originalBase
            state.processingMode = processingMode
            let context = ActiveContext(state, isShared: true)
            storage.initial[key] = context
            return context
        }
    }
}

/// What a derived context was derived from: a parent context plus a remote context URL or a scoped context.
struct DerivationKey: Hashable, Sendable {
    let parent: ObjectIdentifier
    let scoped: ObjectIdentifier?
    let url: String?
    let flags: UInt8

    static let overrideProtected: UInt8 = 1
    static let noPropagate: UInt8 = 2
    static let noValidateScoped: UInt8 = 4
}
