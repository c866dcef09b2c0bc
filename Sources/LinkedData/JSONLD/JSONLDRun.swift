/// One run of the JSON-LD algorithms over one document: options, the loader, caches, limits and the JSON
/// path of the element being processed (for error messages). Not shared between threads.
final class JSONLDRun {
    enum PathComponent {
        case key(String)
        case index(Int)
    }

    let options: JSONLDOptions
    let loader: any DocumentLoader
    let sharedCache: ProcessedContextCache
    let safeMode: Bool
    /// Whether the expansion feeds toRdf: safe mode then also reports what only toRdf would drop, with the path
    /// in the input document.
    var forRDF = false

    /// Steps of work done so far (elements expanded, terms defined, contexts applied, quads produced).
    @exclusivity(unchecked) var steps = 0
    /// The CPU-time budget of the work this run is part of (a verification), drawn from at every step.
    let budget = WorkBudget.current
    /// Context documents dereferenced so far.
    var contextLoads = 0
    /// Remote contexts applied (from the cache or not), against `JSONLDLimits.maxContextLoads`.
    var contextApplications = 0
    /// Documents dereferenced in this run: a context is never dereferenced twice.
    var loadedDocuments: [String: RemoteDocument] = [:]
    /// Derived contexts whose parent is not shared, valid for this run only. Each entry keeps its parent (and
    /// scoped context) alive, so the identities in its key cannot be reused by other objects.
    var localCache: [DerivationKey: (parent: ActiveContext, anchor: ScopedContext?, result: ActiveContext)] = [:]
    /// Path of the element being expanded, from the document root.
    @exclusivity(unchecked) var path: [PathComponent] = []
    @exclusivity(unchecked) var depth = 0
    /// Nesting of context processing (scoped contexts within contexts).
    var contextDepth = 0
    /// The scoped-context derivations used in this run, searched before the caches (a document applies few).
    /// Entries keep their parent and scoped context alive, like the caches.
    var scopedMemo: [(key: DerivationKey, parent: ActiveContext, anchor: ScopedContext, context: ActiveContext)] = []
    /// What safe mode found would be dropped, in document order.
    var losses: [DataLoss] = []

    struct DataLoss {
        let path: String
        let reason: String
    }

    init(options: JSONLDOptions, loader: any DocumentLoader, sharedCache: ProcessedContextCache) {
        self.options = options
        self.loader = loader
        self.sharedCache = sharedCache
        self.safeMode = options.safeMode
    }

    // MARK: - Errors, limits and paths

    /// The current JSON path, e.g. `credentialSubject.achievement.foo` or `proof[0].type`.
    var pathString: String {
        Self.render(path)
    }

    static func render(_ path: [PathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    func error(_ code: JSONLDError.Code, _ reason: String) -> JSONLDError {
        JSONLDError(code, reason, path: pathString)
    }

    /// Records, in safe mode, that something at the current path (or its member `key`) would be dropped.
    /// Processing goes on as without safe mode, so one error can name every place that loses data.
    func noteLoss(_ reason: String, key: String? = nil) {
        guard safeMode, losses.count < 64 else { return }
        var components = path
        if let key { components.append(.key(key)) }
        let location = Self.render(components)
        if !losses.contains(where: { $0.path == location && $0.reason == reason }) {
            losses.append(DataLoss(path: location, reason: reason))
        }
    }

    /// Throws `DATA_LOSS_DETECTION_ERROR` (VC Data Integrity §2.4.3) when safe mode noted any loss.
    func throwIfDataLoss() throws(JSONLDError) {
        guard let first = losses.first else { return }
        let list = losses.map { ($0.path.isEmpty ? "(document)" : $0.path) + ": " + $0.reason }
        let reason =
            (losses.count == 1
                ? "JSON-LD processing would silently drop data: "
                : "JSON-LD processing would silently drop data in \(losses.count) places: ")
            + list.joined(separator: "; ")
            + ". Safe mode refuses such documents: define the terms in a context (or remove them)."
        var error = JSONLDError(.dataLossDetection, reason, path: first.path)
        error.paths = losses.map(\.path)
        throw error
    }

    @inline(__always)
    func step(_ count: Int = 1) throws(JSONLDError) {
        steps &+= count
        if steps > options.limits.maxWorkSteps {
            throw error(
                .workBudgetExceeded,
                "processing needed more than \(options.limits.maxWorkSteps) steps; the document is too large or "
                    + "too complex for the configured work budget")
        }
        if let budget, !budget.check() {
            throw error(
                .workBudgetExceeded,
                "processing stopped when the work it is part of had used up \(budget.description); the document is "
                    + "too large or too complex to process within it")
        }
    }

    // MARK: - Initial context

    func initialContext(documentURL: String?) -> ActiveContext {
        let base = options.base ?? documentURL
        let originalBase = documentURL ?? options.base
        return sharedCache.initialContext(
            base: base, originalBase: originalBase, processingMode: options.processingMode)
    }

    // MARK: - Context cache

    func cachedDerivation(_ key: DerivationKey, parent: ActiveContext) -> ActiveContext? {
        if parent.isShared {
            return sharedCache.derived(key)
        }
        return localCache[key]?.result
    }

    func storeDerivation(
        _ key: DerivationKey, parent: ActiveContext, anchor: ScopedContext?, result: ActiveContext
    ) -> ActiveContext {
        if parent.isShared {
            let shared = ActiveContext(result.state, isShared: true)
            return sharedCache.store(key, parent: parent, anchor: anchor, result: shared)
        }
        localCache[key] = (parent, anchor, result)
        return result
    }

    /// Applies a term's scoped context to `active` (the result is cached by identity).
    func applyScopedContext(
        _ scoped: ScopedContext, to active: ActiveContext, overrideProtected: Bool = false, propagate: Bool = true
    ) throws(JSONLDError) -> ActiveContext {
        var flags: UInt8 = 0
        if overrideProtected { flags |= DerivationKey.overrideProtected }
        if !propagate { flags |= DerivationKey.noPropagate }
        let key = DerivationKey(
            parent: ObjectIdentifier(active), scoped: ObjectIdentifier(scoped), url: nil, flags: flags)
        try step()
        for entry in scopedMemo where entry.key.parent == key.parent && entry.key.scoped == key.scoped
            && entry.key.flags == flags
        {
            return entry.context
        }
        let result: ActiveContext
        if let hit = cachedDerivation(key, parent: active) {
            result = hit
        } else {
            let derived = try processContext(
                active, local: scoped.value, baseURL: scoped.baseURL, overrideProtected: overrideProtected,
                propagate: propagate)
            result = storeDerivation(key, parent: active, anchor: scoped, result: derived)
        }
        if scopedMemo.count < 64 {
            scopedMemo.append((key, active, scoped, result))
        }
        return result
    }

    // MARK: - Remote documents

    /// Dereferences a context document, at most once per run.
    func dereference(_ url: String) throws(JSONLDError) -> RemoteDocument {
        if let document = loadedDocuments[url] {
            return document
        }
        contextLoads += 1
        if contextLoads > options.limits.maxContextLoads {
            throw error(
                .tooManyContextLoads,
                "more than \(options.limits.maxContextLoads) context documents were needed (last: \(url))")
        }
        let document: RemoteDocument
        do {
            document = try loader.loadDocument(url)
        } catch {
            throw JSONLDError(
                .loadingRemoteContextFailed, "the context \(url) could not be loaded: \(error.reason)",
                path: pathString)
        }
        loadedDocuments[url] = document
        return document
    }
}
