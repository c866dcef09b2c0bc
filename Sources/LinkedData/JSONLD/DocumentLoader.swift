/// A document retrieved by a `DocumentLoader` (the spec's `RemoteDocument`).
public struct RemoteDocument: Sendable, Hashable {
    /// The final URL of the loaded document, used as base URL for relative references inside it.
    public var documentURL: String
    /// The retrieved document, already parsed.
    public var document: JSONValue
    /// The URL of a context given by an HTTP `Link` header, if any.
    public var contextURL: String?

    public init(documentURL: String, document: JSONValue, contextURL: String? = nil) {
        self.documentURL = documentURL
        self.document = document
        self.contextURL = contextURL
    }
}

/// Retrieves remote documents (contexts) for the JSON-LD algorithms: the spec's `LoadDocumentCallback`.
///
/// A loader decides which URLs a processor may dereference. Laurel's default, `PinnedContexts.loader`,
/// serves only contexts compiled into the binary and refuses every other URL, so processing never touches
/// the network and a context can never change under a signature.
public protocol DocumentLoader: Sendable {
    /// Loads the document at `url` (an absolute IRI), or throws `loading document failed` naming the URL.
    func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument

    /// A cache of processed contexts shared by every processor using this loader, or `nil` for a cache per
    /// processor. Return a shared cache only when the loader always answers the same URL with the same document.
    var processedContextCache: ProcessedContextCache? { get }
}

extension DocumentLoader {
    public var processedContextCache: ProcessedContextCache? { nil }
}

/// A loader that serves a fixed set of documents given as JSON text, and refuses every other URL.
///
/// Each document is parsed once, on first use.
public struct StaticDocumentLoader: DocumentLoader {
    private let storage: Storage

    /// Creates a loader serving `documents` (URL → JSON text).
    public init(documents: [String: String]) {
        storage = Storage(texts: documents)
    }

    public func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
        try storage.document(for: url)
    }

    public var processedContextCache: ProcessedContextCache? { storage.cache }

    /// The URLs this loader serves.
    public var urls: [String] { storage.texts.keys.sorted() }

    private final class Storage: Sendable {
        let texts: [String: String]
        let parsed: Locked<[String: JSONValue]>
        let cache = ProcessedContextCache()

        init(texts: [String: String]) {
            self.texts = texts
            self.parsed = Locked([:])
        }

        func document(for url: String) throws(JSONLDError) -> RemoteDocument {
            if let value = parsed.withLock({ $0[url] }) {
                return RemoteDocument(documentURL: url, document: value)
            }
            guard let text = texts[url] else {
                throw JSONLDError(
                    .loadingDocumentFailed,
                    "the document \(url) is not one this loader serves; only pinned documents are loaded "
                        + "(no network access)")
            }
            let value: JSONValue
            do {
                value = try JSONParser().parse(text)
            } catch {
                throw JSONLDError(.loadingDocumentFailed, "the document \(url) is not valid JSON: \(error)")
            }
            parsed.withLock { $0[url] = value }
            return RemoteDocument(documentURL: url, document: value)
        }
    }
}
